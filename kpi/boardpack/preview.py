"""A chart description as a Plotly figure: the Board page's preview and presentation mode draw the pack's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from kpi import fmt
from kpi.boardpack.chartspec import BarChart, ink_on, ticks
from kpi.boardpack.layout import INK, MUTED
from kpi.figures import FONT


def bar_figure(chart: BarChart, lang: str, font_size: int = 14, height: int | None = None) -> go.Figure:
    """`chart` as horizontal Plotly bars on the same axis (zero to `chart.top`), labels outside the bars."""
    fig = go.Figure()
    for series in chart.series:
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
    rows = max(len(chart.categories), 1) * (1 if chart.stacked else len(chart.series))
    fig.update_layout(
        title={
            "text": chart.title,
            "x": 0,
            "xanchor": "left",
            "font": {"size": font_size + 4},
            **(
                {"subtitle": {"text": chart.note, "font": {"size": font_size - 2, "color": MUTED}}}
                if chart.note
                else {}
            ),
        },
        barmode="stack" if chart.stacked else "group",
        template="plotly_white",
        font={"family": FONT, "size": font_size, "color": INK},
        separators=fmt.separators(lang),
        height=height or 140 + rows * (font_size + 14),
        showlegend=len(chart.series) > 1,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 10, "r": 20 + font_size * 2, "t": 60 + font_size * (3 if chart.note else 2), "b": 10},
        bargap=0.25 if len(chart.categories) > 2 else 0.6,  # a lone bar stays a bar, not a block
    )
    fig.update_xaxes(
        range=[0, chart.top], tickvals=ticks(chart.top), title_text=chart.axis_title, automargin=True, tickformat=",d"
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
