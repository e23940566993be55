"""Board page and presentation mode in Chromium: downloads that open, steps readable on a projector, nothing cut."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pptx import Presentation
from pypdf import PdfReader

from kpi.i18n import t
from kpi.registry import KPIS
from tests.browser import BAR_BOXES, LABEL_BOXES, overlapping, wait_for_app_run
from tests.conftest import start_streamlit
from tests.test_board_page import seed_commentary

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
SCREENS = {"1920": {"width": 1920, "height": 1080}, "1440": {"width": 1440, "height": 900}}
MIN_TITLE_PX = 44  # a KPI name must read from the back of a meeting room
MIN_VALUE_PX = 72
MIN_TOP_PX = 22  # the small line with the as-of date
STEPS = len(KPIS) + 1  # the scorecard, then one step per KPI
# Elements whose text must never be cut: text wider than its box, or a box outside the screen.
CUT_TEXT = """sel => Array.from(document.querySelectorAll(sel)).filter(e => {
  const r = e.getBoundingClientRect();
  return e.scrollWidth > e.clientWidth + 1 || r.right > window.innerWidth + 1 || r.left < -1;
}).map(e => e.textContent)"""
# Plotly text (ticks, bar labels, titles) outside its chart's box.
CUT_CHART_TEXT = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
  const box = plot.getBoundingClientRect();
  return Array.from(plot.querySelectorAll('text')).filter(t => t.textContent.trim()).filter(t => {
    const r = t.getBoundingClientRect();
    return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
  }).map(t => t.textContent);
})"""


def open_app(page: Page, app_url: str) -> None:
    """Load the entry page first: a fresh server hit on a page URL first routes without st.navigation."""
    page.goto(app_url)
    wait_for_app_run(page)


def test_board_downloads_open(page: Page, app_url, artifacts_dir):
    """Build on the Board page, then the downloads deliver a PDF and a PowerPoint with the same pages."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_app(page, app_url)
    page.goto(f"{app_url}/board")
    wait_for_app_run(page)  # the first preview tab is the title page: no chart visible
    page.get_by_role("button", name=t("board.generate", "nl")).click()
    pdf_button = page.get_by_role("button", name=t("board.download_pdf", "nl"))
    expect(pdf_button).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts_dir / "board-page.png"), full_page=True)
    with page.expect_download(timeout=TIMEOUT) as pdf_download:
        pdf_button.click()
    reader = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    assert "KPI-rapportage 2018" in reader.pages[0].extract_text()
    assert "Scorekaart 2018" in reader.pages[1].extract_text()
    with page.expect_download(timeout=TIMEOUT) as pptx_download:
        page.get_by_role("button", name=t("board.download_pptx", "nl")).click()
    prs = Presentation(io.BytesIO(Path(pptx_download.value.path()).read_bytes()))
    assert len(prs.slides) == len(reader.pages)
    assert pptx_download.value.suggested_filename.endswith(".pptx")


def test_board_years_slider_and_bad_country(page: Page, app_url, artifacts_dir):
    """A link with countries=XX shows a notice; the years slider starts on 2018 and widening it changes the pages."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_app(page, app_url)
    page.goto(f"{app_url}/board?countries=XX")
    wait_for_app_run(page)
    expect(page.get_by_text("Niet gebruikt, want onbekend in de gegevens")).to_be_visible()
    expect(page.get_by_role("tab", name=re.compile(r"Bijlage: missies 2018"))).to_have_count(2)
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("ArrowLeft")  # the lower handle from 2018 to 2017
    wait_for_app_run(page)
    expect(page.get_by_role("tab", name=re.compile(r"Bijlage: missies 2017–2018"))).to_have_count(2, timeout=TIMEOUT)
    expect(page).not_to_have_url(re.compile(r"years=2018-2018"))  # the full range is the absence of a limit
    page.screenshot(path=str(artifacts_dir / "board-page-years.png"), full_page=True)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_presentation_steps_fit_the_screen(page: Page, app_url, artifacts_dir, lang, screen):
    """Scorecard first, then every KPI: no sidebar, large type, nothing cut or off screen, navigation visible."""
    size = SCREENS[screen]
    page.set_viewport_size(size)
    open_app(page, app_url)
    suffix = "" if lang == "nl" else "&lang=en"
    for step in range(1, STEPS + 1):
        page.goto(f"{app_url}/presentation?year=2018&step={step}{suffix}")
        wait_for_app_run(page, charts=step > 1)
        page.screenshot(path=str(artifacts_dir / f"presentation-{lang}-{screen}-step-{step}.png"))
        expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden()
        title = t("board.scorecard_title", lang, year=2018) if step == 1 else KPIS[step - 2].short(lang)
        expect(page.locator(".present-title")).to_have_text(title)
        expect(page.locator(".present-top")).to_contain_text(t("present.step", lang, step=step, steps=STEPS))
        expect(page.locator(".present-top")).to_contain_text(
            {"nl": "Stand per 31 december 2018", "en": "As of 31 December 2018"}[lang]
        )
        assert _font_px(page, ".present-top") >= MIN_TOP_PX
        assert _font_px(page, ".present-title") >= MIN_TITLE_PX
        if step == 1:
            expect(page.locator("table.present-score tbody tr:not(.detail)")).to_have_count(len(KPIS))
            assert _font_px(page, "table.present-score td") >= 20
        else:
            assert _font_px(page, ".present-value") >= MIN_VALUE_PX
        cut = page.evaluate(
            CUT_TEXT,
            ".present-top, .present-title, .present-label, .present-value, .present-sub, "
            "table.present-score td, table.present-score th",
        )
        assert not cut, f"step {step}: cut text {cut}"
        assert not page.evaluate(CUT_CHART_TEXT), f"step {step}: chart text outside its chart"
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], f"step {step} scrolls"
        box = page.get_by_role("button", name=t("present.next", lang)).bounding_box()
        assert box["y"] + box["height"] <= size["height"], f"step {step}: navigation below the fold"
    page.goto(f"{app_url}/presentation?year=2018&step=1{suffix}")
    wait_for_app_run(page)
    page.get_by_role("button", name=t("present.next", lang)).click()
    expect(page.locator(".present-title")).to_have_text(KPIS[0].short(lang), timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"step=2"))


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_presentation_reads_on_a_phone(page: Page, app_url, artifacts_dir, lang):
    """390 px wide: the scorecard is one block per KPI inside the screen; each KPI step's chart has its bars' names
    above the bars, in full, overlapping neither each other, the values nor a bar, and the bars get the width."""
    page.set_viewport_size(PHONE)
    open_app(page, app_url)
    suffix = "" if lang == "nl" else "&lang=en"
    page.goto(f"{app_url}/presentation?year=2018&step=1{suffix}")
    wait_for_app_run(page)
    page.screenshot(path=str(artifacts_dir / f"presentation-{lang}-390-step-1.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cells = page.locator("table.present-score td")
    boxes = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect()).map(r => [r.left, r.right])")
    assert all(left >= 0 and right <= PHONE["width"] for left, right in boxes), boxes
    first = page.locator("table.present-score tbody tr").first
    realised = {"nl": "Gerealiseerd '18", "en": "Realised '18"}[lang]
    assert realised in first.evaluate("r => [...r.cells].map(c => getComputedStyle(c, '::before').content).join()")
    for step in (2, 5, STEPS):  # missions (two targets), matchmaking (four-digit plan figures), services (no target)
        page.goto(f"{app_url}/presentation?year=2018&step={step}{suffix}")
        wait_for_app_run(page, charts=True)
        chart = page.locator(".js-plotly-plot").first
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / f"presentation-{lang}-390-step-{step}.png"))
        labels, bars = chart.evaluate(LABEL_BOXES), chart.evaluate(BAR_BOXES)
        names = sorted((b for b in labels if b["text"] in set(_bar_names(page))), key=lambda b: b["y"])
        bars = sorted(bars, key=lambda b: b["y"])
        assert len(names) == len(bars) >= 1, (names, bars)
        assert not overlapping(labels), overlapping(labels)
        assert not overlapping(names, bars), f"step {step}: a name on a bar"
        assert all(n["y"] + n["h"] <= b["y"] + 1 for n, b in zip(names, bars)), f"step {step}: a name under its bar"
        assert not page.evaluate(CUT_CHART_TEXT), f"step {step}: chart text outside its chart"
        plot = chart.locator(".nsewdrag").first.bounding_box()
        assert plot["width"] >= 250, f"step {step}: the bars have {plot['width']:.0f} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"step {step} scrolls"


