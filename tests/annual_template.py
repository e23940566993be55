"""A generated agency Word template for the annual report's tests: own styles, page size, header with logo, footer."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor
from PIL import Image

HEADING_RGB = "7A1F5C"  # the agency's heading colour
BODY_FONT = "Georgia"
TABLE_STYLE = "Agency Table"
HEADER_TEXT = "Regionale Ontwikkelingsmaatschappij Oost"
FOOTER_TEXT = "Agency footer: vertrouwelijk"
EXAMPLE_TEXT = "Voorbeeldtekst van het sjabloon"
LOGO_RGB = (122, 31, 92)
PAGE_MM = (215.9, 279.4)  # US Letter: not the default's A4, so the test sees the template's page
MARGIN_MM = 30


def logo_png() -> bytes:
    """A small solid logo in the agency's colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), LOGO_RGB).save(buffer, format="PNG")
    return buffer.getvalue()


def build_agency_template(path: Path) -> Path:
    """Write agency.docx: Letter page, 30 mm margins, coloured headings, a body font, a table style used by an
    example table, a header with the logo and a line of text, and a footer."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    document.styles["Normal"].font.name = BODY_FONT
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        style.font.color.rgb = RGBColor.from_string(HEADING_RGB)
        style.font.name = BODY_FONT
    table_style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    table_style.base_style = document.styles["Table Grid"]
    table_style.element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADING_RGB}"/></w:tcPr></w:tblStylePr>'
        )
    )
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo_png()), width=Mm(30))
    header.add_run("  " + HEADER_TEXT).font.size = Pt(9)
    section.footer.paragraphs[0].text = FOOTER_TEXT
    document.add_heading("Sjabloon", 1)
    document.add_paragraph(EXAMPLE_TEXT)
    example = document.add_table(rows=2, cols=2)
    example.style = document.styles[TABLE_STYLE]
    document.save(str(path))
    return path
