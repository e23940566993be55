"""The pack as PowerPoint (python-pptx): native charts, real tables, speaker notes, optional house template."""

from __future__ import annotations

import io
import json

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from kpi.boardpack import layout as lay
from kpi.boardpack.house import House
from kpi.boardpack.native import add_bar_chart, decorative, emu, rgb
from kpi.boardpack.pdf import status_colour
from kpi.boardpack.spec import Kind, Pack, Page
from kpi.i18n import t

INK, MUTED, WHITE, BAND = lay.INK, lay.MUTED, lay.WHITE, lay.BAND
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
# Placeholders a title-only layout may have besides its title.
FURNITURE = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _placeholder_types(layout) -> list:
    return [ph.placeholder_format.type for ph in layout.placeholders]


def title_layout(prs):
    """The template's title slide layout: the first with a centred title, else the first layout."""
    return next(
        (lo for lo in prs.slide_layouts if PP_PLACEHOLDER.CENTER_TITLE in _placeholder_types(lo)), prs.slide_layouts[0]
    )


def title_only_layout(prs):
    """The template's title-only layout: a title and nothing else to fill (date, footer, number allowed)."""
    for layout in prs.slide_layouts:
        kinds = _placeholder_types(layout)
        if PP_PLACEHOLDER.TITLE in kinds and all(k in (PP_PLACEHOLDER.TITLE, *FURNITURE) for k in kinds):
            return layout
    return next(lo for lo in prs.slide_layouts if any(k in TITLE_TYPES for k in _placeholder_types(lo)))


def _drop_slides(prs) -> None:
    """Remove the template's own example slides; its master and layouts stay."""
    ids = prs.slides._sldIdLst  # python-pptx has no public API for removing a slide
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)


def _text(
    slide,
    box: lay.Box,
    lines: list[str],
    size: float,
    colour: str = INK,
    bold: bool = False,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    name: str = "text",
):
    shape = slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, rgb(colour)
    return shape


def _unnamed_pictures_decorative(prs) -> None:
    """Pictures of the template's master and layouts (a logo) without alt text are marked decorative."""
    for owner in [part for master in prs.slide_masters for part in (master, *master.slide_layouts)]:
        for shape in owner.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and not shape._element.xpath("./*[1]/p:cNvPr/@descr"):
                decorative(shape)


