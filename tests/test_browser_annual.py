"""The Board page's one-click annual report in Chromium: the download is a Word document with the report's table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from kpi.i18n import t
from tests.browser import wait_for_app_run
from tests.test_annual_report import SEED_TABLE_NL
from tests.test_browser_board import TIMEOUT, open_app

pytestmark = pytest.mark.browser


def test_board_page_downloads_the_annual_report_in_one_click(page: Page, app_url, artifacts_dir):
    """One click on 'Jaarverslag (Word)' delivers the .docx: the seed table, the as-of date in its properties."""
    page.set_viewport_size({"width": 1600, "height": 1000})
    open_app(page, app_url)
    page.goto(f"{app_url}/board")
    wait_for_app_run(page)
    button = page.get_by_role("button", name=t("annual.download", "nl"))
    expect(button).to_be_visible(timeout=TIMEOUT)
    with page.expect_download(timeout=TIMEOUT) as download:
        button.click()
    assert download.value.suggested_filename == "jaarverslag-kpi-2018-nl.docx"
    data = Path(download.value.path()).read_bytes()
    (artifacts_dir / "annual-report-download.docx").write_bytes(data)
    document = docx.Document(io.BytesIO(data))
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cells[: len(SEED_TABLE_NL)] == SEED_TABLE_NL
    assert json.loads(document.core_properties.keywords)["as_of"] == "2018-12-31"
