"""The board pack read back: PPTX with python-pptx, PDF with pypdf, both rendered to PNG and looked at by numbers."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from kpi.access import local_actor
from kpi.boardpack import (
    House,
    RefusedChoice,
    TemplateError,
    describe,
    describe_snapshot,
    house,
    render,
)
from kpi.boardpack.layout import text_width
from kpi.boardpack.spec import Kind, mission_rows
from kpi.commentary import set_commentary
from kpi.filters import ActivityFilter
from kpi.store import FolderStore, current_snapshot
from tests.board_template import HOUSE_PRIMARY, LOGO_BOX_PT, LOGO_RGB, build_template
from tests.cli_fork import run_kpi
from tests.conftest import ROOT

YEAR = 2018
COMMENTARY = {
    "nl": {"missions": "Drie missies naar Duitsland, twee naar China.", "services": "Meer services na bezoeken."},
    "en": {"missions": "Three missions to Germany, two to China.", "services": "More services after visits."},
}
# Words of one language that must not appear in a pack in the other (whole words; case-sensitive).
DUTCH = [
    "MJP",
    "AP",
    "Gerealiseerd",
    "Jaardoel",
    "Verwacht",
    "Doel",
    "Toelichting",
    "pagina",
    "Overtroffen",
    "Behaald",
    "Stand",
    "Verruim",
    "gedefinieerd",
    "Voorlichting",
    "Dienstverlening",
    "Meerjarenplan",
    "Inkomend",
    "Uitgaand",
    "Duitsland",
    "Bijlage",
    "Periode",
    "Aantal",
    "Jaar",
    "gegevens",
    "Missies",
    "Scorekaart",
    "filters",
    "Geen",
]
ENGLISH = [
    "Realised",
    "Target",
    "Expected",
    "Forecast",
    "Comment",
    "page",
    "Exceeded",
    "Achieved",
    "Missed",
    "As",
    "widen",
    "Multi-year",
    "Annual",
    "Year",
    "Number",
    "Incoming",
    "Outgoing",
    "Germany",
    "Appendix",
    "Period",
    "Scorecard",
    "Missions",
    "Information",
    "No",
]
EDGE_PT = 10  # a strip this wide along every edge of a page or slide must stay white


def _cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return run_kpi(*args, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def cli_tables() -> dict[str, list[dict]]:
    """`python -m kpi table --year 2018 --format json` in both languages (the demo data)."""
    out = {}
    for lang in ("nl", "en"):
        result = _cli("table", "--year", str(YEAR), "--format", "json", "--lang", lang, "--since", "2018-09-30")
        assert result.returncode == 0, result.stderr
        out[lang] = json.loads(result.stdout)
    return out


@pytest.fixture(scope="module", params=["nl", "en"])
def pack_files(request, demo_activities, demo_targets, artifacts_dir):
    """The demo year's pack in one language with commentary: its description and both files (in the artifacts)."""
    lang = request.param
    pack = describe(demo_activities, demo_targets, YEAR, lang=lang, commentary=COMMENTARY[lang], version="v-test")
    files = render(pack, style=House())
    for kind, data in files.items():
        (artifacts_dir / f"boardpack-{lang}.{kind}").write_bytes(data)
    return lang, pack, files


def _prs(files) -> Presentation:
    return Presentation(io.BytesIO(files["pptx"]))


def _slide_text(slide) -> str:
    """Every text of a slide: text frames, table cells, chart titles, categories and series names, notes."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if getattr(shape, "has_chart", False) and shape.has_chart:
            chart = shape.chart
            parts.append(chart.chart_title.text_frame.text)
            parts += [str(c) for c in chart.plots[0].categories]
            parts += [s.name for s in chart.plots[0].series]
            parts.append(chart.value_axis.axis_title.text_frame.text)
            for series in chart.plots[0].series:
                for n in range(len(series.values)):
                    label = series.points[n].data_label
                    if label.has_text_frame:
                        parts.append(label.text_frame.text)
    if slide.has_notes_slide:
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _scorecard(prs) -> list[list[str]]:
    table = next(sh.table for sh in prs.slides[1].shapes if getattr(sh, "has_table", False) and sh.has_table)
    return [[c.text for c in row.cells] for row in table.rows]


# --- structure -----------------------------------------------------------------------------------------------


def test_pages_in_board_order(pack_files):
    """Title, scorecard, one page per KPI group, missions by country and theme, the appendix, the report's table."""
    lang, pack, files = pack_files
    kinds = [p.kind for p in pack.pages]
    assert kinds[:5] == [Kind.TITLE, Kind.SCORECARD, Kind.GROUP, Kind.GROUP, Kind.GROUP]
    assert kinds[5] == Kind.CHARTS and set(kinds[6:-1]) == {Kind.TABLE} and kinds[-1] == Kind.REPORT
    groups = {
        "nl": ["Missies en matchmaking", "Voorlichting", "Dienstverlening"],
        "en": ["Missions and matchmaking", "Information", "Services"],
    }[lang]
    assert [p.title for p in pack.pages[2:5]] == groups
    prs = _prs(files)
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert [s.shapes.title.text for s in prs.slides] == [p.title for p in pack.pages]
    assert len(PdfReader(io.BytesIO(files["pdf"])).pages) == len(pack.pages)


