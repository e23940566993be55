"""Entry point: only routes to the pages."""

from pathlib import Path

import streamlit as st

from kpi.i18n import lang_or_default, t
from ui import a11y, auth

ICON = str(Path(__file__).resolve().parent / "static" / "favicon.png")  # served by the app: no request elsewhere
PAGES: tuple[tuple[str, str, str, str], ...] = (
    # (script, text key of the title, material icon, URL path)
    ("pages/overview.py", "page.overview", ":material/dashboard:", "overview"),
    ("pages/missions.py", "page.missions", ":material/flight:", "missions"),
    ("pages/trends.py", "page.trends", ":material/show_chart:", "trends"),
    ("pages/services.py", "page.services", ":material/handshake:", "services"),
    ("pages/board.py", "page.board", ":material/slideshow:", "board"),
    ("pages/presentation.py", "page.presentation", ":material/tv:", "presentation"),
    ("pages/data_management.py", "page.data", ":material/database:", "data"),
)


def main() -> None:
    """Register the pages in the user's language and run the selected one, once the gate lets the session in."""
    st.set_page_config(page_title="Internationaal ondernemen", page_icon=ICON, layout="wide")
    lang = lang_or_default(st.query_params.get("lang"))
    a11y.page_setup(lang)  # lang="nl"/"en" on <html>, visible focus, screen-reader styles
    blocked = auth.gate(lang)  # sign-in, no access or no figures on an open address: shown at every page's URL
    pages = [
        st.Page(
            blocked or script,
            title=t(key, lang),
            icon=icon,
            default=(n == 0),
            url_path=url_path,
        )
        for n, (script, key, icon, url_path) in enumerate(PAGES)
    ]
    st.navigation(pages, position="hidden" if blocked else "sidebar").run()


if __name__ == "__main__":  # streamlit runs the script as __main__; tests import PAGES
    main()
