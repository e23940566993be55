"""User text never becomes markup: hostile commentary, an activity title and a plan label saved by an editor show
literally on every page and every presentation step, with no link or image from them and no request to another
host (real server, Chromium)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from kpi.access import Actor
from kpi.commentary import set_commentary
from kpi.registry import KPIS
from kpi.store import FolderStore
from tests.browser import wait_for_app_run
from tests.conftest import running_streamlit

EDITOR = Actor(role="editor", kind="oidc", subject="sub-eddie", email="eddie@agency.nl", name="Eddie Editor")
LINK = "[klik hier](https://evil.test/phish)"
IMAGE = "![pixel](https://evil.test/pixel.png)"
COMMENT = (
    f"Goed jaar.\n\n{LINK} {IMAGE}\n\n<img src=https://evil.test/tag.png> <a href=https://evil.test/a>a</a> **vet**"
)
TITLE = f"Missie {LINK} <img src=https://evil.test/title.png>"
PLAN = "AP 2018 <img src=https://evil.test/plan.png> [p](https://evil.test/plan)"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """A server on a store whose current version (saved by an editor) holds the hostile texts."""
    folder = tmp_path_factory.mktemp("markup-store")
    store = FolderStore(folder)
    store.seed_demo()
    snapshot = store.load()
    activities = snapshot.activities.copy()
    activities.loc[activities.index[0], "title"] = TITLE
    targets = snapshot.targets.copy()
    targets.loc[targets["plan"] == "AP 2018", "plan"] = PLAN
    commentary = snapshot.commentary
    for kpi in KPIS:
        for lang in ("nl", "en"):
            commentary = set_commentary(commentary, kpi.key, 2018, lang, COMMENT)
    store.save(
        1,
        activities=activities,
        targets=targets,
        commentary=commentary,
        action="edit",
        description="hostile texts",
        actor=EDITOR,
    )
    with running_streamlit(folder) as url:
        yield url


def _no_markup_from_user_text(page: Page) -> None:
    expect(page.locator('a[href*="evil.test"]')).to_have_count(0)
    expect(page.locator('img[src*="evil.test"]')).to_have_count(0)
    expect(page.locator("strong", has_text="vet")).to_have_count(0)


@pytest.mark.browser
def test_hostile_text_stays_text_on_every_page_and_presentation_step(page: Page, hostile_app, artifacts_dir):
    """Every page and each of the 8 presentation steps: no <a>/<img> from the texts, the commentary literal on each
    KPI step, and not one request to a host other than the server."""
    from app import PAGES

    outside = []

    def watch(route):
        if urlsplit(route.request.url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.context.route("**/*", watch)
    for *_, url_path in PAGES:
        page.goto(f"{hostile_app}/{url_path}?lang=en&year=2018")
        wait_for_app_run(page)
        _no_markup_from_user_text(page)
    for step in range(1, 9):
        page.goto(f"{hostile_app}/presentation?lang=en&year=2018&step={step}")
        wait_for_app_run(page)
        _no_markup_from_user_text(page)
        if step > 1:  # each KPI step shows its commentary, every mark as typed
            note = page.locator(".present-note")
            expect(note).to_contain_text(f"{LINK} {IMAGE}")
            expect(note).to_contain_text("<img src=https://evil.test/tag.png>")
            assert re.search(r"Goed jaar\.\s*\n", note.inner_text())  # the blank line is a line break, no more
    page.screenshot(path=str(artifacts_dir / "markup-presentation.png"))
    assert outside == []
