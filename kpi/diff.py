"""What a change does to a table, by key: rows added, changed (which columns) and removed; and applying it."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kpi import schema as S
from kpi.problems import HEADER_ROWS, Problem, ValidationError
from kpi.schema import Activities as A
from kpi.schema import Targets as T

ADD_UPDATE = "update"  # add new rows, update rows whose key exists, keep the rest
REPLACE = "replace"  # the file becomes the whole table
ADD_ONLY = "add"  # add new rows; a key that already exists is an error
MODES: tuple[str, ...] = (ADD_UPDATE, REPLACE, ADD_ONLY)
KEYS: dict[str, tuple[str, ...]] = {
    "activities": (A.activity_id,),
    "targets": (T.kpi, T.plan),
    "commentary": ("kpi", "year", "period", "lang"),  # kpi.commentary: one text per KPI, year, period and language
}


@dataclass(frozen=True)
class Diff:
    """Differences from an old to a new table; `changed_mask` marks the changed cells of `changed`."""

    key: tuple[str, ...]
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # new values of changed rows, key columns first
    before: pd.DataFrame  # old values of the same rows, same shape and order as `changed`
    changed_mask: pd.DataFrame  # True where a cell of `changed` differs from `before`
    unchanged: int

    @property
    def counts(self) -> dict[str, int]:
        """Numbers of added, changed, removed and unchanged rows."""
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }

    @property
    def is_empty(self) -> bool:
        """Whether nothing would change."""
        return not (len(self.added) or len(self.changed) or len(self.removed))

    def changed_columns(self) -> pd.Series:
        """For each changed row, the names of its changed columns."""
        mask = self.changed_mask
        return pd.Series(
            [[c for c, hit in zip(mask.columns, row) if hit] for row in mask.to_numpy()], index=mask.index, dtype=object
        )


def _comparable(values: pd.Series) -> pd.Series:
    return values.astype("string") if isinstance(values.dtype, pd.CategoricalDtype) else values


def _cells_differ(old: pd.Series, new: pd.Series) -> pd.Series:
    old, new = _comparable(old).reset_index(drop=True), _comparable(new).reset_index(drop=True)
    if old.dtype != new.dtype:
        old, new = old.astype("string"), new.astype("string")
    both_missing = old.isna().to_numpy() & new.isna().to_numpy()
    differs = old.ne(new).astype("boolean").fillna(True).to_numpy(dtype=bool)
    return pd.Series(differs & ~both_missing)


def key_index(frame: pd.DataFrame, key: tuple[str, ...] | list[str]) -> pd.Index:
    """The rows' keys as a hashable object Index (Arrow string indexes look up values one by one: slow)."""
    parts = [frame[c].astype(str).to_numpy(dtype=object) for c in key]
    values = parts[0] if len(parts) == 1 else pd.Series(parts[0]).str.cat(parts[1:], sep="\x1f").to_numpy(dtype=object)
    return pd.Index(values, dtype=object)


def diff_frames(old: pd.DataFrame, new: pd.DataFrame, key: tuple[str, ...]) -> Diff:
    """Compare two tables with unique `key` columns."""
    keys = list(key)
    old_keys, new_keys = key_index(old, keys), key_index(new, keys)
    is_added, is_removed = ~new_keys.isin(old_keys), ~old_keys.isin(new_keys)
    new_rows = np.flatnonzero(~is_added)
    old_rows = old_keys.get_indexer(new_keys[new_rows])
    columns = [c for c in new.columns if c not in keys] + [
        c for c in old.columns if c not in new.columns and c not in keys
    ]
    before = old.reindex(columns=keys + columns).iloc[old_rows].reset_index(drop=True)
    after = new.reindex(columns=keys + columns).iloc[new_rows].reset_index(drop=True)
    mask = pd.DataFrame({c: _cells_differ(before[c], after[c]) for c in columns}, index=after.index)
    hit = mask.any(axis=1).to_numpy() if columns else np.zeros(len(after), dtype=bool)
    mask = mask[hit].reset_index(drop=True)
    for n, column in enumerate(keys):
        mask.insert(n, column, False)
    return Diff(
        key=key,
        added=new[is_added].reset_index(drop=True),
        removed=old[is_removed].reset_index(drop=True),
        changed=after[hit].reset_index(drop=True),
        before=before[hit].reset_index(drop=True),
        changed_mask=mask,
        unchanged=int(len(after) - hit.sum()),
    )


