"""The HTML tables a page drew with st.html, read back from an AppTest run as frames of the texts a reader sees."""

from __future__ import annotations

import lxml.html
import pandas as pd
from streamlit.testing.v1 import AppTest


def html_tables(at: AppTest, css: str = "static-table") -> list[pd.DataFrame]:
    """Every `<table class="... css ...">` in the page's st.html elements, in page order: its header cells as the
    columns, each body row's cells (row header included) as text, unescaped as the browser shows them."""
    frames = []
    for element in at.get("html"):
        root = lxml.html.fromstring(f"<div>{element.proto.body}</div>")
        for table in root.xpath(f'//table[contains(concat(" ", @class, " "), " {css} ")]'):
            columns = [th.text_content() for th in table.xpath("./thead/tr/th")]
            rows = [[cell.text_content() for cell in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]
            frames.append(pd.DataFrame(rows, columns=columns))
    return frames
