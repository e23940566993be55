"""Change since the last board pack: the Overview compares with the pack's own data version at its as-of date."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from kpi.access import local_actor
from kpi.i18n import t
from kpi.registry import get_kpi
from kpi.schema import Activities as A
from kpi.store import FolderStore
from tests.conftest import ROOT
from tests.html_tables import html_tables

OVERVIEW = "pages/overview.py"

ADMIN = local_actor()


def _pack_then_fewer_missions(root) -> FolderStore:
    """v1: the demo data, a board pack recorded on it as of 30 Sep 2018; v2: missions M18-05 (Feb) and M18-16 (Dec)
    removed."""
    store = FolderStore(root)
    store.seed_demo()
    store.record_board_pack(1, dt.date(2018, 9, 30), 2018, "nl", ADMIN)
    activities = store.load(1).activities
    fewer = activities[~activities[A.activity_id].isin(["M18-05", "M18-16"])]
    store.save(1, activities=fewer, action="edit", description="two missions removed", actor=ADMIN)
    return store


def _run(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(OVERVIEW).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning).replace("\\", "")


def _card_lines(at: AppTest) -> list[str]:
    """Every line of the KPI cards' captions, as the reader sees them (Markdown escapes removed)."""
    return [line.strip() for c in at.caption for line in c.value.replace("\\", "").split("\n")]


def _change(at, kpi: str, lang: str = "nl") -> str:
    """The change column of the Overview's progress table for one KPI."""
    frame = html_tables(at)[-1]  # the progress table is the page's last (static) table
    row = frame[frame[t("table.kpi", lang)] == get_kpi(kpi).short(lang)]
    return str(row.iloc[0, -1])


def test_overview_compares_with_the_last_board_pack_on_its_own_version(isolated_store):
    """since=pack: 2018 on v2 has 14 missions (124 - 11 - 10 = 103 companies); the pack saw, on v1 up to 30 Sep,
    10 missions (82 companies): +4 and +21. On v2 itself up to 30 Sep (9 missions, 82 - 11 = 71 companies) it would be +5 and +32."""
    _pack_then_fewer_missions(isolated_store)
    at = _run(year="2018", since="pack")
    choice = at.selectbox(key="overview.since")
    assert choice.value == "pack" and not _warnings(at)
    assert "laatste bestuurspakket (stand op 30 september 2018, versie 1)" in choice.options
    assert _change(at, "missions") == "+4"
    assert _change(at, "mission_companies") == "+21"
    # The cards and the table's change column name the board pack, not only its date; partner scans: 4 by 30 Sep
    # (the target's minimum: achieved), 7 now (above it: exceeded), so that card also names the status then.
    lines = _card_lines(at)
    assert "Sinds het bestuurspakket van 30 september 2018: +4" in lines
    assert "Sinds het bestuurspakket van 30 september 2018: +3 (was Behaald)" in lines
    assert html_tables(at)[-1].columns[-1] == "Sinds het bestuurspakket van 30 september 2018"
    quarter = _run(year="2018")  # default: the end of the previous quarter, on v2's own data
    assert _change(quarter, "missions") == "+5" and _change(quarter, "mission_companies") == "+32"
    lines = _card_lines(quarter)  # the same date, but no pack: the date alone
    assert "Sinds 30 september 2018: +5" in lines and not any("bestuurspakket" in line for line in lines)
    assert html_tables(quarter)[-1].columns[-1] == "Sinds 30 september 2018"


def test_the_pack_reference_is_named_in_english(isolated_store):
    """In English the cards say 'Since the board pack of 30 September 2018' (dates per locale)."""
    _pack_then_fewer_missions(isolated_store)
    at = _run(lang="en", year="2018", since="pack")
    lines = _card_lines(at)
    assert "Since the board pack of 30 September 2018: +4" in lines
    assert "Since the board pack of 30 September 2018: +3 (was Achieved)" in lines
    assert html_tables(at)[-1].columns[-1] == "Since the board pack of 30 September 2018"


def test_without_a_recorded_pack_the_option_is_absent_and_a_link_is_named(isolated_store):
    """No pack recorded: 'pack' is not offered, and since=pack in a link gets the ignored-value notice."""
    FolderStore(isolated_store).seed_demo()
    at = _run(lang="en", year="2018", since="pack")
    assert "pack" not in at.selectbox(key="overview.since").options
    assert "since = `pack`" in _warnings(at)
    assert "since" not in at.query_params


def test_a_pack_after_the_as_of_date_is_not_offered(isolated_store):
    """A pack as of 30 Sep 2018 is no reference for the Overview as of 30 June 2018 (it lies after it)."""
    _pack_then_fewer_missions(isolated_store)
    at = _run(year="2018", asof="2018-06-30")
    assert "pack" not in at.selectbox(key="overview.since").options


def test_an_unreadable_pack_version_falls_back_with_a_notice(isolated_store):
    """When the pack's version cannot be read, since=pack is named in a notice and the quarter's end is used."""
    store = _pack_then_fewer_missions(isolated_store)
    (store.version_path(1) / "activities.parquet").write_bytes(b"not parquet")  # as a failing disk would leave it
    at = _run(lang="en", year="2018", since="pack")
    assert "since = `pack`" in _warnings(at)
    assert at.selectbox(key="overview.since").value == "quarter"
    assert _change(at, "missions", "en") == "+5"  # v2: 14 missions, 9 by 30 Sep