def test_group_pages_have_a_status_line_honest_charts_and_their_commentary(pack_files):
    """Each group page: two status lines (year, plan), native charts (several KPIs: one percent-of-target chart for the
    year and one for the plan where a KPI has a plan target; one KPI: its own chart), and the commentary."""
    lang, pack, files = pack_files
    prs = _prs(files)
    status = {
        "nl": "Jaar 2018: ▲ 2 overtroffen, ✖ 1 niet behaald\nMeerjarenplan '17-'20: ✔ 1 behaald, ➜ 1 op koers, "
        "↘ 1 op schema, prognose haalt doel niet",
        "en": "Year 2018: ▲ 2 exceeded, ✖ 1 missed\nMulti-year plan '17-'20: ✔ 1 achieved, ➜ 1 on track, "
        "↘ 1 on schedule, forecast misses target",
    }
    assert pack.pages[2].subtitle == status[lang]
    for index, count in ((2, 2), (3, 1), (4, 1)):
        charts = [sh for sh in prs.slides[index].shapes if getattr(sh, "has_chart", False) and sh.has_chart]
        assert len(charts) == count
    missions_slide = _slide_text(prs.slides[2])
    services_slide = _slide_text(prs.slides[4])
    assert COMMENTARY[lang]["missions"] in missions_slide and COMMENTARY[lang]["services"] in services_slide
    pdf = [" ".join(t.split()) for t in _pdf_text(files["pdf"])]
    assert COMMENTARY[lang]["missions"] in pdf[2] and COMMENTARY[lang]["services"] in pdf[4]


