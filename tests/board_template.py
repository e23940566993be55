"""A sample organisation template for the board pack tests, built with python-pptx: 16:9, a logo on the slide
master, house colours in the theme, and an example slide that the pack must not keep."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

LOGO_RGB = (200, 0, 200)  # a magenta no chart or table of the pack uses
LOGO_BOX_PT = (806.0, 14.0, 120.0, 40.0)  # left, top, width, height on a 960 x 540 pt slide
HOUSE_PRIMARY = "7A1F5C"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def logo_png() -> bytes:
    """The sample logo: a magenta block with a white bar."""
    image = Image.new("RGB", (240, 80), LOGO_RGB)
    image.paste((255, 255, 255), (20, 34, 220, 46))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def build_template(path: Path) -> Path:
    """Write the sample template to `path` and return it."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    master = prs.slide_master
    _, rid = master.part.get_or_add_image_part(io.BytesIO(logo_png()))
    tree = master.shapes._spTree  # python-pptx has no add_picture on a master; add the <p:pic> directly
    next_id = max(int(v) for v in tree.xpath("//p:cNvPr/@id")) + 1
    tree.add_pic(next_id, "House logo", "logo", rid, *(Pt(v) for v in LOGO_BOX_PT))
    theme = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    accent = root.find(f".//{_A}clrScheme/{_A}accent1")
    for child in list(accent):
        accent.remove(child)
    etree.SubElement(accent, f"{_A}srgbClr", val=HOUSE_PRIMARY)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    example = prs.slides.add_slide(prs.slide_layouts[1])
    example.shapes.title.text = "Example slide of the template"
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path
