"""The browser tests' one way to wait for the app, and the small readers of what it drew (Playwright, Chromium)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

TIMEOUT_MS = 90_000  # a cold server's first run on a loaded 2-core machine
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
CHART_DRAWN = ".js-plotly-plot .main-svg >> visible=true"
EXCEPTION = '[data-testid="stException"]'


def wait_for_app_run(page: Page, charts: bool = False, timeout: int = TIMEOUT_MS, failing: bool = False) -> None:
    """Wait until Streamlit's script run is over and nothing is left to draw: no skeletons and, when `charts`, a
    Plotly chart drawn; then no exception box may show (unless the test makes the page fail on purpose)."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    expect(page.locator(SKELETON)).to_have_count(0, timeout=timeout)
    if charts:
        page.wait_for_selector(CHART_DRAWN, timeout=timeout)
    if not failing:
        assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()


def metric(page: Page, label: str) -> str:
    """The value shown by the metric with this label."""
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def chart_text(page: Page, index: int = 0) -> str:
    """All text drawn in the n-th plotly chart (title, subtitle, ticks, labels)."""
    return page.locator(".js-plotly-plot").nth(index).text_content() or ""


# A Plotly chart's labels (ticks, annotations, legend, axis titles, title, bar values) as boxes on the screen.
LABEL_BOXES = """(chart) => [...chart.querySelectorAll(
    '.xtick text, .ytick text, .annotation-text, .legendtext, .g-xtitle text, .g-ytitle text, .gtitle, .bartext')]
  .filter(el => el.textContent.trim())
  .map(el => { const r = el.getBoundingClientRect(); return {text: el.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })
  .filter(b => b.w > 0 && b.h > 0)"""
# A Plotly chart's bars as boxes on the screen (their text is the empty string).
BAR_BOXES = """(chart) => [...chart.querySelectorAll('.bars .point path')]
  .map(el => { const r = el.getBoundingClientRect(); return {text: '', x: r.x, y: r.y, w: r.width, h: r.height}; })
  .filter(b => b.w > 0 && b.h > 0)"""


def overlapping(boxes: list[dict], others: list[dict] | None = None) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap by more than a pixel: among `boxes`, or (given `others`) each box with each other."""
    pairs = (
        [(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :]]
        if others is None
        else [(a, b) for a in boxes for b in others]
    )
    return [
        (a["text"], b["text"])
        for a, b in pairs
        if a["x"] < b["x"] + b["w"] - 1
        and b["x"] < a["x"] + a["w"] - 1
        and a["y"] < b["y"] + b["h"] - 1
        and b["y"] < a["y"] + a["h"] - 1
    ]
