"""Plans, their targets and single activities edited by hand: the new table and its problems, with the import's rules.

Nothing here writes unless a `save_*` function is called; every check is the import's own (kpi.validate), run on
the table the edit would store. A changed target of an existing plan is a revision: it needs a reason, and the
version's manifest keeps it (old and new target, reason, author, time) for the KPI's history.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from kpi import diff as D
from kpi import limits as L
from kpi import schema as S
from kpi.access import Actor
from kpi.i18n import t
from kpi.importing import as_text
from kpi.problems import HEADER_ROWS, Problem, ValidationError
from kpi.registry import KPI_KEYS
from kpi.revisions import Revision
from kpi.schema import Activities as A
from kpi.schema import Targets as T
from kpi.store_base import Manifest, Store
from kpi.targets import Plan, Target, plans, targets_by_plan
from kpi.validate import invisible_pattern, stored_lookalikes, validate_activities, validate_targets

PLAN_FIELDS: tuple[str, ...] = (T.plan, T.start_year, T.end_year)
REASON = "reason"  # the field a missing or too long reason is shown beside
MISSION_ONLY: tuple[str, ...] = (A.direction, A.role, A.country)  # form fields shown only for missions
FORM_FIELDS: tuple[str, ...] = tuple(c for c in S.ACTIVITY_COLUMNS)
_LABEL_YEARS = re.compile(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*$")


# Problems beside their field --------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldProblem:
    """A problem of one field: a KPI's target cell (kpi, column), or a plan field or the reason (kpi None)."""

    kpi: str | None
    column: str
    problem: Problem

    def message(self, lang: str) -> str:
        """What is wrong and what to do, in `lang` (the field says where)."""
        return f"{self.problem.issue(lang)} {self.problem.fix(lang)}"


def messages(problems: Sequence[FieldProblem], kpi: str | None, column: str, lang: str) -> list[str]:
    """The messages of one field, in `lang`."""
    return [p.message(lang) for p in problems if p.kpi == kpi and p.column == column]


# Plans and targets ------------------------------------------------------------------------------------------
def proposed_label(start_year: int, end_year: int, lang: str) -> str:
    """The label the language's plan names give a period: 'AP 2019', 'MJP 2021-2024' (as the report's headers)."""
    if end_year > start_year:
        return t("table.plan", lang, period=f"{start_year}-{end_year}")
    return t("table.annual", lang, year=start_year)


def years_from_label(label: str) -> tuple[int, int] | None:
    """The years a label like 'AP 2019' or 'MJP 2021-2024' names; None when it names none."""
    match = _LABEL_YEARS.search(label.strip())
    if not match:
        return None
    start = int(match.group(1))
    return start, int(match.group(2) or start)


def find_plan(targets: pd.DataFrame, label: str) -> Plan | None:
    """The stored plan with this label, or None."""
    return next((p for p in plans(targets) if p.label == label.strip()), None)


def target_cells(targets: pd.DataFrame, label: str) -> dict[str, tuple[str, str]]:
    """Every KPI's stored target in a plan as text cells (min, max); '' for none, max '' for a single number."""
    lookup = targets_by_plan(targets)
    cells = {}
    for key in KPI_KEYS:
        target = lookup.get((label, key), Target())
        high = "" if target.upper in (None, target.min) else str(target.upper)
        cells[key] = ("" if target.min is None else str(target.min), high)
    return cells


def cell_target(low: str, high: str) -> Target:
    """The target two valid cells mean: empty min is undefined, empty max a single number."""
    if not low.strip():
        return Target()
    return Target(int(low), int(high) if high.strip() else int(low))


@dataclass(frozen=True)
class PlanEdit:
    """A plan with its targets as typed: label, years, (min, max) text per KPI, and the reason for changes."""

    plan: str
    start_year: str | int
    end_year: str | int
    cells: Mapping[str, tuple[str, str]]
    reason: str = ""


@dataclass(frozen=True)
class PlanChange:
    """What saving a plan edit would store: the whole targets table, its revisions and diff; or its problems."""

    edit: PlanEdit
    targets: pd.DataFrame | None  # None when there are problems
    revisions: tuple[Revision, ...] = ()
    problems: tuple[FieldProblem, ...] = ()
    diff: D.Diff | None = None
    new_plan: bool = False

    @property
    def ok(self) -> bool:
        """Whether it can be saved."""
        return not self.problems and self.targets is not None


