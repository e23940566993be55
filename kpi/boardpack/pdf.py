"""The pack as PDF (reportlab): A4 landscape, the same pages and layout rules as the PowerPoint."""

from __future__ import annotations

import io
import json

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kpi.a11y import AA_TEXT, contrast
from kpi.boardpack import layout as lay
from kpi.boardpack.house import House
from kpi.boardpack.pdfchart import INK, MUTED, _Page, draw_bar_chart
from kpi.boardpack.spec import Kind, Pack, Page
from kpi.i18n import t
from kpi.palette import BLUE_TEXT, GREY_TEXT, VERMILLION_TEXT, status_text_colour
from kpi.targets import GOOD_STATUSES, ON_SCHEDULE_SHORT

rl_config.useA85 = 0  # binary image streams: ASCII85 is pure Python without rl_accel
WIDTH, HEIGHT = lay.A4_LANDSCAPE
BAND, LINE = colors.HexColor(lay.BAND), colors.HexColor(lay.LINE)


def status_colour(status: str, good: str) -> str:
    """The colour a status is written in: the house colour when good (dark blue if it is too light to read on white),
    dark purple when on schedule but the forecast misses, dark vermillion when not, grey without target. The icon and words carry the status too."""
    if status in GOOD_STATUSES:
        return good if contrast(good) >= AA_TEXT else BLUE_TEXT
    if status == ON_SCHEDULE_SHORT:  # on schedule, but the forecast misses: its own colour, as in the app
        return status_text_colour(status)
    return GREY_TEXT if status == "no_target" else VERMILLION_TEXT


