"""The pack as PowerPoint (python-pptx): 16:9, tables as real tables, charts as sharp pictures."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kpi.boardpack.spec import Pack, Page, chart_boxes, lines_top

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # exactly 16:9 (13.333 x 7.5 in)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.45)
CONTENT_BOTTOM = Inches(6.85)
GAP = Inches(0.3)
TITLE_LAYOUT, TITLE_ONLY_LAYOUT = 0, 5  # python-pptx's default template
INK = RGBColor(0x1F, 0x1F, 0x1F)
MUTED = RGBColor(0x5A, 0x5A, 0x5A)
HEADER_FILL = RGBColor(0x00, 0x72, 0xB2)
BAND_FILL = RGBColor(0xEE, 0xF4, 0xF9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


def _text(slide, left: int, top: int, width: int, height: int, lines: list[str], size: int,
          colour: RGBColor = INK, bold: bool = False, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour


def _title(slide, page: Page) -> None:
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.75)
    title.text = page.title
    para = title.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    para.runs[0].font.size, para.runs[0].font.bold = Pt(32), True
    if page.subtitle:
        _text(slide, MARGIN, Inches(1.05), WIDTH - 2 * MARGIN, Inches(0.38), [page.subtitle], 16, MUTED)


def _title_page(prs: Presentation, page: Page) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title, body = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN, Inches(2.0), WIDTH - 2 * MARGIN, Inches(1.4)
    title.text = page.title
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(48)
    body.left, body.top, body.width, body.height = MARGIN, Inches(3.6), WIDTH - 2 * MARGIN, Inches(2.6)
    body.text = "\n".join(page.lines)
    for para in body.text_frame.paragraphs:
        for run in para.runs:
            run.font.size, run.font.color.rgb = Pt(22), MUTED


def _table(slide, page: Page) -> None:
    rows, cols = len(page.rows) + 1, len(page.headers)
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(rows, cols, MARGIN, CONTENT_TOP, width, Inches(0.55) * rows)
    table = shape.table
    first = Inches(4.1)
    table.columns[0].width = first
    for c in range(1, cols):
        table.columns[c].width = Emu(int((width - first) / (cols - 1)))
    for r, cells in enumerate([page.headers, *page.rows]):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = value
            para = cell.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.LEFT if c == 0 or c >= cols - 2 else PP_ALIGN.RIGHT  # numbers right
            font = para.runs[0].font
            font.size, font.bold = Pt(13 if r == 0 else 14), r == 0
            font.color.rgb = WHITE if r == 0 else INK
            cell.fill.solid()
            cell.fill.fore_color.rgb = HEADER_FILL if r == 0 else (BAND_FILL if r % 2 == 0 else WHITE)


def _charts(slide, page: Page, images: dict[str, bytes]) -> None:
    width, height = WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP
    for chart, (x, y, w, h) in zip(page.charts, chart_boxes(page, width, height, GAP)):
        slide.shapes.add_picture(io.BytesIO(images[chart.key]), Emu(int(MARGIN + x)), Emu(int(CONTENT_TOP + y)),
                                 Emu(int(w)), Emu(int(h)))
    if page.lines:
        top = Emu(int(CONTENT_TOP + lines_top(page, height)))
        _text(slide, MARGIN, top, width, CONTENT_BOTTOM - top, list(page.lines), 16)


def _items(slide, page: Page) -> None:
    box = slide.shapes.add_textbox(MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # PowerPoint shrinks further when it opens the file
    chars = sum(len(h) + len(text) for h, text in page.items)
    size = next(s for limit, s in ((700, 18), (1200, 15), (2000, 12), (None, 10)) if limit is None or chars < limit)
    first = True
    for heading, text in page.items:
        for line, bold in ((heading, True), (text, False)):
            para = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            run = para.add_run()
            run.text = line
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, INK
            para.space_after = Pt(4 if bold else 14)


def write_pptx(pack: Pack, images: dict[str, bytes]) -> bytes:
    """The pack as .pptx bytes; `images` holds each chart's PNG by chart key."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = pack.pages[0].title
    for number, page in enumerate(pack.pages, start=1):
        if page.kind == "title":
            _title_page(prs, page)
            slide = prs.slides[-1]
        else:
            slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
            _title(slide, page)
            if page.kind == "table":
                _table(slide, page)
            elif page.kind == "charts":
                _charts(slide, page, images)
            else:
                _items(slide, page)
        _text(slide, MARGIN, Inches(6.95), WIDTH - 2 * MARGIN, Inches(0.35), [pack.footer(number)], 11, MUTED,
              align=PP_ALIGN.RIGHT)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
