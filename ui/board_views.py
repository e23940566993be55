"""Board views: the pack's page preview, building the files, downloads, and presentation mode's parts."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pandas as pd
import streamlit as st

from kpi import annual_report, fmt, palette
from kpi.annual_report.content import file_name
from kpi.annual_report.document import TemplateRefused, check_template, configured_template
from kpi.boardpack import House, render
from kpi.boardpack.chartspec import BarChart, so_far
from kpi.boardpack.choices import refused_choices
from kpi.boardpack.pdf import status_colour
from kpi.boardpack.preview import bar_figure
from kpi.boardpack.spec import Kind, Pack, Page, describe_snapshot, status_cell
from kpi.charts import ScoreRow
from kpi.engine import Reference
from kpi.filters import ActivityFilter, from_query
from kpi.i18n import t
from kpi.store import Snapshot
from kpi.targets import STATUSES
from ui import a11y, state

escape = fmt.html_literal  # user text into presentation HTML: escaped, line breaks as <br>

MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "json": "application/json",
}
_FILES = "board.files"  # session key: the last built files and what they were built from
_SEEDED = "board.years_seeded"  # session key: the pack year the mission years slider was last set to
_LOG = logging.getLogger(__name__)


def preview(pack: Pack) -> None:
    """Every page of the pack in a tab: its title, table, charts (as the pack draws them) and text."""
    tabs = st.tabs([f"{n}. {p.title}" for n, p in enumerate(pack.pages, start=1)])
    for n, (tab, page) in enumerate(zip(tabs, pack.pages), start=1):
        with tab:
            _page(page, pack.lang, f"board.preview.{n}")
            st.caption(pack.footer(n))


def _page(page: Page, lang: str, key: str) -> None:
    st.subheader(page.title)
    for line in page.subtitle.splitlines():
        st.text(line)
    if page.kind is Kind.TITLE:
        st.text("\n".join(page.lines))
    elif page.charts:
        for column, chart in zip(st.columns(len(page.charts)), page.charts):
            with column:
                a11y.chart(bar_figure(chart, lang), f"{key}.{chart.key}", lang, chart.alt, chart.table(lang))
        if page.kind is Kind.GROUP:  # each KPI's figures and commentary under the charts
            for column, (heading, text) in zip(st.columns(len(page.items)), page.items):
                column.text(f"{heading}\n{text}")  # commentary is the user's text: never Markdown
    if page.rows:
        frame = pd.DataFrame(list(page.rows), columns=list(page.headers))
        if any(page.details):
            frame[t("board.col.comment", lang)] = list(page.details)
        st.dataframe(frame, hide_index=True)
    if page.kind is Kind.TEXT:
        for heading, text in page.items:
            st.text(f"{heading}\n{text}")


@st.cache_data(show_spinner=False, max_entries=8)
def cached_pack(
    identity: str,
    _snapshot: Snapshot,
    year: int,
    as_of: dt.date,
    lang: str,
    _selection: ActivityFilter,
    _reference: Reference | None = None,
) -> Pack:
    """The described pack, cached on `identity` (every input; the store version stands for the snapshot)."""
    return describe_snapshot(_snapshot, year, as_of, lang, _selection, _reference)


def pack_identity(
    store_root: str, snapshot: Snapshot, year: int, as_of: dt.date, lang: str, selection: ActivityFilter
) -> str:
    """What a pack is made from, as a key for the cached description and the built files."""
    return repr((store_root, snapshot.manifest.version, year, as_of.isoformat(), lang, selection))


def seed_mission_years(year: int) -> None:
    """Start the mission years slider on the pack's year (once per pack year), so it shows what the pack uses."""
    if st.session_state.get(_SEEDED) == year:
        return
    previous = st.session_state.get(_SEEDED)
    current = state.get("years")
    if current is None or (previous is not None and current == f"{previous}-{previous}"):
        state.put("years", f"{year}-{year}")
    st.session_state[_SEEDED] = year