def test_no_pictures_only_native_charts(pack_files):
    """The PowerPoint holds no picture at all: every chart is a native chart object."""
    _, pack, files = pack_files
    prs = _prs(files)
    shapes = [sh for s in prs.slides for sh in s.shapes]
    assert not [sh for sh in shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sum(1 for sh in shapes if getattr(sh, "has_chart", False) and sh.has_chart) == len(pack.charts()) == 6


# --- figures read back ---------------------------------------------------------------------------------------


def test_scorecard_cells_equal_the_cli_table(pack_files, cli_tables):
    """The scorecard on slide 2: every KPI a row whose cells equal `kpi table --format json`, plus hand checks."""
    lang, _, files = pack_files
    cells = _scorecard(_prs(files))
    rows = [r for r in cells[1:] if r[0]]  # a comment row is merged under its KPI: its first cell is spanned
    records = cli_tables[lang]
    assert len(rows) == len(records) == 7
    words = {
        "nl": {
            "exceeded": "Overtroffen",
            "achieved": "Behaald",
            "on_track": "Op koers",
            "on_schedule_forecast_short": "Op schema, prognose haalt doel niet",
            "missed": "Niet behaald",
            "no_target": "Geen doel",
        },
        "en": {
            "exceeded": "Exceeded",
            "achieved": "Achieved",
            "on_track": "On track",
            "on_schedule_forecast_short": "On schedule, forecast misses target",
            "missed": "Missed",
            "no_target": "No target",
        },
    }[lang]
    thousands = "." if lang == "nl" else ","
    for row, record in zip(rows, records):
        assert row[1] == f"{record['realized']:,}".replace(",", thousands)
        lo, hi = record["annual_target_min"], record["annual_target_max"]
        target = (
            {"nl": "niet gedefinieerd", "en": "not defined"}[lang]
            if lo is None
            else (str(lo) if lo == hi else f"{lo}-{hi}")
        )
        assert row[2] == target
        expected = record.get("annual_expected", lo)  # at 31 December the expected value is the minimum
        assert row[3] == ("—" if expected is None else f"{round(expected):,}".replace(",", thousands))
        # A status in two parts takes two lines in its cell.
        annual, plan = (" ".join(row[n].split()) for n in (5, 6))
        assert annual.endswith(words[record["annual_status"]]) and plan.endswith(words[record["plan_status"]])
    # Worked out by hand from the report: 16 missions against 6-8, 211 matchmaking conversations against 300.
    assert rows[0][1:4] == ["16", "6-8", "6"] and rows[0][5] == f"▲ {words['exceeded']}"
    assert rows[3][1:3] == ["211", "300"] and rows[3][5] == f"✖ {words['missed']}"
    # The demo data ends on 19 December: the forecast is the one made then (the JSON's); the change runs from
    # 30 September (the previous quarter).
    assert [r[4] for r in rows] == [f"{x['forecast_year_end']:,}".replace(",", thousands) for x in records]
    assert rows[0][4] == "17"  # 16 missions x 365 / 353 days = 16.5
    assert rows[0][7] == "+6"  # six missions in Q4 2018, counted by hand in data/activities.csv
    assert [r[7] for r in rows] == [f"{x['change_since_reference']:+,}".replace(",", thousands) for x in records]
    comment = {"nl": "Toelichting: ", "en": "Comment: "}[lang] + COMMENTARY[lang]["missions"]
    assert any(comment in " ".join(r) for r in cells)


def _charts(prs, slides=slice(None)) -> dict:
    return {
        sh.name: sh.chart
        for s in list(prs.slides)[slides]
        for sh in s.shapes
        if getattr(sh, "has_chart", False) and sh.has_chart
    }


def test_native_chart_series_hold_the_table(pack_files, cli_tables):
    """The percent charts' realised series hold each KPI's realised value as % of its target minimum (from the table),
    the KPI's own figures in its category; the one-KPI chart holds realised, expected and target as counts."""
    lang, _, files = pack_files
    records = {r["kpi"]: r for r in cli_tables[lang]}
    charts = _charts(_prs(files), slice(2, 5))
    assert set(charts) == {"missions.year", "missions.plan", "kpi.info_meetings", "services.year"}
    year = {
        "missions.year": ["missions", "mission_companies", "matchmaking_meetings"],
        "services.year": ["company_visits", "partner_scans"],
    }
    for name, keys in year.items():
        front = charts[name].plots[1].series[0]  # the realised bars, in front of the target ranges
        shares = [100 * records[k]["realized"] / records[k]["annual_target_min"] for k in keys]
        assert list(front.values) == pytest.approx(shares), name
    plan = [100 * records[k]["realized_cumulative"] / records[k]["plan_target_min"] for k in year["missions.year"]]
    assert list(charts["missions.plan"].plots[1].series[0].values) == pytest.approx(plan)
    # By hand from the report: missions 16 of 6-8 = 266.7%, companies 124 of 60 = 206.7%, matchmaking 211 of 300
    # = 70.3%; visits 119 of 30 = 396.7%, scans 7 of 4 = 175%; cumulative matchmaking 605 of 1,200 = 50.4%.
    assert list(charts["missions.year"].plots[1].series[0].values) == pytest.approx([266.67, 206.67, 70.33], abs=0.01)
    assert list(charts["services.year"].plots[1].series[0].values) == pytest.approx([396.67, 175.0], abs=0.01)
    assert charts["missions.plan"].plots[1].series[0].values[2] == pytest.approx(50.42, abs=0.01)
    of, sep = {"nl": ("van", "."), "en": ("of", ",")}[lang]
    categories = list(charts["missions.year"].plots[0].categories)
    assert categories[2].endswith(f"211 {of} 300 · 70%")
    assert list(charts["missions.plan"].plots[0].categories)[2].endswith(f"605 {of} 1{sep}200 · 50%")
    # Behind them: up to the value expected to date, a spacer up to the target, and the target range (6-8: 100 to
    # 133%). On 31 December the year's expected value is the target itself (no separate layer); the plan, half-way
    # through 2017-2020, expects 12 of 24, 120 of 240 and 600 of 1,200: 50% each.
    expected, spacer, band = charts["missions.year"].plots[0].series
    assert list(expected.values) == [0, 0, 0] and list(spacer.values) == [100, 100, 100]
    assert band.values[0] == pytest.approx(33.33, abs=0.01)
    assert list(charts["missions.plan"].plots[0].series[0].values) == pytest.approx([50, 50, 50])
    registered = {"nl": "Geregistreerde services (68)", "en": "Registered services (68)"}[lang]
    assert registered in _slide_text(_prs(files).slides[4])  # no target: named in a sentence, not on the % axis
    assert not any("68" in str(c) for c in charts["services.year"].plots[0].categories)
    # The one-KPI page: realised 19, expected 3 and target 3 for the year; cumulative 27 against 12 for the plan.
    counts = charts["kpi.info_meetings"].plots[0].series[0].values
    assert (counts[0], counts[1], counts[2], counts[3], counts[5]) == (19, 3, 3, 27, 12)


def test_scale_is_honest(pack_files):
    """Every chart starts at zero; KPIs sharing a page share one percent axis (0 to 300% for 267%, 0 to 400% for
    397%, in whole percents without a thousands separator); the one-KPI page's axis stops at 40 (largest figure 27);
    count axes write the language's thousands separator into their format, whatever the viewer's locale."""
    lang, _, files = pack_files
    charts = _charts(_prs(files))
    for chart in charts.values():
        assert chart.value_axis.minimum_scale == 0
        assert chart.value_axis.axis_title.text_frame.text
    assert charts["missions.year"].value_axis.maximum_scale == 300
    assert charts["services.year"].value_axis.maximum_scale == 400
    assert charts["missions.year"].value_axis.tick_labels.number_format == '0"%"'
    assert charts["kpi.info_meetings"].value_axis.maximum_scale == 40
    sep = {"nl": ".", "en": ","}[lang]
    assert f'#"{sep}"##0' in charts["kpi.info_meetings"].value_axis.tick_labels.number_format
    assert len(list(charts["kpi.info_meetings"].plots[0].categories)) == 6  # year and plan rows


def test_notes_on_every_content_slide(pack_files):
    """Every slide after the title has speaker notes with its figures (and commentary) in sentences."""
    lang, _, files = pack_files
    slides = list(_prs(files).slides)
    for slide in slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip().endswith(".")
    notes = slides[2].notes_slide.notes_text_frame.text
    assert {
        "nl": "16 gerealiseerd in 2018, tegen een jaardoel van 6-8",
        "en": "16 realised in 2018, against an annual target of 6-8",
    }[lang] in notes
    assert COMMENTARY[lang]["missions"] in notes


def test_appendix_lists_the_missions_of_the_period(pack_files, demo_activities):
    """The appendix: date, title, country, direction, theme and companies for each of the 16 missions of 2018."""
    lang, pack, files = pack_files
    rows = [r for p in pack.pages if p.kind is Kind.TABLE for r in p.rows]
    assert len(rows) == 16
    first = {
        "nl": (
            "26-02-2018",
            "Smart Manufacturing-missie Beieren",
            "Duitsland",
            "Uitgaand",
            "Smart Manufacturing",
            "11",
        ),
        "en": ("26/02/2018", "Smart Manufacturing-missie Beieren", "Germany", "Outgoing", "Smart Manufacturing", "11"),
    }[lang]
    assert rows[0] == first
    slides = [s for s, p in zip(_prs(files).slides, pack.pages) if p.kind is Kind.TABLE]
    cells = [
        c.text
        for s in slides
        for sh in s.shapes
        if getattr(sh, "has_table", False) and sh.has_table
        for row in list(sh.table.rows)[1:]
        for c in row.cells
    ]
    assert "SelectUSA Investment Summit" in cells


# --- language and refused choices ----------------------------------------------------------------------------


def test_no_words_of_the_other_language(pack_files):
    """An English pack (slides, charts, notes and PDF) has none of the Dutch words, a Dutch pack none of the English."""
    lang, _, files = pack_files
    text = "\n".join(_slide_text(s) for s in _prs(files).slides) + "\n".join(_pdf_text(files["pdf"]))
    forbidden = DUTCH if lang == "en" else ENGLISH
    found = [w for w in forbidden if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert not found, found
    assert "Verruim" not in text and "widen" not in text.lower()


def test_unknown_country_theme_or_year_is_refused(demo_activities, demo_targets):
    """describe() names every unknown value and builds nothing."""
    with pytest.raises(RefusedChoice) as refused:
        describe(
            demo_activities,
            demo_targets,
            2031,
            lang="en",
            selection=ActivityFilter(countries=("XX",), themes=("Nope",)),
        )
    message = refused.value.message("en")
    assert "year 2031 (known: 2017-2020)" in message and "'XX'" in message and "'Nope'" in message
    assert "Verruim" not in refused.value.message("nl")


@pytest.mark.parametrize("args", [["--country", "XX"], ["--theme", "Nope"], ["--year", "2031"]])
def test_cli_refuses_unknown_values_and_writes_nothing(tmp_path, isolated_store, args):
    """`boardpack --country XX` (or an unknown theme or year) exits 2 with a clear message and writes no file."""
    year = [] if "--year" in args else ["--year", str(YEAR)]
    result = _cli("boardpack", *year, *args, "--lang", "en", "--out", str(tmp_path / "out" / "pack"))
    assert result.returncode == 2
    assert "Unknown choice for the pack" in result.stderr and args[-1] in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --- one snapshot, and the record of what was built ----------------------------------------------------------


def test_pack_comes_from_one_snapshot_even_if_a_save_lands_meanwhile(isolated_store, monkeypatch):
    """A save landing while the pack reads the store does not mix versions: label, data and commentary are v1's."""
    store = FolderStore(isolated_store)
    store.seed_demo()
    original = FolderStore.load_table
    saved = []

    def load_table(self, version, table):
        frame = original(self, version, table)
        if not saved:  # another user saves commentary right after the first table was read
            current = store.current_version()
            notes = set_commentary(original(store, current, "commentary"), "missions", YEAR, "nl", "v2-tekst")
            saved.append(
                store.save(current, commentary=notes, action="commentary", description="meanwhile", actor=local_actor())
            )
        return frame

    monkeypatch.setattr(FolderStore, "load_table", load_table)
    snapshot = current_snapshot(FolderStore(isolated_store))
    pack = describe_snapshot(snapshot, YEAR, lang="nl")
    assert saved and store.current_version() == 2
    assert pack.record["version"] == 1 and pack.version.startswith("v1 ·")
    assert all("v2-tekst" not in p.notes for p in pack.pages)


def test_pack_records_version_and_as_of(tmp_path, isolated_store):
    """The CLI writes the pack and a JSON record; PPTX core properties and PDF metadata name version and as-of date."""
    FolderStore(isolated_store).seed_demo()
    out = tmp_path / "pack"
    result = _cli("boardpack", "--year", str(YEAR), "--as-of", "2018-06-30", "--out", str(out))
    assert result.returncode == 0, result.stderr
    record = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert (record["version"], record["as_of"], record["year"]) == (1, "2018-06-30", YEAR)
    assert record["version_label"].startswith("v1 · ")
    assert {k["kpi"]: k["realized"] for k in record["kpis"]}["missions"] == 8  # missions up to 30 June 2018
    props = Presentation(str(out.with_suffix(".pptx"))).core_properties
    assert props.version == record["version_label"] and props.identifier == "1"
    assert json.loads(props.keywords)["as_of"] == "2018-06-30"
    meta = PdfReader(str(out.with_suffix(".pdf"))).metadata
    assert json.loads(meta["/Keywords"])["version"] == 1 and "2018-06-30" in meta["/Subject"]


def test_long_commentary_continues_on_a_text_page(demo_activities, demo_targets):
    """Commentary longer than the space under its chart continues on a following page, every word kept."""
    sentence = "De inkomende missie uit Jiangsu leverde vijftien buitenlandse bedrijven en zeventig gesprekken op. "
    notes = {"missions": sentence * 12}
    pack = describe(demo_activities, demo_targets, YEAR, lang="nl", commentary=notes, version="x")
    assert [p.kind for p in pack.pages[2:4]] == [Kind.GROUP, Kind.TEXT]
    text = " ".join(" ".join(t for _, t in p.items) for p in pack.pages[2:4])
    assert " ".join(text.split()).count("zeventig gesprekken op.") == 12


def test_mission_filter_and_years(demo_activities):
    """The mission pages take the filter's years (default: the pack's year) and countries."""
    end = dt.date(YEAR, 12, 31)
    every = mission_rows(demo_activities, YEAR, end, ActivityFilter())
    two_years = mission_rows(demo_activities, YEAR, end, ActivityFilter(years=(2017, 2018)))
    german = mission_rows(demo_activities, YEAR, end, ActivityFilter(countries=("DE",)))
    assert (len(every), len(two_years), len(german)) == (16, 24, 6)


# --- the house template ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def agency_template(tmp_path_factory) -> Path:
    """The sample organisation template (16:9, logo on the master, house colour, one example slide)."""
    return build_template(tmp_path_factory.mktemp("template") / "agency.pptx")


@pytest.fixture(scope="module")
def template_files(agency_template, demo_activities, demo_targets, artifacts_dir):
    """The English pack on the sample template."""
    style = house(agency_template)
    pack = describe(demo_activities, demo_targets, YEAR, lang="en", commentary=COMMENTARY["en"], version="v-t")
    files = render(pack, style=style)
    for kind, data in files.items():
        (artifacts_dir / f"boardpack-template.{kind}").write_bytes(data)
    return pack, files, style


def test_template_master_layouts_and_logo_are_used(template_files, agency_template):
    """Every slide uses the template's master (with its logo); the template's example slide is gone."""
    pack, files, style = template_files
    prs = _prs(files)
    template = Presentation(str(agency_template))
    assert len(prs.slides) == len(pack.pages)
    assert "Example slide of the template" not in "\n".join(_slide_text(s) for s in prs.slides)
    layout_names = {lo.name for lo in template.slide_layouts}
    for slide in prs.slides:
        assert slide.slide_layout.name in layout_names
        master = slide.slide_layout.slide_master
        logos = [sh for sh in master.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert [sh.name for sh in logos] == ["House logo"]
        assert slide.slide_layout.element.get("showMasterSp") != "0"
    assert style.primary == f"#{HOUSE_PRIMARY}" and style.logo_box is not None
    table = next(sh.table for sh in prs.slides[1].shapes if getattr(sh, "has_table", False) and sh.has_table)
    assert str(table.cell(0, 0).fill.fore_color.rgb) == HOUSE_PRIMARY


# --- rendered pages --------------------------------------------------------------------------------------------


def _render_pdf(data: bytes, folder: Path, name: str, dpi: int = 72) -> list[Path]:
    pdf = folder / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / name)], check=True, timeout=120)
    return sorted(folder.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _slides_as_pdf(pptx: bytes, folder: Path, name: str) -> bytes:
    source = folder / f"{name}.pptx"
    source.write_bytes(pptx)
    out = folder / "lo"
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return (out / f"{name}.pdf").read_bytes()


def _text_spans(data: bytes) -> list[list[tuple[str, float, float, float]]]:
    """Per page: (text, x, y, size) of every text run, from the PDF's text matrices."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        spans = []

        def visit(text, cm, tm, font, size, spans=spans):
            if not text.strip():
                return
            a, b, _, _, e, f = tm
            ca, cb, cc, cd, ce, cf = cm
            x, y = e * ca + f * cc + ce, e * cb + f * cd + cf
            scale = abs(a * ca + b * cc) or 1
            spans.append((text.strip(), x, y, size * scale))

        page.extract_text(visitor_text=visit)
        pages.append(spans)
    return pages


def _ink(png: Path) -> np.ndarray:
    return np.asarray(Image.open(png).convert("L")) < 235


def _check_pages(data: bytes, pngs: list[Path], width_pt: float, height_pt: float, label: str) -> None:
    """Text inside the page box; nothing in the edge strips; every content page used below its middle."""
    for number, spans in enumerate(_text_spans(data), start=1):
        for text, x, y, size in spans:
            w = text_width(text, size) * 0.9
            assert x >= -1 and x + w <= width_pt + 1 and 0 <= y <= height_pt, f"{label} p{number}: {text!r} outside"
    for number, png in enumerate(pngs, start=1):
        ink = _ink(png)
        h, w = ink.shape
        edge_y, edge_x = round(EDGE_PT * h / height_pt), round(EDGE_PT * w / width_pt)
        edges = [ink[:edge_y], ink[-edge_y:], ink[:, :edge_x], ink[:, -edge_x:]]
        assert not any(e.any() for e in edges), f"{label} p{number}: content at the edge"
        if number == 1:
            continue  # the title page is sparse by design
        body = ink[round(h * 0.2) : round(h * 0.93)]  # below the title band, above the footer
        rows = np.flatnonzero(body.any(axis=1))
        assert ink.mean() > 0.03, f"{label} p{number}: almost blank ({ink.mean():.3f})"
        assert rows.size and rows[-1] > body.shape[0] * 0.55, f"{label} p{number}: the lower half is empty"


def _no_collisions(data: bytes, label: str) -> None:
    """No two text runs of a PDF page overlap (labels never run into each other)."""
    for number, spans in enumerate(_text_spans(data), start=1):
        boxes = [(x, y - 0.2 * s, x + text_width(t, s), y + 0.75 * s, t) for t, x, y, s in spans]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                assert dx <= 1 or dy <= 1, f"{label} p{number}: {a[4]!r} runs into {b[4]!r}"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pdf_pages_render_inside_the_page_and_filled(pack_files, tmp_path, artifacts_dir):
    """Every PDF page as PNG: text inside the page, nothing at the edges, no half-empty page, no colliding text."""
    lang, pack, files = pack_files
    pngs = _render_pdf(files["pdf"], tmp_path, f"pdf-{lang}")
    assert len(pngs) == len(pack.pages)
    for png in pngs:
        shutil.copy(png, artifacts_dir / f"boardpack-{lang}-{png.name}")
    _check_pages(files["pdf"], pngs, 841.89, 595.28, f"PDF {lang}")
    _no_collisions(files["pdf"], f"PDF {lang}")


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftoppm") is None,
    reason="needs libreoffice-impress and poppler-utils",
)
def test_slides_render_inside_the_slide_and_filled(pack_files, tmp_path, artifacts_dir):
    """Every slide rendered by LibreOffice then pdftoppm: text inside, nothing at the edges, no half-empty slide."""
    lang, pack, files = pack_files
    pdf = _slides_as_pdf(files["pptx"], tmp_path, f"slides-{lang}")
    pngs = _render_pdf(pdf, tmp_path, f"slide-{lang}")
    assert len(pngs) == len(pack.pages)
    for png in pngs:
        shutil.copy(png, artifacts_dir / f"boardpack-{lang}-{png.name}")
    _check_pages(pdf, pngs, 960, 540, f"slides {lang}")


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftoppm") is None,
    reason="needs libreoffice-impress and poppler-utils",
)
def test_template_logo_shows_on_every_slide_and_pdf_page(template_files, tmp_path, artifacts_dir):
    """Rendered, every slide shows the master's logo where the template put it; the PDF carries it too."""
    pack, files, _ = template_files
    pdf = _slides_as_pdf(files["pptx"], tmp_path, "slides-template")
    pngs = _render_pdf(pdf, tmp_path, "slide-template")
    assert len(pngs) == len(pack.pages)
    x, y, w, h = LOGO_BOX_PT
    for png in pngs:
        shutil.copy(png, artifacts_dir / f"boardpack-template-{png.name}")
        pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
        scale = pixels.shape[1] / 960
        area = pixels[round(y * scale) : round((y + h) * scale), round(x * scale) : round((x + w) * scale)]
        magenta = (np.abs(area - np.array(LOGO_RGB)).sum(axis=2) < 60).mean()
        assert magenta > 0.5, f"{png.name}: logo missing ({magenta:.2f})"
    _check_pages(pdf, pngs, 960, 540, "template slides")
    pdf_pngs = _render_pdf(files["pdf"], tmp_path, "pdf-template")
    for png in pdf_pngs:
        pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
        assert (np.abs(pixels - np.array(LOGO_RGB)).sum(axis=2) < 60).sum() > 200, f"{png.name}: no logo"


def test_house_settings_for_logo_and_colours(tmp_path, monkeypatch, agency_template):
    """board_colours overrides the template's theme; board_logo gives the PDF a logo; bad values are refused."""
    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 20), LOGO_RGB).save(logo)
    monkeypatch.setenv("KPI_BOARD_TEMPLATE", str(agency_template))
    monkeypatch.setenv("KPI_BOARD_COLOURS", "#123456, #654321")
    monkeypatch.setenv("KPI_BOARD_LOGO", str(logo))
    style = house()
    assert (style.primary, style.accent, style.template) == ("#123456", "#654321", agency_template)
    assert style.logo == logo.read_bytes()
    monkeypatch.setenv("KPI_BOARD_COLOURS", "blue")
    with pytest.raises(TemplateError, match="#RRGGBB"):
        house()
    monkeypatch.delenv("KPI_BOARD_COLOURS")
    monkeypatch.setenv("KPI_BOARD_TEMPLATE", str(tmp_path / "missing.pptx"))
    with pytest.raises(TemplateError, match="cannot be opened"):
        house()


