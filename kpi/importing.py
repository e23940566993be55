"""Importing a file into the store: read, validate, preview against the current version, then save on confirm."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kpi import diff as D
from kpi.access import Actor
from kpi.problems import Problem
from kpi.readers import read_raw
from kpi.schema import Activities as A
from kpi.store import Manifest, Store
from kpi import schema as S
from kpi.validate import canonical_columns, validate_activities, validate_targets

KINDS: tuple[str, ...] = ("activities", "targets")
_VALIDATORS = {"activities": validate_activities, "targets": validate_targets}


@dataclass(frozen=True)
class PreparedImport:
    """A validated change, not yet saved: the table it would produce and its differences from `based_on`."""

    kind: str
    mode: str
    source: str
    based_on: int
    table: pd.DataFrame
    diff: D.Diff
    warnings: list[Problem]

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


def validate_kind(raw: pd.DataFrame, kind: str, source: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate text cells as `kind`; (typed frame, warnings) or ValidationError."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return _VALIDATORS[kind](raw, source)


def prepare_import(store: Store, data: bytes | str | Path, name: str, kind: str, mode: str) -> PreparedImport:
    """Read and validate a file and work out the change it makes to the current version (nothing is written)."""
    if mode not in D.MODES:
        raise ValueError(f"unknown import mode {mode!r}")
    raw = read_raw(data, name)
    incoming, warnings = validate_kind(raw, kind, name)
    present = set(canonical_columns(raw, S.ACTIVITY_ALIASES if kind == "activities" else S.TARGET_ALIASES).columns)
    based_on = store.ensure()
    current = store.load_table(based_on, kind)
    table = D.apply_change(current, incoming, mode, D.KEYS[kind], name, present)
    if kind == "targets" and mode != D.REPLACE:
        table, _ = validate_targets(as_text(table), name)  # plan-wide rules span old and new rows
    change = D.diff_frames(current, table, D.KEYS[kind]) if mode == D.REPLACE \
        else D.diff_update(current, table, len(incoming), D.KEYS[kind])
    return PreparedImport(kind, mode, name, based_on, table, change, warnings)


def commit_import(store: Store, prepared: PreparedImport, actor: Actor) -> Manifest:
    """Save a prepared import as a new version (StaleVersion if someone saved since it was prepared)."""
    return store.save(prepared.based_on, **{prepared.kind: prepared.table}, action="import",
                      source=prepared.source, description=prepared.description(), actor=actor)


def save_edits(store: Store, based_on: int, original: pd.DataFrame, edited_text: pd.DataFrame,
               actor: Actor) -> Manifest:
    """Validate edited activity rows with the import rules and save them in place of `original` as a new version."""
    current = store.load_table(based_on, "activities")
    edited = current.iloc[:0] if edited_text.empty else validate_activities(edited_text, "editor")[0]
    key = D.KEYS["activities"]
    table = D.replace_rows(current, original[list(key)], edited, key, "editor")
    change = D.diff_frames(current, table, key).counts
    return store.save(based_on, activities=table, action="edit", source=None, actor=actor,
                      description=f"activities edit: +{change['added']} ~{change['changed']} -{change['removed']}")
