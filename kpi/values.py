"""Values as Dutch files write them, in contract form: day-first dates, `1.200`, country names, Ja/Nee.

Each function looks only at the cells that are not yet in contract form, so a file that already is costs nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd
from babel import Locale
from babel.core import get_global

from kpi import schema as S

DATE_ORDERS: tuple[str, ...] = ("auto", "dmy", "mdy")
NUMBER_LOCALES: tuple[str, ...] = ("auto", "nl", "en")
_DAY_MONTH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_GROUPED = {"nl": re.compile(r"^\d{1,3}(\.\d{3})+$"), "en": re.compile(r"^\d{1,3}(,\d{3})+$")}
_SEPARATOR = {"nl": ".", "en": ","}
COUNTRY_LANGS: tuple[str, ...] = ("nl", "en")


@dataclass(frozen=True)
class DayMonth:
    """The cells of a date column written as d-m-yyyy or m-d-yyyy, read both ways."""

    day_first: pd.Series  # YYYY-MM-DD read as day-month-year ('' where impossible)
    month_first: pd.Series  # the same read as month-day-year
    only_day_first: pd.Series  # True where only the day-first reading is a date (first part > 12)
    only_month_first: pd.Series


def day_month(values: pd.Series) -> DayMonth | None:
    """Both readings of the cells shaped like 15-03-2018 or 3/15/2018 (None when there are none)."""
    parts = values.str.extract(_DAY_MONTH)
    shaped = parts[0].notna()
    if not shaped.any():
        return None
    parts = parts[shaped]
    first, second, year = (pd.to_numeric(parts[i]) for i in range(3))
    dmy = _iso(year, second, first)
    mdy = _iso(year, first, second)
    return DayMonth(dmy, mdy, (dmy != "") & (mdy == ""), (mdy != "") & (dmy == ""))


def _iso(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    dates = pd.to_datetime(frame, errors="coerce")
    return dates.dt.strftime("%Y-%m-%d").fillna("")


def ungrouped(values: pd.Series, locale: str) -> pd.Series:
    """Whole numbers with the locale's thousands separator (`1.200` in Dutch, `1,200` in English) without it."""
    pattern = _GROUPED.get(locale)
    if pattern is None:
        return values
    grouped = values.str.match(pattern)
    if not grouped.any():
        return values
    return values.where(~grouped, values.str.replace(_SEPARATOR[locale], "", regex=False))


@functools.cache
def country_names() -> dict[str, str]:
    """Country names in every COUNTRY_LANGS locale and ISO alpha-3 codes, case folded, to alpha-2 (from CLDR)."""
    found: dict[str, str] = {}
    for lang in COUNTRY_LANGS:
        for code, name in Locale(lang).territories.items():
            if code in S.COUNTRY_CODES:
                found.setdefault(name.casefold(), code)
    for alias, codes in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(codes) == 1 and codes[0] in S.COUNTRY_CODES:
            found.setdefault(alias.casefold(), codes[0])
    return found


def country_codes(values: pd.Series) -> pd.Series:
    """Countries as alpha-2 codes: codes in any case, names (`Duitsland`, `Germany`) and alpha-3 (`DEU`)."""
    upper = values.str.upper()
    unknown = (upper != "") & ~upper.isin(S.COUNTRY_CODES)
    if not unknown.any():
        return upper
    names = country_names()
    mapped = {v: names.get(" ".join(v.split()).casefold(), v.upper()) for v in values[unknown].unique()}
    return upper.where(~unknown, values[unknown].map(mapped))


def yes_no(values: pd.Series) -> pd.Series:
    """True for Ja/Yes/1/x, False for Nee/No/0/empty, NA for anything else."""
    lower = values.str.strip().str.lower()
    out = pd.Series(pd.NA, index=values.index, dtype="boolean")
    out[lower.isin(S.YES_VALUES)] = True
    out[lower.isin(S.NO_VALUES)] = False
    return out