def test_cli_refuses_a_template_it_cannot_open(tmp_path, isolated_store):
    """`--template` naming a file that is no PowerPoint: exit 2, a clear message, no file."""
    bad = tmp_path / "agency.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    result = _cli("boardpack", "--year", str(YEAR), "--template", str(bad), "--out", str(tmp_path / "out" / "p"))
    assert result.returncode == 2 and "is niet te openen als PowerPoint-bestand (.pptx)" in result.stderr
    assert "agency" not in result.stderr  # no server path, not even the name
    assert not (tmp_path / "out").exists()


def test_a_short_mission_list_shares_the_page_with_its_charts(demo_activities, demo_targets, tmp_path):
    """Germany only (6 missions in 2018): charts and list on one full page; no missions at all: no empty pages."""
    pack = describe(demo_activities, demo_targets, YEAR, lang="nl", selection=ActivityFilter(countries=("DE",)))
    last = pack.pages[-2]
    assert (
        [p.kind for p in pack.pages[5:]] == [Kind.CHARTS, Kind.REPORT] and len(last.rows) == 6 and len(last.charts) == 2
    )
    assert last.rows[0][:4] == ("26-02-2018", "Smart Manufacturing-missie Beieren", "Duitsland", "Uitgaand")
    files = render(pack, style=House())
    pngs = _render_pdf(files["pdf"], tmp_path, "germany")
    _check_pages(files["pdf"], pngs, 841.89, 595.28, "PDF Germany")
    _no_collisions(files["pdf"], "PDF Germany")
    none = describe(
        demo_activities,
        demo_targets,
        YEAR,
        lang="en",
        selection=ActivityFilter(countries=("BE",), themes=("3D Printing",)),
    )
    assert [p.kind for p in none.pages] == [Kind.TITLE, Kind.SCORECARD, Kind.GROUP, Kind.GROUP, Kind.GROUP, Kind.REPORT]
    assert none.pages[0].lines[-1] == "No missions in 2018 in this selection."


