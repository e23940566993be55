"""Target revisions: a changed target of an existing plan, why, by whom and when, as the versions' manifests keep them.

Each manifest carries every revision up to its version (`Manifest.target_revisions`), so one snapshot is enough
for the KPI's history and for the latest revision the Overview, the board pack and the presentation mention.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kpi import fmt
from kpi.engine import KPITable
from kpi.i18n import t
from kpi.registry import KPI_BY_KEY
from kpi.store_base import Manifest
from kpi.targets import Plan, Target


@dataclass(frozen=True)
class Revision:
    """One changed target of an existing plan: from what to what, why, by whom, when and in which version."""

    plan: str
    kpi: str
    old: Target
    new: Target
    reason: str
    user: str | None = None
    time: str | None = None  # ISO time in UTC, as the version's `created`
    version: int | None = None

    def record(self) -> dict[str, object]:
        """What a save passes to the store (the store adds user, time and version)."""
        return {
            "plan": self.plan,
            "kpi": self.kpi,
            "old_min": self.old.min,
            "old_max": self.old.upper,
            "new_min": self.new.min,
            "new_max": self.new.upper,
            "reason": self.reason,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> Revision:
        """A revision as a manifest keeps it."""

        def target(low: object, high: object) -> Target:
            return Target() if low is None else Target(int(low), int(high if high is not None else low))  # type: ignore[call-overload]

        return cls(
            plan=str(record["plan"]),
            kpi=str(record["kpi"]),
            old=target(record.get("old_min"), record.get("old_max")),
            new=target(record.get("new_min"), record.get("new_max")),
            reason=str(record.get("reason") or ""),
            user=record.get("user"),  # type: ignore[arg-type]
            time=record.get("time"),  # type: ignore[arg-type]
            version=record.get("version"),  # type: ignore[arg-type]
        )

    @property
    def day(self) -> dt.date | None:
        """The day the revision was saved (UTC)."""
        return dt.datetime.fromisoformat(self.time).date() if self.time else None

    def describe(self, lang: str) -> str:
        """'doel AP 2019 handelsmissies herzien op 12 juni 2019 van 6-8 naar 8-10: extra budget; door An'."""
        return t(
            "edit.revision",
            lang,
            plan=self.plan,
            kpi=KPI_BY_KEY[self.kpi].short(lang).lower() if self.kpi in KPI_BY_KEY else self.kpi,
            date=fmt.date(self.day, lang) if self.day else "-",
            old=fmt.target(self.old, lang),
            new=fmt.target(self.new, lang),
            reason=self.reason,
            user=self.user or "-",
        )


def revisions(manifest: Manifest, kpi: str | None = None) -> list[Revision]:
    """Every target revision up to this version, oldest first (only `kpi`'s when given)."""
    found = [Revision.from_record(r) for r in manifest.target_revisions or ()]
    return [r for r in found if kpi is None or r.kpi == kpi]


def latest_revision(found: Sequence[Revision], plan: Plan | None, kpi: str, current: Target) -> Revision | None:
    """The latest revision of `kpi` in `plan` that set the target it has now (an import or roll-back since then
    makes it no longer the story of this target); None if there is none."""
    if plan is None:
        return None
    for revision in reversed(found):
        if revision.plan == plan.label and revision.kpi == kpi:
            return revision if revision.new == current else None
    return None


def revision_notes(found: Sequence[Revision], table: KPITable, lang: str) -> dict[str, str]:
    """Per KPI of the table, its latest target revision in the plans shown (the annual and the multi-year plan)."""
    notes = {}
    for row in table.rows:
        latest = [
            r
            for plan, target in ((row.annual, row.annual_target), (row.plan, row.plan_target))
            if (r := latest_revision(found, plan, row.key, target)) is not None
        ]
        if latest:
            notes[row.key] = "; ".join(r.describe(lang) for r in sorted(latest, key=lambda r: r.time or ""))
    return notes
