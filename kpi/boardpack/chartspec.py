"""The pack's charts described as data: horizontal bars whose series hold the figures themselves.

One description is drawn three ways: as a native PowerPoint chart (editable, its data in the file),
as vector bars in the PDF and as a Plotly figure for the preview and presentation mode. Every chart
has one value axis starting at zero, so 119 and 7 never draw as bars of equal length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from kpi import describe, fmt, palette
from kpi.axes import percent_top, ticks
from kpi.boardpack.layout import text_width
from kpi.boardpack.source import ScoreRow
from kpi.dashboard import country_name, missions_by_country, missions_by_theme
from kpi.i18n import t
from kpi.schema import Activities as A
from kpi.targets import Plan

BAND_FILL = "#D1EEE6"  # the target range: palette.GREEN at 18 % on white, as palette.TARGET_BAND on screen
BAND_EDGE = palette.GREEN
MARK = palette.BLACK  # the value expected to date
EXPECTED_FILL = "#DADADA"  # the native chart's bar up to the value expected to date


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
    said, cells = [], []
    for row in rows:
        if plan:
            target, value, expected, status = row.plan_target, row.cumulative, row.plan_expected, row.plan_status
        else:
            target, value, expected, status = row.annual_target, row.realized, row.expected, row.annual_status
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
        bands.append((100.0, 100 * target.upper / target.min))
        # Expected by now; at the period's end it is the target itself, which the range already shows.
        marks.append(100 * expected / target.min if expected is not None and expected < target.min else None)
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


def count_chart(key: str, rows: list[ScoreRow], year: int, lang: str) -> BarChart:
    """Realised per KPI on one count axis, for a group whose KPIs have no annual target."""
    values = tuple(float(r.realized) for r in rows)
    labels = tuple(fmt.number(v, lang) for v in values)
    title = t("board.chart.realized_year", lang, year=year)
    categories = tuple(r.short for r in rows)
    series = Series(t("board.chart.series", lang), values, palette.BLUE, labels)
    alt = describe.bars_sentence(title, categories, [(series.name, values)], lang)
    note = t("board.chart.no_target", lang)
    axis = t("board.chart.axis", lang)
    return BarChart(key, title, categories, (series,), axis, nice_top(max(values, default=0)), note=note, alt=alt)


def group_charts(group: str, rows: list[ScoreRow], year: int, lang: str) -> tuple[BarChart, ...]:
    """A group page's charts. One KPI: its own chart (its figures against its own targets, one count axis).
    Several: one percent-of-target chart for the year and, when a KPI has a plan target, one for the plan."""
    if len(rows) == 1:
        return (kpi_chart(rows[0], year, lang),)
    charts = [
        percent_chart(f"{group}.year", rows, year, lang)
        if any(r.annual_target.min for r in rows)
        else count_chart(f"{group}.year", rows, year, lang)
    ]
    if any(r.plan_target.min and r.cumulative is not None and r.plan for r in rows):
        charts.append(percent_chart(f"{group}.plan", rows, year, lang, plan=True))
    return tuple(charts)


def so_far(plan: Plan, year: int) -> str:
    """The plan's years up to `year`, as the charts name them: '17-'18."""
    return f"'{plan.start_year % 100:02d}-'{year % 100:02d}"


