"""Entry point: only routes to the pages."""
import streamlit as st


def main() -> None:
    """Register the pages and run the selected one."""
    pages = [st.Page("pages/overview.py", title="Overzicht", icon=":material/dashboard:", default=True)]
    st.navigation(pages).run()


main()
