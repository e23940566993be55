"""Accessibility without a browser: chart sentences and tables, contrast of the declared colours, and the board
pack read back (alt text and titles in the PowerPoint; title, language and bookmarks in the PDF)."""

from __future__ import annotations

import io
import tomllib

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pypdf import PdfReader

from kpi import a11y, palette
from kpi.boardpack import House, describe, house, render
from kpi.boardpack.pdf import status_colour
from kpi.describe import bars_sentence, bars_table, kpi_sentence
from kpi.targets import STATUSES, Target
from tests.board_template import build_template
from tests.conftest import ROOT
from ui.a11y import html_table

YEAR = 2018
# --- sentences and tables --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Matchmaking 2018: 211 of the 300 targeted, missed."),
        ("nl", "Matchmaking 2018: 211 van de 300 beoogd, niet behaald."),
    ],
)
def test_kpi_sentence_missed(lang, expected):
    """The issue's example: a single-number target that was missed."""
    assert kpi_sentence("Matchmaking", 2018, 211, Target(300, None), "missed", lang) == expected


def test_kpi_sentence_range_running_year_and_plan():
    """A range target in a running year names the expected value; the plan follows as a second sentence."""
    text = kpi_sentence(
        "Missions",
        2018,
        5,
        Target(24, 32),
        "behind",
        "en",
        expected=12.4,
        plan_period="2017-2020",
        cumulative=1200,
        plan_target=Target(1000, 1500),
        plan_status="on_track",
    )
    assert text == (
        "Missions 2018: 5 of the 24-32 targeted, behind (expected to date 12). "
        "Multi-year plan 2017-2020: 1,200 of the 1,000-1,500 targeted, on track."
    )


def test_kpi_sentence_without_target():
    """No target: the figure alone, said as such (never 'of the 0 targeted')."""
    assert (
        kpi_sentence("Services", 2018, 1200, Target(None, None), "no_target", "nl")
        == "Services 2018: 1.200, geen doel."
    )


def test_bars_sentence_and_table_stacked():
    """Stacked bars: each category's total and its parts by series; the table has a row per category."""
    series = [("Incoming", [1, 0]), ("Outgoing", [5, 1])]
    assert (
        bars_sentence("Missions by country", ["Germany", "China"], series, "en")
        == "Missions by country: Germany 6 (Incoming 1, Outgoing 5), China 1 (Outgoing 1)."
    )
    table = bars_table(["Germany", "China"], series, "nl", "Land")
    assert table.to_dict("split")["data"] == [["Germany", "1", "5"], ["China", "0", "1"]]
    assert list(table.columns) == ["Land", "Incoming", "Outgoing"]


def test_bars_sentence_empty():
    """A chart without bars says there is no data."""
    assert bars_sentence("Missies per land", [], [("Inkomend", [])], "nl") == "Missies per land: geen gegevens."


# --- colour ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),
        ("#0072B2", "#FFFFFF", 5.19),
        ("#D55E00", "#FFFFFF", 3.87),
    ],
)
def test_contrast_ratio(fg, bg, ratio):
    """WCAG contrast of known pairs (checked against the WebAIM contrast checker)."""
    assert a11y.contrast(fg, bg) == pytest.approx(ratio, abs=0.01)


def test_text_shades_reach_aa_on_white():
    """Every declared text shade reads at 4.5:1 or more on white and on Streamlit's light grey (#F0F2F6)."""
    for name, colour in palette.TEXT_SHADES.items():
        assert a11y.contrast(colour) >= 4.5, name
        assert a11y.contrast(colour, "#F0F2F6") >= 4.5, name


def test_theme_colours_reach_aa():
    """The theme's primary colour and its body text reach AA, also the captions Streamlit draws at 60 % opacity."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"] == palette.BLUE_TEXT and theme["textColor"] == palette.INK
    assert a11y.contrast(theme["primaryColor"]) >= 4.5
    caption = a11y.blend(theme["textColor"], 0.6)
    assert a11y.contrast(caption) >= 4.5
    assert a11y.contrast(a11y.blend(theme["textColor"], 0.6, "#F0F2F6"), "#F0F2F6") >= 4.5
    assert a11y.blend("#2F2D2B", 0.6) == "#828180"  # Streamlit's default caption colour, as axe measured it


@pytest.mark.parametrize("good", ["#0072B2", "#F0E442"])
def test_status_colours_reach_aa(good):
    """Status words in the pack and presentation read at 4.5:1, also with a light house colour (yellow)."""
    for status in STATUSES:
        assert a11y.contrast(status_colour(status, good)) >= 4.5, status


# --- board pack read back ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["nl", "en"])
def pack_files(request, demo_activities, demo_targets):
    """The demo year's pack in one language: its description and both files."""
    pack = describe(demo_activities, demo_targets, YEAR, lang=request.param, version="v-test")
    return request.param, pack, render(pack, style=House())


