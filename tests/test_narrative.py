"""The annual report's sentences, each a hand-worked literal: the demo data (2018) and a second data set (2021)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi import narrative as nv
from kpi.engine import kpi_table
from kpi.i18n import t
from kpi.load import load_activities, load_targets
from kpi.narrative import narrative, predicate, status_phrase, verdict_sentence
from kpi.targets import GOOD_STATUSES, STATUSES
from tests.annual_data import TARGETS_CSV, write_second_data

DEMO_2018 = {
    "nl": (
        (
            "In 2018 zijn nagenoeg alle KPI's ruim behaald, behalve het aantal matchmakingsgesprekken.",
            "In totaal hebben we 119 bedrijfsbezoeken afgelegd, waar 68 geregistreerde services uit zijn voortgekomen.",
        ),
        (
            "Wij hebben in totaal 16 uitgaande en inkomende missies georganiseerd als lead-partner of partner.",
            "Daarvan waren er 10 uitgaand en 6 inkomend.",
            "Bij 7 waren wij lead-partner, bij 9 partner.",
            "Vanuit China hebben wij drie missies ontvangen, waaronder een Smart Manufacturing-missie met 19 "
            "deelnemende Chinese bedrijven.",
            "Vanuit Duitsland hebben wij één missie ontvangen: een Smart Manufacturing-missie met 8 deelnemende "
            "Duitse bedrijven.",
            "Vanuit België hebben wij één missie ontvangen: een Smart & Green Mobility-missie met 7 deelnemende "
            "Belgische bedrijven.",
            "Vanuit Japan hebben wij één missie ontvangen: een Smart Manufacturing-missie met 9 deelnemende "
            "Japanse bedrijven.",
        ),
        (
            "Naar Duitsland hebben wij vijf uitgaande missies georganiseerd: naar Beieren (Smart Manufacturing, "
            "Smart & Green Mobility en 3D Printing), Thüringen (Smart Manufacturing) en Baden-Württemberg "
            "(Smart & Green Mobility).",
            "Naar de Verenigde Staten hebben wij drie uitgaande missies georganiseerd: naar Illinois (Smart "
            "Manufacturing en Trade & Investment) en Maryland (Trade & Investment).",
            "Naar China hebben wij één uitgaande missie georganiseerd: naar Shanghai (Smart Manufacturing).",
            "Naar het Verenigd Koninkrijk hebben wij één uitgaande missie georganiseerd: naar Engeland (3D Printing).",
        ),
    ),
    "en": (
        (
            "In 2018 nearly all KPIs were amply achieved, except the number of matchmaking conversations.",
            "In total we made 119 company visits, which led to 68 registered services.",
        ),
        (
            "In total we organised 16 outgoing and incoming missions as lead partner or partner.",
            "Of these, 10 were outgoing and 6 incoming.",
            "We were lead partner in 7 and partner in 9.",
            "From China we received three missions, among them a Smart Manufacturing mission with 19 participating "
            "Chinese companies.",
            "From Germany we received one mission: a Smart Manufacturing mission with 8 participating German companies.",
            "From Belgium we received one mission: a Smart & Green Mobility mission with 7 participating Belgian "
            "companies.",
            "From Japan we received one mission: a Smart Manufacturing mission with 9 participating Japanese "
            "companies.",
        ),
        (
            "To Germany we organised five outgoing missions: to Bavaria (Smart Manufacturing, Smart & Green Mobility "
            "and 3D Printing), Thuringia (Smart Manufacturing) and Baden-Württemberg (Smart & Green Mobility).",
            "To the United States we organised three outgoing missions: to Illinois (Smart Manufacturing and Trade & "
            "Investment) and Maryland (Trade & Investment).",
            "To China we organised one outgoing mission: to Shanghai (Smart Manufacturing).",
            "To the United Kingdom we organised one outgoing mission: to England (3D Printing).",
        ),
    ),
}

SECOND_2021 = {
    "nl": (
        (
            "In 2021 is het jaardoel behaald voor twee van de vijf KPI's: het aantal handelsmissies en het aantal "
            "informatiebijeenkomsten.",
            "In totaal hebben we 3 bedrijfsbezoeken afgelegd, waar 1 geregistreerde service uit is voortgekomen.",
        ),
        (
            "Wij hebben in totaal 8 uitgaande en inkomende missies georganiseerd als lead-partner of partner.",
            "Daarvan waren er 4 uitgaand en 4 inkomend.",
            "Bij 4 waren wij lead-partner, bij 4 partner.",
            "Vanuit Frankrijk hebben wij twee missies ontvangen, waaronder een Agrifood-missie met 11 deelnemende "
            "Franse bedrijven.",
            "Vanuit Zuid-Korea hebben wij één missie ontvangen.",
            "Vanuit IJsland hebben wij één missie ontvangen: een Energy-missie met 4 deelnemende bedrijven uit IJsland.",
        ),
        (
            "Naar India hebben wij drie uitgaande missies georganiseerd: naar Karnataka (Life Sciences en Agrifood) "
            "en Maharashtra (Agrifood).",
            "Naar Polen hebben wij één uitgaande missie georganiseerd, rondom Energy.",
        ),
    ),
    "en": (
        (
            "In 2021 the annual target was achieved for two of the five KPIs: the number of trade missions and the "
            "number of information meetings.",
            "In total we made 3 company visits, which led to 1 registered service.",
        ),
        (
            "In total we organised 8 outgoing and incoming missions as lead partner or partner.",
            "Of these, 4 were outgoing and 4 incoming.",
            "We were lead partner in 4 and partner in 4.",
            "From France we received two missions, among them an Agrifood mission with 11 participating French "
            "companies.",
            "From South Korea we received one mission.",
            "From Iceland we received one mission: an Energy mission with 4 participating companies from Iceland.",
        ),
        (
            "To India we organised three outgoing missions: to Karnataka (Life Sciences and Agrifood) and Maharashtra "
            "(Agrifood).",
            "To Poland we organised one outgoing mission, on Energy.",
        ),
    ),
}


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The second data set, read from its CSV files like an import."""
    activities, targets = write_second_data(tmp_path_factory.mktemp("second"))
    return load_activities(activities), load_targets(targets)


