"""Validate raw text frames against the data contract and return typed frames.

Parsing (dates, counts, years) is done here so each bad cell is reported once with its row. Value rules are
`Rule`s, each a vectorised test named by its problem code: those of one column (allowed codes, uniqueness, filled
for missions) come from its declaration in kpi.schema (`column_rules`), those between columns and rows are listed
here. At most MAX_LISTED rows are listed per problem and column.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kpi import limits as L
from kpi import lookalike
from kpi import schema as S
from kpi import values as V
from kpi.headers import header_key
from kpi.problems import HEADER_ROWS, Problem, ValidationError
from kpi.schema import Activities as A
from kpi.schema import Targets as T

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( 00:00:00)?$")
_INT_RE = re.compile(r"^\d+$")
# A whole number Excel shows as a date when the cell is formatted as one: 32874 = 1990-01-01, 80000 = 2119.
_SERIAL_RE = re.compile(r"^\d{5}(\.0+)?$")
# An id Excel turned into a number and wrote in scientific notation (digits lost): 1.234567890123457E+17.
_ID_AS_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$")
_KEEP_IN_TEXT = "\t\n\r"
MAX_LISTED = 100  # rows listed per problem and column; the rest is one line with their number


def problem_order(problem: Problem) -> tuple:
    """File-level problems first, then by row and column; the "more rows" counts last."""
    return problem.code == "more_rows", problem.row or 0, problem.column or "", problem.code


def listed(index: pd.Index, column: str | None, make, severity: str = "error") -> list[Problem]:
    """`make(i)` for the first MAX_LISTED of `index`, then one problem counting the others (a file of a million
    bad rows must not become a million messages)."""
    found = [make(i) for i in index[:MAX_LISTED]]
    if len(index) > MAX_LISTED:
        found.append(
            Problem("more_rows", column=column, severity=severity, params=(("count", str(len(index) - MAX_LISTED)),))
        )
    return found


# Code point ranges a user cannot see: every control (Cc), format (Cf: zero-width, bidi overrides, BOM),
# line/paragraph separator (Zl, Zp) and private-use (Co) character, plus the blank fillers U+034F, U+115F-1160,
# U+17B4-17B5, U+3164 and U+FFA0 (tests/test_hostile_rules.py checks the categories against unicodedata).
INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0x3164, 0x3164),
    (0xE000, 0xF8FF),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
)


def _char(code: int) -> str:
    # \xhh up to U+00FF, the character itself above: both Python's re and Arrow's RE2 read the class.
    return f"\\x{code:02x}" if code < 0x100 else chr(code)


@functools.cache
def invisible_pattern(keep: str = "") -> str:
    """A regex character class of INVISIBLE_RANGES without the characters in `keep`."""
    parts = []
    for first, last in INVISIBLE_RANGES:
        start = first
        for code in [ord(c) for c in sorted(keep) if first <= ord(c) <= last] + [last + 1]:
            if start <= code - 1:
                parts.append(_char(start) if start == code - 1 else f"{_char(start)}-{_char(code - 1)}")
            start = code + 1
    return "[" + "".join(parts) + "]"


def _invisible_in(values: pd.Series, keep: str = "") -> pd.Series:
    return values.str.contains(invisible_pattern(keep), regex=True)


def clean_ids(frame: pd.DataFrame, column: str, problems: list[Problem]) -> None:
    """Refuse ids with invisible or control characters; compare ids as NFKC (so look-alike forms are one id)."""
    values = frame[column]
    problems += listed(
        values.index[_invisible_in(values)],
        column,
        lambda i: Problem("bad_id_chars", _row(i), column, _visible(values[i])),
    )
    frame[column] = normalised(values, "NFKC")


def clean_text(frame: pd.DataFrame, columns: list[str], warnings: list[Problem]) -> None:
    """Strip invisible and control characters (not tab or line breaks) from free text, with a warning per cell."""
    pattern = invisible_pattern(_KEEP_IN_TEXT)
    for column in columns:
        values = frame[column]
        hit = _invisible_in(values, _KEEP_IN_TEXT)
        warnings += listed(
            values.index[hit],
            column,
            lambda i, v=values, c=column: Problem("stripped_chars", _row(i), c, _visible(v[i]), severity="warning"),
            "warning",
        )
        if hit.any():
            values = values.where(~hit, values.str.replace(pattern, "", regex=True))
        frame[column] = normalised(values, "NFC")


def normalised(values: pd.Series, form: str) -> pd.Series:
    """Unicode normal form `form` of every value; only non-ASCII values are touched (normalising is per cell)."""
    other = ~values.str.isascii()
    if not other.any():
        return values
    values = values.copy()
    values[other] = values[other].str.normalize(form)
    return values


def _visible(text: str) -> str:
    """The value with invisible characters shown as <U+200B>, so the user can find them."""
    pattern = re.compile(invisible_pattern())
    return pattern.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)[:120]


def canonical_columns(frame: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Rename Dutch alias headers (any case, spaces or underscores) to the canonical keys."""
    renamed = {}
    for column in frame.columns:
        key = header_key(column)
        renamed[column] = aliases.get(
            key, key if key in aliases.values() or key in S.ACTIVITY_COLUMNS or key in S.TARGET_COLUMNS else column
        )
    return frame.rename(columns=renamed)


