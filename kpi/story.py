"""The story a view tells beside the numbers, in words: what is still needed, how far the data goes, the status rule.

One home for these sentences: the Overview cards, the progress table, the CLI and the board pack read them here.
"""

from __future__ import annotations

import datetime as dt

from kpi import fmt
from kpi.engine import KPITable
from kpi.i18n import t
from kpi.pace import Needed, NeededPeriod
from kpi.targets import AT_RISK_SHARE, STATUS_ICONS, STATUSES


def needed_text(needed: Needed | None, end: str, lang: str) -> str:
    """What is still needed in words: '28 nodig per resterende maand …', '89 nodig in de laatste dag'.

    Never more than what is missing in total: with less than a month left (or less than one a month needed) the
    total for the days left; `end` names the period's end ('2018', 'MJP 2017-2020').
    """
    if needed is None:
        return ""
    n = fmt.number(needed.amount, lang)
    if needed.period is None:
        return t("story.needed.reached", lang)
    if needed.period == NeededPeriod.MONTH:
        return t("story.needed.month", lang, n=n)
    if needed.days == 1:
        return t("story.needed.last_day", lang, n=n)
    if needed.months < 1:
        return t("story.needed.last_days", lang, n=n, days=needed.days)
    return t("story.needed.rest", lang, n=n, end=end)


def data_through_text(table: KPITable, lang: str) -> str:
    """How far the data goes: 'Gegevens t/m 19 december 2018 (laatste import …)', or that there is none yet."""
    if table.data_through is None:
        return t("story.no_data", lang)
    date = fmt.date(table.data_through, lang)
    if table.imported:
        imported = fmt.date(dt.date.fromisoformat(table.imported[:10]), lang)
        return t("story.data_through_imported", lang, date=date, imported=imported)
    return t("story.data_through", lang, date=date)


def status_legend(lang: str) -> list[tuple[str, str, str]]:
    """Every status as (icon, name, what it means): the rule that decides it, in the user's language."""
    share = fmt.percent(AT_RISK_SHARE, lang)
    return [(STATUS_ICONS[s], t(f"status.{s}", lang), t(f"story.legend.{s}", lang, share=share)) for s in STATUSES]
