"""What the KPI counts read from a loaded store version, worked out once per version: each activity's calendar
day as one small integer, and per summed column the rows where it is not zero.

A count "up to a date" then compares one int16 per row instead of converting dates: the same-day counts of
the pace (every earlier year up to the as-of day) and the year's count up to the as-of date become one
comparison and one `np.bincount` pass, and a sum adds only the rows that can change it. Kept beside the frame
(never in it) for as long as the frame lives; a frame whose counted columns were replaced since has none, and
the engine counts from the dates instead.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi.registry import KPI, KPIS
from kpi.schema import ACTIVITY_COUNTS_ZERO
from kpi.schema import Activities as A

SUMMED: tuple[str, ...] = ACTIVITY_COUNTS_ZERO  # the columns a KPI may sum


@dataclass(frozen=True)
class NonZero:
    """The rows where a summed column is not zero, among the activity types a KPI sums it for, grouped by type."""

    rows: np.ndarray  # positions, by type code (missing first), ascending within a type
    values: np.ndarray  # float64 (what np.bincount sums), in the order of `rows`
    starts: np.ndarray  # type code c's rows are rows[starts[c + 1] : starts[c + 2]]
    types: frozenset[int] | None  # the type codes held (None: every row, of any type)

    def of_types(self, codes: list[int] | None) -> list[slice] | None:
        """The parts of `rows` holding the given type codes (None: every row); None when some are not held."""
        if self.types is None and codes is None:
            return [slice(0, len(self.rows))]
        if codes is None or (self.types is not None and not self.types.issuperset(codes)):
            return None
        return [slice(int(self.starts[c + 1]), int(self.starts[c + 2])) for c in codes]


def sum_types(kpis: Sequence[KPI]) -> dict[str, frozenset[str] | None]:
    """Each summed column and the activity types whose sums one of `kpis` uses (None: all types)."""
    found: dict[str, frozenset[str] | None] = {}
    for kpi in kpis:
        if kpi.sum_column is None:
            continue
        before = found.get(kpi.sum_column, frozenset())
        found[kpi.sum_column] = None if kpi.activity_type is None or before is None else before | {kpi.activity_type}
    return found


@dataclass(frozen=True)
class DayCodes:
    """A frame's `month * 32 + day` per row, its summed columns' non-zero rows, and facts about its dates."""

    day: np.ndarray  # int16, read-only
    cell: np.ndarray  # each row's (year, type) cell: (year - first_year) * 2 * type_slots + type code + 1
    first_year: int
    years: int  # first_year .. first_year + years - 1
    type_slots: int  # the type codes + 1 (slot 0: a missing type)
    through: dt.date  # the latest date
    first_complete: int | None  # the first year the data covers from January
    sums: dict[str, NonZero]
    source: tuple[int, ...]  # the counted columns' buffers and the row count they were made from

    @property
    def cells(self) -> int:
        """Cells of the (year, up-to-the-day flag, type) count: the flag adds `type_slots` to a row's cell."""
        return self.years * 2 * self.type_slots


def day_code(date: dt.date) -> int:
    """A day's code: ordered as (month, day), so 29 February sits between 28 February and 1 March."""
    return date.month * 32 + date.day


_MAX_DAYS = 1 << 20  # a wider span of dates is left to the general path
_PREPARED: dict[int, tuple[weakref.ref, DayCodes]] = {}


def prepare(frame: pd.DataFrame) -> None:
    """Work out and keep `frame`'s day codes, when its dates are whole days without gaps and its years match them.

    Anything else (times of day, missing dates, a year column that disagrees) is left to the general path.
    """
    codes = _codes(frame)
    if codes is None:
        return
    key = id(frame)
    _PREPARED[key] = (weakref.ref(frame, lambda _ref: _PREPARED.pop(key, None)), codes)


