"""View models of the dashboard: every number a page shows is computed here or in the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import babel.core
import numpy as np
import pandas as pd
from babel import Locale

from kpi import fmt, palette
from kpi.engine import KPIRow, KPITable, aggregate, realized_by_year, realized_by_year_to_day, rows_of, totals, up_to
from kpi.filters import ActivityFilter, apply_filter
from kpi.i18n import t
from kpi.pace import Method, running
from kpi.registry import KPIS
from kpi.schema import COUNTRY_CODES, MISSION
from kpi.schema import Activities as A
from kpi.story import data_through_text, data_through_words, needed_text
from kpi.targets import STATUS_ICONS, Target, covering_plan, plans, target_for

PERIODS: tuple[str, ...] = ("year", "quarter", "month")
REFERENCES: tuple[str, ...] = ("quarter", "month", "year")  # compare with the end of the previous one
BREAKDOWNS: tuple[str, ...] = ("none", "country", "theme")
_HISTORIC_ALPHA3 = {"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"}  # CLDR aliases of countries that no longer exist


def _alpha3() -> dict[str, str]:
    aliases = babel.core.get_global("territory_aliases")
    return {
        v[0]: k
        for k, v in aliases.items()
        if len(k) == 3 and k.isalpha() and len(v) == 1 and k not in _HISTORIC_ALPHA3 and v[0] in COUNTRY_CODES
    }


ALPHA3: dict[str, str] = _alpha3()


def iso3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of an alpha-2 code (plotly's map locations), None if unknown."""
    return ALPHA3.get(str(code).upper())


def country_name(code: str, lang: str) -> str:
    """A country's name in `lang` ('DE' -> 'Duitsland' / 'Germany'); the code itself if unknown."""
    return Locale.parse(fmt.locale(lang)).territories.get(str(code).upper(), str(code))


# Places whose Dutch and English names differ (either form in the data shows in the page's language).
PLACES: tuple[tuple[str, str], ...] = (
    ("Beieren", "Bavaria"),
    ("Thüringen", "Thuringia"),
    ("Nedersaksen", "Lower Saxony"),
    ("Noordrijn-Westfalen", "North Rhine-Westphalia"),
    ("Vlaanderen", "Flanders"),
    ("Wallonië", "Wallonia"),
    ("Engeland", "England"),
    ("Schotland", "Scotland"),
    ("Hessen", "Hesse"),
    ("Saksen", "Saxony"),
    ("Antwerpen", "Antwerp"),
    ("Gent", "Ghent"),
    ("Brugge", "Bruges"),
    ("Brussel", "Brussels"),
    ("Hannover", "Hanover"),
    ("München", "Munich"),
    ("Neurenberg", "Nuremberg"),
    ("Aken", "Aachen"),
    ("Keulen", "Cologne"),
    ("Peking", "Beijing"),
    ("Kopenhagen", "Copenhagen"),
    ("Londen", "London"),
    ("Parijs", "Paris"),
    ("Rijsel", "Lille"),
    ("Wenen", "Vienna"),
    ("Praag", "Prague"),
    ("Milaan", "Milan"),
)
_PLACE_NAMES: dict[str, tuple[str, str]] = {name: pair for pair in PLACES for name in pair}


def place_name(value: object, lang: str) -> str:
    """A region or city in the page's language ('Bavaria' -> 'Beieren' in Dutch); unknown places as written."""
    pair = _PLACE_NAMES.get(str(value))
    return str(value) if pair is None else pair[fmt.language(lang).place_form]


def label(field: str, value: str, lang: str) -> str:
    """A display label for a filter value: country names, translated directions and roles, else as is."""
    if field == "countries":
        return country_name(value, lang)
    if field in ("directions", "roles"):
        return t(f"{field[:-1]}.{value}", lang)
    if field == "regions":
        return place_name(value, lang)
    return str(value)


