"""What the pack is built from: one store snapshot, and the KPI table's typed rows read through one adapter."""

from __future__ import annotations

from dataclasses import dataclass

from kpi import targets as tg
from kpi.engine import KPITable, rows_of


@dataclass(frozen=True)
class ScoreRow:
    """One KPI as the pack shows it: the year, the multi-year plan, statuses, change and comment."""

    key: str
    label: str
    short: str
    realized: int
    annual_target: tg.Target
    expected: float | None  # expected by the as-of date against the annual target (None without one)
    forecast: float | None  # year-end forecast at the team's pace
    annual_status: str
    plan: tg.Plan | None
    plan_target: tg.Target
    cumulative: int | None
    plan_expected: float | None
    plan_status: str
    change: int | None  # change since the reference (None when the table has no reference)
    comment: str
    revision: str = ""  # the latest revision of its target in the plans shown (kpi.revisions), '' for none


def score_rows(table: KPITable, lang: str, commentary: dict[str, str]) -> tuple[ScoreRow, ...]:
    """The KPI table's typed rows as the pack reads them, with each KPI's comment."""
    return tuple(
        ScoreRow(
            key=row.key,
            label=row.kpi.label(lang),
            short=row.kpi.short(lang),
            realized=row.realized,
            annual_target=row.annual_target,
            expected=row.annual_expected,
            forecast=row.forecast.value,
            annual_status=row.annual_status,
            plan=row.plan,
            plan_target=row.plan_target,
            cumulative=row.cumulative,
            plan_expected=row.plan_expected,
            plan_status=row.plan_status,
            change=row.change.difference if row.change is not None else None,
            comment=commentary.get(row.key, "").strip(),
        )
        for row in rows_of(table)
    )
