"""The Data page driven with AppTest: upload, error table, preview, confirm, history, roll-back, the activity form,\ncommentary."""

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from kpi.access import local_actor
from kpi.i18n import t
from kpi.registry import KPI_KEYS
from kpi.store import FolderStore, StoreError, open_store
from tests.conftest import ROOT

HEADER = "activity_id;date;activity_type;title;direction;role;country;companies\n"


@pytest.fixture()
def page(isolated_store):
    """The Data page in English, run once on a fresh store."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("pages/data_management.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at, name, text):
    at.file_uploader(key="data.upload").set_value((name, text.encode("utf-8"), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def _frames(at):
    return [d.value for d in at.dataframe]


def test_bad_upload_shows_every_problem_and_saves_nothing(page):
    """A bad file shows one table with each problem (row, column, value, what to do) and no confirm button."""
    _upload(page, "bad.csv", HEADER + "N1;31-02-2018;mission;x;;lead;DE;1\nN2;2018-01-02;party;y;;;NL;-1\n")
    assert page.error[0].value.startswith("The file bad.csv was not read: 4 problem(s) found.")
    problems = _frames(page)[0]
    assert list(problems.columns) == ["Kind", "Row", "Column", "Value", "What is wrong", "What to do"]
    assert set(zip(problems["Row"], problems["Column"], problems["Value"])) == {
        (2, "date", "31-02-2018"),
        (2, "direction", ""),
        (3, "activity_type", "party"),
        (3, "companies", "-1"),
    }
    assert not [b for b in page.button if b.key == "data.import.confirm"]
    assert open_store().current_version() == 1


def test_preview_then_confirm_saves_a_version_the_dashboard_reads(page):
    """A good file shows added and changed rows (changed columns named); confirming saves v2 and the page shows it."""
    current = open_store().load().activities
    first = current.iloc[0]
    changed = (
        f"{first['activity_id']};{first['date']:%Y-%m-%d};{first['activity_type']};New title;;;NL;"
        f"{first['companies']}\n"
    )
    _upload(page, "new.csv", HEADER + changed + "NEW-1;2018-07-01;service;Extra;;;NL;2\n")
    assert [m.value for m in page.metric] == ["1", "1", "0", str(len(current) - 1)]
    changed_rows = next(f for f in _frames(page) if "Changed columns" in getattr(f, "columns", []))
    assert changed_rows["Changed columns"].tolist() == ["title"]
    assert open_store().current_version() == 1  # nothing written before confirming
    page.button(key="data.import.confirm").click().run()
    assert not page.exception
    assert open_store().current_version() == 2
    assert page.success[0].value == t("data.saved", "en", version="v2")
    assert "Current version: v2" in page.caption[0].value
    saved = open_store().load().activities.set_index("activity_id")
    assert saved.loc[first["activity_id"], "title"] == "New title" and "NEW-1" in saved.index


def test_history_and_rollback(page):
    """After an import, the history lists both versions; rolling back to v1 creates v3 with v1's data."""
    _upload(page, "one.csv", HEADER + "ONE-1;2018-07-01;service;Extra;;;NL;2\n")
    page.radio(key="data.mode").set_value("replace").run()
    page.button(key="data.import.confirm").click().run()
    assert open_store().load().manifest.rows["activities"] == 1
    history = next(f for f in _frames(page) if "Version" in getattr(f, "columns", []))
    assert history["Version"].tolist() == ["v2 (current)", "v1"]
    page.selectbox(key="data.history.pick").set_value("v1").run()
    page.button(key="data.history.version.rollback").click().run()
    assert "Make version 1 current again? A new version is added; nothing is lost." in [w.value for w in page.warning]
    assert open_store().current_version() == 2  # asked, nothing saved yet
    page.button(key="data.history.version.rollback_yes").click().run()
    assert not page.exception
    store = open_store()
    assert store.current_version() == 3 and store.manifest(3).action == "rollback"
    pd.testing.assert_frame_equal(store.load().activities, store.load(1).activities)


