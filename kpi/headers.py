"""Finding the header row of a file and normalising its names: below title lines, over two merged rows, any spaces.

Every reader (CSV, XLSX, ODS) hands the first rows of a sheet to `find_header`; the row that names most contract
columns (or their Dutch aliases) within the first HEADER_SCAN rows is the header. When the row above it fills
its empty cells (a two-row header with merged cells) and names more columns together, both rows form the header.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kpi import schema as S

HEADER_SCAN = 30  # rows searched for the header (title blocks of CRM exports are a few lines)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\ufeff]+")


def clean_name(name: object) -> str:
    """A header name as shown: any run of spaces (non-breaking ones too) as one space, stripped, no BOM."""
    return _SPACES.sub(" ", str(name)).strip()


def header_key(name: object) -> str:
    """A header name as compared: NFKC, spaces cleaned, lower case, spaces as underscores."""
    return unicodedata.normalize("NFKC", clean_name(name)).lower().replace(" ", "_")


def _known_keys() -> frozenset[str]:
    """Every name, alias and Ja/Nee column key the declarations give (kpi.schema)."""
    declared = S.ACTIVITIES + S.TARGETS
    return frozenset({c.name for c in declared} | {a for c in declared for a in c.aliases} | set(S.YES_NO_COLUMNS))


KNOWN_KEYS = _known_keys()


def known_count(cells: list[str]) -> int:
    """How many distinct cells name a contract column (or an alias)."""
    return len({header_key(c) for c in cells if c} & KNOWN_KEYS)


@dataclass(frozen=True)
class Header:
    """Where the header is among the rows given (its last row) and its names; `rows` is 1 or 2."""

    index: int
    names: list[str]
    rows: int = 1


def find_header(records: list[list[str]]) -> Header | None:
    """The header among the first HEADER_SCAN non-empty rows (None if every row is empty).

    The row naming most contract columns wins (the earliest on a tie); without any, the first non-empty row.
    """
    best: Header | None = None
    best_score = 0
    first: Header | None = None
    for index, cells in enumerate(records[:HEADER_SCAN]):
        if not any(c.strip() for c in cells):
            continue
        if first is None:
            first = Header(index, list(cells))
        score = known_count(cells)
        candidate = Header(index, list(cells))
        if index > 0 and any(c.strip() for c in records[index - 1]):
            merged = _merged(records[index - 1], cells)
            merged_score = known_count(merged)
            if merged_score > score and merged_score > known_count(records[index - 1]):
                candidate, score = Header(index, merged, 2), merged_score
        if score > best_score:
            best, best_score = candidate, score
    return best if best is not None and best_score >= 2 else first


def _merged(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: the lower row's name, else the one above it (a cell merged over both rows)."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return [low if low.strip() else up for up, low in zip(upper, lower)]
