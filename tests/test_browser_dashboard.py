"""The dashboard in a real browser (Debian's Chromium): pages draw, filters redraw charts, links reopen views."""

from __future__ import annotations

import re

import pytest

from kpi.engine import kpi_table
from kpi.exports import csv_bytes
from kpi.i18n import t
from kpi.registry import get_kpi
from kpi.report import report_frame
from tests.browser import chart_text, metric, wait_for_app_run

pytestmark = pytest.mark.browser

PAGES = {"overview": "", "missions": "missions", "trends": "trends", "services": "services"}
VIEWPORT = {"width": 1440, "height": 2200}
RENDER_TIMEOUT = 60_000


def chart_title(page, index: int = 0) -> str:
    """The title (with subtitle) of the n-th plotly chart."""
    return " ".join(page.locator(".js-plotly-plot").nth(index).locator(".gtitle, .gtitle-subtitle").all_text_contents())


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the multiselect labelled `label`."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


@pytest.fixture()
def app(page, app_url):
    """The browser page, after the app's root has run once (so the page routes are registered)."""
    page.set_viewport_size(VIEWPORT)
    page.goto(app_url)
    wait_for_app_run(page, charts=True)
    return page


@pytest.mark.parametrize("name", PAGES)
def test_each_page_draws(app, app_url, artifacts_dir, name):
    """Each dashboard page opens on its own URL, draws its charts, and is saved as a screenshot."""
    app.goto(f"{app_url}/{PAGES[name]}")
    wait_for_app_run(app, charts=True)
    assert app.locator(".js-plotly-plot").count() >= 1
    assert app.locator("h1").first.inner_text().strip()
    app.screenshot(path=str(artifacts_dir / f"dashboard-{name}.png"))


def test_filter_redraws_and_link_reopens_the_view(app, app_url, browser, artifacts_dir):
    """Choosing China for 2018 redraws the missions (4: 3 in, 1 out); the copied URL reopens that view."""
    app.goto(f"{app_url}/missions?years=2018-2018")
    wait_for_app_run(app, charts=True)
    missions = get_kpi("missions").short("nl")
    before_value, before_title = metric(app, missions), chart_title(app)
    assert before_value == "16"
    pick(app, t("dash.filter.countries", "nl"), "China")
    app.wait_for_function("() => location.search.includes('countries=CN')", timeout=RENDER_TIMEOUT)
    app.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle')]"
        ".some(e => e.textContent.includes('China'))",
        timeout=RENDER_TIMEOUT,
    )
    wait_for_app_run(app, charts=True)
    assert metric(app, missions) == "4"
    assert metric(app, t("dash.missions.incoming", "nl")) == "3"
    assert metric(app, t("dash.missions.outgoing", "nl")) == "1"
    after_title = chart_title(app)
    assert after_title != before_title and "China" in after_title
    assert "Duitsland" not in chart_text(app)  # the country chart now shows China only
    app.screenshot(path=str(artifacts_dir / "dashboard-missions-china.png"))

    link = app.url
    fresh = browser.new_context(viewport=VIEWPORT).new_page()
    try:
        fresh.goto(link)
        wait_for_app_run(fresh, charts=True)
        assert metric(fresh, missions) == "4"
        chips = fresh.locator('[data-testid="stMultiSelect"]').filter(has_text=t("dash.filter.countries", "nl"))
        assert "China" in chips.first.inner_text()
        assert "China" in chart_title(fresh)
    finally:
        fresh.context.close()


def test_page_switch_keeps_filters_and_language(app, app_url):
    """Filters and the language survive going to another page and back through the navigation."""
    app.goto(f"{app_url}/missions?lang=en&countries=DE&directions=outgoing&years=2018-2018")
    wait_for_app_run(app, charts=True)
    missions = get_kpi("missions").short("en")
    assert metric(app, missions) == "5"
    nav = app.locator('[data-testid="stSidebarNav"]')
    nav.get_by_text(t("page.overview", "en"), exact=True).click()
    app.wait_for_function("() => location.pathname === '/' || location.pathname.endsWith('/')")
    wait_for_app_run(app, charts=True)
    assert "International business" in app.locator("h1").first.inner_text()
    nav.get_by_text(t("page.missions", "en"), exact=True).click()
    app.wait_for_function("() => location.pathname.endsWith('/missions')")
    app.wait_for_function("() => location.search.includes('countries=DE')", timeout=RENDER_TIMEOUT)
    wait_for_app_run(app, charts=True)
    assert metric(app, missions) == "5"
    assert re.search(r"lang=en", app.url)


