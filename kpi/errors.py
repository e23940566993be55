"""The errors the software raises on purpose, each named for what it is and told in the user's language.

    KpiError                  something was refused or could not be done; nothing was changed
    ├── ValidationError       an input file has problems (kpi.problems): rows, columns and values
    └── NoticeError           one thing to say, a `Notice` (no row or column)
        ├── StoreError        the store cannot do what was asked: full, read-only, busy (kpi.store_base)
        │   ├── StaleVersion     a save was based on a version that is no longer current
        │   └── StoreUnreadable  the store cannot be read: no version verifies, unreachable, unknown kind
        └── AccessRefused     the actor's role may not do this (kpi.access)
    └── Refused               a request names something that cannot be used: a year or filter value the data does
                              not know, a template, logo or colour that cannot be read (`message(lang)`)

Each is caught where it is shown: the CLI's `main`, the pages and `ui/` widgets, by the name of what it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from kpi.i18n import t

# Parameters holding a number, written per language when a message is rendered (1.000.000 / 1,000,000).
NUMBER_PARAMS = frozenset({"count", "limit", "max", "rows", "columns"})


def message_values(params: tuple[tuple[str, str], ...], lang: str, column: str | None = None) -> dict[str, str]:
    """A message's parameters as text in `lang`: counts written as the language writes numbers."""
    from kpi.fmt import number  # kpi.fmt imports the engine's modules; keep this module light

    values = {"column": column or "", **dict(params)}
    for key in NUMBER_PARAMS & values.keys():
        if values[key].isdigit():
            values[key] = number(int(values[key]), lang)
    return values


class Described(Protocol):
    """Anything an error lists: a file's `Problem` or a `Notice`."""

    def describe(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Notice:
    """One thing the store or the access guard says (not about a file's row or column): a text code and its values."""

    code: str
    params: tuple[tuple[str, str], ...] = ()
    severity: str = "error"  # "error" or "warning" (a recovered pointer)

    def issue(self, lang: str) -> str:
        """What happened, in `lang`."""
        return t(f"err.{self.code}", lang, **message_values(self.params, lang))

    def fix(self, lang: str) -> str:
        """What to do about it, in `lang`."""
        return t(f"fix.{self.code}", lang, **message_values(self.params, lang))

    def describe(self, lang: str) -> str:
        """What happened and what to do, as one line in `lang`."""
        return t("problem.line_file", lang, issue=self.issue(lang), fix=self.fix(lang))


class KpiError(Exception):
    """Something the software refused or could not do; nothing was changed. `message(lang)` says what and why."""

    problems: Sequence[Described] = ()

    def message(self, lang: str, limit: int = 50) -> str:
        """What went wrong and what to do, in `lang`: one line per item (at most `limit`)."""
        return "\n".join(p.describe(lang) for p in self.problems[:limit])

    def __str__(self) -> str:
        return self.message("en")


class NoticeError(KpiError):
    """An error that says one thing (a `Notice`), not a list of a file's problems."""

    def __init__(self, code: str, **params: object) -> None:
        self.notice = Notice(code, params=tuple((k, str(v)) for k, v in params.items()))
        super().__init__(self.message("en"))

    @property
    def code(self) -> str:
        """The notice's code, e.g. `store_full`."""
        return self.notice.code

    @property
    def problems(self) -> list[Notice]:  # type: ignore[override]
        """The one notice, as the list every KpiError offers."""
        return [self.notice]


class Refused(KpiError):
    """A request the software refuses: a year, date or filter value, or a template, logo or colour; nothing was made."""

    def message(self, lang: str, limit: int = 50) -> str:
        """Why, in `lang` (a subclass says it; the base has the text it was raised with)."""
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:  # the text it was raised with, for the log: a template's may name a server path
        return Exception.__str__(self)
