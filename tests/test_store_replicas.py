"""Two app servers on one PostgreSQL store behind deploy/haproxy.cfg: sticky sessions, and an import through one
replica shows on both at their next rerun, without a restart."""

import re
import tomllib
import urllib.request

import pytest
from playwright.sync_api import expect

from kpi.registry import KPI_BY_KEY
from kpi.store import open_store
from tests.browser import metric, wait_for_app_run
from tests.pg_cluster import fresh_database
from tests.servers import ROOT, ServerError, haproxy, start_streamlit, stop

COOKIE_SECRET = "replica-test-secret-shared-by-both-servers"


@pytest.fixture()
def replicas(pg_cluster, tmp_path):
    """(proxy URL, store URL): two Streamlit servers on a fresh PostgreSQL store holding the demo data, behind haproxy."""
    with fresh_database(pg_cluster) as store_url:
        open_store(store_url).seed_demo()
        # Without [auth] a request through the proxy gets no figures; on loopback the run accepts an open dashboard
        # (a deployment signs in: SECURITY.md).
        env = {"KPI_STORE": store_url, "STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET, "KPI_OPEN_DASHBOARD": "edit"}
        servers = []
        try:
            for _ in range(2):
                servers.append(start_streamlit(tmp_path / "unused-folder", env))
            addresses = [url.removeprefix("http://") for _, url in servers]
            with haproxy(*addresses) as (_, proxy):
                yield proxy, store_url
        except ServerError as error:  # a missing haproxy or a server that does not start fails the test
            pytest.fail(str(error))
        finally:
            for proc, _ in servers:
                stop(proc)


def _open(context, url: str, server: str, charts: bool = True):
    """A page of `url` in `context`, checking that the proxy answered from `server`; rendered."""
    page = context.pages[0] if context.pages else context.new_page()
    response = page.goto(url)
    assert response.headers["x-kpi-server"] == server
    wait_for_app_run(page, charts)
    return page


@pytest.mark.browser
def test_import_through_one_replica_shows_on_both(browser, replicas, tmp_path, artifacts_dir):
    """A new browser gets an affinity cookie; with it each browser stays on its replica. An import through app1
    raises the 2018 missions from 16 to 17 on app1 and, at its next rerun, on app2 too."""
    proxy, store_url = replicas
    with urllib.request.urlopen(proxy, timeout=10) as response:  # a browser without the cookie is given one
        assert any(re.match(r"KPISERVER=app[12];", c) for c in response.headers.get_all("Set-Cookie"))
    missions = KPI_BY_KEY["missions"].short("en")
    contexts = {}
    for server in ("app1", "app2"):
        # Playwright's waits evaluate strings in the page, which the proxy's policy forbids (tests/test_proxy.py)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
        context.add_cookies([{"name": "KPISERVER", "value": server, "url": proxy}])
        contexts[server] = context
        page = _open(context, f"{proxy}/?lang=en&year=2018", server)
        assert metric(page, missions) == "16"

    mission = tmp_path / "replica-mission.csv"
    mission.write_text(
        "activity_id;date;activity_type;title;direction;role;country;companies\n"
        "REPLICA-1;2018-09-12;mission;Replica test mission;outgoing;lead;DE;4\n",
        encoding="utf-8",
    )
    page = _open(contexts["app1"], f"{proxy}/data?lang=en", "app1", charts=False)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(mission))
    wait_for_app_run(page)
    page.get_by_role("button", name="Confirm and save").click()
    wait_for_app_run(page)
    expect(page.get_by_text("Saved as version v2.")).to_be_visible()
    assert open_store(store_url).manifest(2).user == "lokaal"

    for server in ("app1", "app2"):
        page = _open(contexts[server], f"{proxy}/?lang=en&year=2018", server)
        assert metric(page, missions) == "17", server
        page.screenshot(path=str(artifacts_dir / f"replica-{server}-after-import.png"), full_page=True)
    for context in contexts.values():
        context.close()


def test_the_proxy_serves_the_app_shell_from_its_cache(replicas):
    """Streamlit's scripts come from an app server once, then from haproxy's cache (it adds `Age`), even to a browser
    that carries the affinity cookie."""
    proxy, _ = replicas
    with urllib.request.urlopen(proxy, timeout=10) as response:
        script = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', response.read().decode())[1]
    ages = []
    for cookie in ("KPISERVER=app1", "KPISERVER=app2"):
        request = urllib.request.Request(f"{proxy}/{script}", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200 and len(response.read()) > 1000
            ages.append(response.headers.get("Age"))
    assert ages[0] is None and ages[1] is not None


def test_streamlit_config_keeps_a_new_session_cheap():
    """No source watching and no full garbage collection after each run: together they were 0.5 of a shared-link
    session's 0.6 server CPU-seconds (`python -m bench load`), a third of a core for every board member arriving."""
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert conf["server"]["fileWatcherType"] == "none"
    assert conf["runner"]["postScriptGC"] is False
