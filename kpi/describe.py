"""Charts in words: the text alternative of a chart and the table of the figures behind it (pure, nl/en).

Screen-reader users get what a sighted reader takes from the chart: "Matchmaking 2018: 211 of the 300
targeted, missed". Pages and both board pack writers use the same sentences.
"""

from __future__ import annotations

import html
import math
import re
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


def kpi_sentence(
    name: str,
    year: int,
    realized: int,
    target: Target,
    status: str,
    lang: str,
    *,
    expected: float | None = None,
    plan_period: str | None = None,
    cumulative: int | None = None,
    plan_target: Target | None = None,
    plan_status: str | None = None,
) -> str:
    """A KPI in one or two sentences: the year against its target, then the multi-year plan when it has one."""
    if target.defined:
        text = t(
            "a11y.kpi",
            lang,
            name=name,
            year=year,
            realized=fmt.number(realized, lang),
            target=fmt.target(target, lang),
            status=status_words(status, lang),
        )
        if expected is not None and status not in ("achieved", "exceeded", "missed"):
            text += f" ({t('a11y.expected', lang, expected=fmt.number(expected, lang))})"
    else:
        text = t("a11y.kpi_no_target", lang, name=name, year=year, realized=fmt.number(realized, lang))
    text += "."
    if plan_period and cumulative is not None and plan_target is not None and plan_target.defined and plan_status:
        text += (
            " "
            + t(
                "a11y.plan",
                lang,
                period=plan_period,
                cumulative=fmt.number(cumulative, lang),
                target=fmt.target(plan_target, lang),
                status=status_words(plan_status, lang),
            )
            + "."
        )
    return text


def _value(value: float | str | None, lang: str) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else fmt.number(value, lang)


def bars_sentence(
    title: str, categories: Sequence[str], series: Sequence[SeriesData], lang: str, stacked: bool = True
) -> str:
    """Bars in words, category by category: 'Missions by country: Germany 4 (Incoming 1, Outgoing 3), China 2 (...).'
    Series side by side (`stacked` False) are listed without a total: '2017: Visits 20, Services 11'."""
    if not categories or not series:
        return t("a11y.no_data", lang, title=title) + "."
    parts = []
    for n, category in enumerate(categories):
        values = [(name, values[n]) for name, values in series if n < len(values) and values[n] is not None]
        if len(series) == 1:
            parts.append(f"{category} {_value(values[0][1], lang)}" if values else category)
            continue
        split = ", ".join(f"{name} {_value(v, lang)}" for name, v in values if v)
        if not stacked:
            parts.append(f"{category}: {split}" if split else category)
            continue
        total = sum(v for _, v in values if not isinstance(v, str))
        parts.append(f"{category} {_value(total, lang)}" + (f" ({split})" if split else ""))
    return f"{title}: {('; ' if len(series) > 1 and not stacked else ', ').join(parts)}."


def bars_table(
    categories: Sequence[str], series: Sequence[SeriesData], lang: str, category_header: str | None = None
) -> pd.DataFrame:
    """The figures behind bars as a table of text: a row per category, a column per series (numbers in the locale)."""
    frame = pd.DataFrame({category_header or t("a11y.category", lang): list(categories)})
    for name, values in series:
        frame[name] = [_value(v, lang) for v in values]
    return frame


def plan_sentence(name: str, period: str, cumulative: int | None, target: Target, status: str, lang: str) -> str:
    """A KPI against its multi-year plan: 'Matchmaking, multi-year plan 2017-2020: 605 of the 1,200 targeted, ...'."""
    if not target.defined or cumulative is None:
        return (
            t("a11y.plan_kpi_no_target", lang, name=name, period=period, cumulative=fmt.number(cumulative or 0, lang))
            + "."
        )
    return (
        t(
            "a11y.plan_kpi",
            lang,
            name=name,
            period=period,
            cumulative=fmt.number(cumulative, lang),
            target=fmt.target(target, lang),
            status=status_words(status, lang),
        )
        + "."
    )


def kpi_rows_text(rows, lang: str, plan: bool = False) -> str:
    """The KPI rows (kpi.engine.KPIRow) in sentences: each against its annual target, or (`plan`) its multi-year plan."""
    if plan:
        return " ".join(
            plan_sentence(
                r.kpi.short(lang),
                f"{r.plan.start_year}-{r.plan.end_year}" if r.plan else "",
                r.cumulative,
                r.plan_target,
                r.plan_status,
                lang,
            )
            for r in rows
        )
    return " ".join(
        kpi_sentence(
            r.kpi.short(lang),
            r.annual.start_year if r.annual else "",
            r.realized,
            r.annual_target,
            r.annual_status,
            lang,
            expected=r.annual_expected,
        )
        for r in rows
    )


