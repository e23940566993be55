"""The CLI as outside checks use it: a real subprocess, real files."""
import json
import subprocess
import sys

from kpi.engine import TABLE_COLUMNS
from kpi.registry import KPI_KEYS


def _run(*args):
    return subprocess.run([sys.executable, "-m", "kpi", *args], capture_output=True, text=True, timeout=120)


def test_json_has_exact_keys_in_registry_order():
    """JSON: one object per KPI in registry order with exactly the documented keys; undefined is null."""
    result = _run("table", "--year", "2018", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["kpi"] for r in rows] == list(KPI_KEYS)
    assert all(list(r) == list(TABLE_COLUMNS) for r in rows)
    visits = rows[KPI_KEYS.index("company_visits")]
    assert visits["plan_target_min"] is None and visits["plan_expected"] is None
    matchmaking = rows[KPI_KEYS.index("matchmaking_meetings")]
    assert (matchmaking["realized"], matchmaking["annual_gap"], matchmaking["plan_expected"]) == (211, -89, 600.0)


def test_text_prints_the_report_table():
    """Text: Dutch labels and the report's number formats."""
    result = _run("table", "--year", "2018")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "MJP '17-'20" in lines[0] and "AP '18" in lines[0] and "Real cum. ('17-'18)" in lines[0]
    matchmaking = next(line for line in lines if line.startswith("Aantal matchmaking-gesprekken"))
    assert matchmaking.split()[-4:] == ["1.200", "300", "211", "605"]
    visits = next(line for line in lines if line.startswith("Aantal bedrijfsbezoeken"))
    assert "niet gedefinieerd" in visits


def test_csv_and_as_of(tmp_path):
    """CSV output, and --as-of mid-year changes the expected value."""
    result = _run("table", "--year", "2018", "--format", "csv", "--as-of", "2018-06-30")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == ",".join(TABLE_COLUMNS)


def test_invalid_file_exit_2_without_traceback(tmp_path):
    """Invalid input: all problems listed, exit code 2, no traceback."""
    bad = tmp_path / "bad.csv"
    bad.write_text("activity_id;date;activity_type\nA;2018-02-31;mission\nA;x;party\n", encoding="cp1252")
    result = _run("table", "--year", "2018", "--activities", str(bad), "--lang", "en")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "row 2, column date, value '2018-02-31'" in result.stderr
    assert "row 3, column activity_type, value 'party'" in result.stderr
