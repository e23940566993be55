"""Screenshot the main views as a user would see them, over a grid of widths, languages and as-of dates, for a person
to look at: tests/artifacts/grid/<page>-<lang>-<width>-<date>.png (git-ignored).

The grid: the Overview, Missions, Services, Data and presentation mode (its scorecard and KPI steps), at 1440, 1920
and 390 px, in Dutch and English, at 30 June, 30 December and 31 December 2018 and on 31 March 2019 (a plan year
whose activities are not imported yet). Every page gets the same year and as-of date in its link, as a user who
follows the sidebar's links carries them; a page that takes no as-of date says so.

It is CPU-heavy (about 150 page loads): run it once, then again only for what you changed, e.g.
`.venv/bin/python scripts/screenshot_grid.py --pages presentation --widths 390 --dates 2018-12-31`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from tests.browser import CHART_DRAWN, EXCEPTION, wait_for_app_run  # noqa: E402
from tests.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop  # noqa: E402

OUT = ROOT / "tests" / "artifacts" / "grid"
WIDTHS = {390: 844, 1440: 900, 1920: 1080}  # width: the viewport's height (a phone, a laptop, a projector)
LANGS = ("nl", "en")
DATES = ("2018-06-30", "2018-12-30", "2018-12-31", "2019-03-31")
PAGES = {  # name: (URL path, whether the page draws a chart when it is done)
    "overview": ("", True),
    "missions": ("missions", True),
    "services": ("services", True),
    "data": ("data", False),
    "presentation": ("presentation", False),
}
PRESENTATION_STEPS = (1, 2, 5, 8)  # the scorecard, a KPI with both targets, matchmaking (behind), one without target
TIMEOUT = 180_000  # the machine is shared: a page can take long
CHART_TIMEOUT = 20_000  # after the run is over, a chart that is coming is drawn by then
MAX_HEIGHT = 12000  # a longer page is cut there (the Data page's history can be long)
CONTENT_HEIGHT = """() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"] > div')]
  .map(e => e.scrollHeight), document.documentElement.scrollHeight)"""


@dataclass(frozen=True)
class Shot:
    """One screenshot of the grid: a page (and presentation step) at a width, in a language, at an as-of date."""

    page: str
    width: int
    lang: str
    date: str
    step: int | None = None

    def path(self) -> str:
        """The page's address with year, as-of date, language and step."""
        query = {"year": self.date[:4], "asof": self.date, "lang": self.lang, "step": self.step}
        pairs = "&".join(f"{k}={v}" for k, v in query.items() if v is not None)
        return f"/{PAGES[self.page][0]}?{pairs}"

    def file_name(self) -> str:
        """Where the picture goes: one name per cell of the grid."""
        step = f"-step{self.step}" if self.step is not None else ""
        return f"{self.page}{step}-{self.lang}-{self.width}-{self.date}.png"


def grid(pages: list[str], widths: list[int], langs: list[str], dates: list[str], steps: list[int]) -> list[Shot]:
    """Every shot of the chosen part of the grid, one width after another (a viewport change per width only)."""
    shots = []
    for width in widths:
        for date in dates:
            for lang in langs:
                for page in pages:
                    for step in steps if page == "presentation" else [None]:
                        shots.append(Shot(page, width, lang, date, step))
    return shots


def take(page: Page, url: str, shot: Shot) -> Path:
    """Load the shot's address, wait until the app has drawn everything, and save a full-page picture."""
    page.goto(url + shot.path())
    page.wait_for_timeout(300)
    charts = PAGES[shot.page][1] or (shot.page == "presentation" and shot.step != 1)
    wait_for_app_run(page, timeout=TIMEOUT, failing=True)
    if charts and not page.locator(EXCEPTION).count():  # a failed page draws no chart: its picture shows why
        try:
            page.wait_for_selector(CHART_DRAWN, timeout=CHART_TIMEOUT)
        except PlaywrightTimeout:  # e.g. a year without activities: the picture shows what is there instead
            print(f"no chart drawn: {shot.file_name()}")
    page.wait_for_timeout(1200)  # Plotly's transitions and the cards' sparklines settle
    target = OUT / shot.file_name()
    height = WIDTHS[shot.width]
    tall = max(height, min(page.evaluate(CONTENT_HEIGHT), MAX_HEIGHT))
    if tall > height:  # Streamlit scrolls inside its main section: a taller window shows the whole page at once
        page.set_viewport_size({"width": shot.width, "height": tall})
        page.wait_for_timeout(800)
    page.screenshot(path=str(target))
    if tall > height:
        page.set_viewport_size({"width": shot.width, "height": height})
    return target


def main(argv: list[str] | None = None) -> None:
    """Take the chosen part of the grid against a freshly started server on the demo data."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES))
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--dates", default=",".join(DATES))
    parser.add_argument("--steps", default=",".join(map(str, PRESENTATION_STEPS)), help="presentation steps")
    args = parser.parse_args(argv)
    shots = grid(
        args.pages.split(","),
        [int(w) for w in args.widths.split(",")],
        args.langs.split(","),
        args.dates.split(","),
        [int(s) for s in args.steps.split(",")],
    )
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kpi-grid-") as folder:
        proc, url = start_streamlit(Path(folder) / "store")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(url)  # the entry page first: it registers the page routes
                wait_for_app_run(page, charts=True, timeout=TIMEOUT)
                width = None
                for n, shot in enumerate(shots, start=1):
                    if shot.width != width:
                        width = shot.width
                        page.set_viewport_size({"width": width, "height": WIDTHS[width]})
                    target = take(page, url, shot)
                    errors = page.locator(EXCEPTION).count()
                    print(f"[{n}/{len(shots)}] {target.relative_to(ROOT)}" + (" EXCEPTION" if errors else ""))
                browser.close()
        finally:
            stop(proc)


if __name__ == "__main__":
    main()
