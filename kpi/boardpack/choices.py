"""Choices a pack is made for, checked against the data: unknown years and filter values are refused."""

from __future__ import annotations

import pandas as pd

from kpi.dashboard import data_years, filter_options, label
from kpi.errors import Refused
from kpi.filters import FILTER_COLUMNS, ActivityFilter
from kpi.i18n import t
from kpi.targets import plans


class RefusedChoice(Refused):
    """A year, country, theme or other filter value the data does not know: the pack is not built."""

    def __init__(self, items: list[tuple[str, str, str]]) -> None:
        self.items = items  # (field, value, known values)
        super().__init__(self.message("en"))

    def message(self, lang: str, limit: int = 50) -> str:
        """One sentence naming every refused value, in `lang`."""
        parts = [
            t("board.refused.year", lang, value=value, known=known)
            if name == "year"
            else t("board.refused.value", lang, field=t(f"col.{FILTER_COLUMNS[name]}", lang), value=value)
            for name, value, known in self.items
        ]
        return t("board.refused", lang, items="; ".join(parts))


def known_years(activities: pd.DataFrame, targets: pd.DataFrame) -> list[int]:
    """Years a pack can be made for: every year with data and every year a plan covers."""
    years = set(data_years(activities)) if len(activities) else set()
    for plan in plans(targets):
        years.update(range(plan.start_year, plan.end_year + 1))
    return sorted(years)


def refused_choices(
    activities: pd.DataFrame, targets: pd.DataFrame, year: int | None, selection: ActivityFilter
) -> list[tuple[str, str, str]]:
    """Every chosen value the data does not know: (field, value, known values)."""
    found = []
    years = known_years(activities, targets)
    span = f"{years[0]}-{years[-1]}" if years else "-"
    for value in ([year] if year is not None else []) + list(selection.years or ()):
        if value not in years and ("year", str(value), span) not in found:
            found.append(("year", str(value), span))
    options = filter_options(activities)
    for name in FILTER_COLUMNS:
        for value in getattr(selection, name):
            if value not in options[name]:
                found.append((name, str(value), ", ".join(options[name])))
    return found


def filter_text(selection: ActivityFilter, lang: str) -> str:
    """The mission filter in words: 'Land: China, Duitsland' or 'alle missies'."""
    parts = [
        f"{t(f'col.{column}', lang)}: {', '.join(label(name, v, lang) for v in getattr(selection, name))}"
        for name, column in FILTER_COLUMNS.items()
        if getattr(selection, name)
    ]
    return "; ".join(parts) if parts else t("board.no_filter", lang)