def reference_date(as_of: dt.date, kind: str = "quarter") -> dt.date:
    """The end of the quarter, month or year before the one `as_of` lies in (as_of itself excluded)."""
    if kind == "year":
        return dt.date(as_of.year - 1, 12, 31)
    first_month = as_of.month if kind == "month" else 3 * ((as_of.month - 1) // 3) + 1
    return dt.date(as_of.year, first_month, 1) - dt.timedelta(days=1)


def selectable_years(activities: pd.DataFrame, targets: pd.DataFrame) -> list[int]:
    """Every year with data or in a plan (so 2019 and 2020 of a 2017-2020 plan can be chosen without data)."""
    years = set(data_years(activities)) if len(activities) else set()
    for plan in plans(targets):
        years.update(range(plan.start_year, plan.end_year + 1))
    return sorted(years) or [dt.date.today().year]


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
    for field, column in (
        ("countries", A.country),
        ("directions", A.direction),
        ("roles", A.role),
        ("themes", A.theme),
        ("regions", A.region),
    ):
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
    return {
        "missions": kpis["missions"],
        "incoming": int(per_direction.get("incoming", 0)),
        "outgoing": int(per_direction.get("outgoing", 0)),
        "mission_companies": kpis["mission_companies"],
        "matchmaking_meetings": kpis["matchmaking_meetings"],
    }


MISSION_TABLE_COLUMNS: tuple[str, ...] = (
    A.date,
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


TABLE_ROWS = 2_000  # rows the missions table shows; more is unreadable and slow to send


def _mapped(values: pd.Series, convert) -> np.ndarray:
    """`convert` applied once per distinct value (fast on large frames); empty cells stay empty."""
    distinct = values.dropna().unique()
    return values.map(dict(zip(distinct, (convert(v) for v in distinct)))).astype(object).to_numpy()


def missions_table(missions: pd.DataFrame, lang: str, limit: int | None = TABLE_ROWS) -> pd.DataFrame:
    """The missions (the latest `limit`) as a display table: localised headers, dates, directions and countries."""
    shown = missions if limit is None or len(missions) <= limit else missions.iloc[len(missions) - limit :]
    out = pd.DataFrame(
        {
            A.date: _mapped(shown[A.date], lambda d: fmt.date(d.date(), lang)),
            A.title: shown[A.title].astype(object).to_numpy(),
            A.direction: _mapped(shown[A.direction].astype(object), lambda v: label("directions", str(v), lang)),
            A.role: _mapped(shown[A.role].astype(object), lambda v: label("roles", str(v), lang)),
            A.country: _mapped(shown[A.country].astype(object), lambda v: country_name(str(v), lang)),
            A.region: _mapped(shown[A.region].astype(object), lambda v: place_name(v, lang)),
            A.city: _mapped(shown[A.city].astype(object), lambda v: place_name(v, lang)),
            A.theme: shown[A.theme].astype(object).to_numpy(),
            A.companies: shown[A.companies].to_numpy(),
            A.foreign_companies: pd.array(shown[A.foreign_companies], dtype="Int64"),
            A.matchmaking_meetings: shown[A.matchmaking_meetings].to_numpy(),
        }
    )
    return out.rename(columns={c: mission_header(c, lang) for c in MISSION_TABLE_COLUMNS})


def mission_header(column: str, lang: str) -> str:
    """The missions table's header of `column` (short where the full label would not fit its width)."""
    short = {A.matchmaking_meetings: "progress.col.meetings", A.foreign_companies: "reading.col.foreign"}
    return t(short.get(column, f"col.{column}"), lang)


def _missions_per(missions: pd.DataFrame, column: str) -> pd.DataFrame:
    """The engine's mission count per value of `column` and direction: columns column, direction, missions."""
    if not len(missions):
        return pd.DataFrame(
            {column: pd.Series(dtype=str), A.direction: pd.Series(dtype=str), "missions": pd.Series(dtype="int64")}
        )
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
    """Everything one KPI card shows for a year, in the user's language."""

    key: str
    label: str
    realized: int
    target: Target
    target_text: str
    gap: int | None  # realised minus the annual minimum
    share: float | None  # realised / target minimum
    status: str
    status_text: str
    icon: str
    colour: str  # Streamlit colour name of the status (badge and delta follow the words)
    trend: pd.Series  # realised per year, up to the as-of day in every year when the year is running
    trend_text: str  # what the trend compares ('Per jaar t/m 30 juni')
    plan: str | None  # the multi-year plan's name in `lang`
    plan_target: Target
    plan_target_text: str
    cumulative: int | None
    plan_expected: float | None
    plan_status: str
    plan_status_text: str
    plan_icon: str
    running: bool  # the year has not ended at the as-of date
    expected: float | None  # expected by the as-of date (annual minimum x pace share)
    expected_gap: int | None
    pace_text: str  # which method set the expected value
    forecast_text: str  # 'Prognose eind 2018: 290-330'
    needed_text: str  # still needed to reach the minimum: per remaining month or for the days left
    plan_forecast_text: str
    change_text: str  # the difference since the reference date
    as_of: dt.date | None = None
    plan_colour: str = "gray"  # Streamlit colour name of the plan status
    plan_needed_text: str = ""  # what the plan still needs ('23 nodig per resterende maand …')
    data_text: str = ""  # how far the data goes, when the as-of date is after it (forecasts are then projected)


def overview_caption(table: KPITable, lang: str) -> str:
    """'Stand per 30 juni 2018. Doelen uit AP 2018 en MJP 2017-2020. Gegevens t/m 19 december 2018.' (or a sentence
    saying which plan is missing), with how far the data goes."""
    return f"{_plans_caption(table, lang)} {data_through_text(table, lang)}."


def _plans_caption(table: KPITable, lang: str) -> str:
    date = fmt.date(table.as_of, lang)
    annual, plan = table.annual, table.plan
    if annual and plan:
        return t(
            "dash.overview.caption", lang, date=date, annual=fmt.plan_name(annual, lang), plan=fmt.plan_name(plan, lang)
        )
    if annual or plan:
        return t(
            "progress.caption_one",
            lang,
            date=date,
            plan=fmt.plan_name(annual or plan, lang),
            missing=t("progress.no_multi_year" if annual else "progress.no_annual", lang, year=table.year),
        )
    return t("progress.caption_none", lang, date=date, year=table.year)


def _range(low: int, value: int, high: int, lang: str) -> str:
    return fmt.number(value, lang) if low == high else f"{fmt.number(low, lang)}-{fmt.number(high, lang)}"


def _pace_text(row: KPIRow, lang: str) -> str:
    if row.pace.method == Method.SEASONAL:
        years = row.pace.years
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return t("progress.pace.seasonal", lang, years=span)
    return t("progress.pace.linear_why" if len(row.pace.volumes) < 2 else "progress.pace.linear", lang)


def trend_to_day(activities: pd.DataFrame, year: int, as_of: dt.date | None) -> pd.Series | pd.DataFrame:
    """Realised KPI values per year up to and including `year` (up to the as-of date); while `year` runs, every
    year counted up to the as-of day."""
    first = data_years(activities)[0] if len(activities) else year
    years = list(range(min(first, year), year + 1))
    if as_of is None or not running(as_of, year):
        data = up_to(activities, as_of) if as_of else activities
        return realized_by_year(data, years)
    return realized_by_year_to_day(activities, as_of, years)


def kpi_cards(
    table: KPITable, activities: pd.DataFrame, year: int, lang: str, as_of: dt.date | None = None
) -> list[KPICard]:
    """One card per KPI from a `kpi_table` result, with the realised values per year up to `year`."""
    as_of = as_of or table.as_of
    trend = trend_to_day(activities, year, as_of)
    trend_text = (
        t("progress.trend_to_day", lang, day=fmt.day_month(as_of, lang))
        if running(as_of, year)
        else t("progress.trend_full", lang)
    )
    through = fmt.date(table.forecast_as_of, lang) if table.projected and table.forecast_as_of else None
    # The caption above names the import time; each card only how far the data goes.
    data_text = data_through_words(table.data_through, None, lang) if table.projected else ""
    cards = []
    for row in rows_of(table):
        year_running = row.year_running
        target, plan_target = row.annual_target, row.plan_target
        plan = fmt.plan_name(row.plan, lang) if row.plan else None
        change = ""
        if row.change is not None:
            values = {"date": fmt.date(row.change.reference, lang), "change": fmt.signed(row.change.difference, lang)}
            since = "progress.change_pack" if table.since_pack else "progress.change"
            if row.change.status != row.annual_status and target.defined:
                change = t(f"{since}_status", lang, status=t(f"status.{row.change.status}", lang), **values)
            else:
                change = t(since, lang, **values)
        forecast = row.forecast
        plan_forecast = ""
        if row.plan_forecast is not None and row.plan is not None and row.plan_running:
            f = row.plan_forecast
            span = _range(f.low, f.value, f.high, lang)
            plan_forecast = (
                t("story.forecast_plan_projected", lang, plan=plan, date=through, range=span)
                if through
                else t("progress.forecast_plan", lang, plan=plan, range=span)
            )
        year_span = _range(forecast.low, forecast.value, forecast.high, lang)
        year_forecast = (
            t("story.forecast_projected", lang, year=year, date=through, range=year_span)
            if through
            else t("progress.forecast", lang, year=year, range=year_span)
        )
        cards.append(
            KPICard(
                key=row.key,
                label=row.kpi.short(lang),
                realized=row.realized,
                target=target,
                target_text=fmt.target(target, lang),
                gap=row.annual_gap,
                share=row.realized / target.min if target.defined and target.min else None,
                status=row.annual_status,
                status_text=t(f"status.{row.annual_status}", lang),
                icon=STATUS_ICONS[row.annual_status],
                colour=palette.status_badge(row.annual_status),
                trend=trend[row.key],
                trend_text=trend_text,
                plan=plan,
                plan_target=plan_target,
                plan_target_text=fmt.target(plan_target, lang),
                cumulative=row.cumulative,
                plan_expected=row.plan_expected,
                plan_status=row.plan_status,
                plan_status_text=t(f"status.{row.plan_status}", lang),
                plan_icon=STATUS_ICONS[row.plan_status],
                running=year_running,
                expected=row.annual_expected,
                expected_gap=row.expected_gap,
                pace_text=_pace_text(row, lang),
                forecast_text=year_forecast if year_running else "",
                needed_text=needed_text(row.needed, str(year), lang) if year_running else "",
                plan_forecast_text=plan_forecast,
                change_text=change,
                as_of=as_of,
                plan_colour=palette.status_badge(row.plan_status),
                plan_needed_text=(
                    needed_text(row.plan_needed, plan or "", lang)
                    if row.plan_running and row.plan_target.defined
                    else ""
                ),
                data_text=data_text,
            )
        )
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


def trend_frame(
    activities: pd.DataFrame,
    kpi_key: str,
    period: str = "year",
    breakdown: str = "none",
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
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
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "group": pd.Series(dtype=object),
                "value": pd.Series(dtype="int64"),
            }
        )
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


def services_table(by_year_theme: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Visits, services and conversion per year and theme (`services_by_year_theme`) as a display table with
    localised headers."""
    frame = by_year_theme.sort_values([A.year, "visits"], ascending=[False, False], kind="stable")
    return pd.DataFrame(
        {
            t("col.year", lang): frame[A.year].astype(str).to_numpy(),
            t("col.theme", lang): frame[A.theme].to_numpy(),
            t("dash.services.visits", lang): frame["visits"].to_numpy(),
            t("dash.services.services", lang): frame["services"].to_numpy(),
            t("dash.services.conversion", lang): [
                fmt.percent(None if pd.isna(v) else float(v), lang) for v in frame["conversion"]
            ],
        }
    )
