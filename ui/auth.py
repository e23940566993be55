"""Who is looking: local mode or OIDC sign-in (`st.login`), roles from the allow-list, and the gate app.py runs first.

Two modes. Without `[auth]` in the secrets the app is one person's tool on their own machine ("lokaal", may do
everything), but only for a request that is local in every way: a loopback bind, a loopback peer, a loopback host
name and no proxy headers. Anything else shows no figures unless the operator accepts an open dashboard
(`KPI_OPEN_DASHBOARD`); a server that declares a public host name (a proxy's replica) needs `[auth]`. With `[auth]`
nobody sees data before signing in, a sign-in counts only while fresh (`KPI_SIGN_IN_HOURS`, the token's `exp`, not
signed out since), and a signed-in user needs a verified address on `[kpi.roles]`. The store's guard
(`kpi.access.require`) is the real check of every write; this module only decides what a session is shown and who
it acts as.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable, Mapping
from enum import StrEnum
from urllib.parse import urlsplit

import streamlit as st

from kpi import settings
from kpi.access import LOCAL_USER, Actor, local_actor, role_for, sign_in_refusal, verified_email
from kpi.i18n import t

log = logging.getLogger(__name__)
PROXY_HEADERS: tuple[str, ...] = ("Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host")

OPEN_VIEW, OPEN_EDIT = ("view", "yes"), ("edit",)  # values of KPI_OPEN_DASHBOARD that open the dashboard


class Mode(StrEnum):
    """How the app was configured."""

    LOCAL = "local"  # no [auth]: one person, no sign-in
    SIGN_IN = "sign_in"  # [auth] configured: OIDC sign-in and roles
    BROKEN = "broken"  # a secrets file exists but cannot be read: fail closed


class Screen(StrEnum):
    """What a session is shown instead of the pages (or PAGES: the pages themselves)."""

    PAGES = "pages"
    SIGN_IN = "sign_in"
    NO_ACCESS = "no_access"
    CLOSED = "closed"  # local mode on a network address without the open-dashboard setting
    BROKEN = "broken"
    NEEDS_AUTH = "needs_auth"  # local mode on a server that declares a public host name (behind a proxy)
    OVERSIZED = "oversized"  # a signed-in name or address too long to be anyone's: sign out


def is_loopback(address: str | None) -> bool:
    """Whether the server listens only on this machine (an empty address means every interface)."""
    host = (address or "").strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(host: str | None) -> str:
    """The host name of a `Host` header (no port, no brackets, lower case); "" when there is none or it is bad."""
    try:
        return (urlsplit(f"//{host or ''}").hostname or "").rstrip(".")
    except ValueError:
        return ""


def local_request(headers: Mapping[str, str], peer: str | None) -> str:
    """ "" when a request is local in every way, else why not: `proxy` (it carries a proxy's headers), `peer` (it
    comes from another machine) or `host` (it names a host other than this machine: DNS rebinding)."""
    lowered = {str(k).lower(): v for k, v in headers.items()}
    if any(name.lower() in lowered for name in PROXY_HEADERS):
        return "proxy"
    if peer is not None and not is_loopback(peer):
        return "peer"
    host = lowered.get("host")
    if host is not None and not is_loopback(host_name(host)):
        return "host"
    return ""


def public_hosts(allowed: list[str] | tuple[str, ...]) -> list[str]:
    """The host names in `server.allowedHosts` that are not this machine (a deployment for the network)."""
    return [h for h in allowed if not is_loopback(h.strip().rstrip("."))]


def open_dashboard() -> str:
    """`no`, `view` or `edit`: what the operator accepts for an open (network, no sign-in) dashboard."""
    value = settings.get("open_dashboard").strip().lower()
    return "edit" if value in OPEN_EDIT else "view" if value in OPEN_VIEW else "no"


def mode() -> Mode:
    """Sign-in when the secrets have an [auth] section; broken when a secrets file exists but can't be read."""
    try:
        return Mode.SIGN_IN if "auth" in st.secrets else Mode.LOCAL
    except FileNotFoundError as error:  # StreamlitSecretNotFoundError: missing, or present but unreadable
        return Mode.LOCAL if getattr(error, "error_id", None) == "no-secrets-found" else Mode.BROKEN


