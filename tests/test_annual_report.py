"""The annual report as Word, read back with python-docx: the seed report's table, the sentences, the team's
commentary, native charts with their workbooks, properties, language, the template, and a LibreOffice render."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pytest
from lxml import etree
from PIL import Image

from kpi.access import local_actor
from kpi.annual_report import build, describe_snapshot, write_docx
from kpi.annual_report.document import column_widths
from kpi.boardpack.layout import text_width
from kpi.commentary import set_commentary
from kpi.store import FolderStore, current_snapshot
from tests.annual_template import (
    BODY_FONT,
    EXAMPLE_TEXT,
    FOOTER_TEXT,
    HEADER_TEXT,
    HEADING_RGB,
    MARGIN_MM,
    PAGE_MM,
    TABLE_STYLE,
    build_agency_template,
)
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from tests.test_narrative import DEMO_2018

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

# The seed report's table (shared/seed/annual-report-2018.nl.txt), typed cell for cell; the report writes
# "12 - 16", "Niet gedefinieerd" and a footnote mark "Scans1" where the table function writes 12-16, niet
# gedefinieerd and no mark (as `python -m kpi table` and the golden test do).
SEED_TABLE_NL = [
    ["KPI", "MJP '17-'20", "AP '18", "Real '18", "Real cum. ('17-'18)"],
    ["Aantal handelsmissies (in- en uitgaand)", "24-32", "6-8", "16", "24"],
    ["Aantal informatiebijeenkomsten", "12-16", "3-4", "19", "27"],
    ["Aantal bedrijven dat heeft deelgenomen aan missies", "240", "60", "124", "197"],
    ["Aantal matchmaking-gesprekken", "1.200", "300", "211", "605"],
    ["Aantal bedrijfsbezoeken", "niet gedefinieerd", "30", "119", "139"],
    ["Aantal Zakenpartner Scans", "niet gedefinieerd", "4", "7", "9"],
]
# The registry's seventh KPI, which the 2018 excerpt's table does not print (its narrative names the 68).
SERVICES_ROW_NL = ["Aantal geregistreerde services", "niet gedefinieerd", "niet gedefinieerd", "68", "79"]
SEED_TABLE_EN_FIGURES = [
    ["Trade missions (incoming and outgoing)", "24-32", "6-8", "16", "24"],
    ["Matchmaking conversations", "1,200", "300", "211", "605"],
    ["Company visits", "not defined", "30", "119", "139"],
]
COMMENT_NL = "Matchmaking sluit nog niet aan bij de behoeften van bedrijven.\nWe zetten in op één-op-één contact."
COMMENT_MARKUP = "**Geen opmaak** <b>ook geen HTML</b>"
COMMENT_Q2 = "Halverwege het jaar: de missies liggen voor op schema."


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> FolderStore:
    """A store holding the demo data and the team's commentary on two KPIs for 2018 (Dutch)."""
    store = FolderStore(tmp_path_factory.mktemp("annual-store"))
    store.seed_demo()
    snapshot = current_snapshot(store)
    notes = set_commentary(snapshot.commentary, "matchmaking_meetings", 2018, "nl", COMMENT_NL)
    notes = set_commentary(notes, "missions", 2018, "nl", COMMENT_MARKUP)
    notes = set_commentary(notes, "missions", 2018, "nl", COMMENT_Q2, period="Q2")
    store.save(
        snapshot.manifest.version, commentary=notes, action="commentary", description="test", actor=local_actor()
    )
    return store


@pytest.fixture(scope="module")
def documents(store, artifacts_dir) -> dict[str, bytes]:
    """The demo report for 2018 in Dutch and English, written once (also kept in the artifacts folder)."""
    snapshot = current_snapshot(store)
    files = {lang: build(snapshot, 2018, lang=lang)[1] for lang in ("nl", "en")}
    for lang, data in files.items():
        (artifacts_dir / f"annual-report-2018-{lang}.docx").write_bytes(data)
    return files


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_table_equals_the_seed_report_cell_for_cell(documents):
    """The document's one table: the seed report's header and six rows exactly, then the services row."""
    tables = _doc(documents["nl"]).tables
    assert len(tables) == 1
    cells = _cells(tables[0])
    assert cells[: len(SEED_TABLE_NL)] == SEED_TABLE_NL
    assert cells[len(SEED_TABLE_NL) :] == [SERVICES_ROW_NL]


