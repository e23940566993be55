"""Accessibility helpers shared by the pages: document language, focus and screen-reader styles, and charts with
their text alternative and a table of the figures behind them."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from kpi import fmt
from kpi.describe import figure_summary
from kpi.figures import PLOTLY_CONFIG
from kpi.i18n import TEXTS, t
from kpi.languages import language
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
table.wrapped-table {border-collapse: collapse; width: 100%; font-size: 0.875rem;}
table.wrapped-table caption {text-align: left; color: #444; padding-bottom: 0.25rem;}
table.wrapped-table th, table.wrapped-table td {border-bottom: 1px solid #D0D0D0; padding: 0.3rem 0.5rem;
    text-align: left; vertical-align: top; font-weight: normal; overflow-wrap: break-word;}
table.wrapped-table tbody th {white-space: nowrap;}
table.wrapped-table thead th {font-weight: 600; background: #F4F4F4; position: sticky; top: 0;
    overflow-wrap: normal;}
table.wrapped-table .num {text-align: right; white-space: nowrap;}
table.static-table caption {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0);}
table.static-table tbody th {font-weight: 600;}
img.sparkline {display: block; width: 100%; height: auto; max-height: 4rem; margin: -0.25rem 0 0.25rem;}
.table-scroll {overflow-x: auto;}  /* a table wider than a phone scrolls sideways in its own box, not the page */
.print-only {display: none;}
@page {margin: 12mm;}
@media print {
  /* Paper: no sidebar, header, toolbar or buttons; the page as one long column that the printer cuts into pages,
     laid out at the width it had on screen and zoomed to the paper's width (the script below measures it), so cards
     stay in their grid and charts, drawn for that width, fit inside the page. */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stExpander"], [data-testid="stSkipLink"], .modebar-container,
  [data-testid="stElementToolbar"] {display: none !important;}
  html, body, #root, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important;}
  [data-testid="stMain"] {margin: 0 !important; padding: 0 !important;}
  [data-testid="stMainBlockContainer"] {padding: 0 !important; max-width: none !important;
    width: var(--kpi-screen-width, auto) !important; zoom: var(--kpi-zoom-portrait, 1);}
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stPlotlyChart"], [data-testid="stMetric"],
  [data-testid="stDataFrame"], table {break-inside: avoid;}
  .table-scroll {overflow: visible;}
  .print-only {display: block;}
}
@media print and (orientation: landscape) {
  [data-testid="stMainBlockContainer"] {zoom: var(--kpi-zoom-landscape, 1);}
}
</style>
""".replace("__FOCUS__", BLUE_TEXT)

# Streamlit serves index.html with lang="en": set the page's real language on <html>, and hide the metric
# sparklines (decorative: the card's tooltip lists the same years and values) from assistive technology.
# Runs again whenever Streamlit redraws, so it holds across reruns and page switches.
SCRIPT = """
<script>
(() => {
  const lang = __LANG__;
  const words = __WORDS__;  // Streamlit's own texts in every other language -> this language
  const perFile = __PER_FILE__;
  // Streamlit's calendar takes its month and day names from navigator.language, read again on every render.
  window.__kpiLocale = __LOCALE__;
  if (!window.__kpiLocaleSet) {
    Object.defineProperty(navigator, 'language', {get: () => window.__kpiLocale, configurable: true});
    window.__kpiLocaleSet = true;
  }
  const ATTRS = ['aria-label', 'title', 'placeholder', 'data-title'];
  const translate = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: node =>
      // Our texts and user text (Markdown) are left alone; a button's label is Markdown too, but Streamlit's own.
      node.parentElement && node.parentElement.closest('script, style, code, [data-testid="stMarkdownContainer"]')
        && !node.parentElement.closest('button') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (!text) continue;
      const head = text.split(', ')[0];  // "Choose date, juni 2018": the fixed part comes first
      if (words[text] !== undefined) node.nodeValue = node.nodeValue.replace(text, words[text]);
      else if (head !== text && words[head] !== undefined) node.nodeValue = node.nodeValue.replace(head, words[head]);
      else if (perFile && / per (file|bestand)$/.test(text) && !text.endsWith(perFile))
        node.nodeValue = node.nodeValue.replace(/per (file|bestand)$/, perFile);
    }
    document.querySelectorAll(ATTRS.map(a => `[${a}]`).join(',')).forEach(el => {
      if (el.closest('[data-testid="stMarkdownContainer"]')) return;
      ATTRS.forEach(a => {
        const v = el.getAttribute(a), head = v && v.split(', ')[0];
        if (v && words[v] !== undefined) el.setAttribute(a, words[v]);
        else if (head && head !== v && words[head] !== undefined) el.setAttribute(a, v.replace(head, words[head]));
      });
    });
  };
  // Print: the page keeps its screen width and is zoomed to the paper's (A4 less 12 mm margins, at 96 px/inch).
  const measure = () => {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main || window.matchMedia('print').matches) return;
    const width = main.getBoundingClientRect().width;
    if (!width) return;
    const root = document.documentElement.style;
    root.setProperty('--kpi-screen-width', `${width}px`);
    root.setProperty('--kpi-zoom-portrait', String(Math.min(1, 703 / width)));
    root.setProperty('--kpi-zoom-landscape', String(Math.min(1, 1032 / width)));
  };
  // A date field drawn before the locale above was set keeps the browser's until Streamlit redraws: a resize
  // event makes it redraw (once per field and language).
  const relocalise = () => {
    const stale = document.querySelectorAll(`[data-testid="stDateInput"]:not([data-kpi-locale="${window.__kpiLocale}"])`);
    if (!stale.length) return;
    stale.forEach(field => field.setAttribute('data-kpi-locale', window.__kpiLocale));
    window.dispatchEvent(new Event('resize'));
  };
  const apply = () => {
    relocalise();
    translate();
    measure();
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    document.querySelectorAll('[data-testid="stMetric"] svg, [data-testid="stMetric"] canvas').forEach(el => {
      const box = el.closest('.vega-embed') || el;
      if (box.getAttribute('aria-hidden') !== 'true') box.setAttribute('aria-hidden', 'true');
    });
  };
  apply();
  if (!window.__kpiA11y) {
    // Once per burst of changes (Streamlit redraws often): the texts are walked after the burst, not per node.
    window.__kpiA11y = new MutationObserver(() => {
      if (window.__kpiA11yPending) return;
      window.__kpiA11yPending = setTimeout(() => {
        window.__kpiA11yPending = null;
        if (window.__kpiA11yApply) window.__kpiA11yApply();
      }, 30);
    });
    window.__kpiA11y.observe(document.body, {childList: true, subtree: true});
  }
  window.__kpiA11yApply = apply;
})();
</script>
"""


