"""Sign-in and roles without a browser: the gate's decision table, the settings, and every page through AppTest."""

from __future__ import annotations

import hashlib
import subprocess
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from app import PAGES
from kpi import editing as E
from kpi import settings
from kpi.access import AccessRefused, Actor, local_actor
from kpi.importing import commit_import, prepare_import
from kpi.store import open_store
from tests.conftest import ROOT
from tests.html_tables import html_tables
from ui.auth import Mode, Screen, is_loopback, screen_for
from ui.data_views import history_frame, plain, safe_file_name

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "c" * 40,
    "client_id": "kpi",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ROLES = "viewer=@agency.nl;editor=eddie@agency.nl;admin=ada@agency.nl"
# A fresh ID token's claims: issued now, valid for an hour, with a verified address.
FRESH = {"is_logged_in": True, "iss": "http://idp.test", "iat": int(time.time()), "exp": int(time.time()) + 3600}
FRESH |= {"email_verified": True}
VIEWER = {**FRESH, "sub": "vera-1", "email": "vera@agency.nl", "name": "Vera Viewer"}
EDITOR = {**FRESH, "sub": "eddie-1", "email": "eddie@agency.nl", "name": "Eddie Editor"}
ADMIN = {**FRESH, "sub": "ada-1", "email": "ada@agency.nl", "name": "Ada Admin"}
STRANGER = {**FRESH, "sub": "sam-1", "email": "sam@elsewhere.com", "name": "Sam"}
HEADER = "activity_id;date;activity_type;title;direction;role;country;companies\n"


# The gate's decision, as a table ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "address", "opened", "claims", "role", "screen"),
    [
        pytest.param(Mode.LOCAL, "127.0.0.1", "no", {}, None, Screen.PAGES, id="local on loopback: pages"),
        pytest.param(Mode.LOCAL, "localhost", "no", {}, None, Screen.PAGES, id="local on localhost: pages"),
        pytest.param(Mode.LOCAL, "::1", "no", {}, None, Screen.PAGES, id="local on IPv6 loopback: pages"),
        pytest.param(Mode.LOCAL, "0.0.0.0", "no", {}, None, Screen.CLOSED, id="local on every interface: closed"),
        pytest.param(Mode.LOCAL, None, "no", {}, None, Screen.CLOSED, id="local, no address (every interface): closed"),
        pytest.param(Mode.LOCAL, "192.168.1.5", "no", {}, None, Screen.CLOSED, id="local on a LAN address: closed"),
        pytest.param(Mode.LOCAL, "0.0.0.0", "view", {}, None, Screen.PAGES, id="open dashboard accepted: pages"),
        pytest.param(Mode.SIGN_IN, "0.0.0.0", "no", {}, None, Screen.SIGN_IN, id="signed out: sign-in"),
        pytest.param(Mode.SIGN_IN, "127.0.0.1", "edit", {}, None, Screen.SIGN_IN, id="signed out on loopback: sign-in"),
        pytest.param(Mode.SIGN_IN, "0.0.0.0", "no", {"sub": "s"}, None, Screen.NO_ACCESS, id="on no list: no access"),
        pytest.param(Mode.SIGN_IN, "0.0.0.0", "no", {"sub": "s"}, "viewer", Screen.PAGES, id="viewer: pages"),
        pytest.param(Mode.BROKEN, "127.0.0.1", "edit", {}, None, Screen.BROKEN, id="unreadable secrets: closed"),
    ],
)
def test_screen_for(mode, address, opened, claims, role, screen):
    """Which screen a session gets for each mode, bind address, open-dashboard setting and sign-in state."""
    assert screen_for(mode, address, opened, claims, role) is screen


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("", False),
        (None, False),
        ("::", False),
        ("10.0.0.4", False),
        ("dashboard.example", False),
    ],
)
def test_is_loopback(address, loopback):
    """Only addresses that never leave the machine count as loopback; empty means every interface."""
    assert is_loopback(address) is loopback


def test_roles_from_the_environment(monkeypatch):
    """KPI_ROLES lists addresses and domains per role; whitespace around entries is ignored."""
    monkeypatch.setenv("KPI_ROLES", "viewer = @agency.nl, x@partner.eu ; admin=ada@agency.nl")
    assert settings.roles() == {"viewer": ("@agency.nl", "x@partner.eu"), "admin": ("ada@agency.nl",)}


