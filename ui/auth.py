"""Who is looking: local mode or OIDC sign-in (`st.login`), roles from the allow-list, and the gate app.py runs first.

Two modes. Without `[auth]` in the secrets the app is one person's tool on their own machine ("lokaal", may do
everything); on a non-loopback address it then shows no figures unless the operator accepts an open dashboard
(`KPI_OPEN_DASHBOARD`). With `[auth]` nobody sees data before signing in, and a signed-in user needs a role from
`[kpi.roles]`. The store's guard (`kpi.access.require`) is the real check of every write; this module only decides
what a session is shown and who it acts as.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from enum import StrEnum

import streamlit as st

from kpi import settings
from kpi.access import Actor, local_actor, role_for
from kpi.i18n import t

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


def is_loopback(address: str | None) -> bool:
    """Whether the server listens only on this machine (an empty address means every interface)."""
    host = (address or "").strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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


def _claims() -> dict[str, str | None]:
    """The signed-in user's claims, or {} when nobody is signed in."""
    user = st.user
    if not user.get("is_logged_in"):
        return {}
    # Only the `email` claim counts (never a user-chosen name like preferred_username), and not when the provider
    # says it is unverified.
    email = user.get("email") if user.get("email_verified") is not False else None
    return {"sub": user.get("sub"), "email": str(email) if email else None, "name": user.get("name")}


def screen_for(current: Mode, address: str | None, opened: str, claims: dict, role: str | None) -> Screen:
    """The one decision of the gate: which screen a session gets (pure, so it is tested as a table)."""
    if current is Mode.BROKEN:
        return Screen.BROKEN
    if current is Mode.LOCAL:
        return Screen.PAGES if is_loopback(address) or opened != "no" else Screen.CLOSED
    if not claims:
        return Screen.SIGN_IN
    return Screen.PAGES if role else Screen.NO_ACCESS


def _session() -> tuple[Screen, Mode, dict[str, str | None], str | None]:
    """This session's screen and mode, the signed-in user's claims ({} if none) and their role from the allow-list."""
    current = mode()
    claims = _claims() if current is Mode.SIGN_IN else {}
    role = role_for(claims.get("email"), settings.roles()) if claims else None
    return screen_for(current, st.get_option("server.address"), open_dashboard(), claims, role), current, claims, role


def current_actor() -> Actor:
    """Who this session acts as; an actor without a role (refused by every guard) when it may not act."""
    _, current, claims, role = _session()
    if current is Mode.LOCAL:
        opened = open_dashboard()
        if is_loopback(st.get_option("server.address")) or opened == "edit":
            return local_actor()
        return Actor(role="viewer" if opened == "view" else "none", kind="local", name=local_actor().name)
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


def _user_box(claims: dict, role: str, lang: str) -> None:
    """The signed-in user's name (as plain text), role and a sign-out button, in the sidebar."""
    with st.sidebar.container(key="auth.user"):
        st.caption(t("auth.signed_in_as", lang))
        st.text(claims.get("name") or claims.get("email") or claims.get("sub") or "")
        st.caption(t("auth.role_line", lang, role=t(f"auth.role.{role}", lang)))
        st.button(t("auth.sign_out", lang), key="auth.sign_out", on_click=st.logout, icon=":material/logout:")


def _blocked(screen: Screen, lang: str, claims: dict) -> None:
    """One of the screens shown instead of the pages; nothing of the data is read here."""
    from ui.widgets import language_switch  # the sign-in page is Dutch or English too

    lang = language_switch()
    st.title(t(f"auth.{screen}.title", lang))
    if screen is Screen.SIGN_IN:
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
        st.button(t("auth.sign_out", lang), key="auth.sign_out", on_click=st.logout, icon=":material/logout:")
    elif screen is Screen.CLOSED:
        address = st.get_option("server.address") or t("auth.every_address", lang)
        st.warning(t("auth.closed.body", lang), icon=":material/lock:")
        st.text(t("auth.closed.address", lang, address=address))
        st.markdown(t("auth.closed.fix", lang))
    else:
        st.error(t("auth.broken.body", lang), icon=":material/error:")
