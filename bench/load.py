"""Benchmark 'load': N concurrent browser sessions against real app servers, on one replica and on two behind
deploy/haproxy.cfg, on the demo data and on 1M synthetic activities.

Per configuration and N (fresh servers for each N): N sessions open the Overview through one shared link at once,
then N sessions open the Missions page and all change the country filter at once. Each session's time is from its
request (or its click) to every Plotly chart drawn. Server CPU-seconds come from /proc/PID/stat (app servers,
haproxy and PostgreSQL), memory from the app servers' resident set with the N sessions open. The servers (and
the proxy and database) are pinned to one core and Chromium (one process, a context per session) to the other.

Before that, `breakdown` times where one server-side rerun spends its time (AppTest, wall-clock timers on the
calls the pages make) and prints the heaviest functions of one profiled rerun, so tuning starts from data.

    python -m bench load [--sessions 1,5,15,30] [--data demo,1m] [--replicas 1,2] [--no-breakdown] [--no-load]
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import functools
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import synth
from bench.servers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Cluster,
    fresh_database,
    haproxy,
    start_cluster,
    start_streamlit,
    stop,
    stop_cluster,
)

SESSIONS: tuple[int, ...] = (1, 5, 15, 30)
DATASETS: tuple[str, ...] = ("demo", "1m")
REPLICAS: tuple[int, ...] = (1, 2)
BIG = 1_000_000
SERVER_CPUS, BROWSER_CPUS = "0", "1"
TARGET_P95_S, TARGET_SESSIONS = 3.0, 15
OVERVIEW_LINK = "/?year=2018"  # the shared link: both data sets have 2018
MISSIONS_LINK = "/missions?years=2018-2018"
COUNTRIES: tuple[str, ...] = ("China", "Duitsland", "Verenigde Staten")  # Dutch UI, as the link opens
VIEWPORT = {"width": 1440, "height": 1400}
TIMEOUT_MS = 300_000
POLL_MS = 50
COOKIE_SECRET = "load-benchmark-secret-shared-by-the-replicas"
CLK_TCK = os.sysconf("SC_CLK_TCK")
BREAKDOWN_RUNS = 5
# A page is drawn when its script is done, no skeleton is left and every Plotly chart has its SVG.
DRAWN_JS = """([charts, name]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelectorAll('[data-testid="stSkeleton"]').length) return false;
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  if (plots.length < charts || !plots.every(p => p.querySelector('.main-svg'))) return false;
  return !name || [...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle')]
    .some(e => e.textContent.includes(name));
}"""
CHARTS = {"overview": 2, "missions": 3}


# Process figures ----------------------------------------------------------------------------------------------
def _stat(pid: int) -> list[str]:
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds used so far by each of these processes (all threads); gone ones are left out."""
    out = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _stat(pid)
            out[pid] = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two readings by the processes alive at the second (new ones from zero)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def rss_mb(pids: list[int]) -> float:
    """Resident memory of these processes in MiB."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as f:
            total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return total / 1024


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                children.setdefault(int(_stat(int(entry))[1]), []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive interpolation; the value itself for one sample)."""
    return values[0] if len(values) == 1 else statistics.quantiles(values, n=20, method="inclusive")[18]


# Stores and servers --------------------------------------------------------------------------------------------
def fill_store(url: str, dataset: str) -> None:
    """Put the demo data (as the app seeds it) or 1M synthetic activities into an empty store."""
    from kpi.access import local_actor
    from kpi.store import empty_commentary, open_store
    from kpi.validate import validate_targets

    store = open_store(url)
    if dataset == "demo":
        store.ensure()
        return
    targets, _ = validate_targets(synth.targets_text(), "targets.csv")
    store.save(None, activities=synth.load(BIG), targets=targets, commentary=empty_commentary(), action="init",
               description="load benchmark: 1M synthetic activities", actor=local_actor())