def ignored_values(snapshot: Snapshot, keys: tuple[str, ...], lang: str) -> None:
    """A notice naming the filter values in the address that the data does not know (they are not used)."""
    raw = from_query(state.params(keys), missions_only=True)
    refused = refused_choices(snapshot.activities, snapshot.targets, None, raw)
    if refused:
        items = ", ".join(
            f"{t(f'dash.filter.{name}', lang) if name != 'year' else t('board.year', lang)} '{value}'"
            for name, value, _ in refused
        )
        st.warning(t("board.ignored", lang, items=items), icon=":material/filter_alt_off:")


def build_and_download(pack: Pack, identity: str, lang: str, style: House) -> bool:
    """A build button with a progress bar; once built (for `identity`), downloads for PDF, PowerPoint and record.

    True in the run that built the files (the page then records the pack in the store)."""
    built, fresh = st.session_state.get(_FILES), False
    if st.button(t("board.generate", lang), type="primary", icon=":material/picture_as_pdf:", key="board.build"):
        bar = st.progress(0.0, text=t("board.building", lang))

        def progress(done: int, total: int, kind: str) -> None:
            bar.progress(min(done / max(total, 1), 1.0), text=t("board.writing", lang, kind=kind.upper()))

        try:
            files = render(pack, progress=progress, style=style)
        except Exception:  # a broken template or font must not take the page down
            bar.empty()
            _LOG.exception("board pack not built")  # the detail (it may name the template's path) for the log only
            st.error(t("board.failed", lang))
            return False
        files["json"] = json.dumps(pack.record, ensure_ascii=False, indent=2).encode("utf-8")
        bar.progress(1.0, text=t("board.done", lang))
        built = st.session_state[_FILES] = {"identity": identity, "files": files, "stem": pack.file_stem()}
        fresh = True
    if not built or built["identity"] != identity:
        return fresh
    columns = st.columns([1, 1, 1.4, 0.6])
    for column, kind in zip(columns, ("pdf", "pptx", "json")):
        column.download_button(
            t(f"board.download_{kind}", lang),
            built["files"][kind],
            f"{built['stem']}.{kind}",
            MIME[kind],
            key=f"board.download.{kind}",
            on_click="ignore",
            icon=":material/download:",
        )
    return fresh


def annual_report_download(snapshot: Snapshot, year: int, as_of: dt.date, lang: str, ui_lang: str) -> None:
    """One click: the annual report's KPI section as Word (kpi.annual_report), built from this snapshot on click."""
    template = configured_template()
    try:
        check_template(template)
    except TemplateRefused as error:  # its path on the server goes to the log only
        _LOG.warning("annual report template refused: %s", error.detail())
        st.warning(t("annual.template_refused", ui_lang))
        template = None

    def document() -> bytes:
        return annual_report.write_docx(annual_report.describe_snapshot(snapshot, year, as_of, lang), template)

    st.download_button(
        t("annual.download", ui_lang),
        document,
        file_name(year, lang),
        annual_report.MIME,
        key="board.download.docx",
        help=t("annual.download_help", ui_lang),
        on_click="ignore",
        icon=":material/description:",
    )


