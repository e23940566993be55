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
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Pt

from kpi.boardpack.chartspec import BAND_EDGE, BAND_FILL, EXPECTED_FILL, BarChart, ink_on, readable_ticks
from kpi.boardpack.layout import GRID, MUTED, RULES, Box, Rules, wrap

EMU_PER_PT = 12700
# Number formats with the thousands separator written out, so a Dutch pack reads 1.500 and an English one 1,500
# whatever the viewer's locale ("#,##0" follows the viewer: LibreOffice in English shows 1,500 in a Dutch pack).
SEPARATORS: dict[str, str] = {"nl": ".", "en": ","}
PERCENT_FORMAT = '0"%"'  # a percent chart's values are already in percent: 150 reads 150%
_NO_LINE = "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>"  # an axis kept but not drawn
SECONDARY_AXES = ("50001", "50002")  # ids of the hidden axes the realised bars of a percent chart are drawn on


def number_format(lang: str) -> str:
    """A whole-number format with the language's thousands separator as a literal (up to 999 million)."""
    sep = SEPARATORS.get(lang, ".")
    return f'[>=1000000]#"{sep}"###"{sep}"##0;[>=1000]#"{sep}"##0;0'


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
    fmt_code = PERCENT_FORMAT if chart.percent else number_format(lang)
    data = CategoryChartData(number_format=fmt_code)
    data.categories = list(chart.categories) or [""]
    if chart.percent:  # behind the realised bars: up to the expected value, up to the target, the target range
        marks = [m or 0.0 for m in chart.marks]
        data.add_series(chart.mark_name, marks)
        data.add_series(" ", [max(lo - m, 0) for (lo, _), m in zip(chart.bands, marks)])  # spacer: no legend text
        data.add_series(chart.band_name, [max(hi - lo, chart.top * 0.006) for lo, hi in chart.bands])
    for series in chart.series:
        data.add_series(series.name, list(series.values) or [None])
    kind = XL_CHART_TYPE.BAR_STACKED if chart.stacked or chart.percent else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h), data)
    frame.name = chart.key
    alt_text(frame, chart.alt or chart.title, chart.title)
    native = frame.chart
    native.font.size = Pt(rules.chart_size)
    native.has_title = True
    native.chart_title.text_frame.text = chart.title
    title_font = native.chart_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold = Pt(rules.chart_title_size), True
    native.has_legend = len(chart.series) > 1 or chart.percent
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
    _every_label(categories)
    values = native.value_axis
    values.minimum_scale, values.maximum_scale = 0, chart.top
    steps = readable_ticks(chart, box.w * 0.5, rules.chart_size, lang)
    values.major_unit = steps[1] - steps[0] if len(steps) > 1 else chart.top
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(GRID)
    values.tick_labels.font.size = Pt(rules.chart_size)
    values.tick_labels.number_format, values.tick_labels.number_format_is_linked = fmt_code, False
    values.tick_label_position = XL_TICK_LABEL_POSITION.HIGH
    values.has_title = True
    values.axis_title.text_frame.text = chart.axis_title
    values.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(rules.chart_size)
    values.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    if chart.percent:
        _percent_layers(native, chart)
        return frame
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


def _percent_layers(native, chart: BarChart) -> None:
    """A percent chart as a bullet chart: the stacked layers (expected, spacer, target range) on the main axes, the
    realised bars (thinner, status colours, in front) moved into a clustered group on hidden secondary axes."""
    back = native.plots[0]
    back.gap_width, back.overlap = 40, 100
    layers = list(back.series)
    for series, fill in zip(layers[:3], (EXPECTED_FILL, None, BAND_FILL)):
        series.invert_if_negative = False
        if fill is None:
            series.format.fill.background()
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(fill)
    band = layers[2]
    band.format.line.color.rgb = rgb(BAND_EDGE)
    band.format.line.width = Pt(1.25)
    for n, (lo, hi) in enumerate(chart.bands):
        if hi - lo < chart.top * 0.006:  # a single-number target: a line, not a range
            point = band.points[n].format.fill
            point.solid()
            point.fore_color.rgb = rgb(BAND_EDGE)
    front_ser = layers[3]._element
    bar_chart = back._element
    front = etree.SubElement(bar_chart.getparent(), qn("c:barChart"))
    bar_chart.addnext(front)
    for tag, value in (("c:barDir", "bar"), ("c:grouping", "clustered"), ("c:varyColors", "0")):
        etree.SubElement(front, qn(tag)).set("val", value)
    front.append(front_ser)
    etree.SubElement(front, qn("c:gapWidth")).set("val", "180")
    for axis_id in SECONDARY_AXES:
        etree.SubElement(front, qn("c:axId")).set("val", axis_id)
    _secondary_axes(bar_chart, chart.top)
    realised = native.plots[1].series[0]
    realised.invert_if_negative = False
    spec = chart.series[0]
    realised.format.fill.solid()
    realised.format.fill.fore_color.rgb = rgb(spec.colour)
    for n, colour in enumerate(spec.point_colours):
        point = realised.points[n].format.fill
        point.solid()
        point.fore_color.rgb = rgb(colour)


def _secondary_axes(bar_chart, top: float) -> None:
    """Invisible category and value axes for the front group, on the same scale and in the same order as the main ones.

    They are kept (`delete` 0) but drawn without labels, ticks or line: LibreOffice Writer stacks the bars of a group
    whose axes are deleted onto the main group's, so the realised bars would start where the target band ends.
    """
    area = bar_chart.getparent()
    cat_id, val_id = SECONDARY_AXES
    cat = etree.fromstring(
        f'<c:catAx {nsdecls("c", "a")}><c:axId val="{cat_id}"/>'
        '<c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="none"/>{_NO_LINE}'
        f'<c:crossAx val="{val_id}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val = etree.fromstring(
        f'<c:valAx {nsdecls("c", "a")}><c:axId val="{val_id}"/>'
        f'<c:scaling><c:orientation val="minMax"/><c:max val="{top}"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="t"/><c:numFmt formatCode="General" sourceLinked="1"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="none"/>{_NO_LINE}'
        f'<c:crossAx val="{cat_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    # Before the main axes: python-pptx's `value_axis` takes the second value axis when there are two.
    first_axis = area.find(qn("c:catAx"))
    first_axis.addprevious(cat)
    first_axis.addprevious(val)


def _every_label(axis) -> None:
    """Show every category label (viewers otherwise skip some when two-line labels are tight)."""
    ax = axis._element
    if ax.find(qn("c:tickLblSkip")) is None:
        skip = etree.fromstring(f'<c:tickLblSkip {nsdecls("c")} val="1"/>')
        anchor = ax.find(qn("c:lblOffset"))
        if anchor is None:
            anchor = ax.find(qn("c:lblAlgn"))
        anchor.addnext(skip)
