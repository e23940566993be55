"""Targets and plans: range/single/undefined targets, the plan covering a year, progress and status."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kpi.schema import Targets as T

# The statuses, declared once; the rule that decides them is `status` (written out in docs/status-and-forecasts.md).
ON_SCHEDULE_SHORT = "on_schedule_forecast_short"  # at or above expected by now, but the forecast misses the target
STATUSES: tuple[str, ...] = (
    "exceeded",
    "achieved",
    "on_track",
    ON_SCHEDULE_SHORT,
    "at_risk",
    "behind",
    "missed",
    "no_target",
)
# Status thresholds, declared once: a running period is "on track" at or above the expected value when the
# forecast's high end reaches the minimum (else ON_SCHEDULE_SHORT), "at risk" at or above AT_RISK_SHARE of the
# expected value, and "behind" below that. A finished period below the minimum is "missed".
AT_RISK_SHARE = 0.8
STATUS_ICONS: dict[str, str] = {
    "exceeded": "▲",
    "achieved": "✔",
    "on_track": "➜",
    ON_SCHEDULE_SHORT: "↘",
    "at_risk": "⚠",
    "behind": "▼",
    "missed": "✖",
    "no_target": "–",
}
GOOD_STATUSES = frozenset({"exceeded", "achieved", "on_track"})


@dataclass(frozen=True)
class Target:
    """A target: a range (min < max), a single number (min == max) or undefined (min is None)."""

    min: int | None = None
    max: int | None = None

    @property
    def defined(self) -> bool:
        """True when the target has a number."""
        return self.min is not None

    @property
    def upper(self) -> int | None:
        """The maximum, which equals the minimum for a single-number target."""
        return self.max if self.max is not None else self.min


@dataclass(frozen=True)
class Plan:
    """A plan period of the organisation: a label and the years it covers."""

    label: str
    start_year: int
    end_year: int

    @property
    def multi_year(self) -> bool:
        """True when the plan spans more than one year."""
        return self.end_year > self.start_year

    def period_label(self) -> str:
        """Years as the report writes them, e.g. "'17-'20" or "'18"."""
        if not self.multi_year:
            return f"'{self.start_year % 100:02d}"
        return f"'{self.start_year % 100:02d}-'{self.end_year % 100:02d}"


def plans(targets: pd.DataFrame) -> list[Plan]:
    """Every plan in the targets table, with its period (first row of each label)."""
    found: dict[str, Plan] = {}
    for label, start, end in zip(
        targets[T.plan].tolist(), targets[T.start_year].tolist(), targets[T.end_year].tolist()
    ):
        found.setdefault(str(label), Plan(str(label), int(start), int(end)))
    return list(found.values())


def covering_plan(targets: pd.DataFrame, year: int, multi_year: bool) -> Plan | None:
    """The multi-year (or annual) plan covering `year`; the latest-starting one if several do."""
    found = [p for p in plans(targets) if p.multi_year == multi_year and p.start_year <= year <= p.end_year]
    return max(found, key=lambda p: (p.start_year, -p.end_year)) if found else None


def targets_by_plan(targets: pd.DataFrame) -> dict[tuple[str, str], Target]:
    """Every (plan label, KPI key) with its target; the first row wins, as validation allows only one."""
    found: dict[tuple[str, str], Target] = {}
    for key, label, lo, hi in zip(
        targets[T.kpi].tolist(),
        targets[T.plan].tolist(),
        targets[T.target_min].tolist(),
        targets[T.target_max].tolist(),
    ):
        target = Target() if pd.isna(lo) else Target(int(lo), int(lo) if pd.isna(hi) else int(hi))
        found.setdefault((str(label), str(key)), target)
    return found


def target_for(targets: pd.DataFrame | dict[tuple[str, str], Target], plan: Plan | None, kpi: str) -> Target:
    """The target of `kpi` in `plan`; undefined when there is no plan, no row or an empty minimum.

    `targets` is the targets table or its `targets_by_plan` lookup (cheaper when asking many times).
    """
    if plan is None:
        return Target()
    lookup = targets if isinstance(targets, dict) else targets_by_plan(targets)
    return lookup.get((plan.label, kpi), Target())


def elapsed_share(start_year: int, end_year: int, as_of: dt.date) -> float:
    """Share of the years start..end elapsed at the end of `as_of` (0..1), counting whole years equally."""
    if as_of.year < start_year:
        return 0.0
    if as_of.year > end_year:
        return 1.0
    days = 366 if calendar.isleap(as_of.year) else 365
    done = (as_of.year - start_year) + as_of.timetuple().tm_yday / days
    return min(1.0, done / (end_year - start_year + 1))


def expected(target: Target, share: float) -> float | None:
    """The pro-rata expected value: the target's minimum times the share of time elapsed."""
    return None if not target.defined else round(target.min * share, 1)


def status(
    realized: int, target: Target, share: float, running: bool | None = None, forecast_high: int | None = None
) -> str:
    """The status of `realized` against `target` when `share` of the period has elapsed.

    exceeded: above the maximum; achieved: at least the minimum; missed: below the minimum once the period has
    ended (`running` False; by default when `share` reaches 1); while running: on_track (>= expected and the
    forecast's high end, when given, reaches the minimum), ON_SCHEDULE_SHORT (>= expected, but the forecast's
    high end is below the minimum), at_risk (>= AT_RISK_SHARE x expected) or behind; no_target: no target
    defined (never a failure).
    """
    if not target.defined:
        return "no_target"
    if realized > target.upper:
        return "exceeded"
    if realized >= target.min:
        return "achieved"
    if not (share < 1.0 if running is None else running):
        return "missed"
    due = target.min * share
    if realized >= due:
        return ON_SCHEDULE_SHORT if forecast_high is not None and forecast_high < target.min else "on_track"
    return "at_risk" if realized >= AT_RISK_SHARE * due else "behind"


def end_of_year(year: int) -> dt.date:
    """31 December of `year`, the default as-of date."""
    return dt.date(year, 12, 31)
