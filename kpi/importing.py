"""Importing a file into the store: read, validate, preview against the current version, then save on confirm."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from kpi import diff as D
from kpi import mapping as M
from kpi import schema as S
from kpi.access import Actor
from kpi.problems import HEADER_ROWS, Problem, ValidationError, unreadable_on_error
from kpi.readers import read_raw, source_name, visible_name
from kpi.schema import Activities as A
from kpi.store import Manifest, Snapshot, Store
from kpi.validate import Reading, canonical_columns, stored_lookalikes, validate_activities, validate_targets

KINDS: tuple[str, ...] = ("activities", "targets")
_VALIDATORS = {"activities": validate_activities, "targets": validate_targets}


@dataclass(frozen=True)
class PreparedImport:
    """A validated change, not yet saved: the table it would produce and its differences from `based_on`."""

    kind: str
    mode: str
    source: str
    based_on: int | None  # None: the store has no version yet (compared against an empty table)
    table: pd.DataFrame
    diff: D.Diff
    warnings: list[Problem]
    incoming: pd.DataFrame | None = None  # the validated file, to apply again if the store was empty
    present: frozenset[str] = frozenset()  # the columns the file really had

    def description(self) -> str:
        """One line for the manifest, e.g. `activities update: +3 ~2 -0`."""
        c = self.diff.counts
        return f"{self.kind} {self.mode}: +{c['added']} ~{c['changed']} -{c['removed']}"


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A typed table as the text cells a file would hold (dates YYYY-MM-DD, empty for missing); derived year left out."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        if column == A.year and A.date in frame.columns:
            continue
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            text = values.dt.strftime("%Y-%m-%d")
        else:
            text = values.astype("string")
        out[column] = text.fillna("").astype(str)
    return out.reset_index(drop=True)


def validate_kind(
    raw: pd.DataFrame, kind: str, source: str, reading: Reading | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate text cells as `kind`; (typed frame, warnings) or ValidationError."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return _VALIDATORS[kind](raw, source, reading)


def read_validated(
    data: bytes | str | Path, name: str, kind: str, reading: Reading | None = None, mapping: M.Mapping | None = None
) -> tuple[pd.DataFrame, list[Problem], set[str]]:
    """Read and validate a file as `kind`: (typed frame, warnings and notes, columns it has); only ValidationError
    escapes. The reader's notes (header found below title rows, hidden rows) come first. A `mapping` (a profile,
    or the wizard's choices) renames columns and replaces values first, and gives the reading."""
    incoming, warnings, present, _ = _read_validated(data, name, kind, reading, mapping)
    return incoming, warnings, present


def _read_validated(
    data: bytes | str | Path,
    name: str,
    kind: str,
    reading: Reading | None,
    mapping: M.Mapping | None = None,
    raw: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, list[Problem], set[str], np.ndarray]:
    """`read_validated` plus the spreadsheet row number of each row (`raw`: the file as read_raw read it)."""
    name = visible_name(name)
    with unreadable_on_error(name):
        raw = read_raw(data, name) if raw is None else raw
        notes = list(raw.attrs.get("notes", []))
        if mapping is not None:
            differ = M.differences(raw, mapping)
            if differ:  # the profile was made for other columns: never guess which is which
                problems = [Problem(f"profile_column_{d.change}", column=d.column) for d in differ]
                raise ValidationError(problems, source_name(raw, name))
            raw, reading = M.apply(raw, mapping), mapping.reading
        try:
            incoming, warnings = validate_kind(raw, kind, source_name(raw, name), reading)
        except ValidationError as error:
            raise ValidationError(error.problems, error.source, notes + error.warnings) from None
        present = set(canonical_columns(raw, S.aliases(kind)).columns)
    return incoming, notes + warnings, present, raw.index.to_numpy() + HEADER_ROWS + 1


def prepare_import(
    store: Store,
    data: bytes | str | Path,
    name: str,
    kind: str,
    mode: str,
    reading: Reading | None = None,
    mapping: M.Mapping | None = None,
    raw: pd.DataFrame | None = None,
) -> PreparedImport:
    """Read and validate a file and work out the change it makes to the current version (nothing is written).

    Read-only: a store without a version is compared against an empty table in memory. `raw`: the same file as
    read_raw already read it (the wizard's upload step), so it is not read twice.
    """
    if mode not in D.MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    name = visible_name(name)
    incoming, warnings, present, rows = _read_validated(data, name, kind, reading, mapping, raw)
    based_on = store.current_version()
    current = store.load_table(based_on, kind) if based_on is not None else incoming.iloc[:0]
    with unreadable_on_error(name):  # the store's own errors are not the file's: they stay outside the guard
        if mode != D.REPLACE and kind == "activities":
            _check_store_lookalikes(incoming, current, rows, name)
        return _prepared_change(current, based_on, incoming, warnings, present, name, kind, mode)


