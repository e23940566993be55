"""One honest story on every date: what is needed, the status against its forecast, the data's own end date.

Invariants over a grid of dates (every month end of 2017-2019, 27-31 December, 29 February 2016 and 2020, dates
after the data ends) and three data sets (the demo data, a synthetic set whose data ends months before many
as-of dates, and a seasonal one with a gap of months mid-year), then hand-worked literals from
data/activities.csv.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from kpi import dashboard as vm
from kpi import pace as pc
from kpi.access import Actor
from kpi.boardpack.spec import describe_snapshot
from kpi.commentary import commentary_entries, commentary_for, period_of, set_commentary
from kpi.engine import kpi_table
from kpi.i18n import t
from kpi.load import DEMO_ACTIVITIES, load_activities, load_targets
from kpi.report import progress_frame
from kpi.store import open_store
from kpi.story import commentary_history_frame, data_through_words, imported_at, needed_text, status_legend
from kpi.targets import ON_SCHEDULE_SHORT, STATUSES
from tests.cli_fork import run_kpi

MONTH_ENDS = [dt.date(y, m, calendar.monthrange(y, m)[1]) for y in (2017, 2018, 2019) for m in range(1, 13)]
YEAR_ENDS = [dt.date(y, 12, d) for y in (2017, 2018, 2019) for d in (27, 28, 29, 30, 31)]
LEAP_DAYS = [dt.date(2016, 2, 29), dt.date(2020, 2, 29)]
AFTER_DATA = [dt.date(2018, 12, 20), dt.date(2019, 1, 1), dt.date(2019, 6, 15), dt.date(2020, 12, 30)]
ANNA = Actor(role="editor", kind="oidc", subject="sub-anna", email="anna@example.nl", name="Anna de Vries")
GRID = sorted(set(MONTH_ENDS + YEAR_ENDS + LEAP_DAYS + AFTER_DATA))

TARGETS = """kpi;plan;start_year;end_year;target_min;target_max
missions;MJP 2017-2020;2017;2020;24;32
matchmaking_meetings;MJP 2017-2020;2017;2020;1200;
info_meetings;MJP 2017-2020;2017;2020;40;
company_visits;AP 2018;2018;2018;30;
matchmaking_meetings;AP 2018;2018;2018;300;
info_meetings;AP 2018;2018;2018;10;12
missions;AP 2018;2018;2018;6;8
matchmaking_meetings;AP 2019;2019;2019;320;
info_meetings;AP 2019;2019;2019;12;
"""


def cli_json(*args: str) -> list[dict]:
    """`python -m kpi ...` run for real, its JSON output read back."""
    done = run_kpi(*args, timeout=120)
    done.check_returncode()
    return json.loads(done.stdout)


def _write(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    """A real activities CSV as Dutch Excel writes it: (date, type, matchmaking meetings) per row."""
    lines = ["activity_id;date;activity_type;direction;role;country;companies;matchmaking_meetings"]
    for n, (date, kind, meetings) in enumerate(rows):
        mission = kind == "mission"
        lines.append(
            f"S{n};{date};{kind};{'outgoing' if mission else ''};{'lead' if mission else ''};"
            f"{'DE' if mission else 'NL'};{3 if mission else 1};{meetings}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def _ends_early(folder: Path) -> Path:
    """2016-2017 every month, then 2018 only up to 31 March: the data ends months before most 2018 dates."""
    rows = []
    for year in (2016, 2017):
        for month in range(1, 13):
            rows += [(f"{year}-{month:02d}-10", "info_meeting", 8), (f"{year}-{month:02d}-20", "mission", 20)]
    rows += [(f"2018-{m:02d}-15", "info_meeting", 9) for m in (1, 2, 3)] + [("2018-03-31", "mission", 25)]
    return _write(folder / "ends_early.csv", rows)


def _summer_gap(folder: Path) -> Path:
    """Seasonal: busy autumns in 2016-2018, nothing from May to August 2018, data ending 15 October 2019."""
    rows = []
    for year in (2016, 2017, 2018, 2019):
        months = [1, 3, 9, 10, 11] if year < 2019 else [1, 3, 9, 10]
        for month in months:
            if year == 2019 and month == 10:
                rows.append(("2019-10-15", "info_meeting", 40))
                continue
            rows += [(f"{year}-{month:02d}-05", "info_meeting", 30), (f"{year}-{month:02d}-25", "mission", 12)]
    return _write(folder / "summer_gap.csv", rows)


@pytest.fixture(scope="module")
def data_sets(tmp_path_factory, demo_targets):
    """(name, activities, targets, latest date written in the file) for the three data sets."""
    folder = tmp_path_factory.mktemp("story")
    targets_path = folder / "targets.csv"
    targets_path.write_text(TARGETS, encoding="utf-8-sig")
    synthetic = load_targets(targets_path)
    sets = [("demo", load_activities(DEMO_ACTIVITIES), demo_targets, "2018-12-19")]
    sets.append(("ends_early", load_activities(_ends_early(folder)), synthetic, "2018-03-31"))
    sets.append(("summer_gap", load_activities(_summer_gap(folder)), synthetic, "2019-10-15"))
    return sets


def test_invariants_over_dates_and_data_sets(data_sets):
    """On every date and data set: needed <= missing (and per month only with a month or more left); "on track"
    never beside a forecast whose high end misses the minimum; the plan-end forecast present while the plan runs;
    data_through is the file's latest date and the forecasts are made at the earlier of it and the as-of date."""
    checked = 0
    for name, activities, targets, latest in data_sets:
        years = vm.selectable_years(activities, targets)
        for as_of in GRID:
            if as_of.year not in years:
                continue
            table = kpi_table(activities, targets, as_of.year, as_of)
            assert table.data_through == dt.date.fromisoformat(latest), name
            assert table.forecast_as_of == min(as_of, table.data_through), (name, as_of)
            for row in table.rows:
                where = (name, as_of, row.key)
                for needed, minimum, done in (
                    (row.needed, row.annual_target.min, row.realized),
                    (row.plan_needed, row.plan_target.min, row.cumulative),
                ):
                    if needed is None:
                        continue
                    assert needed.amount <= max(0, minimum - done), where
                    if needed.period == pc.NeededPeriod.MONTH:
                        assert needed.days >= 28 and needed.months >= 1, where
                    if needed.days < 28:
                        assert needed.period != pc.NeededPeriod.MONTH, where
                if row.annual_status == "on_track":
                    assert row.forecast.high >= row.annual_target.min, where
                if row.plan_status == "on_track":
                    assert row.plan_forecast.high >= row.plan_target.min, where
                assert row.forecast.low <= row.forecast.value <= row.forecast.high, where
                if row.plan is not None:
                    assert row.plan_running == (as_of < dt.date(row.plan.end_year, 12, 31)), where
                    if row.plan_running:
                        assert row.plan_forecast is not None, where
            cards = vm.kpi_cards(table, activities, as_of.year, "nl", as_of)
            for card, row in zip(cards, table.rows):
                assert list(card.trend.index)[-1] == as_of.year, (name, as_of)  # the year shown is on the line
                if row.plan_running and row.plan_target.defined:
                    assert card.plan_forecast_text, (name, as_of, row.key)
                assert "per resterende maand" not in card.needed_text or row.needed.months >= 1
            checked += 1
    assert checked > 100


