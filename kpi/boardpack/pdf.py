"""The pack as PDF (reportlab): A4 landscape, the same pages as the PowerPoint."""
from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepInFrame, Paragraph, Table, TableStyle

from kpi.boardpack.spec import Pack, Page, chart_boxes, lines_top
from kpi.i18n import t

# Binary image streams: ASCII85 (the default) is pure Python without rl_accel and cost ~2 s per pack.
rl_config.useA85 = 0
WIDTH, HEIGHT = landscape(A4)
MARGIN = 36.0  # points (half an inch)
CONTENT_TOP = HEIGHT - MARGIN - 58
CONTENT_BOTTOM = MARGIN + 16
GAP = 18.0
TABLE_SIZE = 11.5
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"  # Helvetica lacks the status icons (✔ ▲ ▼ ⚠)
INK, MUTED = colors.HexColor("#1F1F1F"), colors.HexColor("#5A5A5A")
HEADER_FILL, BAND_FILL = colors.HexColor("#0072B2"), colors.HexColor("#EEF4F9")


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab, once."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _style(size: float, bold: bool = False, colour: colors.Color = INK, align: int = 0) -> ParagraphStyle:
    return ParagraphStyle("p", fontName=BOLD if bold else FONT, fontSize=size, leading=size * 1.25,
                          textColor=colour, alignment=align)


def _title(c: Canvas, page: Page) -> None:
    c.setFillColor(INK)
    c.setFont(BOLD, 22)
    c.drawString(MARGIN, HEIGHT - MARGIN - 22, page.title)
    if page.subtitle:
        c.setFillColor(MUTED)
        c.setFont(FONT, 11)
        c.drawString(MARGIN, HEIGHT - MARGIN - 42, page.subtitle)


def _title_page(c: Canvas, page: Page) -> None:
    c.setFillColor(HEADER_FILL)
    c.rect(MARGIN, HEIGHT * 0.62, WIDTH - 2 * MARGIN, 6, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(BOLD, 36)
    c.drawString(MARGIN * 2, HEIGHT * 0.62 + 30, page.title)
    c.setFillColor(MUTED)
    c.setFont(FONT, 16)
    for n, line in enumerate(page.lines):
        c.drawString(MARGIN * 2, HEIGHT * 0.62 - 40 - n * 26, line)


def _column_widths(page: Page, width: float, status_from: int) -> list[float]:
    """Value columns as wide as their longest cell, shrunk so labels keep ~30 %, never below their longest word."""
    pad = 2 * 6 + 2  # reportlab's default cell padding, plus a little air

    def needed(col: int, whole: bool) -> float:
        cells = [row[col] for row in page.rows]
        parts = cells if whole or col >= status_from else [w for cell in cells for w in cell.split()]
        parts += page.headers[col].split()
        return max(pdfmetrics.stringWidth(p, BOLD, TABLE_SIZE) for p in parts) + pad

    columns = range(1, len(page.headers))
    whole = [needed(col, True) for col in columns]
    scale = min(1.0, 0.7 * width / sum(whole))  # shrink towards 70 %, never below the longest word
    values = [max(w * scale, needed(col, False)) for w, col in zip(whole, columns)]
    return [width - sum(values), *values]


def _table(c: Canvas, page: Page) -> None:
    width = WIDTH - 2 * MARGIN
    numeric = range(1, len(page.headers) - 2)  # report columns with numbers: right-aligned
    widths = _column_widths(page, width, len(page.headers) - 2)
    cells = [[Paragraph(escape(h), _style(TABLE_SIZE - 1, True, colors.white, 2 if i in numeric else 0))
              for i, h in enumerate(page.headers)]]
    for row in page.rows:
        cells.append([Paragraph(escape(v), _style(TABLE_SIZE, align=2 if i in numeric else 0))
                      for i, v in enumerate(row)])
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, BAND_FILL]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#C8C8C8")),
    ]))
    _, h = table.wrapOn(c, width, CONTENT_TOP - CONTENT_BOTTOM)
    table.drawOn(c, MARGIN, CONTENT_TOP - h)


def _charts(c: Canvas, page: Page, images: dict[str, bytes]) -> None:
    width, height = WIDTH - 2 * MARGIN, CONTENT_TOP - CONTENT_BOTTOM
    for chart, (x, y, w, h) in zip(page.charts, chart_boxes(page, width, height, GAP)):
        c.drawImage(ImageReader(io.BytesIO(images[chart.key])), MARGIN + x, CONTENT_TOP - y - h, w, h)
    c.setFillColor(INK)
    c.setFont(FONT, 12)
    step = (height - lines_top(page, height)) / max(len(page.lines), 1)
    for n, line in enumerate(page.lines, start=1):
        c.drawString(MARGIN, CONTENT_TOP - lines_top(page, height) - n * step + 6, line)


def _items(c: Canvas, page: Page) -> None:
    story = []
    for heading, text in page.items:
        body = _style(13)
        body.spaceBefore, body.spaceAfter = 4, 16
        story += [Paragraph(escape(heading), _style(15, True)), Paragraph(escape(text), body)]
    width, height = WIDTH - 2 * MARGIN, CONTENT_TOP - CONTENT_BOTTOM
    frame = Frame(MARGIN, CONTENT_BOTTOM, width, height, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0, showBoundary=0)
    # A frame silently drops what does not fit; shrinking keeps every word of long commentary.
    frame.addFromList([KeepInFrame(width, height, story, mode="shrink")], c)


def write_pdf(pack: Pack, images: dict[str, bytes]) -> bytes:
    """The pack as PDF bytes; `images` holds each chart's PNG by chart key."""
    register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(WIDTH, HEIGHT), pageCompression=1)
    c.setTitle(pack.pages[0].title)
    c.setAuthor(t("board.team", pack.lang))
    for number, page in enumerate(pack.pages, start=1):
        c.bookmarkPage(f"p{number}")
        c.addOutlineEntry(page.title, f"p{number}", level=0)
        if page.kind == "title":
            _title_page(c, page)
        else:
            _title(c, page)
            if page.kind == "table":
                _table(c, page)
            elif page.kind == "charts":
                _charts(c, page, images)
            else:
                _items(c, page)
        c.setFillColor(MUTED)
        c.setFont(FONT, 8)
        c.drawRightString(WIDTH - MARGIN, MARGIN - 12, pack.footer(number))
        c.showPage()
    c.save()
    return buffer.getvalue()