def test_roles_from_secrets_toml(tmp_path, monkeypatch):
    """[kpi.roles] in secrets.toml is read as lists (a single string counts as a one-entry list)."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[kpi.roles]\nviewer = ["@agency.nl"]\neditor = "eddie@agency.nl"\n', encoding="utf-8")
    monkeypatch.delenv("KPI_ROLES", raising=False)
    monkeypatch.setattr(settings, "secrets", lambda path=secrets: tomllib.loads(path.read_text()))
    assert settings.roles() == {"viewer": ("@agency.nl",), "editor": ("eddie@agency.nl",)}


def test_settings_are_declared():
    """The two new settings are in the one table, with the documented defaults."""
    by_name = {s.name: s for s in settings.SETTINGS}
    assert (by_name["open_dashboard"].env, by_name["open_dashboard"].default) == ("KPI_OPEN_DASHBOARD", "no")
    assert (by_name["roles"].env, by_name["roles"].key) == ("KPI_ROLES", "roles")


# Hardening: configuration, run target, git ---------------------------------------------------------------------------


def test_streamlit_config_is_hardened():
    """XSRF on, loopback bind, no error details, viewer toolbar, upload cap equal to the importer's 200 MB."""
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["enableXsrfProtection"] is True
    assert conf["server"]["address"] == "127.0.0.1"
    assert conf["client"] == {"showErrorDetails": "none", "toolbarMode": "viewer"}
    assert conf["server"]["maxUploadSize"] == 200
    assert int(next(s for s in settings.SETTINGS if s.name == "max_upload_mb").default) == 200


def test_make_run_binds_to_loopback():
    """`make run` passes --server.address 127.0.0.1 unless ADDRESS is given."""
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "--server.address 127.0.0.1 " in _streamlit_line(dry)
    wide = subprocess.run(
        ["make", "-n", "run", "ADDRESS=0.0.0.0"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "--server.address 0.0.0.0 " in _streamlit_line(wide)


def _streamlit_line(dry_run: str) -> str:
    """The command line that starts Streamlit in `make -n run` output (make may add directory lines)."""
    return next(line for line in dry_run.splitlines() if "streamlit run" in line)


def test_secrets_toml_is_ignored_by_git():
    """The real secrets file never goes into git."""
    result = subprocess.run(["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, check=False)
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.csv", "report.csv"),
        ("../../etc/passwd", "etc_passwd"),
        ("C:\\Users\\x\\evil.csv", "C_Users_x_evil.csv"),
        ("Ünïcode bestand.problems.csv", "Unicode_bestand.problems.csv"),
        ("a\x00b\nc.csv", "a_b_c.csv"),
        ("...", "download"),
    ],
)
def test_safe_file_name(name, safe):
    """Download names are ASCII with no path separators or control characters."""
    assert safe_file_name(name) == safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("The file bad.csv was not read: 4 problem(s) found.", "The file bad.csv was not read: 4 problem(s) found."),
        ("![x](https://e.test/i.png)", "!\\[x\\](https\\://e.test/i.png)"),
        ("**bold** <b>html</b>", "\\*\\*bold\\*\\* \\<b\\>html\\</b\\>"),
        ("# heading", "\\# heading"),
        ("1. list", "1\\. list"),
        ("see www.e.test or ann@e.test", "see www\\.e.test or ann\\@e.test"),
        (":red[text] $x$", ":red\\[text\\] \\$x\\$"),
    ],
)
def test_plain_escapes_markdown(text, shown):
    """Text put into a Markdown element keeps every mark literal (links, images, emphasis, HTML, lists, math)."""
    assert plain(text) == shown


def test_history_shows_who_did_what_when():
    """The history table names the user, their e-mail (new manifests), the action and the time (09:00 UTC is 10:00
    on the Amsterdam clock in November)."""
    common = {
        "created": "2026-11-28T09:00:00+00:00",
        "source": None,
        "description": "d",
        "checksum": "a" * 64,
        "rows": {"activities": 1, "targets": 2, "commentary": 0},
    }
    old = SimpleNamespace(version=1, label="v1", user=None, action="init", **common)
    new = SimpleNamespace(
        version=2,
        label="v2",
        user="Eddie Editor",
        action="import",
        by={"kind": "oidc", "subject": "eddie-1", "email": "eddie@agency.nl", "name": "Eddie Editor"},
        **common,
    )
    frame = history_frame([old, new], 2, "en")
    assert frame[["Version", "Time", "By", "E-mail", "Action"]].values.tolist() == [
        ["v2 (current)", "28 November 2026 10:00", "Eddie Editor", "eddie@agency.nl", "import"],
        ["v1", "28 November 2026 10:00", "", "", "start (demo)"],
    ]