def test_percent_chart_mid_year_preview_and_marks(demo_activities, demo_targets):
    """On 30 June 2018 the missions page compares on one % axis: 8 of 6-8 = 133%, 66 of 60 = 110%, 132 of 300 = 44%,
    each expected at about half its minimum (3 of 6, 30 of 60, 149 of 300: 50%); the preview draws the same figures,
    the ranges as bands from 100%, and writes the figures in the axis labels, not on the plot."""
    from kpi.boardpack.preview import bar_figure

    pack = describe(demo_activities, demo_targets, YEAR, as_of=dt.date(2018, 6, 30), lang="nl")
    chart = next(c for c in pack.charts() if c.key == "missions.year")
    assert chart.percent and chart.series[0].values == pytest.approx((133.33, 110.0, 44.0), abs=0.01)
    assert chart.marks == pytest.approx((50.0, 50.0, 49.67), abs=0.5)
    assert chart.bands[0] == pytest.approx((100, 133.33), abs=0.01) and chart.bands[2] == (100, 100)
    assert chart.categories[0] == "Handelsmissies\n8 van 6-8 · 133%" and chart.top == 150
    figure = bar_figure(chart, "nl")
    bars = [d for d in figure.data if d.type == "bar"]
    assert len(bars) == 1 and list(bars[0].x) == pytest.approx([133.33, 110.0, 44.0], abs=0.01)
    assert bars[0].text is None  # no value label on the plot to run into the 100% line
    assert bars[0].y[2] == "<b>Matchmaking-gesprekken</b><br>132 van 300 · 44%"
    shape = figure.layout.shapes[0]
    assert (shape.x0, shape.x1) == pytest.approx((100, 133.33), abs=0.01)
    assert list(figure.layout.xaxis.ticktext) == ["0%", "50%", "100%", "150%"]


