"""The import wizard of the Data page: upload, map columns, map values, dates and numbers, preview, save.

Every decision is made by kpi functions (kpi.mapping proposes and applies, kpi.importing validates and saves);
this module only draws the steps and passes the user's choices on. A mapping profile whose columns match the
file is chosen for it at once, so a monthly export needs the upload and the confirm button only.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from kpi import diff as D
from kpi import mapping as M
from kpi import schema as S
from kpi.access import AccessRefused, Actor
from kpi.i18n import t
from kpi.importing import KINDS, PreparedImport, commit_import, kpi_change, prepare_import
from kpi.problems import ValidationError
from kpi.readers import SUFFIXES, read_raw, visible_name
from kpi.store import Store, StoreError, user_message
from kpi.values import DATE_ORDERS, NUMBER_LOCALES
from ui import data_views as v

PREFIX = "wiz"
_CONFIRM_CODES = frozenset({"dates_ambiguous", "dates_month_first", "dates_mixed_order"})


def wizard(store: Store, actor: Actor, lang: str) -> None:
    """The six steps, one below the other; each appears once the one before it has what it needs."""
    saved = st.session_state.pop("wiz.profile_saved", None)
    if saved:
        st.success(saved, icon=":material/bookmark_added:")
    st.subheader(t("wizard.step.upload", lang))
    left, right = st.columns([2, 3])
    kind = left.radio(
        t("data.kind", lang), KINDS, format_func=lambda k: t(f"data.kind.{k}", lang), horizontal=True, key="data.kind"
    )
    mode = right.radio(
        t("data.mode", lang),
        D.MODES,
        format_func=lambda m: t(f"data.mode.{m}", lang),
        horizontal=True,
        key="data.mode",
        help=t("data.mode.help", lang),
    )
    upload = st.file_uploader(
        t("data.upload", lang, limit=v.upload_limit_mb()),
        type=[s.lstrip(".") for s in SUFFIXES],
        key="data.upload",
    )
    if upload is None:
        return
    raw = _raw(upload)
    if isinstance(raw, ValidationError):
        v.problems_block(raw, lang, "data.import.problems")
        return
    _notes(raw, lang)
    mapping = _columns_step(store, raw, kind, lang, upload.file_id)
    if mapping is None:
        return
    mapping = _values_step(raw, mapping, lang, upload.file_id)
    mapping = _reading_step(mapping, lang, upload.file_id)
    try:
        pending = _pending(store, upload, kind, mode, mapping)
    except StoreError as error:  # the store could not be read for the preview: nothing to compare with
        st.error(user_message(error, lang), icon=":material/error:")
        return
    st.subheader(t("wizard.step.preview", lang))
    if isinstance(pending, ValidationError):
        if any(p.code in _CONFIRM_CODES for p in pending.problems):
            st.info(t("wizard.dates.confirm", lang), icon=":material/event:")
        v.problems_block(pending, lang, "data.import.problems")
        return
    v.warnings_block([w for w in pending.warnings if w.severity == "warning"], lang, "data.import")
    st.markdown(f"**{t('data.preview', lang, version=f'v{pending.based_on}')}**")
    v.preview_block(pending.diff, lang, "data.import.preview")
    _kpi_block(store, pending, lang)
    _save_step(store, actor, pending, mapping, lang, upload.file_id)


def _raw(upload) -> pd.DataFrame | ValidationError:
    """The uploaded file read once per upload (kept for this session)."""
    cached = st.session_state.get(f"{PREFIX}.raw")
    if cached is None or cached[0] != upload.file_id:
        try:
            result: pd.DataFrame | ValidationError = read_raw(upload.getvalue(), visible_name(upload.name))
        except ValidationError as error:
            result = error
        cached = (upload.file_id, result)
        st.session_state[f"{PREFIX}.raw"] = cached
    return cached[1]


def _notes(raw: pd.DataFrame, lang: str) -> None:
    """Where the header was found (always said), and the reader's warnings."""
    header = next((n for n in raw.attrs.get("notes", []) if n.code == "header_row"), None)
    rows = dict(header.params)["rows"] if header else "1"
    st.caption(t("wizard.header_row", lang, rows=rows, count=len(raw.columns)))
    hidden = [n for n in raw.attrs.get("notes", []) if n.code == "hidden_rows"]
    for note in hidden:
        st.warning(v.plain(note.issue(lang)), icon=":material/visibility_off:")