# Every write path with a viewer's identity -----------------------------------------------------------------------


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_every_write_path_refuses_a_viewer(isolated_store):
    """Import, edit, commentary and roll-back with a viewer's identity raise AccessRefused; the store is byte-identical."""
    store = open_store()
    store.seed_demo()
    prepared = prepare_import(
        store, (HEADER + "NEW-1;2018-07-01;service;Extra;;;NL;2\n").encode(), "new.csv", "activities", "update"
    )
    commit_import(store, prepared, actor=local_actor())  # v2, so v1 can be rolled back to
    before = _tree_digest(isolated_store)
    viewer = Actor(role="viewer", kind="oidc", subject="vera-1", email="vera@agency.nl", name="Vera Viewer")
    current = store.load()
    writes = {
        "import": lambda: commit_import(store, prepared, actor=viewer),
        "edit": lambda: E.save_activity(store, 2, E.activity_removal(current.activities, "BB17-001"), actor=viewer),
        "commentary": lambda: store.save(
            2, commentary=current.commentary, action="commentary", description="c", actor=viewer
        ),
        "rollback": lambda: store.rollback(1, 2, actor=viewer),
    }
    for action, write in writes.items():
        with pytest.raises(AccessRefused) as refused:
            write()
        assert refused.value.problems[0].code == "forbidden", action
        assert dict(refused.value.problems[0].params)["action"] == action
    assert _tree_digest(isolated_store) == before
    assert store.current_version() == 2


# Pages through AppTest -------------------------------------------------------------------------------------------------


@pytest.fixture()
def bind(isolated_store):
    """Set Streamlit's server.address for this test (as `--server.address` would), restored afterwards."""
    previous = st_config.get_option("server.address")
    yield lambda address: st_config.set_option("server.address", address)
    st_config.set_option("server.address", previous)


def _app(page: str | None = None, user: dict | None = None, signed_in_mode: bool = False) -> AppTest:
    """Run app.py (the default page), or a page by its file (AppTest then runs the page script on its own)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    if signed_in_mode:
        at.secrets["auth"] = AUTH
        at.user = user or {"is_logged_in": False}
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _badges(at) -> list[str]:
    """The sign-in mode badges (the Overview's status badges left out)."""
    return [m.value for m in at.markdown if "badge[:material/person:" in m.value]


def test_local_mode_banner(bind):
    """Without [auth], on loopback, the app runs and says it is in local mode (every page: the browser test)."""
    bind("127.0.0.1")
    at = _app()
    assert _badges(at) == [":gray-badge[:material/person: local mode, no sign-in]"]
    assert len(at.metric) == 7


def _html_tables(at: AppTest) -> list[pd.DataFrame]:
    """The static tables (the Overview's KPI tables) the run drew as HTML."""
    return html_tables(at)


def test_local_mode_on_a_network_address_shows_no_figures(bind):
    """Without [auth] on 0.0.0.0: the explanation; and a page script run on its own (no router) shows nothing."""
    bind("0.0.0.0")
    at = _app()
    assert [t.value for t in at.title] == ["No figures without sign-in on a network address"]
    assert "Server address: 0.0.0.0" in [t.value for t in at.text]
    assert "KPI_OPEN_DASHBOARD=view" in at.markdown[0].value
    assert not at.metric and not at.dataframe and not _html_tables(at) and not at.get("plotly_chart")
    for script, *_ in PAGES:  # AppTest runs a page through app.py or, in legacy mode, on its own: both show no data
        at = _app(script)
        assert [t.value for t in at.title] in ([], ["No figures without sign-in on a network address"]), script
        assert not at.metric and not at.dataframe and not _html_tables(at) and not at.get("plotly_chart"), script


def test_open_dashboard_view_shows_figures_but_refuses_changes(bind, monkeypatch):
    """KPI_OPEN_DASHBOARD=view on 0.0.0.0: the Overview's figures, and the Data page's import refused."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_OPEN_DASHBOARD", "view")
    overview = _app()
    assert len(overview.metric) == 7 and _html_tables(overview)  # the Overview's tables are drawn as HTML tables
    data = _app("pages/data_management.py")
    assert not [w for w in data.get("file_uploader")]
    assert data.info[0].value.startswith("With the role viewer you can look at and download the data, but not import")


def test_open_dashboard_edit_allows_import(bind, monkeypatch):
    """KPI_OPEN_DASHBOARD=edit on 0.0.0.0: the import controls are there (the operator accepted it)."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_OPEN_DASHBOARD", "edit")
    assert [w.key for w in _app("pages/data_management.py").get("file_uploader")] == ["data.upload"]


