"""The annual report as a Word document (python-docx), in the agency's template or a clean default."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt

from kpi import fmt, settings
from kpi.annual_report.content import Report
from kpi.annual_report.wordchart import ScratchSlide, add_chart
from kpi.boardpack.layout import MUTED, text_width
from kpi.errors import Refused
from kpi.i18n import t
from kpi.languages import language
from kpi.palette import BLUE_TEXT

EMU_PER_PT = 12700
DEFAULT_FONT = "Calibri"  # the clean default's body (LibreOffice shows a metric-compatible substitute)
DEFAULT_TABLE_STYLE = "KPI Table"  # the clean default's table style (a template brings its own)
COMMENTARY_STYLE = "Team Commentary"  # the team's own text: indented, with a rule on its left
CHART_HEIGHT_PER_BAR = 38.0  # points per category: the percent charts' two-line names all show (LibreOffice too)


class TemplateRefused(Refused):
    """The given template cannot be opened as a Word document: args are its path and the reason (None: no file)."""

    def message(self, lang: str, limit: int = 50) -> str:
        """What is wrong, in the user's language: where the template comes from, never its path or name (a server
        path; the reason may repeat it). `detail` is for the log."""
        _, reason = self.args
        return t("annual.template_missing" if reason is None else "annual.cli.bad_template", lang)

    def detail(self) -> str:
        """The path and the reason, for the server's log."""
        path, reason = self.args
        return f"{path}: {'no such file' if reason is None else reason}"


def _default_table_style(document) -> str:
    """Add the clean default's table style: light rules, a dark header row with white bold text."""
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="KPITable">'
            f'<w:name w:val="{DEFAULT_TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="19"/></w:rPr>'
            '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="C8C8C8"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="C8C8C8"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="C8C8C8"/></w:tblBorders>'
            '<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="45" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE_TEXT.lstrip("#")}"/></w:tcPr></w:tblStylePr>'
            "</w:style>"
        )
    )
    return DEFAULT_TABLE_STYLE


def _template_table_style(document) -> str | None:
    """The template's table style: the one its first table uses, else its first own (custom) table style."""
    first = document.tables[0].style if document.tables else None
    if first is not None and first.name != "Normal Table":
        return first.name
    own = [s for s in document.styles if s.type == WD_STYLE_TYPE.TABLE and not s.builtin]
    return own[0].name if own else None


def _clear_body(document) -> None:
    """Remove the template's example content; its section (page size, margins, header, footer) stays."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def configured_template(template: str | Path | None = None) -> Path | None:
    """`template` as given, else the report_template setting (relative to the project), else None: the default."""
    if template:
        return Path(template).expanduser()
    value = settings.get("report_template")
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() or path.exists() else settings.PROJECT_ROOT / path


def check_template(template: Path | None) -> None:
    """Raise TemplateRefused when `template` cannot be opened as a Word document (None is the default: fine)."""
    if template is not None:
        open_template(template)


def open_template(template: str | Path | None) -> tuple[docx.document.Document, str]:
    """The document to write into and its table style: the template emptied, or a clean A4 default."""
    if template is None:
        document = docx.Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        body = document.styles["Normal"].font
        body.name, body.size = DEFAULT_FONT, Pt(10.5)  # a sans body instead of the built-in template's Cambria
        return document, _default_table_style(document)
    if not Path(template).is_file():
        raise TemplateRefused(str(template), None)
    try:
        document = docx.Document(str(template))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as error:
        raise TemplateRefused(str(template), str(error)) from None
    style = _template_table_style(document)
    _clear_body(document)
    if style is None:
        names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.TABLE}
        style = "Table Grid" if "Table Grid" in names else _default_table_style(document)
    return document, style


def set_language(document, lang: str) -> str:
    """The document's language (w:lang) as a BCP 47 tag, on the defaults and every style that names one."""
    tag = language(lang).locale.replace("_", "-")
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(parse_xml(f"<w:lang {nsdecls('w')}/>"))
    for lang_element in styles.iter(qn("w:lang")):
        lang_element.set(qn("w:val"), tag)
    return tag


