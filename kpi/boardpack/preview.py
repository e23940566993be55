"""A chart description as a Plotly figure: the Board page's preview and presentation mode draw the pack's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from kpi import fmt
from kpi.axes import ticks
from kpi.boardpack.chartspec import BarChart, ink_on
from kpi.boardpack.layout import INK, MUTED
from kpi.figures import FONT, percent_category, percent_traces


def bar_figure(
    chart: BarChart,
    lang: str,
    font_size: int = 14,
    height: int | None = None,
    titled: bool = True,
    labels_above: bool = False,
) -> go.Figure:
    """`chart` as horizontal Plotly bars on the same axis (zero to `chart.top`), labels outside the bars.

    `titled=False` leaves the chart's title and note out, for a view whose heading already names what the chart
    shows and which writes the note (e.g. that the KPI has no target) as wrapping text (presentation mode). `labels_above` writes
    each bar's name above it instead of left of it and leaves out the value axis's labels (each bar carries its
    value): the bars keep the chart's full width, so large type stays readable on a phone (one unstacked series)."""
    fig = go.Figure()
    if chart.percent:  # as the Overview draws it (kpi.figures), the KPIs' names and figures on the axis
        percent_traces(fig, chart, [percent_category(c) for c in chart.categories], font_size, 0.34, bar_width=0.34)
    for series in chart.series if not chart.percent else ():
        fig.add_trace(
            go.Bar(
                x=list(series.values),
                y=list(chart.categories),
                orientation="h",
                name=series.name,
                marker_color=list(series.point_colours) or series.colour,
                text=list(series.labels),
                textposition="inside" if chart.stacked else "outside",
                cliponaxis=False,
                insidetextfont={"color": ink_on(series.colour)},
                textangle=0,
                showlegend=len(chart.series) > 1,
                hovertemplate="%{y}: %{x}<extra>" + series.name + "</extra>",
            )
        )
    rows = max(len(chart.categories), 1) * (1 if chart.stacked else len(chart.series)) * (2 if chart.percent else 1)
    legend = len(chart.series) > 1 or chart.percent
    fig.update_layout(
        title=_title(chart, font_size, titled),
        barmode="stack" if chart.stacked else "group",
        template="plotly_white",
        font={"family": FONT, "size": font_size, "color": INK},
        separators=fmt.separators(lang),
        height=height or 140 + rows * (font_size + 14) + (font_size * 3 if legend else 0),
        showlegend=legend,
        # The legend under the plot: over it, a narrow column would wrap it onto the title.
        legend={"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom", "traceorder": "normal"},
        margin={
            "l": 10,
            "r": 20 + font_size * 2,
            "t": (40 + font_size * (3 if chart.note else 2)) if titled else 20,
            "b": 10 + (font_size * 5 if legend else 0),
        },
        bargap=0.25 if len(chart.categories) > 2 else 0.6,  # a lone bar stays a bar, not a block
    )
    tick_values = ticks(chart.top)
    fig.update_xaxes(
        range=[0, chart.top],
        tickvals=tick_values,
        ticktext=[chart.tick_text(v, lang) for v in tick_values],
        title_text=chart.axis_title,
        automargin=True,
    )
    fig.update_yaxes(autorange="reversed", automargin=True, ticklabelstandoff=6)
    if labels_above and not chart.percent and not chart.stacked and len(chart.series) == 1:
        _names_above_bars(fig, len(chart.categories), font_size)
    return fig


LABEL_SHARE = 0.52  # of each bar's row: its name above, the bar below (in category units on the reversed axis)
ROW_LINES = 2.8  # a row (name and bar) in lines of the chart's type: the name's line never touches the bar above


def _names_above_bars(fig: go.Figure, bars: int, font_size: int) -> None:
    """Each category's name above its bar, starting at the plot's left edge; no value axis, no grid. The figure is
    no taller than its rows need, so a lone bar stays a bar, not a block."""
    fig.update_traces(selector={"type": "bar"}, offset=0.02, width=0.9 - LABEL_SHARE)  # the bar in the lower part
    fig.update_yaxes(ticklabelposition="inside top", ticklabelstandoff=0, ticks="", ticklen=0)
    fig.update_xaxes(showticklabels=False, showgrid=False, title_text=None)
    margin = fig.layout.margin.t + 8
    fig.update_layout(
        margin={"l": 0, "b": 8}, height=min(fig.layout.height, margin + round(max(bars, 1) * font_size * ROW_LINES))
    )


def _title(chart: BarChart, font_size: int, titled: bool) -> dict:
    """The figure's title: the chart's title with its note as a subtitle; untitled, none."""
    note = {"text": chart.note, "font": {"size": font_size - 2, "color": MUTED}}
    if not titled:
        return {"text": ""}
    return {
        "text": chart.title,
        "x": 0,
        "xanchor": "left",
        "font": {"size": font_size + 4},
        **({"subtitle": note} if chart.note else {}),
    }