def _prepared_change(
    current: pd.DataFrame,
    based_on: int | None,
    incoming: pd.DataFrame,
    warnings: list[Problem],
    present: set[str],
    name: str,
    kind: str,
    mode: str,
) -> PreparedImport:
    table = D.apply_change(current, incoming, mode, D.KEYS[kind], name, present)
    if mode != D.REPLACE:
        updated = D.key_index(incoming, D.KEYS[kind]).isin(D.key_index(current, D.KEYS[kind]))
        validate_merged(table, updated, kind, name)
    change = (
        D.diff_frames(current, table, D.KEYS[kind])
        if mode == D.REPLACE
        else D.diff_update(current, table, len(incoming), D.KEYS[kind])
    )
    return PreparedImport(kind, mode, name, based_on, table, change, warnings, incoming, frozenset(present))


def _check_store_lookalikes(incoming: pd.DataFrame, current: pd.DataFrame, rows: np.ndarray, source: str) -> None:
    """Refuse a new id that looks like a stored one (case, confusable characters), naming the stored id."""
    ids = incoming[A.activity_id].astype(str)
    found = stored_lookalikes(ids, current[A.activity_id].astype(str), pd.Series(rows, index=ids.index))
    if found:
        raise ValidationError(found, source)


def validate_merged(table: pd.DataFrame, updated: np.ndarray, kind: str, source: str) -> None:
    """The table an add-and-update would store must itself be valid (ValidationError otherwise).

    `table` ends with the file's rows; `updated` marks those that replace a stored row. Targets: the whole table
    again (plan-wide rules span old and new rows). Activities: the updated rows with the values they keep from the
    store (a mission re-typed as an info meeting keeps its direction), and unique ids over the whole table (new
    rows were validated as they are). Rows are numbered as in the file.
    """
    start = len(table) - len(updated)
    if kind == "targets":
        try:
            validate_targets(as_text(table), source)
        except ValidationError as error:
            raise ValidationError([_file_row(p, start) for p in error.problems], source) from None
        return
    if updated.any():
        rows = np.flatnonzero(updated)
        text = as_text(table.iloc[start + rows])
        text.index = rows  # messages count rows as in the file
        validate_activities(text, source)
    keys = D.key_index(table, D.KEYS[kind])
    twice = keys.duplicated(keep=False)
    if twice.any():
        raise ValidationError(
            [
                Problem("duplicate_id", int(i) - start + HEADER_ROWS + 1, A.activity_id, keys[i])
                for i in twice.nonzero()[0]
                if i >= start
            ],
            source,
        )


def _file_row(problem: Problem, start: int) -> Problem:
    """A problem found in a merged table, numbered as in the file (no row number if it is in a kept row)."""
    if problem.row is None:
        return problem
    index = problem.row - HEADER_ROWS - 1
    return replace(problem, row=index - start + HEADER_ROWS + 1 if index >= start else None)


def commit_import(store: Store, prepared: PreparedImport, actor: Actor) -> Manifest:
    """Save a prepared import as a new version (StaleVersion if someone saved since it was prepared).

    A store that was still empty when the import was prepared is initialised first and the file applied to it.
    """
    if prepared.based_on is None and prepared.incoming is not None:
        based_on = store.seed_demo()
        prepared = _prepared_change(
            store.load_table(based_on, prepared.kind),
            based_on,
            prepared.incoming,
            prepared.warnings,
            set(prepared.present),
            prepared.source,
            prepared.kind,
            prepared.mode,
        )
    return store.save(
        prepared.based_on,
        **{prepared.kind: prepared.table},
        action="import",
        source=prepared.source,
        description=prepared.description(),
        actor=actor,
    )


def kpi_change(before: Snapshot | None, prepared: PreparedImport, lang: str) -> tuple[int, pd.DataFrame]:
    """The KPI table per KPI before and after a prepared import, for the latest year in the file (else the data)."""
    from kpi.engine import kpi_table
    from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
    from kpi.report import difference_frame

    if before is None:
        activities, targets = load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)
    else:
        activities, targets = before.activities, before.targets
    after_activities = prepared.table if prepared.kind == "activities" else activities
    after_targets = prepared.table if prepared.kind == "targets" else targets
    incoming = prepared.incoming if prepared.incoming is not None else prepared.table
    if prepared.kind == "activities" and len(incoming):
        year = int(incoming[A.year].max())
    elif prepared.kind == "targets" and len(incoming):
        year = int(incoming["end_year"].min())
    else:
        year = int(after_activities[A.year].max())
    return year, difference_frame(
        kpi_table(activities, targets, year, lang=lang),
        kpi_table(after_activities, after_targets, year, lang=lang),
        lang,
    )
