"""The board pack carries the annual report's table: its last page, as a real PowerPoint table and a PDF page."""

from __future__ import annotations

import io

from pptx import Presentation
from pypdf import PdfReader

from kpi.boardpack import House, describe, render
from kpi.boardpack.spec import Kind
from tests.test_annual_report import SEED_TABLE_NL, SERVICES_ROW_NL


def test_report_table_slide_and_pdf_page_equal_the_seed_table(demo_activities, demo_targets):
    """The last page: the seed report's header and rows (then services) in the slide's table and on the PDF page."""
    pack = describe(demo_activities, demo_targets, 2018, lang="nl", version="x")
    page = pack.pages[-1]
    assert page.kind is Kind.REPORT and page.title == "Tabel jaarverslag 2018"
    assert [list(page.headers), *map(list, page.rows)] == [*SEED_TABLE_NL, SERVICES_ROW_NL]
    files = render(pack, style=House())
    slide = Presentation(io.BytesIO(files["pptx"])).slides[-1]
    assert slide.shapes.title.text == "Tabel jaarverslag 2018"
    table = next(sh.table for sh in slide.shapes if getattr(sh, "has_table", False) and sh.has_table)
    cells = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    assert cells == [*SEED_TABLE_NL, SERVICES_ROW_NL]
    assert "De KPI-tabel zoals het jaarverslag 2018 hem afdrukt" in slide.notes_slide.notes_text_frame.text
    text = " ".join(PdfReader(io.BytesIO(files["pdf"])).pages[-1].extract_text().split())
    assert "Tabel jaarverslag 2018" in text
    for row in [*SEED_TABLE_NL[1:], SERVICES_ROW_NL]:
        assert " ".join(row) in text  # each row whole and in the table's order