def _heading_style(document, level: int) -> str:
    """The template's heading style for `level` (0: Title); added, with its outline level, when it lacks one."""
    name = "Title" if level == 0 else f"Heading {level}"
    names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    if name not in names:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt({0: 22, 1: 16, 2: 13}.get(level, 11))
        if level:
            style.paragraph_format.keep_with_next = True
            style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))
    return name


def _commentary_style(document) -> str:
    """The style of the team's own text: the template's when it has one of that name, else indented with a rule."""
    names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    if COMMENTARY_STYLE not in names:
        style = document.styles.add_style(COMMENTARY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Pt(12)
        style.element.get_or_add_pPr().append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="8" '
                f'w:color="{BLUE_TEXT.lstrip("#")}"/></w:pBdr>'
            )
        )
    return COMMENTARY_STYLE


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of `paragraph`, showing `shown` until it is updated."""
    w = nsdecls("w")
    for xml in (
        f'<w:fldChar {w} w:fldCharType="begin"/>',
        f'<w:instrText {w} xml:space="preserve"> {instruction} </w:instrText>',
        f'<w:fldChar {w} w:fldCharType="separate"/>',
        f"<w:t {w}>{shown}</w:t>",
        f'<w:fldChar {w} w:fldCharType="end"/>',
    ):
        paragraph.add_run()._r.append(parse_xml(xml))


def _default_footer(document, report: Report) -> None:
    """The clean default's footer: team, year, as-of date, data version and page number."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(
        t(
            "annual.footer",
            report.lang,
            team=t("board.team", report.lang),
            year=report.year,
            date=fmt.date(report.as_of, report.lang),
            version=report.version,
        )
    )
    run.font.size = Pt(8)
    _field(paragraph, "PAGE", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _mark_header_row(row) -> None:
    """Mark a table row as its header, repeated on every page."""
    props = row._tr.get_or_add_trPr()
    props.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def _table_description(table, caption: str, description: str) -> None:
    """The table's title and description (Word's table alt text)."""
    props = table._tbl.tblPr
    props.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{_attr(caption)}"/>'))
    props.append(parse_xml(f'<w:tblDescription {nsdecls("w")} w:val="{_attr(description)}"/>'))


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def content_width(document) -> float:
    """The width between the first section's margins, in points."""
    section = document.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / EMU_PER_PT


def _font_size(document, style: str) -> float:
    """The table's type size in points: its style's, else Normal's, else 11."""
    for name in (style, "Normal"):
        size = document.styles[name].font.size
        if size is not None:
            return size.pt
    return 11.0


MIN_TABLE_SIZE = 8.0  # the smallest type the table is set in to keep every word whole
MEASURE_SLACK = 1.12  # widths are measured in DejaVu Sans; a viewer's substitute font may run wider


def column_widths(
    headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], width: float, size: float
) -> tuple[list[float], float | None]:
    """Column widths in points and the type size the table needs (None: the style's own `size` fits).

    Each figure column is as wide as its widest cell ('niet gedefinieerd' on one line) when the KPI column keeps at
    least 35 %, else as wide as its longest word; the KPI column takes the rest, at least its longest word. When even
    that does not fit, the type is made smaller (down to MIN_TABLE_SIZE), so no word is broken; on a page too narrow
    even then, every column shrinks alike and the table still fits the page."""
    pad = 14.0  # cell margins and a little air

    def measure(text: str, at: float, bold: bool) -> float:
        return text_width(text, at, bold=bold) * MEASURE_SLACK + pad

    def widest(column: int, words: bool, at: float) -> float:
        body = [r[column] for r in rows]
        parts = [w for text in body for w in text.split()] if words else body
        head = max(measure(w, at, True) for w in headers[column].split())
        return max([head, *(measure(p, at, False) for p in parts)])

    at = size
    while True:
        label = max(measure(w, at, False) for r in rows for w in r[0].split()) if rows else 0.0
        for words in (False, True):
            figures = [widest(c, words, at) for c in range(1, len(headers))]
            if width - sum(figures) >= max(0.35 * width, label):
                break
        if width - sum(figures) >= label:
            return [width - sum(figures), *figures], (None if at == size else at)
        if at <= MIN_TABLE_SIZE:  # a very narrow page: the page wins, every column shrinks alike
            scale = width / (label + sum(figures))
            return [label * scale, *(f * scale for f in figures)], at
        at -= 0.5