class _Writer:
    """Writes one pack slide by slide; one method per page kind."""

    def __init__(self, pack: Pack, house: House, rules: lay.Rules = lay.RULES) -> None:
        self.pack, self.house, self.rules = pack, house, rules
        if house.template:
            self.prs = Presentation(str(house.template))
            _drop_slides(self.prs)
            _unnamed_pictures_decorative(self.prs)
        else:
            self.prs = Presentation()
            self.prs.slide_width, self.prs.slide_height = emu(lay.SLIDE[0]), emu(lay.SLIDE[1])
        width, height = self.prs.slide_width / 12700, self.prs.slide_height / 12700
        self.frame = lay.frame(width, height, rules, house.logo_box)

    def write(self) -> bytes:
        """Every slide with its notes, the core properties, and the file's bytes."""
        pack, prs = self.pack, self.prs
        props = prs.core_properties
        props.title = pack.pages[0].title
        props.author = t("board.team", pack.lang)
        props.subject = t("board.as_of", pack.lang, date=pack.as_of.isoformat())
        props.version = pack.version
        props.identifier = str(pack.record.get("version"))
        props.keywords = json.dumps(
            {k: pack.record.get(k) for k in ("year", "as_of", "version", "version_label", "lang")}, ensure_ascii=False
        )
        props.language = pack.lang
        draw = {
            Kind.TITLE: self.title_page,
            Kind.SCORECARD: self.table,
            Kind.TABLE: self.table,
            Kind.REPORT: self.table,
            Kind.GROUP: self.group,
            Kind.CHARTS: self.charts,
            Kind.TEXT: self.text_page,
        }
        for number, page in enumerate(pack.pages, start=1):
            layout = title_layout(prs) if page.kind is Kind.TITLE else title_only_layout(prs)
            slide = prs.slides.add_slide(layout)
            for ph in list(slide.placeholders):  # unused date/footer/number placeholders would show prompts
                if ph.placeholder_format.type not in TITLE_TYPES:
                    ph._element.getparent().remove(ph._element)
            if page.kind is not Kind.TITLE:
                self.header(slide, page)
            draw[page.kind](slide, page)
            f = self.frame.footer
            _text(slide, f, [pack.footer(number)], self.rules.footer_size, MUTED, align=PP_ALIGN.RIGHT, name="footer")
            slide.notes_slide.notes_text_frame.text = page.notes
        buffer = io.BytesIO()
        prs.save(buffer)
        return buffer.getvalue()

    def header(self, slide, page: Page) -> None:
        """The title in the layout's title placeholder (outline view), the status line or subtitle under it."""
        r, f = self.rules, self.frame
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = (
            emu(f.title.x),
            emu(f.title.y),
            emu(f.title.w),
            emu(f.title.h),
        )
        title.text = page.title
        frame = title.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        para = frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.runs[0].font.size, para.runs[0].font.bold = Pt(r.title_size), True
        if page.subtitle:
            group = page.kind is Kind.GROUP
            size = r.status_size if group else r.min_size + 1
            lines = [lay.one_line(line, f.status.w, size) for line in page.subtitle.splitlines()]
            _text(slide, f.status, lines, size, INK if group else MUTED, bold=group, name="status")

    def title_page(self, slide, page: Page) -> None:
        """The title slide: title placeholder and the lines under it."""
        r, width, height = self.rules, self.frame.width, self.frame.height
        title = slide.shapes.title
        box = lay.Box(r.margin * 2, height * 0.30 - 80, width - 4 * r.margin, 70)
        title.left, title.top, title.width, title.height = emu(box.x), emu(box.y), emu(box.w), emu(box.h)
        title.text = page.title
        para = title.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT
        para.runs[0].font.size, para.runs[0].font.bold = Pt(r.cover_title_size), True
        band = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, emu(r.margin), emu(height * 0.30), emu(width - 2 * r.margin), emu(6)
        )
        band.fill.solid()
        band.fill.fore_color.rgb = rgb(self.house.primary)
        band.line.fill.background()
        band.name = "band"
        decorative(band)
        _text(
            slide,
            lay.Box(
                r.margin * 2, height * 0.30 + 30, width - 4 * r.margin, r.cover_line_size * 1.7 * len(page.lines) + 10
            ),
            list(page.lines),
            r.cover_line_size,
            MUTED,
            name="lines",
        )

    def table(self, slide, page: Page, body: lay.Box | None = None) -> None:
        """A real table (scorecard or appendix) set by the shared table plan; a detail line is a merged row."""
        r, body = self.rules, body or self.frame.body
        plan = lay.table_plan(
            page.headers, page.rows, page.flexible, body, page.details, r, bold_first=bool(page.statuses)
        )
        layout = [(n, False) for n in range(len(plan.cells))]
        layout = [part for n, _ in layout for part in ([(n, False), (n, True)] if plan.details[n] else [(n, False)])]
        shape = slide.shapes.add_table(
            len(layout) + 1, len(page.headers), emu(body.x), emu(body.y), emu(body.w), emu(plan.height)
        )
        shape.name = "table"
        table = shape.table
        table.first_row, table.horz_banding = True, False
        for col, w in enumerate(plan.widths):
            table.columns[col].width = emu(w)
        table.rows[0].height = emu(plan.header_h)
        for col, header in enumerate(page.headers):
            self._cell(
                table.cell(0, col), [header], plan.header_size, WHITE, self.house.primary, True, col in page.numeric
            )
        for k, (n, is_detail) in enumerate(layout, start=1):
            table.rows[k].height = emu(plan.detail_h if is_detail else plan.heights[n])
            fill = BAND if n % 2 else WHITE
            if is_detail:
                table.cell(k, 1).merge(table.cell(k, len(page.headers) - 1))
                self._cell(table.cell(k, 1), [plan.details[n]], plan.size, MUTED, fill)
                table.cell(k - 1, 0).merge(table.cell(k, 0))
                continue
            statuses = dict(zip((5, 6), page.statuses[n])) if page.statuses else {}
            for col, lines in enumerate(plan.cells[n]):
                colour = status_colour(statuses[col], self.house.primary) if col in statuses else INK
                self._cell(
                    table.cell(k, col),
                    list(lines),
                    plan.size,
                    colour,
                    fill,
                    col == 0 and bool(page.statuses),
                    col in page.numeric,
                )

    @staticmethod
    def _cell(
        cell, lines: list[str], size: float, colour: str, fill: str, bold: bool = False, right: bool = False
    ) -> None:
        cell.margin_left = cell.margin_right = emu(lay.RULES.cell_pad)
        cell.margin_top = cell.margin_bottom = emu(2)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        cell.text = " ".join(lines)  # the writer's own wrapping: one paragraph, wrapped like the plan
        para = cell.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
        font = para.runs[0].font if para.runs else para.font
        font.size, font.bold, font.color.rgb = Pt(size), bold, rgb(colour)
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)

    def group(self, slide, page: Page) -> None:
        """The group's native charts, and each KPI's figures and commentary under (or beside) them."""
        boxes, texts = lay.group_boxes(self.frame.body, len(page.charts), len(page.items), self.rules)
        size = lay.common_size([(item,) for item in page.items], texts, self.rules)
        for chart, box in zip(page.charts, boxes):
            add_bar_chart(slide, chart, box, self.pack.lang, self.rules)
        for text, item in zip(texts, page.items):
            self.items(slide, (item,), text, size=size)

    def charts(self, slide, page: Page) -> None:
        """Native charts side by side over the body, or over its upper part with the page's table under them."""
        area, under = lay.charts_over_table(self.frame.body, self.rules) if page.rows else (self.frame.body, None)
        for chart, box in zip(page.charts, lay.side_by_side(area, len(page.charts), self.rules)):
            add_bar_chart(slide, chart, box, self.pack.lang, self.rules)
        if under:
            self.table(slide, page, under)

    def text_page(self, slide, page: Page) -> None:
        """Commentary that did not fit beside its charts."""
        self.items(slide, page.items, self.frame.body)

    def items(
        self, slide, items: tuple[tuple[str, str], ...], box: lay.Box, heading: bool = True, size: float | None = None
    ) -> None:
        """(heading, text) pairs at the size the layout rules chose for this box."""
        items = items if heading else tuple(("", text) for _, text in items)
        columns, fitted = lay.item_columns(items, box, self.rules)
        size = min(size, fitted) if size else fitted
        for col, column in enumerate(lay.item_boxes(box, columns, self.rules)):
            shape = slide.shapes.add_textbox(emu(column.x), emu(column.y), emu(column.w), emu(column.h))
            shape.name = "commentary"
            frame = shape.text_frame
            frame.word_wrap = True
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            first = True
            for title, text in items[col::columns]:
                parts = ([(title, True)] if title else []) + [(line, False) for line in text.splitlines()]
                for n, (line, bold) in enumerate(parts):
                    para = frame.paragraphs[0] if first else frame.add_paragraph()
                    first = False
                    run = para.add_run()
                    run.text = line
                    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, rgb(INK)
                    para.space_after = Pt(size * 0.6 if n == len(parts) - 1 else 0)


def write_pptx(pack: Pack, house: House | None = None) -> bytes:
    """The pack as .pptx bytes, on the house template when one is given."""
    return _Writer(pack, house or House()).write()