def test_percent_chart_table_names_each_kpi_once_and_alt_says_its_status(demo_activities, demo_targets):
    """The percent charts' text alternative: the table's first column holds the KPI's name only, each figure in its
    own column (31 Dec 2018: 16 of 6-8 = 267% exceeded, 124 of 60 = 207% exceeded, 211 of 300 = 70% missed; no
    expected-to-date column, it equals the target); the alt sentence adds each status word. The axis labels keep
    the figures."""
    pack = describe(demo_activities, demo_targets, YEAR, lang="nl")
    charts = {c.key: c for c in pack.charts()}
    year = charts["missions.year"]
    table = year.table("nl")
    assert list(table.columns) == [
        "KPI",
        "Gerealiseerd 2018",
        "Jaardoel 2018",
        "% van het doel (minimum)",
        "Status jaar",
    ]
    assert table.values.tolist() == [
        ["Handelsmissies", "16", "6-8", "267%", "Overtroffen"],
        ["Bedrijven in missies", "124", "60", "207%", "Overtroffen"],
        ["Matchmaking-gesprekken", "211", "300", "70%", "Niet behaald"],
    ]
    assert year.categories[2] == "Matchmaking-gesprekken\n211 van 300 · 70%"  # the chart's own labels unchanged
    assert year.alt == (
        "Jaar 2018: % van jaardoel: Handelsmissies: 16 van 6-8 · 267%, overtroffen; Bedrijven in missies: 124 van 60 "
        "· 207%, overtroffen; Matchmaking-gesprekken: 211 van 300 · 70%, niet behaald."
    )
    # The plan, half-way through 2017-2020: 24 of 24-32 achieved, 197 of 240 on track and 605 of 1,200 on schedule
    # (expected 12, 120 and 600: half of each minimum), but its plan-end forecast (605 + 7 + 2 x 218 = 1.048) misses.
    plan = charts["missions.plan"].table("nl")
    assert list(plan.columns) == [
        "KPI",
        "Cumulatief '17-'18",
        "Plandoel '17-'20",
        "% van het doel (minimum)",
        "Verwacht plan",
        "Status meerjarenplan",
    ]
    assert plan.values.tolist()[2] == [
        "Matchmaking-gesprekken",
        "605",
        "1.200",
        "50%",
        "600",
        "Op schema, prognose haalt doel niet",
    ]
    assert "Handelsmissies: 24 van 24-32 · 100%, behaald;" in charts["missions.plan"].alt


