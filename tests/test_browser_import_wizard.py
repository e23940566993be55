"""The import wizard in real Chromium: a Dutch export whose dates read two ways and whose type is unknown is mapped
by hand, confirmed day-first, saved with a profile; the next export with the same columns gets that profile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import wait_for_app_run

HEADER = "Activiteit ID;Datum;Soort activiteit\r\n"


def _upload(page: Page, path) -> None:
    """Give the uploader `path`, again if it shows no chip for it: a file set while the page redraws the uploader
    (just after a save) is dropped by the old element, and the test would wait for a result that never comes."""
    for _ in range(3):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        try:
            expect(page.get_by_test_id("stFileChipName").filter(has_text=path.name)).to_be_visible(timeout=15_000)
            break
        except AssertionError:
            wait_for_app_run(page)
    wait_for_app_run(page)


def _pick(page: Page, label: str, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_for_app_run(page)


@pytest.mark.browser
def test_wizard_maps_values_confirms_dates_saves_and_reuses_a_profile(
    page: Page, saving_app_url, artifacts_dir, tmp_path
):
    """Unknown type and ambiguous dates refused; mapped and confirmed they preview; saved with a profile; reused."""
    first, second = tmp_path / "scan-export-1.csv", tmp_path / "scan-export-2.csv"
    first.write_bytes((HEADER + "PS18-91;1-4-2018;Scan\r\n").encode("cp1252"))
    second.write_bytes((HEADER + "PS18-92;2-4-2018;Scan\r\n").encode("cp1252"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(saving_app_url)
    wait_for_app_run(page)
    page.goto(f"{saving_app_url}/data?lang=en")
    wait_for_app_run(page)
    start = int(re.search(r"v(\d+)", page.get_by_text(re.compile(r"Current version: v\d+")).inner_text()).group(1))

    _upload(page, first)
    expect(page.get_by_text("Header found in row 1; 3 columns.")).to_be_visible()
    expect(page.get_by_text("Values for activity_type")).to_be_visible()
    expect(page.get_by_text("Some dates read two ways: choose the order in step 4.")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "wizard-refused.png"), full_page=True)

    _pick(page, "Scan", "partner_scan")
    page.get_by_text("Day-month-year (1 April 2018)").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Preview of the change against v{start}")).to_be_visible()
    expect(page.get_by_text("KPI table 2018 before and after this import")).to_be_visible()
    page.get_by_label("Keep these choices as a profile (name, optional)").fill("Scan-export")
    page.get_by_label("Keep these choices as a profile (name, optional)").press("Enter")
    wait_for_app_run(page)
    page.screenshot(path=str(artifacts_dir / "wizard-preview.png"), full_page=True)
    page.get_by_role("button", name="Confirm and save").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Saved as version v{start + 1}.")).to_be_visible()
    expect(page.get_by_text("Profile 'Scan-export' saved (version 1).")).to_be_visible()

    _upload(page, second)
    expect(page.get_by_text("Profile 'Scan-export' fits this file's columns and has been applied.")).to_be_visible()
    expect(page.get_by_text(f"Preview of the change against v{start + 1}")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "wizard-profile.png"), full_page=True)
    page.get_by_role("button", name="Confirm and save").click()
    wait_for_app_run(page)
    expect(page.get_by_text(f"Saved as version v{start + 2}.")).to_be_visible()
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
