"""Validation: every problem reported at once with row, column and value; random input never crashes."""

import string

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi.problems import ValidationError, problems_frame
from kpi.schema import ACTIVITY_COLUMNS, TARGET_COLUMNS
from kpi.validate import validate_activities, validate_targets
from tests.conftest import hypothesis_examples

HEADER = "activity_id,date,activity_type,direction,role,country,companies,matchmaking_meetings,title\n"


def _frame(text: str) -> pd.DataFrame:
    from io import StringIO

    return pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)


def test_all_problems_reported_at_once():
    """One file with many different errors reports each, with spreadsheet row numbers."""
    frame = _frame(
        HEADER
        + "A1,31-02-2018,mission,,lead,CN,3,0,ok\n"  # row 2: bad date, no direction
        + "A1,2018-13-01,visit,incoming,,,x,-1,ok\n"  # row 3: dup id, bad date, bad type, count
        + "A3,2018-05-01,service,outgoing,,ZZ,2.5,,ok\n"  # row 4: direction on service, country, count
        + ",2018-05-02,mission,incoming,boss,NL,1,1,ok\n"
    )  # row 5: id empty, bad role, home country
    with pytest.raises(ValidationError) as info:
        validate_activities(frame, "bad.csv")
    found = {(p.row, p.column, p.code) for p in info.value.problems}
    assert {
        (2, "date", "bad_date"),
        (2, "direction", "mission_needs_direction"),
        (2, "activity_id", "duplicate_id"),
        (3, "activity_id", "duplicate_id"),
        (3, "date", "bad_date"),
        (3, "activity_type", "bad_activity_type"),
        (3, "companies", "bad_count"),
        (3, "matchmaking_meetings", "bad_count"),
        (4, "direction", "direction_not_mission"),
        (4, "country", "bad_country"),
        (4, "companies", "bad_count"),
        (5, "activity_id", "required"),
        (5, "role", "bad_role"),
        (5, "country", "mission_needs_country"),
    } <= found


def test_messages_in_both_languages():
    """The message names the row, column and value, in Dutch and in English."""
    frame = _frame(HEADER + "A1,2018/13/01,service,,,,,,\n")
    with pytest.raises(ValidationError) as info:
        validate_activities(frame, "f.csv")
    nl, en = info.value.message("nl"), info.value.message("en")
    assert "rij 2, kolom date, waarde '2018/13/01': Geen geldige datum. Schrijf de datum als JJJJ-MM-DD" in nl
    assert "row 2, column date, value '2018/13/01': Not a valid date. Write the date as YYYY-MM-DD" in en
    table = problems_frame(info.value.problems, "nl")
    assert list(table.columns) == ["Soort", "Rij", "Kolom", "Waarde", "Wat is er mis", "Wat te doen"]


def test_formula_like_text_is_a_warning_not_an_error():
    """Text starting with = is kept, with a warning."""
    frame = _frame(HEADER + 'A1,2018-01-01,service,,,,,,=HYPERLINK("x")\n')
    typed, warnings = validate_activities(frame)
    assert len(typed) == 1 and [w.code for w in warnings] == ["formula_like"]


def test_targets_rules():
    """Targets: unknown KPI, end before start, max below min, duplicate KPI in a plan."""
    frame = _frame(
        "kpi,plan,start_year,end_year,target_min,target_max\n"
        "missions,AP,2018,2018,8,6\nmissions,AP,2018,2018,1,\nnope,MJP,2020,2017,,\n"
    )
    with pytest.raises(ValidationError) as info:
        validate_targets(frame)
    codes = {(p.row, p.code) for p in info.value.problems}
    assert {
        (2, "max_below_min"),
        (2, "duplicate_target"),
        (3, "duplicate_target"),
        (4, "bad_kpi"),
        (4, "end_before_start"),
    } <= codes


cell = st.text(alphabet=string.printable + "éü€;,\"'", max_size=12)


@settings(max_examples=hypothesis_examples(150), deadline=None)
@given(
    st.lists(st.fixed_dictionaries({c: cell for c in ACTIVITY_COLUMNS}), min_size=1, max_size=8),
    st.sets(st.sampled_from(ACTIVITY_COLUMNS)),
)
def test_random_activities_raise_only_validation_error(rows, dropped):
    """Random malformed activities either validate or raise ValidationError with problems; nothing else."""
    frame = pd.DataFrame(rows).drop(columns=list(dropped)).astype(str)
    try:
        typed, _ = validate_activities(frame)
    except ValidationError as error:
        assert error.problems and all(p.code for p in error.problems)
        error.message("nl"), error.message("en")
    else:
        assert len(typed) == len(frame)


@settings(max_examples=hypothesis_examples(100), deadline=None)
@given(st.lists(st.fixed_dictionaries({c: cell for c in TARGET_COLUMNS}), min_size=1, max_size=8))
def test_random_targets_raise_only_validation_error(rows):
    """Random malformed targets either validate or raise ValidationError."""
    try:
        validate_targets(pd.DataFrame(rows).astype(str))
    except ValidationError as error:
        assert error.problems


@settings(max_examples=hypothesis_examples(60), deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_random_bytes_raise_only_validation_error(tmp_path_factory, data, suffix):
    """Random bytes under any supported name raise ValidationError or read cleanly, never anything else."""
    from kpi.load import load_activities

    path = tmp_path_factory.mktemp("rnd") / f"f{suffix}"
    path.write_bytes(data)
    try:
        load_activities(path)
    except ValidationError as error:
        assert error.problems
