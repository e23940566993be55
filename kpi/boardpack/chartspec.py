"""The pack's charts described as data (kpi.charts.BarChart): the group pages', one KPI's and the missions'.

One description is drawn three ways: as a native PowerPoint chart (editable, its data in the file),
as vector bars in the PDF and as a Plotly figure for the preview and presentation mode.
"""

from __future__ import annotations

import pandas as pd

from kpi import describe, fmt, palette
from kpi.axes import ticks
from kpi.boardpack.layout import text_width
from kpi.charts import BarChart, ScoreRow, Series, nice_top, percent_chart, so_far
from kpi.dashboard import country_name, missions_by_country, missions_by_theme
from kpi.i18n import t
from kpi.schema import Activities as A

BAND_FILL = "#D1EEE6"  # the target range: palette.GREEN at 18 % on white, as palette.TARGET_BAND on screen
BAND_EDGE = palette.GREEN
MARK = palette.BLACK  # the value expected to date
EXPECTED_FILL = "#DADADA"  # the native chart's bar up to the value expected to date


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