def subject(claims: Mapping[str, object]) -> str:
    """The signed-in person across providers: issuer and `sub` (the key of their sign-outs)."""
    return f"{claims.get('iss') or ''}|{claims.get('sub') or ''}"


def _claims() -> dict[str, object]:
    """The signed-in user's claims, or {} when nobody is signed in (or the sign-in no longer counts: then only
    `refused` says why)."""
    user = {str(k): v for k, v in st.user.to_dict().items()}
    if not user.get("is_logged_in"):
        return {}
    # Only the `email` claim counts (never a user-chosen name like preferred_username), and only when verified.
    trusted = settings.get("email_trusted_issuers").split(",")
    email = verified_email(user, trusted)
    refused = sign_in_refusal(user, time.time(), _max_age_s(), _signed_out_until(user))
    claims = {"sub": user.get("sub"), "email": email, "name": user.get("name"), "iss": user.get("iss")}
    if refused:
        log.info("sign-in of %s refused: %s", str(user.get("sub"))[:80], refused)
        return {"refused": refused, "sub": str(user.get("sub"))[:80], "iat": user.get("iat"), "iss": user.get("iss")}
    return {**claims, "iat": user.get("iat")}


def _max_age_s() -> float:
    """The sign-in age limit in seconds (`KPI_SIGN_IN_HOURS`; an unreadable value counts as the default)."""
    try:
        return max(float(settings.get("sign_in_hours")), 0.0) * 3600
    except ValueError:
        return float(settings.default("sign_in_hours")) * 3600


def _signed_out_until(user: Mapping[str, object]) -> float | None:
    """Up to which issue time this person's sign-ins were signed out (read from the shared store every run)."""
    from kpi.store import open_store
    from kpi.store_base import StoreError

    try:
        return open_store().signed_out_until(subject(user))
    except (StoreError, OSError) as error:  # cannot tell: refuse rather than let a signed-out cookie in
        log.warning("sign-outs unreadable (%s); sign-in refused", error)
        return float("inf")


def screen_for(
    current: Mode,
    address: str | None,
    opened: str,
    claims: dict,
    role: str | None,
    not_local: str = "",
    public: bool = False,
) -> Screen:
    """The one decision of the gate: which screen a session gets (pure, so it is tested as a table).

    `not_local` is why the request is not local ("" when it is: see `local_request`); `public` says the server
    declares a public host name (`server.allowedHosts`), i.e. it is set up for a proxy."""
    if current is Mode.BROKEN:
        return Screen.BROKEN
    if current is Mode.LOCAL:
        if opened != "no":
            return Screen.PAGES
        if public:
            return Screen.NEEDS_AUTH
        return Screen.PAGES if is_loopback(address) and not not_local else Screen.CLOSED
    if claims.get("refused") == "oversized":
        return Screen.OVERSIZED
    if not claims or claims.get("refused"):
        return Screen.SIGN_IN
    return Screen.PAGES if role else Screen.NO_ACCESS


def _not_local() -> str:
    """Why this session's request is not local ("" when it is)."""
    peer = st.context.ip_address  # None for a loopback peer; not a string in AppTest (no connection)
    return local_request(dict(st.context.headers), peer if isinstance(peer, str) else None)


def _public() -> bool:
    """Whether this server declares a host name other than this machine's (set up behind a proxy)."""
    return bool(public_hosts(list(st.get_option("server.allowedHosts") or [])))


def _session() -> tuple[Screen, Mode, dict, str | None]:
    """This session's screen and mode, the signed-in user's claims ({} if none) and their role from the allow-list."""
    current = mode()
    claims = _claims() if current is Mode.SIGN_IN else {}
    role = role_for(claims.get("email"), settings.roles()) if claims and not claims.get("refused") else None
    address = st.get_option("server.address")
    not_local = _not_local() if current is Mode.LOCAL else ""
    screen = screen_for(current, address, open_dashboard(), claims, role, not_local, _public())
    if screen is Screen.NEEDS_AUTH:
        log.error("local mode on a server that declares public host names: configure [auth]; no figures shown")
    return screen, current, claims, role


