"""The story a view tells beside the numbers, in words: what is still needed, how far the data goes, the status rule.

One home for these sentences: the Overview cards, the progress table, the CLI and the board pack read them here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

from kpi import fmt
from kpi.commentary import AUTHOR, PERIOD, QUARTERS, WRITTEN, YEAR
from kpi.engine import KPITable
from kpi.i18n import t
from kpi.pace import Needed, NeededPeriod
from kpi.schema import Commentary as C
from kpi.store_base import Manifest, Store, file_name
from kpi.targets import AT_RISK_SHARE, STATUS_ICONS, STATUSES

TEAM_ZONE = "Europe/Amsterdam"  # the team's clock: times of imports are shown in it
MAX_WALK = 10_000  # versions walked back at most to find when the activities were imported


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
    """How far the table's data goes: 'Gegevens t/m 19 december 2018 (laatste import …)', or that there is none."""
    return data_through_words(table.data_through, table.imported, lang)


def data_through_words(through: dt.date | None, imported: str | None, lang: str) -> str:
    """'Gegevens t/m 19 december 2018', with the time of the latest import (shown in Europe/Amsterdam) when known."""
    if through is None:
        return t("story.no_data", lang)
    date = fmt.date(through, lang)
    when = _local_time(imported, lang)
    return (
        t("story.data_through_imported", lang, date=date, imported=when)
        if when
        else t("story.data_through", lang, date=date)
    )


def _local_time(stamp: str | None, lang: str) -> str:
    """An ISO time (UTC) as the team reads it: '28 november 2026 15:05' in Europe/Amsterdam ('' when unknown)."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(ZoneInfo(TEAM_ZONE))
    return f"{fmt.date(local.date(), lang)} {local:%H:%M}"


def imported_at(store: Store, manifest: Manifest) -> str | None:
    """When the current activities were saved by their latest import: the earliest version, walking back from
    `manifest`, that holds the very same activities file (a later commentary edit does not count)."""
    name = file_name("activities")
    wanted = manifest.files.get(name, {}).get("sha256")
    found = manifest
    for _ in range(MAX_WALK):
        if found.based_on is None:
            break
        try:
            before = store.manifest(found.based_on)
        except (FileNotFoundError, ValueError):
            break
        if before.files.get(name, {}).get("sha256") != wanted:
            break
        found = before
    return found.created or None


def period_name(period: str, year: int, lang: str) -> str:
    """A reporting period in words: 'heel 2018' / 'the whole of 2018', 'K2 2018' / 'Q2 2018'."""
    if period == YEAR:
        return t("story.comment.year", lang, year=year)
    return fmt.quarter(year, QUARTERS.index(period) + 1, lang)


def commentary_history_frame(entries: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Commentary entries (`kpi.commentary.commentary_entries`) as a display table: period, language, text, author
    and time (in Europe/Amsterdam); texts from before periods show 'unknown' for author and time."""
    unknown = t("story.comment.unknown", lang)
    return pd.DataFrame(
        {
            t("story.comment.col.period", lang): [period_name(p, year, lang) for p in entries[PERIOD]],
            t("story.comment.col.lang", lang): [fmt.language_name(x, lang) for x in entries[C.lang]],
            t("story.comment.col.text", lang): [str(x) for x in entries[C.text]],
            t("story.comment.col.author", lang): [x if isinstance(x, str) and x else unknown for x in entries[AUTHOR]],
            t("story.comment.col.written", lang): [
                _local_time(x, lang) if isinstance(x, str) and x else unknown for x in entries[WRITTEN]
            ],
        }
    )


def status_legend(lang: str) -> list[tuple[str, str, str]]:
    """Every status as (icon, name, what it means): the rule that decides it, in the user's language."""
    share = fmt.percent(AT_RISK_SHARE, lang)
    return [(STATUS_ICONS[s], t(f"status.{s}", lang), t(f"story.legend.{s}", lang, share=share)) for s in STATUSES]
