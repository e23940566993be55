"""Activity filters on tiny hand-built frames, against hand-worked rows (kills kpi/filters.py's mutants)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kpi.filters import ActivityFilter, filter_mask, take_rows


@pytest.mark.parametrize(
    "name, selection, want",
    [
        ("nothing chosen", ActivityFilter(), True),
        ("missions only, nothing else", ActivityFilter(missions_only=True), True),
        ("a year range", ActivityFilter(years=(2017, 2018)), False),
        ("a country", ActivityFilter(countries=("DE",)), False),
    ],
)
def test_is_empty(name, selection, want):
    """A filter is empty when only `missions_only` (or nothing) is set."""
    assert selection.is_empty() is want, name


def test_empty_filter_keeps_every_row():
    """An empty filter's mask is all True, one per row."""
    frame = pd.DataFrame({"year": np.array([2017, 2018, 2019], dtype="int16")})
    assert filter_mask(frame, ActivityFilter()).tolist() == [True, True, True]


def test_take_rows_with_a_repeated_column_name():
    """Repeated column names are taken as a whole frame: both "a" columns keep rows 0 and 2."""
    frame = pd.DataFrame([[1, 2, 3], [4, 5, 6], [7, 8, 9]], columns=["a", "a", "b"])
    got = take_rows(frame, np.array([0, 2]))
    assert list(got.columns) == ["a", "a", "b"]
    assert got.to_numpy().tolist() == [[1, 2, 3], [7, 8, 9]]
    assert list(got.index) == [0, 2]
