"""Accessibility helpers shared by the pages: document language, focus and screen-reader styles, and charts with
their text alternative and a table of the figures behind them."""

from __future__ import annotations

import json
from html import escape

import pandas as pd
import streamlit as st

from kpi import fmt
from kpi.describe import figure_summary
from kpi.figures import PLOTLY_CONFIG
from kpi.i18n import t
from kpi.palette import BLUE_TEXT, GREY_TEXT

# Page-wide styles: a focus ring that shows on every control reached by keyboard (3 px, 7:1 on white), a class
# that hides text visually but not from screen readers, and the "figures behind the chart" tables.
STYLE = """
<style>
:focus-visible {outline: 3px solid __FOCUS__ !important; outline-offset: 2px !important;}
[data-testid="stSlider"] [data-rac]:has(> div > input:focus-visible) {outline: 3px solid __FOCUS__;
    outline-offset: 3px; border-radius: 50%;}
.sr-only {position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important;
          margin: -1px !important; overflow: hidden !important; clip: rect(0, 0, 0, 0) !important;
          white-space: nowrap !important; border: 0 !important;}
.stElementContainer:has(.sr-only) {position: absolute !important;}  /* out of the flow: no gap for hidden text */
table.chart-data {border-collapse: collapse; margin: 0.25rem 0;}
table.chart-data caption {text-align: left; font-weight: 600; padding-bottom: 0.25rem;}
table.chart-data th, table.chart-data td {border-bottom: 1px solid #C8C8C8; padding: 0.2rem 0.8rem 0.2rem 0;
                                          text-align: left;}
table.chart-data td.num {text-align: right;}
</style>
""".replace("__FOCUS__", BLUE_TEXT)

# Streamlit serves index.html with lang="en": set the page's real language on <html>, and hide the metric
# sparklines (decorative: the card's tooltip lists the same years and values) from assistive technology.
# Runs again whenever Streamlit redraws, so it holds across reruns and page switches.
SCRIPT = """
<script>
(() => {
  const lang = __LANG__;
  const apply = () => {
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    document.querySelectorAll('[data-testid="stMetric"] svg, [data-testid="stMetric"] canvas').forEach(el => {
      const box = el.closest('.vega-embed') || el;
      if (box.getAttribute('aria-hidden') !== 'true') box.setAttribute('aria-hidden', 'true');
    });
  };
  apply();
  if (!window.__kpiA11y) {
    window.__kpiA11y = new MutationObserver(() => window.__kpiA11yApply && window.__kpiA11yApply());
    window.__kpiA11y.observe(document.body, {childList: true, subtree: true});
  }
  window.__kpiA11yApply = apply;
})();
</script>
"""


def page_setup(lang: str) -> None:
    """Once per run, before the page: the document language (lang="nl"/"en"), focus and screen-reader styles."""
    st.html(STYLE)  # style only: Streamlit puts it in the event container, it takes no space
    with st.sidebar:  # the sidebar keeps the script out of the page's layout (also where it is hidden)
        st.html(SCRIPT.replace("__LANG__", json.dumps(lang)), unsafe_allow_javascript=True, width="content")


def html_table(frame: pd.DataFrame, caption: str, numeric_from: int = 1) -> str:
    """`frame` as an HTML table with a caption and column headers; every cell escaped (shown as text)."""
    head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = [f'<th scope="row">{escape(str(values[0]))}</th>'] + [
            f"<td{' class=num' if n >= numeric_from else ''}>{escape(str(v))}</td>"
            for n, v in enumerate(values[1:], start=1)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="chart-data"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def chart(
    figure,
    key: str,
    lang: str,
    alt: str | None = None,
    data: pd.DataFrame | None = None,
    *,
    visible: bool = True,
    **plotly,
) -> object:
    """A Plotly chart with its text alternative (the chart's accessible name and, when `visible`, a caption under it)
    and the figures behind it as a table in a "figures" expander; `visible=False` keeps both for screen readers only
    (presentation mode, where the same figures are on screen as text). Without `alt` and `data` both are read from
    the figure (kpi.describe.figure_summary). Extra keywords go to st.plotly_chart."""
    if alt is None or data is None:
        summary, table = figure_summary(figure, lang)
        alt, data = alt or summary, data if data is not None else table
    if figure.layout.modebar.color != GREY_TEXT:  # kpi.figures sets it; its figures are shared (ui.figure_cache)
        figure.update_layout(modebar={"color": GREY_TEXT, "activecolor": BLUE_TEXT})  # icons at 3:1 or more
    event = st.plotly_chart(figure, key=key, theme=None, config=PLOTLY_CONFIG, alt=alt, **plotly)
    table = html_table(data, alt)
    if visible:
        st.caption(fmt.markdown_literal(alt))  # holds the data's own names: shown as typed
        with st.expander(t("a11y.show_data", lang), icon=":material/table:"):
            st.markdown(table, unsafe_allow_html=True)
    else:
        st.markdown(f'<div class="sr-only">{table}</div>', unsafe_allow_html=True)
    return event
