"""Plans, target revisions and one mission edited in real Chromium, each seen on the Overview afterwards."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import wait_for_app_run
from tests.conftest import running_streamlit

expect.set_options(timeout=30_000)  # a shared machine: a rerun may take seconds


@pytest.fixture(scope="module")
def edit_url(tmp_path_factory):
    """A real Streamlit server on a store of its own (these tests save versions; others must not see them)."""
    with running_streamlit(tmp_path_factory.mktemp("editing-store")) as url:
        yield url


def _data_tab(page: Page, url: str, tab: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(url)  # the entry page first: a fresh server routes a page URL without st.navigation
    wait_for_app_run(page)
    page.goto(f"{url}/data")
    wait_for_app_run(page)
    page.get_by_role("tab", name=tab).click()
    wait_for_app_run(page)


def _card(page: Page, kpi: str):
    return page.locator(f'[class*="st-key-overview-card-{kpi}"]').first


def _type(page: Page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")
    wait_for_app_run(page)


def _pick(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.keyboard.type(option[:6])  # long lists are virtual: filter first so the option is drawn
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app_run(page)


@pytest.mark.browser
def test_add_annual_plan_2019(page: Page, edit_url, artifacts_dir):
    """A new annual plan: 2019 and 'AP 2019' proposed; a bad cell shows its problem beside it; saved, it is on the
    Overview of 2019."""
    _data_tab(page, edit_url, "Plannen en doelen")
    _pick(page, "Plan", "Nieuw plan toevoegen …")
    expect(page.get_by_label("Label", exact=True)).to_have_value("AP 2019")
    _type(page, "Handelsmissies Min", "10")
    _type(page, "Handelsmissies Max", "8")
    expect(page.get_by_text("Max: Het maximum is kleiner dan het minimum.", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Plan en doelen opslaan")).to_have_count(0)
    page.screenshot(path=str(artifacts_dir / "editing-plan-problem.png"), full_page=True)
    _type(page, "Handelsmissies Min", "8")
    _type(page, "Handelsmissies Max", "10")
    page.get_by_role("button", name="Plan en doelen opslaan").click()
    wait_for_app_run(page)
    expect(page.get_by_text(re.compile(r"Opgeslagen als versie v\d+\."))).to_be_visible()
    page.goto(f"{edit_url}/?year=2019")
    wait_for_app_run(page)
    expect(_card(page, "missions")).to_contain_text("8-10")
    page.screenshot(path=str(artifacts_dir / "editing-plan-overview.png"), full_page=True)


@pytest.mark.browser
def test_revise_target_with_a_reason(page: Page, edit_url, artifacts_dir):
    """AP 2018 matchmaking 300 -> 210-250 asks for a reason; saved, the Overview says 'Behaald' and names it."""
    _data_tab(page, edit_url, "Plannen en doelen")
    _pick(page, "Plan", "AP 2018")
    _type(page, "Matchmaking-gesprekken Min", "210")
    _type(page, "Matchmaking-gesprekken Max", "250")
    expect(
        page.get_by_text("Een bestaand doel is gewijzigd, maar er is geen reden opgegeven.", exact=False)
    ).to_be_visible()
    _type(page, "Reden van de herziening", "extra budget")
    page.get_by_role("button", name="Plan en doelen opslaan").click()
    wait_for_app_run(page)
    expect(page.get_by_text(re.compile(r"Opgeslagen als versie v\d+\."))).to_be_visible()
    page.get_by_role("tab", name="Plannen en doelen").click()
    revision = re.compile(r"doel AP 2018 matchmaking-gesprekken herzien op \d+ \w+ \d{4} van 300 naar 210-250: "
                          r"extra budget; door lokaal")  # fmt: skip
    expect(page.get_by_text(revision).first).to_be_visible()
    page.goto(f"{edit_url}/?year=2018")
    wait_for_app_run(page)
    expect(_card(page, "matchmaking_meetings")).to_contain_text("Behaald")
    expect(page.get_by_text(revision)).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "editing-revision-overview.png"), full_page=True)


@pytest.mark.browser
def test_add_and_correct_one_mission(page: Page, edit_url, artifacts_dir):
    """One mission added in the form (mission fields, country by name), then its company count corrected; each
    is on the Overview of 2019."""
    _data_tab(page, edit_url, "Eén activiteit")
    expect(page.get_by_text("Richting")).to_be_visible()  # a mission: its own fields
    _pick(page, "Soort activiteit", "Bedrijfsbezoek")
    expect(page.get_by_text("Richting")).to_have_count(0)
    _pick(page, "Soort activiteit", "Handelsmissie")
    _type(page, "Activiteit-id", "M19-001")
    page.get_by_role("spinbutton", name="day, Datum").click()  # a date field of day, month and year parts
    page.keyboard.type("12032019")
    page.keyboard.press("Tab")
    wait_for_app_run(page)
    _type(page, "Titel", "Missie Beieren")
    _pick(page, "Richting", "Uitgaand")
    _pick(page, "Rol", "Lead-partner")
    _pick(page, "Land", "Duitsland")
    _type(page, "Bedrijven", "7")
    page.screenshot(path=str(artifacts_dir / "editing-mission-add.png"), full_page=True)
    expect(page.get_by_text("Wat er verandert")).to_be_visible()
    page.get_by_role("button", name="Activiteit opslaan").click()
    wait_for_app_run(page)
    expect(page.get_by_text(re.compile(r"Opgeslagen als versie v\d+\."))).to_be_visible()
    page.goto(f"{edit_url}/?year=2019")
    wait_for_app_run(page)
    expect(_card(page, "missions")).to_contain_text("1")
    expect(_card(page, "mission_companies").get_by_test_id("stMetricValue")).to_have_text("7")

    _data_tab(page, edit_url, "Eén activiteit")
    page.get_by_text("Activiteit corrigeren").click()
    wait_for_app_run(page)
    _pick(page, "Activiteit (id of titel)", "M19-001 · Missie Beieren")
    expect(page.get_by_label("Activiteit-id", exact=True)).to_be_disabled()
    _type(page, "Bedrijven", "9")
    expect(page.get_by_text("Wat er verandert")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "editing-mission-correct.png"), full_page=True)
    page.get_by_role("button", name="Activiteit opslaan").click()
    wait_for_app_run(page)
    expect(page.get_by_text(re.compile(r"Opgeslagen als versie v\d+\."))).to_be_visible()
    page.goto(f"{edit_url}/?year=2019")
    wait_for_app_run(page)
    expect(_card(page, "mission_companies").get_by_test_id("stMetricValue")).to_have_text("9")