def test_english_table_uses_english_labels_and_numbers(documents):
    """In English: 1,200 and 'not defined', labels from the registry."""
    rows = {row[0]: row for row in _cells(_doc(documents["en"]).tables[0])}
    for expected in SEED_TABLE_EN_FIGURES:
        assert rows[expected[0]] == expected


def test_table_is_a_real_table_in_the_style_with_a_marked_header_row(documents):
    """The default's table style, the header row marked to repeat, a caption and description for screen readers."""
    table = _doc(documents["nl"]).tables[0]
    assert table.style.name == "KPI Table"
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(f"{W}tblHeader") is not None
    assert all(row._tr.trPr.find(f"{W}tblHeader") is None for row in table.rows[1:])
    props = table._tbl.tblPr
    assert props.find(f"{W}tblCaption").get(f"{W}val") == "KPI's 2018"
    assert "meerjarenplan" in props.find(f"{W}tblDescription").get(f"{W}val")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_generated_paragraphs_are_the_sentences_as_plain_text(documents, lang):
    """The three generated paragraphs are the narrative's sentences, as plain Normal paragraphs."""
    paragraphs = _doc(documents[lang]).paragraphs
    results, missions, outgoing = DEMO_2018[lang]
    expected = [" ".join(results), " ".join(missions), " ".join(outgoing)]
    found = [p for p in paragraphs if p.text in expected]
    assert [p.text for p in found] == expected
    assert all(p.style.name == "Normal" for p in found)


def test_headings_are_word_headings(documents):
    """Title, then Heading 1 for the results, Heading 2 for commentary, table and charts, Heading 3 per KPI."""
    headings = [
        (p.style.name, p.text) for p in _doc(documents["nl"]).paragraphs if p.style.name.startswith(("Head", "Title"))
    ]
    assert headings == [
        ("Title", "Internationaal ondernemen: KPI's 2018"),
        ("Heading 1", "Resultaten 2018"),
        ("Heading 2", "Toelichting van het team"),
        ("Heading 3", "Aantal handelsmissies (in- en uitgaand)"),
        ("Heading 3", "Aantal matchmaking-gesprekken"),
        ("Heading 2", "KPI's 2018"),
        ("Heading 2", "Grafieken"),
    ]


def test_team_commentary_follows_the_generated_text_marked_as_theirs(documents):
    """The team's text comes after the generated paragraphs, under its own heading, in its own style, as typed."""
    paragraphs = _doc(documents["nl"]).paragraphs
    texts = [p.text for p in paragraphs]
    last_generated = texts.index(" ".join(DEMO_2018["nl"][2]))
    heading = texts.index("Toelichting van het team")
    assert heading > last_generated
    theirs = [p.text for p in paragraphs if p.style.name == "Team Commentary"]
    assert theirs == [COMMENT_MARKUP, *COMMENT_NL.splitlines()]
    assert "Team Commentary" not in {p.style.name for p in paragraphs[:heading]}


def test_commentary_of_the_reports_own_period(store, documents):
    """The year-end report shows the year's texts only; a 30 June report shows the second quarter's, not the year's."""
    year_end = [p.text for p in _doc(documents["nl"]).paragraphs]
    assert COMMENT_Q2 not in year_end
    report = describe_snapshot(current_snapshot(store), 2018, dt.date(2018, 6, 30), "nl")
    assert report.commentary == (("Aantal handelsmissies (in- en uitgaand)", COMMENT_Q2),)
    mid_year = [p.text for p in _doc(write_docx(report)).paragraphs]
    assert COMMENT_Q2 in mid_year and COMMENT_MARKUP not in mid_year


def test_english_report_has_no_dutch_commentary(documents):
    """Commentary is per language: the English report has none (it was only written in Dutch), so no heading."""
    texts = [p.text for p in _doc(documents["en"]).paragraphs]
    assert "The team's commentary" not in texts
    assert COMMENT_NL.splitlines()[0] not in texts


