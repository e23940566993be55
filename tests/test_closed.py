"""Closed by default, without a browser: which addresses count, which sign-ins still count, which requests are local,
and the gate's screens for them."""

from __future__ import annotations

import pytest

from kpi.access import role_for, sign_in_refusal, verified_email
from kpi.store import StoreError, open_store
from kpi.store_base import user_message
from kpi.store_location import masked
from ui.auth import Mode, Screen, host_name, local_request, public_hosts, screen_for

ALLOW = {
    "viewer": ("@agency.nl",),
    "editor": ("eddie@agency.nl", "zoë@agency.nl"),
    "admin": ("c.bakker@agency.nl",),
}


@pytest.mark.parametrize(
    ("email", "role"),
    [
        pytest.param("c.bakker@agency.nl", "admin", id="listed address"),
        pytest.param("C.Bakker@Agency.NL", "admin", id="ASCII case does not matter"),
        pytest.param("  c.bakker@agency.nl ", "admin", id="surrounding space"),
        pytest.param("c.ba\u212a\u212aer@agency.nl", None, id="Kelvin sign K: no role at all"),
        pytest.param("c.bakker@\u0430gency.nl", None, id="Cyrillic a in the domain: no role"),
        pytest.param("c.b\u0430kker@agency.nl", None, id="Cyrillic a in the name: not even the domain's viewer"),
        pytest.param("c.bakker@agency.nl\u200b", None, id="zero-width space"),
        pytest.param("c.bakker@ａgency.nl", None, id="fullwidth a (NFKC would fold it)"),
        pytest.param("zoë@agency.nl", "editor", id="non-ASCII listed exactly"),
        pytest.param("ZOË@agency.nl", None, id="non-ASCII not exactly as listed"),
        pytest.param("anyone@agency.nl", "viewer", id="domain entry"),
        pytest.param("anyone@sub.agency.nl", None, id="a subdomain is another domain"),
        pytest.param("anyone@agency.nl.evil.test", None, id="the domain as a prefix"),
        pytest.param("a@b@agency.nl", None, id="two at signs"),
        pytest.param("@agency.nl", None, id="no local part"),
        pytest.param("x@agency_nl", None, id="not a host name"),
        pytest.param(None, None, id="no address"),
    ],
)
def test_role_for_folds_ascii_and_takes_others_only_exactly(email, role):
    """Plain ASCII addresses compare case-insensitively; any other address gets a role only when listed exactly."""
    assert role_for(email, ALLOW) == role


@pytest.mark.parametrize(
    ("claims", "trusted", "counts"),
    [
        pytest.param({"email_verified": True}, (), True, id="true"),
        pytest.param({"email_verified": False}, (), False, id="false"),
        pytest.param({"email_verified": "false"}, (), False, id='the string "false"'),
        pytest.param({"email_verified": "true"}, (), False, id='the string "true" is not true'),
        pytest.param({"email_verified": 1}, (), False, id="the number 1"),
        pytest.param({}, (), False, id="missing"),
        pytest.param({}, ("https://idp.test/v2.0",), True, id="missing, issuer trusted"),
        pytest.param({}, ("https://idp.test/v2.0/",), True, id="missing, issuer trusted with a trailing slash"),
        pytest.param({}, ("https://other.test",), False, id="missing, another issuer trusted"),
        pytest.param({"email_verified": False}, ("https://idp.test/v2.0",), False, id="false, issuer trusted"),
        pytest.param({"email_verified": None}, ("https://idp.test/v2.0",), False, id="null, issuer trusted"),
    ],
)
def test_an_address_counts_only_when_verified_or_its_provider_is_trusted(claims, trusted, counts):
    """`email_verified` must be exactly true; only a trusted provider's missing claim stands in for it."""
    user = {"email": "ada@agency.nl", "iss": "https://idp.test/v2.0", **claims}
    assert verified_email(user, trusted) == ("ada@agency.nl" if counts else None)


NOW = 1_800_000_000.0
TWELVE_HOURS = 12 * 3600


