"""Keep every page behind the router in app.py, also on a fresh server's first request."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_router() -> None:
    """Rerun through app.py's `st.navigation` when Streamlit ran this page on its own.

    Streamlit treats a `pages/` folder beside the entry script as its legacy multipage mode until
    some session has called `st.navigation`; a page URL opened first on a fresh server (a bookmark
    after a restart) would then run the page without the router: wrong menu, layout and titles.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
