"""Smoke test: every page of the app runs without an exception (AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

from app import PAGES
from tests.conftest import ROOT


@pytest.mark.parametrize("script", [p[0] for p in PAGES])
def test_page_runs(script, isolated_store):
    """Each page renders on the demo data without an exception."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