def add_report_table(document, report: Report, style: str) -> None:
    """The report's table as a real Word table in `style`: header row marked, figures right-aligned."""
    headers, rows = report.headers, report.rows
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths, size = column_widths(headers, rows, content_width(document), _font_size(document, style))
    table.autofit = False
    for column, w in zip(table.columns, widths):
        column.width = Emu(round(w * EMU_PER_PT))  # the grid: what LibreOffice lays out by
    for n, (row, cells) in enumerate(zip(table.rows, [headers, *rows])):
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        last = n == len(rows)
        for c, (cell, text) in enumerate(zip(row.cells, cells)):
            cell.width = Emu(round(widths[c] * EMU_PER_PT))
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            if size is not None:
                run.font.size = Pt(size)
            paragraph.paragraph_format.keep_with_next = not last  # the table stays on one page when it fits
            if c:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _mark_header_row(table.rows[0])
    caption = t("annual.table_caption", report.lang, year=report.year)
    _table_description(table, t("annual.table_heading", report.lang, year=report.year), caption)


def chart_height(categories: int) -> float:
    """A chart's height in points: room for its bars, title, legend and axis."""
    return 100.0 + CHART_HEIGHT_PER_BAR * max(categories, 1)


def add_charts(document, report: Report) -> None:
    """Every chart as a native Word chart with its alt text, its note (if any) as a caption under it."""
    width, scratch = content_width(document), ScratchSlide()
    for chart in report.charts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(chart.note)
        add_chart(paragraph, chart, width, chart_height(len(chart.categories)), report.lang, scratch)
        if chart.note:
            note = document.add_paragraph(chart.note)
            for run in note.runs:
                run.font.size = Pt(9)
                run.font.color.rgb = docx.shared.RGBColor.from_string(MUTED.lstrip("#"))


def set_properties(document, report: Report) -> None:
    """Title, author, language and what the document was built from (data version, as-of date) in its properties."""
    props = document.core_properties
    record = report.record
    props.title = report.title
    props.subject = t("board.as_of", report.lang, date=report.as_of.isoformat())
    props.author = t("board.team", report.lang)
    props.last_modified_by = t("board.team", report.lang)
    props.category = "annual_report"
    props.version = report.version
    props.identifier = str(record.get("version"))
    props.comments = f"data version {report.version}; as of {report.as_of.isoformat()}"
    props.keywords = json.dumps(
        {k: record.get(k) for k in ("year", "as_of", "version", "version_label", "lang")}, ensure_ascii=False
    )
    props.language = language(report.lang).locale.replace("_", "-")
    props.revision = 1


def write_docx(report: Report, template: str | Path | None = None) -> bytes:
    """The report as .docx bytes: title, generated text, the team's commentary, the table and native charts."""
    document, table_style = open_template(template)
    lang = report.lang
    set_language(document, lang)
    if template is None:
        _default_footer(document, report)
    document.add_paragraph(report.title, style=_heading_style(document, 0))
    subtitle = document.add_paragraph(report.subtitle)
    for run in subtitle.runs:
        run.font.color.rgb = docx.shared.RGBColor.from_string(MUTED.lstrip("#"))
    document.add_paragraph(t("annual.results", lang, year=report.year), style=_heading_style(document, 1))
    for text in report.text.paragraphs():
        document.add_paragraph(text)
    if report.commentary:
        document.add_paragraph(t("annual.commentary", lang), style=_heading_style(document, 2))
        document.add_paragraph(t("annual.commentary_intro", lang))
        style = _commentary_style(document)
        for label, text in report.commentary:
            document.add_paragraph(label, style=_heading_style(document, 3))
            for line in (part for part in text.splitlines() if part.strip()):
                document.add_paragraph(line, style=style)  # the user's text, as text
    document.add_paragraph(t("annual.table_heading", lang, year=report.year), style=_heading_style(document, 2))
    add_report_table(document, report, table_style)
    if report.charts:
        document.add_paragraph(t("annual.charts", lang), style=_heading_style(document, 2))
        add_charts(document, report)
    set_properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