def test_signed_out_visitor_sees_only_the_sign_in(bind):
    """With [auth] and nobody signed in: the sign-in, and nothing of the data on any page."""
    bind("0.0.0.0")
    at = _app(signed_in_mode=True)
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.key for b in at.button] == ["auth.sign_in"]
    assert (
        not at.metric and not at.dataframe and not _html_tables(at) and not at.get("plotly_chart") and not _badges(at)
    )
    for script, *_ in PAGES:  # through app.py (the sign-in) or, in AppTest's legacy mode, on its own (nothing)
        at = _app(script, signed_in_mode=True)
        assert [t.value for t in at.title] in ([], ["Sign in"]), script
        assert not at.metric and not at.dataframe and not _html_tables(at) and not at.get("plotly_chart"), script


def test_signed_in_user_on_no_list_gets_no_access(bind, monkeypatch):
    """A signed-in account on no role list sees 'No access', its own name as text, and a sign-out."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_ROLES", ROLES)
    at = _app(user=STRANGER, signed_in_mode=True)
    assert [t.value for t in at.title] == ["No access"]
    assert "Sam · sam@elsewhere.com" in [t.value for t in at.text]
    assert [b.key for b in at.button] == ["auth.sign_out"] and not at.metric


def test_viewer_sees_the_overview_and_a_refusal_on_the_data_page(bind, monkeypatch):
    """A viewer sees the KPI cards and their name with a sign-out; the Data page refuses import, edit, commentary
    and roll-back but shows the history."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_ROLES", ROLES)
    overview = _app(user=VIEWER, signed_in_mode=True)
    assert len(overview.metric) == 7
    assert "Vera Viewer" in [t.value for t in overview.sidebar.text]
    assert "auth.sign_out" in [b.key for b in overview.sidebar.button]
    data = _app("pages/data_management.py", user=VIEWER, signed_in_mode=True)
    assert [i.value for i in data.info][:3] == [
        (
            "With the role viewer you can look at and download the data, but not import: that needs the role editor. "
            "Ask the administrator for that role."
        ),
        "With the role viewer you cannot edit activities: that needs the role editor.",
        "With the role viewer you cannot write commentary: that needs the role editor.",
    ]
    keys = {b.key for b in data.button}
    assert not keys & {"data.import.confirm", "data.comment.save"}
    assert not [key for key in keys if str(key).startswith("act.")]  # the activity form is not drawn
    assert not data.get("file_uploader")
    assert any("Version" in getattr(d.value, "columns", []) for d in data.dataframe)


