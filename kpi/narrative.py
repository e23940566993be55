"""Sentences drawn from the data for the annual report, in Dutch or English: templates filled by pure functions.

No model and no network: each sentence is a text of kpi/texts/annual.py filled with figures from the KPI table
and the year's missions. A sentence whose facts are missing (no missions, no foreign companies recorded) is left
out, never filled with zeros. The verdict reads the statuses the dashboard shows (kpi.targets), so the text never
contradicts the table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kpi import fmt
from kpi.dashboard import country_name, place_name
from kpi.engine import KPIRow, KPITable, rows_of, up_to
from kpi.filters import ActivityFilter, apply_filter
from kpi.i18n import TEXTS, t
from kpi.pace import running
from kpi.schema import HOME_COUNTRY
from kpi.schema import Activities as A
from kpi.targets import GOOD_STATUSES, STATUSES

SMALL_NUMBERS = 12  # counts up to this are written as words ("drie missies")


@dataclass(frozen=True)
class Narrative:
    """The generated text: results, missions with incoming delegations, outgoing missions; each a list of sentences."""

    results: tuple[str, ...]
    missions: tuple[str, ...]
    outgoing: tuple[str, ...] = ()

    def sentences(self) -> list[str]:
        """Every sentence in order."""
        return [*self.results, *self.missions, *self.outgoing]

    def paragraphs(self) -> list[str]:
        """The non-empty paragraphs, each its sentences joined."""
        return [" ".join(p) for p in (self.results, self.missions, self.outgoing) if p]


def number_word(n: int, lang: str) -> str:
    """A small count in words ('drie' / 'three'), larger ones as figures in the locale's format."""
    key = f"annual.number.{n}"
    return t(key, lang) if 1 <= n <= SMALL_NUMBERS and key in TEXTS else fmt.number(n, lang)