def current_actor() -> Actor:
    """Who this session acts as; an actor without a role (refused by every guard) when it may not act."""
    _, current, claims, role = _session()
    if current is Mode.LOCAL:
        opened = open_dashboard()
        if is_loopback(st.get_option("server.address")) and not _not_local() and not _public():
            return local_actor()
        # An open dashboard: whoever reaches it reads (view) or also imports and edits (edit), never rolls back.
        return Actor(role={"edit": "editor", "view": "viewer"}.get(opened, "none"), kind="local", name=LOCAL_USER)
    if claims.get("refused"):
        return Actor(role="none", kind="anonymous")
    return Actor(
        role=role or "none",
        kind="oidc" if claims else "anonymous",
        subject=claims.get("sub"),
        email=claims.get("email"),
        name=claims.get("name"),
    )


def allowed() -> bool:
    """Whether this session may see the pages (checked again by every page, in case one ran without the router)."""
    return _session()[0] is Screen.PAGES


def gate(lang: str) -> Callable[[], None] | None:
    """Run before the pages: None when this session may see them (after drawing the banner or the user box),
    else the screen to show in place of every page (sign-in, no access, or why there are no figures)."""
    screen, current, claims, role = _session()
    if screen is not Screen.PAGES:
        return lambda: _blocked(screen, lang, claims)
    if current is Mode.LOCAL:
        st.badge(t("auth.local_banner", lang), icon=":material/person:", color="gray")
    else:
        _user_box(claims, role or "", lang)
    return None


def sign_out() -> None:
    """Sign out for good: record that this sign-in (and every older one of the person) no longer counts, in the
    store every replica reads, so a copied cookie stops working too; then Streamlit's own sign-out."""
    from kpi.store import open_store
    from kpi.store_base import StoreError

    user = st.user.to_dict()
    issued = user.get("iat")
    if user.get("is_logged_in") and isinstance(issued, int | float):
        try:
            open_store().record_sign_out(subject(user), float(issued))
        except (StoreError, OSError) as error:
            log.error("sign-out not recorded (%s): the cookie still counts until it expires", error)
    st.logout()


def _sign_out_button(lang: str) -> None:
    st.button(t("auth.sign_out", lang), key="auth.sign_out", on_click=sign_out, icon=":material/logout:")


def _user_box(claims: dict, role: str, lang: str) -> None:
    """The signed-in user's name (as plain text), role and a sign-out button, in the sidebar."""
    with st.sidebar.container(key="auth.user"):
        st.caption(t("auth.signed_in_as", lang))
        st.text(str(claims.get("name") or claims.get("email") or claims.get("sub") or ""))
        st.caption(t("auth.role_line", lang, role=t(f"auth.role.{role}", lang)))
        _sign_out_button(lang)


def _blocked(screen: Screen, lang: str, claims: dict) -> None:
    """One of the screens shown instead of the pages; nothing of the data is read here."""
    from ui.widgets import language_switch  # the sign-in page is Dutch or English too

    lang = language_switch()
    st.title(t(f"auth.{screen}.title", lang))
    if screen is Screen.SIGN_IN:
        if claims.get("refused"):  # expired, too old or signed out: say so, then the same sign-in
            st.info(t(f"closed.refused.{claims['refused']}", lang), icon=":material/schedule:")
        st.write(t("auth.sign_in.body", lang))
        st.button(
            t("auth.sign_in.button", lang),
            key="auth.sign_in",
            on_click=st.login,
            type="primary",
            icon=":material/login:",
        )
    elif screen is Screen.NO_ACCESS:
        st.warning(t("auth.no_access.body", lang), icon=":material/block:")
        st.caption(t("auth.signed_in_as", lang))
        st.text(" · ".join(str(v) for v in (claims.get("name"), claims.get("email")) if v) or str(claims.get("sub")))
        _sign_out_button(lang)
    elif screen is Screen.OVERSIZED:
        st.warning(t("closed.oversized.body", lang), icon=":material/block:")
        _sign_out_button(lang)
    elif screen is Screen.CLOSED:
        address = st.get_option("server.address") or t("auth.every_address", lang)
        reason = _not_local()
        st.warning(t(f"closed.reason.{reason}" if reason else "auth.closed.body", lang), icon=":material/lock:")
        st.text(t("auth.closed.address", lang, address=address))
        st.markdown(t("auth.closed.fix", lang))
    elif screen is Screen.NEEDS_AUTH:
        st.error(t("closed.needs_auth.body", lang), icon=":material/lock:")
    else:
        st.error(t("auth.broken.body", lang), icon=":material/error:")
