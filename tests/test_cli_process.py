"""`python -m kpi` started as a true subprocess: the entry point itself, and the fork runner giving the same result.

The other CLI tests fork each call from one preloaded interpreter (`tests/cli_fork.py`); these start Python afresh.
"""

import json
import os
import subprocess
import sys

from tests.cli_fork import run_kpi
from tests.conftest import ROOT


def _process(*args: str, cwd=ROOT, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kpi", *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )


def test_the_entry_point_prints_the_table_as_json():
    """`python -m kpi table --year 2018 --format json`: exit 0, one row per KPI, matchmaking 211 realised."""
    result = _process("table", "--year", "2018", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {row["kpi"]: row for row in json.loads(result.stdout)}
    assert rows["matchmaking_meetings"]["realized"] == 211


def test_a_refused_import_exits_2_with_a_message_and_no_traceback(tmp_path):
    """An import of a file without its required columns: exit 2, the problem in English, no traceback."""
    bad = tmp_path / "bad.csv"
    bad.write_text("activity_id;when\nX-1;2018-06-01\n", encoding="utf-8")
    result = _process("import", str(bad), "--kind", "activities", "--store", str(tmp_path / "s"), "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip() and "Traceback" not in result.stderr and 'File "/' not in result.stderr
    assert not (tmp_path / "s").exists()


def test_an_unknown_command_exits_2_with_the_usage():
    """argparse's refusal of an unknown command: exit 2 and the usage line on stderr."""
    result = _process("no-such-command")
    assert result.returncode == 2 and result.stderr.startswith("usage: python -m kpi")


def test_the_fork_runner_gives_what_a_subprocess_gives(tmp_path):
    """For a success, a refusal and an argparse error in another working directory and environment, `run_kpi`
    returns the same exit code, stdout and stderr as a fresh `python -m kpi`."""
    bad = tmp_path / "bad.csv"
    bad.write_text("activity_id;when\nX-1;2018-06-01\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KPI_STORE_DIR": str(tmp_path / "env-store")}
    calls = [
        ("table", "--year", "2018", "--format", "csv", "--lang", "en"),
        ("import", str(bad), "--kind", "activities", "--store", str(tmp_path / "s"), "--lang", "nl"),
        ("table", "--year", "not-a-year"),
        ("versions",),
    ]
    for args in calls:
        fresh = _process(*args, cwd=tmp_path, env=env)
        forked = run_kpi(*args, cwd=tmp_path, env=env)
        assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
