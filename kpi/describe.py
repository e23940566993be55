"""Charts in words: the text alternative of a chart and the table of the figures behind it (pure, nl/en).

Screen-reader users get what a sighted reader takes from the chart: "Matchmaking 2018: 211 of the 300
targeted, missed". Pages and both board pack writers use the same sentences.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kpi import fmt
from kpi.i18n import t
from kpi.targets import Target

# A series: its name and one value per category (None: no bar; text: already formatted, e.g. a range "24-32").
SeriesData = tuple[str, Sequence[float | str | None]]


def status_words(status: str, lang: str) -> str:
    """A status as the words in a sentence: 'niet behaald', 'on track'."""
    return t(f"status.{status}", lang).lower()


def kpi_sentence(name: str, year: int, realized: int, target: Target, status: str, lang: str, *,
                 expected: float | None = None, plan_period: str | None = None, cumulative: int | None = None,
                 plan_target: Target | None = None, plan_status: str | None = None) -> str:
    """A KPI in one or two sentences: the year against its target, then the multi-year plan when it has one."""
    if target.defined:
        text = t("a11y.kpi", lang, name=name, year=year, realized=fmt.number(realized, lang),
                 target=fmt.target(target, lang), status=status_words(status, lang))
        if expected is not None and status not in ("achieved", "exceeded", "missed"):
            text += f" ({t('a11y.expected', lang, expected=fmt.number(expected, lang))})"
    else:
        text = t("a11y.kpi_no_target", lang, name=name, year=year, realized=fmt.number(realized, lang))
    text += "."
    if plan_period and cumulative is not None and plan_target is not None and plan_target.defined and plan_status:
        text += " " + t("a11y.plan", lang, period=plan_period, cumulative=fmt.number(cumulative, lang),
                        target=fmt.target(plan_target, lang), status=status_words(plan_status, lang)) + "."
    return text


def _value(value: float | str | None, lang: str) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else fmt.number(value, lang)


def bars_sentence(title: str, categories: Sequence[str], series: Sequence[SeriesData], lang: str) -> str:
    """Bars in words, category by category: 'Missions by country: Germany 4 (incoming 1, outgoing 3), China 2 (...).'"""
    if not categories or not series:
        return t("a11y.no_data", lang, title=title) + "."
    parts = []
    for n, category in enumerate(categories):
        values = [(name, values[n]) for name, values in series if n < len(values) and values[n] is not None]
        if len(series) == 1:
            parts.append(f"{category} {_value(values[0][1], lang)}" if values else category)
            continue
        total = sum(v for _, v in values if not isinstance(v, str))
        split = ", ".join(f"{name.lower()} {_value(v, lang)}" for name, v in values if v)
        parts.append(f"{category} {_value(total, lang)}" + (f" ({split})" if split else ""))
    return f"{title}: {', '.join(parts)}."


def bars_table(categories: Sequence[str], series: Sequence[SeriesData], lang: str,
               category_header: str | None = None) -> pd.DataFrame:
    """The figures behind bars as a table of text: a row per category, a column per series (numbers in the locale)."""
    frame = pd.DataFrame({category_header or t("a11y.category", lang): list(categories)})
    for name, values in series:
        frame[name] = [_value(v, lang) for v in values]
    return frame
