"""The languages the product speaks, declared once: locale, date formats, quarter prefix and plan names.

Adding a language is one `Language` entry in LANGUAGES, a text in it for every key of kpi/texts and labels
for every KPI in kpi/registry.py (kpi.i18n refuses to start while a text lacks a declared language). The
module reads nothing else from the product, so anything may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol


@dataclass(frozen=True)
class Language:
    """One language: its name, and how numbers, dates, quarters and plans are written in it."""

    code: str  # ISO 639-1, as in ?lang= and the text tables
    name: str  # in the language itself, as the language switch shows it
    locale: str  # babel locale: separators, month names, country and language names
    short_date: str  # babel date pattern: 31-12-2018
    long_date: str  # 31 december 2018
    month_year: str  # maart 2018
    day_month: str  # 30 juni
    quarter_prefix: str  # the K of K1 2018
    multi_year_plan: str  # the MJP of MJP 2017-2020, as written mid-sentence
    annual_plan: str  # the AP of AP 2018
    place_form: int  # which name of kpi.dashboard.PLACES' (Dutch, English) pairs it shows

    @property
    def decimal(self) -> str:
        """The decimal separator: ',' in Dutch."""
        return get_decimal_symbol(self.locale)

    @property
    def thousands(self) -> str:
        """The thousands separator: '.' in Dutch."""
        return get_group_symbol(self.locale)

    @property
    def month_names(self) -> tuple[str, ...]:
        """The twelve month names, January first, as a date writes them ('januari' ... 'december')."""
        months = Locale.parse(self.locale).months["format"]["wide"]
        return tuple(months[m] for m in range(1, 13))

    @property
    def date_input(self) -> str:
        """The short date as Streamlit's date picker takes it: 'dd-MM-y' -> 'DD-MM-YYYY'."""
        return self.short_date.replace("dd", "DD").replace("y", "YYYY")


LANGUAGES: dict[str, Language] = {
    entry.code: entry
    for entry in (
        Language(
            code="nl",
            name="Nederlands",
            locale="nl_NL",
            short_date="dd-MM-y",
            long_date="d MMMM y",
            month_year="MMMM y",
            day_month="d MMMM",
            quarter_prefix="K",
            multi_year_plan="MJP",
            annual_plan="AP",
            place_form=0,
        ),
        Language(
            code="en",
            name="English",
            locale="en_GB",
            short_date="dd/MM/y",
            long_date="d MMMM y",
            month_year="MMMM y",
            day_month="d MMMM",
            quarter_prefix="Q",
            multi_year_plan="multi-year plan",
            annual_plan="annual plan",
            place_form=1,
        ),
    )
}
DEFAULT = "nl"


def language(code: str | None) -> Language:
    """The entry for `code`; the default language's for an unknown or missing code."""
    return LANGUAGES.get(code or DEFAULT) or LANGUAGES[DEFAULT]
