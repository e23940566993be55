"""Locale-aware formatting of numbers, targets, percentages and dates (babel)."""

from __future__ import annotations

import datetime as dt
import html
import re

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _format_percent

from kpi.i18n import t
from kpi.languages import language
from kpi.targets import Plan, Target


def locale(lang: str) -> str:
    """The babel locale for a language code (the default language's for an unknown code)."""
    return language(lang).locale


def separators(lang: str) -> str:
    """The decimal and thousands separators as Plotly's `separators` takes them: ',.' in Dutch."""
    entry = language(lang)
    return entry.decimal + entry.thousands


def language_name(code: str, lang: str) -> str:
    """The name of language `code` in `lang` ('en' in Dutch: 'Engels'); its own name where the locale has none."""
    return Locale.parse(locale(lang)).languages.get(code) or language(code).name


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A number in the locale's format: 1.200 in Dutch, 1,200 in English; '' for None."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale(lang))


def signed(value: int | None, lang: str) -> str:
    """A difference with an explicit sign (+12, −89)."""
    if value is None:
        return ""
    text = number(abs(value), lang)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def target(value: Target, lang: str) -> str:
    """A target as the report writes it: 24-32, 1.200, or 'niet gedefinieerd'."""
    if not value.defined:
        return t("target.undefined", lang)
    if value.upper != value.min:
        return f"{number(value.min, lang)}-{number(value.upper, lang)}"
    return number(value.min, lang)


def percent(value: float | None, lang: str) -> str:
    """A ratio as a whole percentage in the locale's format (0.7 -> 70%)."""
    if value is None:
        return ""
    return _format_percent(value, format="#,##0%", locale=locale(lang))


def month(value: dt.date, lang: str) -> str:
    """A month and year: 'maart 2018' / 'March 2018'."""
    return _format_date(value, language(lang).month_year, locale=locale(lang))


def date(value: dt.date, lang: str) -> str:
    """A long date: '31 december 2018' / '31 December 2018'."""
    return _format_date(value, language(lang).long_date, locale=locale(lang))


def quarter(year: int, q: int, lang: str) -> str:
    """A quarter label: 'K1 2018' / 'Q1 2018'."""
    return f"{language(lang).quarter_prefix}{q} {year}"


def plan_name(plan: Plan | None, lang: str) -> str:
    """A plan named by its kind and period in `lang` ('MJP 2017-2020' / 'multi-year plan 2017-2020'), not its label."""
    if plan is None:
        return t("table.no_plan", lang)
    entry = language(lang)
    if plan.multi_year:
        return f"{entry.multi_year_plan} {plan.start_year}-{plan.end_year}"
    return f"{entry.annual_plan} {plan.start_year}"


def count(value: int, singular_key: str, plural_key: str, lang: str) -> str:
    """A number with its noun in the right form: '1 missie', '3 missies'."""
    return t(singular_key if value == 1 else plural_key, lang, n=number(value, lang))


_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>#!|~$&:@")  # anywhere: emphasis, links, HTML, directives, maths
_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|[-+=])")  # only at a line's start: lists, headings, rules
# What GitHub-flavoured Markdown turns into a link even when escaped (addresses, www., e-mail): shown as code.
_AUTOLINK = re.compile(r"(\S*(?:://|www\.|@)\S*)", re.IGNORECASE)


def markdown_literal(text: str) -> str:
    """User text made literal for st.markdown-like elements: Markdown, HTML and directive characters escaped,
    and web or e-mail addresses shown as code, so nothing a user typed becomes formatting, a link or an image."""
    lines = []
    for line in str(text).split("\n"):
        parts = _AUTOLINK.split(line)
        out = []
        for n, part in enumerate(parts):
            if n % 2:
                out.append(markdown_code(part))
                continue
            part = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in part)
            match = _LINE_START.match(part) if n == 0 else None
            if match:
                # "2018. text" or "- text": escape the dot or bracket after the digits, or the sign itself.
                at = match.end() if match.group(2)[0].isdigit() else match.end() - 1
                part = part[:at] + "\\" + part[at:]
            out.append(part)
        lines.append("".join(out))
    return "  \n".join(lines)


def html_literal(text: object) -> str:
    """User text for HTML that Streamlit renders as Markdown (`unsafe_allow_html`): escaped, and each line break
    a `<br>`, so no blank line ever ends the HTML block and lets the rest be read as Markdown (links, images)."""
    return re.sub(r"\r\n|\r|\n", "<br>", html.escape(str(text), quote=True))


def markdown_code(text: object) -> str:
    """User text as a Markdown code span: shown exactly as typed, never formatted or made into a link."""
    value = str(text).replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def plotly_text(text: object) -> str:
    """User text made literal for Plotly, which renders a subset of HTML: <, > and & escaped."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def day_month(value: dt.date, lang: str) -> str:
    """A day and month: '30 juni' / '30 June'."""
    return _format_date(value, language(lang).day_month, locale=locale(lang))


def sentence(text: str) -> str:
    """`text` with its first letter capitalised, for a name that starts a line ('multi-year plan' -> 'Multi-year plan')."""
    return text[:1].upper() + text[1:]
