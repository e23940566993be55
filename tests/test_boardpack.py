"""The board pack read back: PPTX with python-pptx, PDF with pypdf and pdftoppm, CLI as a subprocess."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from kpi import fmt
from kpi.boardpack import build, describe, render
from kpi.boardpack.spec import mission_rows, status_cell
from kpi.dashboard import country_name
from kpi.engine import kpi_table
from kpi.filters import ActivityFilter
from kpi.i18n import t
from kpi.registry import KPI_GROUPS, KPIS
from kpi.report import report_headers, report_rows
from kpi.schema import MISSION, Activities as A

YEAR = 2018
COMMENTARY = {"missions": "Drie missies naar Duitsland, twee naar China.", "services": "Meer services na bezoeken."}
EDGE_PX = 12  # at 72 dpi: a 12-point strip along each edge must stay white


@pytest.fixture(scope="module", params=["nl", "en"])
def pack_files(request, demo_activities, demo_targets, artifacts_dir):
    """The demo year's pack (description and both files) in one language, written to the artifacts."""
    lang = request.param
    pack = describe(demo_activities, demo_targets, YEAR, lang=lang, commentary=COMMENTARY, version="v-test")
    files = render(pack)
    for kind, data in files.items():
        (artifacts_dir / f"boardpack-{lang}.{kind}").write_bytes(data)
    return lang, pack, files


def _pdf_text(files) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(files["pdf"])).pages]


def _expected_rows(activities, targets, lang):
    return report_rows(kpi_table(activities, targets, YEAR, lang=lang), lang)


def test_pptx_is_16_9_with_one_titled_slide_per_page(pack_files):
    """One slide per page, 16:9, and each slide's title placeholder holds the page title (outline view)."""
    _, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert len(prs.slides) == len(pack.pages)
    assert [s.shapes.title.text for s in prs.slides] == [p.title for p in pack.pages]
    assert all(s.shapes.title.is_placeholder for s in prs.slides)


def test_pack_has_the_pages_the_board_expects(pack_files):
    """Title, table, one page per KPI group, missions by country and by theme, funnel, commentary pages."""
    lang, pack, _ = pack_files
    titles = [p.title for p in pack.pages]
    group_titles = [t(f"board.group.{g}", lang) for g in KPI_GROUPS]
    assert titles[:2] == [t("board.pack_title", lang, year=YEAR), t("board.table_title", lang, year=YEAR)]
    assert all(g in titles for g in group_titles)
    for key in ("board.by_country", "board.by_theme", "board.funnel"):
        assert t(key, lang) in titles
    commented = {next(k.group for k in KPIS if k.key == key) for key in COMMENTARY}
    expected = {t("board.commentary_group", lang, group=t(f"board.group.{g}", lang)) for g in commented}
    assert {p.title for p in pack.pages if p.kind == "text"} == expected


def test_group_pages_chart_the_plan_only_where_one_exists(demo_activities, demo_targets):
    """A group page pairs annual and cumulative charts; a group without any plan target gets the annual alone."""
    pack = describe(demo_activities, demo_targets, YEAR, lang="nl", version="x")
    table = kpi_table(demo_activities, demo_targets, YEAR)
    for group in KPI_GROUPS:
        page = next(p for p in pack.pages if p.title == t(f"board.group.{group}", "nl"))
        planned = table[table["kpi"].isin([k.key for k in KPIS if k.group == group])]["plan_target_min"].notna()
        expected = [f"{group}.annual", f"{group}.cumulative"] if planned.any() else [f"{group}.annual"]
        assert [c.key for c in page.charts] == expected
    assert any(len(p.charts) == 1 for p in pack.pages if p.title in {t(f"board.group.{g}", "nl") for g in KPI_GROUPS})


def test_pptx_kpi_table_equals_the_kpi_table(pack_files, demo_activities, demo_targets):
    """The PPTX table is a real table whose cells equal report_rows of the year, plus status icon and words."""
    lang, _, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert len(tables) == 1
    cells = [[c.text for c in row.cells] for row in tables[0].rows]
    assert cells[0][:5] == report_headers(demo_targets, YEAR, lang)
    table = kpi_table(demo_activities, demo_targets, YEAR, lang=lang)
    assert [r[:5] for r in cells[1:]] == _expected_rows(demo_activities, demo_targets, lang)
    assert [r[5] for r in cells[1:]] == [status_cell(s, lang) for s in table["annual_status"]]
    assert [r[6] for r in cells[1:]] == [status_cell(s, lang) for s in table["plan_status"]]


