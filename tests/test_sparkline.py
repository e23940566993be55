"""The KPI card's trend image and the Overview's static tables: markup made from numbers and escaped text only."""

from __future__ import annotations

import base64
import re

import pandas as pd
import pytest

from ui.sparkline import sparkline_html, sparkline_svg
from ui.widgets import _looks_numeric


def test_the_line_runs_from_the_lowest_at_the_bottom_to_the_highest_at_the_top():
    """0, 10, 5 in a 200 x 40 box with 3 of padding: x steps of 97, y 37 (lowest), 3 (highest), 20 (half way)."""
    svg = sparkline_svg([0, 10, 5], "#005A8C")
    assert 'points="3.0,37.0 100.0,3.0 197.0,20.0"' in svg
    assert '<circle cx="197.0" cy="20.0"' in svg  # the dot on the last value
    assert svg.count('"#005A8C"') == 2


def test_a_flat_trend_is_a_line_through_the_middle():
    """Equal values have no range to scale: the line is drawn at half height instead of dividing by zero."""
    assert 'points="3.0,20.0 197.0,20.0"' in sparkline_svg([4, 4], "#111111")


@pytest.mark.parametrize("colour", ['red" onload="x', "#12345", "blue"])
def test_only_a_hex_colour_reaches_the_markup(colour):
    """The colour is the one input that is not a number: anything but #RRGGBB is refused."""
    with pytest.raises(ValueError):
        sparkline_svg([1, 2], colour)


def test_the_image_is_decorative_and_holds_the_svg():
    """An <img> with an empty alt (the card's tooltip has the values), its source the SVG as a data address."""
    html = sparkline_html([1, 3], "#006B4F")
    assert html.startswith('<img class="sparkline" src="data:image/svg+xml;base64,') and 'alt=""' in html
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    assert base64.b64decode(data).decode() == sparkline_svg([1.0, 3.0], "#006B4F")


@pytest.mark.parametrize(
    "cell, numeric",
    [
        ("1.200", True),
        ("+4", True),
        ("−3", True),
        ("24-32", True),
        ("61%", True),
        ("", True),
        ("1 200", True),
        ("niet gedefinieerd", False),
        ("naar rato", False),
        ("MJP 2017-2020", False),
        ("4 per maand", False),
    ],
)
def test_number_cells_are_told_from_text_cells(cell, numeric):
    """A column is right-aligned when every cell is a number as kpi.fmt writes it (or empty)."""
    assert _looks_numeric(cell) is numeric


def test_static_table_cells_are_text(tmp_path):
    """User text in a static table is escaped: a plan named '<b>x</b> *y*' is shown as typed, no markup."""
    from streamlit.testing.v1 import AppTest

    from tests.html_tables import html_tables

    def script():
        import pandas as pd

        from ui.widgets import static_table

        static_table(pd.DataFrame({"Plan": ["<b>x</b> *y*"], "Doel": ["1.200"]}), "Doelen <i>2018</i>")

    at = AppTest.from_function(script).run()
    body = at.get("html")[0].proto.body
    assert "<b>" not in body and "&lt;b&gt;x&lt;/b&gt; *y*" in body and "&lt;i&gt;2018&lt;/i&gt;" in body
    assert "<td class=num>1.200</td>" in body
    assert html_tables(at)[0].equals(pd.DataFrame({"Plan": ["<b>x</b> *y*"], "Doel": ["1.200"]}))
