"""Build the demo data in data/: an illustrative reconstruction of the 2018 annual report.

The report publishes totals only; this script spreads them over plausible activities so that
the KPI engine reproduces the report's table exactly. Deterministic: same output every run.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
NOTE = "demo: illustrative reconstruction from the published totals of the 2018 annual report"
FIELDS = [
    "activity_id",
    "date",
    "activity_type",
    "title",
    "direction",
    "role",
    "country",
    "region",
    "city",
    "theme",
    "companies",
    "foreign_companies",
    "matchmaking_meetings",
    "source",
]
THEMES = ["Smart Manufacturing", "Smart & Green Mobility", "3D Printing", "Agrifood", "Life Sciences & Health"]

# id, date, title, direction, role, country, region, city, theme, companies, foreign companies, matchmaking
MISSIONS = [
    (
        "M17-01",
        "2017-03-14",
        "Inkomende Smart Manufacturing-missie uit Jiangsu",
        "incoming",
        "lead",
        "CN",
        "Jiangsu",
        "Suzhou",
        "Smart Manufacturing",
        12,
        15,
        70,
    ),
    (
        "M17-02",
        "2017-04-04",
        "Smart Manufacturing-missie München",
        "outgoing",
        "lead",
        "DE",
        "Bavaria",
        "Munich",
        "Smart Manufacturing",
        10,
        None,
        62,
    ),
    (
        "M17-03",
        "2017-05-16",
        "3D Printing-missie Aken",
        "outgoing",
        "partner",
        "DE",
        "North Rhine-Westphalia",
        "Aachen",
        "3D Printing",
        8,
        None,
        45,
    ),
    (
        "M17-04",
        "2017-06-13",
        "Inkomende mobiliteitsmissie uit Nedersaksen",
        "incoming",
        "partner",
        "DE",
        "Lower Saxony",
        "Hanover",
        "Smart & Green Mobility",
        9,
        10,
        48,
    ),
    (
        "M17-05",
        "2017-09-19",
        "Missie naar Chicago",
        "outgoing",
        "partner",
        "US",
        "Illinois",
        "Chicago",
        "Smart Manufacturing",
        7,
        None,
        35,
    ),
    (
        "M17-06",
        "2017-10-10",
        "Inkomende Agrifood-missie uit Zhejiang",
        "incoming",
        "partner",
        "CN",
        "Zhejiang",
        "Hangzhou",
        "Agrifood",
        9,
        11,
        44,
    ),
    (
        "M17-07",
        "2017-11-14",
        "Smart & Green Mobility-missie Neurenberg",
        "outgoing",
        "lead",
        "DE",
        "Bavaria",
        "Nuremberg",
        "Smart & Green Mobility",
        10,
        None,
        50,
    ),
    (
        "M17-08",
        "2017-11-28",
        "Agrifood-missie Vlaanderen",
        "outgoing",
        "partner",
        "BE",
        "Flanders",
        "Ghent",
        "Agrifood",
        8,
        None,
        30,
    ),
    (
        "M18-01",
        "2018-03-12",
        "Inkomende Smart Manufacturing-missie uit China",
        "incoming",
        "lead",
        "CN",
        "Jiangsu",
        "Suzhou",
        "Smart Manufacturing",
        16,
        19,
        36,
    ),
    (
        "M18-02",
        "2018-05-22",
        "Inkomende Agrifood-missie uit Shandong",
        "incoming",
        "partner",
        "CN",
        "Shandong",
        "Qingdao",
        "Agrifood",
        9,
        12,
        18,
    ),
    (
        "M18-03",
        "2018-11-06",
        "Inkomende Smart & Green Mobility-missie uit Guangdong",
        "incoming",
        "lead",
        "CN",
        "Guangdong",
        "Shenzhen",
        "Smart & Green Mobility",
        8,
        14,
        16,
    ),
    (
        "M18-04",
        "2018-06-04",
        "Smart Manufacturing-missie Shanghai",
        "outgoing",
        "partner",
        "CN",
        "Shanghai",
        "Shanghai",
        "Smart Manufacturing",
        4,
        None,
        9,
    ),
    (
        "M18-05",
        "2018-02-26",
        "Smart Manufacturing-missie Beieren",
        "outgoing",
        "lead",
        "DE",
        "Bavaria",
        "Munich",
        "Smart Manufacturing",
        11,
        None,
        16,
    ),
    (
        "M18-06",
        "2018-04-17",
        "Smart & Green Mobility-missie Beieren",
        "outgoing",
        "lead",
        "DE",
        "Bavaria",
        "Ingolstadt",
        "Smart & Green Mobility",
        8,
        None,
        14,
    ),
    (
        "M18-07",
        "2018-11-13",
        "3D Printing-missie Beieren",
        "outgoing",
        "lead",
        "DE",
        "Bavaria",
        "Erlangen",
        "3D Printing",
        7,
        None,
        12,
    ),
    (
        "M18-08",
        "2018-09-25",
        "Missie naar Thüringen",
        "outgoing",
        "partner",
        "DE",
        "Thuringia",
        "Jena",
        "Smart Manufacturing",
        6,
        None,
        11,
    ),
    (
        "M18-09",
        "2018-10-09",
        "Missie naar Stuttgart",
        "outgoing",
        "partner",
        "DE",
        "Baden-Württemberg",
        "Stuttgart",
        "Smart & Green Mobility",
        7,
        None,
        13,
    ),
    (
        "M18-10",
        "2018-03-27",
        "Inkomende missie uit Noordrijn-Westfalen",
        "incoming",
        "partner",
        "DE",
        "North Rhine-Westphalia",
        "Düsseldorf",
        "Smart Manufacturing",
        9,
        8,
        15,
    ),
    (
        "M18-11",
        "2018-06-20",
        "SelectUSA Investment Summit",
        "outgoing",
        "partner",
        "US",
        "Maryland",
        "National Harbor",
        "Trade & Investment",
        3,
        None,
        6,
    ),
    (
        "M18-12",
        "2018-10-15",
        "Bestuurlijke missie Chicago en St. Louis",
        "outgoing",
        "lead",
        "US",
        "Illinois",
        "Chicago",
        "Trade & Investment",
        5,
        None,
        4,
    ),
    (
        "M18-13",
        "2018-09-10",
        "IMTS-beursmissie Chicago",
        "outgoing",
        "lead",
        "US",
        "Illinois",
        "Chicago",
        "Smart Manufacturing",
        10,
        None,
        12,
    ),
    (
        "M18-14",
        "2018-05-15",
        "Inkomende mobiliteitsmissie uit Vlaanderen",
        "incoming",
        "partner",
        "BE",
        "Flanders",
        "Antwerp",
        "Smart & Green Mobility",
        6,
        7,
        10,
    ),
    (
        "M18-15",
        "2018-10-23",
        "3D Printing-missie Birmingham",
        "outgoing",
        "partner",
        "GB",
        "England",
        "Birmingham",
        "3D Printing",
        5,
        None,
        4,
    ),
    (
        "M18-16",
        "2018-12-04",
        "Inkomende Smart Manufacturing-missie uit Japan",
        "incoming",
        "partner",
        "JP",
        "Kanagawa",
        "Yokohama",
        "Smart Manufacturing",
        10,
        9,
        7,
    ),
]
INFO_TOPICS = [
    "Zakendoen in Duitsland",
    "Zakendoen in China",
    "Exporteren naar de VS",
    "Internationaal ondernemen: financiering",
    "Brexit: wat betekent het voor uw bedrijf?",
    "Zakendoen in Japan",
    "Internationale beurzen",
]
# year -> (info meetings, matchmaking at info meetings, company visits, services, partner scans)
COUNTS = {2017: (8, 10, 20, 11, 2), 2018: (19, 8, 119, 68, 7)}
SCAN_COUNTRIES = ["DE", "US", "CN", "DE", "BE", "GB", "DE"]


def _days(rng: random.Random, year: int, n: int, start_month: int = 1) -> list[str]:
    first = dt.date(year, start_month, 1).toordinal()
    last = dt.date(year, 12, 20).toordinal()
    picks = sorted(rng.randint(first, last) for _ in range(n))
    return [d.isoformat() for d in map(dt.date.fromordinal, picks)]


def _row(**values: object) -> dict[str, object]:
    row = {f: "" for f in FIELDS}
    row.update({k: ("" if v is None else v) for k, v in values.items()})
    row["source"] = NOTE
    return row


def activities() -> list[dict[str, object]]:
    """All demo activities, missions first, then per year the other types."""
    rng = random.Random(2018)
    rows = [
        _row(
            activity_id=m[0],
            date=m[1],
            activity_type="mission",
            title=m[2],
            direction=m[3],
            role=m[4],
            country=m[5],
            region=m[6],
            city=m[7],
            theme=m[8],
            companies=m[9],
            foreign_companies=m[10],
            matchmaking_meetings=m[11],
        )
        for m in MISSIONS
    ]
    for year, (infos, info_mm, visits, services, scans) in COUNTS.items():
        yy = year % 100
        for i, day in enumerate(_days(rng, year, infos), 1):
            matchmaking = info_mm if i == 3 else 0
            title = INFO_TOPICS[(i - 1) % len(INFO_TOPICS)] + (" (met matchmaking)" if matchmaking else "")
            rows.append(
                _row(
                    activity_id=f"IB{yy}-{i:02d}",
                    date=day,
                    activity_type="info_meeting",
                    title=title,
                    country="NL",
                    theme=THEMES[i % len(THEMES)],
                    companies=rng.randint(8, 30),
                    matchmaking_meetings=matchmaking,
                )
            )
        visit_rows = []
        for i, day in enumerate(_days(rng, year, visits), 1):
            visit_rows.append(
                _row(
                    activity_id=f"BB{yy}-{i:03d}",
                    date=day,
                    activity_type="company_visit",
                    title="Bedrijfsbezoek",
                    country="NL",
                    theme=rng.choice(THEMES),
                    companies=1,
                )
            )
        rows += visit_rows
        for i, visit in enumerate(rng.sample(visit_rows, services), 1):
            day = min(
                dt.date.fromisoformat(visit["date"]) + dt.timedelta(days=rng.randint(3, 30)), dt.date(year, 12, 31)
            )
            rows.append(
                _row(
                    activity_id=f"SV{yy}-{i:03d}",
                    date=day.isoformat(),
                    activity_type="service",
                    title=f"Service na bezoek {visit['activity_id']}",
                    country="NL",
                    theme=visit["theme"],
                )
            )
        for i, day in enumerate(_days(rng, year, scans, 2), 1):
            rows.append(
                _row(
                    activity_id=f"ZS{yy}-{i:02d}",
                    date=day,
                    activity_type="partner_scan",
                    title="Zakenpartner Scan",
                    country=SCAN_COUNTRIES[i - 1],
                    theme=rng.choice(THEMES),
                )
            )
    return sorted(rows, key=lambda r: (r["date"], r["activity_id"]))


TARGETS = [
    ("missions", "MJP 2017-2020", 2017, 2020, 24, 32),
    ("info_meetings", "MJP 2017-2020", 2017, 2020, 12, 16),
    ("mission_companies", "MJP 2017-2020", 2017, 2020, 240, None),
    ("matchmaking_meetings", "MJP 2017-2020", 2017, 2020, 1200, None),
    ("company_visits", "MJP 2017-2020", 2017, 2020, None, None),
    ("partner_scans", "MJP 2017-2020", 2017, 2020, None, None),
    ("missions", "AP 2018", 2018, 2018, 6, 8),
    ("info_meetings", "AP 2018", 2018, 2018, 3, 4),
    ("mission_companies", "AP 2018", 2018, 2018, 60, None),
    ("matchmaking_meetings", "AP 2018", 2018, 2018, 300, None),
    ("company_visits", "AP 2018", 2018, 2018, 30, None),
    ("partner_scans", "AP 2018", 2018, 2018, 4, None),
]


def main() -> None:
    """Write data/activities.csv and data/targets.csv."""
    with open(DATA / "activities.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, FIELDS)
        writer.writeheader()
        writer.writerows(activities())
    with open(DATA / "targets.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["kpi", "plan", "start_year", "end_year", "target_min", "target_max", "source"])
        for row in TARGETS:
            writer.writerow([("" if v is None else v) for v in row] + ["annual report 2018, KPI table"])


if __name__ == "__main__":
    main()