def test_properties_record_version_and_as_of_date(store, documents):
    """Core properties: title, language, the data version (number and label) and the as-of date."""
    snapshot = current_snapshot(store)
    props = _doc(documents["nl"]).core_properties
    assert props.title == "Internationaal ondernemen: KPI's 2018"
    assert props.language == "nl-NL"
    assert props.identifier == str(snapshot.manifest.version)
    record = json.loads(props.keywords)
    assert record["as_of"] == "2018-12-31" and record["version"] == snapshot.manifest.version
    assert record["version_label"] == props.version
    assert props.version.startswith(f"v{snapshot.manifest.version} · ")
    assert "2018-12-31" in props.subject


@pytest.mark.parametrize(("lang", "tag"), [("nl", "nl-NL"), ("en", "en-GB")])
def test_document_language_is_set(documents, lang, tag):
    """w:lang on the document defaults (and every style naming one) is the report's language."""
    styles = _doc(documents[lang]).styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == tag
    assert {e.get(f"{W}val") for e in styles.iter(f"{W}lang")} == {tag}


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _charts(data: bytes) -> list[tuple[etree._Element, bytes, dict]]:
    """Per chart, in document order: its XML, its embedded workbook and the drawing's properties (alt text)."""
    part = _doc(data).part
    found = []
    for inline in part.element.iter(f"{WP}inline"):
        reference = inline.find(f".//{C}chart")
        if reference is None:
            continue
        rel = part.rels[reference.get(f"{R}id")]
        assert rel.reltype == CHART_REL
        chart_part = rel.target_part
        xml = etree.fromstring(chart_part.blob)
        workbook = chart_part.rels[xml.find(f"{C}externalData").get(f"{R}id")]
        assert workbook.reltype == PACKAGE_REL
        found.append((xml, workbook.target_part.blob, dict(inline.find(f"{WP}docPr").attrib)))
    assert len(found) == sum(r.reltype == CHART_REL for r in part.rels.values())
    return found


def _series(xml) -> dict[str, list[float | None]]:
    """Series name -> values, from the chart's cached numbers."""
    out = {}
    for ser in xml.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        points = {
            int(p.get("idx")): float(p.find(f"{C}v").text)
            for p in ser.iter(f"{C}pt")
            if p.getparent().tag == f"{C}numCache"
        }
        count = int(ser.find(f"{C}val//{C}ptCount").get("val"))
        out[name] = [points.get(i) for i in range(count)]
    return out


def _categories(xml) -> list[str]:
    ser = next(xml.iter(f"{C}ser"))
    return [p.find(f"{C}v").text for p in ser.find(f"{C}cat").iter(f"{C}pt")]


def test_native_charts_with_workbooks_and_alt_text(documents):
    """Four native charts; each has its embedded workbook (Edit data) and alt text naming its figures."""
    charts = _charts(documents["nl"])
    assert len(charts) == 4
    titles = [props["title"] for _, _, props in charts]
    assert titles == [
        "Jaar 2018: % van jaardoel",
        "Meerjarenplan '17-'20: % van doel",
        "Missies per land",
        "Missies per thema",
    ]
    for _, workbook, props in charts:
        assert props["descr"].strip() and props["descr"] != props["title"]
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            assert "xl/worksheets/sheet1.xml" in archive.namelist()


def test_chart_series_hold_the_figures(documents):
    """Missions per country: incoming and outgoing per country as worked out from the 2018 missions, in the chart
    and in its workbook; the year's percent chart holds realised / annual minimum (16/6, 211/300, ...)."""
    charts = _charts(documents["nl"])
    by_country, book, _ = charts[2]
    assert _categories(by_country) == [
        "Duitsland",
        "China",
        "Verenigde Staten",
        "België",
        "Verenigd Koninkrijk",
        "Japan",
    ]
    assert _series(by_country) == {"Inkomend": [1, 3, 0, 1, 0, 1], "Uitgaand": [5, 1, 3, 0, 1, 0]}
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=1, max_row=7, max_col=3)]
    assert values[0][1:] == ["Inkomend", "Uitgaand"]
    assert values[1] == ["Duitsland", 1, 5] and values[2] == ["China", 3, 1]
    year, _, _ = charts[0]
    realised = _series(year)["Gerealiseerd"]
    assert realised == pytest.approx([1600 / 6, 1900 / 3, 12400 / 60, 21100 / 300, 11900 / 30, 700 / 4])


