"""A chart description drawn as vector bars on a reportlab canvas (the PDF's counterpart of the native chart)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from kpi.boardpack import layout as lay
from kpi.boardpack.chartspec import BAND_EDGE, BAND_FILL, MARK, BarChart, ink_on, readable_ticks
from kpi.boardpack.layout import BOLD, FONT, RULES, Box, Rules, text_width, wrap
from kpi.fmt import number

GRID, MUTED, INK = (colors.HexColor(c) for c in (lay.GRID, lay.MUTED, lay.INK))


class _Page:
    """Top-left coordinates on a canvas whose origin is bottom left."""

    def __init__(self, canvas: Canvas, height: float) -> None:
        self.c, self.height = canvas, height

    def text(
        self, x: float, y_top: float, text: str, size: float, bold: bool = False, colour=INK, align: str = "left"
    ) -> None:
        """Draw one line whose top is at `y_top`."""
        self.c.setFillColor(colour)
        self.c.setFont(BOLD if bold else FONT, size)
        baseline = self.height - y_top - size * 0.8
        {"left": self.c.drawString, "right": self.c.drawRightString, "centre": self.c.drawCentredString}[align](
            x, baseline, text
        )

    def rect(self, x: float, y_top: float, w: float, h: float, colour) -> None:
        """A filled rectangle."""
        self.c.setFillColor(colour)
        self.c.rect(x, self.height - y_top - h, w, h, stroke=0, fill=1)

    def line(self, x0: float, y0: float, x1: float, y1: float, colour, width: float = 0.6) -> None:
        """A line between two top-left points."""
        self.c.setStrokeColor(colour)
        self.c.setLineWidth(width)
        self.c.line(x0, self.height - y0, x1, self.height - y1)


def draw_bar_chart(
    canvas: Canvas, page_height: float, chart: BarChart, box: Box, lang: str, rules: Rules = RULES
) -> None:
    """Draw `chart` inside `box`: title, legend, category labels, bars with values, axis with ticks and title."""
    p = _Page(canvas, page_height)
    size, lead = rules.chart_size, rules.chart_size * rules.leading
    y = box.y
    for line in wrap(chart.title, box.w, rules.chart_title_size, bold=True):
        p.text(box.x, y, line, rules.chart_title_size, bold=True)
        y += rules.chart_title_size * rules.leading
    y += 4
    legend = [(s.name, s.colour) for s in chart.series] if len(chart.series) > 1 or chart.percent else []
    if chart.percent:
        legend += [(chart.band_name, BAND_FILL)] + ([(chart.mark_name, MARK)] if any(chart.marks) else [])
    if legend:  # a swatch and a name per series (and the band and marker of a percent chart), wrapping to the box
        x = box.x
        for name, colour in legend:
            width = size + 4 + text_width(name, size) + 12
            if x > box.x and x + width > box.right:
                x, y = box.x, y + lead
            if colour == MARK:
                p.line(x + size * 0.4, y + 1, x + size * 0.4, y + size, _colour(MARK), 2.5)
            else:
                p.rect(x, y + 2, size * 0.8, size * 0.8, colors.HexColor(colour))
                if colour == BAND_FILL:
                    p.c.setStrokeColor(_colour(BAND_EDGE))
                    p.c.setLineWidth(0.8)
                    p.c.rect(x, p.height - y - 2 - size * 0.8, size * 0.8, size * 0.8, stroke=1, fill=0)
            p.text(x + size + 4, y, name, size)
            x += width
        y += lead + 4
    bottom = box.bottom
    if chart.note:
        note_lines = wrap(chart.note, box.w, size)
        bottom -= len(note_lines) * lead + 4
        for n, line in enumerate(note_lines):
            p.text(box.x, bottom + 4 + n * lead, line, size, colour=MUTED)
    axis_title_y = bottom - lead
    p.text(box.x + box.w / 2, axis_title_y, chart.axis_title, size, colour=MUTED, align="centre")
    tick_y = axis_title_y - lead
    plot_bottom = tick_y - 3
    widest = max(
        (text_width(line, size, bold=chart.percent) for c in chart.categories for line in c.splitlines()), default=0
    )
    label_w = min(widest, box.w * (0.42 if chart.percent else 0.36))
    plot = Box(box.x + label_w + 8, y, box.w - label_w - 8 - 10, plot_bottom - y)
    top = chart.top
    for value in readable_ticks(chart, plot.w, size, lang):
        x = plot.x + plot.w * value / top
        p.line(x, plot.y, x, plot.bottom, GRID)
        p.text(x, tick_y, chart.tick_text(value, lang), size, colour=MUTED, align="centre")
    p.line(plot.x, plot.y, plot.x, plot.bottom, MUTED, 0.8)
    n = max(len(chart.categories), 1)
    band = plot.h / n
    for i, category in enumerate(chart.categories):
        band_top = plot.y + i * band
        name, _, figures = category.partition("\n")
        lines = [(line, chart.percent) for line in wrap(name, label_w, size, chart.percent)]
        lines += [(line, False) for line in (wrap(figures, label_w, size) if figures else [])]
        first = band_top + band / 2 - len(lines) * lead / 2
        for k, (line, bold) in enumerate(lines):
            p.text(plot.x - 6, first + k * lead, line, size, bold=bold, align="right")
        if chart.percent:
            _percent(p, chart, i, plot, band_top, band, size)
        elif chart.stacked:
            _stacked(p, chart, i, plot, band_top, band, size, lang)
        else:
            _clustered(p, chart, i, plot, band_top, band, size)


def _clustered(p: _Page, chart: BarChart, i: int, plot: Box, band_top: float, band: float, size: float) -> None:
    shown = list(chart.series)
    bar = min(band * 0.8 / len(shown), size * 2.2)
    start = band_top + (band - bar * len(shown)) / 2
    for k, series in enumerate(shown):
        value = series.values[i]
        if value is None:
            continue
        w = plot.w * value / chart.top
        y = start + k * bar
        p.rect(plot.x, y + 1, w, bar - 2, _colour(series.colour_of(i)))
        label = series.labels[i]
        if not label:
            continue
        text_y = y + (bar - size) / 2
        if plot.x + w + 4 + text_width(label, size) <= plot.right + 8:
            p.text(plot.x + w + 4, text_y, label, size)
        else:  # no room after the bar: inside its end, in a colour that reads on the bar
            p.text(plot.x + w - 4, text_y, label, size, colour=_colour(ink_on(series.colour_of(i))), align="right")


def _percent(p: _Page, chart: BarChart, i: int, plot: Box, band_top: float, band: float, size: float) -> None:
    """One KPI of a percent chart: its target range, its bar (status colour) and the value expected to date.
    Its figures are in the category label, so nothing is written on the plot to collide with the lines."""
    scale = plot.w / chart.top
    outer = min(band * 0.8, size * 2.6)
    y = band_top + (band - outer) / 2
    lo, hi = chart.bands[i]
    p.rect(plot.x + lo * scale, y, max((hi - lo) * scale, 0), outer, _colour(BAND_FILL))
    series = chart.series[0]
    bar = outer * 0.5
    p.rect(plot.x, y + (outer - bar) / 2, (series.values[i] or 0) * scale, bar, _colour(series.colour_of(i)))
    for edge in {lo, hi}:  # over the bar, so a bar past the target still shows where the target is
        p.line(plot.x + edge * scale, y, plot.x + edge * scale, y + outer, _colour(BAND_EDGE), 2)
    mark = chart.marks[i] if i < len(chart.marks) else None
    if mark is not None:
        x = plot.x + mark * scale
        p.line(x, y - 2, x, y + outer + 2, _colour(MARK), 2.5)


def _stacked(
    p: _Page, chart: BarChart, i: int, plot: Box, band_top: float, band: float, size: float, lang: str
) -> None:
    bar = min(band * 0.7, size * 2.4)
    y = band_top + (band - bar) / 2
    x = plot.x
    for series in chart.series:
        value = series.values[i] or 0
        w = plot.w * value / chart.top
        if w <= 0:
            continue
        p.rect(x, y, w, bar, _colour(series.colour_of(i)))
        label = series.labels[i]
        if label and text_width(label, size) + 4 <= w:
            p.text(
                x + w / 2,
                y + (bar - size) / 2,
                label,
                size,
                colour=_colour(ink_on(series.colour_of(i))),
                align="centre",
            )
        x += w
    total = sum(s.values[i] or 0 for s in chart.series)
    if total:
        p.text(x + 4, y + (bar - size) / 2, number(total, lang), size, bold=True)


def _colour(hex_colour: str):
    return colors.HexColor(hex_colour)
