"""The column declarations (kpi/schema.py): complete, and the one source every consumer reads."""

from __future__ import annotations

import pandas as pd
import pytest

from kpi import mapping as M
from kpi import schema as S
from kpi import validate as V
from kpi.headers import KNOWN_KEYS
from kpi.problems import ValidationError
from kpi.readers import read_raw


@pytest.mark.parametrize("column", S.ACTIVITIES + S.TARGETS, ids=lambda c: c.name)
def test_every_column_is_declared_completely(column):
    """A known type and storage, a meaning, a required rule; a code column has codes, and only code columns do."""
    assert column.type in (S.ID, S.TEXT, S.DATE, S.CODE, S.COUNT, S.YEAR, S.TARGET)
    assert column.required in (S.ALWAYS, S.FOR_MISSIONS, S.OPTIONAL)
    assert column.dtype in ("string", "category", "codes", "datetime64[ns]", "int64", "Int64")
    assert column.meaning
    assert bool(column.codes()) is (column.type == S.CODE)
    assert all(code in column.codes() for _, code in column.value_aliases)
    assert all(value in column.codes() for _, yes, no in column.yes_no for value in (yes, no))


@pytest.mark.parametrize("kind", ["activities", "targets"])
def test_an_alias_names_one_column(kind):
    """No header key names two columns, and no alias is another column's name."""
    keys = [a for c in S.columns(kind) for a in c.aliases] + [k for c in S.columns(kind) for k, _, _ in c.yes_no]
    assert len(keys) == len(set(keys))
    assert not set(keys) & set(S.names(kind))


def test_declared_aliases_reach_readers_mapping_and_validation():
    """A new alias in the declaration is known to the header finder, proposed by the mapping and validated."""
    assert {"datum", "land", "leadpartner", "startjaar"} <= KNOWN_KEYS
    raw = read_raw(b"Activiteitnummer;Datum;Soort;Land\nX1;2018-02-01;Bedrijfsbezoek;Duitsland\n", "a.csv")
    assert M.propose(raw, "activities").columns == {
        "Activiteitnummer": "activity_id",
        "Datum": "date",
        "Soort": "activity_type",
        "Land": "country",
    }
    frame, _ = V.validate_activities(raw, "a.csv")
    assert frame.loc[0, "activity_type"] == "company_visit" and frame.loc[0, "country"] == "DE"


def test_rules_follow_the_declarations():
    """Each code column has its allowed-values rule, each for-missions column its rule, by the codes used before."""
    codes = {r.code for r in V.ACTIVITY_RULES}
    assert codes == {
        "duplicate_id",
        "bad_activity_type",
        "bad_direction",
        "bad_role",
        "bad_country",
        "mission_needs_direction",
        "mission_needs_role",
        "mission_needs_country",
        "direction_not_mission",
        "role_not_mission",
    }
    assert "bad_kpi" in {r.code for r in V.TARGET_RULES}


def test_typed_frame_keeps_each_column_as_declared():
    """The typed activities frame: the declared dtypes, counts last (the stored column order)."""
    raw = pd.DataFrame(
        {"activity_id": ["M1"], "date": ["2018-03-01"], "activity_type": ["mission"], "direction": ["incoming"]}
        | {"role": ["lead"], "country": ["DE"], "companies": [""], "foreign_companies": [""]}
    )
    frame, _ = V.validate_activities(raw, "t")
    assert list(frame.columns) == [
        "activity_id",
        "date",
        "activity_type",
        "title",
        "direction",
        "role",
        "country",
        "region",
        "city",
        "theme",
        "companies",
        "matchmaking_meetings",
        "foreign_companies",
        "year",
    ]
    assert str(frame["activity_type"].dtype) == "category"
    assert list(frame["activity_type"].cat.categories) == list(S.ACTIVITY_TYPES)
    assert (frame.loc[0, "companies"], str(frame["companies"].dtype)) == (0, "int64")
    assert pd.isna(frame.loc[0, "foreign_companies"]) and str(frame["foreign_companies"].dtype) == "Int64"


def test_mission_without_foreign_country_is_refused_by_the_declared_rule():
    """country is required for missions, and NL (home) does not count as filled."""
    raw = pd.DataFrame(
        {"activity_id": ["M1"], "date": ["2018-03-01"], "activity_type": ["missie"]}
        | {"direction": ["inkomend"], "role": ["lead"], "country": ["NL"]}
    )
    with pytest.raises(ValidationError) as info:
        V.validate_activities(raw, "t")
    assert [(p.code, p.column) for p in info.value.problems] == [("mission_needs_country", "country")]
