"""The board pack described once, as data: the pages both the PDF and the PPTX renderer draw."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd
import plotly.graph_objects as go

from kpi import figures, fmt
from kpi.dashboard import label
from kpi.engine import kpi_table, up_to
from kpi.filters import FILTER_COLUMNS, ActivityFilter, apply_filter
from kpi.i18n import t
from kpi.registry import KPI_GROUPS, KPIS
from kpi.report import report_headers, report_rows
from kpi.schema import Activities as A
from kpi.targets import STATUS_ICONS, Target, end_of_year

# Chart sizes in CSS pixels: a full-width chart and one of a side-by-side pair. The renderers fit
# them into their page keeping the aspect ratio, so one rendering serves both formats.
FULL_SIZE: tuple[int, int] = (1000, 470)
PAIR_SIZE: tuple[int, int] = (560, 470)
WIDE_SIZE: tuple[int, int] = (1000, 380)  # one chart above text lines
# A text line under a chart page's charts (gaps per KPI) takes this share of the content height.
LINE_SHARE = 0.06


@dataclass(frozen=True)
class Chart:
    """One chart of a page: a Plotly figure and the CSS pixel size it is rendered at."""

    key: str
    figure: go.Figure = field(compare=False, repr=False)
    width: int
    height: int


@dataclass(frozen=True)
class Page:
    """One page of the pack; `kind` is title, table, charts or text."""

    kind: str
    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    charts: tuple[Chart, ...] = ()
    items: tuple[tuple[str, str], ...] = ()  # (heading, text) pairs of a text page


@dataclass(frozen=True)
class Pack:
    """The whole pack: its pages and what every footer says."""

    year: int
    as_of: dt.date
    lang: str
    version: str
    pages: tuple[Page, ...]

    def footer(self, page: int) -> str:
        """The footer of page `page` (1-based): team, year, data version, page n of N."""
        return t("board.footer", self.lang, team=t("board.team", self.lang), year=self.year,
                 version=self.version, page=page, pages=len(self.pages))

    def charts(self) -> list[Chart]:
        """Every chart of the pack, in page order."""
        return [c for p in self.pages for c in p.charts]

    def file_stem(self) -> str:
        """A file name without extension, e.g. 'kpi-rapportage-2018-nl'."""
        return f"{t('board.pack_title', self.lang, year=self.year).lower().replace(' ', '-')}-{self.lang}"


def status_cell(status: str, lang: str) -> str:
    """A status as icon and words: '✔ Behaald'."""
    return f"{STATUS_ICONS[status]} {t(f'status.{status}', lang)}"


def table_headers(targets: pd.DataFrame, year: int, lang: str) -> tuple[str, ...]:
    """The report's headers plus the two status columns."""
    return (*report_headers(targets, year, lang), t("board.annual_status", lang), t("board.plan_status", lang))


def table_cells(table: pd.DataFrame, lang: str) -> tuple[tuple[str, ...], ...]:
    """The report's cells plus status (icon and words) for the year and the multi-year plan."""
    rows = report_rows(table, lang)
    return tuple((*cells, status_cell(annual, lang), status_cell(plan, lang))
                 for cells, annual, plan in zip(rows, table["annual_status"], table["plan_status"]))


def filter_text(selection: ActivityFilter, lang: str) -> str:
    """The mission filter in words: 'Land: China, Duitsland' or 'alle missies'."""
    parts = [f"{t(f'col.{column}', lang)}: {', '.join(label(name, v, lang) for v in getattr(selection, name))}"
             for name, column in FILTER_COLUMNS.items() if getattr(selection, name)]
    return "; ".join(parts) if parts else t("board.no_filter", lang)


def gap_lines(table: pd.DataFrame, keys: list[str], lang: str) -> tuple[str, ...]:
    """One line per KPI: realised, annual target and the gap to its minimum."""
    lines = []
    for row in table[table["kpi"].isin(keys)].itertuples(index=False):
        kpi = next(k for k in KPIS if k.key == row.kpi)
        realized = fmt.number(int(row.realized), lang)
        if pd.isna(row.annual_target_min):
            lines.append(t("board.no_gap_line", lang, kpi=kpi.short(lang), realized=realized))
            continue
        target = Target(int(row.annual_target_min), int(row.annual_target_max))
        lines.append(t("board.gap_line", lang, kpi=kpi.short(lang), realized=realized,
                       target=fmt.target(target, lang), gap=fmt.signed(int(row.annual_gap), lang)))
    return tuple(lines)


