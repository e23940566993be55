"""View models of the dashboard: every number a page shows is computed here or in the engine."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import babel.core
import numpy as np
import pandas as pd
from babel import Locale

from kpi import fmt
from kpi.engine import aggregate, realized_by_year, totals, up_to
from kpi.filters import ActivityFilter, apply_filter
from kpi.i18n import t
from kpi.registry import KPIS, get_kpi
from kpi.schema import COUNTRY_CODES, MISSION, Activities as A
from kpi.targets import STATUS_ICONS, Target, covering_plan, target_for

PERIODS: tuple[str, ...] = ("year", "quarter", "month")
BREAKDOWNS: tuple[str, ...] = ("none", "country", "theme")
_HISTORIC_ALPHA3 = {"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"}  # CLDR aliases of countries that no longer exist


def _alpha3() -> dict[str, str]:
    aliases = babel.core.get_global("territory_aliases")
    return {v[0]: k for k, v in aliases.items()
            if len(k) == 3 and k.isalpha() and len(v) == 1 and k not in _HISTORIC_ALPHA3 and v[0] in COUNTRY_CODES}


ALPHA3: dict[str, str] = _alpha3()


def iso3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code (plotly's map locations), None if unknown."""
    return ALPHA3.get(str(code).upper())


def country_name(code: str, lang: str) -> str:
    """A country's name in `lang` ('DE' -> 'Duitsland' / 'Germany'); the code itself if unknown."""
    return Locale.parse(fmt.locale(lang)).territories.get(str(code).upper(), str(code))


def label(field: str, value: str, lang: str) -> str:
    """A display label for a filter value: country names, translated directions and roles, else as is."""
    if field == "countries":
        return country_name(value, lang)
    if field in ("directions", "roles"):
        return t(f"{field[:-1]}.{value}", lang)
    return str(value)


def latest_year(activities: pd.DataFrame) -> int:
    """The latest year in the data (the current year when there is none)."""
    return int(activities[A.year].max()) if len(activities) else dt.date.today().year


def data_years(activities: pd.DataFrame) -> list[int]:
    """Every year from the first to the last in the data."""
    if not len(activities):
        return [dt.date.today().year]
    return list(range(int(activities[A.year].min()), int(activities[A.year].max()) + 1))


def missions_of(activities: pd.DataFrame) -> pd.DataFrame:
    """The mission rows."""
    return activities[activities[A.activity_type] == MISSION]


def filter_options(activities: pd.DataFrame) -> dict[str, list[str]]:
    """The values each mission filter can take, from the missions in the data (sorted)."""
    missions = missions_of(activities)
    out = {}
    for field, column in (("countries", A.country), ("directions", A.direction), ("roles", A.role),
                          ("themes", A.theme), ("regions", A.region)):
        values = missions[column].dropna().astype(str).unique().tolist()
        out[field] = sorted(v for v in values if v)
    return out


def filter_summary(selection: ActivityFilter, lang: str) -> str:
    """The filter in words for chart subtitles: '2018 · China · Uitgaand', or 'alle missies'."""
    parts = []
    if selection.years is not None:
        lo, hi = selection.years
        parts.append(str(lo) if lo == hi else f"{lo}-{hi}")
    for field in ("countries", "directions", "roles", "themes", "regions"):
        values = getattr(selection, field)
        if values:
            parts.append(", ".join(label(field, v, lang) for v in values))
    return " · ".join(parts) if parts else t("dash.filter.none", lang)


def filtered_missions(activities: pd.DataFrame, selection: ActivityFilter) -> pd.DataFrame:
    """The missions matching `selection`, in date order."""
    missions = apply_filter(activities, ActivityFilter(**{**selection.__dict__, "missions_only": True}))
    return missions.sort_values(A.date, kind="stable")


