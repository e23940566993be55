"""Benchmark 'load': N concurrent sessions against real app servers, on one replica and on two behind
deploy/haproxy.cfg, on the demo data and on 1M synthetic activities.

Per configuration and N (fresh, warmed-up servers for each N): N new sessions (no cache) open the Overview through
one shared link at once; then the same N go to the Missions page through the menu at once, and all change the
country filter at once. One session is a real Chromium, the other N-1 are protocol viewers (`bench.viewers`: the
page, the app shell and the websocket, without drawing), since board members draw on their own machines;
`--all-browsers` puts all N in Chromium. Each session's time runs from its request (or click) to the end of its
script run; Chromium's also to every Plotly chart drawn (taken in the page). Server CPU-seconds come from
/proc/PID/stat (app servers, haproxy and PostgreSQL), memory from the app servers' resident set with the N sessions
open. The servers (and the proxy and database) are pinned to one core, the clients to the other.

Before that, `breakdown` times where one server-side rerun spends its time (AppTest, CPU-time timers on the
calls the pages make) and sums one profiled rerun's own time per package, so tuning starts from data; `churn`
follows a server's memory while 300 sessions come and go.

    python -m bench load [--sessions 1,5,15,30] [--data demo,1m] [--replicas 1,2] [--no-breakdown] [--no-churn]
                         [--no-load] [--all-browsers]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import functools
import math
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import websockets

from bench.viewers import Viewer, ViewerError, fetch_all, open_viewer
from tests.servers import (
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
SERVER_CPUS, BROWSER_CPUS = "0", "1"
TARGET_P95_S, TARGET_SESSIONS = 3.0, 15
OVERVIEW_LINK = "/?year=2018"  # the shared link: both data sets have 2018
MISSIONS_LINK = "/missions"  # all years, as the Missions page opens from the menu
# The warm-up opens other views than the measured ones: the servers have imported and loaded the data, but the
# measured sessions' figures are not built yet (the first of them builds them, the others share them).
WARM_UP_LINKS: tuple[str, ...] = ("/?year=2017", "/missions?years=2017-2017")
COUNTRIES: tuple[str, ...] = ("China", "Duitsland", "Verenigde Staten")  # Dutch UI, as the link opens
VIEWPORT = {"width": 1440, "height": 1400}
TIMEOUT_MS = 900_000  # 30 sessions on one browser core take minutes
POLL_MS = 250  # how often Playwright looks; the times themselves are taken in the page
COOKIE_SECRET = "load-benchmark-secret-shared-by-the-replicas"
CLK_TCK = os.sysconf("SC_CLK_TCK")
BREAKDOWN_RUNS = 5
CHURN_SESSIONS, CHURN_EVERY = 300, 50
STEPS = ("Overview, shared link", "Missions, from the menu", "Missions, filter change")
# Installed in every page before its scripts. On the page's own clock (ms since the navigation) it records every
# change of the script state and each moment the page becomes drawn: the script is done, no skeleton is left and
# every chart the run put on the page (at least one) has its Plotly SVG (and, after a filter change, a chart
# subtitle names the new country). Not a fixed chart count per page: the Overview of a year without an annual plan
# (the warm-up's 2017) has one chart, not two, and a benchmark that waited for a second one waited forever. Taking
# the times in the page keeps them exact however slowly Playwright polls 30 pages on one core.
PAGE_JS = """(() => {
  const k = window.__kpi = {states: [], drawn: [], first: [], name: null};
  const drawn = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    if (!charts.length || !charts.every(c => c.querySelector('.js-plotly-plot .main-svg'))) return false;
    return !k.name || [...document.querySelectorAll('.js-plotly-plot .gtitle-subtitle')]
      .some(e => e.textContent.includes(k.name));
  };
  let was = false, charted = false;
  new MutationObserver(records => {
    for (const r of records) if (r.attributeName === 'data-test-script-state')
      k.states.push([performance.now(), r.oldValue, r.target.getAttribute('data-test-script-state')]);
    const now = drawn();
    if (now && !was) k.drawn.push(performance.now());
    was = now;
    const any = !!document.querySelector('.js-plotly-plot .main-svg');  // the first chart on the page
    if (any && !charted) k.first.push(performance.now());
    charted = any;
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
})();"""
WAIT_JS = "since => window.__kpi.drawn.some(t => t >= since)"
# (seconds to drawn, seconds to the end of the server's script run, seconds to the first chart) after `since`
READ_JS = """since => [(window.__kpi.drawn.find(t => t >= since) - since) / 1000,
  ((window.__kpi.states.find(([t, old]) => t >= since && old === 'running') || [NaN])[0] - since) / 1000,
  ((window.__kpi.first.find(t => t >= since) ?? NaN) - since) / 1000]"""
# What a page that did not finish shows: its script state, charts and their SVGs, skeletons, Streamlit's status.
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return `script ${app ? app.getAttribute('data-test-script-state') : 'not started'}, ` +
    `${document.querySelectorAll('.js-plotly-plot .main-svg').length} of ` +
    `${document.querySelectorAll('[data-testid="stPlotlyChart"]').length} charts drawn, ` +
    `${document.querySelectorAll('[data-testid="stSkeleton"]').length} skeletons, ` +
    `status ${status ? JSON.stringify(status.innerText) : 'none'}`;
}"""


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
    from bench.app import save_synthetic
    from kpi.store import open_store

    store = open_store(url)
    if dataset == "demo":
        store.seed_demo()
        return
    save_synthetic(store, "load benchmark: 1M synthetic activities")


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
    # Without [auth] a request through the proxy gets no figures; on loopback the run accepts an open dashboard
    # (a deployment signs in: SECURITY.md).
    env = {"KPI_STORE": store_url, "STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET, "KPI_OPEN_DASHBOARD": "edit"}
    servers = []
    try:
        for _ in range(replicas):
            log = Path(tempfile.gettempdir()) / f"kpi-load-server-{len(servers) + 1}.log"
            servers.append(start_streamlit(Path(tempfile.gettempdir()) / "kpi-load-unused", env, SERVER_CPUS, log))
        apps = [proc.pid for proc, _ in servers]
        addresses = [url.removeprefix("http://") for _, url in servers]
        if replicas == 1:
            yield Deployment(servers[0][1], apps, None, cluster.postmaster_pid())
        else:
            log = Path(tempfile.gettempdir()) / "kpi-load-haproxy.log"
            with haproxy(*addresses, cpus=SERVER_CPUS, log=log) as (proxy, url):
                yield Deployment(url, apps, proxy.pid, cluster.postmaster_pid())
    finally:
        for proc, _ in servers:
            stop(proc)


# Browser sessions ----------------------------------------------------------------------------------------------
@dataclass
class Phase:
    """One batch of N concurrent sessions."""

    drawn: list[float]  # request (or click) to every chart drawn, for the sessions in a real browser
    done: list[float]  # request (or click) to the end of the server's script run, for every session (NaN: never)
    first: list[float]  # request (or click) to the first chart drawn, for the sessions in a real browser
    stuck: list[str]  # what each session that did not finish showed
    wall: float
    server_cpu: float
    client_cpu: float
    rss_before: float
    rss_after: float
    servers: dict[str, int]


@dataclass
class Session:
    """One browser session's page and figures."""

    page: object
    drawn: float
    done: float
    server: str
    first: float = math.nan
    stuck: str = ""  # what the page showed when it did not finish in time


@dataclass
class Crowd:
    """The N sessions of a run: real browser pages and protocol viewers (`bench.viewers`)."""

    contexts: list
    browsers: list[Session]
    viewers: list[Viewer]

    def servers(self) -> list[str]:
        """The replica that serves each session."""
        return [s.server for s in self.browsers] + [v.server for v in self.viewers]

    async def close(self) -> None:
        """Close every page and viewer."""
        for context in self.contexts:
            await context.close()
        for viewer in self.viewers:
            await viewer.close()


async def _new_context(browser):
    context = await browser.new_context(viewport=VIEWPORT, bypass_csp=True)  # Playwright's waits eval strings
    await context.add_init_script(PAGE_JS)
    return context


async def _measure(page, since: float, server: str) -> Session:
    from playwright.async_api import Error as PlaywrightError

    try:
        await page.wait_for_function(WAIT_JS, arg=since, polling=POLL_MS, timeout=TIMEOUT_MS)
    except PlaywrightError as error:  # not drawn in time: counted as not completed, with what the page showed
        try:
            state = await page.evaluate(STATE_JS)
        except PlaywrightError:
            state = "the page does not answer"
        return Session(page, math.nan, math.nan, server, stuck=f"{server}: {state} ({type(error).__name__})")
    drawn, done, first = await page.evaluate(READ_JS, since)
    done = drawn if math.isnan(done) else done  # NaN: no script run was seen
    return Session(page, drawn, done, server, drawn if math.isnan(first) else first)


async def _viewer_step(step) -> float:
    """Seconds a viewer's step took, or NaN when it failed (the server refused, closed or never answered)."""
    try:
        return await step
    except (ViewerError, OSError, TimeoutError, websockets.WebSocketException, httpx.HTTPError):
        return math.nan


async def _open_viewer(url: str, shell: list[str]) -> tuple[Viewer | None, float]:
    try:
        return await open_viewer(url, OVERVIEW_LINK, shell)
    except (ViewerError, OSError, TimeoutError, websockets.WebSocketException, httpx.HTTPError):
        return None, math.nan


async def _open(context, url: str, page=None) -> Session:
    """Open `url` (in a new page of `context`, or in `page`), timed from the navigation to drawn."""
    page = page or await context.new_page()
    response = await page.goto(url, timeout=TIMEOUT_MS)  # the page's clock starts with this navigation
    return await _measure(page, 0, response.headers.get("x-kpi-server", "app1") if response else "?")


async def _navigate(session: Session, label: str) -> Session:
    """Go to another page through the menu (a rerun of the same session, no reload), timed from the click."""
    since = await session.page.evaluate("performance.now()")
    from playwright.async_api import Error as PlaywrightError

    link = session.page.locator('[data-testid="stSidebarNav"]').get_by_text(label, exact=True)
    try:
        await link.click(timeout=TIMEOUT_MS)  # Playwright's default 30 s is too short for 30 pages on one core
    except PlaywrightError:
        return Session(session.page, math.nan, math.nan, session.server, stuck=f"{session.server}: no menu link")
    return await _measure(session.page, since, session.server)


async def _pick(page, label: str, option: str):
    """Open the country filter and type `option`, so only the click that changes the filter is left (None: the
    page has no such filter or option in time)."""
    from playwright.async_api import Error as PlaywrightError

    try:
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
        await box.locator("input").click(timeout=TIMEOUT_MS)
        await page.keyboard.type(option)
        choice = page.get_by_role("option", name=option, exact=True)
        await choice.wait_for(timeout=TIMEOUT_MS)
    except PlaywrightError:
        return None
    return choice


async def _change_filter(session: Session, choice, name: str) -> Session:
    if choice is None:
        return Session(session.page, math.nan, math.nan, session.server, stuck=f"{session.server}: no filter option")
    since = await session.page.evaluate("name => { window.__kpi.name = name; return performance.now(); }", name)
    await choice.click(timeout=TIMEOUT_MS)  # 30 pages on one browser core: slow, not lost
    return await _measure(session.page, since, session.server)


class Meter:
    """CPU and memory of the server side and the browser side between `start` and `stop`."""

    def __init__(self, deployment: Deployment):
        self.deployment = deployment

    def _processes(self) -> tuple[list[int], list[int]]:
        """(server side, client side): this process (Playwright, the viewers) and Chromium are the client side."""
        server = self.deployment.apps + self.deployment.others()
        return server, [p for p in descendants(os.getpid()) if p not in server]

    def start(self) -> None:
        """Take the figures before the phase."""
        server, client = self._processes()
        self.t0, self.rss0 = time.perf_counter(), rss_mb(self.deployment.apps)
        self.server0, self.client0 = cpu_seconds(server), cpu_seconds(client)

    def stop(self, sessions: list[Session], viewer_times: list[float], names: list[str]) -> Phase:
        """The phase's figures, taken while its sessions are still open; `names` says which replica served each."""
        server, client = self._processes()
        return Phase(
            [s.drawn for s in sessions],
            [s.done for s in sessions] + viewer_times,
            [s.first for s in sessions],
            [s.stuck for s in sessions if s.stuck],
            time.perf_counter() - self.t0,
            cpu_used(self.server0, cpu_seconds(server)),
            cpu_used(self.client0, cpu_seconds(client)),
            self.rss0,
            rss_mb(self.deployment.apps),
            {s: names.count(s) for s in sorted(set(names))},
        )


async def overview_phase(browser, d: Deployment, n: int, browsers: int, shell: list[str]) -> tuple[Crowd, Phase]:
    """N new sessions without a cache open the shared Overview link at once: `browsers` of them in Chromium, the
    others as protocol viewers that fetch the same app shell."""
    contexts = [await _new_context(browser) for _ in range(browsers)]
    meter = Meter(d)
    meter.start()
    results = await asyncio.gather(
        *(_open(c, d.url + OVERVIEW_LINK) for c in contexts),
        *(_open_viewer(d.url, shell) for _ in range(n - browsers)),
    )
    crowd = Crowd(contexts, list(results[:browsers]), [v for v, _ in results[browsers:] if v is not None])
    return crowd, meter.stop(crowd.browsers, [seconds for _, seconds in results[browsers:]], crowd.servers())


async def menu_phase(d: Deployment, crowd: Crowd) -> Phase:
    """The same N sessions go to the Missions page through the menu at once."""
    meter = Meter(d)
    meter.start()
    results = await asyncio.gather(
        *(_navigate(s, t_nl("page.missions")) for s in crowd.browsers),
        *(_viewer_step(v.navigate(MISSIONS_LINK.strip("/"))) for v in crowd.viewers),
    )
    count = len(crowd.browsers)
    crowd.browsers = list(results[:count])
    return meter.stop(crowd.browsers, list(results[count:]), crowd.servers())


async def filter_phase(d: Deployment, crowd: Crowd) -> Phase:
    """All N sessions on the Missions page pick a country in the filter at once."""
    label = t_nl("dash.filter.countries")
    names = crowd.servers()
    countries = [COUNTRIES[k % len(COUNTRIES)] for k in range(len(names))]
    count = len(crowd.browsers)
    choices = await asyncio.gather(*(_pick(s.page, label, name) for s, name in zip(crowd.browsers, countries)))
    meter = Meter(d)
    meter.start()
    results = await asyncio.gather(
        *(_change_filter(s, choice, name) for s, choice, name in zip(crowd.browsers, choices, countries)),
        *(_viewer_step(v.choose(label, [name])) for v, name in zip(crowd.viewers, countries[count:])),
    )
    return meter.stop(list(results[:count]), list(results[count:]), names)


async def warm_up(browser, d: Deployment) -> list[str]:
    """One session per replica opens both pages (WARM_UP_LINKS), so every server has imported, loaded and cached the
    data; returns the paths of the files a new session fetched from the server besides the page (the app shell)."""
    shell: list[str] = []
    for n in range(len(d.apps)):
        context = await _new_context(browser)
        if len(d.apps) > 1:
            await context.add_cookies([{"name": "KPISERVER", "value": f"app{n + 1}", "url": d.url}])
        for link in WARM_UP_LINKS:
            session = await _open(context, d.url + link)
            if session.stuck:
                raise RuntimeError(f"the warm-up's {link} did not finish: {session.stuck}")
            if not shell:
                entries = await session.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
                shell = [u.removeprefix(d.url) for u in entries if u.startswith(d.url) and "/_stcore/" not in u]
        await context.close()
    return shell


async def shell_cost(d: Deployment, shell: list[str]) -> str:
    """Server CPU to serve the page and its app shell (scripts, styles, fonts) once, as a browser without a cache
    needs them."""
    meter = Meter(d)
    meter.start()
    size = await fetch_all(d.url, [OVERVIEW_LINK, *shell], {})
    phase = meter.stop([], [], [])
    return (
        f"app shell for a new session: {len(shell) + 1} files, {size / 2**20:.1f} MiB, server CPU "
        f"{phase.server_cpu:.2f} s"
    )


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    replicas: int
    data: str
    step: str
    n: int
    browsers: int
    phase: Phase

    def completed(self) -> int:
        """Sessions that finished the step (script run done; in Chromium, every chart drawn)."""
        return len(_finite(self.phase.done))

    def drawn_p95(self) -> float:
        """p95 time to charts drawn: measured when every session is a browser; with viewers, the p95 of the end
        of the script run over all N plus the real browser's own time from that end to drawn (its rendering)."""
        p = self.phase
        if self.browsers == self.n:
            return _p95(p.drawn)
        probe = self.browsers and p.drawn[0] - p.done[0]
        return _p95(p.done) + (max(probe, 0.0) if math.isfinite(probe) else math.nan)

    def text(self) -> str:
        """The row as printed (and pasted into the docs); sessions that did not finish are listed below it."""
        p = self.phase
        growth = (p.rss_after - p.rss_before) / self.n
        spread = "/".join(str(v) for v in p.servers.values()) if self.replicas > 1 else "-"
        done, drawn, first = _finite(p.done), _finite(p.drawn), _finite(p.first)
        stuck = "".join(f"\n  not finished: {text}" for text in p.stuck)
        return (
            f"| {self.replicas} | {self.data} | {self.step} | {self.n} | {self.browsers} | {self.completed()}/{self.n} | "
            f"{_median(done):.2f} | {_p95(done):.2f} | {max(done, default=math.nan):.2f} | "
            f"{_median(first):.2f} | {_p95(first):.2f} | "
            f"{_median(drawn):.2f} | {self.drawn_p95():.2f} | {p.server_cpu / self.n:.2f} | "
            f"{p.client_cpu / p.wall:.0%} | {p.rss_before:.0f} | {growth:+.1f} | {spread} |{stuck}"
        )


def _finite(values: list[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def _median(values: list[float]) -> float:
    values = _finite(values)
    return statistics.median(values) if values else math.nan


def _p95(values: list[float]) -> float:
    values = _finite(values)
    return p95(values) if values else math.nan


HEADER = (
    "| replicas | data | step | sessions | of them in Chromium | completed | script done: median s | p95 s | max s | "
    "first chart in Chromium: median s | p95 s | drawn in Chromium: median s | drawn: p95 s | "
    "server CPU-s / session | client core busy | server RSS before, MiB | RSS growth / session, MiB | "
    "sessions per replica |\n"
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
)


async def run_sessions(
    stores: dict[str, str], cluster: Cluster, sessions: list[int], replicas: list[int], all_browsers: bool
) -> list[Row]:
    """Every (data set, replicas, N): fresh servers, a warm-up, then the Overview and Missions phases, with one
    session in Chromium and the others as viewers (or all N in Chromium)."""
    from playwright.async_api import async_playwright

    rows: list[Row] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for data, store_url in stores.items():  # the demo data (the target) first
            for count in replicas:
                for n in sessions:
                    browsers = n if all_browsers else 1
                    try:
                        with deployment(store_url, count, cluster) as d:
                            shell = await warm_up(browser, d)
                            if n == sessions[0]:
                                print(f"  ({count} replica(s), {data}: {await shell_cost(d, shell)})", flush=True)
                            crowd, first = await overview_phase(browser, d, n, browsers, shell)
                            try:
                                for step, run in zip(STEPS, (None, menu_phase, filter_phase)):
                                    phase = await run(d, crowd) if run else first
                                    # memory: the N sessions as they stand, against the servers before any of them
                                    phase.rss_before = first.rss_before
                                    rows.append(Row(count, data, step, n, browsers, phase))
                                    print(rows[-1].text(), flush=True)
                            finally:
                                await crowd.close()
                    except Exception as error:
                        print(f"| {count} | {data} | failed | {n} | {type(error).__name__}: {error} |", flush=True)
        await browser.close()
    return rows


def summary(rows: list[Row]) -> None:
    """The target lines, and memory per session: the slope of the servers' resident memory over N."""
    print("summary")
    for row in rows:
        if row.data == "demo" and row.n == TARGET_SESSIONS and row.step != STEPS[1]:
            value = row.drawn_p95()
            verdict = "OK" if value <= TARGET_P95_S else "OVER"
            print(
                f"  {row.replicas} replica(s), {row.step}, {row.n} sessions ({row.browsers} in Chromium), demo: "
                f"p95 drawn {value:.2f} s (target <= {TARGET_P95_S} s) {verdict}; p95 script done "
                f"{_p95(row.phase.done):.2f} s"
            )
    groups: dict[tuple[int, str, str], list[Row]] = {}
    for row in rows:
        if row.step != STEPS[1]:
            groups.setdefault((row.replicas, row.data, row.step), []).append(row)
    for (replicas, data, step), group in groups.items():
        if len({r.n for r in group}) > 1:
            slope = statistics.linear_regression([r.n for r in group], [r.phase.rss_after for r in group]).slope
            print(
                f"  memory per open session ({replicas} replica(s), {data}, {step}): {slope:+.1f} MiB "
                f"(slope of the servers' RSS with N sessions open over N = {[r.n for r in group]})"
            )


# Where a rerun spends its time ---------------------------------------------------------------------------------
# (label, module, attribute) of the calls a page makes, timed with CPU-time wrappers (the script thread's) during AppTest reruns.
TIMED: tuple[tuple[str, str, str], ...] = (
    ("data load (store version + cached snapshot)", "ui.loaders", "current_snapshot"),
    ("view models (cards, filters, totals, table)", "ui.loaders", "filter_options"),
    ("figures (shared cache: lookup, or build on a miss)", "ui.figure_cache", "figure"),
    ("KPI table", "kpi.engine", "kpi_table"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "data_years"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "filter_options"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "filter_summary"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "kpi_cards"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "filtered_missions"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "mission_totals"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "missions_table"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "missions_by_country"),
    ("view models (cards, filters, totals, table)", "kpi.dashboard", "missions_by_theme"),
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
    """Wrap the TIMED calls with CPU-time timers of the calling thread (outermost call only); yields label -> seconds."""
    import importlib

    spent: dict[str, float] = {}
    depth = {"n": 0}
    originals = []

    def timed(label: str, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            depth["n"] += 1
            start = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                depth["n"] -= 1
                if depth["n"] == 0:
                    spent[label] = spent.get(label, 0.0) + time.thread_time() - start

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


PACKAGES: dict[str, str] = {
    "_plotly_utils": "plotly",
    "sqlalchemy": "database driver",
    "psycopg": "database driver",
    "google": "streamlit (protobuf)",
    "numpy": "pandas/numpy",
    "pandas": "pandas/numpy",
}


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


def _first_rerun(at) -> float:
    """Median seconds of a rerun after forgetting what sessions share: built figures and filter options."""
    from ui import figure_cache, loaders

    times = []
    for _ in range(BREAKDOWN_RUNS):
        figure_cache.clear()
        loaders._filter_options.clear()
        start = time.process_time()
        at.run()
        times.append(time.process_time() - start)
    return statistics.median(times)


def breakdown(stores: dict[str, str]) -> None:
    """Per data set and page: median rerun and the share of each kind of work; then one profiled rerun."""
    from streamlit.testing.v1 import AppTest

    from app import PAGES

    script = {Path(page[0]).stem: page[0] for page in PAGES}
    print(
        "where one server-side rerun spends its time (AppTest, median of "
        f"{BREAKDOWN_RUNS} reruns; CPU time: the process for the rerun, the script thread for the calls the pages make)"
    )
    for data, store_url in stores.items():
        os.environ["KPI_STORE"] = store_url
        for page, params in (("overview", {"year": "2018"}), ("missions", {})):
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
                    start = time.process_time()
                    at.run()
                    reruns.append(time.process_time() - start)
                parts.append(spent)
            total = statistics.median(reruns)
            print(f"  {data:<4} {page:<8} rerun {total:.3f} s (what a session finds shared)")
            print(f"       first session (nothing shared yet)             {_first_rerun(at) * 1e3:7.1f} ms")
            for label in dict.fromkeys(label for label, _, _ in TIMED):
                value = statistics.median(p.get(label, 0.0) for p in parts)
                if value:
                    print(f"       {label:<46} {value * 1e3:7.1f} ms  {value / total:4.0%}")
            rest = total - sum(
                statistics.median(p.get(label, 0.0) for p in parts)
                for label in dict.fromkeys(label for label, _, _ in TIMED)
            )
            print(
                f"       {'rest (Streamlit widgets, layout, messages)':<46} {rest * 1e3:7.1f} ms  {rest / total:4.0%}"
            )
            with profiled_script() as profiles:
                at.run()
            if profiles:
                print("       one profiled rerun, own time by package (profiling slows Python code most):")
                for package, own in by_package(profiles[-1])[:6]:
                    print(f"         {package:<24} {own * 1e3:7.1f} ms")
    os.environ.pop("KPI_STORE", None)


# Entry ---------------------------------------------------------------------------------------------------------
async def _churn(d: Deployment, sessions: int, every: int) -> None:
    label = t_nl("dash.filter.countries")
    for done in range(1, sessions + 1):
        viewer, _ = await open_viewer(d.url, OVERVIEW_LINK, [])
        await viewer.navigate(MISSIONS_LINK.strip("/"))
        await viewer.choose(label, [COUNTRIES[done % len(COUNTRIES)]])
        await viewer.close()
        if done % every == 0:
            await asyncio.sleep(1)  # the server closes the session
            print(f"  after {done} sessions: server RSS {rss_mb(d.apps):.0f} MiB", flush=True)


def churn(stores: dict[str, str], cluster: Cluster, sessions: int = CHURN_SESSIONS) -> None:
    """Memory over time: `sessions` viewers one after another on one replica, each opening the Overview, going to
    Missions and changing the filter, then leaving; the server's resident memory every `CHURN_EVERY` sessions."""
    for data, store_url in stores.items():
        print(f"sessions coming and going, one replica, {data}:")
        with deployment(store_url, 1, cluster) as d:
            print(f"  started: server RSS {rss_mb(d.apps):.0f} MiB")
            asyncio.run(_churn(d, sessions, CHURN_EVERY))


def t_nl(key: str) -> str:
    """A text of the Dutch interface (what the benchmark's sessions see)."""
    from kpi.i18n import t

    return t(key, "nl")


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
    parser.add_argument("--no-churn", action="store_true")
    parser.add_argument(
        "--all-browsers", action="store_true", help="every session in Chromium (default: one; the others are viewers)"
    )
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
            if not args.no_churn:
                churn(stores, cluster)
            if not args.no_load:
                print(f"concurrent sessions ({_load()})")
                print(HEADER)
                rows = asyncio.run(run_sessions(stores, cluster, args.sessions, args.replicas, args.all_browsers))
                summary(rows)
                print(f"  ({_load()})")
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    main()