def test_language_switch_and_trend_breakdown(app, app_url, artifacts_dir):
    """English relabels the page; a breakdown by country changes the trend chart's title and traces."""
    app.goto(f"{app_url}/trends")
    wait_for_app_run(app, charts=True)
    before = chart_title(app)
    app.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    app.wait_for_function("() => location.search.includes('lang=en')", timeout=RENDER_TIMEOUT)
    wait_for_app_run(app, charts=True)
    assert app.locator("h1").first.inner_text().strip() == t("dash.trends.title", "en")
    app.get_by_text(t("breakdown.country", "en"), exact=True).click()
    app.wait_for_function("() => location.search.includes('breakdown=country')", timeout=RENDER_TIMEOUT)
    app.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .gtitle')]"
        ".some(e => e.textContent.includes('by country'))",
        timeout=RENDER_TIMEOUT,
    )
    wait_for_app_run(app, charts=True)
    after = chart_title(app)
    assert after != before and "by country" in after
    assert "Germany" in chart_text(app)  # the legend names countries in English
    app.screenshot(path=str(artifacts_dir / "dashboard-trends-country-en.png"))


def _click_center(page, locator) -> None:
    box = locator.bounding_box()  # plotly's drag layer takes the clicks, so click where the mark is drawn
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_bar_or_country_narrows_the_filter(app, app_url):
    """Clicking China's bar narrows the country only (direction untouched); clicking a country on the map narrows
    to it."""
    app.goto(f"{app_url}/missions?years=2018-2018")
    wait_for_app_run(app, charts=True)
    chart = app.locator(".js-plotly-plot").first
    ticks = chart.locator(".xtick text").all_text_contents()
    incoming = chart.locator(".trace.bars").nth(0).locator(".point")
    _click_center(app, incoming.nth(ticks.index("China")))
    app.wait_for_function("() => location.search.includes('countries=CN')", timeout=RENDER_TIMEOUT)
    wait_for_app_run(app, charts=True)
    assert "directions" not in app.url
    assert metric(app, get_kpi("missions").short("nl")) == "4"

    app.goto(f"{app_url}/missions?years=2018-2018")
    wait_for_app_run(app, charts=True)
    world = app.locator(".js-plotly-plot").nth(2)
    _click_center(app, world.locator(".choroplethlocation").first)
    app.wait_for_function("() => location.search.includes('countries=')", timeout=RENDER_TIMEOUT)
    wait_for_app_run(app, charts=True)
    assert len(app.locator(".js-plotly-plot").nth(2).locator(".choroplethlocation").all()) == 1


def test_overview_downloads(app, app_url, tmp_path, demo_activities, demo_targets):
    """The overview's CSV and Excel buttons download the report's table for the year in the URL."""
    app.goto(f"{app_url}/?year=2018")
    wait_for_app_run(app, charts=True)
    with app.expect_download() as csv_download:
        app.get_by_role("button", name=t("dash.download_csv", "nl")).click()
    csv_path = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(csv_path)
    expected = report_frame(kpi_table(demo_activities, demo_targets, 2018), demo_targets, 2018, "nl")
    assert csv_path.name.startswith("kpi-2018") and csv_path.read_bytes() == csv_bytes(expected)
    with app.expect_download() as xlsx_download:
        app.get_by_role("button", name=t("dash.download_xlsx", "nl")).click()
    xlsx_path = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx_path)
    assert xlsx_path.suffix == ".xlsx" and xlsx_path.read_bytes()[:2] == b"PK"
