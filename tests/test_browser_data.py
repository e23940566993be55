"""The Data page in real Chromium: upload a bad file and a good one, confirm, then roll back (data ends as it began)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import wait_for_app_run
from tests.conftest import ROOT

BAD = ROOT / "tests" / "hostile" / "fractional_count.csv"


@pytest.mark.browser
def test_upload_preview_confirm_and_roll_back(page: Page, saving_app_url, artifacts_dir, tmp_path):
    """A bad file shows its problem table; a good one shows the preview, is saved on confirm, and is rolled back."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(saving_app_url)  # the entry page first: a fresh server routes a page URL without st.navigation
    wait_for_app_run(page)
    page.goto(f"{saving_app_url}/data?lang=en")
    wait_for_app_run(page)
    expect(page.get_by_text(re.compile(r"Current version: v\d+"))).to_be_visible()
    start = int(re.search(r"v(\d+)", page.get_by_text(re.compile(r"Current version: v\d+")).inner_text()).group(1))

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(BAD))
    wait_for_app_run(page)
    expect(page.get_by_text("The file fractional_count.csv was not read: 2 problem(s) found.")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "data-import-problems.png"), full_page=True)

    good = tmp_path / "retitle.csv"  # a KPI-neutral change: a new title for one service
    good.write_text(
        "activity_id;date;activity_type;title\nSV17-006;2017-01-27;service;Follow-up after visit\n", encoding="utf-8"
    )
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(good))
    wait_for_app_run(page)
    expect(page.get_by_text(f"Preview of the change against v{start}")).to_be_visible()
    metrics = page.locator('[data-testid="stMetricValue"]')
    expect(metrics.nth(1)).to_have_text("1")  # one changed row
    page.screenshot(path=str(artifacts_dir / "data-import-preview.png"), full_page=True)

    page.get_by_role("button", name="Confirm and save").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Saved as version v{start + 1}.")).to_be_visible()

    page.get_by_role("tab", name="History").click()
    page.get_by_test_id("stSelectbox").filter(has_text="Look at version").click()
    page.get_by_role("option", name=f"v{start}", exact=True).click()
    wait_for_app_run(page)
    page.get_by_role("button", name=f"Roll back to v{start}").click()
    wait_for_app_run(page)
    expect(
        page.get_by_text(f"Make version {start} current again? A new version is added; nothing is lost.")
    ).to_be_visible()
    page.get_by_role("button", name=f"Yes, make v{start} current again").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Saved as version v{start + 2}.")).to_be_visible()
    expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")  # stays on History
    page.screenshot(path=str(artifacts_dir / "data-history.png"), full_page=True)
    page.get_by_role("tab", name="One activity").click()
    expect(page.get_by_text("Correct an activity")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "data-edit.png"), full_page=True)
    page.get_by_role("tab", name="Commentary").click()
    expect(page.get_by_role("button", name="Save commentary")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "data-commentary.png"), full_page=True)
    page.goto(f"{saving_app_url}/data")  # Dutch, the default
    wait_for_app_run(page)
    expect(page.get_by_role("tab", name="Geschiedenis")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "data-nl.png"), full_page=True)