def test_after_the_data_ends_forecasts_are_projected_not_zero(data_sets):
    """The data ending on 31 March 2018: on 30 September 2018 and in 2019 the forecasts are the ones made on
    31 March (not "nothing happened since"), and the cards and caption say so."""
    _, activities, targets, _ = next(s for s in data_sets if s[0] == "ends_early")
    at_data_end = kpi_table(activities, targets, 2018, dt.date(2018, 3, 31)).row("info_meetings")
    later = kpi_table(activities, targets, 2018, dt.date(2018, 9, 30))
    row = later.row("info_meetings")
    assert later.projected and row.forecast == at_data_end.forecast and row.forecast.value > row.realized
    in_2019 = kpi_table(activities, targets, 2019, dt.date(2019, 6, 30))
    assert in_2019.row("info_meetings").forecast == at_data_end.forecast  # 2019 at the rate forecast for 2018
    assert in_2019.row("info_meetings").plan_forecast == at_data_end.plan_forecast
    card = next(c for c in vm.kpi_cards(later, activities, 2018, "nl") if c.key == "info_meetings")
    assert "naar het tempo t/m 31 maart 2018" in card.forecast_text
    assert card.data_text == "Gegevens t/m 31 maart 2018"
    assert vm.overview_caption(later, "en").endswith("Data through 31 March 2018.")


# --- Hand-worked literals from data/activities.csv --------------------------------------------------------------


