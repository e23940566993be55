"""The data contract's columns, declared once: one `Column` per field (name, aliases, type, allowed values, when
it is required, how it is stored). The readers (header finding), the validation rules, the typed frame, the import
wizard's mapping and the format table in docs/data-format.md all derive from these declarations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from babel import Locale


class Activities:
    """Column names of the activities table (see data-contract.md)."""

    activity_id = "activity_id"
    date = "date"
    activity_type = "activity_type"
    title = "title"
    direction = "direction"
    role = "role"
    country = "country"
    region = "region"
    city = "city"
    theme = "theme"
    companies = "companies"
    foreign_companies = "foreign_companies"
    matchmaking_meetings = "matchmaking_meetings"
    # Derived on load, never read from a file: the calendar year of `date`.
    year = "year"


class Targets:
    """Column names of the targets table (see data-contract.md)."""

    kpi = "kpi"
    plan = "plan"
    start_year = "start_year"
    end_year = "end_year"
    target_min = "target_min"
    target_max = "target_max"


class Commentary:
    """Column names of the commentary table kept in the store."""

    kpi = "kpi"
    year = "year"
    lang = "lang"
    text = "text"


A = Activities
T = Targets
C = Commentary

MISSION = "mission"
ACTIVITY_TYPES: tuple[str, ...] = (MISSION, "info_meeting", "company_visit", "partner_scan", "service")
DIRECTIONS: tuple[str, ...] = ("incoming", "outgoing")
ROLES: tuple[str, ...] = ("lead", "partner")
HOME_COUNTRY = "NL"
DATE_FORMAT = "%Y-%m-%d"
YES_VALUES: frozenset[str] = frozenset({"ja", "j", "yes", "y", "waar", "true", "1", "x"})
NO_VALUES: frozenset[str] = frozenset({"nee", "n", "no", "onwaar", "false", "0", ""})

# Codes CLDR knows that are not ISO 3166-1 alpha-2 country codes: exceptionally reserved (AC, CP, CQ, DG, EA,
# EU, EZ, FX, IC, SU, TA, UK, UN), CLDR's own (QO, ZZ) and user-assigned (X*, also XK).
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "FX", "IC", "QO", "SU", "TA", "UK", "UN", "ZZ"}
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_ISO and not code.startswith("X")
)


# Column types: how a cell is read and checked.
ID = "id"  # text compared in NFKC form, no invisible characters, look-alikes refused
TEXT = "text"  # free text: invisible characters stripped (with a warning), NFC
DATE = "date"  # YYYY-MM-DD (or day-first, see kpi.values), inside the plausible window
CODE = "code"  # one of `allowed` (Dutch values through `value_aliases`, any case)
COUNT = "count"  # whole number from 0 to limits.MAX_COUNT (`1.200` as the file's locale writes it)
YEAR = "year"  # whole number inside the plausible window of plan years
TARGET = "target"  # whole number from 0 to limits.MAX_TARGET
# When a column must be filled.
ALWAYS = "yes"
FOR_MISSIONS = "for missions"
OPTIONAL = "no"


def _kpi_keys() -> tuple[str, ...]:
    from kpi.registry import KPI_KEYS  # the KPI declarations import this module: read them when asked

    return KPI_KEYS


@dataclass(frozen=True)
class Column:
    """One column of the contract: everything the importer, the rules, the typed frame and the docs know of it.

    `aliases`: header keys (lower case, spaces as underscores) that name it too. `allowed`: its codes (a function
    when another module declares them). `value_aliases`: values users write (lower case) and the code each is.
    `required`: ALWAYS, FOR_MISSIONS or OPTIONAL; `not_filled`: the values that count as empty for that test.
    `missions_only`: other activity types leave it empty. `yes_no`: Ja/Nee columns a CRM writes instead, as
    (header key, value if yes, value if no). `empty_is_zero`: an empty count is 0. `dtype`: how the typed frame
    keeps it (`codes`: a categorical over `allowed`). `unique`: no two rows share a value.
    """

    name: str
    type: str
    dtype: str
    meaning: str
    required: str = OPTIONAL
    aliases: tuple[str, ...] = ()
    allowed: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
    value_aliases: tuple[tuple[str, str], ...] = ()
    not_filled: tuple[str, ...] = ("",)
    missions_only: bool = False
    yes_no: tuple[tuple[str, str, str], ...] = ()
    empty_is_zero: bool = False
    unique: bool = False

    def codes(self) -> tuple[str, ...]:
        """The values a CODE column takes (empty for the others)."""
        return self.allowed() if callable(self.allowed) else self.allowed


_LEAD = ("lead", "partner")
_IN = ("incoming", "outgoing")
_OUT = ("outgoing", "incoming")

ACTIVITIES: tuple[Column, ...] = (
    Column(
        A.activity_id,
        ID,
        "string",
        "stable id from the source system (unique)",
        ALWAYS,
        ("activiteit_id", "activiteit-id", "activiteitnummer", "id"),
        unique=True,
    ),
    Column(
        A.date, DATE, "datetime64[ns]", "the day it took place (first day of a multi-day mission)", ALWAYS, ("datum",)
    ),
    Column(
        A.activity_type,
        CODE,
        "codes",
        "what kind of activity",
        ALWAYS,
        ("type", "soort_activiteit", "activiteit", "soort", "type_activiteit"),
        ACTIVITY_TYPES,
        (
            ("missie", "mission"),
            ("handelsmissie", "mission"),
            ("informatiebijeenkomst", "info_meeting"),
            ("bedrijfsbezoek", "company_visit"),
            ("zakenpartner scan", "partner_scan"),
            ("zakenpartnerscan", "partner_scan"),
            ("geregistreerde service", "service"),
        ),
    ),
    Column(A.title, TEXT, "string", 'e.g. "Smart Manufacturing mission Bavaria"', aliases=("titel", "omschrijving")),
    Column(
        A.direction,
        CODE,
        "category",
        "empty for other types",
        FOR_MISSIONS,
        ("richting",),
        DIRECTIONS,
        (("inkomend", "incoming"), ("uitgaand", "outgoing")),
        missions_only=True,
        yes_no=(
            ("inkomend", *_IN),
            ("inkomende_missie", *_IN),
            ("incoming", *_IN),
            ("uitgaand", *_OUT),
            ("uitgaande_missie", *_OUT),
            ("outgoing", *_OUT),
        ),
    ),
    Column(
        A.role,
        CODE,
        "category",
        "lead partner (main organiser) or partner; empty for other types",
        FOR_MISSIONS,
        ("rol",),
        ROLES,
        (("lead-partner", "lead"), ("lead partner", "lead"), ("leadpartner", "lead"), ("hoofdorganisator", "lead")),
        missions_only=True,
        yes_no=(
            ("leadpartner", *_LEAD),
            ("lead_partner", *_LEAD),
            ("lead", *_LEAD),
            ("hoofdorganisator", *_LEAD),
        ),
    ),
    Column(
        A.country,
        CODE,
        "category",
        "the foreign country involved; `NL` or empty at home (Dutch and English names and alpha-3 codes are read too)",
        FOR_MISSIONS,
        ("land",),
        tuple(sorted(COUNTRY_CODES)),
        not_filled=("", HOME_COUNTRY),
    ),
    Column(A.region, TEXT, "category", "state or area, e.g. `Bavaria`, `Illinois`", aliases=("regio",)),
    Column(A.city, TEXT, "category", "e.g. `Chicago`", aliases=("stad", "plaats")),
    Column(A.theme, TEXT, "category", "sector theme, e.g. `Smart Manufacturing`", aliases=("thema",)),
    Column(
        A.companies,
        COUNT,
        "int64",
        "companies that took part, as counted for the KPI (empty = 0)",
        aliases=("bedrijven", "aantal_bedrijven"),
        empty_is_zero=True,
    ),
    Column(
        A.foreign_companies,
        COUNT,
        "Int64",
        "foreign companies in an incoming delegation (context only)",
        aliases=("buitenlandse_bedrijven", "aantal_buitenlandse_bedrijven"),
    ),
    Column(
        A.matchmaking_meetings,
        COUNT,
        "int64",
        "matchmaking conversations held at this activity (empty = 0)",
        aliases=(
            "matchmaking_gesprekken",
            "matchmaking-gesprekken",
            "aantal_matchmaking-gesprekken",
            "aantal_matchmaking_gesprekken",
        ),
        empty_is_zero=True,
    ),
)

TARGETS: tuple[Column, ...] = (
    Column(T.kpi, CODE, "string", "a KPI key (docs/kpis.md)", ALWAYS, allowed=_kpi_keys),
    Column(T.plan, ID, "string", "label, e.g. `MJP 2017-2020`, `AP 2018`", ALWAYS, ("plan_label",)),
    Column(T.start_year, YEAR, "Int64", "first year the plan covers", ALWAYS, ("startjaar",)),
    Column(
        T.end_year, YEAR, "Int64", "last year the plan covers (= start_year for an annual plan)", ALWAYS, ("eindjaar",)
    ),
    Column(
        T.target_min,
        TARGET,
        "Int64",
        'empty: no target defined ("niet gedefinieerd")',
        aliases=("doel_min", "streefwaarde_min"),
    ),
    Column(
        T.target_max,
        TARGET,
        "Int64",
        "at least target_min; empty: a single-number target (max = min)",
        aliases=("doel_max", "streefwaarde_max"),
    ),
)

KINDS: dict[str, tuple[Column, ...]] = {"activities": ACTIVITIES, "targets": TARGETS}


def columns(kind: str) -> tuple[Column, ...]:
    """The declared columns of `kind` (`activities` or `targets`)."""
    return KINDS[kind]


def column(name: str, kind: str = "activities") -> Column:
    """The declaration of one column."""
    return next(c for c in KINDS[kind] if c.name == name)


def names(kind: str) -> tuple[str, ...]:
    """The column names of `kind`, in contract order."""
    return tuple(c.name for c in KINDS[kind])


def required(kind: str) -> tuple[str, ...]:
    """The columns of `kind` every row must fill."""
    return tuple(c.name for c in KINDS[kind] if c.required == ALWAYS)


def aliases(kind: str) -> dict[str, str]:
    """Header keys that name a column of `kind`, to its name."""
    return {alias: c.name for c in KINDS[kind] for alias in c.aliases}


def value_aliases(kind: str = "activities") -> dict[str, dict[str, str]]:
    """Per CODE column: the values users write and the code each is."""
    return {c.name: dict(c.value_aliases) for c in KINDS[kind] if c.value_aliases}


def of_type(kind: str, *types: str) -> tuple[str, ...]:
    """The columns of `kind` of the given types."""
    return tuple(c.name for c in KINDS[kind] if c.type in types)


ACTIVITY_COLUMNS: tuple[str, ...] = names("activities")
ACTIVITY_REQUIRED: tuple[str, ...] = required("activities")
# Derived on load: a file may not have a column with this name.
ACTIVITY_DERIVED: tuple[str, ...] = (A.year,)
ACTIVITY_TEXT: tuple[str, ...] = of_type("activities", ID, TEXT)
ACTIVITY_COUNTS_ZERO: tuple[str, ...] = tuple(c.name for c in ACTIVITIES if c.type == COUNT and c.empty_is_zero)
ACTIVITY_COUNTS_OPTIONAL: tuple[str, ...] = tuple(c.name for c in ACTIVITIES if c.type == COUNT and not c.empty_is_zero)
TARGET_COLUMNS: tuple[str, ...] = names("targets")
TARGET_REQUIRED: tuple[str, ...] = required("targets")
ACTIVITY_ALIASES: dict[str, str] = aliases("activities")
TARGET_ALIASES: dict[str, str] = aliases("targets")
# Yes/no columns a CRM exports instead of a value (`Leadpartner: Ja/Nee`): header key -> (field, if yes, if no).
# Only missions take a direction or role, so other rows leave the field empty whatever the cell says.
YES_NO_COLUMNS: dict[str, tuple[str, str, str]] = {
    key: (c.name, yes, no) for c in ACTIVITIES for key, yes, no in c.yes_no
}


def arrow_backed(dtype: object) -> bool:
    """True for column types stored as Arrow arrays."""
    return isinstance(dtype, pd.ArrowDtype) or (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow")
