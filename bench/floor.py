"""Benchmark 'floor': the Overview in Chromium against the stack's own floor, in the same Chromium and the same run.

The floor is a bare Streamlit page with the Overview's two Plotly charts and a year select (bench/floor_app.py),
served by a second server with the project's .streamlit settings. Three floors add the product's parts one at a
time (`bare` plain figures; `figures` the Overview's own figures; `cards` those plus seven metric cards with
sparkline images and the two static tables; a fourth, `widgets`, draws the cards and tables with the widgets the
Overview used before: Vega-Lite sparklines and Glide data grids), so the gap between the Overview and the bare floor splits into figure size,
layout and what is left (our script run: data, KPI table, view models, texts; the sidebar's widgets).

Per page and round, in a fresh browser context (an empty cache, as a board member's first visit; both servers
warmed up first): **cold** from `goto` to the charts drawn (script done, no skeleton, every chart's SVG), with
**delivered** (script done and both charts placed) on the way; then **redraw**: picking 30 September instead of
31 December 2018 in the as-of select until both charts are drawn again with the new values; for both steps also
the CPU seconds of the page's main thread (Chromium's TaskDuration) and of the server, which the machine's load
changes far less than wall time. Median (min-max) of ROUNDS rounds, pages interleaved in each round.
`python -m bench floor [--rounds N]`.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import plotly.io as pio

from kpi import figures as fig
from kpi.engine import kpi_table
from kpi.i18n import t
from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from kpi.registry import KPI_KEYS
from tests.servers import CHROMIUM, CHROMIUM_ARGS, ROOT, start_streamlit, stop

ROUNDS = 5
YEAR = 2018
AS_OF, OTHER_AS_OF = dt.date(2018, 12, 31), dt.date(2018, 9, 30)  # the change: a quarter earlier, both charts redraw
OTHER_LABEL = "30 september 2018 (K3)"  # that choice as the Overview's as-of select and the floor's name it
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 120_000
CHARTS = 2  # the Overview's Plotly charts: cumulative against the plan, realised against the annual target
PAGES: tuple[tuple[str, str], ...] = (
    ("overview", f"/?year={YEAR}&asof={AS_OF.isoformat()}"),
    ("bare", "/?variant=bare"),
    ("figures", "/?variant=figures"),
    ("cards", "/?variant=cards"),
    ("widgets", "/?variant=widgets"),
)
# Streamlit's run state, the skeletons and Plotly's SVG, read in the page; with `before`, the charts' text must
# differ from it (they were drawn again with other values).
DRAWN = """([n, svg, before]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < n || (svg && !plots.every(p => p.querySelector('.main-svg')))) return false;
  return before === null || plots.map(p => p.textContent).join('|') !== before;
}"""
CHART_TEXT = "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => p.textContent).join('|')"


def write_our_figures(folder: Path) -> dict[str, int]:
    """The Overview's two figures for both years, as kpi.figures builds them, as JSON; their sizes in bytes."""
    activities, targets = load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)
    sizes: dict[str, int] = {}
    for as_of in (OTHER_AS_OF, AS_OF):
        table = kpi_table(activities, targets, YEAR, as_of, "nl")
        built = {
            "plan": fig.cumulative_vs_plan_figure(table, KPI_KEYS, "nl", as_of=as_of),
            "annual": fig.annual_vs_target_figure(table, KPI_KEYS, "nl", year=YEAR),
        }
        for name, figure in built.items():
            text = pio.to_json(figure)
            (folder / f"{name}-{as_of.isoformat()}.json").write_text(text, encoding="utf-8")
            sizes[name] = len(text.encode())
    return sizes


