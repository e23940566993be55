"""The board pack's change column compares with the last earlier recorded pack; the Board page records what it
builds; every plan year can be chosen for the pack, also one without data."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from kpi.access import local_actor
from kpi.boardpack import describe_snapshot
from kpi.boardpack.spec import Kind
from kpi.reference import pack_reference
from kpi.schema import Activities as A
from kpi.store import FolderStore
from tests.conftest import ROOT

ADMIN = local_actor()


def _page(script: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _scorecard(pack):
    return next(p for p in pack.pages if p.kind is Kind.SCORECARD)


def test_pack_compares_with_the_last_earlier_pack_on_its_version(isolated_store):
    """v1 recorded as of 30 Sep 2018 (10 missions then); v2 drops mission M18-05 (Feb): the year-end pack on v2
    shows 15 missions, +5 since that pack, and says so; the 30 Sep pack itself compares with 30 June (+2)."""
    store = FolderStore(isolated_store)
    store.seed_demo()
    store.record_board_pack(1, dt.date(2018, 9, 30), 2018, "nl", ADMIN)
    activities = store.load(1).activities
    store.save(
        1, activities=activities[activities[A.activity_id] != "M18-05"], action="edit", description="-1", actor=ADMIN
    )
    reference = pack_reference(store, dt.date(2018, 12, 31))
    assert (reference.as_of, reference.version, reference.pack) == (dt.date(2018, 9, 30), 1, 1)
    page = _scorecard(describe_snapshot(store.load(), 2018, lang="en", reference=reference))
    assert page.headers[-1] == "Change since 30/09/2018"
    assert (
        page.subtitle
        == "As of 31 December 2018 · change since the last board pack (as of 30 September 2018, version 1)"
    )
    assert page.rows[0][:2] == ("Trade missions", "15") and page.rows[0][-1] == "+5"
    same = pack_reference(store, dt.date(2018, 9, 30))  # the recorded pack is not earlier than itself
    assert (same.as_of, same.version, same.pack) == (dt.date(2018, 6, 30), None, None)
    page = _scorecard(describe_snapshot(store.load(), 2018, dt.date(2018, 9, 30), "nl", reference=same))
    assert page.subtitle.endswith("verschil sinds het einde van het vorige kwartaal (30 juni 2018)")
    assert page.rows[0][1] == "9" and page.rows[0][-1] == "+2"  # v2: 9 missions by 30 Sep, 7 by 30 June


def test_board_page_records_the_pack_it_builds(isolated_store):
    """Building on the Board page records the pack (version, as-of, year, pack language, who) and says so."""
    at = _page("pages/board.py", year="2018", asof="2018-09-30")
    assert FolderStore(isolated_store).board_packs() == []
    at.button(key="board.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (record,) = FolderStore(isolated_store).board_packs()
    assert (record.version, record.as_of, record.year, record.lang, record.user) == (
        1,
        dt.date(2018, 9, 30),
        2018,
        "nl",
        "lokaal",
    )
    assert any(
        "Vastgelegd als bestuurspakket nr. 1 (stand op 30 september 2018, versie 1)" in s.value for s in at.success
    )


def test_a_plan_year_without_data_builds_a_pack(isolated_store):
    """?year=2019 (plan year, no data) is offered on the Board and Presentation pages; the pack shows 0 realised
    and the plan's expected value, and never asks to widen the filters."""
    at = _page("pages/board.py", year="2019")
    assert at.selectbox(key="board.year").value == 2019 and at.query_params["year"] == "2019"
    texts = " ".join(str(e.value) for kind in ("warning", "info", "error") for e in getattr(at, kind))
    assert "Verruim" not in texts and "widen" not in texts
    assert not at.warning  # nor a notice about mission years nobody put in the link
    assert [tab.label for tab in at.tabs][:2] == ["1. KPI-rapportage 2019", "2. Scorekaart 2019"]
    pack = describe_snapshot(FolderStore(isolated_store).load(), 2019, lang="nl")
    missions = pack.rows[0]
    assert (missions.realized, missions.cumulative, missions.plan_expected) == (0, 24, 18.0)  # 24-32 over 4 years
    words = " ".join([*(p.notes for p in pack.pages), *(line for p in pack.pages for line in p.lines)])
    assert "Verruim" not in words
    present = _page("pages/presentation.py", year="2019")
    assert present.selectbox(key="present.year").value == 2019


def test_an_unreadable_pack_version_is_passed_over_and_the_scorecard_says_so(isolated_store):
    """A recorded pack whose version cannot be read: the pack compares with the quarter's end and says that."""
    store = FolderStore(isolated_store)
    store.seed_demo()
    store.record_board_pack(1, dt.date(2018, 9, 30), 2018, "nl", ADMIN)
    activities = store.load(1).activities
    store.save(1, activities=activities.iloc[:-1], action="edit", description="-1", actor=ADMIN)
    (store.version_path(1) / "activities.parquet").write_bytes(b"not parquet")
    reference = pack_reference(store, dt.date(2018, 12, 31))
    assert (reference.as_of, reference.pack) == (dt.date(2018, 9, 30), None)
    page = _scorecard(describe_snapshot(store.load(), 2018, lang="en", reference=reference))
    assert page.subtitle.endswith("change since the end of the previous quarter (30 September 2018)")
