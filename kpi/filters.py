"""Activity filters (year range, country, direction, role, theme, region), applied together."""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from kpi.schema import MISSION, Activities as A


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
    "countries": A.country, "directions": A.direction, "roles": A.role, "themes": A.theme, "regions": A.region,
}


def filter_mask(activities: pd.DataFrame, selection: ActivityFilter) -> np.ndarray:
    """Boolean mask of the rows matching every part of `selection`."""
    mask = np.ones(len(activities), dtype=bool)
    if selection.missions_only:
        mask &= (activities[A.activity_type] == MISSION).to_numpy()
    if selection.years is not None:
        years = activities[A.year].to_numpy()
        mask &= (years >= selection.years[0]) & (years <= selection.years[1])
    for name, column in FILTER_COLUMNS.items():
        values = getattr(selection, name)
        if values:
            mask &= activities[column].isin(values).to_numpy()
    return mask


def apply_filter(activities: pd.DataFrame, selection: ActivityFilter) -> pd.DataFrame:
    """The activities matching `selection` (the input itself when nothing is restricted)."""
    if selection.is_empty() and not selection.missions_only:
        return activities
    return activities[filter_mask(activities, selection)]


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
    values = {name: tuple(v for v in params.get(name, []) if v) for name in FILTER_COLUMNS}
    return ActivityFilter(years=years, missions_only=missions_only, **values)


FILTER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ActivityFilter))