def _pick_as_of(page) -> float:
    """Choose the earlier as-of date in the as-of select (the Overview's label); seconds until both charts redraw."""
    label = t("dash.as_of", "nl")
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True)).first
    box.click()
    option = page.get_by_role("option", name=OTHER_LABEL, exact=True)
    option.wait_for(timeout=TIMEOUT_MS)
    before = page.evaluate(CHART_TEXT)
    start = time.perf_counter()
    option.click()
    page.wait_for_function(DRAWN, arg=[CHARTS, True, before], timeout=TIMEOUT_MS)
    return time.perf_counter() - start


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system) a server process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _page_cpu(cdp) -> float:
    """Seconds the page's main thread was busy (Chromium's TaskDuration: script, style, layout, paint)."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return float(metrics["TaskDuration"])


def visit(browser, url: str, server_pid: int) -> dict[str, float]:
    """One cold visit in a fresh context: wall seconds to delivered and drawn, then the redraw after picking the
    earlier as-of date; and for both steps the CPU seconds of the page's main thread and of the server."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    try:
        server = _server_cpu(server_pid)
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(DRAWN, arg=[CHARTS, False, None], timeout=TIMEOUT_MS)
        delivered = time.perf_counter() - start
        page.wait_for_function(DRAWN, arg=[CHARTS, True, None], timeout=TIMEOUT_MS)
        drawn = time.perf_counter() - start
        page_cold, server_cold = _page_cpu(cdp), _server_cpu(server_pid) - server
        server = _server_cpu(server_pid)
        redraw = _pick_as_of(page)
        page_redraw, server_redraw = _page_cpu(cdp) - page_cold, _server_cpu(server_pid) - server
        return {
            "delivered": delivered,
            "cold": drawn,
            "redraw": redraw,
            "cold page CPU": page_cold,
            "cold server CPU": server_cold,
            "redraw page CPU": page_redraw,
            "redraw server CPU": server_redraw,
        }
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
        base = {name: floor_url for name, _ in PAGES} | {"overview": ours_url}
        pids = {name: floor.pid for name, _ in PAGES} | {"overview": ours.pid}
        times: dict[str, dict[str, list[float]]] = {name: {} for name, _ in PAGES}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name, path in PAGES:  # warm-up: each server's first run imports its modules
                    visit(browser, base[name] + path, pids[name])
                for _ in range(rounds):
                    for name, path in PAGES:
                        for step, seconds in visit(browser, base[name] + path, pids[name]).items():
                            times[name].setdefault(step, []).append(seconds)
                browser.close()
        finally:
            stop(ours)
            stop(floor)
    print(f"Overview figures as JSON: plan {sizes['plan']:,} B, annual {sizes['annual']:,} B; bare floor ~0.3 kB each")
    print(f"seconds, median (min-max) of {rounds} cold visits in fresh contexts of one Chromium")
    steps = list(times["bare"])
    print(f"{'step':<18} " + " ".join(f"{name:>18}" for name, _ in PAGES))
    for step in steps:
        print(f"{step:<18} " + " ".join(f"{_summary(times[name][step]):>18}" for name, _ in PAGES))
    med = {name: {step: statistics.median(v) for step, v in row.items()} for name, row in times.items()}
    for name in med:  # the cost of a step in CPU: the page's main thread plus the server
        for step in ("cold", "redraw"):
            med[name][f"{step} CPU"] = med[name][f"{step} page CPU"] + med[name][f"{step} server CPU"]
    for step in ("cold", "redraw", "cold CPU", "redraw CPU"):
        floor_s, ours_s = med["bare"][step], med["overview"][step]
        print(
            f"{step}: Overview / bare floor = {ours_s / floor_s:.2f}x (goal <= 1.3x); of the {ours_s - floor_s:+.2f} s: "
            f"figure size {med['figures'][step] - floor_s:+.2f}, layout (cards, tables) "
            f"{med['cards'][step] - med['figures'][step]:+.2f}, the rest (our script run, sidebar) "
            f"{ours_s - med['cards'][step]:+.2f}; the old widgets (Vega sparklines, data grids) instead of the "
            f"cards' images and static tables: {med['widgets'][step] - med['cards'][step]:+.2f}"
        )