def mission_totals(missions: pd.DataFrame) -> dict[str, int]:
    """Mission figures over mission rows: the engine's KPIs plus the incoming and outgoing counts."""
    kpis = totals(missions)
    per_direction = aggregate(missions, [A.direction])["missions"] if len(missions) else pd.Series(dtype="int64")
    return {"missions": kpis["missions"], "incoming": int(per_direction.get("incoming", 0)),
            "outgoing": int(per_direction.get("outgoing", 0)), "mission_companies": kpis["mission_companies"],
            "matchmaking_meetings": kpis["matchmaking_meetings"]}


MISSION_TABLE_COLUMNS: tuple[str, ...] = (A.date, A.title, A.direction, A.role, A.country, A.region, A.city,
                                          A.theme, A.companies, A.matchmaking_meetings)


TABLE_ROWS = 2_000  # rows the missions table shows; more is unreadable and slow to send


def _mapped(values: pd.Series, convert) -> np.ndarray:
    """`convert` applied once per distinct value (fast on large frames); empty cells stay empty."""
    distinct = values.dropna().unique()
    return values.map(dict(zip(distinct, (convert(v) for v in distinct)))).astype(object).to_numpy()


def missions_table(missions: pd.DataFrame, lang: str, limit: int | None = TABLE_ROWS) -> pd.DataFrame:
    """The missions (the latest `limit`) as a display table: localised headers, dates, directions and countries."""
    shown = missions if limit is None or len(missions) <= limit else missions.iloc[len(missions) - limit:]
    out = pd.DataFrame({
        A.date: _mapped(shown[A.date], lambda d: fmt.date(d.date(), lang)),
        A.title: shown[A.title].astype(object).to_numpy(),
        A.direction: _mapped(shown[A.direction].astype(object), lambda v: label("directions", str(v), lang)),
        A.role: _mapped(shown[A.role].astype(object), lambda v: label("roles", str(v), lang)),
        A.country: _mapped(shown[A.country].astype(object), lambda v: country_name(str(v), lang)),
        A.region: shown[A.region].astype(object).to_numpy(),
        A.city: shown[A.city].astype(object).to_numpy(),
        A.theme: shown[A.theme].astype(object).to_numpy(),
        A.companies: shown[A.companies].to_numpy(),
        A.matchmaking_meetings: shown[A.matchmaking_meetings].to_numpy(),
    })
    return out.rename(columns={c: t(f"col.{c}", lang) for c in MISSION_TABLE_COLUMNS})


def _missions_per(missions: pd.DataFrame, column: str) -> pd.DataFrame:
    """The engine's mission count per value of `column` and direction: columns column, direction, missions."""
    if not len(missions):
        return pd.DataFrame({column: pd.Series(dtype=str), A.direction: pd.Series(dtype=str),
                             "missions": pd.Series(dtype="int64")})
    counts = aggregate(missions, [column, A.direction])["missions"]
    counts = counts[counts > 0].rename("missions").reset_index()
    counts[column] = counts[column].astype(str)
    counts[A.direction] = counts[A.direction].astype(str)
    return counts


def missions_by_country(missions: pd.DataFrame) -> pd.DataFrame:
    """Mission counts per country and direction: columns country, direction, missions (most first)."""
    counts = _missions_per(missions, A.country)
    order = counts.groupby(A.country)["missions"].sum().sort_values(ascending=False, kind="stable")
    rank = {c: n for n, c in enumerate(order.index)}
    return counts.sort_values([A.country], key=lambda s: s.map(rank), kind="stable").reset_index(drop=True)


def missions_by_theme(missions: pd.DataFrame) -> pd.DataFrame:
    """Mission counts per theme and direction: columns theme, direction, missions."""
    return _missions_per(missions, A.theme)


@dataclass(frozen=True)
class KPICard:
    """Everything one KPI card shows for a year."""

    key: str
    label: str
    realized: int
    target: Target
    target_text: str
    gap: int | None
    share: float | None  # realised / target minimum
    status: str
    status_text: str
    icon: str
    trend: pd.Series  # realised per year
    plan: str | None
    plan_target: Target
    plan_target_text: str
    cumulative: int | None
    plan_expected: float | None
    plan_status: str
    plan_status_text: str
    plan_icon: str


