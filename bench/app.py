"""Benchmark 'app': server reruns (AppTest) on demo and 1M activities; in Chromium, cold render and filter redraw."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kpi.access import local_actor
from kpi.store import FolderStore, Store, empty_commentary
from kpi.validate import validate_targets
from tests import synth
from tests.browser import wait_for_app_run

ROOT = Path(__file__).resolve().parent.parent
BIG = 1_000_000
RUNS = 5
TARGETS = {"browser_demo_s": 1.0, "server_1m_s": 1.5, "cold_s": 5.0}
VIEWPORT = {"width": 1440, "height": 1400}


def _median(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}, n={len(times)})"


def save_synthetic(store: Store, description: str) -> None:
    """Save 1M synthetic activities and plans covering their years as the first version of an empty `store`."""
    targets, _ = validate_targets(synth.targets_text(), "targets.csv")
    store.save(
        None,
        activities=synth.load(BIG),
        targets=targets,
        commentary=empty_commentary(),
        action="init",
        description=description,
        actor=local_actor(),
    )


def big_store(root: Path) -> Path:
    """A store holding 1M synthetic activities and plans covering their years."""
    store = FolderStore(root)
    if store.current_version() is None:
        save_synthetic(store, "benchmark: 1M synthetic activities")
    return root


def apptest_figures(label: str, store_dir: Path) -> dict[str, float]:
    """Print first run and rerun times of the Overview and Missions pages (AppTest, server side only)."""
    from streamlit.testing.v1 import AppTest

    os.environ["KPI_STORE_DIR"] = str(store_dir)
    out = {}
    from app import PAGES

    script = {Path(path).stem: path for path, _, _ in PAGES}
    cases: list[tuple[str, str, dict[str, str]]] = [
        ("overview", script["overview"], {}),
        ("missions", script["missions"], {}),
        ("missions CN", script["missions"], {"countries": "CN"}),
        ("trends", script["trends"], {"breakdown": "country", "period": "month"}),
        ("services", script["services"], {}),
    ]
    for name, page, params in cases:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page)
        start = time.perf_counter()
        at.run()
        first = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
        reruns = []
        for _ in range(RUNS):
            start = time.perf_counter()
            at.run()
            reruns.append(time.perf_counter() - start)
        out[name] = statistics.median(reruns)
        print(f"  {label:<5} {name:<12} first run {first:6.3f} s; rerun {_median(reruns)}", flush=True)
    return out


def _wait(page, charts: bool = True) -> None:
    wait_for_app_run(page, charts, timeout=120_000)


def _pick_country(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for()


def browser_figures(label: str, store_dir: Path) -> dict[str, float]:
    """Start a fresh server; time the cold first render and filter change -> redrawn chart in Chromium."""
    from playwright.sync_api import sync_playwright

    from kpi.i18n import t
    from tests.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit

    proc, url = start_streamlit(store_dir)
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            start = time.perf_counter()
            page.goto(url)
            _wait(page)
            out["cold"] = time.perf_counter() - start
            print(f"  {label:<5} cold first render of the Overview (fresh server, charts drawn): {out['cold']:.3f} s")
            loads, redraws = [], []
            country = t("dash.filter.countries", "nl")
            for n in range(RUNS):
                name = ("China", "Verenigde Staten", "Duitsland")[n % 3]
                start = time.perf_counter()
                page.goto(f"{url}/missions?years=2018-2018")
                _wait(page)
                loads.append(time.perf_counter() - start)
                _pick_country(page, country, name)
                option = page.get_by_role("option", name=name, exact=True)
                start = time.perf_counter()
                option.click()
                page.wait_for_function(
                    "name => [...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle')]"
                    ".some(e => e.textContent.includes(name))",
                    arg=name,
                    timeout=120_000,
                )
                _wait(page)
                redraws.append(time.perf_counter() - start)
            out["load"] = statistics.median(loads)
            out["redraw"] = statistics.median(redraws)
            print(f"  {label:<5} open Missions page (warm server, charts drawn): {_median(loads)}")
            print(f"  {label:<5} filter change -> redrawn missions charts: {_median(redraws)}", flush=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return out


def _load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def _check(name: str, value: float, limit: float) -> str:
    return f"{name}: {value:.3f} s (target <= {limit} s) {'OK' if value <= limit else 'OVER'}"


def main(argv: list[str] | None = None) -> None:
    """Print this part's figures."""
    argv = sys.argv[1:] if argv is None else argv
    big = "--no-1m" not in argv
    print(f"app benchmark ({_load()})")
    with tempfile.TemporaryDirectory(prefix="kpi-bench-app-") as tmp:
        demo_store = Path(tmp) / "demo"
        FolderStore(demo_store).seed_demo()
        print("server side, AppTest (no browser): first run and median rerun")
        demo = apptest_figures("demo", demo_store)
        if big:
            start = time.perf_counter()
            big_dir = big_store(Path(tmp) / "big")
            print(f"  (1M store written in {time.perf_counter() - start:.1f} s)")
            large = apptest_figures("1M", big_dir)
        print("Chromium (Debian), real `streamlit run` server")
        browser_demo = browser_figures("demo", demo_store)
        browser_big = browser_figures("1M", big_dir) if big else {}
    print("summary")
    print("  " + _check("browser filter change -> redraw, demo", browser_demo["redraw"], TARGETS["browser_demo_s"]))
    print("  " + _check("cold first render, demo", browser_demo["cold"], TARGETS["cold_s"]))
    if big:
        for name in ("overview", "missions"):
            print("  " + _check(f"server rerun {name}, 1M", large[name], TARGETS["server_1m_s"]))
        print("  " + _check("browser filter change -> redraw, 1M", browser_big["redraw"], TARGETS["server_1m_s"]))
    print(f"  demo server reruns: overview {demo['overview']:.3f} s, missions {demo['missions']:.3f} s; {_load()}")


if __name__ == "__main__":
    main()
