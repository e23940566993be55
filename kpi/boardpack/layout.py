"""Layout rules of the board pack, declared once, and the boxes both renderers draw into.

Every size is in points (1/72 inch) with the origin at the top left of the page, y growing downwards.
The PowerPoint writer converts to EMU, the PDF writer flips y. Text is measured with DejaVu Sans, which
is wider than the fonts PowerPoint usually substitutes, so text that fits here also fits there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"  # Helvetica lacks the status icons (✔ ▲ ▼ ⚠)
SLIDE = (960.0, 540.0)  # 16:9, 13.333 x 7.5 in
# Neutral inks of the pack (the data colours come from kpi.palette, the house colours from kpi.boardpack.house).
INK, MUTED, GRID, LINE, BAND, WHITE = "#1F1F1F", "#5A5A5A", "#D9D9D9", "#C8C8C8", "#F2F2F2", "#FFFFFF"
A4_LANDSCAPE = (841.89, 595.28)


@dataclass(frozen=True)
class Rules:
    """Sizes every page follows: margins, type sizes (nothing a board reads is below `min_size`), gaps."""

    margin: float = 34.0
    title_size: float = 26.0
    title_height: float = 36.0
    status_size: float = 15.0  # the status line under a group page's title
    status_height: float = 40.0  # two lines: the year's statuses and the plan's
    body_size: float = 16.0  # commentary, largest
    min_size: float = 12.0  # smallest text the board has to read (charts, tables, commentary)
    table_size: float = 14.0  # scorecard cells, largest
    chart_size: float = 12.0  # chart labels and axes
    chart_title_size: float = 14.0
    cover_title_size: float = 40.0  # the title page
    cover_line_size: float = 18.0
    footer_size: float = 9.0
    footer_height: float = 16.0
    gap: float = 14.0
    leading: float = 1.25  # line height as a multiple of the font size
    cell_pad: float = 5.0  # horizontal padding inside a table cell
    logo: tuple[float, float] = (120.0, 40.0)  # the logo's box, top right in the title band
    single_chart_share: float = 0.58  # a one-KPI page: chart on the left, text on the right
    chart_band_share: float = 0.64  # a several-KPI page: charts across the top, each KPI's text below


RULES = Rules()


@dataclass(frozen=True)
class Box:
    """A rectangle in points: left, top, width, height (y grows downwards)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        """The lower edge."""
        return self.y + self.h

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    def overlaps(self, other: Box) -> bool:
        """True when the two boxes share area."""
        return min(self.right, other.right) > max(self.x, other.x) and min(self.bottom, other.bottom) > max(
            self.y, other.y
        )


@dataclass(frozen=True)
class Frame:
    """The fixed boxes of one page size: title, status line, body, footer and the logo's place."""

    width: float
    height: float
    title: Box
    status: Box
    body: Box
    footer: Box
    logo: Box


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab, once."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text in points."""
    register_fonts()
    return pdfmetrics.stringWidth(text, BOLD if bold else FONT, size)


def frame(width: float, height: float, rules: Rules = RULES, logo: Box | None = None) -> Frame:
    """The page's boxes; the title stops short of the logo (the template's, or the rules' place for one)."""
    m = rules.margin
    logo = logo or Box(width - m - rules.logo[0], m * 0.6, *rules.logo)
    title_w = width - 2 * m
    title = Box(m, m * 0.6, title_w, rules.title_height)
    if logo.overlaps(Box(m, 0, title_w, title.bottom)):
        title = Box(m, title.y, max(logo.x - rules.gap - m, title_w / 2), rules.title_height)
    status = Box(m, title.bottom + 2, title.w, rules.status_height)
    footer = Box(m, height - m * 0.5 - rules.footer_height, width - 2 * m, rules.footer_height)
    top = status.bottom + rules.gap * 0.6
    body = Box(m, top, width - 2 * m, footer.y - rules.gap * 0.6 - top)
    return Frame(width, height, title, status, body, footer, logo)


def group_boxes(body: Box, charts: int, texts: int | None = None, rules: Rules = RULES) -> tuple[list[Box], list[Box]]:
    """A group page: the chart boxes across the top and a text box per KPI under them; one chart and one KPI side
    by side. `texts` defaults to one per chart."""
    g, texts = rules.gap, charts if texts is None else texts
    if charts <= 1 and texts <= 1:
        w = body.w * rules.single_chart_share
        return [Box(body.x, body.y, w, body.h)], [Box(body.x + w + g, body.y, body.w - w - g, body.h)]
    band = Box(body.x, body.y, body.w, body.h * rules.chart_band_share)
    under = Box(body.x, band.bottom + g, body.w, body.bottom - band.bottom - g)
    return side_by_side(band, charts, rules), side_by_side(under, texts, rules)


