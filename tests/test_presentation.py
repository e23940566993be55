"""Presentation mode's charts: the step's heading names the KPI, so the chart under it carries no second title."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from kpi.boardpack import describe
from kpi.boardpack.preview import bar_figure
from tests.conftest import ROOT


def _step(step: int, lang: str) -> tuple[str, dict]:
    """The page's Markdown and its one chart's Plotly layout at presentation step `step` (2018)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["year"], at.query_params["step"], at.query_params["lang"] = "2018", str(step), lang
    at.switch_page("pages/presentation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    return " ".join(m.value for m in at.markdown), json.loads(charts[0].proto.spec)["layout"]


def _title_text(layout: dict) -> str:
    return (layout.get("title") or {}).get("text") or ""


@pytest.mark.parametrize("lang, heading", [("nl", "Handelsmissies"), ("en", "Trade missions")])
def test_kpi_step_chart_does_not_repeat_the_heading(isolated_store, lang, heading):
    """Step 2 (trade missions): the heading names the KPI once; the chart below has no title of its own."""
    html, layout = _step(2, lang)
    assert f'class="present-title">{heading}<' in html
    assert _title_text(layout) == ""
    assert "subtitle" not in layout.get("title", {})


def test_kpi_without_target_keeps_its_note_in_place_of_the_title(isolated_store):
    """Step 8 (registered services, no target): the chart's only heading line is the note that it has no target."""
    html, layout = _step(8, "nl")
    assert 'class="present-title">Geregistreerde services<' in html
    assert _title_text(layout) == "Voor deze KPI is geen doel vastgesteld."


def test_pack_and_preview_charts_keep_their_titles(demo_activities, demo_targets):
    """The pack's own charts (the Board preview, PPTX and PDF draw them) keep their titles: the one-KPI page's chart
    is titled with the KPI under the page title 'Voorlichting'."""
    pack = describe(demo_activities, demo_targets, 2018, lang="nl")
    page = next(p for p in pack.pages if p.title == "Voorlichting")
    (chart,) = page.charts
    assert chart.title == "Informatiebijeenkomsten"
    assert bar_figure(chart, "nl").layout.title.text == "Informatiebijeenkomsten"
