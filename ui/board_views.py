"""Board views: the pack's page preview, building the files with progress, downloads, presentation parts."""
from __future__ import annotations

import datetime as dt
import time
from html import escape

import pandas as pd
import streamlit as st

from kpi import dashboard as vm
from kpi import fmt, palette
from kpi.boardpack import WRITE_STEP, render
from kpi.boardpack.spec import Pack, Page, describe
from kpi.filters import ActivityFilter
from kpi.store import store_dir
from kpi.i18n import t
from kpi.targets import GOOD_STATUSES, STATUSES
from ui import widgets as w

MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_FILES = "board.files"  # session key: the last built files and what they were built from


def preview(pack: Pack) -> None:
    """Every page of the pack in a tab: its title, table, charts (as the app draws them) or text."""
    tabs = st.tabs([f"{n}. {p.title}" for n, p in enumerate(pack.pages, start=1)])
    for n, (tab, page) in enumerate(zip(tabs, pack.pages), start=1):
        with tab:
            _page(page, f"board.preview.{n}")
            st.caption(pack.footer(n))


def _page(page: Page, key: str) -> None:
    st.subheader(page.title)
    if page.subtitle:
        st.caption(page.subtitle)
    if page.kind == "title":
        st.markdown("  \n".join(page.lines))
    elif page.kind == "table":
        st.dataframe(pd.DataFrame(list(page.rows), columns=list(page.headers)), hide_index=True)
    elif page.kind == "charts":
        for column, chart in zip(st.columns(len(page.charts)), page.charts):
            with column:
                w.chart(chart.figure, f"{key}.{chart.key}")
        st.markdown("  \n".join(page.lines))
    else:
        for heading, text in page.items:
            st.markdown(f"**{heading}**  \n{text}")


@st.cache_data(show_spinner=False, max_entries=8)
def cached_pack(identity: str, _activities: pd.DataFrame, _targets: pd.DataFrame, year: int, as_of: dt.date,
                lang: str, _selection: ActivityFilter, _commentary: dict[str, str], version: str) -> Pack:
    """The described pack, cached on `identity` (every input but the frames, which the data version stands for)."""
    return describe(_activities, _targets, year, as_of, lang, _selection, _commentary, version)


def pack_identity(year: int, as_of: dt.date, lang: str, selection: ActivityFilter, commentary: dict[str, str],
                  version: str) -> str:
    """What a pack is made from, as a key for the cached description and the built files."""
    # The store directory and its version label stand for the data frames.
    return repr((str(store_dir()), version, year, as_of.isoformat(), lang, selection, sorted(commentary.items())))


def build_and_download(pack: Pack, identity: str, lang: str) -> None:
    """A build button with a progress bar; once built (for `identity`), downloads for the PDF and the PowerPoint."""
    built = st.session_state.get(_FILES)
    if st.button(t("board.generate", lang), type="primary", icon=":material/picture_as_pdf:", key="board.build"):
        bar = st.progress(0.0, text=t("board.building", lang))

        def progress(done: int, total: int, label: str) -> None:
            text = t("board.writing", lang) if label == WRITE_STEP else t(
                "board.rendering", lang, n=done + 1, total=total, title=label)
            bar.progress(min(done / max(total, 1), 1.0), text=text)

        start = time.perf_counter()
        try:
            files = render(pack, progress=progress)
        except Exception as error:  # a broken browser or font must not take the page down
            bar.empty()
            st.error(t("board.failed", lang, error=error))
            return
        bar.progress(1.0, text=t("board.done", lang, seconds=f"{time.perf_counter() - start:.1f}"))
        built = st.session_state[_FILES] = {"identity": identity, "files": files, "stem": pack.file_stem()}
    if not built or built["identity"] != identity:
        return
    columns = st.columns([1, 1, 2])
    for column, kind in zip(columns, ("pdf", "pptx")):
        column.download_button(t(f"board.download_{kind}", lang), built["files"][kind], f"{built['stem']}.{kind}",
                               MIME[kind], key=f"board.download.{kind}", on_click="ignore",
                               icon=":material/download:")