@pytest.mark.parametrize(
    ("claims", "signed_out", "refusal"),
    [
        pytest.param({"iat": NOW - 60, "exp": NOW + 3540}, None, "", id="fresh"),
        pytest.param({"iat": NOW - 3600, "exp": NOW}, None, "expired", id="exp is now"),
        pytest.param({"iat": NOW - 60}, None, "expired", id="no exp"),
        pytest.param({"exp": NOW + 60}, None, "expired", id="no iat"),
        pytest.param({"iat": NOW - TWELVE_HOURS - 1, "exp": NOW + 60}, None, "too_old", id="older than 12 h"),
        pytest.param({"iat": NOW - TWELVE_HOURS, "exp": NOW + 60}, None, "", id="exactly 12 h"),
        pytest.param({"iat": NOW - 60, "exp": NOW + 60}, NOW - 60, "signed_out", id="this sign-in signed out"),
        pytest.param({"iat": NOW - 60, "exp": NOW + 60}, NOW - 61, "", id="an older sign-in signed out"),
        pytest.param({"iat": NOW - 60, "exp": NOW + 60, "name": "x" * 6000}, None, "oversized", id="6,000-char name"),
        pytest.param({"iat": NOW - 60, "exp": NOW + 60, "email": "a" * 400 + "@x.nl"}, None, "oversized", id="email"),
        pytest.param({"iat": NOW - 60, "exp": NOW + 60, "name": "x" * 320}, None, "", id="320-char name"),
    ],
)
def test_a_sign_in_counts_while_fresh_unexpired_and_not_signed_out(claims, signed_out, refusal):
    """The ID token's exp, the 12-hour limit counted from iat, a recorded sign-out, and absurd claims."""
    assert sign_in_refusal(claims, NOW, TWELVE_HOURS, signed_out) == refusal


@pytest.mark.parametrize(
    ("headers", "peer", "reason"),
    [
        pytest.param({"Host": "127.0.0.1:8501"}, None, "", id="loopback"),
        pytest.param({"Host": "localhost:8501"}, None, "", id="localhost"),
        pytest.param({"Host": "[::1]:8501"}, None, "", id="IPv6 loopback"),
        pytest.param({}, None, "", id="no Host (in-process AppTest)"),
        pytest.param({"Host": "127.0.0.1", "X-Forwarded-For": "10.1.2.3"}, None, "proxy", id="X-Forwarded-For"),
        pytest.param({"Host": "127.0.0.1", "x-real-ip": "10.1.2.3"}, None, "proxy", id="X-Real-IP any case"),
        pytest.param({"Host": "127.0.0.1", "Forwarded": "for=10.1.2.3"}, None, "proxy", id="Forwarded"),
        pytest.param({"Host": "127.0.0.1:8501"}, "192.168.1.20", "peer", id="a peer on the network"),
        pytest.param({"Host": "127.0.0.1:8501"}, "127.0.0.1", "", id="a loopback peer"),
        pytest.param({"Host": "rebind.evil.test:8501"}, None, "host", id="another host name (DNS rebinding)"),
        pytest.param({"Host": "localhost.evil.test"}, None, "host", id="localhost as a prefix"),
        pytest.param({"Host": "0.0.0.0:8501"}, None, "host", id="0.0.0.0"),
    ],
)
def test_a_request_is_local_only_without_proxy_headers_from_a_loopback_peer_and_host(headers, peer, reason):
    """Why a request is not the local user's: a proxy's headers, another machine, or another host name."""
    assert local_request(headers, peer) == reason


def test_host_names_and_public_hosts():
    """The Host header's name without port or brackets; allowedHosts entries that are not this machine."""
    assert [host_name(h) for h in ("Example.NL:443", "[::1]:80", "127.0.0.1", "", None)] == [
        "example.nl",
        "::1",
        "127.0.0.1",
        "",
        "",
    ]
    assert public_hosts(["localhost", "127.0.0.1", "::1"]) == []
    assert public_hosts(["localhost", "kpi.example.nl", "*"]) == ["kpi.example.nl", "*"]


@pytest.mark.parametrize(
    ("kwargs", "screen"),
    [
        pytest.param({}, Screen.PAGES, id="local request: pages"),
        pytest.param({"not_local": "proxy"}, Screen.CLOSED, id="proxied: closed"),
        pytest.param({"not_local": "host"}, Screen.CLOSED, id="rebinding: closed"),
        pytest.param({"not_local": "peer"}, Screen.CLOSED, id="another machine: closed"),
        pytest.param({"public": True}, Screen.NEEDS_AUTH, id="a public host name without [auth]: needs sign-in"),
        pytest.param({"not_local": "proxy", "opened": "view"}, Screen.PAGES, id="proxied, open view accepted"),
    ],
)
def test_local_mode_screens(kwargs, screen):
    """Local mode on a loopback bind: only a request that is local in every way gets the pages."""
    args = {"opened": "no", **kwargs}
    opened = args.pop("opened")
    assert screen_for(Mode.LOCAL, "127.0.0.1", opened, {}, None, **args) is screen


