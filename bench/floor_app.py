"""The stack's floor for bench/floor.py: a bare Streamlit page with the Overview's two Plotly charts and an as-of
select, nothing of the product's own code. `?variant=` adds the product's parts one by one:

- `bare`: two plain bar charts (seven bars each, a title with the as-of date), as small as Plotly figures get;
- `figures`: the Overview's own two figures for that as-of date, as built by kpi.figures (read from JSON the benchmark
  wrote, passed as dicts, so no Plotly validation runs here);
- `cards`: those figures plus the page's other elements as the Overview draws them: seven metric cards with a
  sparkline image (an inline SVG) and captions, and the two tables as static HTML tables (the same counts, sizes
  and kinds as the Overview, filled with plain numbers);
- `widgets`: the same, with the widgets the Overview used before issue 23: a Vega-Lite sparkline per metric
  (`chart_data`) and two Glide data grids (`st.dataframe`), to show what they cost.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import streamlit as st

FIGURES = Path(os.environ.get("KPI_FLOOR_FIGURES", "."))
AS_OF = {"31 december 2018 (K4)": "2018-12-31", "30 september 2018 (K3)": "2018-09-30"}  # as the Overview names them
KPIS = 7
CONFIG = {"topojsonURL": "/app/static/topojson/", "displaylogo": False}  # kpi.figures.PLOTLY_CONFIG


def sparkline(trend: list[int]) -> str:
    """A trend as the Overview's cards draw it: a polyline in an inline SVG image."""
    top = max(trend)
    points = " ".join(f"{3 + n * 194 / (len(trend) - 1):.1f},{37 - v / top * 34:.1f}" for n, v in enumerate(trend))
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40"><polyline points="{points}" fill="none" stroke="#005A8C"/></svg>'
    return f'<img class="sparkline" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}" alt="">'


def html_table(columns: int, offset: int) -> str:
    """A static table of KPIS rows as the Overview draws it (escaped display strings, a caption)."""
    head = "".join(f"<th>kolom {c}</th>" for c in range(columns))
    rows = "".join(
        "<tr>" + "".join(f"<td>{r * c + offset}</td>" for c in range(columns)) + "</tr>" for r in range(KPIS)
    )
    return f'<div class="table-scroll"><table><caption>Tabel</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def bare_figure(name: str, as_of: str) -> dict:
    """A plain horizontal bar chart of seven values."""
    values = [(i * 37 + int(as_of[5:7])) % 100 + 10 for i in range(KPIS)]
    return {
        "data": [{"type": "bar", "orientation": "h", "x": values, "y": [f"KPI {i + 1}" for i in range(KPIS)]}],
        "layout": {"title": {"text": f"{name} {as_of}"}, "height": 420},
    }


def our_figure(name: str, as_of: str) -> dict:
    """One of the Overview's figures as kpi.figures builds it (JSON written by bench/floor.py)."""
    return json.loads((FIGURES / f"{name}-{as_of}.json").read_text(encoding="utf-8"))


variant = st.query_params.get("variant", "bare")
st.title("Floor")
as_of = AS_OF[st.selectbox("Stand per", list(AS_OF), key="asof")]  # the Overview's label (dash.as_of, nl)
year = int(as_of[:4])
laid_out = variant in ("cards", "widgets")
if laid_out:
    for start in range(0, KPIS, 4):
        for i, column in zip(range(start, min(start + 4, KPIS)), st.columns(4)):
            with column, st.container(border=True):
                trend = [(i * 13 + y * 7) % 50 + 5 for y in range(2015, year + 1)]
                if variant == "widgets":
                    st.metric(
                        f"KPI {i + 1}", trend[-1], delta=f"+{i} t.o.v. verwacht", chart_data=trend, chart_type="line"
                    )
                else:
                    st.metric(f"KPI {i + 1}", trend[-1], delta=f"+{i} t.o.v. verwacht")
                    st.html(sparkline(trend))
                st.badge("Op koers", color="blue")
                st.caption("  \n".join(f"Regel {n} van de kaart, {as_of}" for n in range(8)))
charts = (
    (("plan", bare_figure), ("annual", bare_figure))
    if variant == "bare"
    else (("plan", our_figure), ("annual", our_figure))
)
for name, build in charts:
    st.plotly_chart(build(name, as_of), key=name, theme=None, config=CONFIG)
    if laid_out:
        st.caption(f"Tekst bij de grafiek {name} {as_of}")
        with st.expander("Cijfers van de grafiek"):
            st.markdown("<table><tr><td>1</td></tr></table>", unsafe_allow_html=True)
if variant == "cards":
    st.subheader("Tabel")
    st.html(html_table(6, int(as_of[5:7])))
    st.subheader("Voortgang")
    st.html(html_table(14, 0))
if variant == "widgets":
    st.subheader("Tabel")
    st.dataframe({f"kolom {c}": [r * c + int(as_of[5:7]) for r in range(KPIS)] for c in range(6)}, hide_index=True)
    st.subheader("Voortgang")
    st.dataframe({f"kolom {c}": [r * c for r in range(KPIS)] for c in range(14)}, hide_index=True, key="progress")
