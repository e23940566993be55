"""Column names, allowed values and aliases of the data contract, declared once."""

from __future__ import annotations

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

ACTIVITY_COLUMNS: tuple[str, ...] = (
    A.activity_id,
    A.date,
    A.activity_type,
    A.title,
    A.direction,
    A.role,
    A.country,
    A.region,
    A.city,
    A.theme,
    A.companies,
    A.foreign_companies,
    A.matchmaking_meetings,
)
ACTIVITY_REQUIRED: tuple[str, ...] = (A.activity_id, A.date, A.activity_type)
# Derived on load: a file may not have a column with this name.
ACTIVITY_DERIVED: tuple[str, ...] = (A.year,)
ACTIVITY_TEXT: tuple[str, ...] = (A.activity_id, A.title, A.region, A.city, A.theme)
ACTIVITY_CATEGORICAL: tuple[str, ...] = (A.activity_type, A.direction, A.role, A.country, A.region, A.city, A.theme)
# Counts where an empty cell means 0 (contract) versus truly optional counts.
ACTIVITY_COUNTS_ZERO: tuple[str, ...] = (A.companies, A.matchmaking_meetings)
ACTIVITY_COUNTS_OPTIONAL: tuple[str, ...] = (A.foreign_companies,)

TARGET_COLUMNS: tuple[str, ...] = (T.kpi, T.plan, T.start_year, T.end_year, T.target_min, T.target_max)
TARGET_REQUIRED: tuple[str, ...] = (T.kpi, T.plan, T.start_year, T.end_year)

MISSION = "mission"
ACTIVITY_TYPES: tuple[str, ...] = (MISSION, "info_meeting", "company_visit", "partner_scan", "service")
DIRECTIONS: tuple[str, ...] = ("incoming", "outgoing")
ROLES: tuple[str, ...] = ("lead", "partner")
HOME_COUNTRY = "NL"
DATE_FORMAT = "%Y-%m-%d"

# Dutch column labels accepted as aliases on import (lower-cased, spaces as underscores).
ACTIVITY_ALIASES: dict[str, str] = {
    "activiteit_id": A.activity_id,
    "id": A.activity_id,
    "datum": A.date,
    "type": A.activity_type,
    "soort_activiteit": A.activity_type,
    "activiteit": A.activity_type,
    "titel": A.title,
    "omschrijving": A.title,
    "richting": A.direction,
    "rol": A.role,
    "land": A.country,
    "regio": A.region,
    "stad": A.city,
    "plaats": A.city,
    "thema": A.theme,
    "bedrijven": A.companies,
    "aantal_bedrijven": A.companies,
    "buitenlandse_bedrijven": A.foreign_companies,
    "matchmaking_gesprekken": A.matchmaking_meetings,
    "matchmaking-gesprekken": A.matchmaking_meetings,
    "activiteit-id": A.activity_id,
    "activiteitnummer": A.activity_id,
    "soort": A.activity_type,
    "type_activiteit": A.activity_type,
    "aantal_matchmaking-gesprekken": A.matchmaking_meetings,
    "aantal_matchmaking_gesprekken": A.matchmaking_meetings,
    "aantal_buitenlandse_bedrijven": A.foreign_companies,
}
# Yes/no columns a CRM exports instead of a value (`Leadpartner: Ja/Nee`): header key -> (field, if yes, if no).
# Only missions take a direction or role, so other rows leave the field empty whatever the cell says.
YES_NO_COLUMNS: dict[str, tuple[str, str, str]] = {
    "leadpartner": (A.role, "lead", "partner"),
    "lead_partner": (A.role, "lead", "partner"),
    "lead": (A.role, "lead", "partner"),
    "hoofdorganisator": (A.role, "lead", "partner"),
    "inkomend": (A.direction, "incoming", "outgoing"),
    "inkomende_missie": (A.direction, "incoming", "outgoing"),
    "incoming": (A.direction, "incoming", "outgoing"),
    "uitgaand": (A.direction, "outgoing", "incoming"),
    "uitgaande_missie": (A.direction, "outgoing", "incoming"),
    "outgoing": (A.direction, "outgoing", "incoming"),
}
YES_VALUES: frozenset[str] = frozenset({"ja", "j", "yes", "y", "waar", "true", "1", "x"})
NO_VALUES: frozenset[str] = frozenset({"nee", "n", "no", "onwaar", "false", "0", ""})

TARGET_ALIASES: dict[str, str] = {
    "plan_label": T.plan,
    "startjaar": T.start_year,
    "eindjaar": T.end_year,
    "doel_min": T.target_min,
    "doel_max": T.target_max,
    "streefwaarde_min": T.target_min,
    "streefwaarde_max": T.target_max,
}

# Codes CLDR knows that are not ISO 3166-1 alpha-2 country codes: exceptionally reserved (AC, CP, CQ, DG, EA,
# EU, EZ, FX, IC, SU, TA, UK, UN), CLDR's own (QO, ZZ) and user-assigned (X*, also XK).
_NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "FX", "IC", "QO", "SU", "TA", "UK", "UN", "ZZ"}
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if len(code) == 2 and code.isalpha() and code not in _NOT_ISO and not code.startswith("X")
)