def kpi_rows_table(rows, lang: str, plan: bool = False) -> pd.DataFrame:
    """The figures behind a KPI chart: per KPI the realised value, target, expected value and status."""

    def expected(value: float | None) -> str:
        return "" if value is None else fmt.number(value, lang)

    return pd.DataFrame(
        {
            t("a11y.col.kpi", lang): [r.kpi.short(lang) for r in rows],
            t("a11y.col.realized", lang): [fmt.number(r.cumulative if plan else r.realized, lang) for r in rows],
            t("a11y.col.target", lang): [fmt.target(r.plan_target if plan else r.annual_target, lang) for r in rows],
            t("a11y.col.expected", lang): [expected(r.plan_expected if plan else r.annual_expected) for r in rows],
            t("a11y.col.status", lang): [t(f"status.{r.plan_status if plan else r.annual_status}", lang) for r in rows],
        }
    )


MAX_SPOKEN = 12  # categories named in a chart's sentence; the table always has every one
_TAGS = re.compile(r"<[^>]+>")


def _plain(text: object) -> str:
    """Plotly text without its HTML (<b>, <br>, spans): what a reader sees."""
    return " ".join(html.unescape(_TAGS.sub(" ", str(text or ""))).split())


def _trace_series(trace) -> tuple[str, list[str], list[object]] | None:
    """(name, categories, values) of a trace as drawn, or None for a trace without data."""
    kind = trace.type
    if kind == "choropleth":
        categories, values = list(trace.text if trace.text is not None else trace.locations or ()), list(trace.z)
    elif kind in ("bar", "funnel", "scatter"):
        x, y = list(trace.x if trace.x is not None else ()), list(trace.y if trace.y is not None else ())
        horizontal = (
            kind == "funnel"
            or trace.orientation == "h"
            or (
                kind == "scatter"
                and y
                and all(isinstance(v, str) for v in y)
                and not all(isinstance(v, str) for v in x)
            )
        )
        categories, values = (y, x) if horizontal else (x, y)
    else:
        return None
    if not categories:
        return None
    return _plain(trace.name), [_plain(c) for c in categories], values


def _number(value: object, lang: str) -> float | str | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None if value is None else str(value)
    if math.isnan(number):  # no point here
        return None
    return round(number) if abs(number - round(number)) < 0.05 else fmt.number(number, lang, decimals=1)


def figure_summary(figure, lang: str) -> tuple[str, pd.DataFrame]:
    """Any Plotly figure of the dashboard in words and as a table, read from what it draws: its title, then per
    category the value of each trace (bars, lines, markers, funnel steps, map areas)."""
    title = figure.layout.title
    heading = _plain(title.text) if title and title.text else ""
    subtitle = _plain(title.subtitle.text) if title and title.subtitle and title.subtitle.text else ""
    heading = f"{heading} ({subtitle})" if heading and subtitle else heading or subtitle
    found = [s for s in (_trace_series(tr) for tr in figure.data) if s]
    categories: list[str] = list(dict.fromkeys(c for _, cats, _ in found for c in cats))
    series: list[SeriesData] = []
    for name, cats, values in found:
        by_category = dict(zip(cats, (_number(v, lang) for v in values)))
        name = name or t("a11y.value", lang)
        label = name if name not in [s[0] for s in series] else f"{name} ({len(series) + 1})"
        series.append((label, [by_category.get(c) for c in categories]))
    spoken = categories[:MAX_SPOKEN]
    stacked = figure.layout.barmode in ("stack", "relative") and all(tr.type == "bar" for tr in figure.data)
    text = bars_sentence(heading, spoken, [(n, v[:MAX_SPOKEN]) for n, v in series], lang, stacked)
    if len(categories) > MAX_SPOKEN:
        text = text[:-1] + f", … (+{len(categories) - MAX_SPOKEN})."
    return text, bars_table(categories, series, lang, _category_title(figure) or None)


def _category_title(figure) -> str:
    """The title of the axis that holds the categories (the first trace's), e.g. 'Country'."""
    first = next((tr for tr in figure.data if tr.type in ("bar", "funnel", "scatter")), None)
    if first is None:
        return ""
    axis = figure.layout.yaxis if first.type == "funnel" or first.orientation == "h" else figure.layout.xaxis
    return _plain(axis.title.text) if axis and axis.title and axis.title.text else ""
