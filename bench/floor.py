"""Benchmark 'floor': the Overview in Chromium against the stack's own floor, in the same Chromium and the same run.

The floor is a bare Streamlit page with the Overview's two Plotly charts and a year select (bench/floor_app.py),
served by a second server with the project's .streamlit settings. Three floors add the product's parts one at a
time (`bare` plain figures; `figures` the Overview's own figures; `cards` those plus seven metric cards with
sparklines and the two tables), so the gap between the Overview and the bare floor splits into figure size,
layout and what is left (our script run: data, KPI table, view models, texts; the sidebar's widgets).

Per page and round, in a fresh browser context (an empty cache, as a board member's first visit; both servers
warmed up first): **cold** from `goto` to the charts drawn (script done, no skeleton, every chart's SVG), with
**delivered** (script done and both charts placed) on the way; then **redraw**: picking 2017 in the year select
until both charts are drawn again for 2017. Median (min-max) of ROUNDS rounds, pages interleaved in each round.
`python -m bench floor [--rounds N]`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import plotly.io as pio

from kpi import figures as fig
from kpi.engine import kpi_table
from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from kpi.registry import KPI_KEYS
from tests.servers import CHROMIUM, CHROMIUM_ARGS, ROOT, start_streamlit, stop

ROUNDS = 5
YEAR, OTHER_YEAR = 2018, 2017
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 120_000
CHARTS = 2  # the Overview's Plotly charts: cumulative against the plan, realised against the annual target
PAGES: tuple[tuple[str, str], ...] = (
    ("overview", f"/?year={YEAR}"),
    ("bare", "/?variant=bare"),
    ("figures", "/?variant=figures"),
    ("cards", "/?variant=cards"),
)
# Streamlit's run state, the skeletons and Plotly's SVG, read in the page: `year` (or null) must be in a title.
DRAWN = """([n, year, svg]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < n || (svg && !plots.every(p => p.querySelector('.main-svg')))) return false;
  return year === null || plots.some(p => (p.querySelector('.gtitle') || {}).textContent?.includes(String(year)));
}"""


def write_our_figures(folder: Path) -> dict[str, int]:
    """The Overview's two figures for both years, as kpi.figures builds them, as JSON; their sizes in bytes."""
    activities, targets = load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)
    sizes: dict[str, int] = {}
    for year in (OTHER_YEAR, YEAR):
        table = kpi_table(activities, targets, year, None, "nl")
        built = {
            "plan": fig.cumulative_vs_plan_figure(table, KPI_KEYS, "nl", as_of=dt.date(year, 12, 31)),
            "annual": fig.annual_vs_target_figure(table, KPI_KEYS, "nl", year=year),
        }
        for name, figure in built.items():
            text = pio.to_json(figure)
            (folder / f"{name}-{year}.json").write_text(text, encoding="utf-8")
            sizes[name] = len(text.encode())
    return sizes


def _pick_year(page, year: int) -> float:
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text("Jaar", exact=True)).first
    box.click()
    option = page.get_by_role("option", name=str(year), exact=True)
    option.wait_for(timeout=TIMEOUT_MS)
    start = time.perf_counter()
    option.click()
    page.wait_for_function(DRAWN, arg=[CHARTS, year, True], timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def visit(browser, url: str) -> dict[str, float]:
    """One cold visit in a fresh context: delivered, drawn, then the redraw after picking the other year (s)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN, arg=[CHARTS, None, False], timeout=TIMEOUT_MS)
        delivered = time.perf_counter() - start
        page.wait_for_function(DRAWN, arg=[CHARTS, YEAR, True], timeout=TIMEOUT_MS)
        drawn = time.perf_counter() - start
        redraw = _pick_year(page, OTHER_YEAR)
        return {"delivered": delivered, "cold": drawn, "redraw": redraw}
    finally:
        context.close()


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _rounds(argv: list[str]) -> int:
    return int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else ROUNDS


def main() -> None:
    """Measure the Overview and the three floors in one Chromium; print medians, ratios and the split."""
    from playwright.sync_api import sync_playwright

    rounds = _rounds(sys.argv)
    with tempfile.TemporaryDirectory(prefix="kpi-floor-") as folder:
        work = Path(folder)
        sizes = write_our_figures(work)
        ours, ours_url = start_streamlit(work / "store")
        floor, floor_url = start_streamlit(
            work / "floor-store", env_extra={"KPI_FLOOR_FIGURES": str(work)}, script=ROOT / "bench" / "floor_app.py"
        )
        base = {"overview": ours_url, "bare": floor_url, "figures": floor_url, "cards": floor_url}
        times: dict[str, dict[str, list[float]]] = {name: {} for name, _ in PAGES}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, path in PAGES:  # warm-up: each server's first run imports its modules
                    visit(browser, base[name] + path)
                for _ in range(rounds):
                    for name, path in PAGES:
                        for step, seconds in visit(browser, base[name] + path).items():
                            times[name].setdefault(step, []).append(seconds)
                browser.close()
        finally:
            stop(ours)
            stop(floor)
    print(f"Overview figures as JSON: plan {sizes['plan']:,} B, annual {sizes['annual']:,} B; bare floor ~0.3 kB each")
    print(f"seconds, median (min-max) of {rounds} cold visits in fresh contexts of one Chromium")
    print(f"{'page':<10} {'delivered':>18} {'cold drawn':>18} {'redraw':>18}")
    for name, _ in PAGES:
        row = times[name]
        print(f"{name:<10} {_summary(row['delivered']):>18} {_summary(row['cold']):>18} {_summary(row['redraw']):>18}")
    med = {name: {step: statistics.median(v) for step, v in row.items()} for name, row in times.items()}
    for step in ("cold", "redraw"):
        floor_s, ours_s = med["bare"][step], med["overview"][step]
        print(
            f"{step}: Overview / bare floor = {ours_s / floor_s:.2f}x (goal <= 1.3x); of the {ours_s - floor_s:+.2f} s: "
            f"figure size {med['figures'][step] - floor_s:+.2f}, layout (cards, tables) "
            f"{med['cards'][step] - med['figures'][step]:+.2f}, the rest (our script run, sidebar) "
            f"{ours_s - med['cards'][step]:+.2f}"
        )


if __name__ == "__main__":
    main()
