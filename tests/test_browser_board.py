"""Board page and presentation mode in Chromium: downloads that open, and steps readable on a projector."""
from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pptx import Presentation
from pypdf import PdfReader

from kpi.i18n import t
from kpi.registry import KPIS
from tests.conftest import start_streamlit
from tests.test_board_page import seed_commentary

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
PROJECTOR = {"width": 1920, "height": 1080}
MIN_TITLE_PX = 48  # a KPI name must read from the back of a meeting room
MIN_VALUE_PX = 96


def wait_rendered(page: Page, charts: bool = True) -> None:
    """Wait for a finished Streamlit run: script idle, no skeletons, and the charts drawn."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)
    if charts:
        page.wait_for_selector(".js-plotly-plot .main-svg >> visible=true", timeout=TIMEOUT)


def open_app(page: Page, app_url: str) -> None:
    """Load the entry page first: a fresh server hit on a page URL first routes without st.navigation."""
    page.goto(app_url)
    wait_rendered(page, charts=False)


def test_board_downloads_open(page: Page, app_url, artifacts_dir):
    """Build on the Board page, then both download buttons deliver files that pypdf and python-pptx open."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_app(page, app_url)
    page.goto(f"{app_url}/board")
    wait_rendered(page, charts=False)  # the first preview tab is the title page: no chart visible
    page.get_by_role("button", name=t("board.generate", "nl")).click()
    pdf_button = page.get_by_role("button", name=t("board.download_pdf", "nl"))
    expect(pdf_button).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts_dir / "board-page.png"), full_page=True)
    with page.expect_download(timeout=TIMEOUT) as pdf_download:
        pdf_button.click()
    reader = PdfReader(io.BytesIO(open(pdf_download.value.path(), "rb").read()))
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    assert t("board.pack_title", "nl", year=2018) in reader.pages[0].extract_text()
    with page.expect_download(timeout=TIMEOUT) as pptx_download:
        page.get_by_role("button", name=t("board.download_pptx", "nl")).click()
    prs = Presentation(io.BytesIO(open(pptx_download.value.path(), "rb").read()))
    assert len(prs.slides) == len(reader.pages)
    assert pptx_download.value.suggested_filename.endswith(".pptx")


def _font_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_presentation_steps_at_projector_size(page: Page, app_url, artifacts_dir, lang):
    """Every KPI step at 1920x1080: no sidebar, large type, inside the screen, step in the URL; Next advances."""
    page.set_viewport_size(PROJECTOR)
    open_app(page, app_url)
    suffix = "" if lang == "nl" else "&lang=en"
    for step, kpi in enumerate(KPIS, start=1):
        page.goto(f"{app_url}/presentation?year=2018&step={step}{suffix}")
        wait_rendered(page)
        page.screenshot(path=str(artifacts_dir / f"presentation-{lang}-step-{step}.png"))
        expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden()
        expect(page.locator(".present-title")).to_have_text(kpi.short(lang))
        expect(page.locator(".present-top")).to_contain_text(t("present.step", lang, step=step, steps=len(KPIS)))
        assert _font_px(page, ".present-title") >= MIN_TITLE_PX
        assert _font_px(page, ".present-value") >= MIN_VALUE_PX
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PROJECTOR["width"], f"step {step} scrolls sideways"
        buttons = page.locator('[data-testid="stButton"]')
        assert buttons.last.bounding_box()["y"] + buttons.last.bounding_box()["height"] <= PROJECTOR["height"], \
            f"step {step}: navigation below the fold"
    page.goto(f"{app_url}/presentation?year=2018&step=1{suffix}")
    wait_rendered(page)
    page.get_by_role("button", name=t("present.next", lang)).click()
    expect(page.locator(".present-title")).to_have_text(KPIS[1].short(lang), timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"step=2"))


@pytest.fixture()
def commented_app_url(tmp_path):
    """A second app server whose store holds a long commentary for the 2018 trade missions."""
    seed_commentary(tmp_path / "store", {"missions": LONG_NOTE})
    proc, url = start_streamlit(tmp_path / "store")
    yield url
    proc.terminate()
    proc.wait(10)


LONG_NOTE = ("Acht missies, waarvan drie naar Duitsland en twee naar China. De uitgaande missies naar Beieren en "
             "Stuttgart leverden de meeste matchmaking-gesprekken op; de inkomende missie uit Jiangsu bracht "
             "vijftien buitenlandse bedrijven naar de regio.")


def test_presentation_with_commentary_still_fits(page: Page, commented_app_url, artifacts_dir):
    """A KPI with a long commentary at 1920x1080: the note is large and the buttons stay on screen."""
    page.set_viewport_size(PROJECTOR)
    open_app(page, commented_app_url)
    page.goto(f"{commented_app_url}/presentation?year=2018&step=1")
    wait_rendered(page)
    page.screenshot(path=str(artifacts_dir / "presentation-nl-step-1-commentary.png"))
    expect(page.locator(".present-note")).to_have_text(LONG_NOTE)
    assert _font_px(page, ".present-note") >= 30
    box = page.get_by_role("button", name=t("present.next", "nl")).bounding_box()
    assert box["y"] + box["height"] <= PROJECTOR["height"]