def mission_rows(activities: pd.DataFrame, year: int, as_of: dt.date, selection: ActivityFilter) -> pd.DataFrame:
    """The year's missions up to `as_of` that match the mission filter."""
    mine = replace(selection, years=(year, year), missions_only=True)
    return apply_filter(up_to(activities, as_of), mine)


def group_charts(table: pd.DataFrame, keys: list[str], group: str, year: int, as_of: dt.date,
                 lang: str) -> tuple[Chart, ...]:
    """Annual against target, and cumulative against the multi-year plan when any KPI of the group has one."""
    annual = figures.annual_vs_target_figure(table, keys, lang, year=year)
    if not table[table["kpi"].isin(keys)]["plan_target_min"].notna().any():
        return (Chart(f"{group}.annual", annual, *WIDE_SIZE),)  # an all-"no target" plan chart says nothing
    cumulative = figures.cumulative_vs_plan_figure(table, keys, lang, as_of=as_of)
    return Chart(f"{group}.annual", annual, *PAIR_SIZE), Chart(f"{group}.cumulative", cumulative, *PAIR_SIZE)


def describe(activities: pd.DataFrame, targets: pd.DataFrame, year: int, as_of: dt.date | None = None,
             lang: str = "nl", selection: ActivityFilter | None = None,
             commentary: dict[str, str] | None = None, version: str = "") -> Pack:
    """The pack for `year` at `as_of` in `lang`: every page, chart and text, nothing rendered yet."""
    as_of = as_of or end_of_year(year)
    selection = selection or ActivityFilter()
    commentary = commentary or {}
    table = kpi_table(activities, targets, year, as_of, lang)
    missions = mission_rows(activities, year, as_of, selection)
    subtitle = filter_text(selection, lang)
    pages = [
        Page("title", t("board.pack_title", lang, year=year), lines=(
            t("board.team", lang), t("board.as_of", lang, date=fmt.date(as_of, lang)),
            t("board.version", lang, version=version), t("board.filter", lang, filter=subtitle))),
        Page("table", t("board.table_title", lang, year=year), subtitle=t("board.as_of", lang, date=fmt.date(as_of, lang)),
             headers=table_headers(targets, year, lang), rows=table_cells(table, lang)),
    ]
    for group in KPI_GROUPS:
        keys = [k.key for k in KPIS if k.group == group]
        title = t(f"board.group.{group}", lang)
        pages.append(Page("charts", title, lines=gap_lines(table, keys, lang),
                          charts=group_charts(table, keys, group, year, as_of, lang)))
        notes = tuple((k.label(lang), commentary[k.key].strip()) for k in KPIS
                      if k.group == group and commentary.get(k.key, "").strip())
        if notes:
            pages.append(Page("text", t("board.commentary_group", lang, group=title), items=notes))
    done = up_to(activities, as_of)
    pages += [
        Page("charts", t("board.by_country", lang), subtitle=subtitle,
             charts=(Chart("missions.country", figures.missions_by_country_figure(missions, lang), *FULL_SIZE),)),
        Page("charts", t("board.by_theme", lang), subtitle=subtitle,
             charts=(Chart("missions.theme", figures.missions_by_theme_figure(missions, lang), *FULL_SIZE),)),
        Page("charts", t("board.funnel", lang),
             charts=(Chart("services.funnel", figures.service_funnel_figure(done, year, lang), *FULL_SIZE),)),
    ]
    return Pack(year, as_of, lang, version, tuple(pages))


def lines_top(page: Page, height: float) -> float:
    """Where a chart page's text lines start, from the top of a content area `height` tall."""
    return height * (1 - LINE_SHARE * len(page.lines))


def chart_boxes(page: Page, width: float, height: float, gap: float) -> list[tuple[float, float, float, float]]:
    """Boxes (x, y-from-top, w, h) for the page's charts in a content area: side by side, aspect kept."""
    n = len(page.charts)
    if not n:
        return []
    usable = lines_top(page, height)
    slot_w = (width - gap * (n - 1)) / n
    boxes = []
    for i, chart in enumerate(page.charts):
        scale = min(slot_w / chart.width, usable / chart.height)
        w, h = chart.width * scale, chart.height * scale
        x = i * (slot_w + gap) + (slot_w - w) / 2
        boxes.append((x, 0.0, w, h))  # top-aligned: text lines go under the charts
    return boxes


def year_of(activities: pd.DataFrame) -> int:
    """The latest year in the activities (the default year of a pack)."""
    return int(activities[A.year].max())