def builtin_words(lang: str) -> dict[str, str]:
    """Streamlit's own texts (kpi/texts/reading.py `builtin.*`) as written in every other language -> in `lang`."""
    words: dict[str, str] = {}
    for key, entry in TEXTS.items():
        if key.startswith("builtin.") and key != "builtin.per_file":
            words.update({text: entry[lang] for code, text in entry.items() if code != lang and text != entry[lang]})
    return words


def page_setup(lang: str) -> None:
    """Once per run, before the page: the document language (lang="nl"/"en"), focus, screen-reader and print styles,
    and Streamlit's own texts and calendar in the user's language."""
    st.html(STYLE)  # style only: Streamlit puts it in the event container, it takes no space
    with st.sidebar:  # the sidebar keeps the script out of the page's layout (also where it is hidden)
        st.html(page_script(lang), unsafe_allow_javascript=True, width="content")


def page_script(lang: str) -> str:
    """The page script in `lang`, exactly as served (deploy/haproxy.cfg allows it by its hash)."""
    return (
        SCRIPT.replace("__LANG__", json.dumps(lang))
        .replace("__WORDS__", json.dumps(builtin_words(lang), ensure_ascii=False))
        .replace("__PER_FILE__", json.dumps(t("builtin.per_file", lang)))
        .replace("__LOCALE__", json.dumps(language(lang).locale.replace("_", "-")))
    )


def html_table(
    frame: pd.DataFrame, caption: str, numeric_from: int = 1, numeric: list[bool] | None = None, css: str = "chart-data"
) -> str:
    """`frame` as an HTML table with a caption and column headers; every cell escaped (shown as text), its line breaks
    as <br>, so the table stays one line that Markdown never reads. Numbers are right-aligned: every column from
    `numeric_from`, or those marked in `numeric`."""
    numeric = numeric or [n >= numeric_from for n in range(len(frame.columns))]
    head = "".join(
        f'<th scope="col"{" class=num" if numeric[n] else ""}>{fmt.html_literal(c)}</th>'
        for n, c in enumerate(frame.columns)
    )
    rows = []
    for values in frame.itertuples(index=False):
        cells = [f'<th scope="row">{fmt.html_literal(values[0])}</th>'] + [
            f"<td{' class=num' if numeric[n] else ''}>{fmt.html_literal(v)}</td>"
            for n, v in enumerate(values[1:], start=1)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="{css}"><caption>{fmt.html_literal(caption)}</caption><thead><tr>{head}</tr></thead>'
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
            st.html(table)  # every cell escaped (html_table); st.html skips the Markdown parser
    else:
        st.html(f'<div class="sr-only">{table}</div>')
    return event