def kpi_chart(row: ScoreRow, year: int, lang: str) -> BarChart:
    """One KPI as one series of labelled bars on one axis: realised, expected to date and target for the year,
    then (when the KPI has a plan target) the same for the multi-year plan. No legend is needed."""
    bars: list[tuple[str, float | None, str, str]] = [
        (t("board.chart.realized_year", lang, year=year), row.realized, palette.BLUE, fmt.number(row.realized, lang))
    ]
    if row.annual_target.defined:
        bars += [
            (t("board.chart.expected_year", lang), row.expected, palette.GREY, fmt.number(row.expected, lang)),
            (
                t("board.chart.target_year", lang, year=year),
                row.annual_target.min,
                palette.GREEN,
                fmt.target(row.annual_target, lang),
            ),
        ]
    if row.plan_target.defined and row.plan and row.cumulative is not None:
        bars += [
            (
                t("board.chart.cumulative", lang, period=so_far(row.plan, year)),
                row.cumulative,
                palette.BLUE,
                fmt.number(row.cumulative, lang),
            ),
            (
                t("board.chart.expected_plan", lang),
                row.plan_expected,
                palette.GREY,
                fmt.number(row.plan_expected, lang),
            ),
            (
                t("board.chart.target_plan", lang, period=row.plan.period_label()),
                row.plan_target.min,
                palette.GREEN,
                fmt.target(row.plan_target, lang),
            ),
        ]
    bars = [b for b in bars if b[1] is not None]
    series = Series(
        t("board.chart.series", lang),
        tuple(b[1] for b in bars),
        palette.BLUE,
        tuple(b[3] for b in bars),
        tuple(b[2] for b in bars),
    )
    values = [b[1] for b in bars] + [v for v in (row.annual_target.upper, row.plan_target.upper) if v is not None]
    note = "" if row.annual_target.defined or row.plan_target.defined else t("board.chart.no_target", lang)
    alt = describe.kpi_sentence(
        row.short,
        year,
        row.realized,
        row.annual_target,
        row.annual_status,
        lang,
        expected=row.expected,
        plan_period=f"{row.plan.start_year}-{row.plan.end_year}" if row.plan else None,
        cumulative=row.cumulative,
        plan_target=row.plan_target,
        plan_status=row.plan_status,
    )
    return BarChart(
        f"kpi.{row.key}",
        row.short,
        tuple(b[0] for b in bars),
        (series,),
        t("board.chart.axis", lang),
        nice_top(max(values)),
        note=note,
        alt=alt,
    )


def _direction_chart(
    key: str, title: str, counts: pd.DataFrame, column: str, labels: dict[str, str], lang: str
) -> BarChart:
    """Missions per value of `column`, stacked by direction, the largest first."""
    totals = (
        counts.groupby(column, observed=True, sort=False)["missions"].sum().sort_values(ascending=False, kind="stable")
    )
    order = list(totals.index)
    series = []
    for direction in ("incoming", "outgoing"):
        part = counts[counts[A.direction] == direction].set_index(column)["missions"]
        values = tuple(float(part.get(v, 0)) for v in order)
        series.append(
            Series(
                t(f"direction.{direction}", lang),
                values,
                palette.DIRECTION_COLOURS[direction],
                tuple(fmt.number(v, lang) if v else "" for v in values),
            )
        )
    note = "" if order else t("board.chart.no_missions", lang)
    top = nice_top(float(totals.max())) if order else 1.0
    categories = tuple(labels[v] for v in order)
    alt = describe.bars_sentence(title, categories, [(s.name, s.values) for s in series], lang)
    return BarChart(
        key, title, categories, tuple(series), t("board.chart.missions", lang), top, stacked=True, note=note, alt=alt
    )


def missions_by_country_chart(missions: pd.DataFrame, lang: str) -> BarChart:
    """Missions per country (names in `lang`), stacked by direction."""
    counts = missions_by_country(missions)
    labels = {c: country_name(c, lang) for c in counts[A.country]}
    return _direction_chart("missions.country", t("board.by_country", lang), counts, A.country, labels, lang)


def missions_by_theme_chart(missions: pd.DataFrame, lang: str) -> BarChart:
    """Missions per theme, stacked by direction."""
    counts = missions_by_theme(missions)
    labels = {v: str(v) for v in counts[A.theme]}
    return _direction_chart("missions.theme", t("board.by_theme", lang), counts, A.theme, labels, lang)


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` ('#RRGGBB')."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def readable_ticks(chart: BarChart, width: float, size: float, lang: str) -> list[float]:
    """`ticks(chart.top)`, thinned (every second one) until their labels fit side by side in `width` points."""
    values = ticks(chart.top)
    while len(values) > 2:
        widest = max(text_width(chart.tick_text(v, lang), size) for v in values)
        if width / (len(values) - 1) >= widest + 8:
            break
        values = values[::2]
    return values
