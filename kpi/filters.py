"""Activity filters (year range, country, direction, role, theme, region), applied together."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from kpi.schema import MISSION, arrow_backed
from kpi.schema import Activities as A


@dataclass(frozen=True)
class ActivityFilter:
    """A selection of activities; an empty tuple (or None years) means no restriction."""

    years: tuple[int, int] | None = None  # inclusive range
    countries: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    missions_only: bool = False

    def is_empty(self) -> bool:
        """True when the filter restricts nothing."""
        return self == ActivityFilter(missions_only=self.missions_only)


# Filter field -> column it restricts.
FILTER_COLUMNS: dict[str, str] = {
    "countries": A.country,
    "directions": A.direction,
    "roles": A.role,
    "themes": A.theme,
    "regions": A.region,
}


def filter_mask(activities: pd.DataFrame, selection: ActivityFilter) -> np.ndarray:
    """Boolean mask of the rows matching every part of `selection`."""
    rows = filter_rows(activities, selection)
    if rows is None:
        return np.ones(len(activities), dtype=bool)
    mask = np.zeros(len(activities), dtype=bool)
    mask[rows] = True
    return mask


def filter_rows(activities: pd.DataFrame, selection: ActivityFilter) -> np.ndarray | None:
    """Ascending positions of the rows matching `selection`; None when it restricts nothing.

    The cheap parts (a few integer-code compares each) are tested on every row at once, one combined mask,
    so only the matching rows are ever listed; the other parts are then tested only on the rows kept so far.
    """
    rows = None
    tests = _tests(activities, selection)
    cheap = [test for test, is_cheap in tests if is_cheap]
    if cheap:
        hit = cheap[0](None)
        for test in cheap[1:]:
            hit &= test(None)
        rows = np.flatnonzero(hit)
    for test in (test for test, is_cheap in tests if not is_cheap):
        hit = test(rows)
        rows = np.flatnonzero(hit) if rows is None else rows[hit]
    return rows


_Test = Callable[[np.ndarray | None], np.ndarray]


def _tests(activities: pd.DataFrame, selection: ActivityFilter) -> list[tuple[_Test, bool]]:
    """One test per restricting part (which of given rows, None: all, match) and whether it is cheap on all rows."""
    tests = []
    if selection.missions_only:
        tests.append(_isin_test(activities[A.activity_type], (MISSION,)))
    if selection.years is not None:
        tests.append(_between_test(activities[A.year], *selection.years))
    for name, column in FILTER_COLUMNS.items():
        values = getattr(selection, name)
        if values:
            tests.append(_isin_test(activities[column], values))
    return tests


def _between_test(column: pd.Series, lo: int, hi: int) -> tuple[_Test, bool]:
    values = column.to_numpy()

    def test(rows: np.ndarray | None) -> np.ndarray:
        picked = values if rows is None else values[rows]
        hit = picked >= lo
        hit &= picked <= hi
        return hit

    return test, isinstance(column.dtype, np.dtype) and column.dtype.kind in "iu"


# Up to this many wanted categories are matched by comparing codes; more use a lookup table.
_MAX_COMPARES = 4


def _isin_test(column: pd.Series, values: tuple[str, ...]) -> tuple[_Test, bool]:
    """`column.isin(values)` on the given rows, on a categorical's integer codes when it is one."""
    if not isinstance(column.dtype, pd.CategoricalDtype) or any(pd.isna(v) for v in values):

        def test(rows: np.ndarray | None) -> np.ndarray:
            picked = column if rows is None else column.iloc[rows]
            return picked.isin(values).to_numpy(dtype=bool)

        return test, False
    codes, categories = column.array.codes, column.array.categories
    wanted = sorted({categories.get_loc(v) for v in values if v in categories})
    lookup = np.zeros(len(categories) + 1, dtype=bool)  # last slot: code -1, a missing value
    lookup[wanted] = True

    def test(rows: np.ndarray | None) -> np.ndarray:
        picked = codes if rows is None else codes[rows]
        if len(wanted) > _MAX_COMPARES:
            return lookup[picked]
        hit = picked == wanted[0] if wanted else np.zeros(len(picked), dtype=bool)
        for code in wanted[1:]:
            hit |= picked == code
        return hit

    return test, len(wanted) <= _MAX_COMPARES