def _descr(shape) -> str | None:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def _decorative(shape) -> bool:
    return bool(shape._element.xpath("./*[1]/p:cNvPr/a:extLst/a:ext/*[local-name()='decorative'][@val='1']"))


def test_pptx_charts_and_pictures_have_alt_text(pack_files):
    """Every chart has alt text with its key figures; every picture has alt text or is marked decorative."""
    lang, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    charts = [sh for slide in prs.slides for sh in slide.shapes if getattr(sh, "has_chart", False) and sh.has_chart]
    # a percent-of-target chart for the year and one for the plan (missions), information meetings, services,
    # missions by country and by theme
    assert len(charts) == len(pack.charts()) == 6
    for shape in charts:
        assert _descr(shape), shape.name
    by_name = {sh.name: _descr(sh) for sh in charts}
    # 211 of 300 = 70.3 %, missed at the year's end; 605 of 1,200 = 50.4 %, on schedule half-way through the plan
    # but its plan-end forecast (1,048) misses the 1,200
    # (the 2018 report's figures)
    assert "Matchmaking-gesprekken: 211 van 300 · 70%, niet behaald" in by_name["missions.year"] or lang == "en"
    assert "Matchmaking conversations: 211 of 300 · 70%, missed" in by_name["missions.year"] or lang == "nl"
    plan_alt = {
        "nl": "605 van 1.200 · 50%, op schema, prognose haalt doel niet",
        "en": "605 of 1,200 · 50%, on schedule, forecast misses target",
    }[lang]
    assert plan_alt in by_name["missions.plan"]
    assert by_name["services.year"].endswith(
        {
            "nl": "Zonder jaardoel: Geregistreerde services (68).",
            "en": "Without an annual target: Registered services (68).",
        }[lang]
    )
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert _descr(shape) or _decorative(shape), shape.name
            if shape.name == "band":  # the title page's coloured bar
                assert _decorative(shape)


def test_pptx_titles_are_title_placeholders_read_first(pack_files):
    """Each slide's title is its layout's title placeholder, holds the page title and comes first in reading order."""
    _, pack, files = pack_files
    prs = Presentation(io.BytesIO(files["pptx"]))
    for slide, page in zip(prs.slides, pack.pages, strict=True):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        assert title.text_frame.text == page.title
        assert slide.shapes[0].shape_id == title.shape_id


