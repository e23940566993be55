"""A bookmarked page URL on a freshly started server opens behind the router with its view (real Chromium)."""

from __future__ import annotations

import pytest

from kpi.i18n import t
from kpi.registry import get_kpi
from tests.browser import metric, wait_for_app_run
from tests.conftest import running_streamlit

pytestmark = pytest.mark.browser


@pytest.fixture()
def fresh_url(tmp_path):
    """A server that has served nothing yet (no session has run app.py)."""
    with running_streamlit(tmp_path / "store") as url:
        yield url


def test_page_url_first_on_fresh_server(page, fresh_url, artifacts_dir):
    """/missions?... as the very first request shows the app's own menu, the language and the filter."""
    page.set_viewport_size({"width": 1440, "height": 1200})
    page.goto(f"{fresh_url}/missions?lang=en&years=2018-2018&countries=CN")
    wait_for_app_run(page, charts=True)
    nav = " ".join(page.locator('[data-testid="stSidebarNav"]').all_inner_texts())
    assert t("page.overview", "en") in nav and t("page.data", "en") in nav and "app" not in nav.split()
    assert "countries=CN" in page.url and "lang=en" in page.url
    assert metric(page, get_kpi("missions").short("en")) == "4"
    page.screenshot(path=str(artifacts_dir / "routing-fresh-missions.png"), full_page=False)
