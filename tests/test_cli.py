"""The CLI as outside checks use it: its real entry point (`python -m kpi`, forked per call by tests/cli_fork.py), real files."""

import datetime as dt
import json

from kpi.access import local_actor
from kpi.engine import TABLE_COLUMNS
from kpi.registry import KPI_KEYS
from kpi.schema import Activities as A
from kpi.store import FolderStore, open_store
from tests.cli_fork import run_kpi


def _run(*args):
    return run_kpi(*args, timeout=120)


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


NEW_KEYS = ("annual_expected", "forecast_year_end", "forecast_year_end_low", "forecast_year_end_high", "pace")


def test_json_adds_expected_forecast_and_pace_keys():
    """30 June 2018: every earlier key kept, plus the expected value, the forecast range and the pace method."""
    result = _run("table", "--year", "2018", "--as-of", "2018-06-30", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = {r["kpi"]: r for r in json.loads(result.stdout)}
    for row in rows.values():
        assert all(key in row for key in NEW_KEYS)
        assert row["pace"] in ("seasonal", "linear")
        low, value, high = row["forecast_year_end_low"], row["forecast_year_end"], row["forecast_year_end_high"]
        assert all(isinstance(v, int) for v in (low, value, high))
        assert low <= value <= high and value >= row["realized"]
    matchmaking = rows["matchmaking_meetings"]
    # One complete earlier year (2017): linear, 300 x 181/365 = 148.8; 132 / (181/365) = 266.
    assert (matchmaking["pace"], matchmaking["annual_expected"], matchmaking["forecast_year_end"]) == (
        "linear",
        148.8,
        266,
    )
    assert rows["services"]["annual_expected"] is None


def test_json_at_year_end_expected_is_the_minimum_and_the_data_end_is_named():
    """31 December: annual_expected equals annual_target_min; the data end (19 December) is named and the
    forecasts are made at it, so never below the realised value."""
    rows = json.loads(_run("table", "--year", "2018", "--format", "json").stdout)
    for row in rows:
        assert row["annual_expected"] == row["annual_target_min"]
        assert (row["data_through"], row["forecast_as_of"]) == ("2018-12-19", "2018-12-19")
        assert row["forecast_year_end_low"] <= row["forecast_year_end"] <= row["forecast_year_end_high"]
        assert row["forecast_year_end"] >= row["realized"]
        assert row["needed_period"] is None  # the year has ended: nothing more can be added


def test_plan_years_without_data_and_refused_years():
    """2019 (in the plan, no data) gives a table of zeros; 2030 and 10000 are refused with exit 2, no traceback."""
    rows = json.loads(_run("table", "--year", "2019", "--format", "json").stdout)
    assert {r["realized"] for r in rows} == {0}
    assert rows[KPI_KEYS.index("matchmaking_meetings")]["realized_cumulative"] == 605
    for year in ("2030", "10000", "1999"):
        result = _run("table", "--year", year, "--lang", "en")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"Year {year} lies outside every plan and all data" in result.stderr


def test_text_adds_the_progress_table():
    """Text: below the report's table, the progress per KPI with expected value, pace and forecast."""
    result = _run("table", "--year", "2018", "--as-of", "2018-06-30", "--lang", "en")
    assert result.returncode == 0
    assert "Expected by 30 June 2018" in result.stdout and "Forecast end of 2018" in result.stdout
    progress = result.stdout.split("\n\n")[1]
    matchmaking = next(line for line in progress.splitlines() if line.startswith("Matchmaking conversations"))
    assert matchmaking.split()[2:7] == ["132", "149", "−17", "pro", "rata"]


def _pack(tmp_path, name, as_of, *more):
    """Build a PDF pack for 2018 at `as_of` with the CLI; its JSON record."""
    out = tmp_path / name
    result = _run("boardpack", "--year", "2018", "--as-of", as_of, "--format", "pdf", "--out", str(out), *more)
    assert result.returncode == 0, result.stderr
    return json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))


def test_boardpack_is_recorded_and_the_next_pack_compares_with_it(tmp_path, isolated_store):
    """Each pack the CLI builds is recorded in the store (version, as-of, year, language, by the CLI user); a later
    pack's change column compares with the last earlier pack on that pack's own version, and building the same
    as-of date again compares with the previous quarter's end, not with itself."""
    store = FolderStore(isolated_store)
    store.seed_demo()
    first = _pack(tmp_path, "q3", "2018-09-30")
    assert first["change_since"] == {"as_of": "2018-06-30", "kind": "quarter", "version": None, "board_pack": None}
    packs = store.board_packs()
    assert [(p.number, p.version, p.as_of, p.year, p.lang, p.by["kind"]) for p in packs] == [
        (1, 1, dt.date(2018, 9, 30), 2018, "nl", "cli")
    ]
    activities = store.load(1).activities  # v2: mission M18-05 (26 Feb 2018) removed
    store.save(
        1,
        activities=activities[activities[A.activity_id] != "M18-05"],
        action="edit",
        description="-1",
        actor=local_actor(),
    )
    year_end = _pack(tmp_path, "q4", "2018-12-31", "--lang", "en")
    assert year_end["change_since"] == {"as_of": "2018-09-30", "kind": "board_pack", "version": 1, "board_pack": 1}
    missions = {k["kpi"]: k for k in year_end["kpis"]}["missions"]
    assert (missions["realized"], missions["change_since_reference"]) == (15, 5)  # 16 - 1 now; v1 had 10 by 30 Sep
    again = _pack(tmp_path, "q3-again", "2018-09-30")
    assert again["change_since"]["kind"] == "quarter"
    assert [(p.number, p.version, p.as_of, p.lang) for p in store.board_packs()] == [
        (1, 1, dt.date(2018, 9, 30), "nl"),
        (2, 2, dt.date(2018, 12, 31), "en"),
        (3, 2, dt.date(2018, 9, 30), "nl"),
    ]


def test_seed_demo_saves_the_demo_data_once(isolated_store):
    """`store seed-demo` saves the demo data as v1 into an empty store; a second call saves nothing and says so."""
    first = _run("store", "seed-demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("v1 opgeslagen uit de demogegevens in "), first.stdout
    second = _run("store", "seed-demo")
    assert second.returncode == 0 and not second.stderr, second.stderr
    assert "heeft al gegevens; de huidige versie is v1. Er is niets opgeslagen." in second.stdout
    assert [m.version for m in open_store().versions()] == [1]