def _cell(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def plan_change(targets: pd.DataFrame, edit: PlanEdit) -> PlanChange:
    """The targets table after `edit`, checked with the import's rules over the whole table (overlaps, one annual
    plan a year, max >= min, ceilings), each problem beside its field; revisions need a reason."""
    label = _cell(edit.plan)
    existing = find_plan(targets, label) if label else None
    mine = targets[T.plan].astype(str) == label
    others = targets[~mine]
    kept = set(targets.loc[mine, T.kpi].astype(str))
    extras = [c for c in targets.columns if c not in S.TARGET_COLUMNS]
    stored = {str(r[T.kpi]): r for r in as_text(targets[mine]).to_dict("records")}
    rows, kpis = [], []
    for key in KPI_KEYS:
        low, high = (_cell(v) for v in edit.cells.get(key, ("", "")))
        if existing is not None and key not in kept and not low and not high:
            continue  # no row before and none now: nothing to store
        row = {T.kpi: key, T.plan: label, T.start_year: _cell(edit.start_year), T.end_year: _cell(edit.end_year)}
        row |= {T.target_min: low, T.target_max: high}
        row |= {c: stored.get(key, {}).get(c, "") for c in extras}
        rows.append(row)
        kpis.append(key)
    text = pd.concat([as_text(others), pd.DataFrame(rows, columns=list(targets.columns))], ignore_index=True)
    first = len(others)
    try:
        table, _ = validate_targets(text.fillna(""), "editor")
    except ValidationError as error:
        return PlanChange(edit, None, problems=tuple(_plan_problem(p, first, kpis) for p in error.problems))
    found = _revisions(targets, existing, table, label, edit.reason)
    problems = _reason_problems(edit.reason, bool(found))
    if problems:
        return PlanChange(edit, None, tuple(found), tuple(problems), new_plan=existing is None)
    change = D.diff_frames(targets, table, D.KEYS["targets"])
    return PlanChange(edit, table, tuple(found), diff=change, new_plan=existing is None)


def _plan_problem(problem: Problem, first: int, kpis: list[str]) -> FieldProblem:
    """A problem of the validated table placed beside its field: a KPI's cell, or the plan's label or years."""
    index = (problem.row or 0) - HEADER_ROWS - 1
    column = problem.column or T.plan
    if column in PLAN_FIELDS or problem.row is None or index < first:
        return FieldProblem(None, column if column in PLAN_FIELDS else T.plan, problem)
    return FieldProblem(kpis[index - first], column, problem)


def _revisions(
    before: pd.DataFrame, existing: Plan | None, after: pd.DataFrame, label: str, reason: str
) -> list[Revision]:
    if existing is None:
        return []
    old, new = targets_by_plan(before), targets_by_plan(after)
    return [
        Revision(label, key, old.get((label, key), Target()), new.get((label, key), Target()), " ".join(reason.split()))
        for key in KPI_KEYS
        if old.get((label, key), Target()) != new.get((label, key), Target())
    ]


def _reason_problems(reason: str, needed: bool) -> list[FieldProblem]:
    if needed and not reason.strip():
        return [FieldProblem(None, REASON, Problem("reason_required", column=REASON))]
    if len(reason) > L.MAX_CELL_CHARS:
        params = (("max", str(L.MAX_CELL_CHARS)),)
        return [FieldProblem(None, REASON, Problem("reason_too_long", column=REASON, params=params))]
    if re.search(invisible_pattern("\t\n\r"), reason):
        return [FieldProblem(None, REASON, Problem("reason_chars", column=REASON))]
    return []


def plan_description(change: PlanChange) -> str:
    """One line for the manifest: 'targets AP 2019 (new plan): +7 ~0 -0'."""
    counts = change.diff.counts if change.diff is not None else {"added": 0, "changed": 0, "removed": 0}
    kind = " (new plan)" if change.new_plan else ""
    return f"targets {change.edit.plan.strip()}{kind}: +{counts['added']} ~{counts['changed']} -{counts['removed']}"


def save_plan(store: Store, based_on: int, change: PlanChange, actor: Actor) -> Manifest:
    """Save a checked plan edit as one new version with its revisions (the store's guard checks the role)."""
    if not change.ok:
        raise ValidationError([p.problem for p in change.problems], "editor")
    return store.save(
        based_on,
        targets=change.targets,
        action="edit",
        description=plan_description(change),
        actor=actor,
        revisions=[r.record() for r in change.revisions],
    )


# One activity -----------------------------------------------------------------------------------------------
def form_fields(activity_type: str) -> tuple[str, ...]:
    """The fields the activity form shows for a type: direction, role and country only for missions."""
    return tuple(c for c in FORM_FIELDS if activity_type == S.MISSION or c not in MISSION_ONLY)


def stored_fields(activities: pd.DataFrame, activity_id: str) -> dict[str, str]:
    """A stored activity as the form's text fields (every column, extras too); {} if there is none."""
    hit = activities[activities[A.activity_id].astype(str) == activity_id]
    return {} if hit.empty else as_text(hit).iloc[0].to_dict()


def stored_themes(activities: pd.DataFrame) -> list[str]:
    """The themes in the stored activities, sorted."""
    return sorted({str(v) for v in activities[A.theme].dropna().unique() if str(v).strip()}, key=str.casefold)


@dataclass(frozen=True)
class ActivityChange:
    """What saving one added, corrected or removed activity would store, its diff, and its problems."""

    activities: pd.DataFrame | None  # None when there are problems
    diff: D.Diff | None = None
    problems: tuple[Problem, ...] = ()  # each names its field in `column`
    warnings: tuple[Problem, ...] = ()
    description: str = ""

    @property
    def ok(self) -> bool:
        """Whether it can be saved."""
        return not self.problems and self.activities is not None


def activity_change(
    activities: pd.DataFrame, fields: Mapping[str, str], replacing: str | None = None
) -> ActivityChange:
    """The activities after adding one (`replacing` None) or correcting the stored `replacing`, checked with the
    import's rules per field; an id that looks like another stored id is refused as the import refuses it."""
    base = stored_fields(activities, replacing) if replacing else {}
    row = {c: "" for c in activities.columns if c != A.year} | base
    row |= {c: _cell(v) for c, v in fields.items() if c in S.ACTIVITY_COLUMNS}
    if row.get(A.activity_type, "") != S.MISSION:
        row[A.direction] = row[A.role] = ""  # the import's rules allow them only on missions
    try:
        typed, warnings = validate_activities(pd.DataFrame([row]), "form")
    except ValidationError as error:
        return ActivityChange(None, problems=tuple(error.problems))
    others = activities if replacing is None else activities[activities[A.activity_id].astype(str) != replacing]
    taken = D.duplicates_in_store(others, typed, D.KEYS["activities"])
    if taken:
        return ActivityChange(
            None, problems=tuple(Problem("id_taken", column=A.activity_id, value=p.value) for p in taken)
        )
    alike = stored_lookalikes(typed[A.activity_id].astype(str), others[A.activity_id].astype(str))
    if alike:
        return ActivityChange(None, problems=tuple(alike))
    new_id = str(typed.at[0, A.activity_id])
    original = activities[activities[A.activity_id].astype(str) == replacing][[A.activity_id]] if replacing else None
    keys = original if original is not None else activities.iloc[:0][[A.activity_id]]
    table = D.replace_rows(activities, keys, typed, D.KEYS["activities"], "form")
    change = D.diff_frames(activities, table, D.KEYS["activities"])
    verb = "corrected" if replacing else "added"
    return ActivityChange(table, change, (), tuple(warnings), f"activity {new_id} {verb} by hand")


def activity_removal(activities: pd.DataFrame, activity_id: str) -> ActivityChange:
    """The activities without the stored `activity_id` (a problem if there is no such activity)."""
    hit = activities[A.activity_id].astype(str) == activity_id
    if not hit.any():
        return ActivityChange(None, problems=(Problem("no_activity", column=A.activity_id, value=activity_id),))
    table = activities[~hit].reset_index(drop=True)
    change = D.diff_frames(activities, table, D.KEYS["activities"])
    return ActivityChange(table, change, description=f"activity {activity_id} removed by hand")


def save_activity(store: Store, based_on: int, change: ActivityChange, actor: Actor) -> Manifest:
    """Save a checked activity change as one new version (the store's guard checks the role)."""
    if not change.ok:
        raise ValidationError(list(change.problems), "form")
    return store.save(
        based_on, activities=change.activities, action="edit", description=change.description, actor=actor
    )


@dataclass(frozen=True)
class TargetLine:
    """One stored target as `targets list` prints it."""

    plan: Plan
    kpi: str
    target: Target
    revisions: tuple[Revision, ...] = field(default=())


def target_lines(targets: pd.DataFrame, found: Sequence[Revision]) -> list[TargetLine]:
    """Every plan's stored targets, plans in their order, KPIs in registry order, each with its revisions."""
    lookup = targets_by_plan(targets)
    return [
        TargetLine(p, key, lookup[(p.label, key)], tuple(r for r in found if r.plan == p.label and r.kpi == key))
        for p in plans(targets)
        for key in KPI_KEYS
        if (p.label, key) in lookup
    ]