def _sentences(activities, targets, year: int, lang: str, as_of: dt.date | None = None):
    told = narrative(kpi_table(activities, targets, year, as_of, lang), activities, lang)
    return told.results, told.missions, told.outgoing


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_demo_sentences(demo_activities, demo_targets, lang):
    """Every sentence for the demo data's 2018 equals the literal worked out from the report and the data."""
    assert _sentences(demo_activities, demo_targets, 2018, lang) == DEMO_2018[lang]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_second_data_set_sentences(second, lang):
    """Other countries (no adjective, no foreign companies, no region), a KPI without a target, one service."""
    activities, targets = second
    assert _sentences(activities, targets, 2021, lang) == SECOND_2021[lang]


def test_the_second_data_sets_table_has_a_kpi_without_a_target(second):
    """Matchmaking has no row in AP 2021: no target, and the verdict does not count it (five KPIs, not six)."""
    activities, targets = second
    table = kpi_table(activities, targets, 2021)
    assert table.row("matchmaking_meetings").annual_status == "no_target"
    assert sum(r.annual_status != "no_target" for r in table) == 5


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_year_without_facts_has_no_sentences(second, lang):
    """2022 lies in the plan but has no activities and no annual plan: every sentence is left out, none says 0."""
    activities, targets = second
    assert _sentences(activities, targets, 2022, lang) == ((), (), ())