def _target(row: pd.Series, prefix: str) -> Target:
    lo, hi = row[f"{prefix}_target_min"], row[f"{prefix}_target_max"]
    return Target(None if pd.isna(lo) else int(lo), None if pd.isna(hi) else int(hi))


def kpi_cards(table: pd.DataFrame, activities: pd.DataFrame, year: int, lang: str,
              as_of: dt.date | None = None) -> list[KPICard]:
    """One card per KPI from a `kpi_table` frame, with the realised values per year up to `year`."""
    data = up_to(activities, as_of) if as_of else activities
    years = [y for y in data_years(activities) if y <= year] or [year]
    trend = realized_by_year(data, years)
    cards = []
    for _, row in table.iterrows():
        target, plan_target = _target(row, "annual"), _target(row, "plan")
        realized = int(row["realized"])
        cumulative = None if pd.isna(row["realized_cumulative"]) else int(row["realized_cumulative"])
        expected = None if pd.isna(row["plan_expected"]) else float(row["plan_expected"])
        cards.append(KPICard(
            key=row["kpi"], label=get_kpi(row["kpi"]).short(lang), realized=realized, target=target,
            target_text=fmt.target(target, lang),
            gap=None if pd.isna(row["annual_gap"]) else int(row["annual_gap"]),
            share=realized / target.min if target.defined and target.min else None,
            status=row["annual_status"], status_text=t(f"status.{row['annual_status']}", lang),
            icon=STATUS_ICONS[row["annual_status"]], trend=trend[row["kpi"]],
            plan=row["plan"] if isinstance(row["plan"], str) else None,
            plan_target=plan_target, plan_target_text=fmt.target(plan_target, lang),
            cumulative=cumulative, plan_expected=expected, plan_status=row["plan_status"],
            plan_status_text=t(f"status.{row['plan_status']}", lang), plan_icon=STATUS_ICONS[row["plan_status"]],
        ))
    return cards


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """The first day of each date's year, quarter or month."""
    freq = {"year": "Y", "quarter": "Q", "month": "M"}[period]
    return dates.dt.to_period(freq).dt.start_time


def period_label(start: pd.Timestamp, period: str, lang: str) -> str:
    """A period's label: '2018', 'K1 2018' / 'Q1 2018', 'maart 2018'."""
    if period == "year":
        return str(start.year)
    if period == "quarter":
        return fmt.quarter(start.year, (start.month - 1) // 3 + 1, lang)
    return fmt.month(start.date(), lang)


def trend_frame(activities: pd.DataFrame, kpi_key: str, period: str = "year", breakdown: str = "none",
                years: tuple[int, int] | None = None) -> pd.DataFrame:
    """A KPI per period (and per country or theme): columns period (start date), group, value.

    Every period from the first to the last year is present, with 0 where nothing happened.
    """
    data = activities if years is None else apply_filter(activities, ActivityFilter(years=years))
    lo, hi = years if years else (data_years(activities)[0], data_years(activities)[-1])
    periods = pd.period_range(f"{lo}-01-01", f"{hi}-12-31", freq={"year": "Y", "quarter": "Q", "month": "M"}[period])
    starts = periods.start_time
    frame = data.assign(_period=period_start(data[A.date], period))
    by = ["_period"] + ([] if breakdown == "none" else [_BREAKDOWN_COLUMN[breakdown]])
    values = aggregate(frame, by)[kpi_key] if len(frame) else pd.Series(dtype="int64")
    if breakdown == "none":
        series = values.reindex(starts, fill_value=0) if len(values) else pd.Series(0, index=starts)
        return pd.DataFrame({"period": starts, "group": "", "value": series.to_numpy().astype("int64")})
    column = _BREAKDOWN_COLUMN[breakdown]
    if not len(values):
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "group": pd.Series(dtype=object),
                             "value": pd.Series(dtype="int64")})
    wide = values.unstack(column, fill_value=0).reindex(starts, fill_value=0)
    wide = wide.loc[:, wide.sum() > 0]
    wide = wide[wide.sum().sort_values(ascending=False, kind="stable").index]
    long = wide.rename_axis("period").reset_index().melt(id_vars="period", var_name="group", value_name="value")
    long["group"] = long["group"].astype(str)
    long["value"] = long["value"].astype("int64")
    return long