def _row(index: int) -> int:
    return int(index) + HEADER_ROWS + 1


def _missing_columns(frame: pd.DataFrame, required: tuple[str, ...]) -> list[Problem]:
    return [Problem("missing_column", column=c) for c in required if c not in frame.columns]


def _parse_dates(values: pd.Series, column: str, problems: list[Problem], order: str = "auto") -> pd.Series:
    """Dates as YYYY-MM-DD (or day-first, `order`) inside the plausible window; outside it, Excel serial numbers
    and the rest are problems."""
    typed = values
    iso = values.str.match(_DATE_RE)
    values, reported = _day_month_read(values, iso, column, problems, order)
    if values is not typed:
        iso = values.str.match(_DATE_RE)
    first, last = L.date_window()
    filled = values != ""
    shaped = iso & filled
    year = digits_as_numbers(values.str.slice(0, 4), shaped).astype("float64")
    inside = shaped & year.between(first.year, last.year)
    parsed = pd.to_datetime(values.str.slice(0, 10).where(inside), format=S.DATE_FORMAT, errors="coerce")
    window = (("first", first.isoformat()), ("last", last.isoformat()))

    def problem(index: int) -> Problem:
        value = values[index]
        if shaped[index] and not inside[index] and _real_date(value[:10]):
            return Problem("date_out_of_range", _row(index), column, typed[index], params=window)
        if _SERIAL_RE.match(value):
            serial = dt.date(1899, 12, 30) + dt.timedelta(days=int(float(value)))
            return Problem("excel_serial_date", _row(index), column, value, params=(("date", serial.isoformat()),))
        return Problem("bad_date", _row(index), column, typed[index])

    failed = filled & parsed.isna()
    if reported is not None:
        failed &= ~values.index.isin(reported)
    problems += listed(values.index[failed.to_numpy(dtype=bool)], column, problem)
    return parsed


