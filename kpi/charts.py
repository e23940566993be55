"""Charts described as data, the percent-of-target chart among them: light enough for the Overview to build.

One description is drawn by every renderer: Plotly for the Overview, the Board preview and presentation mode
(kpi.figures.percent_traces, kpi.boardpack.preview), native charts in the PowerPoint pack and the Word report,
vector bars in the PDF. Every chart has one value axis starting at zero, so 119 and 7 never draw as bars of equal
length. The pack's other charts are in kpi.boardpack.chartspec.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kpi import describe, fmt, palette
from kpi import pace as pc
from kpi import targets as tg
from kpi.axes import percent_top
from kpi.engine import KPITable, rows_of
from kpi.i18n import t
from kpi.targets import STATUS_ICONS, Plan


@dataclass(frozen=True)
class ScoreRow:
    """One KPI as the pack shows it: the year, the multi-year plan, statuses, change and comment."""

    key: str
    label: str
    short: str
    realized: int
    annual_target: tg.Target
    expected: float | None  # expected by the as-of date against the annual target (None without one)
    forecast: float | None  # year-end forecast at the team's pace
    annual_status: str
    plan: tg.Plan | None
    plan_target: tg.Target
    cumulative: int | None
    plan_expected: float | None
    plan_status: str
    change: int | None  # change since the reference (None when the table has no reference)
    comment: str
    revision: str = ""  # the latest revision of its target in the plans shown (kpi.revisions), '' for none
    year_running: bool = False  # KPIRow.year_running: the one answer to "is the year still running"
    plan_running: bool = False  # KPIRow.plan_running
    plan_forecast: pc.Forecast | None = None  # at the plan's end


def score_rows(table: KPITable, lang: str, commentary: dict[str, str]) -> tuple[ScoreRow, ...]:
    """The KPI table's typed rows as the pack reads them, with each KPI's comment."""
    return tuple(
        ScoreRow(
            key=row.key,
            label=row.kpi.label(lang),
            short=row.kpi.short(lang),
            realized=row.realized,
            annual_target=row.annual_target,
            expected=row.annual_expected,
            forecast=row.forecast.value,
            annual_status=row.annual_status,
            plan=row.plan,
            plan_target=row.plan_target,
            cumulative=row.cumulative,
            plan_expected=row.plan_expected,
            plan_status=row.plan_status,
            change=row.change.difference if row.change is not None else None,
            comment=commentary.get(row.key, "").strip(),
            year_running=row.year_running,
            plan_running=row.plan_running,
            plan_forecast=row.plan_forecast,
        )
        for row in rows_of(table)
    )


@dataclass(frozen=True)
class Series:
    """One series: its name, a value per category (None: no bar), its colour and each bar's label."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    labels: tuple[str, ...]
    point_colours: tuple[str, ...] = ()  # a colour per bar, when the bars of one series differ

    def colour_of(self, n: int) -> str:
        """The colour of bar `n`."""
        return self.point_colours[n] if self.point_colours else self.colour


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars per category (clustered, or stacked), one value axis from zero to `top`."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis_title: str
    top: float
    stacked: bool = False
    note: str = ""  # a sentence under the chart, e.g. that the KPI has no target
    alt: str = ""  # the text alternative: what the chart shows, with its key figures (kpi.describe)
    # A percent-of-target chart: values are % of each KPI's target minimum, the figures sit in the category names.
    percent: bool = False
    bands: tuple[tuple[float, float], ...] = ()  # per category: the target range in % (100 .. max/min x 100)
    marks: tuple[float | None, ...] = ()  # per category: the value expected to date in %
    band_name: str = ""
    mark_name: str = ""
    hovers: tuple[str, ...] = ()  # per category: what a pointer over its bar reads (figures and status)
    mark_labels: tuple[str, ...] = ()  # per category: the value expected to date as a number ('' for no mark)
    keep_marks: bool = False  # the marks keep their legend entry when no category has one
    # Per category: the forecast at the period's end and its range, in % ((value, below, above); None: none).
    forecasts: tuple[tuple[float, float, float] | None, ...] = ()
    forecast_name: str = ""
    target_line: str = ""  # a percent chart without bands: one target line at 100%, named so
    # The figures as a table, when the bars' own labels make a poor one (a percent chart: one column per figure).
    table_headers: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()

    def tick_text(self, value: float, lang: str) -> str:
        """An axis tick as the pack writes it: '1.500' (nl) / '1,500' (en), or '150%' on a percent chart."""
        return fmt.percent(value / 100, lang) if self.percent else fmt.number(value, lang)

    def figures(self) -> list[describe.SeriesData]:
        """The figures behind the bars, per series: the bar labels (formatted, a target as its range)."""
        return [(s.name, [label or v for label, v in zip(s.labels, s.values)]) for s in self.series]

    def table(self, lang: str) -> pd.DataFrame:
        """The figures behind the chart as a table a screen reader reads: a row per bar (or category)."""
        if self.table_headers:
            return pd.DataFrame(list(self.table_rows), columns=list(self.table_headers))
        return describe.bars_table(self.categories, self.figures(), lang, self.title)