def _bar_names(page: Page) -> list[str]:
    """The bars' names, read from the chart's table for screen readers (its first column)."""
    return page.locator(".sr-only table tbody tr").evaluate_all("rows => rows.map(r => r.cells[0].textContent)")


def test_presentation_kpi_without_plan_target_has_no_plan_chart(page: Page, app_url):
    """Registered services (no target): one chart, no multi-year plan row or block."""
    page.set_viewport_size(SCREENS["1920"])
    open_app(page, app_url)
    page.goto(f"{app_url}/presentation?year=2018&step={STEPS}")
    wait_for_app_run(page, charts=True)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).not_to_contain_text("Plandoel")
    expect(page.get_by_text("Cumulatief")).to_have_count(0)


def _font_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.fixture()
def commented_app_url(tmp_path):
    """A second app server whose store holds a long commentary for the 2018 trade missions."""
    seed_commentary(tmp_path / "store", {"missions": LONG_NOTE})
    proc, url = start_streamlit(tmp_path / "store")
    yield url
    proc.terminate()
    proc.wait(10)


LONG_NOTE = (
    "Acht missies, waarvan drie naar Duitsland en twee naar China. De uitgaande missies naar Beieren en "
    "Stuttgart leverden de meeste matchmaking-gesprekken op; de inkomende missie uit Jiangsu bracht "
    "vijftien buitenlandse bedrijven naar de regio."
)


def test_presentation_with_commentary_still_fits(page: Page, commented_app_url, artifacts_dir):
    """A KPI with a long commentary at 1920x1080: the note is large and the buttons stay on screen."""
    page.set_viewport_size(SCREENS["1920"])
    open_app(page, commented_app_url)
    page.goto(f"{commented_app_url}/presentation?year=2018&step=2")
    wait_for_app_run(page, charts=True)
    page.screenshot(path=str(artifacts_dir / "presentation-nl-step-2-commentary.png"))
    expect(page.locator(".present-note")).to_have_text(LONG_NOTE)
    assert _font_px(page, ".present-note") >= 26
    box = page.get_by_role("button", name=t("present.next", "nl")).bounding_box()
    assert box["y"] + box["height"] <= SCREENS["1920"]["height"]