def _day_month_read(
    values: pd.Series, iso: pd.Series, column: str, problems: list[Problem], order: str
) -> tuple[pd.Series, pd.Index | None]:
    """Cells written d-m-yyyy (or m-d-yyyy) as YYYY-MM-DD, in the confirmed order or the one the file shows.

    `auto`: day-first when some date can only be read that way and none only the other way; a file whose every
    such date reads both ways, or only month-first, or that mixes both, is refused with each row's readings until
    the order is confirmed. Returns the values and the rows already reported.
    """
    rest = (values != "") & ~iso
    if not rest.any():
        return values, None
    both = V.day_month(values[rest])
    if both is None:
        return values, None
    if order in ("dmy", "mdy"):
        reading = both.day_first if order == "dmy" else both.month_first
        return values.where(~values.index.isin(reading.index[reading != ""]), reading.reindex(values.index)), None
    ambiguous = (both.day_first != "") & (both.month_first != "") & (both.day_first != both.month_first)
    code = None
    if both.only_day_first.any() and both.only_month_first.any():
        code, rows = "dates_mixed_order", both.only_month_first
    elif both.only_month_first.any():
        code, rows = "dates_month_first", both.only_month_first | ambiguous
    elif ambiguous.any() and not both.only_day_first.any():
        code, rows = "dates_ambiguous", ambiguous
    if code is None:
        reading = both.day_first
        return values.where(~values.index.isin(reading.index[reading != ""]), reading.reindex(values.index)), None
    index = rows.index[rows.to_numpy(dtype=bool)]
    problems += listed(
        index,
        column,
        lambda i: Problem(
            code,
            _row(i),
            column,
            values[i],
            params=(("day_first", both.day_first[i] or "-"), ("month_first", both.month_first[i] or "-")),
        ),
    )
    return values, both.day_first.index


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _parse_ints(
    values: pd.Series,
    column: str,
    code: str,
    problems: list[Problem],
    ceiling: int = L.MAX_COUNT,
    too_large: str = "count_too_large",
    locale: str = "",
) -> pd.Series:
    """Whole numbers of 0 or more up to `ceiling` (so sums cannot overflow; `1.200` in a Dutch file is 1200);
    others are problems."""
    filled = values != ""
    whole = values.str.match(_INT_RE) & filled
    if locale and (filled & ~whole).any():
        values = values.where(whole | ~filled, V.ungrouped(values[filled & ~whole], locale).reindex(values.index))
        whole = values.str.match(_INT_RE) & filled
    short = whole & (values.str.len() <= len(str(ceiling)))
    numbers = digits_as_numbers(values, short)
    good = short & (numbers <= ceiling).fillna(False)
    problems += listed(values.index[filled & ~whole], column, lambda i: Problem(code, _row(i), column, values[i]))
    problems += listed(
        values.index[whole & ~good],
        column,
        lambda i: Problem(too_large, _row(i), column, values[i], params=(("max", str(ceiling)),)),
    )
    return numbers.where(good)


def digits_as_numbers(values: pd.Series, digits: pd.Series) -> pd.Series:
    """The cells where `digits` is True (matched as digits) as Int64, NA elsewhere: one Arrow cast for plain ASCII
    digits, where pd.to_numeric takes fifty times longer on text; the rare others (`0` and a line break, digits of
    other scripts) as pd.to_numeric reads them."""
    text = pa.array(values, pa.string())
    wanted = digits.to_numpy(dtype=bool)
    plain = wanted & pc.match_substring_regex(text, r"^[0-9]{1,18}$").to_numpy(zero_copy_only=False)
    numbers = pc.cast(pc.if_else(pa.array(plain), text, None), pa.int64())
    out = pd.Series(numbers.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).array, index=values.index)
    other = wanted & ~plain
    if other.any():
        out[other] = pd.to_numeric(values[other], errors="coerce").astype("Int64")
    return out


def _required_filled(frame: pd.DataFrame, required: tuple[str, ...], problems: list[Problem]) -> None:
    for column in required:
        problems += listed(
            frame.index[frame[column] == ""], column, lambda i, c=column: Problem("required", _row(i), c, "")
        )


def _normalise_codes(frame: pd.DataFrame, kind: str) -> None:
    """Each CODE column in contract form: lower case, Dutch values as their codes; countries as alpha-2 codes
    (names and alpha-3 codes through babel)."""
    for column in S.columns(kind):
        if column.type != S.CODE or column.name not in frame.columns:
            continue
        values = frame[column.name]
        if column.name == A.country and kind == "activities":
            frame[column.name] = V.country_codes(values)
        else:
            frame[column.name] = values.str.lower().replace(dict(column.value_aliases))