def test_pptx_chart_slides_have_sharp_pictures_at_slide_size(pack_files):
    """Each chart slide has one picture per chart, undistorted, inside the slide, wide and at >= 150 dpi."""
    _, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    for slide, page in zip(prs.slides, pack.pages):
        pictures = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == len(page.charts), page.title
        for picture in pictures:
            px_w, px_h = Image.open(io.BytesIO(picture.image.blob)).size
            assert abs(picture.width / picture.height - px_w / px_h) < 0.01, page.title
            assert picture.left >= 0 and picture.top >= 0
            assert picture.left + picture.width <= prs.slide_width
            assert picture.top + picture.height <= prs.slide_height
            share = 0.8 if len(pictures) == 1 else 0.4
            assert picture.width >= share * prs.slide_width * 0.92, page.title
            assert px_w / Emu(picture.width).inches >= 150, page.title


def test_pptx_shapes_do_not_overlap(pack_files):
    """On every slide the title, subtitle, table, pictures, text lines and footer occupy separate boxes."""
    _, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    for slide, page in zip(prs.slides, pack.pages):
        boxes = [(sh.name, sh.left, sh.top, sh.left + sh.width, sh.top + sh.height) for sh in slide.shapes]
        for n, a in enumerate(boxes):
            for b in boxes[n + 1:]:
                overlap_x = min(a[3], b[3]) - max(a[1], b[1])
                overlap_y = min(a[4], b[4]) - max(a[2], b[2])
                assert overlap_x <= 0 or overlap_y <= 0, f"{page.title}: {a[0]} overlaps {b[0]}"


def test_pdf_pages_titles_and_footers(pack_files):
    """One A4 landscape PDF page per pack page, each with its title and the footer 'page n of N' and version."""
    lang, pack, files = pack_files
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) == len(pack.pages)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    for n, (text, page) in enumerate(zip(_pdf_text(files), pack.pages), start=1):
        assert page.title in text
        assert pack.footer(n) in text
        assert "v-test" in text


def test_pdf_table_values_in_the_language_format(pack_files, demo_activities, demo_targets):
    """Every KPI table cell is in the PDF in the pack's language and number format (1.200 / 1,200)."""
    lang, pack, files = pack_files
    text = _pdf_text(files)[[p.kind for p in pack.pages].index("table")]
    flat = " ".join(text.split())
    table = kpi_table(demo_activities, demo_targets, YEAR, lang=lang)
    statuses = zip(table["annual_status"], table["plan_status"])
    for cells, (annual, plan) in zip(_expected_rows(demo_activities, demo_targets, lang), statuses):
        row = " ".join([*cells, status_cell(annual, lang), status_cell(plan, lang)])
        assert row in flat, row  # pypdf reads the table cell by cell: a row's cells follow each other
    thousand = fmt.number(1200, lang)
    assert thousand == ("1.200" if lang == "nl" else "1,200")
    assert thousand in flat
    assert t("status.exceeded", lang) in flat and t("target.undefined", lang).split()[0] in flat


def test_pdf_commentary_and_title_page(pack_files):
    """The commentary text is printed, and the title page names the as-of date and data version."""
    lang, pack, files = pack_files
    text = " ".join(" ".join(_pdf_text(files)).split())
    for note in COMMENTARY.values():
        assert note in text
    assert fmt.date(dt.date(YEAR, 12, 31), lang) in _pdf_text(files)[0]


