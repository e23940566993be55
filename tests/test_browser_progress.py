"""Progress views in Chromium: 30 June 2018, plan years without data, refused link values, a phone-wide Overview."""

from __future__ import annotations

import pytest

from kpi.i18n import t
from kpi.registry import get_kpi
from tests.browser import chart_text, metric, wait_for_app_run

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 2400}
PHONE = {"width": 390, "height": 844}


def _card(page, kpi: str, lang: str = "nl"):
    """The bordered card of a KPI on the Overview."""
    return page.locator(f'[class*="st-key-overview-card-{kpi}"]').first


def _warning(page) -> str:
    return " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())


def test_overview_30_june_2018(page, app_url, artifacts_dir):
    """30 June 2018: each card shows the value expected by then; status word, badge and delta agree in colour."""
    page.set_viewport_size(WIDE)
    page.goto(f"{app_url}/?year=2018&asof=2018-06-30")
    wait_for_app_run(page, charts=True)
    matchmaking = _card(page, "matchmaking_meetings")
    text = matchmaking.inner_text()
    assert "Verwacht t/m 30 juni: 149" in text and "naar rato van de tijd" in text
    assert t("status.at_risk", "nl") in text and "Prognose eind 2018: 266" in text
    assert "−17 t.o.v. verwacht" in text
    # The at-risk card's badge is orange, like its delta; an on-track card's is blue.
    badge = matchmaking.locator("span.stMarkdownBadge").first
    delta = matchmaking.locator('[data-testid="stMetricDelta"]').first
    assert badge.evaluate("e => getComputedStyle(e).color") == delta.evaluate("e => getComputedStyle(e).color")
    scans = _card(page, "partner_scans")
    assert t("status.on_track", "nl") in scans.inner_text()
    scans_delta = scans.locator('[data-testid="stMetricDelta"]').first
    assert scans_delta.evaluate("e => getComputedStyle(e).color") != delta.evaluate("e => getComputedStyle(e).color")
    assert metric(page, get_kpi("matchmaking_meetings").short("nl")) == "132"
    page.screenshot(path=str(artifacts_dir / "progress-overview-2018-06-30.png"), full_page=True)


def test_overview_plan_year_without_data(page, app_url, artifacts_dir):
    """?year=2019 shows 2019 (no warning): zero this year, the cumulative and the plan's expected value."""
    page.set_viewport_size(WIDE)
    page.goto(f"{app_url}/?year=2019")
    wait_for_app_run(page, charts=True)
    assert "year=2019" in page.url and not _warning(page)
    assert metric(page, get_kpi("missions").short("nl")) == "0"
    assert "MJP 2017-2020: 605 van 1.200, verwacht 900" in _card(page, "matchmaking_meetings").inner_text()
    page.screenshot(path=str(artifacts_dir / "progress-overview-2019.png"), full_page=True)


def test_overview_year_outside_every_plan(page, app_url, artifacts_dir):
    """?year=1999 names the ignored year in a notice; the address bar is rewritten to the year shown."""
    page.set_viewport_size(WIDE)
    page.goto(f"{app_url}/?year=1999&lang=en")
    wait_for_app_run(page, charts=True)
    assert "year = 1999 (shown: 2018)" in _warning(page)
    page.wait_for_url("**year=2018**")
    wait_for_app_run(page, charts=True)
    page.screenshot(path=str(artifacts_dir / "progress-overview-1999.png"), full_page=False)


def test_missions_link_with_a_bad_country(page, app_url, artifacts_dir):
    """A Missions link with countries=XX names XX, shows all missions and drops it from the address bar."""
    page.set_viewport_size(WIDE)
    page.goto(f"{app_url}/missions?years=2018-2018&countries=XX&countries=CN")
    wait_for_app_run(page, charts=True)
    assert "countries = XX (getoond: China)" in _warning(page)
    assert "XX" not in page.url and "countries=CN" in page.url
    assert metric(page, get_kpi("missions").short("nl")) == "4"
    assert "China" in chart_text(page, 0)
    page.screenshot(path=str(artifacts_dir / "progress-missions-bad-country.png"), full_page=True)


def test_overview_on_a_phone(page, app_url, artifacts_dir):
    """390 px wide: the cards stack, nothing overflows sideways, the charts are drawn."""
    page.set_viewport_size(PHONE)
    page.goto(f"{app_url}/?year=2018&asof=2018-06-30")
    wait_for_app_run(page, charts=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert "Verwacht t/m 30 juni" in _card(page, "matchmaking_meetings").inner_text()
    page.screenshot(path=str(artifacts_dir / "progress-overview-390px.png"), full_page=True)
    for n, name in enumerate(("plan", "annual")):
        page.locator(".js-plotly-plot").nth(n).scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"progress-overview-390px-{name}.png"))


MARKUP_NOTE = "**Vet** [klik](http://evil.example/a) ![beeld](http://evil.example/i.png) <b>html</b> :red[rood]"
MARKUP_THEME = '<a href="http://evil.example/t">Evil</a> & <i>co</i>'


@pytest.fixture()
def markup_app_url(tmp_path):
    """A server whose store holds Markdown/HTML in a commentary and in a 2018 mission's theme."""
    from kpi.access import local_actor
    from kpi.commentary import set_commentary
    from kpi.store import FolderStore
    from tests.conftest import start_streamlit

    store = FolderStore(tmp_path / "store")
    current = store.seed_demo()
    snapshot = store.load(current)
    activities = snapshot.activities.copy()
    themes = activities["theme"].cat.add_categories([MARKUP_THEME])
    row = activities.index[(activities["activity_type"] == "mission") & (activities["year"] == 2018)][0]
    themes[row] = MARKUP_THEME
    activities["theme"] = themes
    commentary = set_commentary(snapshot.commentary, "matchmaking_meetings", 2018, "nl", MARKUP_NOTE)
    store.save(
        current,
        activities=activities,
        commentary=commentary,
        action="edit",
        description="markup test",
        actor=local_actor(),
    )
    proc, url = start_streamlit(tmp_path / "store")
    yield url
    proc.terminate()
    proc.wait(10)


def test_user_text_is_shown_as_text(page, markup_app_url, artifacts_dir):
    """Markdown and HTML in commentary and themes show as typed: no link, image or formatting appears."""
    page.set_viewport_size(WIDE)
    page.goto(f"{markup_app_url}/?year=2018")
    wait_for_app_run(page, charts=True)
    card = _card(page, "matchmaking_meetings").inner_text()
    assert "**Vet** [klik](http://evil.example/a) ![beeld](http://evil.example/i.png) <b>html</b> :red[rood]" in card
    page.goto(f"{markup_app_url}/missions?years=2018-2018")
    wait_for_app_run(page, charts=True)
    assert '<a href="http://evil.…' in chart_text(page, 1)  # as typed, shortened on the axis
    page.screenshot(path=str(artifacts_dir / "progress-markup-as-text.png"), full_page=True)
    for address in (f"{markup_app_url}/?year=2018", f"{markup_app_url}/missions?years=2018-2018"):
        page.goto(address)
        wait_for_app_run(page, charts=True)
        assert page.locator('a[href*="evil.example"]').count() == 0
        assert page.locator('img[src*="evil.example"]').count() == 0
        assert (
            page.locator('[data-testid="stMain"] b, [data-testid="stMain"] strong').filter(has_text="html").count() == 0
        )