def _profile(store: Store, raw: pd.DataFrame, kind: str, lang: str, ident: str) -> M.Mapping | None:
    """A saved profile for the file: the one whose columns match (chosen at once), or one the user picks; a
    differing profile is explained column by column. None: no profile."""
    profiles = {n: p for n, p in store.current_profiles().items() if p.kind == kind}
    if not profiles:
        return None
    mappings = {n: M.Mapping.from_json(p.mapping) for n, p in profiles.items()}
    matching = [n for n, m in mappings.items() if not M.differences(raw, m)]
    names = ["", *sorted(profiles)]
    default = names.index(matching[0]) if matching else 0
    chosen = st.selectbox(
        t("wizard.profile", lang),
        names,
        index=default,
        format_func=lambda n: (
            t("wizard.profile.none", lang)
            if not n
            else t("wizard.profile.label", lang, name=n, version=profiles[n].version, user=profiles[n].user or "-")
        ),
        key=f"{PREFIX}.profile.{ident}",
    )
    if not chosen:
        return None
    differ = M.differences(raw, mappings[chosen])
    if differ:
        st.warning(t("wizard.profile.differs", lang, name=chosen), icon=":material/difference:")
        st.dataframe(
            pd.DataFrame(
                {
                    t("problem.column", lang): [d.column for d in differ],
                    t("wizard.profile.change", lang): [t(f"wizard.profile.{d.change}", lang) for d in differ],
                }
            ),
            hide_index=True,
            key=f"{PREFIX}.profile.diff",
        )
        return replace(
            M.propose(raw, kind),
            values=mappings[chosen].values,
            date_order=mappings[chosen].date_order,
            number_locale=mappings[chosen].number_locale,
        )
    st.success(t("wizard.profile.matches", lang, name=chosen), icon=":material/task_alt:")
    return mappings[chosen]


def _columns_step(store: Store, raw: pd.DataFrame, kind: str, lang: str, ident: str) -> M.Mapping | None:
    """Each file column matched to a field by name, alias or profile; changeable; missing required ones named."""
    st.subheader(t("wizard.step.columns", lang))
    base = _profile(store, raw, kind, lang, ident) or M.propose(raw, kind)
    options = ["", *S.names(kind)]
    columns: dict[str, str] = {}
    grid = st.columns(3)
    for i, column in enumerate(raw.columns):
        proposal = base.columns.get(column, "")
        columns[column] = grid[i % 3].selectbox(
            column,
            options,
            index=options.index(proposal) if proposal in options else 0,
            format_func=lambda f: f or t("wizard.extra", lang),
            key=f"{PREFIX}.col.{ident}.{kind}.{i}",
        )
    taken = [f for f in columns.values() if f]
    twice = sorted({f for f in taken if taken.count(f) > 1})
    if twice:
        st.error(t("wizard.columns.twice", lang, fields=", ".join(twice)), icon=":material/error:")
        return None
    mapping = replace(base, kind=kind, columns=columns)
    missing = mapping.missing()
    if missing:
        st.error(t("wizard.columns.missing", lang, fields=", ".join(missing)), icon=":material/error:")
        return None
    return mapping