def _upload_and_confirm(at: AppTest) -> None:
    at.file_uploader(key="data.upload").set_value(
        ("extra.csv", (HEADER + "NEW-1;2018-07-01;service;Extra;;;NL;2\n").encode(), "text/csv")
    )
    at.run()
    at.button(key="data.import.confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_editor_imports_and_the_history_names_them(bind, monkeypatch):
    """An editor uploads and saves; the new version records their name; no roll-back button for an editor."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_ROLES", ROLES)
    at = _app("pages/data_management.py", user=EDITOR, signed_in_mode=True)
    _upload_and_confirm(at)
    assert open_store().current_version() == 2 and open_store().manifest(2).user == "Eddie Editor"
    history = next(d.value for d in at.dataframe if "Version" in getattr(d.value, "columns", []))
    assert history[["Version", "By", "Action"]].values.tolist()[0] == ["v2 (current)", "Eddie Editor", "import"]
    at.selectbox(key="data.history.pick").set_value("v1").run()
    assert not [b for b in at.button if b.key == "data.history.version.rollback"]
    assert "Only the role admin can roll back." in [c.value for c in at.caption]


def test_admin_rolls_back(bind, monkeypatch):
    """An admin rolls back to v1: v3 holds v1's data and is recorded as the admin's roll-back."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_ROLES", ROLES)
    at = _app("pages/data_management.py", user=ADMIN, signed_in_mode=True)
    _upload_and_confirm(at)
    at.selectbox(key="data.history.pick").set_value("v1").run()
    at.button(key="data.history.version.rollback").click().run()
    assert open_store().current_version() == 2  # the button only asks
    at.button(key="data.history.version.rollback_yes").click().run()
    assert not at.exception, [e.value for e in at.exception]
    store = open_store()
    assert store.current_version() == 3
    assert (store.manifest(3).action, store.manifest(3).user) == ("rollback", "Ada Admin")
    pd.testing.assert_frame_equal(store.load_table(3, "activities"), store.load_table(1, "activities"))


def test_entra_sample_secrets():
    """The sample secrets.toml has every [auth] key Streamlit needs, Entra's metadata URL, and roles that resolve."""
    from kpi.access import role_for

    sample = tomllib.loads((ROOT / "deploy" / "secrets.entra.example.toml").read_text(encoding="utf-8"))
    assert set(sample["auth"]) == {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"}
    assert (
        sample["auth"]["server_metadata_url"]
        == "https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration"
    )
    assert sample["auth"]["redirect_uri"].endswith("/oauth2callback")
    roles = sample["kpi"]["roles"]
    assert [role_for(e, roles) for e in ("x@agency.nl", "a.jansen@agency.nl", "c.bakker@agency.nl", "x@gmail.com")] == [
        "viewer",
        "editor",
        "admin",
        None,
    ]


def _refused_save() -> None:
    from kpi.access import Actor, require
    from ui.data_views import saved_or_stale

    def save():
        require(Actor(role="viewer", kind="oidc", name="**Vera** [x](https://e.test)"), "import")

    saved_or_stale(save, "en", "refused")


def test_a_refused_write_says_why_as_plain_text():
    """A write the guard refuses shows one error naming the role needed; the user's name is not rendered as Markdown."""
    at = AppTest.from_function(_refused_save, default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        (
            "\\*\\*Vera\\*\\* \\[x\\](https\\://e.test) has the role 'viewer'; 'import' needs the role 'editor'. "
            "Nothing was changed. Ask the administrator for the right role."
        )
    ]
    assert not at.dataframe  # a refusal, not a table of file problems


class _Secrets:
    def __init__(self, content: dict | None = None, error_id: str | None = None) -> None:
        self.content, self.error_id = content, error_id

    def __contains__(self, key: str) -> bool:
        if self.error_id:
            from streamlit.errors import StreamlitSecretNotFoundError

            raise StreamlitSecretNotFoundError("secrets: {why}", why=self.error_id, error_id=self.error_id)
        return key in (self.content or {})


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        pytest.param(_Secrets(error_id="no-secrets-found"), Mode.LOCAL, id="no secrets file: local"),
        pytest.param(_Secrets({"kpi": {"store": "x"}}), Mode.LOCAL, id="secrets without [auth]: local"),
        pytest.param(_Secrets({"auth": {"client_id": "x"}}), Mode.SIGN_IN, id="[auth]: sign-in"),
        pytest.param(_Secrets(error_id="failed-parsing-secrets-file"), Mode.BROKEN, id="unreadable secrets: broken"),
    ],
)
def test_mode_from_the_secrets(secrets, expected, monkeypatch):
    """The mode follows [auth]; a secrets file that exists but cannot be parsed fails closed, never to local mode."""
    import streamlit

    from ui.auth import mode

    monkeypatch.setattr(streamlit, "secrets", secrets)
    assert mode() is expected


def test_unverified_email_gives_no_role(bind, monkeypatch):
    """An e-mail the provider marks unverified does not match the allow-list: the account gets 'No access'."""
    bind("0.0.0.0")
    monkeypatch.setenv("KPI_ROLES", ROLES)
    at = _app(user={**ADMIN, "email_verified": False}, signed_in_mode=True)
    assert [t.value for t in at.title] == ["No access"] and not at.metric