def test_30_december_matchmaking_needs_89_in_the_last_day(demo_activities, demo_targets):
    """30 December 2018: 211 matchmaking conversations of 300, so 89 are missing and one day is left: "89 nodig in
    de laatste dag", never 2.759 per remaining month; the JSON columns say the same."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 12, 30))
    row = table.row("matchmaking_meetings")
    assert (row.realized, row.needed.amount, row.needed.period, row.needed.days) == (211, 89, pc.NeededPeriod.REST, 1)
    assert needed_text(row.needed, "2018", "nl") == "89 nodig in de laatste dag"
    assert needed_text(row.needed, "2018", "en") == "89 needed in the last day"
    frame = table.to_frame().set_index("kpi")
    assert (frame.at["matchmaking_meetings", "needed"], frame.at["matchmaking_meetings", "needed_period"]) == (
        89,
        "rest",
    )
    card = next(c for c in vm.kpi_cards(table, demo_activities, 2018, "nl") if c.key == "matchmaking_meetings")
    assert card.needed_text == "89 nodig in de laatste dag"
    assert "89 nodig in de laatste dag" in progress_frame(table, "nl").iloc[3].tolist()


def test_28_december_names_the_three_days_left(demo_activities, demo_targets):
    """28 December 2018: 29, 30 and 31 December are left: "89 nodig in de laatste 3 dagen"."""
    row = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 12, 28)).row("matchmaking_meetings")
    assert needed_text(row.needed, "2018", "nl") == "89 nodig in de laatste 3 dagen"


def test_a_small_shortfall_is_not_given_per_month(demo_activities, demo_targets):
    """30 June 2018, the plan's 24 missions: 16 done, 8 missing over 30 months: "8 nodig vóór eind …", not
    "1 per resterende maand"; matchmaking (168 missing in 6 months) is 28 per month."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30))
    missions = table.row("missions")
    assert (missions.cumulative, missions.plan_needed.amount, missions.plan_needed.period) == (16, 8, "rest")
    assert needed_text(missions.plan_needed, "MJP 2017-2020", "nl") == (
        "8 nodig vóór eind MJP 2017-2020 (samen, niet per maand)"
    )
    matchmaking = table.row("matchmaking_meetings").needed
    assert (matchmaking.amount, matchmaking.period) == (28, "month")  # 168 / 6 = 28


def test_30_june_matchmaking_status_in_words(demo_activities, demo_targets):
    """30 June 2018 matchmaking: the year is at risk (132 against 300 x 181/365 = 148.8, at least 80 % of it); the
    plan is on schedule (526 against 448.8) but its forecast 526 + 134 + 2 x 266 = 1.192 misses 1.200."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30))
    row = table.row("matchmaking_meetings")
    assert (row.cumulative, row.plan_expected, row.plan_forecast.high) == (526, 448.8, 1192)
    assert (row.annual_status, row.plan_status) == ("at_risk", ON_SCHEDULE_SHORT)
    card = next(c for c in vm.kpi_cards(table, demo_activities, 2018, "nl") if c.key == "matchmaking_meetings")
    assert (card.status_text, card.plan_status_text) == ("Risico", "Op schema, prognose haalt doel niet")
    assert card.plan_forecast_text == "Prognose eind MJP 2017-2020: 1.192"
    en = next(c for c in vm.kpi_cards(table, demo_activities, 2018, "en") if c.key == "matchmaking_meetings")
    assert en.plan_status_text == "On schedule, forecast misses target"


def test_january_visits_are_not_on_track_beside_a_short_forecast(demo_activities, demo_targets):
    """31 January 2018: 11 company visits against 30 x 31/365 = 2.5 expected, but with less than 10 % of the year
    done the forecast is 11 + (334/365) x 20 (2017's visits) = 29.3, below 30: on schedule, forecast misses."""
    row = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 1, 31)).row("company_visits")
    assert (row.realized, row.forecast.high, row.annual_status) == (11, 29, ON_SCHEDULE_SHORT)