def join_words(items: list[str], lang: str, word: str = "annual.and") -> str:
    """Items as a sentence lists them: 'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t(word, lang)} {items[-1]}"


def kpi_phrase(row: KPIRow, lang: str) -> str:
    """A KPI as a sentence names it ('het aantal matchmakingsgesprekken'); after its label when not declared."""
    key = f"annual.kpi.{row.key}"
    if key in TEXTS:
        return t(key, lang)
    label = row.kpi.label(lang)
    label = label[:1].lower() + label[1:]
    if label.startswith("aantal "):  # Dutch labels read 'Aantal ...': 'het aantal ...'
        return f"het {label}"
    return t("annual.kpi.fallback", lang, label=label)


def status_phrase(status: str, lang: str) -> str:
    """How a status reads in the verdict ('ruim behaald'); its dashboard label for a status without one."""
    key = f"annual.status.{status}"
    return t(key, lang) if key in TEXTS else t(f"status.{status}", lang).lower()


def predicate(statuses: list[str], lang: str) -> str:
    """The good statuses present, in the declared order, as one predicate: 'ruim behaald', 'behaald of op koers'.

    Exceeded and achieved together read 'behaald' (an exceeded target is achieved too)."""
    present = [s for s in STATUSES if s in statuses]
    if "exceeded" in present and "achieved" in present:
        present.remove("exceeded")
    return join_words([status_phrase(s, lang) for s in present], lang, "annual.or")


def verdict_sentence(table: KPITable, lang: str) -> str | None:
    """The overall verdict on the annual targets, by the dashboard's statuses; None without any annual target.

    All good: 'alle'; less than a third not: 'nagenoeg alle ..., behalve ...'; more good than not: 'de meeste';
    otherwise the good ones are named. Good statuses are kpi.targets.GOOD_STATUSES; no_target KPIs don't count.
    """
    rows = [r for r in rows_of(table) if r.annual_status != "no_target"]
    if not rows:
        return None
    good = [r for r in rows if r.annual_status in GOOD_STATUSES]
    others = [r for r in rows if r.annual_status not in GOOD_STATUSES]
    tense = "running" if running(table.as_of, table.year) else "finished"
    when = t(f"annual.when.{tense}", lang, year=table.year, date=fmt.date(table.as_of, lang))
    if not good:
        return t(f"annual.verdict.none.{tense}", lang, when=when)
    words = predicate([r.annual_status for r in good], lang)
    exceptions = join_words([kpi_phrase(r, lang) for r in others], lang)
    if not others:
        kind = "all"
    elif 3 * len(others) < len(rows):
        kind = "nearly"
    elif len(good) > len(others):
        kind = "most"
    else:
        return t(
            f"annual.verdict.some.{tense}",
            lang,
            when=when,
            predicate=words,
            good=number_word(len(good), lang),
            total=number_word(len(rows), lang),
            kpis=join_words([kpi_phrase(r, lang) for r in good], lang),
        )
    return fmt.sentence(t(f"annual.verdict.{kind}.{tense}", lang, when=when, predicate=words, exceptions=exceptions))


def _realized(table: KPITable, key: str) -> int | None:
    try:
        return table.row(key).realized
    except KeyError:
        return None


def visits_sentence(table: KPITable, lang: str) -> str | None:
    """Company visits and the registered services that came from them; None without visits."""
    visits, services = _realized(table, "company_visits"), _realized(table, "services")
    if not visits:
        return None
    said = fmt.count(visits, "annual.n.visit", "annual.n.visits", lang)
    if not services:
        return t("annual.visits.only", lang, visits=said)
    key = "annual.visits.service" if services == 1 else "annual.visits.services"
    return t(key, lang, visits=said, services=fmt.count(services, "annual.n.service", "annual.n.services", lang))


def year_missions(activities: pd.DataFrame, year: int, as_of: dt.date) -> pd.DataFrame:
    """The missions of `year` dated on or before `as_of`, in date order (what the table's mission KPI counts)."""
    chosen = apply_filter(up_to(activities, as_of), ActivityFilter(years=(year, year), missions_only=True))
    return chosen.sort_values(A.date, kind="stable")


@dataclass(frozen=True)
class Mission:
    """One mission as the sentences read it; missing values are '' (foreign companies None)."""

    date: dt.date
    direction: str
    role: str
    country: str
    region: str
    theme: str
    foreign_companies: int | None


def _values(column: pd.Series) -> list[str]:
    """A column's values as text, missing ones as ''."""
    return ["" if pd.isna(v) else str(v) for v in column.astype(object)]


def mission_records(missions: pd.DataFrame) -> list[Mission]:
    """The missions frame as records, in its order."""
    foreign = [None if pd.isna(v) else int(v) for v in missions[A.foreign_companies].astype(object)]
    return [
        Mission(pd.Timestamp(day).date(), direction, role, country, region, theme, n)
        for day, direction, role, country, region, theme, n in zip(
            missions[A.date],
            _values(missions[A.direction]),
            _values(missions[A.role]),
            _values(missions[A.country]),
            _values(missions[A.region]),
            _values(missions[A.theme]),
            foreign,
        )
    ]


def _missions_phrase(n: int, kind: str, lang: str, words: bool = False) -> str:
    number = number_word(n, lang) if words else fmt.number(n, lang)
    return t("annual.n.mission" if n == 1 else "annual.n.missions", lang, n=number, kind=kind)


def missions_sentences(missions: list[Mission], lang: str) -> list[str]:
    """The missions by direction and role: the total, then the split when both directions (or roles) occur."""
    if not missions:
        return []
    directions, roles = [m.direction for m in missions], [m.role for m in missions]
    outgoing, incoming = directions.count("outgoing"), directions.count("incoming")
    lead, partner = roles.count("lead"), roles.count("partner")
    kind = "both" if outgoing and incoming else ("outgoing" if outgoing else "incoming")
    role = "both" if lead and partner else ("lead" if lead else "partner")
    said = [
        t(
            "annual.missions.total",
            lang,
            missions=_missions_phrase(len(missions), t(f"annual.missions.{kind}", lang), lang),
            roles=t(f"annual.roles.{role}", lang),
        )
    ]
    if outgoing and incoming:
        said.append(
            t(
                "annual.missions.directions",
                lang,
                outgoing=fmt.number(outgoing, lang),
                incoming=fmt.number(incoming, lang),
            )
        )
    if lead and partner:
        said.append(t("annual.missions.roles", lang, lead=fmt.number(lead, lang), partner=fmt.number(partner, lang)))
    return said


def country_phrase(code: str, lang: str) -> str:
    """A country as a sentence names it mid-sentence ('de Verenigde Staten'), else its name in `lang`."""
    key = f"annual.country.{code}"
    return t(key, lang) if key in TEXTS else country_name(code, lang)


def _by_country(missions: list[Mission], direction: str) -> list[tuple[str, list[Mission]]]:
    """Missions of one direction per foreign country: the most missions first, then the earliest."""
    groups: dict[str, list[Mission]] = {}
    for mission in missions:
        if mission.direction == direction and mission.country and mission.country != HOME_COUNTRY:
            groups.setdefault(mission.country, []).append(mission)
    return sorted(groups.items(), key=lambda g: (-len(g[1]), min(m.date for m in g[1])))


def _mission_name(theme: str, lang: str) -> str:
    """'een Smart Manufacturing-missie' / 'a Smart Manufacturing mission'; 'een missie' without a theme."""
    if not theme:
        return t("annual.mission.plain", lang)
    key = "annual.mission.themed_vowel" if theme[:1].lower() in "aeiou" else "annual.mission.themed"
    return t(key, lang, theme=theme)


def incoming_sentence(code: str, missions: list[Mission], lang: str) -> str:
    """One country's incoming missions, with the largest by foreign companies when any are recorded."""
    country = country_phrase(code, lang)
    count = len(missions)
    recorded = [m for m in missions if m.foreign_companies]
    if not recorded:
        key = "annual.incoming.count_one" if count == 1 else "annual.incoming.count_many"
        return fmt.sentence(t(key, lang, country=country, count=number_word(count, lang)))
    largest = max(recorded, key=lambda m: m.foreign_companies or 0)  # the first (earliest) of equals
    n = largest.foreign_companies or 0
    mission = _mission_name(largest.theme, lang)
    adjective_key = f"annual.adjective.{code}"
    if n == 1:
        described = t("annual.with.one", lang, mission=mission, country=country)
    elif adjective_key in TEXTS:
        described = t(
            "annual.with.adjective", lang, mission=mission, n=fmt.number(n, lang), adjective=t(adjective_key, lang)
        )
    else:
        described = t("annual.with.country", lang, mission=mission, n=fmt.number(n, lang), country=country)
    key = "annual.incoming.one" if count == 1 else "annual.incoming.many"
    return fmt.sentence(t(key, lang, country=country, count=number_word(count, lang), mission=described))


def incoming_sentences(missions: list[Mission], lang: str) -> list[str]:
    """Incoming delegations per country, the country with the most first."""
    return [incoming_sentence(code, group, lang) for code, group in _by_country(missions, "incoming")]


def _themes(missions: list[Mission]) -> list[str]:
    """The distinct themes of missions in their order, missing ones left out."""
    return [v for v in dict.fromkeys(m.theme for m in missions) if v]


def outgoing_sentence(code: str, missions: list[Mission], lang: str) -> str:
    """One country's outgoing missions with their regions (the most missions first) and each region's themes."""
    country = country_phrase(code, lang)
    said = _missions_phrase(len(missions), t("annual.missions.outgoing", lang), lang, words=True)
    regions: dict[str, list[Mission]] = {}
    for mission in missions:
        if mission.region:
            regions.setdefault(mission.region, []).append(mission)
    places = []
    for region, mine in sorted(regions.items(), key=lambda r: -len(r[1])):  # stable: first seen first among equals
        themes = _themes(mine)
        name = place_name(region, lang)
        places.append(t("annual.place.themes", lang, place=name, themes=join_words(themes, lang)) if themes else name)
    if places:
        key, values = "annual.outgoing.places", {"places": join_words(places, lang)}
    elif _themes(missions):
        key, values = "annual.outgoing.themes", {"themes": join_words(_themes(missions), lang)}
    else:
        key, values = "annual.outgoing.plain", {}
    return fmt.sentence(t(key, lang, country=country, missions=said, **values))


def outgoing_sentences(missions: list[Mission], lang: str) -> list[str]:
    """Outgoing missions per country, the country with the most first."""
    return [outgoing_sentence(code, group, lang) for code, group in _by_country(missions, "outgoing")]


def narrative(table: KPITable, activities: pd.DataFrame, lang: str) -> Narrative:
    """The report's generated text for the table's year and as-of date, from the same data as the table."""
    missions = mission_records(year_missions(activities, table.year, table.as_of))
    results = [s for s in (verdict_sentence(table, lang), visits_sentence(table, lang)) if s]
    told = missions_sentences(missions, lang) + incoming_sentences(missions, lang)
    return Narrative(tuple(results), tuple(told), tuple(outgoing_sentences(missions, lang)))
