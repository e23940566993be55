"""Hostile files uploaded through the Data page in real Chromium: a problem table each, never a traceback."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser import wait_for_app_run
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("build_hostile_corpus", ROOT / "scripts" / "build_hostile_corpus.py")
corpus = sys.modules.setdefault("build_hostile_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)
CASES = {case.name: case for case in corpus.CASES}
# One per format and kind of attack: a used range of 16,384 columns, entity expansion, a nested Parquet column,
# a count of 2^63 - 1 and a 30,000-column header (built here).
# Each with a phrase of its problem, read back from the problem table's CSV download.
SAMPLE = {
    "xlsx_cell_at_XFD20000.xlsx": "The used range of sheet 'Activiteiten' is A1:XFD20000",
    "xlsx_billion_laughs.xlsx": "XML declarations (DTD or entities)",
    "parquet_list_column.parquet": "cannot be read as a table cell",
    "count_int64_max.csv": "The number is larger than 1,000,000.",
    "csv_30000_columns.csv": "The file has 30,009 columns; the limit is 200.",
}


@pytest.mark.browser
def test_hostile_uploads_show_problems_not_tracebacks(page: Page, saving_app_url, artifacts_dir, tmp_path):
    """Each sample file shows the refusal and a problem table; no page text looks like a traceback."""
    built = tmp_path / "csv_30000_columns.csv"
    built.write_bytes(CASES[built.name].build())
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(saving_app_url)
    wait_for_app_run(page)
    page.goto(f"{saving_app_url}/data?lang=en")
    wait_for_app_run(page)
    for name, phrase in SAMPLE.items():
        path = built if name == built.name else ROOT / "tests" / "hostile" / name
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        wait_for_app_run(page)
        header = f"The file {name} was not read: 1 problem(s) found. Nothing was changed."
        expect(page.locator('[data-testid="stAlert"]').filter(has_text=header).first).to_be_visible(timeout=30_000)
        wait_for_app_run(page)  # the upload's rerun may still be drawing: its download button replaces the previous one
        expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download problems (CSV)").click()
        table = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert phrase in table, table
        body = page.locator("body").inner_text()
        assert "Traceback" not in body and 'File "/' not in body, name
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        page.screenshot(path=str(artifacts_dir / f"hostile-{name}.png"), full_page=True)