@dataclass
class Deployment:
    """Running app servers (and the proxy in front of two); `url` is what browsers open."""

    url: str
    apps: list[int]
    proxy: int | None
    postmaster: int

    def others(self) -> list[int]:
        """haproxy and PostgreSQL with its backends: server-side CPU, not app memory."""
        return ([self.proxy] if self.proxy else []) + descendants(self.postmaster)


@contextlib.contextmanager
def deployment(store_url: str, replicas: int, cluster: Cluster) -> Iterator[Deployment]:
    """`replicas` app servers on the store, pinned to the server core; two stand behind haproxy."""
    env = {"KPI_STORE": store_url, "STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET}
    servers = []
    try:
        for _ in range(replicas):
            servers.append(start_streamlit(Path(tempfile.gettempdir()) / "kpi-load-unused", env, SERVER_CPUS))
        apps = [proc.pid for proc, _ in servers]
        addresses = [url.removeprefix("http://") for _, url in servers]
        if replicas == 1:
            yield Deployment(servers[0][1], apps, None, cluster.postmaster_pid())
        else:
            with haproxy(*addresses, cpus=SERVER_CPUS) as (proxy, url):
                yield Deployment(url, apps, proxy.pid, cluster.postmaster_pid())
    finally:
        for proc, _ in servers:
            stop(proc)


# Browser sessions ----------------------------------------------------------------------------------------------
@dataclass
class Phase:
    """One batch of N concurrent sessions."""

    times: list[float]
    wall: float
    server_cpu: float
    browser_cpu: float
    rss_before: float
    rss_after: float
    servers: dict[str, int]


async def _drawn(page, charts: int, name: str | None = None) -> None:
    await page.wait_for_function(DRAWN_JS, arg=[charts, name], polling=POLL_MS, timeout=TIMEOUT_MS)


async def _open(context, url: str, charts: int) -> tuple[object, float, str]:
    page = await context.new_page()
    start = time.perf_counter()
    response = await page.goto(url, timeout=TIMEOUT_MS)
    await _drawn(page, charts)
    return page, time.perf_counter() - start, (response.headers.get("x-kpi-server", "app1") if response else "?")


async def _pick(page, label: str, option: str):
    """Open the country filter and type `option`, so only the click that changes the filter is left."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    await box.locator("input").click()
    await page.keyboard.type(option)
    choice = page.get_by_role("option", name=option, exact=True)
    await choice.wait_for(timeout=TIMEOUT_MS)
    return choice


async def _change_filter(page, choice, name: str) -> float:
    start = time.perf_counter()
    await choice.click()
    await _drawn(page, CHARTS["missions"], name)
    return time.perf_counter() - start


class Meter:
    """CPU and memory of the server side and the browser side between `start` and `stop`."""

    def __init__(self, deployment: Deployment):
        self.deployment = deployment

    def _processes(self) -> tuple[list[int], list[int]]:
        server = self.deployment.apps + self.deployment.others()
        me = os.getpid()
        return server, [p for p in descendants(me) if p not in server and p != me]

    def start(self) -> None:
        """Take the figures before the phase."""
        server, browser = self._processes()
        self.t0, self.rss0 = time.perf_counter(), rss_mb(self.deployment.apps)
        self.server0, self.browser0 = cpu_seconds(server), cpu_seconds(browser)

    def stop(self, times: list[float], servers: list[str]) -> Phase:
        """The phase's figures, taken while its sessions are still open."""
        server, browser = self._processes()
        counts = {s: servers.count(s) for s in sorted(set(servers))}
        return Phase(times, time.perf_counter() - self.t0, cpu_used(self.server0, cpu_seconds(server)),
                     cpu_used(self.browser0, cpu_seconds(browser)), self.rss0, rss_mb(self.deployment.apps),
                     counts)


async def overview_phase(browser, d: Deployment, n: int) -> Phase:
    """N sessions open the shared Overview link at once."""
    contexts = [await browser.new_context(viewport=VIEWPORT) for _ in range(n)]
    meter = Meter(d)
    meter.start()
    opened = await asyncio.gather(*(_open(c, d.url + OVERVIEW_LINK, CHARTS["overview"]) for c in contexts))
    phase = meter.stop([t for _, t, _ in opened], [s for _, _, s in opened])
    for context in contexts:
        await context.close()
    return phase


async def missions_phase(browser, d: Deployment, n: int) -> tuple[Phase, Phase]:
    """N sessions open the Missions page at once, then all change the country filter at once."""
    from kpi.i18n import t

    contexts = [await browser.new_context(viewport=VIEWPORT) for _ in range(n)]
    meter = Meter(d)
    meter.start()
    opened = await asyncio.gather(*(_open(c, d.url + MISSIONS_LINK, CHARTS["missions"]) for c in contexts))
    open_phase = meter.stop([t for _, t, _ in opened], [s for _, _, s in opened])
    label = t("dash.filter.countries", "nl")
    names = [COUNTRIES[k % len(COUNTRIES)] for k in range(n)]
    choices = await asyncio.gather(*(_pick(page, label, name) for (page, _, _), name in zip(opened, names)))
    meter.start()
    times = await asyncio.gather(*(_change_filter(page, choice, name)
                                   for (page, _, _), choice, name in zip(opened, choices, names)))
    filter_phase = meter.stop(list(times), [s for _, _, s in opened])
    filter_phase.rss_before = open_phase.rss_before  # memory: the sessions as they stand, against no sessions
    for context in contexts:
        await context.close()
    return open_phase, filter_phase


async def warm_up(browser, d: Deployment) -> None:
    """One session per replica opens both pages, so every server has imported, loaded and cached the data."""
    for n in range(len(d.apps)):
        context = await browser.new_context(viewport=VIEWPORT)
        if len(d.apps) > 1:
            await context.add_cookies([{"name": "KPISERVER", "value": f"app{n + 1}", "url": d.url}])
        for link, page in ((OVERVIEW_LINK, "overview"), (MISSIONS_LINK, "missions")):
            await _open(context, d.url + link, CHARTS[page])
        await context.close()


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    replicas: int
    data: str
    step: str
    n: int
    phase: Phase

    def text(self) -> str:
        """The row as printed (and pasted into the README)."""
        p = self.phase
        growth = (p.rss_after - p.rss_before) / self.n
        spread = "/".join(str(v) for v in p.servers.values()) if self.replicas > 1 else "-"
        return (f"| {self.replicas} | {self.data} | {self.step} | {self.n} | {statistics.median(p.times):.2f} | "
                f"{p95(p.times):.2f} | {max(p.times):.2f} | {p.server_cpu / self.n:.2f} | "
                f"{p.browser_cpu / p.wall:.0%} | {p.rss_before:.0f} | {growth:+.1f} | {spread} |")


HEADER = ("| replicas | data | step | sessions | median s | p95 s | max s | server CPU-s / session | "
          "browser core busy | server RSS before, MiB | RSS growth / session, MiB | sessions per replica |\n"
          "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")


async def run_sessions(stores: dict[str, str], cluster: Cluster, sessions: list[int],
                       replicas: list[int]) -> list[Row]:
    """Every (replicas, data set, N): fresh servers, a warm-up, then the Overview and Missions phases."""
    from playwright.async_api import async_playwright

    rows: list[Row] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in replicas:
            for data, store_url in stores.items():
                for n in sessions:
                    with deployment(store_url, count, cluster) as d:
                        await warm_up(browser, d)
                        overview = await overview_phase(browser, d, n)
                        opened, filtered = await missions_phase(browser, d, n)
                    for step, phase in (("Overview, shared link", overview), ("Missions, open", opened),
                                        ("Missions, filter change", filtered)):
                        rows.append(Row(count, data, step, n, phase))
                        print(rows[-1].text(), flush=True)
        await browser.close()
    return rows


def summary(rows: list[Row]) -> None:
    """The target line and the memory growth per session at the largest N."""
    print("summary")
    for row in rows:
        if row.data == "demo" and row.n == TARGET_SESSIONS:
            value = p95(row.phase.times)
            verdict = "OK" if value <= TARGET_P95_S else "OVER"
            print(f"  {row.replicas} replica(s), {row.step}, {row.n} sessions, demo: p95 {value:.2f} s "
                  f"(target <= {TARGET_P95_S} s) {verdict}")
    for row in rows:
        if row.n == max(r.n for r in rows) and row.step != "Missions, open":
            growth = (row.phase.rss_after - row.phase.rss_before) / row.n
            print(f"  memory growth per session, {row.replicas} replica(s), {row.data}, {row.step}, "
                  f"{row.n} sessions: {growth:+.1f} MiB")


# Where a rerun spends its time ---------------------------------------------------------------------------------
# (label, module, attribute) of the calls a page makes, timed with wall-clock wrappers during AppTest reruns.
TIMED: tuple[tuple[str, str, str], ...] = (
    ("data load (store version + cached snapshot)", "ui.data", "current_snapshot"),
    ("KPI table", "kpi.engine", "kpi_table"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "kpi_cards"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "filtered_missions"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "mission_totals"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "missions_table"),
    ("view models (cards, filters, totals, table)", "kpi.report", "report_frame"),
    ("figure building (kpi.figures)", "kpi.figures", "annual_vs_target_figure"),
    ("figure building (kpi.figures)", "kpi.figures", "cumulative_vs_plan_figure"),
    ("figure building (kpi.figures)", "kpi.figures", "missions_by_country_figure"),
    ("figure building (kpi.figures)", "kpi.figures", "missions_by_theme_figure"),
    ("figure building (kpi.figures)", "kpi.figures", "missions_map_figure"),
    ("figure serialisation (st.plotly_chart)", "streamlit", "plotly_chart"),
    ("table serialisation (st.dataframe)", "streamlit", "dataframe"),
)


@contextlib.contextmanager
def timers() -> Iterator[dict[str, float]]:
    """Wrap the TIMED calls with wall-clock timers (outermost call only); yields label -> seconds."""
    import importlib

    spent: dict[str, float] = {}
    depth = {"n": 0}
    originals = []

    def timed(label: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            depth["n"] += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                depth["n"] -= 1
                if depth["n"] == 0:
                    spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    for label, module_name, name in TIMED:
        module = importlib.import_module(module_name)
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, timed(label, getattr(module, name)))
    try:
        yield spent
    finally:
        for module, name, fn in reversed(originals):
            setattr(module, name, fn)


@contextlib.contextmanager
def profiled_script() -> Iterator[list[cProfile.Profile]]:
    """Profile the script thread of the next AppTest runs (cProfile sees only the thread it is enabled in)."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    profiles: list[cProfile.Profile] = []
    original = ScriptRunner._run_script

    def run(self, rerun_data):
        profile = cProfile.Profile()
        profile.enable()
        try:
            return original(self, rerun_data)
        finally:
            profile.disable()
            profiles.append(profile)

    ScriptRunner._run_script = run
    try:
        yield profiles
    finally:
        ScriptRunner._run_script = original


PACKAGES: dict[str, str] = {"_plotly_utils": "plotly", "sqlalchemy": "database driver", "psycopg": "database driver",
                             "google": "streamlit (protobuf)", "numpy": "pandas/numpy", "pandas": "pandas/numpy"}


def by_package(profile: cProfile.Profile) -> list[tuple[str, float]]:
    """Own time of a profile summed per top-level package (the project's kpi/ and ui/ by name), largest first."""
    sums: dict[str, float] = {}
    for (file, _, name), (_, _, own, _, _) in pstats.Stats(profile).stats.items():
        parts = Path(file).parts
        if "site-packages" in parts:
            package = parts[parts.index("site-packages") + 1]
        elif file.startswith(str(ROOT)):
            package = f"project {Path(file).relative_to(ROOT).parts[0]}/"
        elif file == "~":
            package = "builtins (" + ("sleep/locks" if "sleep" in name or "acquire" in name else "other") + ")"
        else:
            package = "python stdlib"
        package = PACKAGES.get(package, package)
        sums[package] = sums.get(package, 0.0) + own
    return sorted(sums.items(), key=lambda item: item[1], reverse=True)


def breakdown(stores: dict[str, str]) -> None:
    """Per data set and page: median rerun and the share of each kind of work; then one profiled rerun."""
    from streamlit.testing.v1 import AppTest

    from app import PAGES

    script = {Path(path).stem: path for path, _, _ in PAGES}
    print("where one server-side rerun spends its time (AppTest, median of "
          f"{BREAKDOWN_RUNS} reruns; wall-clock timers on the calls the pages make)")
    for data, store_url in stores.items():
        os.environ["KPI_STORE"] = store_url
        for page, params in (("overview", {"year": "2018"}), ("missions", {"years": "2018-2018"})):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            for key, value in params.items():
                at.query_params[key] = value
            at.switch_page(script[page])
            at.run()
            if at.exception:
                raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
            reruns, parts = [], []
            for _ in range(BREAKDOWN_RUNS):
                with timers() as spent:
                    start = time.perf_counter()
                    at.run()
                    reruns.append(time.perf_counter() - start)
                parts.append(spent)
            total = statistics.median(reruns)
            print(f"  {data:<4} {page:<8} rerun {total:.3f} s")
            for label in dict.fromkeys(label for label, _, _ in TIMED):
                value = statistics.median(p.get(label, 0.0) for p in parts)
                if value:
                    print(f"       {label:<46} {value * 1e3:7.1f} ms  {value / total:4.0%}")
            rest = total - sum(statistics.median(p.get(label, 0.0) for p in parts)
                               for label in dict.fromkeys(label for label, _, _ in TIMED))
            print(f"       {'rest (Streamlit widgets, layout, messages)':<46} {rest * 1e3:7.1f} ms  {rest / total:4.0%}")
            if data == "demo":
                with profiled_script() as profiles:
                    at.run()
                print("       one profiled rerun, own time by package (profiling slows Python code most):")
                for package, own in by_package(profiles[-1])[:6]:
                    print(f"         {package:<24} {own * 1e3:7.1f} ms")
    os.environ.pop("KPI_STORE", None)


# Entry ---------------------------------------------------------------------------------------------------------
def _numbers(text: str) -> list[int]:
    return [int(v) for v in text.split(",") if v]


def _load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def main(argv: list[str] | None = None) -> None:
    """Print this part's figures."""
    import sys

    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--sessions", type=_numbers, default=list(SESSIONS))
    parser.add_argument("--data", type=lambda v: v.split(","), default=list(DATASETS))
    parser.add_argument("--replicas", type=_numbers, default=list(REPLICAS))
    parser.add_argument("--no-breakdown", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    os.sched_setaffinity(0, {int(BROWSER_CPUS)})  # this process, Playwright and Chromium: the browser core
    print(f"load benchmark ({_load()}); servers on core {SERVER_CPUS}, browsers on core {BROWSER_CPUS}")
    cluster = start_cluster(SERVER_CPUS)
    try:
        with contextlib.ExitStack() as stack:
            stores = {}
            for data in args.data:
                stores[data] = stack.enter_context(fresh_database(cluster))
                start = time.perf_counter()
                fill_store(stores[data], data)
                print(f"  store '{data}' on PostgreSQL filled in {time.perf_counter() - start:.1f} s")
            if not args.no_breakdown:
                breakdown(stores)
            if not args.no_load:
                print(f"concurrent sessions in one Chromium ({_load()})")
                print(HEADER)
                rows = asyncio.run(run_sessions(stores, cluster, args.sessions, args.replicas))
                summary(rows)
                print(f"  ({_load()})")
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
