"""Mapping a file onto the data contract: which column is which field, which value is which code, how dates and
numbers are read. A mapping is proposed for a file, changed by the user, applied before validation and saved as a
named profile (kpi.profiles), so the next export with the same columns imports without questions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import pandas as pd

from kpi import schema as S
from kpi import values as V
from kpi.headers import header_key
from kpi.validate import Reading

EXTRA = ""  # a file column kept as an extra column
MAPPED_VALUES: tuple[str, ...] = S.of_type("activities", S.CODE)


@dataclass(frozen=True)
class Mapping:
    """A file's columns to contract fields (EXTRA: kept as is), value replacements per field, and the reading."""

    kind: str
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    date_order: str = "auto"
    number_locale: str = "auto"

    @property
    def reading(self) -> Reading:
        """How dates and numbers are read."""
        return Reading(self.date_order, self.number_locale)

    def missing(self) -> list[str]:
        """Required fields no column is mapped to."""
        mapped = set(self.columns.values())
        return [f for f in S.required(self.kind) if f not in mapped]

    def to_json(self) -> str:
        """The mapping as JSON (for a profile)."""
        return json.dumps(
            {
                "kind": self.kind,
                "columns": self.columns,
                "values": self.values,
                "date_order": self.date_order,
                "number_locale": self.number_locale,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        """A mapping back from `to_json`."""
        data = json.loads(text)
        return cls(
            data["kind"],
            dict(data.get("columns", {})),
            {k: dict(v) for k, v in data.get("values", {}).items()},
            data.get("date_order", "auto"),
            data.get("number_locale", "auto"),
        )


def propose(raw: pd.DataFrame, kind: str) -> Mapping:
    """A mapping by name and alias for each column (Ja/Nee columns and unknown ones left as they are), and a
    proposal for each value not yet in contract form."""
    aliases = S.aliases(kind)
    own = set(S.names(kind))
    columns: dict[str, str] = {}
    for column in raw.columns:
        key = header_key(column)
        target = aliases.get(key, key if key in own else EXTRA)
        columns[column] = target if target not in columns.values() else EXTRA
    mapping = Mapping(kind, columns)
    return replace(mapping, values=value_proposals(raw, mapping))


def value_proposals(raw: pd.DataFrame, mapping: Mapping) -> dict[str, dict[str, str]]:
    """For each categorical field: every distinct value not in contract form, with the code it is taken for ('' if
    none is known)."""
    if mapping.kind != "activities":
        return {}
    found: dict[str, dict[str, str]] = {}
    for column, target in mapping.columns.items():
        if target not in MAPPED_VALUES:
            continue
        distinct = [v for v in raw[column].astype(str).str.strip().unique() if v]
        proposals = {v: _proposal(target, v) for v in distinct}
        proposals = {v: p for v, p in proposals.items() if p != v}
        if proposals:
            found[target] = {**proposals, **mapping.values.get(target, {})}
    return found


def _proposal(target: str, value: str) -> str:
    if target == S.A.country:
        code = V.country_codes(pd.Series([value])).iloc[0]
        return code if code in S.COUNTRY_CODES else ""
    lower = value.lower()
    declared = S.column(target)
    if lower in declared.codes():
        return lower
    return dict(declared.value_aliases).get(lower, "")


def allowed(target: str) -> tuple[str, ...]:
    """The codes a categorical field takes."""
    return S.column(target).codes()


def apply(raw: pd.DataFrame, mapping: Mapping) -> pd.DataFrame:
    """The file with its columns renamed to their fields and its values replaced as mapped (row numbers kept)."""
    renamed = {c: t for c, t in mapping.columns.items() if t and c in raw.columns}
    frame = raw.rename(columns=renamed)
    for target, replacements in mapping.values.items():
        chosen = {k: v for k, v in replacements.items() if v}
        if target in frame.columns and chosen:
            frame[target] = frame[target].replace(chosen)
    frame.attrs = dict(raw.attrs)
    return frame


@dataclass(frozen=True)
class ColumnDifference:
    """One way a file's columns differ from a profile's: `missing` (in the profile, not the file) or `new`."""

    column: str
    change: str


def differences(raw: pd.DataFrame, mapping: Mapping) -> list[ColumnDifference]:
    """The file's columns against the profile's, column by column."""
    have, known = list(raw.columns), list(mapping.columns)
    return [ColumnDifference(c, "missing") for c in known if c not in have] + [
        ColumnDifference(c, "new") for c in have if c not in known
    ]
