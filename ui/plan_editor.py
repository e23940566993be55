"""The Data page's plans tab: pick or add a plan, edit its targets per KPI with each problem beside its cell, save.

Viewers see the plans, their targets and every revision, without edit controls (the store's guard refuses their
writes anyway). Every check is kpi.editing's; this module only lays out widgets and passes their values on.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi import editing as E
from kpi import fmt
from kpi import limits as L
from kpi.access import Actor
from kpi.i18n import t
from kpi.registry import KPI_BY_KEY, KPI_KEYS
from kpi.revisions import revisions
from kpi.store import Snapshot, Store, version_label
from kpi.targets import Plan, plans, targets_by_plan
from ui import data_views as v

NEW = "\x00new"  # the plan picker's "add a new plan" entry (no label can be it: ids refuse control characters)
KINDS = ("annual", "multi")


def problem_lines(found: list[str]) -> None:
    """Messages beside a field, in red, shown as typed (never as Markdown)."""
    for message in found:
        st.markdown(f":red[{fmt.markdown_literal(message)}]")


def _number(value: int | None) -> str:
    return "" if value is None else str(int(value))


def _next_years(targets: pd.DataFrame, kind: str) -> tuple[int, int]:
    """The period a new plan most likely covers: the year after the last plan of its kind."""
    mine = [p for p in plans(targets) if p.multi_year == (kind == "multi")]
    start = max((p.end_year for p in mine), default=L.last_year() - L.YEARS_AHEAD) + 1
    return start, start + (3 if kind == "multi" else 0)


def new_plan_fields(targets: pd.DataFrame, lang: str, key: str) -> tuple[str, int, int]:
    """Kind, years and label (proposed from the language's plan names) of a plan to add."""
    kind = st.radio(
        t("edit.plan.kind", lang),
        KINDS,
        format_func=lambda k: t(f"edit.plan.{k}", lang),
        horizontal=True,
        key=f"{key}.kind",
    )
    start_default, end_default = _next_years(targets, kind)
    left, right, label_column = st.columns([1, 1, 2])
    first, last = L.FIRST_YEAR, L.last_year()
    start = left.number_input(t("edit.plan.start", lang), first, last, start_default, step=1, key=f"{key}.{kind}.start")
    if kind == "multi":
        end = right.number_input(
            t("edit.plan.end", lang), first, last, max(end_default, start), step=1, key=f"{key}.{kind}.end"
        )
    else:
        end = start
        right.number_input(t("edit.plan.end", lang), value=start, disabled=True, key=f"{key}.{kind}.end.{start}")
    label = label_column.text_input(
        t("edit.plan.label", lang),
        E.proposed_label(int(start), int(end), lang),
        help=t("edit.plan.label_help", lang),
        key=f"{key}.label.{kind}.{start}.{end}",  # a new period proposes its label again
    )
    return label, int(start), int(end)


def typed_cells(targets: pd.DataFrame, plan: str, key: str) -> dict[str, tuple[str, str]]:
    """Every KPI's (min, max) as typed in the grid so far (the stored target before anything is typed)."""
    stored = E.target_cells(targets, plan)
    cells = {}
    for kpi in KPI_KEYS:
        parts = []
        for n, part in enumerate(("min", "max")):
            name = f"{key}.{kpi}.{part}"
            parts.append(_number(st.session_state[name]) if name in st.session_state else stored[kpi][n])
        cells[kpi] = (parts[0], parts[1])
    return cells


def target_grid(targets: pd.DataFrame, plan: str, problems: tuple[E.FieldProblem, ...], lang: str, key: str) -> None:
    """One row per KPI: its current target, min and max inputs, and the problems of its cells beside them."""
    stored = E.target_cells(targets, plan)
    widths = [3, 1.4, 1.4, 3]
    for column, header in zip(
        st.columns(widths), ("col.kpi", "edit.targets.min", "edit.targets.max", "edit.targets.now")
    ):
        column.markdown(f"**{t(header, lang)}**")
    for kpi in KPI_KEYS:
        label, low_column, high_column, now_column = st.columns(widths, vertical_alignment="top")
        name = KPI_BY_KEY[kpi].short(lang)
        label.markdown(fmt.markdown_literal(name))
        for column, part, value in zip((low_column, high_column), ("min", "max"), stored[kpi]):
            with column:
                st.number_input(
                    t("edit.targets.cell", lang, kpi=name, column=t(f"edit.targets.{part}", lang)),
                    value=int(value) if value else None,
                    min_value=0,
                    step=1,
                    label_visibility="collapsed",
                    key=f"{key}.{kpi}.{part}",
                )
        with now_column:  # the stored target, and the problems of this row's cells beside them
            st.caption(fmt.target(E.cell_target(*stored[kpi]), lang))
            for part in ("min", "max"):
                found = E.messages(problems, kpi, f"target_{part}", lang)
                problem_lines([f"{t(f'edit.targets.{part}', lang)}: {m}" for m in found])


def revision_list(snapshot: Snapshot, lang: str, key: str) -> None:
    """Every target revision up to this version, newest first, for one KPI or all."""
    st.subheader(t("edit.revisions.title", lang))
    found = revisions(snapshot.manifest)
    if not found:
        st.caption(t("edit.revisions.none", lang))
        return
    everything = "\x00all"
    kpi = st.selectbox(
        t("col.kpi", lang),
        [everything, *KPI_KEYS],
        format_func=lambda k: t("edit.revisions.all", lang) if k == everything else KPI_BY_KEY[k].short(lang),
        key=f"{key}.kpi",
    )
    for revision in reversed(found):
        if kpi in (everything, revision.kpi):
            st.text(f"{version_label(revision.version or 0)} · {revision.describe(lang)}")


def read_only_targets(targets: pd.DataFrame, plan: Plan, lang: str) -> None:
    """A plan's targets as a table, for viewers."""
    lookup = targets_by_plan(targets)
    rows = [
        {
            t("col.kpi", lang): KPI_BY_KEY[k].short(lang),
            t("edit.targets.target", lang): fmt.target(target, lang),
        }
        for k in KPI_KEYS
        if (target := lookup.get((plan.label, k))) is not None
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"plans.view.{plan.label}")


def plan_editor(store: Store, snapshot: Snapshot, actor: Actor, lang: str) -> None:
    """Plans and their targets: editors add a plan or edit one's targets and save one version; viewers look."""
    may_edit = actor.may("edit")
    base = v.base_version("plans", snapshot.manifest.version)
    targets = snapshot.targets if base == snapshot.manifest.version else store.load_table(base, "targets")
    known = plans(targets)
    options = [p.label for p in known] + ([NEW] if may_edit else [])
    picked = st.selectbox(
        t("col.plan", lang),
        options,
        format_func=lambda o: t("edit.plan.new", lang) if o == NEW else o,
        key="plans.pick",
    )
    key = f"plans.{base}.{picked}"
    if picked == NEW:
        label, start, end = new_plan_fields(targets, lang, key)
    else:
        plan = next(p for p in known if p.label == picked)
        label, start, end = plan.label, plan.start_year, plan.end_year
        st.caption(t("edit.plan.period", lang, label=plan.label, start=start, end=end))
        if not may_edit:
            read_only_targets(targets, plan, lang)
    if may_edit:
        targets_block(store, base, targets, label, start, end, picked == NEW, actor, lang, key)
    else:
        v.refused(actor, "edit", lang)
    revision_list(snapshot, lang, "plans.revisions")


def targets_block(
    store: Store,
    base: int,
    targets: pd.DataFrame,
    label: str,
    start: int,
    end: int,
    new: bool,
    actor: Actor,
    lang: str,
    key: str,
) -> None:
    """The targets grid, the reason when existing targets change, the problems, the diff and the save button."""
    st.caption(t("edit.targets.help", lang))
    stored_as = "" if new else label  # a new plan starts empty, whatever label is typed
    reason = st.session_state.get(f"{key}.reason", "")
    change = E.plan_change(targets, E.PlanEdit(label, start, end, typed_cells(targets, stored_as, key), reason))
    for column in E.PLAN_FIELDS:
        problem_lines(E.messages(change.problems, None, column, lang))
    target_grid(targets, stored_as, change.problems, lang, key)
    if change.revisions:
        changes = ", ".join(
            f"{KPI_BY_KEY[r.kpi].short(lang)} {fmt.target(r.old, lang)} → {fmt.target(r.new, lang)}"
            for r in change.revisions
        )
        st.text_input(t("edit.targets.reason", lang), key=f"{key}.reason")
        st.caption(fmt.markdown_literal(t("edit.targets.reason_help", lang, changes=changes)))
    problem_lines(E.messages(change.problems, None, E.REASON, lang))
    if change.problems:
        st.warning(t("edit.problems", lang, count=len(change.problems)), icon=":material/error:")
        return
    if change.diff is None or change.diff.is_empty:
        st.caption(t("edit.no_change", lang))
        return
    v.preview_block(change.diff, lang, f"{key}.diff")
    if st.button(t("edit.targets.save", lang), type="primary", key=f"{key}.save", icon=":material/save:"):
        v.saved_or_stale(lambda: E.save_plan(store, base, change, actor), lang, f"{key}.saved")