def test_percent_chart_table_mid_year_in_english(demo_activities, demo_targets):
    """On 30 June 2018, in English: 8 of 6-8 (133%, achieved), 66 of 60 (110%, exceeded), 132 of 300 (44%; 149
    expected, 132 >= 0.8 x 149: at risk), with the values expected to date 3, 30 and 149 in their own column; the
    services page names the KPI without a target in its note, not in the table."""
    pack = describe(demo_activities, demo_targets, YEAR, as_of=dt.date(2018, 6, 30), lang="en")
    charts = {c.key: c for c in pack.charts()}
    table = charts["missions.year"].table("en")
    assert list(table.columns) == [
        "KPI",
        "Realised 2018",
        "Annual target 2018",
        "% of the target (minimum)",
        "Expected to date",
        "Status year",
    ]
    assert table.values.tolist() == [
        ["Trade missions", "8", "6-8", "133%", "3", "Achieved"],
        ["Companies in missions", "66", "60", "110%", "30", "Exceeded"],
        ["Matchmaking conversations", "132", "300", "44%", "149", "At risk"],
    ]
    assert charts["missions.year"].alt.endswith("Matchmaking conversations: 132 of 300 · 44%, at risk.")
    services = charts["services.year"]
    assert [row[0] for row in services.table("en").values.tolist()] == ["Company visits", "Business partner scans"]
    assert services.alt.endswith("Without an annual target: Registered services (25).")