def test_mid_year_verdict_uses_the_running_periods_statuses(demo_activities, demo_targets):
    """At 30 June 2018 the statuses are those of a running year: achieved or on track, matchmaking not."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30), "nl")
    assert table.row("matchmaking_meetings").annual_status not in GOOD_STATUSES
    assert verdict_sentence(table, "nl") == (
        "Tot en met 30 juni 2018 zijn nagenoeg alle KPI's behaald of op koers, behalve het aantal "
        "matchmakingsgesprekken."
    )
    assert verdict_sentence(table, "en") == (
        "Up to 30 June 2018 nearly all KPIs are achieved or on track, except the number of matchmaking conversations."
    )


def _targets_with(rows: str, tmp_path) -> pd.DataFrame:
    path = tmp_path / "targets.csv"
    path.write_text("kpi,plan,start_year,end_year,target_min,target_max\n" + rows, encoding="utf-8")
    return load_targets(path)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            "missions,AP 2021,2021,2021,6,\ninfo_meetings,AP 2021,2021,2021,1,\n",
            "In 2021 zijn alle KPI's met een jaardoel ruim behaald.",
            id="all-exceeded",
        ),
        pytest.param(
            "missions,AP 2021,2021,2021,8,\ninfo_meetings,AP 2021,2021,2021,1,\n",
            "In 2021 zijn alle KPI's met een jaardoel behaald.",
            id="all-achieved-one-at-its-minimum",
        ),
        pytest.param(
            "missions,AP 2021,2021,2021,8,\ninfo_meetings,AP 2021,2021,2021,2,\nservices,AP 2021,2021,2021,5,\n",
            "In 2021 zijn de meeste KPI's behaald, behalve het aantal geregistreerde services.",
            id="most-two-of-three",
        ),
        pytest.param(
            "missions,AP 2021,2021,2021,9,\ninfo_meetings,AP 2021,2021,2021,3,\n",
            "In 2021 is voor geen van de KPI's met een jaardoel het doel behaald.",
            id="none",
        ),
    ],
)
def test_verdict_kinds(second, tmp_path, rows, expected):
    """All (exceeded; achieved), most (2 of 3), none: each verdict kind worked out by hand from 8 missions, 2 info."""
    activities, _ = second
    table = kpi_table(activities, _targets_with(rows, tmp_path), 2021, lang="nl")
    assert verdict_sentence(table, "nl") == expected


def test_every_declared_status_has_a_phrase():
    """Each status of kpi.targets.STATUSES reads as words in both languages (a status added later reads its label)."""
    for status in STATUSES:
        for lang in ("nl", "en"):
            assert status_phrase(status, lang).strip()
    assert status_phrase("achieved", "nl") == "behaald"
    assert status_phrase("at_risk", "nl") == t("status.at_risk", "nl").lower() == "risico"


def test_predicate_joins_good_statuses_in_declared_order():
    """Exceeded and achieved read 'behaald'; on track joins with 'of'; order follows STATUSES, not the input."""
    assert predicate(["exceeded"], "nl") == "ruim behaald"
    assert predicate(["exceeded", "achieved"], "nl") == "behaald"
    assert predicate(["on_track", "exceeded"], "en") == "amply achieved or on track"


def test_the_text_never_contradicts_the_table(demo_activities, demo_targets):
    """Invariants: every KPI named as an exception is not in a good status; the counts equal the table's."""
    table = kpi_table(demo_activities, demo_targets, 2018, lang="nl")
    verdict = verdict_sentence(table, "nl")
    for row in table:
        named = nv.kpi_phrase(row, "nl") in verdict.split("behalve", 1)[1]
        assert named == (row.annual_status not in GOOD_STATUSES | {"no_target"}), row.key
    told = narrative(table, demo_activities, "nl")
    assert f" {table.row('missions').realized} uitgaande en inkomende" in told.missions[0]
    assert f"{table.row('company_visits').realized} bedrijfsbezoeken" in told.results[1]
    assert f"{table.row('services').realized} geregistreerde services" in told.results[1]


def test_second_data_set_targets_are_the_documented_ones():
    """The second data set's targets file holds the plans the docstring describes (guards the literals above)."""
    assert TARGETS_CSV.count("AP 2021") == 5 and "matchmaking" not in TARGETS_CSV
