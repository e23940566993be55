"""A chart description as a native PowerPoint chart: editable, its figures in the chart's own data."""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from kpi.boardpack.chartspec import BarChart, ink_on, readable_ticks
from kpi.boardpack.layout import GRID, MUTED, RULES, Box, Rules, wrap

EMU_PER_PT = 12700
NUMBER_FORMAT = "#,##0"


def rgb(hex_colour: str) -> RGBColor:
    """An RGBColor from '#RRGGBB'."""
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def emu(points: float) -> Emu:
    """Points as EMU."""
    return Emu(round(points * EMU_PER_PT))


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Office's "mark as decorative" extension
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def alt_text(shape, description: str, title: str = "") -> None:
    """Set a shape's alt text (what PowerPoint shows under "Alt Text" and screen readers read)."""
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]  # the shape's non-visual properties
    props.set("descr", description)
    if title:
        props.set("title", title)


def decorative(shape) -> None:
    """Mark a shape as decorative: screen readers skip it (PowerPoint's "Mark as decorative")."""
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]
    ext_list = props.makeelement(qn("a:extLst"), {})
    ext = ext_list.makeelement(qn("a:ext"), {"uri": DECORATIVE_EXT})
    ext.append(etree.fromstring(f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/>'))
    ext_list.append(ext)
    props.append(ext_list)


def add_bar_chart(slide, chart: BarChart, box: Box, lang: str, rules: Rules = RULES):
    """Add `chart` to `slide` inside `box` (points) as a native bar chart; returns the graphic frame."""
    if chart.note:  # a sentence under the chart, e.g. that the KPI has no target
        lines = wrap(chart.note, box.w, rules.chart_size)
        height = len(lines) * rules.chart_size * rules.leading + 4
        box = Box(box.x, box.y, box.w, box.h - height)
        note = slide.shapes.add_textbox(emu(box.x), emu(box.bottom + 4), emu(box.w), emu(height - 4))
        note.name = f"{chart.key}.note"
        frame = note.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.text = chart.note
        frame.paragraphs[0].runs[0].font.size = Pt(rules.chart_size)
        frame.paragraphs[0].runs[0].font.color.rgb = rgb(MUTED)
    data = CategoryChartData(number_format=NUMBER_FORMAT)
    data.categories = list(chart.categories) or [""]
    for series in chart.series:
        data.add_series(series.name, list(series.values) or [None])
    kind = XL_CHART_TYPE.BAR_STACKED if chart.stacked else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h), data)
    frame.name = chart.key
    alt_text(frame, chart.alt or chart.title, chart.title)
    native = frame.chart
    native.font.size = Pt(rules.chart_size)
    native.has_title = True
    native.chart_title.text_frame.text = chart.title
    title_font = native.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold = Pt(rules.chart_title_size), True
    native.has_legend = len(chart.series) > 1
    if native.has_legend:
        native.legend.position = XL_LEGEND_POSITION.TOP
        native.legend.include_in_layout = False
        native.legend.font.size = Pt(rules.chart_size)
    plot = native.plots[0]
    plot.gap_width = 60 if len(chart.categories) > 1 else 200  # a lone bar stays a bar, not a block
    plot.overlap = 100 if chart.stacked else -10
    categories = native.category_axis
    categories.reverse_order = True  # the first category on top, as in the other formats
    categories.crosses = XL_AXIS_CROSSES.MAXIMUM  # ... and the value axis stays at the bottom
    categories.tick_labels.font.size = Pt(rules.chart_size)
    categories.has_major_gridlines = False
    values = native.value_axis
    values.minimum_scale, values.maximum_scale = 0, chart.top
    steps = readable_ticks(chart.top, box.w * 0.5, rules.chart_size, lang)
    values.major_unit = steps[1] - steps[0] if len(steps) > 1 else chart.top
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(GRID)
    values.tick_labels.font.size = Pt(rules.chart_size)
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = NUMBER_FORMAT, False
    values.tick_label_position = XL_TICK_LABEL_POSITION.HIGH
    values.has_title = True
    values.axis_title.text_frame.text = chart.axis_title
    values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(rules.chart_size)
    values.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    for series, spec in zip(plot.series, chart.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = rgb(spec.colour)
        series.invert_if_negative = False
        for n, colour in enumerate(spec.point_colours):
            point = series.points[n].format.fill
            point.solid()
            point.fore_color.rgb = rgb(colour)
        for n, text in enumerate(spec.labels):
            if spec.values[n] is None or not text:
                continue
            label = series.points[n].data_label
            label.has_text_frame = True
            label.text_frame.text = text
            label.position = XL_LABEL_POSITION.CENTER if chart.stacked else XL_LABEL_POSITION.OUTSIDE_END
            label.font.size = Pt(rules.chart_size)
            if chart.stacked:
                label.font.color.rgb = rgb(ink_on(spec.colour_of(n)))
    return frame