# Presentation mode: sized for a 1920x1080 projector read from the back of a room.
PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
[data-testid="stMainBlockContainer"], .block-container {max-width: 100% !important; padding: 1.5rem 3rem 1rem !important;}
.present-top {font-size: 28px !important; color: #5A5A5A; margin: 0;}
.present-title {font-size: 64px !important; font-weight: 700; line-height: 1.1; margin: 0.2rem 0 1rem; color: #1F1F1F;}
.present-label {font-size: 30px !important; color: #5A5A5A; margin: 0;}
.present-value {font-size: 112px !important; font-weight: 700; line-height: 1.05; margin: 0; color: #1F1F1F;}
.present-sub {font-size: 60px !important; font-weight: 600; line-height: 1.1; margin: 0 0 0.8rem; color: #1F1F1F;}
.present-note {font-size: 34px !important; line-height: 1.35; color: #1F1F1F; border-left: 8px solid #0072B2;
               padding-left: 1rem; margin: 0.6rem 0 1.2rem;}
div[data-testid="stButton"] button p, a[data-testid="stPageLink-NavLink"] p {font-size: 30px !important;}
div[data-testid="stButton"] button {min-height: 72px; padding: 0 2rem;}
</style>
"""
STATUS_COLOURS: dict[str, str] = {s: palette.BLUE if s in GOOD_STATUSES else (
    palette.GREY if s == "no_target" else palette.VERMILLION) for s in STATUSES}
CHART_FONT = 22  # the app's figures at projector size: labels readable at a distance


def _block(label: str, value: str, css: str = "present-value", colour: str | None = None) -> str:
    style = f' style="color: {colour}"' if colour else ""
    return f'<div class="present-label">{escape(label)}</div><div class="{css}"{style}>{escape(value)}</div>'


def presentation_step(card: vm.KPICard, year: int, step: int, steps: int, lang: str, note: str | None) -> None:
    """One KPI at projector size: realised, target, gap and status; cumulative against the plan; commentary."""
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    top = f"{t('board.team', lang)} · {year} · {t('present.step', lang, step=step, steps=steps)}"
    st.markdown(f'<div class="present-top">{escape(top)}</div><div class="present-title">{escape(card.label)}</div>',
                unsafe_allow_html=True)
    colour = STATUS_COLOURS[card.status]
    blocks = [
        _block(t("present.realized", lang, year=year), fmt.number(card.realized, lang)),
        _block(t("present.target", lang, year=year), card.target_text, "present-sub"),
        _block(t("present.gap", lang), fmt.signed(card.gap, lang) if card.gap is not None else "–", "present-sub"),
        _block(t("board.annual_status", lang), f"{card.icon} {card.status_text}", "present-sub", colour),
    ]
    for column, html in zip(st.columns([1.2, 1, 0.8, 1.3]), blocks):
        column.markdown(html, unsafe_allow_html=True)
    if card.plan:
        cumulative = fmt.number(card.cumulative, lang)
        if card.plan_target.defined:
            cumulative = f"{cumulative} / {card.plan_target_text}"
        plan_blocks = [_block(t("present.cumulative", lang, period=card.plan), cumulative, "present-sub"),
                       _block(t("board.plan_status", lang), f"{card.plan_icon} {card.plan_status_text}",
                              "present-sub", STATUS_COLOURS[card.plan_status])]
        for column, html in zip(st.columns([2.2, 2.1]), plan_blocks):
            column.markdown(html, unsafe_allow_html=True)
    if note:
        st.markdown(f'<div class="present-note">{escape(note)}</div>', unsafe_allow_html=True)


def projector_figure(figure, height: int):
    """The app's figure with type and height for a projector (the figure itself is freshly built)."""
    figure.update_layout(font_size=CHART_FONT, title_font_size=CHART_FONT + 6, height=height)
    return figure


def clamp_step(value: str | None, steps: int) -> int:
    """The presentation step from the URL, kept within 1..steps (1 when missing or malformed)."""
    try:
        step = int(value) if value is not None else 1
    except ValueError:
        step = 1
    return min(max(step, 1), max(steps, 1))