def _values_step(raw: pd.DataFrame, mapping: M.Mapping, lang: str, ident: str) -> M.Mapping:
    """The values not in contract form, each with its proposal (changeable); empty keeps the value as it is."""
    proposals = M.value_proposals(raw, mapping)
    if not proposals:
        return replace(mapping, values={})
    st.subheader(t("wizard.step.values", lang))
    chosen: dict[str, dict[str, str]] = {}
    for target, values in proposals.items():
        st.markdown(f"**{t('wizard.values.field', lang, field=target)}**")
        options = ["", *M.allowed(target)]
        grid = st.columns(3)
        chosen[target] = {}
        for i, (value, proposal) in enumerate(sorted(values.items())):
            chosen[target][value] = grid[i % 3].selectbox(
                value,
                options,
                index=options.index(proposal) if proposal in options else 0,
                format_func=lambda c: c or t("wizard.values.keep", lang),
                key=f"{PREFIX}.val.{ident}.{target}.{i}",
            )
    return replace(mapping, values=chosen)


def _reading_step(mapping: M.Mapping, lang: str, ident: str) -> M.Mapping:
    """How dates and numbers are read: the order of d-m-yyyy dates and the thousands separator."""
    st.subheader(t("wizard.step.reading", lang))
    left, right = st.columns(2)
    order = left.radio(
        t("wizard.dates", lang),
        DATE_ORDERS,
        index=DATE_ORDERS.index(mapping.date_order),
        format_func=lambda o: t(f"wizard.dates.{o}", lang),
        key=f"{PREFIX}.dates.{ident}",
    )
    locale = right.radio(
        t("wizard.numbers", lang),
        NUMBER_LOCALES,
        index=NUMBER_LOCALES.index(mapping.number_locale),
        format_func=lambda o: t(f"wizard.numbers.{o}", lang),
        key=f"{PREFIX}.numbers.{ident}",
    )
    return replace(mapping, date_order=order, number_locale=locale)


def _pending(store: Store, upload, kind: str, mode: str, mapping: M.Mapping) -> PreparedImport | ValidationError:
    """The validated change for these choices, kept until the file or a choice changes (based on the version the
    user previewed: if someone saves in between, confirming is refused)."""
    ident = (upload.file_id, kind, mode, mapping.to_json())
    cached = st.session_state.get("data.pending")
    if cached is None or cached[0] != ident:
        try:
            raw = _raw(upload)  # read once at upload: not read again
            result: PreparedImport | ValidationError = prepare_import(
                store,
                upload.getvalue(),
                visible_name(upload.name),
                kind,
                mode,
                mapping=mapping,
                raw=raw if isinstance(raw, pd.DataFrame) else None,
            )
        except ValidationError as error:
            result = error
        cached = (ident, result)
        st.session_state["data.pending"] = cached
    return cached[1]


def _kpi_block(store: Store, pending: PreparedImport, lang: str) -> None:
    """The KPI table before and after the import, per KPI."""
    version = pending.based_on
    before = store.load(version) if version else None
    year, table = kpi_change(before, pending, lang)
    st.markdown(f"**{t('wizard.kpis', lang, year=year)}**")
    st.dataframe(table, hide_index=True, key="data.import.kpis")


def _save_step(store: Store, actor: Actor, pending: PreparedImport, mapping: M.Mapping, lang: str, ident: str) -> None:
    """Save as a new version, and (optionally) the choices as a mapping profile."""
    st.subheader(t("wizard.step.save", lang))
    name = st.text_input(t("wizard.save_profile", lang), key=f"{PREFIX}.profile_name.{ident}").strip()
    if pending.diff.is_empty:
        return
    if st.button(t("data.confirm", lang), type="primary", key="data.import.confirm", icon=":material/save:"):
        if name:
            _save_profile(store, name, mapping, actor, lang)
        v.saved_or_stale(lambda: commit_import(store, pending, actor=actor), lang, "data.import.save")


def _save_profile(store: Store, name: str, mapping: M.Mapping, actor: Actor, lang: str) -> None:
    try:
        record = store.save_profile(name, mapping.kind, mapping.to_json(), actor)
    except (AccessRefused, StoreError) as error:  # no role, or the store cannot be written: nothing was saved
        st.error(v.plain(user_message(error, lang)))
        return
    st.session_state["wiz.profile_saved"] = t("wizard.profile.saved", lang, name=record.name, version=record.version)