_BREAKDOWN_COLUMN: dict[str, str] = {"country": A.country, "theme": A.theme}


def group_label(breakdown: str, group: str, lang: str) -> str:
    """The display name of a breakdown group (country names in `lang`)."""
    return country_name(group, lang) if breakdown == "country" else group


def target_bands(targets: pd.DataFrame, kpi_key: str, years: list[int]) -> pd.DataFrame:
    """The annual target per year: columns year, min, max (NA where no annual target is defined)."""
    rows = []
    for year in years:
        target = target_for(targets, covering_plan(targets, year, multi_year=False), kpi_key)
        rows.append({"year": year, "min": target.min, "max": target.upper})
    return pd.DataFrame(rows, columns=["year", "min", "max"]).astype({"min": "Int64", "max": "Int64"})


def service_funnel(activities: pd.DataFrame, year: int) -> dict[str, float | int | None]:
    """Company visits and registered services in `year` (from the engine) and the conversion (services / visits)."""
    kpis = realized_by_year(activities, [year]).loc[year]
    visits, services = int(kpis["company_visits"]), int(kpis["services"])
    return {"visits": visits, "services": services, "conversion": services / visits if visits else None}


def services_by_year_theme(activities: pd.DataFrame) -> pd.DataFrame:
    """Visits and services per year and theme with the conversion: columns year, theme, visits, services, conversion."""
    counts = aggregate(activities, [A.year, A.theme])[["company_visits", "services"]]
    counts = counts[(counts["company_visits"] > 0) | (counts["services"] > 0)]
    counts = counts.rename(columns={"company_visits": "visits"}).reset_index()
    counts[A.year] = counts[A.year].astype(int)
    counts[A.theme] = counts[A.theme].astype(str)
    counts["conversion"] = (counts["services"] / counts["visits"].where(counts["visits"] > 0)).astype("Float64")
    return counts[[A.year, A.theme, "visits", "services", "conversion"]]


def services_by_year(activities: pd.DataFrame) -> pd.DataFrame:
    """Visits and services per year with the conversion: columns year, visits, services, conversion."""
    years = data_years(activities)
    by_year = realized_by_year(activities, years)[["company_visits", "services"]]
    out = by_year.rename(columns={"company_visits": "visits"}).reset_index()
    out["conversion"] = (out["services"] / out["visits"].where(out["visits"] > 0)).astype("Float64")
    return out


def kpi_options(lang: str) -> dict[str, str]:
    """KPI key -> short label, in registry order."""
    return {k.key: k.short(lang) for k in KPIS}


def services_table(activities: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Visits, services and conversion per year and theme as a display table with localised headers."""
    frame = services_by_year_theme(activities).sort_values([A.year, "visits"], ascending=[False, False],
                                                           kind="stable")
    return pd.DataFrame({
        t("col.year", lang): frame[A.year].astype(str).to_numpy(),
        t("col.theme", lang): frame[A.theme].to_numpy(),
        t("dash.services.visits", lang): frame["visits"].to_numpy(),
        t("dash.services.services", lang): frame["services"].to_numpy(),
        t("dash.services.conversion", lang): [fmt.percent(None if pd.isna(v) else float(v), lang)
                                              for v in frame["conversion"]],
    })
