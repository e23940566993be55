"""The benchmark's synthetic activities follow the data contract and are typed like the loader's frames."""

from __future__ import annotations

import pandas as pd
import pytest

from kpi.engine import kpi_table
from kpi.parquet_io import read_frame, write_frame
from kpi.schema import ACTIVITY_TYPES, HOME_COUNTRY, MISSION
from kpi.schema import Activities as A
from kpi.validate import validate_activities, validate_targets
from tests import synth

N = 5_000


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """A small synthetic frame."""
    return synth.generate(N, seed=11)


def test_passes_contract_validation_unchanged(frame: pd.DataFrame) -> None:
    """As text cells it validates without problems or warnings, and validation gives back the same typed frame."""
    typed, warnings = validate_activities(synth.to_text(frame), "synthetic")
    assert warnings == []
    pd.testing.assert_frame_equal(typed, frame)


def test_deterministic_per_seed() -> None:
    """The same seed gives the same frame; another seed a different one."""
    pd.testing.assert_frame_equal(synth.generate(500, seed=3), synth.generate(500, seed=3))
    assert not synth.generate(500, seed=3).equals(synth.generate(500, seed=4))


def test_realistic_spread(frame: pd.DataFrame) -> None:
    """Every type occurs, visits and services outnumber missions, and dates span 2015-2024."""
    shares = frame[A.activity_type].value_counts(normalize=True)
    assert set(shares.index) == set(ACTIVITY_TYPES)
    assert shares["company_visit"] > shares[MISSION] and shares["service"] > shares[MISSION]
    assert frame[A.year].min() == synth.FIRST_YEAR and frame[A.year].max() == synth.LAST_YEAR
    assert frame[A.theme].nunique() == len(synth.THEMES)


def test_mission_fields(frame: pd.DataFrame) -> None:
    """Missions have a direction, a role and a foreign country; other rows have neither direction nor role."""
    missions = frame[frame[A.activity_type] == MISSION]
    assert missions[[A.direction, A.role, A.country]].notna().all().all()
    assert (missions[A.country] != HOME_COUNTRY).all()
    others = frame[frame[A.activity_type] != MISSION]
    assert others[[A.direction, A.role]].isna().all().all()
    assert {"CN", "DE", "US"} <= set(missions[A.country])


def test_foreign_companies_only_on_incoming_missions(frame: pd.DataFrame) -> None:
    """foreign_companies is filled exactly on incoming missions."""
    incoming = (frame[A.activity_type] == MISSION) & (frame[A.direction] == "incoming")
    assert (frame[A.foreign_companies].notna() == incoming).all()


def test_parquet_round_trip_keeps_values(frame: pd.DataFrame, tmp_path) -> None:
    """Written and read with the product's Parquet I/O, the frame keeps its values and column types."""
    path = tmp_path / "synthetic.parquet"
    write_frame(frame, path)
    back = read_frame(path)
    assert list(back.columns) == list(frame.columns)
    assert (back.dtypes.astype(str) == frame.dtypes.astype(str)).all()
    pd.testing.assert_frame_equal(back.astype(object), frame.astype(object))


def test_targets_validate_and_cover_every_year(frame: pd.DataFrame) -> None:
    """The benchmark's targets validate, and every synthetic year has a multi-year and an annual plan."""
    targets, _ = validate_targets(synth.targets_text())
    for year in range(synth.FIRST_YEAR, synth.LAST_YEAR + 1):
        table = kpi_table(frame, targets, year).to_frame()
        assert table["plan"].notna().all() and table["annual_plan"].notna().all()