def test_percent_charts_draw_realised_bars_from_zero(documents):
    """The realised bars sit in a clustered group of their own, on axes that are kept (not deleted) and reach 0:
    with deleted axes LibreOffice Writer stacked them onto the target band (133 % drawn from 130 % to 265 %)."""
    for xml, _, _ in _charts(documents["nl"])[:2]:
        groups = xml.findall(f".//{C}plotArea/{C}barChart")
        assert [g.find(f"{C}grouping").get("val") for g in groups] == ["stacked", "clustered"]
        front_axes = {a.get("val") for a in groups[1].findall(f"{C}axId")}
        back_axes = {a.get("val") for a in groups[0].findall(f"{C}axId")}
        assert front_axes and front_axes.isdisjoint(back_axes)
        axes = [a for a in xml.find(f".//{C}plotArea") if a.tag in (f"{C}catAx", f"{C}valAx")]
        assert {a.find(f"{C}axId").get("val") for a in axes} >= front_axes
        for axis in axes:
            if axis.find(f"{C}axId").get("val") in front_axes:
                assert axis.find(f"{C}delete").get("val") == "0"
                assert axis.find(f"{C}tickLblPos").get("val") == "none"
                if axis.tag == f"{C}valAx":
                    assert axis.find(f"{C}scaling/{C}min").get("val") == "0"


def test_a_report_without_facts_still_has_its_table(tmp_path):
    """A plan year without data (2020): the table, no generated sentences, no mission charts."""
    store = FolderStore(tmp_path / "store")
    report = describe_snapshot(current_snapshot(store), 2020)
    assert report.text.sentences() == []
    document = _doc(write_docx(report))
    assert len(document.tables) == 1
    assert [row[3] for row in _cells(document.tables[0])[1:]] == ["0"] * 7
    # No annual plan for 2020: only the plan's chart (cumulative 2017-2019 against MJP '17-'20); no missions.
    assert [p["title"] for _, _, p in _charts(write_docx(report))] == ["Meerjarenplan '17-'20: % van doel"]