def formula_warnings(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[Problem]:
    """Warnings for text cells a spreadsheet would run as a formula."""
    found = []
    for column in columns:
        if column not in frame.columns:
            continue
        raw = frame[column].astype(str)
        found += listed(
            raw.index[raw.str.startswith(FORMULA_PREFIXES) & (raw != "")],
            column,
            lambda i, r=raw, c=column: Problem("formula_like", _row(i), c, r[i], severity="warning"),
            "warning",
        )
    return found


# The codes a message lists: those of the always-required CODE columns (short lists; a country is not listed).
_ALLOWED = {
    f"bad_{c.name}": ", ".join(c.codes())
    for c in S.ACTIVITIES + S.TARGETS
    if c.type == S.CODE and c.required == S.ALWAYS
}


@dataclass(frozen=True)
class Reading:
    """How a file's dates and numbers are read: the date order (auto: day-first when the file shows it, else
    confirmed by the user) and the number locale (auto: from the file, `;` CSV and workbooks Dutch)."""

    date_order: str = "auto"
    number_locale: str = "auto"

    def locale(self, raw: pd.DataFrame) -> str:
        """The number locale to use for `raw`."""
        return self.number_locale if self.number_locale != "auto" else str(raw.attrs.get("locale", "nl"))


@dataclass(frozen=True)
class Rule:
    """One value rule: its problem code, the column a problem is shown in, and a vectorised test (True = fine)."""

    code: str
    column: str
    test: Callable[[pd.DataFrame], pd.Series]


def _isin(column: str, values: tuple[str, ...] | frozenset[str], code: str) -> Rule:
    allowed = set(values)
    return Rule(code, column, lambda df: df[column].isna() | (df[column] == "") | df[column].isin(allowed))


def _is_mission(df: pd.DataFrame) -> pd.Series:
    return df[A.activity_type] == S.MISSION


def _known_type(df: pd.DataFrame) -> pd.Series:
    return df[A.activity_type].isin(S.ACTIVITY_TYPES)


def column_rules(declared: tuple[S.Column, ...]) -> tuple[Rule, ...]:
    """The value rules the declarations imply: unique values, allowed codes, filled for missions, empty for
    other activity types."""
    rules: list[Rule] = []
    for c in declared:
        name, empty = c.name, c.not_filled
        if c.unique:
            rules.append(Rule("duplicate_id", name, lambda df, n=name: ~df[n].duplicated(keep=False)))
        if c.type == S.CODE:
            rules.append(_isin(name, c.codes(), f"bad_{name}"))
        if c.required == S.FOR_MISSIONS:
            rules.append(
                Rule(f"mission_needs_{name}", name, lambda df, n=name, e=empty: ~_is_mission(df) | ~df[n].isin(e))
            )
        if c.missions_only:
            rules.append(
                Rule(f"{name}_not_mission", name, lambda df, n=name: _is_mission(df) | ~_known_type(df) | (df[n] == ""))
            )
    return tuple(rules)


ACTIVITY_RULES: tuple[Rule, ...] = column_rules(S.ACTIVITIES)


def _run_rules(rules: tuple[Rule, ...], frame: pd.DataFrame, shown: pd.DataFrame) -> list[Problem]:
    """Every rule over the whole frame at once; failing rows (at most MAX_LISTED per rule) with the values shown."""
    found = []
    for rule in rules:
        fine = pd.Series(rule.test(frame), index=frame.index).astype("boolean").fillna(True)
        params = (("allowed", _ALLOWED.get(rule.code, "")),)

        def problem(index: int, rule: Rule = rule, params: tuple = params) -> Problem:
            value = shown.at[index, rule.column] if rule.column in shown.columns else ""
            return Problem(rule.code, _row(index), rule.column, "" if pd.isna(value) else str(value), params=params)

        found += listed(frame.index[~fine.to_numpy(dtype=bool)], rule.column, problem)
    return sorted(found, key=problem_order)


def _prepared(
    raw: pd.DataFrame,
    aliases: dict[str, str],
    required: tuple[str, ...],
    columns: tuple[str, ...],
    source: str,
    reserved: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Canonical headers, every contract column present ('' when absent); raise if required ones are missing."""
    frame = canonical_columns(raw, aliases)
    names = pd.Series([str(c) for c in frame.columns], dtype="str")
    unreadable = [Problem("bad_column_name", column=_visible(n)) for n in names[_invisible_in(names)]]
    if unreadable:
        raise ValidationError(unreadable, source)
    taken = [Problem("reserved_column", column=c) for c in frame.columns if header_key(c) in reserved]
    if taken:  # a derived column; a file may not set it
        raise ValidationError(taken, source)
    twice = sorted(set(frame.columns[frame.columns.duplicated()]))
    if twice:  # e.g. both `datum` and `date`
        raise ValidationError([Problem("duplicate_column", column=c) for c in twice], source)
    missing = _missing_columns(frame, required)
    if missing and len(frame.columns) == 1:
        raise ValidationError([Problem("one_column")], source)  # the separator was not recognised
    if missing:
        other = _other_kind(frame, required)
        raise ValidationError(([other] if other else []) + missing, source)
    if frame.empty:
        raise ValidationError([Problem("no_rows")], source)
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return frame


def _other_kind(frame: pd.DataFrame, required: tuple[str, ...]) -> Problem | None:
    """ "This looks like an activities file" (or a targets file) when the other kind's required columns are there."""
    for kind, columns, aliases in (
        ("activities", S.ACTIVITY_REQUIRED, S.ACTIVITY_ALIASES),
        ("targets", S.TARGET_REQUIRED, S.TARGET_ALIASES),
    ):
        if columns != required and set(columns) <= set(canonical_columns(frame, aliases).columns):
            return Problem(f"looks_like_{kind}")
    return None


def validate_activities(
    raw: pd.DataFrame, source: str = "", reading: Reading | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw activity text cells; return (typed frame, warnings) or raise ValidationError with every problem."""
    reading = reading or Reading()
    frame = _prepared(
        raw, S.ACTIVITY_ALIASES, S.ACTIVITY_REQUIRED, S.ACTIVITY_COLUMNS, source, reserved=S.ACTIVITY_DERIVED
    )
    original = frame[[c for c in S.ACTIVITY_TEXT if c in frame.columns]]  # as typed (copy-on-write: no copy)
    problems: list[Problem] = []
    cleaned: list[Problem] = []
    typed_ids = frame[A.activity_id]
    clean_ids(frame, A.activity_id, problems)
    _check_id_shapes(frame, A.activity_id, typed_ids, problems)
    _normalise_codes(frame, "activities")
    _yes_no_columns(frame, problems, source)
    free = S.of_type("activities", S.TEXT)
    clean_text(frame, [c for c in frame.columns if c in free or c not in S.ACTIVITY_COLUMNS], cleaned)
    _required_filled(frame, S.ACTIVITY_REQUIRED, problems)
    dates = _parse_dates(frame[A.date], A.date, problems, reading.date_order)
    locale = reading.locale(raw)
    counts = {
        c: _parse_ints(frame[c], c, "bad_count", problems, locale=locale) for c in S.of_type("activities", S.COUNT)
    }
    shown = frame.assign(**{A.activity_id: typed_ids})  # messages show the ids as typed, not normalised
    problems += _run_rules(ACTIVITY_RULES, frame, shown)
    if problems:
        raise ValidationError(sorted(problems, key=problem_order), source)
    warnings = cleaned + formula_warnings(original, S.ACTIVITY_TEXT)
    return typed_activities(frame, dates, counts), warnings


def _check_id_shapes(frame: pd.DataFrame, column: str, typed: pd.Series, problems: list[Problem]) -> None:
    """Ids Excel turned into numbers (digits lost), and ids that look like another id (case, confusables)."""
    values = frame[column]
    numeric = values.str.match(_ID_AS_NUMBER)
    problems += listed(
        values.index[numeric.fillna(False).to_numpy(dtype=bool)],
        column,
        lambda i: Problem("id_as_number", _row(i), column, typed[i]),
    )
    lookalikes(values, column, typed, problems)


def lookalikes(values: pd.Series, column: str, typed: pd.Series, problems: list[Problem]) -> None:
    """Each id that differs from another id only in case or by confusable characters, named with that id."""
    twins = lookalike.twins(values)
    problems += listed(
        twins.index[(twins != "").to_numpy(dtype=bool)],
        column,
        lambda i: Problem("lookalike_id", _row(i), column, typed[i], params=(("other", _visible(twins[i])),)),
    )


def stored_lookalikes(ids: pd.Series, stored: pd.Series, rows: pd.Series | None = None) -> list[Problem]:
    """Each new id that is not stored as such but looks like a stored id (case, confusable characters), naming the
    stored id: the one refusal of the import and the one-activity form. `rows`: each id's row as the user's
    program numbers it (none for a form)."""
    twins = lookalike.store_twins(ids, stored)
    return listed(
        twins.index[(twins != "").to_numpy(dtype=bool)],
        A.activity_id,
        lambda i: Problem(
            "lookalike_in_store",
            None if rows is None else int(rows[i]),
            A.activity_id,
            str(ids[i]),
            params=(("other", _visible(str(twins[i]))),),
        ),
    )


def _yes_no_columns(frame: pd.DataFrame, problems: list[Problem], source: str) -> None:
    """A Ja/Nee column (`Leadpartner`, `Inkomend`) becomes its field for missions; other rows leave it empty."""
    mission = frame[A.activity_type] == S.MISSION
    for column in [c for c in frame.columns if header_key(c) in S.YES_NO_COLUMNS]:
        field, yes, no = S.YES_NO_COLUMNS[header_key(column)]
        if (frame[field] != "").any():
            raise ValidationError([Problem("duplicate_column", column=field)], source)
        answer = V.yes_no(frame[column])
        bad = answer.isna() & mission
        problems += listed(
            frame.index[bad.to_numpy(dtype=bool)],
            column,
            lambda i, c=column: Problem("bad_yes_no", _row(i), c, frame.at[i, c]),
        )
        frame[field] = answer.map({True: yes, False: no}).fillna("").where(mission, "").astype(str)
        del frame[column]


def typed_activities(frame: pd.DataFrame, dates: pd.Series, counts: dict[str, pd.Series]) -> pd.DataFrame:
    """Build the typed activities frame (each column as its declaration keeps it, derived year) from parsed parts."""
    out = pd.DataFrame(index=frame.index)
    # Counts last, the optional one after the others: the column order stored since the first version.
    for c in sorted(S.ACTIVITIES, key=lambda c: (c.type == S.COUNT, c.type == S.COUNT and not c.empty_is_zero)):
        if c.type == S.DATE:
            out[c.name] = dates.astype(c.dtype)
        elif c.type == S.COUNT:
            out[c.name] = counts[c.name].fillna(0).astype(c.dtype) if c.empty_is_zero else counts[c.name]
        elif c.dtype == "codes":
            out[c.name] = pd.Categorical(frame[c.name], categories=c.codes())
        elif c.dtype == "category":
            out[c.name] = frame[c.name].replace("", pd.NA).astype("category")
        else:
            out[c.name] = frame[c.name].astype(c.dtype)
    out[A.year] = out[A.date].dt.year.astype("int16")
    extras = [c for c in frame.columns if c not in S.ACTIVITY_COLUMNS]
    for column in extras:
        out[column] = frame[column].astype("string")
    return out.reset_index(drop=True)


def _plan_period_consistent(df: pd.DataFrame) -> pd.Series:
    periods = df.groupby(T.plan)[[T.start_year, T.end_year]].transform("nunique")
    return (periods[T.start_year] <= 1) & (periods[T.end_year] <= 1)


# The declared rules (KPI keys), then the ones between columns and rows.
TARGET_RULES: tuple[Rule, ...] = column_rules(S.TARGETS) + (
    Rule(
        "end_before_start",
        T.end_year,
        lambda df: df[T.start_year].isna() | df[T.end_year].isna() | (df[T.end_year] >= df[T.start_year]),
    ),
    Rule("max_without_min", T.target_max, lambda df: df[T.target_max].isna() | df[T.target_min].notna()),
    Rule(
        "max_below_min",
        T.target_max,
        lambda df: df[T.target_max].isna() | df[T.target_min].isna() | (df[T.target_max] >= df[T.target_min]),
    ),
    Rule("duplicate_target", T.kpi, lambda df: ~df.duplicated([T.kpi, T.plan], keep=False)),
    Rule("plan_period_mismatch", T.plan, _plan_period_consistent),
)


def validate_targets(
    raw: pd.DataFrame, source: str = "", reading: Reading | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw target text cells; return (typed frame, warnings) or raise ValidationError."""
    locale = (reading or Reading()).locale(raw)
    frame = _prepared(raw, S.TARGET_ALIASES, S.TARGET_REQUIRED, S.TARGET_COLUMNS, source)
    problems: list[Problem] = []
    cleaned: list[Problem] = []
    _normalise_codes(frame, "targets")
    typed_plans = frame[T.plan]
    clean_ids(frame, T.plan, problems)
    lookalikes(frame[T.plan], T.plan, typed_plans, problems)
    clean_text(frame, [c for c in frame.columns if c not in S.TARGET_COLUMNS], cleaned)
    _required_filled(frame, S.TARGET_REQUIRED, problems)
    numbers = {c: _parse_years(frame[c], c, problems) for c in S.of_type("targets", S.YEAR)}
    numbers |= {
        c: _parse_ints(frame[c], c, "bad_count", problems, L.MAX_TARGET, "target_too_large", locale)
        for c in S.of_type("targets", S.TARGET)
    }
    checked = frame[[T.kpi, T.plan]].assign(**numbers)
    problems += _run_rules(TARGET_RULES, checked, frame)
    if not problems:
        problems += plan_clashes(checked)
    if problems:
        raise ValidationError(sorted(problems, key=problem_order), source)
    texts = [c for c in S.TARGETS if c.dtype == "string"]
    out = pd.DataFrame({c.name: frame[c.name].astype(c.dtype) for c in texts})
    for column, values in numbers.items():
        out[column] = values
    extras = [c for c in frame.columns if c not in S.TARGET_COLUMNS]
    for column in extras:
        out[column] = frame[column].astype("string")
    return out.reset_index(drop=True), cleaned + formula_warnings(frame, (T.plan,))


def _parse_years(values: pd.Series, column: str, problems: list[Problem]) -> pd.Series:
    """Plan years: whole numbers inside the plausible window (the same as for activity dates)."""
    first, last = L.FIRST_YEAR, L.last_year()
    found: list[Problem] = []
    years = _parse_ints(values, column, "bad_year", found, ceiling=9999, too_large="year_out_of_range")
    outside = years.notna() & ~years.between(first, last).fillna(False)
    found += listed(values.index[outside], column, lambda i: Problem("year_out_of_range", _row(i), column, values[i]))
    window = (("first", str(first)), ("last", str(last)))
    problems += [
        p if p.code != "year_out_of_range" else Problem(p.code, p.row, p.column, p.value, params=window) for p in found
    ]
    return years.where(~outside)


def plan_clashes(targets: pd.DataFrame) -> list[Problem]:
    """Multi-year plans whose periods overlap, and more than one annual plan for a year, named plan by plan.

    `targets` has typed start_year and end_year and passed the row rules (one period per plan label).
    """
    plans = (
        targets.reset_index()
        .groupby(T.plan, sort=False)
        .agg(start=(T.start_year, "first"), end=(T.end_year, "first"), index=("index", "first"))
    )
    multi = plans[plans["end"] > plans["start"]].sort_values(["start", "index"])
    annual = plans[plans["end"] == plans["start"]].sort_values("index")
    return _first(_overlaps(multi), T.plan) + _first(_annual_clashes(annual), T.plan)


def _overlaps(multi: pd.DataFrame) -> Iterator[Problem]:
    widest = None  # sweep by start year: a plan overlaps the widest-reaching plan that started before it
    for plan in multi.itertuples():
        if widest is not None and plan.start <= widest.end:
            yield Problem(
                "plans_overlap",
                _row(plan.index),
                T.plan,
                str(plan.Index),
                params=(
                    ("plan", str(plan.Index)),
                    ("other", str(widest.Index)),
                    ("period", f"{plan.start}-{plan.end}"),
                    ("other_period", f"{widest.start}-{widest.end}"),
                ),
            )
        if widest is None or plan.end > widest.end:
            widest = plan


def _annual_clashes(annual: pd.DataFrame) -> Iterator[Problem]:
    for year, group in annual.groupby("start"):
        for label in group.index[1:]:
            yield Problem(
                "annual_plans_clash",
                _row(group.at[label, "index"]),
                T.plan,
                str(label),
                params=(("other", str(group.index[0])), ("year", str(year))),
            )


def _first(problems: Iterator[Problem], column: str) -> list[Problem]:
    """The first MAX_LISTED problems, then one counting the rest."""
    found = list(itertools.islice(problems, MAX_LISTED))
    rest = sum(1 for _ in problems)
    if rest:
        found.append(Problem("more_rows", column=column, params=(("count", str(rest)),)))
    return found