def apply_filter(activities: pd.DataFrame, selection: ActivityFilter) -> pd.DataFrame:
    """The activities matching `selection` (the input itself when nothing is restricted)."""
    if selection.is_empty() and not selection.missions_only:
        return activities
    return take_rows(activities, filter_rows(activities, selection))


def take_rows(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """`frame.take(rows)` for ascending `rows`.

    Arrow-backed columns are taken with Arrow, chunk by chunk: pandas joins all chunks of an Arrow column before
    taking, which costs more than the take.
    """
    if not frame.columns.is_unique:
        return frame.take(rows)
    columns = {}
    for name, column in frame.items():
        if arrow_backed(column.dtype):
            columns[name] = pd.array(_take_sorted(column.array.__arrow_array__(), rows), dtype=column.dtype)
        else:
            columns[name] = column.array.take(rows)
    out = pd.DataFrame(columns, index=frame.index.take(rows), copy=False)
    out.columns = frame.columns
    return out.__finalize__(frame)


def _take_sorted(array: pa.ChunkedArray, rows: np.ndarray) -> pa.ChunkedArray:
    """Rows (ascending positions) of a chunked Arrow array, taken within each chunk."""
    if array.num_chunks == 1:  # Arrow's own take: pandas' take checks and converts the positions first
        return array.take(pa.array(rows))
    bounds = np.cumsum([0] + [len(chunk) for chunk in array.chunks])
    cuts = np.searchsorted(rows, bounds)
    parts = [
        chunk.take(pa.array(rows[lo:hi] - start))
        for chunk, start, lo, hi in zip(array.chunks, bounds, cuts[:-1], cuts[1:])
        if hi > lo
    ]
    return pa.chunked_array(parts, type=array.type)


def to_query(selection: ActivityFilter) -> dict[str, list[str]]:
    """The filter as URL query parameters (only the parts that restrict)."""
    params: dict[str, list[str]] = {}
    if selection.years is not None:
        params["years"] = [f"{selection.years[0]}-{selection.years[1]}"]
    for name in FILTER_COLUMNS:
        if getattr(selection, name):
            params[name] = list(getattr(selection, name))
    return params


def from_query(params: dict[str, list[str]], missions_only: bool = False) -> ActivityFilter:
    """A filter from URL query parameters; malformed parts are ignored."""
    years = None
    raw = params.get("years") or []
    if raw:
        try:
            lo, hi = (int(v) for v in raw[0].split("-"))
            years = (min(lo, hi), max(lo, hi))
        except ValueError:
            years = None
    values = {name: tuple(dict.fromkeys(v for v in params.get(name, []) if v)) for name in FILTER_COLUMNS}
    return ActivityFilter(years=years, missions_only=missions_only, **values)


def country_regions(missions: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The regions that occur with each country in `missions` (country code -> regions, as written)."""
    pairs = missions[[A.country, A.region]].dropna().astype(str).drop_duplicates()
    out: dict[str, tuple[str, ...]] = {}
    for country, region in pairs.itertuples(index=False):
        if country and region:
            out[country] = (*out.get(country, ()), region)
    return out


def region_options(
    regions: Sequence[str], by_country: Mapping[str, Sequence[str]], countries: Sequence[str]
) -> list[str]:
    """The regions a region filter offers: all of `regions`, or with countries chosen only theirs (order kept)."""
    if not countries:
        return list(regions)
    wanted = {r for c in countries for r in by_country.get(c, ())}
    return [r for r in regions if r in wanted]


def sort_key(text: str) -> str:
    """How a name sorts for people: without accents and case ('Île' beside 'Ierland', 'België' before 'Brazilië')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def by_label(values: Sequence[str], label: Callable[[str], str]) -> list[str]:
    """`values` in the order of their labels as the user reads them (country names in the user's language)."""
    return sorted(values, key=lambda v: (sort_key(label(v)), v))
