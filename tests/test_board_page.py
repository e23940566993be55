"""The Board page and presentation mode driven in AppTest (no browser)."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from kpi.boardpack import describe
from kpi.commentary import set_commentary
from kpi.i18n import t
from kpi.registry import KPIS
from kpi.access import local_actor
from kpi.store import Store
from tests.conftest import ROOT

YEAR = 2018


def _board() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_preview_lists_every_page_of_the_pack(isolated_store, demo_activities, demo_targets):
    """One preview tab per pack page, titled like the pack's pages, in Dutch by default."""
    at = _board()
    pack = describe(demo_activities, demo_targets, YEAR, dt.date(YEAR, 12, 31), "nl", version="x")
    assert [tab.label for tab in at.tabs] == [f"{n}. {p.title}" for n, p in enumerate(pack.pages, start=1)]
    assert at.title[0].value == t("board.page_title", "nl")


def test_pack_language_switches_the_preview(isolated_store):
    """Choosing English for the pack titles the preview's pages in English while the page stays Dutch."""
    at = _board()
    at.button_group(key="board.packlang").set_value("en").run()
    assert not at.exception
    assert at.tabs[0].label == f"1. {t('board.pack_title', 'en', year=YEAR)}"
    assert at.title[0].value == t("board.page_title", "nl")


def test_build_offers_both_downloads_until_the_choice_changes(isolated_store):
    """Building shows a progress bar and both downloads; another language hides the stale files."""
    at = _board()
    assert not at.get("download_button")
    at.button(key="board.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("progress")
    urls = {b.key: b.proto.url for b in at.get("download_button")}
    assert urls["board.download.pdf"].endswith(".pdf") and urls["board.download.pptx"].endswith(".pptx")
    at.button_group(key="board.packlang").set_value("en").run()
    assert not at.get("download_button")


@pytest.mark.parametrize("step", ["1", "4", "99", "x"])
def test_presentation_step_from_the_url(isolated_store, step):
    """Presentation shows the KPI of ?step= (clamped to 1..7, 1 when malformed) and hides the sidebar."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["step"] = step
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    expected = min(int(step), len(KPIS)) if step.isdigit() else 1
    html = " ".join(m.value for m in at.markdown)
    assert f'class="present-title">{KPIS[expected - 1].short("nl")}<' in html
    assert 'section[data-testid="stSidebar"]' in html and "display: none" in html
    assert at.button(key="present.previous").disabled == (expected == 1)
    assert at.button(key="present.next").disabled == (expected == len(KPIS))


def test_presentation_next_moves_one_step(isolated_store):
    """Next puts step+1 in the URL and shows the next KPI."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/presentation.py").run()
    at.button(key="present.next").click().run()
    assert at.query_params["step"] == "2"
    assert f'class="present-title">{KPIS[1].short("nl")}<' in " ".join(m.value for m in at.markdown)


def seed_commentary(store_dir, notes: dict[str, str], lang: str = "nl") -> None:
    """Save a store version with commentary for YEAR in `lang` (the demo data otherwise)."""
    store = Store(store_dir)
    current = store.ensure()
    table = store.load(current).commentary
    for kpi, text in notes.items():
        table = set_commentary(table, kpi, YEAR, lang, text)
    store.save(current, commentary=table, action="commentary", description="test commentary", actor=local_actor())


NOTE = "Drie van de acht missies gingen naar Duitsland; de matchmaking bleef achter bij het doel."


def test_commentary_reaches_the_preview_and_the_presentation(isolated_store):
    """Commentary saved in the store gets its own pack page and shows under its KPI in presentation mode."""
    seed_commentary(isolated_store, {"missions": NOTE})
    at = _board()
    title = t("board.commentary_group", "nl", group=t("board.group.missions", "nl"))
    assert any(tab.label.endswith(title) for tab in at.tabs)
    present = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    present.switch_page("pages/presentation.py").run()
    assert not present.exception
    assert f'class="present-note">{NOTE}<' in " ".join(m.value for m in present.markdown)
