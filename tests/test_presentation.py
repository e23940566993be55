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
    """Step 8 (registered services, no target): the chart's only heading line is the note that it has no target,
    written as page text (it wraps on a phone, a Plotly title would be cut), the chart itself untitled."""
    html, layout = _step(8, "nl")
    assert 'class="present-title">Geregistreerde services<' in html
    assert 'present-chart-note">Voor deze KPI is geen doel vastgesteld.</div>' in html
    assert _title_text(layout) == ""


def test_projector_chart_writes_each_name_above_its_bar(demo_activities, demo_targets):
    """The matchmaking step's chart (2018): six bars, their names as y labels inside the plot above each bar (the bar
    in the lower part of its row, 0.02 to 0.40 of a category), no value axis labels, the figure no taller than six
    rows of 22 px type need (20 + 8 + 6 x 22 x 2.8 = 398 px); the pack's own chart keeps its names left of the bars."""
    from kpi.boardpack.chartspec import kpi_chart
    from ui.board_views import projector_figure

    rows = describe(demo_activities, demo_targets, 2018, lang="nl").rows
    row = next(r for r in rows if r.key == "matchmaking_meetings")
    chart = kpi_chart(row, 2018, "nl")
    figure = projector_figure(chart, "nl", 420)
    (bars,) = figure.data
    assert list(bars.y) == [
        "Gerealiseerd 2018",
        "Verwacht tot nu",
        "Jaardoel 2018",
        "Cumulatief '17-'18",
        "Verwacht plan",
        "Plandoel '17-'20",
    ]
    assert list(bars.text) == ["211", "300", "300", "605", "600", "1.200"]
    assert (bars.offset, bars.width) == pytest.approx((0.02, 0.38))
    assert figure.layout.yaxis.ticklabelposition == "inside top"
    assert figure.layout.xaxis.showticklabels is False and figure.layout.xaxis.title.text is None
    assert figure.layout.height == 398 and figure.layout.margin.l == 0
    assert projector_figure(chart, "nl", 330).layout.height == 330  # a commentary above leaves less room
    pack_chart = bar_figure(chart, "nl")
    assert pack_chart.layout.yaxis.ticklabelposition is None and pack_chart.data[0].offset is None


def test_pack_and_preview_charts_keep_their_titles(demo_activities, demo_targets):
    """The pack's own charts (the Board preview, PPTX and PDF draw them) keep their titles: the one-KPI page's chart
    is titled with the KPI under the page title 'Voorlichting'."""
    pack = describe(demo_activities, demo_targets, 2018, lang="nl")
    page = next(p for p in pack.pages if p.title == "Voorlichting")
    (chart,) = page.charts
    assert chart.title == "Informatiebijeenkomsten"
    assert bar_figure(chart, "nl").layout.title.text == "Informatiebijeenkomsten"


def test_plan_block_names_the_years_so_far_as_the_chart_does(isolated_store):
    """Step 2 (trade missions, 2018): the plan block says the cumulative covers '17-'18 against the '17-'20 plan
    target (24 / 24-32), the years its chart's bar names, not '17-'20 for both."""
    html, _ = _step(2, "nl")
    label = "Cumulatief &#x27;17-&#x27;18 / plandoel &#x27;17-&#x27;20"
    assert f'<div class="present-label">{label}</div><div class="present-sub">24 / 24-32</div>' in html


def test_phone_labels_name_each_figure_column_and_stay_inside_their_css_string():
    """The phone scorecard's labels: one rule per column after the KPI's, quotes and backslashes escaped, a '<'
    written as a CSS escape (so no text can end the style block), line breaks as spaces; detail rows get none."""
    from ui.board_views import _phone_labels

    css = _phone_labels(("KPI", "Gerealiseerd '18", 'a"b\\c</style>\nd'))
    assert "nth-child(1)" not in css
    assert 'tr:not(.detail) > td:nth-child(2)::before {content: "Gerealiseerd \'18";}' in css
    assert 'td:nth-child(3)::before {content: "a\\"b\\\\c\\3c /style> d";}' in css
    assert css.count("</style>") == 1 and css.startswith("<style>@media (max-width: 640px) {")