def charts_over_table(body: Box, rules: Rules = RULES) -> tuple[Box, Box]:
    """A page with charts and a short table: charts on the upper half, the table under them."""
    h = body.h * 0.5
    return Box(body.x, body.y, body.w, h), Box(body.x, body.y + h + rules.gap, body.w, body.h - h - rules.gap)


def side_by_side(body: Box, n: int, rules: Rules = RULES) -> list[Box]:
    """`n` equal boxes across the body."""
    w = (body.w - rules.gap * (n - 1)) / n
    return [Box(body.x + i * (w + rules.gap), body.y, w, body.h) for i in range(n)]


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """The text broken into lines no wider than `width` (a word longer than a line gets its own line)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and text_width(candidate, size, bold) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def block_height(items: tuple[tuple[str, str], ...], width: float, size: float, rules: Rules = RULES) -> float:
    """Height of (heading, text) pairs set at `size`: bold heading, text, a half line between pairs."""
    lines = 0.0
    for heading, text in items:
        lines += (len(wrap(heading, width, size, bold=True)) if heading else 0) + len(wrap(text, width, size)) + 0.5
    return lines * size * rules.leading


def fit_size(items: tuple[tuple[str, str], ...], box: Box, rules: Rules = RULES) -> float | None:
    """The largest size from body_size down to min_size at which the items fit the box; None if none does."""
    size = rules.body_size
    while size >= rules.min_size:
        if block_height(items, box.w, size, rules) <= box.h:
            return size
        size -= 0.5
    return None


def one_line(text: str, width: float, size: float) -> str:
    """The text on one line, cut with '…' (after a word, or inside one that is wider than `width`)."""
    first = " ".join(text.split())
    if text_width(first, size) <= width:
        return first
    out = ""
    for word in first.split():
        candidate = f"{out} {word}".strip()
        if text_width(candidate + " …", size) > width:
            break
        out = candidate
    if out:
        return f"{out} …"
    chars = first
    while chars and text_width(chars + "…", size) > width:
        chars = chars[:-1]
    return chars + "…"


def two_line_width(text: str, size: float, bold: bool = False) -> float:
    """The narrowest width at which `text` wraps into at most two lines (split at the best word)."""
    words = text.split()
    if len(words) < 2:
        return text_width(text, size, bold)
    return min(
        max(text_width(" ".join(words[:k]), size, bold), text_width(" ".join(words[k:]), size, bold))
        for k in range(1, len(words))
    )


def _longest_word(texts: list[str], size: float, bold: bool = False) -> float:
    return max((text_width(w, size, bold) for t in texts for w in t.split()), default=0.0)


def column_widths(
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    total: float,
    size: float,
    flexible: int,
    rules: Rules = RULES,
) -> list[float]:
    """Column widths: each as wide as its longest cell line, and its header on at most two lines (a date never breaks);
    `flexible` takes the rest."""
    pad = 2 * rules.cell_pad + 2
    widths = []
    for col in range(len(headers)):
        longest_cell = max((text_width(line, size) for r in rows for line in r[col].split("\n")), default=0)
        header = two_line_width(headers[col], size * 0.85, bold=True) + 3  # slack for a viewer's own font
        widths.append(max(longest_cell, header if col != flexible else 0) + pad)
    widths[flexible] = total - sum(w for i, w in enumerate(widths) if i != flexible)
    return widths


@dataclass(frozen=True)
class TablePlan:
    """How a table is set in a body box: type size, column widths, wrapped cells, detail lines, row heights."""

    size: float
    header_size: float
    widths: tuple[float, ...]
    header_lines: tuple[tuple[str, ...], ...]  # each header wrapped to its column
    header_h: float
    cells: tuple[tuple[tuple[str, ...], ...], ...]  # per row, per column: its lines
    details: tuple[str, ...]  # per row: one line under it spanning the columns after the first ('' for none)
    heights: tuple[float, ...]  # per row: the height of its main line(s)
    detail_h: float

    @property
    def height(self) -> float:
        """The table's full height."""
        return self.header_h + sum(self.heights) + self.detail_h * sum(1 for d in self.details if d)