def prepared(frame: pd.DataFrame) -> DayCodes | None:
    """`frame`'s day codes, or None when it was not prepared or its date or year column changed since."""
    found = _PREPARED.get(id(frame))
    if found is None or found[0]() is not frame:
        return None
    codes = found[1]
    return codes if _source(frame) == codes.source else None


def _source(frame: pd.DataFrame) -> tuple[int, ...] | None:
    """The buffers of the columns the codes were made from (date, year, type, summed columns) and the row count."""
    try:
        dates, years = frame[A.date].to_numpy(), frame[A.year].to_numpy()
        types = frame[A.activity_type]
        sums = [frame[c].to_numpy() for c in SUMMED]
    except (KeyError, ValueError):
        return None
    if (
        dates.dtype.kind != "M"
        or years.dtype.kind not in "iu"
        or not isinstance(types.dtype, pd.CategoricalDtype)
        or any(v.dtype.kind not in "iu" for v in sums)
    ):
        return None
    arrays = [dates, years, types.array.codes, *sums]
    return (*(a.__array_interface__["data"][0] for a in arrays), len(frame))


def _codes(frame: pd.DataFrame) -> DayCodes | None:
    """The day codes of `frame`; None when the fast counting cannot rely on them."""
    if not len(frame) or not frame.columns.is_unique or A.activity_type not in frame.columns:
        return None
    source = _source(frame)
    if source is None:
        return None
    values = frame[A.date].to_numpy()
    days = values.astype("datetime64[D]")
    if np.isnat(days).any() or (days.astype(values.dtype) != values).any():
        return None  # a missing date or a time of day
    number = days.view(np.int64)
    first, last = int(number.min()), int(number.max())
    if last - first >= _MAX_DAYS:
        return None
    # Each calendar day of the data's span once, then every row looks its day up.
    calendar = np.arange(first, last + 1).astype("datetime64[D]")
    starts, months = calendar.astype("datetime64[Y]"), calendar.astype("datetime64[M]")
    day_of = ((months - starts).astype(np.int16) + 1) * 32 + (calendar - months).astype(np.int16) + 1
    at = number - first
    if (np.take(starts.astype(np.int64) + 1970, at) != frame[A.year].to_numpy()).any():
        return None
    day = np.take(day_of, at)
    day.flags.writeable = False
    first_day, last_day = pd.Timestamp(calendar[0]), pd.Timestamp(calendar[-1])
    first_complete = first_day.year if first_day.month == 1 else first_day.year + 1
    types = frame[A.activity_type].array
    slots = len(types.categories) + 1
    year = frame[A.year].to_numpy()
    first_year, years = int(year.min()), int(year.max()) - int(year.min()) + 1
    dtype = np.int16 if years * 2 * slots < np.iinfo(np.int16).max else np.int32
    cell = (year - first_year).astype(dtype) * dtype(2 * slots)
    cell += types.codes
    cell += 1
    cell.flags.writeable = False

    sums = {}
    for name, wanted in sum_types(KPIS).items():
        if name in SUMMED:
            codes = None if wanted is None else [types.categories.get_loc(t) for t in wanted if t in types.categories]
            sums[name] = _non_zero(frame[name].to_numpy(), types.codes, len(types.categories), codes)
    return DayCodes(day, cell, first_year, years, slots, last_day.date(), first_complete, sums, source)


def _non_zero(values: np.ndarray, types: np.ndarray, size: int, codes: list[int] | None) -> NonZero:
    """The non-zero rows of `values` of the type `codes` (None: any type), grouped by type code (-1, missing, first)."""
    keep = values != 0
    if codes is not None:
        keep &= np.isin(types, codes)
    rows = np.flatnonzero(keep)
    rows = rows[np.argsort(types[rows], kind="stable")]
    starts = np.searchsorted(types[rows], np.arange(-1, size + 1), side="left")
    return NonZero(rows, values[rows].astype(np.float64), starts, None if codes is None else frozenset(codes))
