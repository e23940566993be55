"""The Data page's one-activity tab: add, correct or remove one activity in a form, see the change, save one version.

The form shows only the fields that apply to the type (direction, role and country for missions), countries by
their names in the user's language and themes from the stored ones (or a new one). Every check is kpi.editing's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kpi import editing as E
from kpi import fmt
from kpi import limits as L
from kpi import schema as S
from kpi.access import Actor
from kpi.dashboard import country_name
from kpi.i18n import t
from kpi.importing import as_text
from kpi.languages import language
from kpi.problems import Problem
from kpi.schema import Activities as A
from kpi.store import Snapshot, Store
from ui import data_views as v
from ui.plan_editor import problem_lines

MODES = ("add", "correct", "remove")
NEW_THEME = "\x00new"
NO_VALUE = ""
COUNTS = (A.companies, A.foreign_companies, A.matchmaking_meetings)
TEXTS = (A.title, A.region, A.city)


def _beside(problems: tuple[Problem, ...], column: str, lang: str) -> None:
    problem_lines([f"{p.issue(lang)} {p.fix(lang)}" for p in problems if p.column == column])


def _choice(label: str, options: list[str], current: str, fmt_option, key: str) -> str:
    """A select box whose value is '' when nothing is chosen."""
    index = options.index(current) if current in options else None
    picked = st.selectbox(label, options, index=index, format_func=fmt_option, key=key, placeholder="—")
    return picked or NO_VALUE


def countries(lang: str) -> list[str]:
    """Every country code except home, sorted by its name in `lang`."""
    codes = [c for c in S.COUNTRY_CODES if c != S.HOME_COUNTRY]
    return sorted(codes, key=lambda c: country_name(c, lang).casefold())


def activity_fields(
    stored: dict[str, str], themes: list[str], problems: tuple[Problem, ...], lang: str, key: str, correcting: bool
) -> dict[str, str]:
    """The form: the fields that apply to the chosen type, each with its problems beside it; their values as text."""
    values: dict[str, str] = {}
    kind = st.selectbox(
        t("col.activity_type", lang),
        S.ACTIVITY_TYPES,
        index=S.ACTIVITY_TYPES.index(stored[A.activity_type]) if stored.get(A.activity_type) in S.ACTIVITY_TYPES else 0,
        format_func=lambda k: t(f"type.{k}", lang),
        key=f"{key}.type",
    )
    values[A.activity_type] = kind
    shown = E.form_fields(kind)
    left, right = st.columns(2)
    with left:
        values[A.activity_id] = st.text_input(
            t("col.activity_id", lang), stored.get(A.activity_id, ""), disabled=correcting, key=f"{key}.id"
        )
        _beside(problems, A.activity_id, lang)
    with right:
        first, last = L.date_window()
        day = dt.date.fromisoformat(stored[A.date]) if stored.get(A.date) else None
        picked = st.date_input(
            t("col.date", lang),
            day,
            min_value=first,
            max_value=last,
            format=language(lang).date_input,
            key=f"{key}.date",
        )
        values[A.date] = picked.isoformat() if isinstance(picked, dt.date) else ""
        _beside(problems, A.date, lang)
    values[A.title] = st.text_input(t("col.title", lang), stored.get(A.title, ""), key=f"{key}.title")
    _beside(problems, A.title, lang)
    if A.direction in shown:
        columns = st.columns(3)
        for column, name, options in (
            (columns[0], A.direction, list(S.DIRECTIONS)),
            (columns[1], A.role, list(S.ROLES)),
        ):
            with column:
                values[name] = _choice(
                    t(f"col.{name}", lang),
                    options,
                    stored.get(name, ""),
                    lambda o, n=name: t(f"{n}.{o}", lang),
                    f"{key}.{name}",
                )
                _beside(problems, name, lang)
        with columns[2]:
            values[A.country] = _choice(
                t("col.country", lang),
                countries(lang),
                stored.get(A.country, ""),
                lambda c: country_name(c, lang),
                f"{key}.country",
            )
            _beside(problems, A.country, lang)
    left, right = st.columns(2)
    with left:
        values[A.region] = st.text_input(t("col.region", lang), stored.get(A.region, ""), key=f"{key}.region")
    with right:
        values[A.city] = st.text_input(t("col.city", lang), stored.get(A.city, ""), key=f"{key}.city")
    values[A.theme] = theme_field(themes, stored.get(A.theme, ""), problems, lang, key)
    for column, name in zip(st.columns(3), COUNTS):
        with column:
            current = stored.get(name, "")
            typed = st.number_input(
                t(f"col.{name}", lang),
                value=int(current) if current.isdigit() else None,
                min_value=0,
                step=1,
                key=f"{key}.{name}",
            )
            values[name] = "" if typed is None else str(int(typed))
            _beside(problems, name, lang)
    return values


def theme_field(themes: list[str], current: str, problems: tuple[Problem, ...], lang: str, key: str) -> str:
    """A theme from the stored ones, none, or a new one typed."""
    options = [NO_VALUE, *themes, NEW_THEME]

    def label(option: str) -> str:
        return {NO_VALUE: t("edit.act.none", lang), NEW_THEME: t("edit.act.theme_new", lang)}.get(option, option)

    picked = st.selectbox(
        t("col.theme", lang),
        options,
        index=options.index(current) if current in options else 0,
        format_func=label,
        key=f"{key}.theme",
    )
    if picked == NEW_THEME:
        picked = st.text_input(t("edit.act.theme_name", lang), key=f"{key}.theme.new")
    _beside(problems, A.theme, lang)
    return picked


def _pick(activities: pd.DataFrame, lang: str, key: str) -> str | None:
    """An activity chosen by id or title (newest first)."""
    ordered = activities.sort_values(A.date, ascending=False, kind="stable")
    ids = ordered[A.activity_id].astype(str).tolist()
    titles = dict(zip(ids, ordered[A.title].fillna("").astype(str)))
    return st.selectbox(
        t("edit.act.pick", lang),
        ids,
        index=None,
        format_func=lambda i: f"{i} · {titles[i]}" if titles[i] else i,
        key=key,
        placeholder="—",
    )


def activity_form(store: Store, snapshot: Snapshot, actor: Actor, lang: str) -> None:
    """Add, correct or remove one activity; the change is shown before it is saved as one version."""
    if v.refused(actor, "edit", lang):
        return
    base = v.base_version("activity", snapshot.manifest.version)
    activities = snapshot.activities if base == snapshot.manifest.version else store.load_table(base, "activities")
    mode = st.radio(
        t("edit.act.mode", lang), MODES, format_func=lambda m: t(f"edit.act.{m}", lang), horizontal=True, key="act.mode"
    )
    key = f"act.{base}.{mode}"
    picked = None
    if mode != "add":
        if activities.empty:
            st.info(t("edit.act.empty", lang))
            return
        picked = _pick(activities, lang, f"{key}.pick")
        if picked is None:
            return
        key = f"{key}.{picked}"
    if mode == "remove":
        removal_block(store, base, activities, picked, actor, lang, key)  # type: ignore[arg-type]
        return
    stored = E.stored_fields(activities, picked) if picked else {}
    problems = st.session_state.get(f"{key}.problems", ())
    fields = activity_fields(stored, E.stored_themes(activities), problems, lang, key, correcting=picked is not None)
    if picked is None and not fields[A.activity_id] and not fields[A.date]:  # an untouched new form: no checks yet
        if problems:
            st.session_state[f"{key}.problems"] = ()
            st.rerun()
        return
    change = E.activity_change(activities, fields, replacing=picked)
    if change.problems != problems:  # show each problem beside the field it is about: draw the form again
        st.session_state[f"{key}.problems"] = change.problems
        st.rerun()
    for warning in change.warnings:
        st.warning(fmt.markdown_literal(f"{warning.issue(lang)} {warning.fix(lang)}"), icon=":material/warning:")
    if change.problems:
        st.warning(t("edit.problems", lang, count=len(change.problems)), icon=":material/error:")
        return
    if change.diff is None or change.diff.is_empty:
        st.caption(t("edit.no_change", lang))
        return
    st.markdown(f"**{t('edit.act.diff', lang)}**")
    v.preview_block(change.diff, lang, f"{key}.diff")
    if st.button(t("edit.act.save", lang), type="primary", key=f"{key}.save", icon=":material/save:"):
        v.saved_or_stale(lambda: E.save_activity(store, base, change, actor), lang, f"{key}.saved")


def removal_block(
    store: Store, base: int, activities: pd.DataFrame, activity_id: str, actor: Actor, lang: str, key: str
) -> None:
    """The activity to remove, a confirmation, then the removal as a new version."""
    row = activities[activities[A.activity_id].astype(str) == activity_id]
    st.dataframe(as_text(row), hide_index=True, key=f"{key}.row")
    sure = st.checkbox(t("edit.act.confirm_remove", lang, id=fmt.markdown_literal(activity_id)), key=f"{key}.sure")
    if st.button(t("edit.act.do_remove", lang), disabled=not sure, key=f"{key}.remove", icon=":material/delete:"):
        change = E.activity_removal(activities, activity_id)
        v.saved_or_stale(lambda: E.save_activity(store, base, change, actor), lang, f"{key}.saved")
