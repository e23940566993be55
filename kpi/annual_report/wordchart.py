"""A chart description as a native Word chart: the PowerPoint pack's chart XML and workbook, moved into the .docx.

The chart is drawn once by the pack's own code (kpi.boardpack.native.add_bar_chart, python-pptx's ChartXmlWriter
and its embedded workbook) on a scratch slide; its chart part and workbook then become parts of the Word
document, related as Word expects (document -> chart -> embedded package), so Word's "Edit data" opens the
figures. The same approach as python-docx PR #392, without patching python-docx.
"""

from __future__ import annotations

from dataclasses import replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree
from pptx import Presentation

from kpi.boardpack.chartspec import BarChart
from kpi.boardpack.layout import RULES, Box
from kpi.boardpack.native import add_bar_chart

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMU_PER_PT = 12700
# Type in a report page's charts: smaller than on a slide, still at least 9 pt.
WORD_RULES = replace(RULES, chart_size=9.0, chart_title_size=11.0)


class ScratchSlide:
    """One blank slide the pack's chart code draws on; each chart's parts are then taken into the document."""

    def __init__(self) -> None:
        self.slide = None

    def get(self):
        """The slide (made on first use: opening python-pptx's default presentation costs ~60 ms)."""
        if self.slide is None:
            prs = Presentation()
            self.slide = prs.slides.add_slide(prs.slide_layouts[6])
        return self.slide


def chart_parts(
    chart: BarChart, width: float, height: float, lang: str, scratch: ScratchSlide | None = None
) -> tuple[bytes, bytes]:
    """The chart's XML and its workbook (.xlsx), as the PowerPoint pack draws it at `width` x `height` points."""
    slide = (scratch or ScratchSlide()).get()
    frame = add_bar_chart(slide, replace(chart, note=""), Box(0, 0, width, height), lang, WORD_RULES)
    part = frame.chart_part
    return part.blob, part.chart_workbook.xlsx_part.blob


def _free_partname(package, template: str) -> PackURI:
    """The first /word/... part name of `template` (with {n}) not yet in the package."""
    taken = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while template.format(n=n) in taken:
        n += 1
    return PackURI(template.format(n=n))


def _drawing_id(document_part) -> int:
    """A drawing id not used yet in the document body (docPr ids must be unique)."""
    ids = [int(v) for v in document_part.element.xpath("//wp:docPr/@id") if str(v).isdigit()]
    return max(ids, default=0) + 1


def add_chart(
    paragraph, chart: BarChart, width: float, height: float, lang: str, scratch: ScratchSlide | None = None
) -> str:
    """Append `chart` to `paragraph` as an inline native chart of `width` x `height` points; returns its rId."""
    document_part = paragraph.part
    package = document_part.package
    chart_xml, workbook = chart_parts(chart, width, height, lang, scratch)
    xlsx = Part(_free_partname(package, "/word/embeddings/Microsoft_Excel_Sheet{n}.xlsx"), XLSX_CT, workbook, package)
    root = etree.fromstring(chart_xml)
    chart_name = _free_partname(package, "/word/charts/chart{n}.xml")
    chart_part = Part(chart_name, CHART_CT, None, package)
    data_rid = chart_part.relate_to(xlsx, RT.PACKAGE)
    for external in root.iter(f"{{{C_NS}}}externalData"):
        external.set(f"{{{R_NS}}}id", data_rid)
    chart_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    rid = document_part.relate_to(chart_part, RT.CHART)
    number = _drawing_id(document_part)
    cx, cy = round(width * EMU_PER_PT), round(height * EMU_PER_PT)
    drawing = etree.fromstring(
        f'<w:drawing xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:c="{C_NS}" xmlns:r="{R_NS}">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{C_NS}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing>"
    )
    props = drawing.find(f".//{{{WP_NS}}}docPr")
    props.set("id", str(number))
    props.set("name", f"Chart {number}")
    props.set("descr", chart.alt or chart.title)  # the alt text Word shows and screen readers read
    props.set("title", chart.title)
    paragraph.add_run()._r.append(drawing)
    return rid
