"""The Board page and presentation mode driven in AppTest (no browser)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from kpi.access import local_actor
from kpi.commentary import set_commentary
from kpi.registry import KPIS
from kpi.store import FolderStore
from tests.conftest import ROOT

YEAR = 2018
SCORECARD_NL = "Scorekaart 2018"


def _board(params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page("pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_preview_starts_with_title_and_scorecard(isolated_store):
    """The preview's tabs start with the title page and then the scorecard, in Dutch by default."""
    at = _board()
    labels = [tab.label for tab in at.tabs]
    assert labels[:2] == ["1. KPI-rapportage 2018", f"2. {SCORECARD_NL}"]
    assert "3. Missies en matchmaking" in labels and "4. Voorlichting" in labels and "5. Dienstverlening" in labels
    assert at.title[0].value == "Bestuursrapportage"


def test_pack_language_switches_the_preview(isolated_store):
    """Choosing English for the pack titles the preview's pages in English while the page stays Dutch."""
    at = _board()
    at.button_group(key="board.packlang").set_value("en").run()
    assert not at.exception
    assert [tab.label for tab in at.tabs][:3] == [
        "1. KPI report 2018",
        "2. Scorecard 2018",
        "3. Missions and matchmaking",
    ]
    assert at.title[0].value == "Bestuursrapportage"


ANNUAL = "board.download.docx"  # the annual report (Word), kpi.annual_report


def test_build_offers_downloads_until_the_choice_changes(isolated_store):
    """Building shows a progress bar and PDF, PowerPoint and record downloads; another language hides them.
    The annual report's one-click download (built on click) is there all along."""
    at = _board()
    assert [b.key for b in at.get("download_button")] == [ANNUAL]
    at.button(key="board.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("progress")
    urls = {b.key: b.proto.url for b in at.get("download_button")}
    assert urls["board.download.pdf"].endswith(".pdf") and urls["board.download.pptx"].endswith(".pptx")
    assert urls["board.download.json"].endswith(".json")
    at.button_group(key="board.packlang").set_value("en").run()
    assert [b.key for b in at.get("download_button")] == [ANNUAL]


def test_unknown_country_in_the_link_gets_a_notice(isolated_store):
    """`countries=XX` in the address is named in a notice and not used: the pack shows all missions."""
    at = _board({"countries": ["XX"]})
    warnings = " ".join(w.value for w in at.warning)
    assert "'XX'" in warnings and "Niet gebruikt" in warnings
    assert "Missiefilter: alle missies" in " ".join(x.value for x in at.text)


def test_years_slider_changes_the_mission_pages(isolated_store):
    """The years slider starts on the pack's year; widening it to 2017-2018 puts 2017's missions in the pack."""
    at = _board()
    assert at.slider(key="board.years").value == (2018, 2018)
    assert any(tab.label.endswith("Bijlage: missies 2018 (1/2)") for tab in at.tabs)
    at.slider(key="board.years").set_value((2017, 2018)).run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [tab.label for tab in at.tabs]
    assert any("Bijlage: missies 2017–2018" in label for label in labels), labels
    assert "Periode 2017–2018 · alle missies" in " ".join(x.value for x in at.text)


@pytest.mark.parametrize("step", ["1", "2", "8", "99", "x"])
def test_presentation_step_from_the_url(isolated_store, step):
    """Step 1 is the scorecard, steps 2-8 the KPIs in order (clamped; 1 when malformed); no sidebar."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["step"] = step
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    expected = min(int(step), len(KPIS) + 1) if step.isdigit() else 1
    html = " ".join(m.value for m in at.markdown)
    title = SCORECARD_NL if expected == 1 else KPIS[expected - 2].short("nl")
    assert f'class="present-title">{title}<' in html
    assert 'section[data-testid="stSidebar"]' in html and "display: none" in html
    assert at.button(key="present.previous").disabled == (expected == 1)
    assert at.button(key="present.next").disabled == (expected == len(KPIS) + 1)


@pytest.mark.parametrize("step, shown", [("99", "8"), ("x", "1"), ("0", "1")])
def test_presentation_unknown_step_is_named_and_the_url_rewritten(isolated_store, step, shown):
    """?step=99 (7 KPIs + the scorecard: 8 steps) names the ignored value and puts the shown step in the URL."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["step"] = step
    at.switch_page("pages/presentation.py").run()
    warnings = " ".join(w.value for w in at.warning)
    assert f"step = `{step}` (getoond: {shown})" in warnings, warnings
    assert at.query_params["step"] == [shown] or at.query_params["step"] == shown


def test_presentation_scorecard_lists_every_kpi(isolated_store):
    """The first step's table has a row per KPI with realised value and status words."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/presentation.py").run()
    html = " ".join(m.value for m in at.markdown)
    text = re.sub(r'<span class="present-word">([^<]*)</span>', r"\1", html)  # words that never break inside
    for kpi in KPIS:
        assert f"<b>{kpi.short('nl')}</b>" in text
    assert '<b>Handelsmissies</b></td><td class="num">16</td>' in text
    assert '<span class="present-word">Matchmaking-gesprekken</span>' in html
    assert "✖ Niet behaald" in html


def test_presentation_kpi_without_plan_target_has_no_plan_row(isolated_store):
    """Registered services (no target anywhere) shows no cumulative block and one chart without a plan row."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["step"] = str(len(KPIS) + 1)
    at.switch_page("pages/presentation.py").run()
    html = " ".join(m.value for m in at.markdown)
    assert 'class="present-title">Geregistreerde services<' in html
    assert "Cumulatief" not in html
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert "Plandoel" not in charts[0].proto.spec and "Cumulatief" not in charts[0].proto.spec


def test_presentation_next_moves_one_step(isolated_store):
    """Next puts step+1 in the URL and shows the first KPI after the scorecard."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/presentation.py").run()
    at.button(key="present.next").click().run()
    assert at.query_params["step"] == "2"
    assert f'class="present-title">{KPIS[0].short("nl")}<' in " ".join(m.value for m in at.markdown)


def seed_commentary(store_dir, notes: dict[str, str], lang: str = "nl") -> None:
    """Save a store version with commentary for YEAR in `lang` (the demo data otherwise)."""
    store = FolderStore(store_dir)
    current = store.seed_demo()
    table = store.load(current).commentary
    for kpi, text in notes.items():
        table = set_commentary(table, kpi, YEAR, lang, text)
    store.save(current, commentary=table, action="commentary", description="test commentary", actor=local_actor())


NOTE = "Drie van de acht missies gingen naar Duitsland; de matchmaking bleef achter bij het doel."


def test_commentary_reaches_the_group_page_and_the_presentation(isolated_store):
    """Commentary saved in the store shows on its group page (as text) and under its KPI in presentation mode."""
    seed_commentary(isolated_store, {"missions": NOTE})
    at = _board()
    assert any(NOTE in x.value for x in at.text)
    present = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    present.query_params["step"] = "2"
    present.switch_page("pages/presentation.py").run()
    assert not present.exception
    assert f'class="present-note">{NOTE}<' in " ".join(m.value for m in present.markdown)