def diff_update(current: pd.DataFrame, table: pd.DataFrame, incoming_rows: int, key: tuple[str, ...]) -> Diff:
    """The diff of an add-and-update whose last `incoming_rows` rows of `table` came from the file.

    Only those rows can differ, so only they are compared (fast on a large store); nothing is removed.
    """
    new_part = table.iloc[len(table) - incoming_rows :].reset_index(drop=True)
    old_part = current[key_index(current, key).isin(key_index(new_part, key))].reset_index(drop=True)
    change = diff_frames(old_part, new_part, key)
    return replace(change, unchanged=len(current) - len(old_part) + change.unchanged)


def _restore_dtypes(merged: pd.DataFrame, template: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """Concatenating categoricals with different categories gives objects; make them categoricals again."""
    for column in merged.columns:
        dtypes = [f[column].dtype for f in (template, incoming) if column in f.columns]
        if column == A.activity_type and A.activity_type in template.columns:
            merged[column] = pd.Categorical(merged[column], categories=S.ACTIVITY_TYPES)
        elif any(isinstance(d, pd.CategoricalDtype) for d in dtypes):
            merged[column] = merged[column].astype("category")
        elif len(set(map(str, dtypes))) == 1 and str(merged[column].dtype) != str(dtypes[0]):
            merged[column] = merged[column].astype(dtypes[0])
    return merged


def duplicates_in_store(current: pd.DataFrame, incoming: pd.DataFrame, key: tuple[str, ...]) -> list[Problem]:
    """Problems for incoming rows whose key already exists (rows counted as in the incoming file)."""
    exists = key_index(incoming, key).isin(key_index(current, key))
    return [
        Problem("duplicate_in_store", int(i) + HEADER_ROWS + 1, key[0], str(incoming.iloc[i][key[0]]))
        for i in np.flatnonzero(exists)
    ]


def apply_change(
    current: pd.DataFrame,
    incoming: pd.DataFrame,
    mode: str,
    key: tuple[str, ...],
    source: str = "",
    present: set[str] | None = None,
) -> pd.DataFrame:
    """The table after importing `incoming` in `mode` (ValidationError for existing keys in add-only mode).

    `present` names the columns the file really had: when updating, an existing row keeps its current value
    in every other column (a file without a `theme` column does not wipe the themes).
    """
    if mode == REPLACE:
        return incoming.reset_index(drop=True)
    if mode == ADD_ONLY:
        problems = duplicates_in_store(current, incoming, key)
        if problems:
            raise ValidationError(problems, source)
    elif mode != ADD_UPDATE:
        raise ValueError(f"unknown import mode {mode!r}")
    keys = list(key)
    kept = current[~key_index(current, keys).isin(key_index(incoming, keys))]
    if present is not None:
        incoming = _keep_absent_columns(current, incoming, keys, present)
    merged = pd.concat([kept, incoming], ignore_index=True)
    return _restore_dtypes(merged, current, incoming)


def _keep_absent_columns(
    current: pd.DataFrame, incoming: pd.DataFrame, keys: list[str], present: set[str]
) -> pd.DataFrame:
    absent = [c for c in current.columns if c not in present and c not in keys and c != A.year]
    if not absent:
        return incoming
    current_keys, incoming_keys = key_index(current, keys), key_index(incoming, keys)
    positions = current_keys.get_indexer(incoming_keys)
    exists = positions >= 0
    incoming = incoming.copy()
    for column in absent:
        values = (
            incoming[column].astype(object)
            if column in incoming.columns
            else pd.Series(pd.NA, index=incoming.index, dtype=object)
        )
        values[exists] = current[column].astype(object).to_numpy()[positions[exists]]
        incoming[column] = (
            values.astype(current[column].dtype)
            if not isinstance(current[column].dtype, pd.CategoricalDtype)
            else values
        )
    return incoming


def replace_rows(
    current: pd.DataFrame, original_keys: pd.DataFrame, edited: pd.DataFrame, key: tuple[str, ...], source: str = ""
) -> pd.DataFrame:
    """Replace the rows with `original_keys` by `edited` (in-app editing: rows may be changed, added or removed).

    An edited row may not take the key of a row outside the edited set (ValidationError duplicate_in_store).
    """
    outside = current[~key_index(current, key).isin(key_index(original_keys, key))]
    problems = duplicates_in_store(outside, edited, key)
    if problems:
        raise ValidationError(problems, source)
    return _restore_dtypes(pd.concat([outside, edited], ignore_index=True), current, edited)