def test_cli_writes_the_report_from_the_store(store, tmp_path):
    """`python -m kpi report --year 2018 --lang en --out ...` writes the document from the store's version."""
    out = tmp_path / "out" / "report.docx"
    done = run_kpi(
        "report", "--year", "2018", "--lang", "en", "--out", str(out), "--store", str(store.root), cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Written: {out}"
    document = _doc(out.read_bytes())
    assert _cells(document.tables[0])[4] == SEED_TABLE_EN_FIGURES[1]
    assert json.loads(document.core_properties.keywords)["version"] == current_snapshot(store).manifest.version


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2031"], "Jaar 2031 valt buiten elk plan en alle gegevens"),
        (["--year", "2018", "--template", "missing.docx"], "report_template) bestaat niet. Geef het pad"),
        (["--year", "2018", "--template", "not-word.docx"], "report_template) is geen bruikbaar Word-document"),
    ],
)
def test_cli_refuses_with_a_message_not_a_traceback(store, tmp_path, args, message):
    """A year outside every plan, a missing template or one that is no Word document: a Dutch message, exit code 2,
    no file, no traceback."""
    out = tmp_path / "refused.docx"
    (tmp_path / "not-word.docx").write_text("a text file, not a Word document", encoding="utf-8")
    done = run_kpi(
        "report",
        *args,
        "--out",
        str(out),
        "--store",
        str(store.root),
        cwd=tmp_path,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert "missing" not in done.stderr and "not-word" not in done.stderr  # no server path, not even the name
    assert not out.exists()


@pytest.fixture(scope="module")
def template_document(store, tmp_path_factory) -> bytes:
    """The Dutch report written into the generated agency template."""
    template = build_agency_template(tmp_path_factory.mktemp("template") / "agency.docx")
    return build(current_snapshot(store), 2018, lang="nl", template=template)[1]


def test_template_styles_page_header_footer_and_logo_are_used(template_document):
    """The agency's page size and margins, header (logo and text), footer, heading and body styles, table style;
    the template's own example content is gone."""
    document = _doc(template_document)
    section = document.sections[0]
    assert round(section.page_width.mm, 1) == PAGE_MM[0] and round(section.page_height.mm, 1) == PAGE_MM[1]
    assert round(section.left_margin.mm) == MARGIN_MM
    assert HEADER_TEXT in section.header.paragraphs[0].text
    assert len(section.header.part.element.xpath(".//pic:pic")) == 1  # the logo
    assert section.footer.paragraphs[0].text == FOOTER_TEXT
    assert str(document.styles["Heading 1"].font.color.rgb) == HEADING_RGB
    assert document.styles["Normal"].font.name == BODY_FONT
    assert [t.style.name for t in document.tables] == [TABLE_STYLE]
    assert _cells(document.tables[0])[: len(SEED_TABLE_NL)] == SEED_TABLE_NL
    texts = [p.text for p in document.paragraphs]
    assert EXAMPLE_TEXT not in texts and "Sjabloon" not in texts
    assert len(_charts(template_document)) == 4


def _render(data: bytes, folder: Path, name: str) -> tuple[Path, list[Path]]:
    """The document as PDF (LibreOffice Writer) and its pages as PNGs (pdftoppm)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    pdf = folder / f"{name}.pdf"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / name)], check=True, timeout=120)
    return pdf, sorted(folder.glob(f"{name}-*.png"))


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftoppm") is None,
    reason="needs libreoffice-writer and poppler-utils",
)
@pytest.mark.parametrize("which", ["nl", "en", "template"])
def test_rendered_pages_have_no_overflow_and_no_empty_page(
    documents, template_document, tmp_path, artifacts_dir, which
):
    """LibreOffice's render: every page has content, nothing runs into the side margins, table cells are whole."""
    data = template_document if which == "template" else documents[which]
    pdf, pngs = _render(data, tmp_path, f"annual-{which}")
    assert 2 <= len(pngs) <= 5
    width_mm = PAGE_MM[0] if which == "template" else 210.0
    margin_mm = MARGIN_MM if which == "template" else 25.0
    for png in pngs:
        shutil.copy(png, artifacts_dir / f"annual-{png.name}")
        ink = np.asarray(Image.open(png).convert("L")) < 235
        h, w = ink.shape
        assert ink[round(h * 0.08) : round(h * 0.9)].mean() > 0.01, f"{png.name}: an empty page"
        side = round(w * (margin_mm - 3) / width_mm)
        assert not ink[:, :side].any() and not ink[:, -side:].any(), f"{png.name}: content in the side margin"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for word in ("1.200" if which != "en" else "1,200", "605", "139"):
        assert word in text
    # Every category name of the charts is drawn (LibreOffice drops labels that do not fit): the plan chart's last.
    assert ("605 of 1,200" if which == "en" else "605 van 1.200") in text
    if which != "en":  # the table's KPI column is never narrower than its longest word (the template's is narrow)
        assert re.search(r"\binformatiebijeenkomsten\b", text), "a KPI label broken inside a word"
    word = "defined" if which == "en" else "gedefinieerd"
    # Every undefined target's word whole (never broken inside it): 3 in the plan column, 1 in the annual one.
    assert len(re.findall(rf"\b{word}\b", text)) == 4


def test_column_widths_keep_every_word_whole():
    """A wide page keeps the style's size; a narrow one gets smaller type, the KPI column still holding its longest
    word; the columns fill the width exactly, even on a page too narrow for whole words at 8 pt."""
    headers = ("KPI", "MJP '17-'20", "AP '18", "Real '18", "Real cum. ('17-'18)")
    rows = (("Aantal informatiebijeenkomsten", "niet gedefinieerd", "3-4", "19", "27"),)
    wide, wide_size = column_widths(headers, rows, 453.5, 9.5)
    narrow, narrow_size = column_widths(headers, rows, 340.0, 11.0)
    tiny, tiny_size = column_widths(headers, rows, 250.0, 11.0)
    assert tiny_size == 8.0 and sum(tiny) == pytest.approx(250.0)
    assert wide_size is None and narrow_size is not None and 8.0 <= narrow_size < 11.0
    for widths, size in ((wide, 9.5), (narrow, narrow_size)):
        assert widths[0] >= text_width("informatiebijeenkomsten", size)
    assert sum(wide) == pytest.approx(453.5) and sum(narrow) == pytest.approx(340.0)
