"""Validation problems: what is wrong where in an input file, and the one error readers and validators raise."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from kpi.errors import KpiError, message_values
from kpi.i18n import t

LOG = logging.getLogger("kpi.import")
MAX_LOGGED = 20_000  # characters of a logged traceback (a library's message can hold a million failure cases)
# Row numbers count like a spreadsheet: the header is row 1, the first data row is row 2.
HEADER_ROWS = 1


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: a code plus where it is and the offending value."""

    code: str
    row: int | None = None  # spreadsheet row number; None for file-level problems
    column: str | None = None
    value: str | None = None
    severity: str = "error"  # "error" or "warning"
    params: tuple[tuple[str, str], ...] = ()

    def issue(self, lang: str) -> str:
        """What is wrong, in `lang`."""
        return t(f"err.{self.code}", lang, **self._values(lang))

    def fix(self, lang: str) -> str:
        """What to do about it, in `lang`."""
        return t(f"fix.{self.code}", lang, **self._values(lang))

    def _values(self, lang: str) -> dict[str, str]:
        return message_values(self.params, lang, self.column)

    def describe(self, lang: str) -> str:
        """One line saying row, column, value, what is wrong and what to do."""
        if self.row is None and self.value is None:
            text = t("problem.line_file", lang, issue=self.issue(lang), fix=self.fix(lang))
            return f"{self.column}: {text}" if self.column else text
        return t(
            "problem.line",
            lang,
            row=self.row if self.row is not None else "-",
            column=self.column or "-",
            value=self.value or "",
            issue=self.issue(lang),
            fix=self.fix(lang),
        )


@dataclass
class ValidationError(KpiError):
    """An input file has one or more problems (the file problems of the error hierarchy); carries every one found."""

    problems: list[Problem]  # type: ignore[assignment]
    source: str = ""
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message("en"))

    def message(self, lang: str, limit: int = 50) -> str:
        """A readable multi-line message listing the problems, in `lang`."""
        lines = [t("problem.header", lang, name=self.source or "-", count=len(self.problems))]
        lines += [f"- {p.describe(lang)}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(t("problem.more", lang, count=len(self.problems) - limit))
        return "\n".join(lines)


def problems_frame(problems: list[Problem], lang: str) -> pd.DataFrame:
    """The problems as a table for display and download, in `lang`."""
    rows = [
        {
            t("problem.severity", lang): t(f"severity.{p.severity}", lang),
            t("problem.row", lang): p.row,
            t("problem.column", lang): p.column,
            t("problem.value", lang): p.value,
            t("problem.issue", lang): p.issue(lang),
            t("problem.fix", lang): p.fix(lang),
        }
        for p in problems
    ]
    columns = [
        t(k, lang)
        for k in ("problem.severity", "problem.row", "problem.column", "problem.value", "problem.issue", "problem.fix")
    ]
    return pd.DataFrame(rows, columns=columns).astype({t("problem.row", lang): "Int64"})


@contextmanager
def unreadable_on_error(source: str) -> Iterator[None]:
    """The one place where an unexpected error while reading or validating a file becomes a problem.

    A ValidationError passes through; anything else (a reader bug, MemoryError, a library's own exception) is
    logged with its traceback on the server and reaches the user only as "this file can't be read".
    """
    try:
        yield
    except ValidationError:
        raise
    except Exception as error:
        detail = "".join(traceback.format_exception(error, limit=30))
        LOG.error("unexpected error while reading %s:\n%s", source, detail[-MAX_LOGGED:])
        raise ValidationError([Problem("unreadable", params=(("error", type(error).__name__),))], source) from None