# Presentation mode: sized for a projector read from the back of a room; type scales with the screen width
# (clamp) so nothing is cut between 1440 and 1920 pixels wide.
PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {max-width: 100% !important; padding: 1.2rem 2.5rem 1rem !important;}
.present-top {font-size: clamp(22px, 1.5vw, 30px) !important; color: #4A4A4A; margin: 0;}
.present-title {font-size: clamp(44px, 3.3vw, 64px) !important; font-weight: 700; line-height: 1.1; margin: 0.2rem 0 0.8rem;
                color: #1F1F1F; overflow-wrap: anywhere;}
.present-label {font-size: clamp(20px, 1.5vw, 28px) !important; color: #4A4A4A; margin: 0; overflow-wrap: anywhere;}
.present-value {font-size: clamp(72px, 5.8vw, 112px) !important; font-weight: 700; line-height: 1.05; margin: 0;
                color: #1F1F1F;}
.present-sub {font-size: clamp(34px, 2.6vw, 52px) !important; font-weight: 600; line-height: 1.15; margin: 0 0 0.6rem;
              color: #1F1F1F; overflow-wrap: anywhere;}
.present-note {font-size: clamp(26px, 1.8vw, 34px) !important; line-height: 1.35; color: #1F1F1F;
               border-left: 8px solid __BLUE__; padding-left: 1rem; margin: 0.6rem 0 1rem; white-space: pre-wrap;}
table.present-score {width: 100%; border-collapse: collapse; font-size: clamp(20px, 1.4vw, 27px); line-height: 1.25;}
table.present-score th {text-align: left; color: #FFFFFF; background: __BLUE__; padding: 0.3em 0.45em; font-weight: 600;}
table.present-score td {padding: 0.3em 0.45em; border-bottom: 1px solid #C8C8C8; color: #1F1F1F; white-space: nowrap;}
table.present-score td:first-child {white-space: normal;}
table.present-score td.num, table.present-score th.num {text-align: right;}
.present-word {white-space: nowrap;}
table.present-score tr.detail td {color: #4A4A4A; font-size: 0.85em; padding-top: 0; white-space: pre-wrap;}
div[data-testid="stButton"] button p, a[data-testid="stPageLink-NavLink"] p {font-size: 30px !important;}
div[data-testid="stButton"] button {min-height: 72px; padding: 0 2rem;}
.present-chart-note {margin: 0.4rem 0 0;}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"], .block-container {padding: 0.8rem 1rem 1rem !important;}
  /* the scorecard as one block per KPI, each figure on its own line after its column's name */
  table.present-score thead {position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);}
  table.present-score, table.present-score tbody, table.present-score tr, table.present-score td {display: block;}
  table.present-score tr {border-bottom: 2px solid #C8C8C8; padding: 0.3em 0;}
  table.present-score td {border: none; padding: 0.1em 0.2em; white-space: normal; display: flex; gap: 0.6em;
                          justify-content: space-between; text-align: right;}
  table.present-score td::before {color: #4A4A4A; text-align: left;}  /* the column's name: _phone_labels */
  table.present-score td:first-child {display: block; text-align: left;}
  table.present-score td:first-child::before, table.present-score tr.detail td::before {content: none;}
  table.present-score tr.detail {border-bottom: 2px solid #C8C8C8; margin-top: -0.35em;}
  table.present-score tr.detail td:first-child {display: none;}
  div[data-testid="stButton"] button {padding: 0 1rem;}
}
</style>
""".replace("__BLUE__", palette.BLUE)
STATUS_COLOURS: dict[str, str] = {s: status_colour(s, palette.BLUE) for s in STATUSES}  # text shades (AA)
CHART_FONT = 22  # the pack's charts at projector size: labels readable at a distance


def _block(label: str, value: str, css: str = "present-value", colour: str | None = None) -> str:
    style = f' style="color: {colour}"' if colour else ""
    return f'<div class="present-label">{escape(label)}</div><div class="{css}"{style}>{escape(value)}</div>'


def _show_html(markup: str, where=st) -> None:
    """The one way presentation mode puts HTML on the page: a single HTML block (it opens with a block tag and has
    no line break, since user text came through `escape`), so Markdown never reads any of it."""
    if not markup.startswith(("<div", "<table")) or "\n" in markup or "\r" in markup:
        raise ValueError("presentation HTML must be one block on one line")
    where.markdown(markup, unsafe_allow_html=True)


def presentation_top(title: str, top: str) -> None:
    """The page style, the small line at the top (team, year, as-of date, step) and the title."""
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    _show_html(f'<div class="present-top">{escape(top)}</div><div class="present-title">{escape(title)}</div>')


def presentation_scorecard(page: Page) -> None:
    """The scorecard as a large table: every KPI a row, statuses in their colours, comments under their row."""
    numeric = ' class="num"'
    head = "".join(f"<th{numeric if i in page.numeric else ''}>{_words(h)}</th>" for i, h in enumerate(page.headers))
    body = []
    for row, detail, statuses in zip(page.rows, page.details or ("",) * len(page.rows), page.statuses):
        colours = dict(zip((5, 6), (STATUS_COLOURS[s] for s in statuses)))
        cells = "".join(_score_cell(i, c, i in page.numeric, colours.get(i)) for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
        if detail:
            body.append(f'<tr class="detail"><td></td><td colspan="{len(row) - 1}">{escape(detail)}</td></tr>')
    st.markdown(_phone_labels(page.headers), unsafe_allow_html=True)
    _show_html(f'<table class="present-score"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _words(text: str) -> str:
    """Text that wraps between words only, never at a hyphen inside one ('31-03-2018', 'Matchmaking-gesprekken')."""
    return " ".join(f'<span class="present-word">{escape(word)}</span>' for word in text.split())


def _score_cell(col: int, text: str, numeric: bool, colour: str | None) -> str:
    css = ' class="num"' if numeric else ""
    style = f' style="color: {colour}"' if colour else ""
    value = f"<b>{_words(text)}</b>" if col == 0 else escape(text)
    return f"<td{css}{style}>{value}</td>"


def _phone_labels(headers: tuple[str, ...]) -> str:
    """The scorecard's column names for its phone layout (one block per KPI): each cell's name before its figure."""
    rules = "".join(
        f'table.present-score tr:not(.detail) > td:nth-child({n})::before {{content: "{_css_string(h)}";}}'
        for n, h in enumerate(headers, start=1)
        if n > 1
    )
    return f"<style>@media (max-width: 640px) {{{rules}}}</style>"


def _css_string(text: str) -> str:
    """Text inside a CSS string: quotes and backslashes escaped, a line break as a space, no tag can close."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


def presentation_kpi(row: ScoreRow, year: int, lang: str) -> None:
    """One KPI at projector size: realised, annual target, expected to date and status; the plan; commentary."""
    blocks = [
        _block(t("present.realized", lang, year=year), fmt.number(row.realized, lang)),
        _block(t("present.target", lang, year=year), fmt.target(row.annual_target, lang), "present-sub"),
        _block(t("present.expected", lang), _expected_text(row.expected, lang), "present-sub"),
        _block(
            t("board.col.annual_status", lang),
            status_cell(row.annual_status, lang),
            "present-sub",
            STATUS_COLOURS[row.annual_status],
        ),
    ]
    for column, html in zip(st.columns([1.1, 1.1, 1, 1.3]), blocks):
        _show_html(html, column)
    if row.plan_target.defined and row.plan and row.cumulative is not None:
        plan_blocks = [
            _block(
                t("present.cumulative", lang, so_far=so_far(row.plan, year), period=row.plan.period_label()),
                f"{fmt.number(row.cumulative, lang)} / {fmt.target(row.plan_target, lang)}",
                "present-sub",
            ),
            _block(
                t("board.col.plan_status", lang),
                status_cell(row.plan_status, lang),
                "present-sub",
                STATUS_COLOURS[row.plan_status],
            ),
        ]
        for column, html in zip(st.columns([2.2, 2.3]), plan_blocks):
            _show_html(html, column)
    if row.comment:
        _show_html(f'<div class="present-note">{escape(row.comment)}</div>')
    if row.revision:  # the latest revision of its target, as the pack's scorecard names it
        st.caption(fmt.markdown_literal(row.revision))


def _expected_text(value: float | None, lang: str) -> str:
    return fmt.number(value, lang) if value is not None else t("board.none", lang)


def presentation_chart(chart: BarChart, lang: str, height: int) -> None:
    """A KPI's chart at projector size, its note (e.g. no target) as text that wraps, the figures for screen readers
    (the step shows the same figures as text)."""
    if chart.note:
        _show_html(f'<div class="present-label present-chart-note">{escape(chart.note)}</div>')
    a11y.chart(
        projector_figure(chart, lang, height), "present.chart", lang, chart.alt, chart.table(lang), visible=False
    )


def projector_figure(chart: BarChart, lang: str, height: int):
    """A pack chart at projector size, without its title (the step's heading right above it names the KPI), each
    bar's name above the bar so that it reads at any width, a phone's included."""
    return bar_figure(chart, lang, font_size=CHART_FONT, height=height, titled=False, labels_above=True)


def clamp_step(value: str | None, steps: int) -> int:
    """The presentation step from the URL, kept within 1..steps (1 when missing or malformed)."""
    try:
        step = int(value) if value is not None else 1
    except ValueError:
        step = 1
    return min(max(step, 1), max(steps, 1))