def test_31_december_still_shows_the_plan_end_forecast(demo_activities, demo_targets):
    """31 December 2018: the plan runs two more years, so its forecast stays on the card: made on 19 December (the
    data's end), 605 + (218 - 211) + 2 x 218 = 1.048, with 211 x 365/353 = 218."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 12, 31))
    card = next(c for c in vm.kpi_cards(table, demo_activities, 2018, "nl") if c.key == "matchmaking_meetings")
    assert card.plan_forecast_text == "Prognose eind MJP 2017-2020 (naar het tempo t/m 19 december 2018): 1.048"
    assert card.forecast_text == "" and card.needed_text == ""  # the year itself has ended
    assert card.status_text == "Niet behaald" and card.plan_status_text == "Op schema, prognose haalt doel niet"


def test_a_2019_date_projects_from_december_2018(demo_activities, demo_targets):
    """31 March 2019 (no 2019 data): the 2019 forecast is 2018's rate (218), the plan end stays 1.048, and the
    trend line ends with 2019: matchmaking up to 31 March is 70 in 2017, 75 in 2018 and 0 in 2019."""
    table = kpi_table(demo_activities, demo_targets, 2019, dt.date(2019, 3, 31))
    row = table.row("matchmaking_meetings")
    assert (row.realized, row.forecast.value, row.plan_forecast.value) == (0, 218, 1048)
    card = next(c for c in vm.kpi_cards(table, demo_activities, 2019, "nl") if c.key == "matchmaking_meetings")
    assert list(card.trend.items()) == [(2017, 70), (2018, 75), (2019, 0)]
    assert card.forecast_text == "Prognose eind 2019 (naar het tempo t/m 19 december 2018): 218"
    assert card.data_text == "Gegevens t/m 19 december 2018"


def test_status_legend_names_every_status_with_its_rule():
    """The legend lists every declared status once, in both languages, with the words the cards use."""
    for lang in ("nl", "en"):
        legend = status_legend(lang)
        assert [name for _, name, _ in legend] == [t(f"status.{s}", lang) for s in STATUSES]
    on_track = dict((name, meaning) for _, name, meaning in status_legend("nl"))["Op koers"]
    assert "prognose" in on_track and "verwacht" in on_track


def test_data_imported_is_the_time_of_the_latest_import_not_of_a_later_commentary(tmp_path, monkeypatch):
    """A folder store: v1 the demo seed, v2 an import of ten rows, v3 a commentary edit. The import time is v2's
    (a commentary edit keeps the activities file), the JSON carries it, and the caption shows it in Amsterdam time."""
    location = tmp_path / "store"
    store = open_store(str(location))
    store.seed_demo()
    imported = store.save(1, activities=store.load().activities.iloc[:10], action="import", description="x", actor=ANNA)
    notes = set_commentary(store.load().commentary, "missions", 2018, "nl", "Goed jaar.")
    commented = store.save(2, commentary=notes, action="commentary", description="y", actor=ANNA)
    assert commented.version == 3 and imported_at(store, commented) == imported.created
    monkeypatch.setenv("KPI_STORE", str(location))
    rows = cli_json("table", "--year", "2018", "--format", "json")
    assert {r["data_imported"] for r in rows} == {imported.created}
    stamp = dt.datetime(2026, 11, 28, 14, 5, tzinfo=dt.UTC).isoformat()  # 15:05 in Amsterdam (CET, UTC+1)
    assert data_through_words(dt.date(2018, 12, 19), stamp, "nl") == (
        "Gegevens t/m 19 december 2018 (laatste import 28 november 2026 15:05)"
    )


# --- Commentary per reporting period ----------------------------------------------------------------------------


def test_old_commentary_reads_as_the_years_and_periods_stay_apart():
    """A table stored before periods (kpi, year, lang, text) reads as year commentary; a Q2 text beside it is
    shown at 30 June, the year's at 31 December, and writing one period keeps the other with author and time."""
    old = pd.DataFrame({"kpi": ["missions"], "year": [2018], "lang": ["nl"], "text": ["Jaartekst."]})
    assert commentary_for(old, 2018, "nl") == {"missions": "Jaartekst."}
    assert commentary_for(old, 2018, "nl", period_of(dt.date(2018, 6, 30))) == {}
    table = set_commentary(
        old, "missions", 2018, "nl", "Halverwege.", "Q2", author="Anna", written="2018-07-02T09:00:00+00:00"
    )
    assert commentary_for(table, 2018, "nl", period_of(dt.date(2018, 6, 30))) == {"missions": "Halverwege."}
    assert commentary_for(table, 2018, "nl", period_of(dt.date(2018, 12, 31))) == {"missions": "Jaartekst."}
    entries = commentary_entries(table, 2018, "missions")
    assert entries["period"].tolist() == ["year", "Q2"] and entries["author"].tolist()[1] == "Anna"
    shown = commentary_history_frame(entries, 2018, "nl")
    assert shown.values.tolist() == [
        ["heel 2018", "Nederlands", "Jaartekst.", "onbekend (van vóór de perioden)", "onbekend (van vóór de perioden)"],
        ["K2 2018", "Nederlands", "Halverwege.", "Anna", "2 juli 2018 11:00"],
    ]
    assert [period_of(dt.date(2018, m, d)) for m, d in ((3, 31), (5, 15), (9, 30), (12, 30), (12, 31))] == [
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "year",
    ]


def test_a_june_pack_shows_the_june_commentary_not_the_years(tmp_path):
    """A pack at 30 June 2018 carries the Q2 text; the year-end pack the year's; both texts stay in the store."""
    store = open_store(str(tmp_path / "store"))
    store.seed_demo()
    notes = set_commentary(store.load().commentary, "missions", 2018, "nl", "Jaartekst over missies.")
    notes = set_commentary(notes, "missions", 2018, "nl", "Juni: acht missies.", "Q2", author="Anna")
    store.save(1, commentary=notes, action="commentary", description="x", actor=ANNA)
    snapshot = store.load()
    june = describe_snapshot(snapshot, 2018, dt.date(2018, 6, 30), "nl")
    year_end = describe_snapshot(snapshot, 2018, dt.date(2018, 12, 31), "nl")
    assert {r.key: r.comment for r in june.rows}["missions"] == "Juni: acht missies."
    assert {r.key: r.comment for r in year_end.rows}["missions"] == "Jaartekst over missies."
    assert "Gegevens t/m 19 december 2018" in june.pages[0].lines
