"""The team's own pace: how much of a year's volume is usually done by a day, and forecasts from it.

Method (documented in the README):
- For each complete earlier year (at most PACE_YEARS, the most recent), the share of that year's
  volume of a KPI realised by the same calendar day as the as-of date (29 February counts as the end
  of February in other years). Years in which the KPI had no volume say nothing and are skipped.
- With at least MIN_YEARS such years the pace is "seasonal": the mean of those shares. Otherwise it
  is "linear": the share of the year's days elapsed (day of year / 365 or 366).
- At the end of the year the share is 1 by either method.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

PACE_YEARS = 5  # the most recent complete earlier years that set the pace
MIN_YEARS = 2  # fewer complete years with volume: linear pro-rata share
# Below this share of the year's usual volume, this year's own figure is too small to extrapolate:
# the rest of the year is then expected to go as the earlier years went.
RELIABLE_SHARE = 0.1


class Method(StrEnum):
    """How the expected share of a year's volume at a day was worked out."""

    SEASONAL = "seasonal"
    LINEAR = "linear"


@dataclass(frozen=True)
class Pace:
    """The expected share of a KPI's annual volume at the as-of date, and what it rests on."""

    method: Method
    share: float  # 0..1
    years: tuple[int, ...] = ()  # the earlier years used (seasonal only)
    shares: tuple[float, ...] = ()  # each year's share by the same day
    volumes: tuple[int, ...] = ()  # each year's whole volume


@dataclass(frozen=True)
class Forecast:
    """A forecast in whole numbers with its low-high range (low <= value <= high)."""

    value: int
    low: int
    high: int


def linear_share(as_of: dt.date, year: int | None = None) -> float:
    """The share of `year`'s days elapsed at the end of `as_of` (0 before the year, 1 after it)."""
    year = as_of.year if year is None else year
    if as_of.year < year:
        return 0.0
    if as_of.year > year:
        return 1.0
    return as_of.timetuple().tm_yday / (366 if calendar.isleap(year) else 365)


def same_day(as_of: dt.date, year: int) -> dt.date:
    """The as-of date's calendar day in `year` (29 February becomes 28 February in other years)."""
    if as_of.month == 2 and as_of.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return as_of.replace(year=year)


def history_years(year: int, first_complete: int | None) -> list[int]:
    """The earlier years that may set the pace for `year`: complete ones, the most recent PACE_YEARS."""
    if first_complete is None or first_complete >= year:
        return []
    return list(range(max(first_complete, year - PACE_YEARS), year))


def pace(as_of: dt.date, year: int, to_day: Mapping[int, int], volume: Mapping[int, int]) -> Pace:
    """The pace of one KPI for `year` at `as_of`, from complete earlier years' volume by that day and in total."""
    years = tuple(sorted(y for y, v in volume.items() if y < year and v > 0))[-PACE_YEARS:]
    volumes = tuple(int(volume[y]) for y in years)
    if len(years) < MIN_YEARS:
        return Pace(Method.LINEAR, linear_share(as_of, year), years, (), volumes)
    if as_of.year != year or (as_of.month, as_of.day) == (12, 31):
        whole = linear_share(as_of, year)  # 0 before the year, 1 at its end or after
        return Pace(Method.SEASONAL, whole, years, tuple(whole for _ in years), volumes)
    shares = tuple(min(to_day.get(y, 0) / volume[y], 1.0) for y in years)
    return Pace(Method.SEASONAL, sum(shares) / len(shares), years, shares, volumes)


def expected(minimum: int | None, share: float) -> float | None:
    """The value expected by now: the minimum times the pace share (None without a target)."""
    return None if minimum is None else round(minimum * share, 1)


def _full_year(realized: int, share: float, volumes: tuple[int, ...]) -> float:
    """This year's whole volume at the pace `share`: extrapolated when enough is done, else as usual."""
    if share >= RELIABLE_SHARE or not volumes:
        return realized / share if share > 0 else float(realized)
    usual = sum(volumes) / len(volumes)
    return realized + (1 - share) * usual


def year_forecast(realized: int, pace_: Pace) -> Forecast:
    """Realised plus the expected rest of the year at the pace; the range from each earlier year's pace."""
    if pace_.share >= 1:
        return Forecast(realized, realized, realized)
    central = _full_year(realized, pace_.share, pace_.volumes)
    value = max(round(central), realized)
    if not pace_.shares:  # linear: no earlier years to spread over
        return Forecast(value, value, value)
    others = [max(_full_year(realized, s, (v,)), realized) for s, v in zip(pace_.shares, pace_.volumes)]
    low, high = min(others + [central]), max(others + [central])
    return Forecast(value, max(min(math.floor(low), value), realized), max(math.ceil(high), value))


def plan_forecast(cumulative: int, realized: int, year: Forecast, years_after: int) -> Forecast:
    """The multi-year plan's total at its end: done so far, the rest of this year, then this year's rate per year."""

    def total(annual: int) -> int:
        return cumulative + (annual - realized) + years_after * annual

    return Forecast(total(year.value), total(year.low), total(year.high))


def period_end(end_year: int) -> dt.date:
    """The last day of a period ending with `end_year`: 31 December."""
    return dt.date(end_year, 12, 31)


def running(as_of: dt.date, end_year: int) -> bool:
    """Whether a period ending with `end_year` still runs after the end of `as_of` (False on 31 December itself).

    The one answer to "is the period still running" for a year (end_year = the year) or a plan (its end year).
    """
    return as_of < period_end(end_year)


def days_left(as_of: dt.date, end_year: int) -> int:
    """Whole days after `as_of` up to and including 31 December of `end_year` (0 once it has passed)."""
    return max(0, (period_end(end_year) - as_of).days)


def months_left(as_of: dt.date, end_year: int) -> float:
    """Months (fractional) from the end of `as_of` to the end of `end_year`; 0 once it has passed."""
    if as_of.year > end_year:
        return 0.0
    in_month = calendar.monthrange(as_of.year, as_of.month)[1]
    return 12 * (end_year - as_of.year) + (12 - as_of.month) + (in_month - as_of.day) / in_month


class NeededPeriod(StrEnum):
    """What a number still needed is counted over."""

    MONTH = "month"  # per remaining month (at least a month left and at least one a month needed)
    REST = "rest"  # in total, in the days left (less than a month left, or less than one a month needed)


@dataclass(frozen=True)
class Needed:
    """What is still needed to reach a minimum: never more than what is missing in total."""

    amount: int  # per month, or in total for the rest of the period; 0 once the minimum is reached
    period: NeededPeriod | None  # None once the minimum is reached
    missing: int  # the minimum minus what is done (0 once reached)
    days: int  # days left in the period
    months: float  # months left in the period


def needed(minimum: int | None, done: int | None, as_of: dt.date, end_year: int) -> Needed | None:
    """What is still needed by the end of `end_year` to reach `minimum`, per month or for the days left.

    None without a target, or once the period has ended (nothing can be added any more).
    """
    if minimum is None or done is None:
        return None
    days, months = days_left(as_of, end_year), months_left(as_of, end_year)
    missing = max(0, minimum - done)
    if missing == 0:
        return Needed(0, None, 0, days, months)
    if not running(as_of, end_year):
        return None
    if months >= 1 and missing >= months:
        return Needed(math.ceil(missing / months - 1e-9), NeededPeriod.MONTH, missing, days, months)
    return Needed(missing, NeededPeriod.REST, missing, days, months)