@pytest.mark.parametrize(
    ("claims", "role", "screen"),
    [
        pytest.param({"refused": "oversized", "sub": "s"}, None, Screen.OVERSIZED, id="oversized: sign-out screen"),
        pytest.param({"refused": "expired", "sub": "s"}, None, Screen.SIGN_IN, id="expired: sign in again"),
        pytest.param({"refused": "signed_out", "sub": "s"}, "admin", Screen.SIGN_IN, id="signed out: sign in again"),
        pytest.param({"sub": "s", "email": None}, None, Screen.NO_ACCESS, id="unverified: no access"),
    ],
)
def test_sign_in_screens(claims, role, screen):
    """A sign-in that no longer counts never reaches the pages, whatever role it would have."""
    assert screen_for(Mode.SIGN_IN, "0.0.0.0", "no", claims, role, public=True) is screen


SECRET_URL = "postgresql://kpi:pw-in-userinfo@127.0.0.1:9/kpi?sslmode=disable&password=pw-in-query&sslpassword=pw-key"


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        pytest.param(
            SECRET_URL, "postgresql://***@127.0.0.1:9/kpi?sslmode=disable&password=***&sslpassword=***", id="all"
        ),
        pytest.param("postgresql://db.internal/kpi", "postgresql://db.internal/kpi", id="nothing to mask"),
        pytest.param("postgresql://kpi@db/kpi", "postgresql://***@db/kpi", id="a user name only"),
        pytest.param(
            "postgres://u:p@[::1]:5432/k?PASSWORD=x", "postgres://***@[::1]:5432/k?PASSWORD=***", id="IPv6, case"
        ),
        pytest.param(
            "postgresql://u:p@h/k?options=-csearch_path%3Dx", "postgresql://***@h/k?options=***", id="unknown"
        ),
        pytest.param("/srv/kpi/store", "/srv/kpi/store", id="a folder"),
    ],
)
def test_a_store_url_is_masked_wherever_it_is_shown(location, shown):
    """User info and every query value that may be a credential become ***; harmless ones (sslmode) stay."""
    assert masked(location) == shown


def test_an_unreachable_database_names_no_credential(caplog):
    """The message a user or the CLI gets for an unreachable PostgreSQL store, and the log, hold no password."""
    store = open_store(SECRET_URL)
    assert store.shown == "postgresql://***@127.0.0.1:9/kpi?sslmode=disable&password=***&sslpassword=***"
    with pytest.raises(StoreError) as raised:
        store.current_version()
    text = " ".join(raised.value.message(lang) for lang in ("nl", "en")) + caplog.text
    assert "127.0.0.1:9" in text
    assert not any(secret in text for secret in ("pw-in-userinfo", "pw-in-query", "pw-key", "kpi:"))


def test_a_store_problem_shown_to_users_names_no_server_path(tmp_path):
    """The dashboard's message for a store problem leaves out the folder; the CLI's keeps it for the operator."""
    error = StoreError("store_read_only", location=str(tmp_path / "srv" / "kpi-store"))
    assert "kpi-store" in error.message("en")
    assert (
        user_message(error, "en")
        == "The store (the server) cannot be written to (read-only or no permission). Nothing was saved. Ask the administrator for write access to the store."
    )
    assert "kpi-store" not in user_message(error, "nl") and "de server" in user_message(error, "nl")


def test_an_unreachable_database_shown_to_users_names_no_host(caplog):
    """libpq's reason names the host, address and port: the operator's message keeps it, the dashboard's does not."""
    reason = 'connection to server at "db.internal" (10.0.0.5), port 5432 failed: Connection refused'
    error = StoreError("store_unreachable", location="postgresql://***@db.internal/kpi", reason=reason)
    assert "10.0.0.5" in error.message("en")
    shown = " ".join(user_message(error, lang) for lang in ("nl", "en"))
    assert "db.internal" not in shown and "10.0.0.5" not in shown and "5432" not in shown
    assert "De database op de server is niet bereikbaar (de reden staat in het logboek van de server)" in shown
    assert "The database on the server cannot be reached (the reason is in the server's log)" in shown
    assert "10.0.0.5" in caplog.text  # the operator finds it in the server's log