def nice_top(value: float) -> float:
    """An axis maximum a little above `value` that reads well (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    raw = value * 1.18  # room for the value labels at the bar ends
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= raw)


def percent_chart(key: str, rows: list[ScoreRow], year: int, lang: str, plan: bool = False) -> BarChart:
    """KPIs of different sizes on one honest scale: realised (or, for the plan, cumulative) as % of the target
    minimum, with the target range and the value expected to date; each KPI's own figures in its category name.
    KPIs without that target are named in the note, never drawn on the % axis. The alt text adds each KPI's
    status; the table holds each figure in its own column, under the KPI's name alone."""
    names, values, colours, labels, bands, marks, without = [], [], [], [], [], [], []
    said, hovers, mark_labels = [], [], []
    cells: list[tuple[str, ...]] = []
    for row in rows:
        if plan:
            target, value, expected, status = row.plan_target, row.cumulative, row.plan_expected, row.plan_status
        else:
            target, value, expected, status = row.annual_target, row.realized, row.expected, row.annual_status
        running = row.plan_running if plan else row.year_running
        if not target.min or value is None:  # no target (or a zero minimum): no percentage to draw
            without.append(f"{row.short} ({fmt.number(value, lang) if value is not None else '—'})")
            continue
        share = 100 * value / target.min
        label = t(
            "board.chart.of_target",
            lang,
            value=fmt.number(value, lang),
            target=fmt.target(target, lang),
            share=fmt.percent(share / 100, lang),
        )
        names.append(f"{row.short}\n{label}")
        said.append(f"{row.short}: {label}, {describe.status_words(status, lang)}")
        cells.append(
            (
                row.short,
                fmt.number(value, lang),
                fmt.target(target, lang),
                fmt.percent(share / 100, lang),
                fmt.number(expected, lang) if expected is not None else t("board.none", lang),
                t(f"status.{status}", lang),
            )
        )
        values.append(share)
        colours.append(palette.status_colour(status))
        labels.append(label)
        hovers.append(f"{label} · {STATUS_ICONS[status]} {t(f'status.{status}', lang)}")
        bands.append((100.0, 100 * (target.upper or target.min) / target.min))
        # Expected by now, while the period runs; at its end it is the target itself, which the range already shows.
        mark = 100 * expected / target.min if expected is not None and running else None
        marks.append(mark)
        mark_labels.append(fmt.number(expected, lang) if mark is not None else "")
    period = rows[0].plan.period_label() if plan and rows and rows[0].plan else ""
    title = t("board.chart.pct_plan", lang, period=period) if plan else t("board.chart.pct_year", lang, year=year)
    note = t("board.chart.without_plan" if plan else "board.chart.without_year", lang, kpis=", ".join(without))
    note = note if without else ""
    top = percent_top(max([*values, *(b[1] for b in bands), *(m for m in marks if m is not None)], default=100))
    series = Series(t("board.chart.realized", lang), tuple(values), palette.BLUE, tuple(labels), tuple(colours))
    alt = f"{title}: " + "; ".join(said) + "." + (f" {note}" if note else "")
    headers = _percent_headers(rows[0].plan if plan and rows else None, plan, year, lang)
    if all(m is None for m in marks):  # no value expected to date drawn (the period's end): none in the table
        headers, cells = headers[:4] + headers[5:], [c[:4] + c[5:] for c in cells]
    return BarChart(
        key,
        title,
        tuple(names),
        (series,),
        t("board.chart.pct_axis", lang),
        top,
        note=note,
        alt=alt,
        percent=True,
        bands=tuple(bands),
        marks=tuple(marks),
        band_name=t("board.chart.band", lang),
        mark_name=t("board.chart.expected_year", lang),
        table_headers=headers,
        table_rows=tuple(cells),
        hovers=tuple(hovers),
        mark_labels=tuple(mark_labels),
    )


