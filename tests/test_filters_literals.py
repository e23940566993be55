"""Activity filters on tiny hand-built frames, against hand-worked rows (kills kpi/filters.py's mutants)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from kpi.filters import ActivityFilter, filter_mask, filter_rows, take_rows
from kpi.parquet_io import read_frame


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


def test_take_rows_keeps_the_frame_attrs():
    """The taken rows keep the frame's attrs (e.g. where the data came from)."""
    frame = pd.DataFrame({"a": [1, 2, 3]})
    frame.attrs["source"] = "activities.csv"
    assert take_rows(frame, np.array([1])).attrs == {"source": "activities.csv"}


@pytest.mark.parametrize("chunks", [[["M-1", "M-2", "M-3", None, "M-5"]], [["M-1", "M-2"], ["M-3"], [None, "M-5"]]])
def test_take_rows_of_arrow_text_in_one_or_several_chunks(chunks):
    """Rows 1, 3 and 4 of an Arrow text column are M-2, a missing id and M-5, however the column is chunked."""
    dtype = pd.StringDtype("pyarrow")
    frame = pd.DataFrame({"activity_id": pd.array(pa.chunked_array(chunks, type=pa.large_string()), dtype=dtype)})
    got = take_rows(frame, np.array([1, 3, 4]))
    assert got["activity_id"].dtype == dtype
    assert got["activity_id"].tolist()[0::2] == ["M-2", "M-5"] and pd.isna(got["activity_id"].iloc[1])
    assert list(got.index) == [1, 3, 4]


def test_a_frame_read_back_has_its_text_in_one_chunk(tmp_path):
    """Parquet written in two row groups reads back with each text column in one chunk, values unchanged."""
    frame = pd.DataFrame({"title": pd.array(["a", "b", "c", "d"], dtype=pd.StringDtype("pyarrow"))})
    path = tmp_path / "two-groups.parquet"
    frame.to_parquet(path, engine="pyarrow", index=False, row_group_size=2)
    back = read_frame(path)
    assert back["title"].array.__arrow_array__().num_chunks == 1
    assert back["title"].tolist() == ["a", "b", "c", "d"]


@pytest.mark.parametrize("kind", ["category", "object", "str"])
def test_country_filter_on_any_column_type(kind):
    """Rows 0 and 2 are in DE, whether the country column is categorical or plain text."""
    frame = pd.DataFrame({"country": pd.Series(["DE", "CN", "DE", None], dtype=kind)})
    assert filter_mask(frame, ActivityFilter(countries=("DE",))).tolist() == [True, False, True, False]


# Six rows: year and (categorical) country.
YEARS = np.array([2017, 2018, 2018, 2018, 2019, 2018], dtype="int16")
COUNTRIES = ["DE", "CN", "US", "BE", "DE", "FR"]


@pytest.mark.parametrize(
    "name, selection, want",
    [
        (
            "five countries: a lookup table",
            ActivityFilter(countries=("DE", "CN", "US", "BE", "FR")),
            [0, 1, 2, 3, 4, 5],
        ),
        (
            "five countries after a year range",
            ActivityFilter(years=(2018, 2018), countries=("DE", "CN", "US", "BE", "FR")),
            [1, 2, 3, 5],
        ),
        ("four in the data, one not", ActivityFilter(countries=("DE", "CN", "US", "BE", "JP")), [0, 1, 2, 3, 4]),
        ("four countries: compared one by one", ActivityFilter(countries=("DE", "CN", "US", "BE")), [0, 1, 2, 3, 4]),
        ("a country not in the data", ActivityFilter(countries=("JP",)), []),
        ("a country not in the data, after a year range", ActivityFilter(years=(2018, 2019), countries=("JP",)), []),
    ],
)
def test_categorical_country_filter(name, selection, want):
    """The matching row positions, worked out by hand from the six rows."""
    frame = pd.DataFrame({"year": YEARS, "country": pd.Categorical(COUNTRIES)})
    assert np.flatnonzero(filter_mask(frame, selection)).tolist() == want, name


# The same six rows with a type and a plain-text (not categorical) theme: a part tested on the kept rows only.
TYPES = ["mission", "mission", "service", "mission", "mission", "mission"]
THEMES = ["x", "y", "x", "x", "x", "x"]


@pytest.mark.parametrize(
    "name, selection, want",
    [
        ("restricting nothing", ActivityFilter(), None),
        ("only cheap parts: missions of 2018", ActivityFilter(years=(2018, 2018), missions_only=True), [1, 3, 5]),
        ("only a plain-text part", ActivityFilter(themes=("x",)), [0, 2, 3, 4, 5]),
        (
            "cheap parts, then a lookup table and a plain-text part",
            ActivityFilter(
                years=(2018, 2018), countries=("DE", "CN", "US", "BE", "FR"), themes=("x",), missions_only=True
            ),
            [3, 5],
        ),
        ("a plain-text part after cheap ones, none left", ActivityFilter(years=(2019, 2019), themes=("y",)), []),
    ],
)
def test_filter_rows_cheap_parts_first(name, selection, want):
    """The matching row positions (ascending), worked out by hand: rows 3 and 5 are the 2018 missions in a listed
    country with theme x (row 1 has theme y, row 2 is a service, rows 0 and 4 are other years)."""
    frame = pd.DataFrame(
        {
            "activity_type": pd.Categorical(TYPES),
            "year": YEARS,
            "country": pd.Categorical(COUNTRIES),
            "theme": pd.Series(THEMES, dtype=object),
        }
    )
    got = filter_rows(frame, selection)
    assert (None if got is None else got.tolist()) == want, name


def test_filter_rows_on_a_float_year_column():
    """A year column of floats is tested on the kept rows: 2018 is rows 1, 2, 3 and 5, DE among them none."""
    frame = pd.DataFrame({"year": YEARS.astype("float64"), "country": pd.Categorical(COUNTRIES)})
    assert filter_rows(frame, ActivityFilter(years=(2018, 2018))).tolist() == [1, 2, 3, 5]
    assert filter_rows(frame, ActivityFilter(years=(2018, 2018), countries=("DE",))).tolist() == []