def _cut_lines(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> tuple[str, ...]:
    lines = wrap(text, width, size, bold)
    if len(lines) <= max_lines:
        return tuple(lines)
    return (*lines[: max_lines - 1], one_line(" ".join(lines[max_lines - 1 :]), width, size))


def table_plan(
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    flexible: int,
    body: Box,
    details: tuple[str, ...] = (),
    rules: Rules = RULES,
    max_lines: int = 2,
    bold_first: bool = False,
) -> TablePlan:
    """The largest type (table_size down to min_size) at which the table fits the body.

    Every column but the flexible one keeps its own lines (one, or those its text breaks with a newline), the
    flexible one wraps to `max_lines`, each detail
    is cut to one line under its row; the rows then stretch (up to 1.6x) to fill the body.
    """
    flexible = flexible % len(headers)
    details = details or ("",) * len(rows)
    size = rules.table_size
    while True:
        header_size = size * 0.85
        widths = column_widths(headers, rows, body.w, size, flexible, rules)
        inner = [w - 2 * rules.cell_pad - 1 for w in widths]
        too_narrow = inner[flexible] < _longest_word([r[flexible] for r in rows], size, bold_first) + 3
        header_lines = tuple(tuple(wrap(h, w, header_size, bold=True)) for h, w in zip(headers, inner))
        header_h = max(len(lines) for lines in header_lines) * header_size * rules.leading + 10
        cells = tuple(
            tuple(
                _cut_lines(c, inner[i], size, max_lines, bold_first and i == 0)
                if i == flexible
                else tuple(c.split("\n"))
                for i, c in enumerate(row)
            )
            for row in rows
        )
        heights = [max(len(c) for c in row) * size * rules.leading + 8 for row in cells]
        detail_h = size * rules.leading + 4
        natural = header_h + sum(heights) + detail_h * sum(1 for d in details if d)
        if (natural <= body.h and not too_narrow) or size <= rules.min_size:
            break
        size -= 0.5
    stretch = min(max((body.h - header_h) / max(natural - header_h, 1), 1.0), 1.6)
    span = sum(widths[1:]) - 2 * rules.cell_pad - 1
    cut = tuple(one_line(d, span, size) if d else "" for d in details)
    return TablePlan(
        size,
        header_size,
        tuple(widths),
        header_lines,
        header_h,
        cells,
        cut,
        tuple(h * stretch for h in heights),
        detail_h * stretch,
    )


def paginate(
    headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], flexible: int, bodies: list[Box], rules: Rules = RULES
) -> list[tuple[tuple[str, ...], ...]]:
    """Rows split into pages that fit every one of `bodies`, balanced so no last page holds a handful of rows."""

    def fits(part: tuple[tuple[str, ...], ...]) -> bool:
        return all(table_plan(headers, part, flexible, b, rules=rules).height <= b.h + 0.5 for b in bodies)

    pages, start = [], 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and fits(rows[start : end + 1]):
            end += 1
        pages.append(rows[start:end])
        start = end
    if len(pages) > 1:
        per = -(-len(rows) // len(pages))
        even = [rows[i : i + per] for i in range(0, len(rows), per)]
        if len(even) == len(pages) and all(fits(p) for p in even):
            pages = even
    return pages or [()]


def common_size(pairs: list[tuple[tuple[str, str], ...]], boxes: list[Box], rules: Rules = RULES) -> float:
    """One type size for several text boxes of a page: the largest at which every one fits."""
    return min(
        (fit_size(items, box, rules) or rules.min_size for items, box in zip(pairs, boxes)), default=rules.body_size
    )


def item_columns(items: tuple[tuple[str, str], ...], box: Box, rules: Rules = RULES) -> tuple[int, float]:
    """How (heading, text) pairs are set in a box: 1 or 2 columns (2 only in a wide box), at the larger size."""
    best = (1, fit_size(items, box, rules) or rules.min_size)
    if box.w > 600 and len(items) > 1:
        half = Box(box.x, box.y, (box.w - rules.gap) / 2, box.h)
        sizes = [fit_size(items[i::2], half, rules) for i in (0, 1)]
        if all(sizes) and min(sizes) > best[1]:
            best = (2, min(sizes))
    return best


def item_boxes(box: Box, columns: int, rules: Rules = RULES) -> list[Box]:
    """The column boxes for `item_columns`."""
    return side_by_side(box, columns, rules) if columns > 1 else [box]