def _master_pictures(prs) -> list:
    return [sh for master in prs.slide_masters for sh in master.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_pptx_template_logo_keeps_its_alt_text_or_is_marked_decorative(tmp_path, demo_activities, demo_targets):
    """A template logo with alt text keeps it ("logo"); the same logo without alt text is marked decorative."""
    path = build_template(tmp_path / "agency.pptx")
    pack = describe(demo_activities, demo_targets, YEAR, lang="en", version="v-test")
    prs = Presentation(io.BytesIO(render(pack, style=house(path))["pptx"]))
    assert [(_descr(sh), _decorative(sh)) for sh in _master_pictures(prs)] == [("logo", False)]
    template = Presentation(str(path))
    for shape in _master_pictures(template):
        del shape._element.xpath("./*[1]/p:cNvPr")[0].attrib["descr"]
    template.save(path)
    prs = Presentation(io.BytesIO(render(pack, style=house(path))["pptx"]))
    assert [(_descr(sh), _decorative(sh)) for sh in _master_pictures(prs)] == [(None, True)]


def test_pdf_title_language_and_bookmarks(pack_files):
    """The PDF has the pack's title (shown by viewers), its language, and a bookmark per page, opened."""
    lang, pack, files = pack_files
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert reader.metadata.title == {"nl": "KPI-rapportage 2018", "en": "KPI report 2018"}[lang]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"
    titles = [entry.title for entry in reader.outline]
    assert titles == [p.title for p in pack.pages]
    assert (
        titles[:2]
        == {"nl": ["KPI-rapportage 2018", "Scorekaart 2018"], "en": ["KPI report 2018", "Scorecard 2018"]}[lang]
    )
    assert [reader.get_destination_page_number(entry) for entry in reader.outline] == list(range(len(pack.pages)))


def test_pdf_text_is_selectable_in_reading_order(pack_files):
    """Each page's text extracts (so it can be selected) starting with its title, the footer last."""
    _, pack, files = pack_files
    for n, (page, spec) in enumerate(zip(PdfReader(io.BytesIO(files["pdf"])).pages, pack.pages, strict=True), start=1):
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        assert lines[0] == spec.title
        assert lines[-1] == pack.footer(n)


# --- dashboard charts described from what they draw -----------------------------------------------------------


def test_missions_chart_in_words_and_as_table(demo_activities):
    """2018's missions by country: Germany 6 (1 in, 5 out), China 4 (3 in, 1 out), ... as drawn, largest first."""
    from kpi import dashboard as vm
    from kpi import figures as fig
    from kpi.describe import figure_summary
    from kpi.filters import ActivityFilter

    missions = vm.filtered_missions(demo_activities, ActivityFilter(years=(2018, 2018), missions_only=True))
    text, table = figure_summary(fig.missions_by_country_figure(vm.missions_by_country(missions), "en", "2018"), "en")
    assert text == (
        "Missions by country and direction (2018): Germany 6 (Incoming 1, Outgoing 5), China 4 (Incoming 3, "
        "Outgoing 1), United States 3 (Outgoing 3), Belgium 1 (Incoming 1), United Kingdom 1 (Outgoing 1), "
        "Japan 1 (Incoming 1)."
    )
    assert table.to_dict("split")["data"][:2] == [["Germany", "1", "5"], ["China", "3", "1"]]
    assert list(table.columns)[1:] == ["Incoming", "Outgoing"]
    text, _ = figure_summary(fig.missions_map_figure(vm.missions_by_country(missions), "nl", "2018"), "nl")
    assert text == (
        "Missies per land (2018): Duitsland 6, China 4, Verenigde Staten 3, België 1, Verenigd Koninkrijk 1, Japan 1."
    )


def test_funnel_in_words(demo_activities):
    """2018's funnel: 119 company visits, 68 registered services (57 %)."""
    from kpi import dashboard as vm
    from kpi import figures as fig
    from kpi.describe import figure_summary

    text, table = figure_summary(fig.service_funnel_figure(vm.service_funnel(demo_activities, 2018), 2018, "nl"), "nl")
    assert (
        text
        == "Van bedrijfsbezoek naar service, 2018 (57% conversie): Bedrijfsbezoeken 119, Geregistreerde services 68."
    )
    assert table.to_dict("split")["data"] == [["Bedrijfsbezoeken", "119"], ["Geregistreerde services", "68"]]


def test_overview_charts_in_words(demo_activities, demo_targets):
    """The Overview's charts in sentences per KPI: the year against its target, the plan against its target."""
    import datetime as dt

    from kpi.describe import kpi_rows_table, kpi_rows_text
    from kpi.engine import kpi_table

    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 12, 31), "nl")
    rows = [r for r in table.rows if r.key in ("matchmaking_meetings", "services")]
    assert kpi_rows_text(rows, "nl") == (
        "Matchmaking-gesprekken 2018: 211 van de 300 beoogd, niet behaald. Geregistreerde services 2018: 68, geen doel."
    )
    assert (
        kpi_rows_text(rows[:1], "en", plan=True)
        == "Matchmaking conversations, multi-year plan 2017-2020: 605 of the 1,200 targeted, on schedule, forecast "
        "misses target."
    )
    assert kpi_rows_table(rows, "en").to_dict("split")["data"] == [
        ["Matchmaking conversations", "211", "300", "300", "Missed"],
        ["Registered services", "68", "not defined", "", "No target"],
    ]


def test_grouped_bars_in_words_without_a_total(demo_activities):
    """Visits and services side by side per year: each year's two figures, never their meaningless sum."""
    from kpi import dashboard as vm
    from kpi import figures as fig
    from kpi.describe import figure_summary

    text, _ = figure_summary(fig.services_by_year_figure(vm.services_by_year(demo_activities), "en"), "en")
    assert text == (
        "Visits and services per year: 2017: Company visits 20, Registered services 11; "
        "2018: Company visits 119, Registered services 68."
    )


def test_data_table_holds_user_text_on_one_line():
    """A chart's data table (shown through Markdown with HTML allowed) keeps a theme with blank lines, a link and an
    image as escaped text on one line: a blank line would end the HTML block and let Markdown render the rest."""
    hostile = 'Agrifood\n\n[klik](https://evil.test) ![x](https://evil.test/i.png) <img src="https://evil.test/y">'
    table = html_table(pd.DataFrame({"Thema": [hostile], "Missies": [2]}), "Missies per thema\n\nx")
    assert "\n" not in table and "\r" not in table
    assert "<img" not in table and "<br><br>[klik](https://evil.test)" in table
    assert "&lt;img src=&quot;https://evil.test/y&quot;&gt;" in table