def _ink(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L")) < 245


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pdf_pages_render_not_blank_and_inside_margins(pack_files, tmp_path, artifacts_dir):
    """pdftoppm renders every page: each has content, and nothing reaches the outer edge strips."""
    lang, pack, files = pack_files
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(files["pdf"])
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(pack.pages)
    for png, page in zip(pngs, pack.pages):
        ink = _ink(Image.open(png))
        shutil.copy(png, artifacts_dir / f"boardpack-{lang}-{png.name}")
        assert ink.mean() > 0.005, f"blank page: {page.title}"
        edges = [ink[:EDGE_PX], ink[-EDGE_PX:], ink[:, :EDGE_PX], ink[:, -EDGE_PX:]]
        assert not any(e.any() for e in edges), f"content at the page edge: {page.title}"


def _draw_slide(prs, slide, width_px: int) -> Image.Image:
    """A PPTX slide drawn from its shapes: pictures pasted, text and tables as dark boxes."""
    scale = width_px / prs.slide_width
    canvas = Image.new("RGB", (width_px, round(prs.slide_height * scale)), "white")
    for shape in slide.shapes:
        box = [round(v * scale) for v in (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)]
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            canvas.paste(Image.open(io.BytesIO(shape.image.blob)).convert("RGB").resize(
                (box[2] - box[0], box[3] - box[1])), box[:2])
        elif shape.has_text_frame and shape.text_frame.text.strip() or getattr(shape, "has_table", False):
            canvas.paste((40, 40, 40), box)
    return canvas


def test_pptx_chart_slide_renders_inside_the_slide(pack_files, artifacts_dir):
    """A chart slide drawn from its shapes has content and nothing in the outer edge strips."""
    lang, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    n = next(i for i, p in enumerate(pack.pages) if p.kind == "charts")
    image = _draw_slide(prs, prs.slides[n], 1280)
    image.save(artifacts_dir / f"boardpack-{lang}-slide-{n + 1}.png")
    ink = _ink(image)
    assert ink.mean() > 0.02
    edge = 10
    assert not (ink[:edge].any() or ink[-edge:].any() or ink[:, :edge].any() or ink[:, -edge:].any())


def test_long_commentary_is_never_cut(demo_activities, demo_targets):
    """Commentary far longer than a page still shows every word in the PDF and the PPTX, inside the page."""
    sentence = "De inkomende missie uit Jiangsu leverde vijftien buitenlandse bedrijven en zeventig gesprekken op. "
    notes = {k.key: f"{k.key}: " + sentence * 12 for k in KPIS if k.group == "missions"}
    pack = describe(demo_activities, demo_targets, YEAR, lang="nl", commentary=notes, version="x")
    files = render(pack)
    n = next(i for i, p in enumerate(pack.pages) if p.kind == "text")
    pdf_text = " ".join(_pdf_text(files)[n].split())
    slide = Presentation(io.BytesIO(files["pptx"])).slides[n]
    pptx_text = " ".join(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame).split())
    for note in notes.values():
        assert " ".join(note.split()) in pdf_text
        assert " ".join(note.split()) in pptx_text


def test_mission_filter_shrinks_the_mission_pages(demo_activities):
    """The mission filter keeps only matching missions of the year; without it every mission of the year."""
    every = mission_rows(demo_activities, YEAR, dt.date(YEAR, 12, 31), ActivityFilter())
    german = mission_rows(demo_activities, YEAR, dt.date(YEAR, 12, 31), ActivityFilter(countries=("DE",)))
    year_missions = demo_activities[(demo_activities[A.year] == YEAR) & (demo_activities[A.activity_type] == MISSION)]
    assert len(every) == len(year_missions) > len(german) > 0
    assert set(german[A.country]) == {"DE"}


def test_as_of_date_limits_the_pack(demo_activities, demo_targets):
    """A mid-year as-of date shows on the title page and counts only missions up to that day."""
    as_of = dt.date(YEAR, 6, 30)
    pack = describe(demo_activities, demo_targets, YEAR, as_of=as_of, lang="en", version="x")
    assert t("board.as_of", "en", date=fmt.date(as_of, "en")) in pack.pages[0].lines
    missions = mission_rows(demo_activities, YEAR, as_of, ActivityFilter())
    assert missions[A.date].max() <= np.datetime64(as_of)
    table_page = next(p for p in pack.pages if p.kind == "table")
    expected = report_rows(kpi_table(demo_activities, demo_targets, YEAR, as_of, "en"), "en")
    assert [list(r[:5]) for r in table_page.rows] == expected


def test_cli_writes_a_pdf_that_opens(tmp_path, isolated_store):
    """`python -m kpi boardpack --format pdf` writes a PDF that pypdf opens, in English when asked."""
    out = tmp_path / "pack"
    result = subprocess.run([sys.executable, "-m", "kpi", "boardpack", "--year", str(YEAR), "--lang", "en",
                             "--format", "pdf", "--country", "DE", "CN", "--out", str(out)],
                            capture_output=True, text=True, timeout=180, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out.with_suffix(".pdf"))
    first = reader.pages[0].extract_text()
    names = ", ".join(country_name(c, "en") for c in ("DE", "CN"))
    assert t("board.pack_title", "en", year=YEAR) in first and names in first
    assert not out.with_suffix(".pptx").exists()


def test_build_writes_only_the_requested_format(demo_activities, demo_targets):
    """build(formats=('pptx',)) returns just a PowerPoint that python-pptx opens."""
    files = build(demo_activities, demo_targets, YEAR, lang="nl", formats=("pptx",))
    assert list(files) == ["pptx"]
    assert len(Presentation(io.BytesIO(files["pptx"])).slides) > 5
