"""House rules of the test code: tests never import the benchmarks, and one helper waits for the app in a browser."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
BENCH_IMPORT = re.compile(r"^\s*(from bench\b|import bench\b)", re.M)


def _sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(TESTS.glob("*.py"))}


def test_tests_never_import_the_benchmarks():
    """Shared code (servers, synthetic data, browser waits) lives in tests/ and bench/ imports it, not the reverse;
    only the tests of a benchmark's own code (test_bench_*.py) import it."""
    offenders = [name for name, text in _sources().items() if BENCH_IMPORT.search(text)]
    assert [name for name in offenders if not name.startswith("test_bench_")] == []


def test_one_browser_wait_helper():
    """Only tests/browser.py reads Streamlit's script state; every browser test waits through `wait_for_app_run`."""
    attribute = "data-test-" + "script-state"  # split, so this file does not count itself
    readers = [name for name, text in _sources().items() if attribute in text]
    assert readers == ["browser.py"]


def test_the_rule_sees_an_import_of_bench():
    """The pattern the first test relies on matches both import forms and not a mere mention."""
    assert BENCH_IMPORT.search("from bench.servers import start_streamlit")
    assert BENCH_IMPORT.search("    import bench.load")
    assert not BENCH_IMPORT.search('"""Shared with bench/ (from tests.servers)."""')