def _percent_headers(plan_of: Plan | None, plan: bool, year: int, lang: str) -> tuple[str, ...]:
    """A percent chart's table columns: KPI, its figure, its target, % of it, expected to date, status."""
    if plan:
        return (
            t("board.col.kpi", lang),
            t("board.chart.cumulative", lang, period=so_far(plan_of, year) if plan_of else ""),
            t("board.chart.target_plan", lang, period=plan_of.period_label() if plan_of else ""),
            t("board.chart.pct_axis", lang),
            t("board.chart.expected_plan", lang),
            t("board.col.plan_status", lang),
        )
    return (
        t("board.col.kpi", lang),
        t("board.col.realized", lang, year=year),
        t("board.col.target", lang, year=year),
        t("board.chart.pct_axis", lang),
        t("board.col.expected", lang),
        t("board.col.annual_status", lang),
    )


def so_far(plan: Plan, year: int) -> str:
    """The plan's years up to `year`, as the charts name them: '17-'18."""
    return f"'{plan.start_year % 100:02d}-'{year % 100:02d}"


def plan_progress_chart(rows: Sequence[ScoreRow], lang: str, as_of: dt.date | None = None) -> BarChart:
    """Every KPI's cumulative as % of its multi-year plan target, as the Overview shows it: the value expected by
    now, the plan-end forecast with its range while the plan runs, one target line at 100%; a KPI without a plan
    target keeps its row, with its figure and 'no target' and no bar."""
    names, values, colours, labels, mark_labels = [], [], [], [], []
    marks: list[float | None] = []
    forecasts: list[tuple[float, float, float] | None] = []
    for row in rows:
        target, f = row.plan_target, row.plan_forecast
        names.append(row.short)
        colours.append(palette.status_colour(row.plan_status))
        if target.defined and target.min and row.cumulative is not None and row.plan_expected is not None:
            values.append(100 * row.cumulative / target.min)
            marks.append(100 * row.plan_expected / target.min)
            mark_labels.append(fmt.number(row.plan_expected, lang))
            line = t(
                "progress.plan_line",
                lang,
                plan=fmt.plan_name(row.plan, lang) if row.plan else "",
                cumulative=fmt.number(row.cumulative, lang),
                target=fmt.target(target, lang),
                expected=fmt.number(row.plan_expected, lang),
            )
            labels.append(line.split(": ", 1)[1])
            drawn = f is not None and row.plan_running  # the plan-end forecast is drawn until the plan has ended
            forecasts.append(
                (
                    100 * f.value / target.min,
                    100 * (f.value - f.low) / target.min,
                    100 * (f.high - f.value) / target.min,
                )
                if f is not None and drawn
                else None
            )
        else:
            values.append(0.0)
            marks.append(None)
            mark_labels.append("")
            forecasts.append(None)
            labels.append(f"{fmt.number(row.cumulative, lang)} ({t('fig.no_target', lang)})")
    plan = next((r.plan for r in rows if r.plan is not None), None)
    note = " · ".join(
        x
        for x in (
            fmt.sentence(fmt.plan_name(plan, lang)) if plan else t("fig.plan.title_none", lang),
            t("fig.as_of", lang, date=fmt.date(as_of, lang)) if as_of else "",
        )
        if x
    )
    ends = [v + above for v, _, above in (f for f in forecasts if f is not None)]
    top = 1.1 * max([*values, *(m for m in marks if m is not None), *ends, 100.0])  # room for the forecast ranges
    series = Series(t("fig.cumulative", lang), tuple(values), palette.BLUE, tuple(labels), tuple(colours))
    return BarChart(
        "overview.plan",
        t("fig.plan.short_title", lang),
        tuple(f"{name}\n{label}" for name, label in zip(names, labels)),
        (series,),
        t("fig.plan.x", lang),
        top,
        note=note,
        percent=True,
        marks=tuple(marks),
        mark_name=t("fig.expected", lang),
        mark_labels=tuple(mark_labels),
        keep_marks=True,
        forecasts=tuple(forecasts),
        forecast_name=t("fig.forecast_plan", lang),
        target_line=t("fig.plan_target", lang),
    )
