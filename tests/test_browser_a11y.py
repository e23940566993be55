"""WCAG 2.1 AA in real Chromium: axe-core finds nothing on any page, in Dutch and English, with filters, in
presentation mode at 1920x1080; the main tasks work with the keyboard alone and the focus is visible."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pptx import Presentation
from pypdf import PdfReader

from kpi.i18n import t
from kpi.registry import KPIS, get_kpi
from tests.browser import wait_for_app_run

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()  # axe-core as bundled in the package (no network)
PAGES = ("", "missions", "trends", "services", "board", "presentation", "data")
FILTERED = (  # filters applied, and selections with nothing in them
    "missions?years=2018-2018&countries=DE&directions=outgoing",
    "missions?countries=US&directions=incoming",  # every US mission is outgoing: an empty selection
    "trends?kpi=matchmaking_meetings&period=quarter&breakdown=country&style=lines",
    "board?years=2018-2018&countries=CN",
    "board?countries=US&directions=incoming",
    "?year=2017&asof=2017-06-30",
)
# The focused element, and the focus ring a sighted user sees: its own outline, or (for an input hidden inside a
# drawn control, like a slider thumb) the outline of the nearest ancestor that is drawn.
ACTIVE = """() => { const e = document.activeElement; if (!e) return null;
  let ring = e; while (ring.parentElement && ring.getBoundingClientRect().width < 4) ring = ring.parentElement;
  const style = getComputedStyle(ring);
  return {tag: e.tagName, role: e.getAttribute('role'), label: e.getAttribute('aria-label') || '',
          text: (e.innerText || e.value || '').trim().slice(0, 80), outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth), colour: style.outlineColor}; }"""


def url_for(base: str, path: str, lang: str) -> str:
    """The page's URL, in English when `lang` is en (Dutch is the default)."""
    if lang == "nl":
        return f"{base}/{path}"
    return f"{base}/{path}{'&' if '?' in path else '?'}lang=en"


def violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it stands, printed so a failure says what."""
    result = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = result.response["violations"]
    for v in found:
        print(f"{page.url}: {v['id']} ({v['impact']}) {v['help']}")
        for node in v["nodes"]:
            print("   ", node["target"], "|", (node.get("failureSummary") or "").replace("\n", " "))
    return found


def scan(page: Page, url: str, lang: str) -> None:
    """Open `url`, check the document language, and assert that axe finds nothing."""
    page.goto(url)
    wait_for_app_run(page)
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=TIMEOUT)
    assert violations(page) == []


@pytest.fixture()
def app(page: Page, app_url):
    """The browser page at 1440x900 (an auditor's screen), after the app's root has run once."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app_url)
    wait_for_app_run(page)
    return page


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_violations(app, app_url, path, lang):
    """Every page, in Dutch and English: zero axe violations and <html lang> set to the page's language."""
    scan(app, url_for(app_url, path, lang), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", FILTERED)
def test_filtered_views_have_no_violations(app, app_url, path, lang):
    """Filters applied, including selections without missions: zero axe violations."""
    scan(app, url_for(app_url, path, lang), lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_presentation_at_1920_has_no_violations(page: Page, app_url, lang):
    """Presentation mode at 1920x1080, every step (scorecard and each KPI): zero axe violations."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_url)
    wait_for_app_run(page)
    for step in range(1, len(KPIS) + 2):
        scan(page, url_for(app_url, f"presentation?year=2018&step={step}", lang), lang)


def test_charts_have_text_alternatives_and_tables(app, app_url):
    """A board preview chart has an accessible name with its key figures and a table of them under "figures"."""
    app.goto(f"{app_url}/board?lang=en")
    wait_for_app_run(app)
    app.get_by_role("tab", name=re.compile("Missions and matchmaking")).click()
    wait_for_app_run(app, charts=True)
    # the group's percent-of-target chart: 16 of 6 = 267 %, 124 of 60 = 207 %, 211 of 300 = 70 % (the 2018 report),
    # each with its status at the year's end: above the maximum (8; 60) exceeded, below the minimum missed
    alt = (
        "Year 2018: % of annual target: Trade missions: 16 of 6-8 · 267%, exceeded; Companies in missions: 124 of 60 "
        "· 207%, exceeded; Matchmaking conversations: 211 of 300 · 70%, missed."
    )
    expect(app.get_by_role("figure", name=re.compile("^" + re.escape(alt)))).to_be_visible()
    expect(app.get_by_text(alt).first).to_be_visible()  # the caption under the chart
    app.get_by_text(t("a11y.show_data", "en")).first.click()  # the year chart's figures
    table = app.get_by_role("table", name=re.compile("^Year 2018: % of annual target"))
    expect(table).to_be_visible()
    # the row header is the KPI's name alone; its figures, % and status each in their own cell
    row = table.get_by_role("row", name=re.compile("Matchmaking conversations"))
    expect(row.get_by_role("rowheader")).to_have_text("Matchmaking conversations")
    expect(row.get_by_role("cell")).to_have_text(["211", "300", "70%", "Missed"])


def test_presentation_chart_is_described_for_screen_readers(page: Page, app_url):
    """At the matchmaking step the chart's sentence and figures are in the page for screen readers."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_url)
    wait_for_app_run(page)
    step = 2 + [k.key for k in KPIS].index("matchmaking_meetings")
    page.goto(f"{app_url}/presentation?year=2018&step={step}")
    wait_for_app_run(page, charts=True)
    table = page.get_by_role(
        "table", name=re.compile("^Matchmaking-gesprekken 2018: 211 van de 300 beoogd, niet behaald")
    )
    expect(table).to_be_attached()
    assert "Jaardoel 2018" in table.inner_text()


def press_tab_until(page: Page, matches, limit: int = 80, key: str = "Tab") -> dict:
    """Press Tab (only the keyboard) until the focused element satisfies `matches`; return its description."""
    for _ in range(limit):
        page.keyboard.press(key)
        active = page.evaluate(ACTIVE)
        if active and matches(active):
            return active
    raise AssertionError(f"no focusable element matched within {limit} presses of {key}")


def test_missions_by_keyboard_only(app, app_url, artifacts_dir):
    """Keyboard only: narrow the years to 2018 with the slider and pick Germany; the figures follow (6 missions)."""
    app.goto(f"{app_url}/missions")
    wait_for_app_run(app, charts=True)
    start = t("dash.years", "nl")
    active = press_tab_until(app, lambda a: a["label"].startswith(start))
    assert active["width"] >= 2 and active["outline"] != "none"  # the focus ring shows
    app.screenshot(path=str(artifacts_dir / "a11y-focus-slider.png"))
    app.keyboard.press("ArrowRight")  # the start of the range: 2017 -> 2018
    app.wait_for_function("() => location.search.includes('years=2018-2018')", timeout=TIMEOUT)
    wait_for_app_run(app, charts=True)
    country = t("dash.filter.countries", "nl")
    press_tab_until(app, lambda a: a["label"] == country)
    app.keyboard.type("Duitsland")
    app.keyboard.press("Enter")
    app.keyboard.press("Escape")
    app.wait_for_function("() => location.search.includes('countries=DE')", timeout=TIMEOUT)
    wait_for_app_run(app, charts=True)
    app.screenshot(path=str(artifacts_dir / "a11y-keyboard-missions.png"))
    card = app.locator('[data-testid="stMetric"]').filter(has_text=get_kpi("missions").short("nl")).first
    assert card.locator('[data-testid="stMetricValue"]').inner_text().strip() == "6"


def test_presentation_by_keyboard_only(page: Page, app_url, artifacts_dir):
    """Keyboard only: the arrow keys and the focused ◀/▶ buttons step through the presentation."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_url)
    wait_for_app_run(page)
    page.goto(f"{app_url}/presentation?year=2018")
    wait_for_app_run(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('step=2')", timeout=TIMEOUT)
    wait_for_app_run(page, charts=True)
    next_label = t("present.next", "nl")
    active = press_tab_until(page, lambda a: a["tag"] == "BUTTON" and next_label in a["text"])
    assert active["width"] >= 2 and active["outline"] != "none"
    page.screenshot(path=str(artifacts_dir / "a11y-focus-present-next.png"))
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('step=3')", timeout=TIMEOUT)
    wait_for_app_run(page, charts=True)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('step=2')", timeout=TIMEOUT)
    wait_for_app_run(page, charts=True)


def test_board_pack_by_keyboard_only(app, app_url, artifacts_dir):
    """Keyboard only: build the pack on the Board page and download the PDF and the PowerPoint."""
    app.set_viewport_size({"width": 1600, "height": 1000})
    app.goto(f"{app_url}/board?lang=en")
    wait_for_app_run(app)
    build = t("board.generate", "en")
    press_tab_until(app, lambda a: a["tag"] == "BUTTON" and build in a["text"])
    app.keyboard.press("Enter")
    expect(app.get_by_role("button", name=t("board.download_pdf", "en"))).to_be_visible(timeout=TIMEOUT)
    wait_for_app_run(app)
    pdf_label = t("board.download_pdf", "en")
    active = press_tab_until(app, lambda a: a["tag"] == "BUTTON" and pdf_label in a["text"], limit=150)
    assert active["width"] >= 2 and active["outline"] != "none"
    app.screenshot(path=str(artifacts_dir / "a11y-focus-download.png"))
    with app.expect_download(timeout=TIMEOUT) as pdf:
        app.keyboard.press("Enter")
    reader = PdfReader(io.BytesIO(Path(pdf.value.path()).read_bytes()))
    assert reader.metadata.title == "KPI report 2018"
    app.keyboard.press("Tab")
    assert t("board.download_pptx", "en") in app.evaluate(ACTIVE)["text"]
    with app.expect_download(timeout=TIMEOUT) as pptx:
        app.keyboard.press("Enter")
    assert len(Presentation(io.BytesIO(Path(pptx.value.path()).read_bytes())).slides) == len(reader.pages)


@pytest.mark.parametrize("path", ["", "missions", "trends", "services", "board?lang=en", "presentation?step=4"])
def test_every_chart_has_a_text_alternative_and_a_table(app, app_url, path):
    """Each drawn chart has an accessible name with figures in it, and a table of its figures in the page."""
    app.goto(f"{app_url}/{path}")
    wait_for_app_run(app, charts=not path.startswith("board"))  # the board's first tab, the title page, has no chart
    charts = app.locator('[data-testid="stPlotlyChart"]')
    assert charts.count() >= 1
    for n in range(charts.count()):
        name = charts.nth(n).get_attribute("aria-label") or ""
        assert re.search(r"\d", name), f"chart {n} on /{path}: {name!r}"
    tables = app.locator("table.chart-data")
    assert tables.count() >= charts.count()  # the board preview also holds the charts of its other tabs
    names = [tables.nth(n).locator("caption").text_content() for n in range(tables.count())]
    for n in range(charts.count()):
        assert charts.nth(n).get_attribute("aria-label") in names
