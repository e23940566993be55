"""Keep every page behind the router and the sign-in gate in app.py, also on a fresh server's first request; and
take the app's first-start step before a page reads the data."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from kpi import settings
from ui import auth, loaders

# AppTest re-enters Streamlit's legacy pages mode on every run and addresses pages by their legacy
# hash; the test suite turns the guard off for in-process AppTest runs (real servers keep it on).
GUARD_SETTING = "KPI_ROUTER_GUARD"


def require_router() -> None:
    """Rerun through app.py's `st.navigation` when Streamlit ran this page on its own; then the first start.

    Streamlit treats a `pages/` folder beside the entry script as its legacy multipage mode until
    some session has called `st.navigation`; a page URL opened first on a fresh server (a bookmark
    after a restart) would then run the page without the router: wrong menu, layout and titles.
    """
    if PagesManager.uses_pages_directory and settings.get("router_guard") != "off":
        PagesManager.uses_pages_directory = False
        st.rerun()
    if not auth.allowed():  # app.py's gate shows why; a page that ran without it shows nothing
        st.stop()
    loaders.first_start()  # an empty store gets the demo data, explicitly and once per process (reads never write)