class _Writer:
    """Draws one pack page by page; one method per page kind."""

    def __init__(self, pack: Pack, house: House, rules: lay.Rules = lay.RULES) -> None:
        self.pack, self.house, self.rules = pack, house, rules
        self.frame = lay.frame(WIDTH, HEIGHT, rules)
        self.buffer = io.BytesIO()
        # lang: the document's language (/Lang), so screen readers pronounce it right
        self.c = Canvas(self.buffer, pagesize=(WIDTH, HEIGHT), pageCompression=1, lang=pack.lang)
        self.p = _Page(self.c, HEIGHT)
        self.primary = colors.HexColor(house.primary)

    def write(self) -> bytes:
        """Every page, the metadata, and the finished file's bytes."""
        lay.register_fonts()
        pack, c = self.pack, self.c
        c.setTitle(pack.pages[0].title)
        c.setAuthor(t("board.team", pack.lang))
        c.setSubject(t("board.as_of", pack.lang, date=pack.as_of.isoformat()) + f" · {pack.version}")
        c.setKeywords(
            json.dumps(
                {k: pack.record.get(k) for k in ("year", "as_of", "version", "version_label", "lang")},
                ensure_ascii=False,
            )
        )
        c.setCreator("kpi boardpack")
        c.setViewerPreference("DisplayDocTitle", "true")  # viewers show the title, not the file name
        c.showOutline()  # the bookmarks (one per page) open beside the pages
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
            c.bookmarkPage(f"p{number}")
            c.addOutlineEntry(page.title, f"p{number}", level=0)
            if page.kind is not Kind.TITLE:
                self.header(page)
            draw[page.kind](page)
            self.logo(self.frame.logo)
            f = self.frame.footer
            self.p.text(f.right, f.y + 2, pack.footer(number), self.rules.footer_size, colour=MUTED, align="right")
            c.showPage()
        c.save()
        return self.buffer.getvalue()

    def logo(self, box: lay.Box) -> None:
        """The house logo, fitted into `box` keeping its proportions."""
        if not self.house.logo:
            return
        image = ImageReader(io.BytesIO(self.house.logo))
        iw, ih = image.getSize()
        scale = min(box.w / iw, box.h / ih)
        w, h = iw * scale, ih * scale
        self.c.drawImage(image, box.right - w, HEIGHT - box.y - h, w, h, mask="auto")

    def header(self, page: Page) -> None:
        """The page title and, under it, the status line or subtitle."""
        r, f = self.rules, self.frame
        self.p.text(f.title.x, f.title.y + (f.title.h - r.title_size) / 2, page.title, r.title_size, bold=True)
        group = page.kind is Kind.GROUP
        size = r.status_size if group else r.min_size + 1
        for n, line in enumerate(page.subtitle.splitlines()):
            self.p.text(
                f.status.x,
                f.status.y + 2 + n * size * r.leading,
                lay.one_line(line, f.status.w, size),
                size,
                bold=group,
                colour=INK if group else MUTED,
            )
        self.p.rect(f.title.x, f.status.bottom + 2, f.body.w, 2, self.primary)

    def title_page(self, page: Page) -> None:
        """The title, team, as-of date, data version and filter."""
        y = HEIGHT * 0.30
        self.p.rect(self.rules.margin, y, WIDTH - 2 * self.rules.margin, 6, self.primary)
        r = self.rules
        self.p.text(r.margin * 2, y - 64, page.title, r.cover_title_size, bold=True)
        for n, line in enumerate(page.lines):
            self.p.text(r.margin * 2, y + 34 + n * r.cover_line_size * 1.6, line, r.cover_line_size, colour=MUTED)

    def table(self, page: Page, body: lay.Box | None = None) -> None:
        """A table (scorecard or appendix) set by the shared table plan, header in the house colour."""
        body, r = body or self.frame.body, self.rules
        plan = lay.table_plan(
            page.headers, page.rows, page.flexible, body, page.details, r, bold_first=bool(page.statuses)
        )
        lead = plan.size * r.leading
        x = body.x
        self.p.rect(body.x, body.y, body.w, plan.header_h, self.primary)
        for col, (lines, w) in enumerate(zip(plan.header_lines, plan.widths)):
            for k, line in enumerate(lines):
                y = body.y + 5 + k * plan.header_size * r.leading
                right = col in page.numeric
                self.p.text(
                    x + w - r.cell_pad if right else x + r.cell_pad,
                    y,
                    line,
                    plan.header_size,
                    bold=True,
                    colour=colors.white,
                    align="right" if right else "left",
                )
            x += w
        top = body.y + plan.header_h
        for n, (cells, height, detail) in enumerate(zip(plan.cells, plan.heights, plan.details)):
            full = height + (plan.detail_h if detail else 0)
            if n % 2:
                self.p.rect(body.x, top, body.w, full, BAND)
            self.p.line(body.x, top + full, body.right, top + full, LINE, 0.4)
            x = body.x
            statuses = dict(zip((5, 6), page.statuses[n])) if page.statuses else {}
            for col, (lines, w) in enumerate(zip(cells, plan.widths)):
                colour = colors.HexColor(status_colour(statuses[col], self.house.primary)) if col in statuses else INK
                first = top + (height - len(lines) * lead) / 2 + (lead - plan.size) / 2
                for k, line in enumerate(lines):
                    right = col in page.numeric
                    self.p.text(
                        x + w - r.cell_pad if right else x + r.cell_pad,
                        first + k * lead,
                        line,
                        plan.size,
                        bold=col == 0 and bool(page.statuses),
                        colour=colour,
                        align="right" if right else "left",
                    )
                x += w
            if detail:
                self.p.text(body.x + plan.widths[0] + r.cell_pad, top + height - 2, detail, plan.size, colour=MUTED)
            top += full

    def group(self, page: Page) -> None:
        """The group's charts, and each KPI's figures and commentary under (or beside) them."""
        boxes, texts = lay.group_boxes(self.frame.body, len(page.charts), len(page.items), self.rules)
        size = lay.common_size([(item,) for item in page.items], texts, self.rules)
        for chart, box in zip(page.charts, boxes):
            draw_bar_chart(self.c, HEIGHT, chart, box, self.pack.lang, self.rules)
        for text, item in zip(texts, page.items):
            self.items((item,), text, size=size)

    def charts(self, page: Page) -> None:
        """Charts side by side over the body, or over its upper part with the page's table under them."""
        area, under = lay.charts_over_table(self.frame.body, self.rules) if page.rows else (self.frame.body, None)
        for chart, box in zip(page.charts, lay.side_by_side(area, len(page.charts), self.rules)):
            draw_bar_chart(self.c, HEIGHT, chart, box, self.pack.lang, self.rules)
        if under:
            self.table(page, under)

    def text_page(self, page: Page) -> None:
        """Commentary that did not fit beside its charts."""
        self.items(page.items, self.frame.body)

    def items(
        self, items: tuple[tuple[str, str], ...], box: lay.Box, heading: bool = True, size: float | None = None
    ) -> None:
        """(heading, text) pairs at the largest size that fits the box (they were split to fit at the smallest)."""
        r = self.rules
        items = items if heading else tuple(("", text) for _, text in items)
        columns, fitted = lay.item_columns(items, box, r)
        size = min(size, fitted) if size else fitted
        for col, column in enumerate(lay.item_boxes(box, columns, r)):
            y = column.y
            for title, text in items[col::columns]:
                for line in lay.wrap(title, column.w, size, bold=True) if title else ():
                    self.p.text(column.x, y, line, size, bold=True)
                    y += size * r.leading
                for line in lay.wrap(text, column.w, size):
                    self.p.text(column.x, y, line, size)
                    y += size * r.leading
                y += size * r.leading * 0.5


def write_pdf(pack: Pack, house: House | None = None) -> bytes:
    """The pack as PDF bytes, in the house style (logo and colours) when one is given."""
    return _Writer(pack, house or House()).write()