def _correct(at, activity_id):
    """Choose "correct" in the activity form and pick `activity_id`; return the form's key."""
    at.radio(key="act.mode").set_value("correct").run()
    at.selectbox(key="act.1.correct.pick").set_value(activity_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return f"act.1.correct.{activity_id}"


def test_edit_one_activity(page):
    """Correcting one activity's count in the form saves a new version; a change the rules refuse (a company visit
    made a mission without its fields) shows its problems beside the fields, offers no save and changes nothing."""
    key = _correct(page, "BB17-001")
    page.selectbox(key=f"{key}.type").set_value("mission").run()
    assert "3 problem(s): correct the marked fields. Nothing was saved." in [w.value for w in page.warning]
    assert not [b for b in page.button if b.key == f"{key}.save"]
    assert open_store().current_version() == 1
    page.selectbox(key=f"{key}.type").set_value("company_visit").run()
    page.number_input(key=f"{key}.companies").set_value(9).run()
    page.button(key=f"{key}.save").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert open_store().current_version() == 2 and page.success[0].value == t("data.saved", "en", version="v2")
    saved = open_store().load().activities.set_index("activity_id")
    assert saved.loc["BB17-001", "companies"] == 9 and len(saved) == len(open_store().load(1).activities)


def test_commentary_saved_and_shown_on_overview(page):
    """Commentary typed on the Data page is saved as a version and appears on the Overview beside its KPI."""
    page.selectbox(key="data.comment.year").set_value(2018).run()
    page.selectbox(key="data.comment.kpi").set_value("matchmaking_meetings").run()
    page.selectbox(key="data.comment.period").set_value("year").run()
    page.text_area(key="data.comment.1.2018.year.matchmaking_meetings.en").input("Fewer trade fairs this year.").run()
    page.button(key="data.comment.save").click().run()
    assert not page.exception and open_store().current_version() == 2
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    overview.query_params["lang"] = "en"
    overview.query_params["year"] = "2018"
    overview.switch_page("pages/overview.py").run()
    texts = " ".join(str(e.value) for e in overview.info)
    assert "Fewer trade fairs this year." in texts


def test_confirm_after_someone_else_saved_is_refused(page):
    """If another user saves between preview and confirm, the confirm is refused with a clear message, not applied."""
    _upload(page, "late.csv", HEADER + "LATE-1;2018-07-01;service;Extra;;;NL;2\n")
    store = open_store()
    store.save(
        1, activities=store.load().activities.iloc[:5], action="edit", description="someone else", actor=local_actor()
    )
    page.button(key="data.import.confirm").click().run()
    assert page.error[0].value.startswith(
        "The data changed in the meantime: you worked on v1, the current version is v2. Nothing was saved."
    )
    assert open_store().current_version() == 2 and open_store().load().manifest.rows["activities"] == 5


def test_dashboard_picks_up_a_new_version_without_restart(isolated_store):
    """The Overview, already open, shows a version saved by someone else on its next run (no restart, no cache clear)."""
    overview = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    overview.query_params["lang"] = "en"
    overview.switch_page("pages/overview.py").run()
    assert not overview.exception, [e.value for e in overview.exception]
    before = [m.value for m in overview.metric]
    store = open_store()
    activities = store.load().activities
    store.save(
        1,
        activities=activities[activities["activity_type"] != "mission"],
        action="edit",
        description="missions removed elsewhere",
        actor=local_actor(),
    )
    overview.run()
    after = [m.value for m in overview.metric]
    values = dict(zip(KPI_KEYS, zip(before, after)))
    assert values["missions"][0] != "0" and values["missions"][1] == "0"
    assert values["mission_companies"][1] == "0"
    for unchanged in ("info_meetings", "company_visits", "partner_scans", "services"):
        assert values[unchanged][0] == values[unchanged][1]


def test_targets_import_previews_by_kpi_and_plan(page):
    """Targets are imported too: a changed range for one KPI in one plan is one changed row, saved on confirm."""
    page.radio(key="data.kind").set_value("targets").run()
    _upload(page, "targets.csv", "kpi;plan;start_year;end_year;target_min;target_max\nmissions;AP 2018;2018;2018;7;9\n")
    assert [m.value for m in page.metric][:3] == ["0", "1", "0"]
    changed = next(f for f in _frames(page) if "Changed columns" in getattr(f, "columns", []))
    assert changed["Changed columns"].tolist() == ["target_min, target_max"]
    page.button(key="data.import.confirm").click().run()
    targets = open_store().load().targets.set_index(["kpi", "plan"])
    assert (targets.loc[("missions", "AP 2018"), "target_min"], targets.loc[("missions", "AP 2018"), "target_max"]) == (
        7,
        9,
    )


def test_edit_after_someone_else_saved_is_refused(page):
    """A correction started on v1 is refused once someone else saved v2; v2 is kept as it was."""
    key = _correct(page, "BB17-001")
    page.number_input(key=f"{key}.companies").set_value(9).run()
    store = open_store()
    other = store.save(
        1, activities=store.load().activities.iloc[:10], action="edit", description="someone else", actor=local_actor()
    )
    page.button(key=f"{key}.save").click().run()
    assert page.error[0].value.startswith("The data changed in the meantime: you worked on v1")
    assert open_store().current_version() == 2 and open_store().manifest(2).checksum == other.checksum


def test_history_compares_the_kpi_table_of_two_versions(page):
    """One mission added for 2018 (v2): the comparison of v1 and v2 shows missions 16 -> 17, +1 (by hand)."""
    _upload(page, "mission.csv", HEADER + "MX-1;2018-07-01;mission;Extra missie;outgoing;lead;DE;3\n")
    page.button(key="data.import.confirm").click().run()
    assert not page.exception, [e.value for e in page.exception]
    assert page.selectbox(key="data.history.compare.year").value == 2018
    table = [f for f in _frames(page) if "Difference" in getattr(f, "columns", [])][-1]  # the wizard's comes first
    assert list(table.columns) == ["KPI", "Before", "Now", "Difference", "Status before", "Status now"]
    missions = table.iloc[0].tolist()
    assert missions[1:4] == ["16", "17", "+1"], missions
    assert table.iloc[3].tolist()[1:4] == ["211", "211", "0"]  # matchmaking unchanged


def test_wizard_maps_a_crm_export_confirms_dates_and_reuses_its_profile(page):
    """A Dutch export with ambiguous dates: refused until day-first is chosen; the KPI table shows before and after;
    saved with a profile, the same columns next time get that profile (and its date order) at once."""
    text = "Activiteit ID;Datum;Soort activiteit\nIB18-91;1-4-2018;Informatiebijeenkomst\n"
    _upload(page, "crm.csv", text)
    assert page.caption[1].value == "Header found in row 1; 3 columns."
    assert page.error[0].value.startswith("The file crm.csv was not read: 1 problem(s) found.")
    assert "reads two ways" in _frames(page)[0].iloc[0]["What is wrong"]
    page.radio(key=next(r.key for r in page.radio if str(r.key).startswith("wiz.dates."))).set_value("dmy").run()
    assert not page.error
    kpis = next(f for f in _frames(page) if "Difference" in getattr(f, "columns", []))
    assert kpis.iloc[1].tolist()[:4] == ["Information meetings", "19", "20", "+1"]  # 19 in 2018, by hand: +1
    page.text_input(key=next(w.key for w in page.text_input if str(w.key).startswith("wiz.profile_name."))).set_value(
        "CRM"
    )
    page.button(key="data.import.confirm").click().run()
    assert open_store().current_version() == 2
    assert open_store().current_profiles()["CRM"].version == 1
    _upload(page, "crm-next.csv", text.replace("IB18-91;1-4-2018", "IB18-92;2-4-2018"))
    assert any("Profile 'CRM' fits this file's columns" in s.value for s in page.success)
    assert not page.error and next(m.value for m in page.metric) == "1"


def test_a_store_that_cannot_be_seeded_shows_the_demo_data_and_no_history(isolated_store, monkeypatch):
    """The first start cannot write (a read-only store): the Data page still opens, says 278 activities and 12
    targets (the demo files' rows) and that no version is saved yet, instead of failing on the empty history; the
    write is tried once, not on every rerun."""

    tried = []

    def refuse(self, actor=None):
        tried.append(1)
        raise StoreError("store_read_only", location=str(isolated_store))

    monkeypatch.setattr(FolderStore, "seed_demo", refuse)
    st.cache_resource.clear()  # the first start is cached per process and store
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.switch_page("pages/data_management.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "278 activities, 12 targets" in " ".join(c.value for c in at.caption)
    assert "No version has been saved yet" in " ".join(i.value for i in at.info)
    assert open_store().versions() == []  # nothing was written
    at.run()
    assert not at.exception and len(tried) == 1  # tried once per process, not on every rerun
