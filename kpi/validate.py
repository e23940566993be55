"""Validate raw text frames against the data contract and return typed frames.

Parsing (dates, counts, years) is done here so each bad cell is reported once with its
row; value rules (allowed values, uniqueness, mission rules) are a pandera schema whose
check names are the problem codes.
"""
from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from kpi import schema as S
from kpi.problems import HEADER_ROWS, Problem, ValidationError
from kpi.registry import KPI_KEYS
from kpi.schema import Activities as A, Targets as T

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

# Values users type in Dutch or in another case, mapped to the contract's values.
VALUE_ALIASES: dict[str, dict[str, str]] = {
    A.activity_type: {"missie": "mission", "handelsmissie": "mission", "informatiebijeenkomst": "info_meeting",
                      "bedrijfsbezoek": "company_visit", "zakenpartner scan": "partner_scan",
                      "zakenpartnerscan": "partner_scan", "geregistreerde service": "service"},
    A.direction: {"inkomend": "incoming", "uitgaand": "outgoing"},
    A.role: {"lead-partner": "lead", "lead partner": "lead", "hoofdorganisator": "lead"},
}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}( 00:00:00)?$")
_INT_RE = re.compile(r"^\d+$")


def canonical_columns(frame: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    """Rename Dutch alias headers (any case, spaces or underscores) to the canonical keys."""
    renamed = {}
    for column in frame.columns:
        key = column.strip().lower().replace(" ", "_")
        renamed[column] = aliases.get(key, key if key in aliases.values() or key in S.ACTIVITY_COLUMNS
                                      or key in S.TARGET_COLUMNS else column)
    return frame.rename(columns=renamed)


def _row(index: int) -> int:
    return int(index) + HEADER_ROWS + 1


def _missing_columns(frame: pd.DataFrame, required: tuple[str, ...]) -> list[Problem]:
    return [Problem("missing_column", column=c) for c in required if c not in frame.columns]


def _parse_dates(values: pd.Series, column: str, problems: list[Problem]) -> pd.Series:
    filled = values != ""
    shaped = values.str.match(_DATE_RE)
    parsed = pd.to_datetime(values.str.slice(0, 10).where(shaped & filled), format=S.DATE_FORMAT, errors="coerce")
    for index in values.index[filled & parsed.isna()]:
        problems.append(Problem("bad_date", _row(index), column, values[index]))
    return parsed


def _parse_ints(values: pd.Series, column: str, code: str, problems: list[Problem]) -> pd.Series:
    filled = values != ""
    good = values.str.match(_INT_RE) & filled
    for index in values.index[filled & ~good]:
        problems.append(Problem(code, _row(index), column, values[index]))
    return pd.to_numeric(values.where(good), errors="coerce").astype("Int64")


def _required_filled(frame: pd.DataFrame, required: tuple[str, ...], problems: list[Problem]) -> None:
    for column in required:
        for index in frame.index[frame[column] == ""]:
            problems.append(Problem("required", _row(index), column, ""))


def _normalise_values(values: pd.Series, column: str, upper: bool = False) -> pd.Series:
    cleaned = values.str.upper() if upper else values.str.lower()
    return cleaned.replace(VALUE_ALIASES.get(column, {}))


def formula_warnings(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[Problem]:
    """Warnings for text cells a spreadsheet would run as a formula."""
    found = []
    for column in columns:
        if column not in frame.columns:
            continue
        raw = frame[column].astype(str)
        for index in raw.index[raw.str.startswith(FORMULA_PREFIXES) & (raw != "")]:
            found.append(Problem("formula_like", _row(index), column, raw[index], severity="warning"))
    return found


def _problems_from_pandera(error: pa.errors.SchemaErrors, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    cases = error.failure_cases
    for _, case in cases.iterrows():
        code = str(case["check"]).split("(")[0]
        # Row-wide checks are reported by pandera once per column; each belongs to one column.
        column = _CHECK_COLUMN.get(code) or (case["column"] if isinstance(case["column"], str) else None)
        index = case["index"]
        if index is None or pd.isna(index) or code not in _CHECK_CODES:
            continue
        value = frame.at[int(index), column] if column in frame.columns else case["failure_case"]
        params = (("allowed", _ALLOWED.get(code, "")),)
        problems.append(Problem(code, _row(int(index)), column, "" if pd.isna(value) else str(value), params=params))
    return problems


_ALLOWED = {"bad_activity_type": ", ".join(S.ACTIVITY_TYPES), "bad_kpi": ", ".join(KPI_KEYS)}
_CHECK_COLUMN = {
    "mission_needs_direction": A.direction, "mission_needs_role": A.role,
    "mission_needs_country": A.country, "direction_not_mission": A.direction, "role_not_mission": A.role,
    "end_before_start": T.end_year, "max_below_min": T.target_max, "max_without_min": T.target_max,
    "duplicate_target": T.kpi, "plan_period_mismatch": T.plan,
}
_CHECK_CODES = set(_CHECK_COLUMN) | {"bad_activity_type", "bad_direction", "bad_role", "bad_country",
                                     "duplicate_id", "bad_kpi"}


def _isin(values: tuple[str, ...] | frozenset[str], name: str) -> pa.Check:
    allowed = set(values)
    return pa.Check(lambda s: s.isna() | (s == "") | s.isin(allowed), name=name, element_wise=False)


def _row_check(name: str, rule) -> pa.Check:
    return pa.Check(rule, name=name, element_wise=False)


def _is_mission(df: pd.DataFrame) -> pd.Series:
    return df[A.activity_type] == S.MISSION


ACTIVITY_RULES = pa.DataFrameSchema(
    {
        A.activity_id: pa.Column(str, pa.Check(lambda s: ~s.duplicated(keep=False), name="duplicate_id")),
        A.activity_type: pa.Column(str, _isin(S.ACTIVITY_TYPES, "bad_activity_type")),
        A.direction: pa.Column(str, _isin(S.DIRECTIONS, "bad_direction")),
        A.role: pa.Column(str, _isin(S.ROLES, "bad_role")),
        A.country: pa.Column(str, _isin(S.COUNTRY_CODES, "bad_country")),
    },
    checks=[
        _row_check("mission_needs_direction", lambda df: ~_is_mission(df) | (df[A.direction] != "")),
        _row_check("mission_needs_role", lambda df: ~_is_mission(df) | (df[A.role] != "")),
        _row_check("mission_needs_country", lambda df: ~_is_mission(df) | ~df[A.country].isin(["", S.HOME_COUNTRY])),
        _row_check("direction_not_mission", lambda df: _is_mission(df) | ~df[A.activity_type].isin(S.ACTIVITY_TYPES)
                   | (df[A.direction] == "")),
        _row_check("role_not_mission", lambda df: _is_mission(df) | ~df[A.activity_type].isin(S.ACTIVITY_TYPES)
                   | (df[A.role] == "")),
    ],
    strict=False, coerce=False,
)


def _run_rules(rules: pa.DataFrameSchema, frame: pd.DataFrame, shown: pd.DataFrame) -> list[Problem]:
    try:
        rules.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        found = _problems_from_pandera(error, shown)
        return sorted(set(found), key=lambda p: (p.row or 0, p.column or "", p.code))
    return []


def _prepared(raw: pd.DataFrame, aliases: dict[str, str], required: tuple[str, ...],
              columns: tuple[str, ...], source: str) -> pd.DataFrame:
    """Canonical headers, every contract column present ('' when absent); raise if required ones are missing."""
    frame = canonical_columns(raw, aliases)
    twice = sorted(set(frame.columns[frame.columns.duplicated()]))
    if twice:  # e.g. both `datum` and `date`
        raise ValidationError([Problem("duplicate_column", column=c) for c in twice], source)
    missing = _missing_columns(frame, required)
    if missing and len(frame.columns) == 1:
        raise ValidationError([Problem("one_column")], source)  # the separator was not recognised
    if missing:
        raise ValidationError(missing, source)
    if frame.empty:
        raise ValidationError([Problem("no_rows")], source)
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return frame


def validate_activities(raw: pd.DataFrame, source: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw activity text cells; return (typed frame, warnings) or raise ValidationError with every problem."""
    frame = _prepared(raw, S.ACTIVITY_ALIASES, S.ACTIVITY_REQUIRED, S.ACTIVITY_COLUMNS, source)
    problems: list[Problem] = []
    frame[A.activity_type] = _normalise_values(frame[A.activity_type], A.activity_type)
    frame[A.direction] = _normalise_values(frame[A.direction], A.direction)
    frame[A.role] = _normalise_values(frame[A.role], A.role)
    frame[A.country] = frame[A.country].str.upper()
    _required_filled(frame, S.ACTIVITY_REQUIRED, problems)
    dates = _parse_dates(frame[A.date], A.date, problems)
    counts = {c: _parse_ints(frame[c], c, "bad_count", problems)
              for c in S.ACTIVITY_COUNTS_ZERO + S.ACTIVITY_COUNTS_OPTIONAL}
    problems += _run_rules(ACTIVITY_RULES, frame[list(ACTIVITY_RULES.columns)], frame)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")), source)
    warnings = formula_warnings(raw.rename(columns=dict(zip(raw.columns, frame.columns))), S.ACTIVITY_TEXT)
    return typed_activities(frame, dates, counts), warnings


def typed_activities(frame: pd.DataFrame, dates: pd.Series, counts: dict[str, pd.Series]) -> pd.DataFrame:
    """Build the typed activities frame (categoricals, int counts, derived year) from parsed parts."""
    out = pd.DataFrame(index=frame.index)
    out[A.activity_id] = frame[A.activity_id].astype("string")
    out[A.date] = dates.astype("datetime64[ns]")
    out[A.activity_type] = pd.Categorical(frame[A.activity_type], categories=S.ACTIVITY_TYPES)
    out[A.title] = frame[A.title].astype("string")
    for column in (A.direction, A.role, A.country, A.region, A.city, A.theme):
        out[column] = frame[column].replace("", pd.NA).astype("category")
    for column in S.ACTIVITY_COUNTS_ZERO:
        out[column] = counts[column].fillna(0).astype("int64")
    for column in S.ACTIVITY_COUNTS_OPTIONAL:
        out[column] = counts[column]
    out[A.year] = out[A.date].dt.year.astype("int16")
    extras = [c for c in frame.columns if c not in S.ACTIVITY_COLUMNS]
    for column in extras:
        out[column] = frame[column].astype("string")
    return out.reset_index(drop=True)


def _plan_period_consistent(df: pd.DataFrame) -> pd.Series:
    periods = df.groupby(T.plan)[[T.start_year, T.end_year]].transform("nunique")
    return (periods[T.start_year] <= 1) & (periods[T.end_year] <= 1)


TARGET_RULES = pa.DataFrameSchema(
    {T.kpi: pa.Column(str, _isin(KPI_KEYS, "bad_kpi"))},
    checks=[
        _row_check("end_before_start", lambda df: df[T.start_year].isna() | df[T.end_year].isna()
                   | (df[T.end_year] >= df[T.start_year])),
        _row_check("max_without_min", lambda df: df[T.target_max].isna() | df[T.target_min].notna()),
        _row_check("max_below_min", lambda df: df[T.target_max].isna() | df[T.target_min].isna()
                   | (df[T.target_max] >= df[T.target_min])),
        _row_check("duplicate_target", lambda df: ~df.duplicated([T.kpi, T.plan], keep=False)),
        _row_check("plan_period_mismatch", _plan_period_consistent),
    ],
    strict=False, coerce=False,
)


def validate_targets(raw: pd.DataFrame, source: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw target text cells; return (typed frame, warnings) or raise ValidationError."""
    frame = _prepared(raw, S.TARGET_ALIASES, S.TARGET_REQUIRED, S.TARGET_COLUMNS, source)
    problems: list[Problem] = []
    frame[T.kpi] = frame[T.kpi].str.lower()
    _required_filled(frame, S.TARGET_REQUIRED, problems)
    numbers = {c: _parse_ints(frame[c], c, "bad_year", problems) for c in (T.start_year, T.end_year)}
    numbers |= {c: _parse_ints(frame[c], c, "bad_count", problems) for c in (T.target_min, T.target_max)}
    checked = frame[[T.kpi, T.plan]].assign(**numbers)
    problems += _run_rules(TARGET_RULES, checked, frame)
    if problems:
        raise ValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")), source)
    out = pd.DataFrame({T.kpi: frame[T.kpi].astype("string"), T.plan: frame[T.plan].astype("string")})
    for column, values in numbers.items():
        out[column] = values
    extras = [c for c in frame.columns if c not in S.TARGET_COLUMNS]
    for column in extras:
        out[column] = frame[column].astype("string")
    return out.reset_index(drop=True), formula_warnings(frame, (T.plan,))
