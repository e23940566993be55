"""Plans, targets and single activities edited by hand: the import's rules per field, revisions and the store guard."""

import datetime as dt

import pytest

from kpi import editing as E
from kpi.access import AccessRefused, Actor, local_actor
from kpi.boardpack.spec import Kind, describe_snapshot
from kpi.engine import kpi_table
from kpi.revisions import Revision, latest_revision, revision_notes, revisions
from kpi.store import FolderStore
from kpi.store_base import demo_tables
from kpi.targets import Plan, Target

VIEWER = Actor(role="viewer", kind="oidc", subject="v1", email="viewer@example.nl", name="Vera Viewer")
EDITOR = Actor(role="editor", kind="oidc", subject="e1", email="editor@example.nl", name="Eddy Editor")


@pytest.fixture(scope="module")
def demo():
    """The demo tables (activities, targets) as a first version would hold them."""
    tables = demo_tables()
    return tables["activities"], tables["targets"]


@pytest.fixture()
def store(tmp_path):
    """A folder store holding the demo data as v1."""
    found = FolderStore(tmp_path / "store")
    found.seed_demo()
    return found


def _ap2018(targets, **changed):
    cells = E.target_cells(targets, "AP 2018") | changed
    return cells


def test_target_cells_of_ap_2018(demo):
    """The stored AP 2018 targets as text cells: a range, single numbers, and none for services."""
    cells = E.target_cells(demo[1], "AP 2018")
    assert cells["missions"] == ("6", "8")
    assert cells["matchmaking_meetings"] == ("300", "")
    assert cells["services"] == ("", "")


def test_revision_turns_matchmaking_from_missed_into_achieved(demo, store):
    """AP 2018 matchmaking revised from 300 to 210-250: the 211 held turn from 'niet behaald' into 'behaald'."""
    activities, targets = demo
    before = kpi_table(activities, targets, 2018, dt.date(2018, 12, 31), "nl")
    row = next(r for r in before.rows if r.key == "matchmaking_meetings")
    assert (row.realized, row.annual_target, row.annual_status) == (211, Target(300, 300), "missed")
    edit = E.PlanEdit("AP 2018", 2018, 2018, _ap2018(targets, matchmaking_meetings=("210", "250")), "extra budget")
    change = E.plan_change(targets, edit)
    assert change.ok and change.diff.counts == {"added": 0, "changed": 1, "removed": 0, "unchanged": 11}
    manifest = E.save_plan(store, 1, change, EDITOR)
    assert manifest.version == 2 and manifest.action == "edit"
    saved = store.load()
    after = kpi_table(saved.activities, saved.targets, 2018, dt.date(2018, 12, 31), "nl")
    row = next(r for r in after.rows if r.key == "matchmaking_meetings")
    assert (row.realized, row.annual_target, row.annual_status) == (211, Target(210, 250), "achieved")
    record = saved.manifest.target_revisions[0]
    assert {k: record[k] for k in ("plan", "kpi", "old_min", "old_max", "new_min", "new_max", "reason", "user")} == {
        "plan": "AP 2018",
        "kpi": "matchmaking_meetings",
        "old_min": 300,
        "old_max": 300,
        "new_min": 210,
        "new_max": 250,
        "reason": "extra budget",
        "user": "Eddy Editor",
    }
    assert record["version"] == 2 and record["time"] == manifest.created
    text = revisions(saved.manifest, "matchmaking_meetings")[0].describe("nl")
    assert text.startswith("doel AP 2018 matchmaking-gesprekken herzien op ")
    assert text.endswith(" van 300 naar 210-250: extra budget; door Eddy Editor")
    pack = describe_snapshot(saved, 2018, dt.date(2018, 12, 31), "nl")
    scorecard = next(p for p in pack.pages if p.kind is Kind.SCORECARD)
    details = dict(zip((r[0] for r in scorecard.rows), scorecard.details))
    assert details["Matchmaking-gesprekken"] == text
    assert details["Handelsmissies"] == ""
    assert text[1:] in next(p for p in pack.pages if p.kind is Kind.GROUP and "Matchmaking" in p.notes).notes


def test_revision_sentence_hand_written():
    """The history's sentence, as the issue writes it: plan, KPI, day, old and new target, reason, author."""
    revision = Revision(
        "AP 2019",
        "missions",
        Target(6, 8),
        Target(8, 10),
        "extra budget",
        "An de Vries",
        "2019-06-12T09:30:00+00:00",
        4,
    )
    assert revision.describe("nl") == (
        "doel AP 2019 handelsmissies herzien op 12 juni 2019 van 6-8 naar 8-10: extra budget; door An de Vries"
    )
    assert revision.describe("en") == (
        "target AP 2019 trade missions revised on 12 June 2019 from 6-8 to 8-10: extra budget; by An de Vries"
    )
    assert Revision.from_record(revision.record() | {"user": "An de Vries", "time": revision.time, "version": 4}) == (
        revision
    )


def test_undefined_to_defined_reads_niet_gedefinieerd():
    """A target set where there was none is a revision from 'niet gedefinieerd'."""
    revision = Revision("AP 2018", "services", Target(), Target(1200, 1200), "nieuw", "An", "2018-03-01T08:00:00+00:00")
    assert revision.describe("nl") == (
        "doel AP 2018 geregistreerde services herzien op 1 maart 2018 van niet gedefinieerd naar 1.200: nieuw; door An"
    )


def test_changed_target_needs_a_reason(demo):
    """Changing an existing target without a reason is refused beside the reason field; a new plan needs none."""
    targets = demo[1]
    change = E.plan_change(targets, E.PlanEdit("AP 2018", 2018, 2018, _ap2018(targets, missions=("7", "9"))))
    assert not change.ok
    assert [(p.kpi, p.column, p.problem.code) for p in change.problems] == [(None, "reason", "reason_required")]
    new = E.plan_change(targets, E.PlanEdit("AP 2019", 2019, 2019, {"missions": ("8", "10")}))
    assert new.ok and new.new_plan and new.revisions == ()
    assert new.diff.counts["added"] == 7  # every KPI of a new plan gets a row, undefined where left empty


@pytest.mark.parametrize(
    ("name", "cells", "expected"),
    [
        ("max below min", {"missions": ("10", "8")}, [("missions", "target_max", "max_below_min")]),
        ("max without min", {"info_meetings": ("", "4")}, [("info_meetings", "target_max", "max_without_min")]),
        ("not a number", {"mission_companies": ("zestig", "")}, [("mission_companies", "target_min", "bad_count")]),
        ("negative", {"company_visits": ("-3", "")}, [("company_visits", "target_min", "bad_count")]),
        (
            "above the ceiling",
            {"services": ("1000000001", "")},
            [("services", "target_min", "target_too_large")],
        ),
        ("at the ceiling", {"services": ("1000000000", "")}, []),
        ("single number", {"missions": ("8", "")}, []),
        ("range met at the minimum", {"missions": ("8", "8")}, []),
        (
            "two cells at once",
            {"missions": ("9", "3"), "partner_scans": ("x", "")},
            [("missions", "target_max", "max_below_min"), ("partner_scans", "target_min", "bad_count")],
        ),
    ],
)
def test_problems_beside_their_cell(demo, name, cells, expected):
    """Each target problem names its KPI and column, with the import's own problem code."""
    change = E.plan_change(demo[1], E.PlanEdit("AP 2019", 2019, 2019, cells))
    assert sorted((p.kpi, p.column, p.problem.code) for p in change.problems) == expected, name
    assert change.ok == (not expected)


@pytest.mark.parametrize(
    ("name", "plan", "start", "end", "expected"),
    [
        ("second annual plan for 2018", "Jaarplan 2018", 2018, 2018, ("plan", "annual_plans_clash")),
        ("overlapping multi-year plan", "MJP 2019-2022", 2019, 2022, ("plan", "plans_overlap")),
        ("end before start", "MJP 2022-2021", 2022, 2021, ("end_year", "end_before_start")),
        ("year out of range", "AP 1980", 1980, 1980, ("start_year", "year_out_of_range")),
        ("no label", "", 2019, 2019, ("plan", "required")),
    ],
)
def test_plan_problems_beside_the_plan_fields(demo, name, plan, start, end, expected):
    """Plan-wide rules (one annual plan a year, no overlap, years) are shown beside the plan's fields."""
    change = E.plan_change(demo[1], E.PlanEdit(plan, start, end, {"missions": ("8", "")}, "r"))
    assert expected in [(p.column, p.problem.code) for p in change.problems], name
    assert all(p.kpi is None for p in change.problems if p.column in E.PLAN_FIELDS)


def test_next_multi_year_plan_fits(demo):
    """MJP 2021-2024 follows MJP 2017-2020 without overlap: accepted, and its label is proposed from the language."""
    assert E.proposed_label(2021, 2024, "nl") == "MJP 2021-2024"
    assert E.proposed_label(2019, 2019, "nl") == "AP 2019"
    assert E.proposed_label(2019, 2019, "en") == "Annual plan 2019"
    assert E.years_from_label("MJP 2021-2024") == (2021, 2024)
    assert E.years_from_label("AP 2019") == (2019, 2019)
    assert E.years_from_label("Plan B") is None
    assert E.plan_change(demo[1], E.PlanEdit("MJP 2021-2024", 2021, 2024, {"missions": ("24", "32")})).ok


def test_field_messages_in_the_users_language(demo):
    """A cell's message says what is wrong and what to do, in Dutch and in English."""
    change = E.plan_change(demo[1], E.PlanEdit("AP 2019", 2019, 2019, {"missions": ("10", "8")}))
    assert E.messages(change.problems, "missions", "target_max", "nl")[0].startswith(
        "Het maximum is kleiner dan het minimum."
    )
    assert E.messages(change.problems, "missions", "target_max", "en")[0].startswith("The maximum is")


def test_latest_revision_only_while_it_holds():
    """The latest revision is mentioned only while the target is still what it set (an import may change it)."""
    plan = Plan("AP 2018", 2018, 2018)
    first = Revision("AP 2018", "missions", Target(6, 8), Target(7, 9), "a", "An", "2018-03-01T08:00:00+00:00", 2)
    second = Revision("AP 2018", "missions", Target(7, 9), Target(8, 10), "b", "Bo", "2018-06-01T08:00:00+00:00", 3)
    assert latest_revision([first, second], plan, "missions", Target(8, 10)) is second
    assert latest_revision([first, second], plan, "missions", Target(6, 8)) is None
    assert latest_revision([first, second], plan, "info_meetings", Target(3, 4)) is None
    assert latest_revision([first, second], None, "missions", Target(8, 10)) is None


def test_revisions_are_carried_into_later_versions(demo, store):
    """A later save (an activity, a roll-back) keeps every revision in its manifest: history is never lost."""
    targets = demo[1]
    edit = E.PlanEdit("AP 2018", 2018, 2018, _ap2018(targets, missions=("7", "9")), "herzien")
    E.save_plan(store, 1, E.plan_change(targets, edit), local_actor())
    activities = store.load().activities
    change = E.activity_removal(activities, "BB17-001")
    E.save_activity(store, 2, change, local_actor())
    store.rollback(1, 3, local_actor())
    manifest = store.load().manifest
    assert manifest.version == 4
    assert [(r.kpi, r.version, r.new) for r in revisions(manifest)] == [("missions", 2, Target(7, 9))]
    table = kpi_table(store.load().activities, store.load().targets, 2018, lang="nl")
    assert revision_notes(revisions(manifest), table, "nl") == {}  # rolled back: 6-8 again, not the revision's 7-9


def test_viewer_refused_by_the_store(demo, store):
    """A viewer's plan or activity save is refused by the store's guard; nothing is written."""
    activities, targets = demo
    plan = E.plan_change(targets, E.PlanEdit("AP 2019", 2019, 2019, {"missions": ("8", "10")}))
    with pytest.raises(AccessRefused):
        E.save_plan(store, 1, plan, VIEWER)
    row = {"activity_id": "M19-001", "date": "2019-03-01", "activity_type": "info_meeting"}
    with pytest.raises(AccessRefused):
        E.save_activity(store, 1, E.activity_change(activities, row), VIEWER)
    with pytest.raises(AccessRefused):
        E.save_activity(store, 1, E.activity_removal(activities, "BB17-001"), VIEWER)
    assert store.current_version() == 1 and len(store.versions()) == 1


def test_form_fields_per_type():
    """Direction, role and country only for missions."""
    assert {"direction", "role", "country"} <= set(E.form_fields("mission"))
    assert not {"direction", "role", "country"} & set(E.form_fields("company_visit"))
    assert "companies" in E.form_fields("info_meeting") and "theme" in E.form_fields("service")


def test_add_one_mission(demo, store):
    """One mission added by hand: one row added, saved as one version by its author."""
    activities = demo[0]
    fields = {
        "activity_id": "M19-001",
        "date": "2019-03-12",
        "activity_type": "mission",
        "title": "Missie Beieren",
        "direction": "outgoing",
        "role": "lead",
        "country": "DE",
        "theme": "Smart Manufacturing",
        "companies": "7",
    }
    change = E.activity_change(activities, fields)
    assert change.ok and change.warnings == ()
    assert change.diff.counts == {"added": 1, "changed": 0, "removed": 0, "unchanged": 278}
    manifest = E.save_activity(store, 1, change, EDITOR)
    assert (manifest.version, manifest.user, manifest.rows["activities"]) == (2, "Eddy Editor", 279)
    saved = store.load().activities.set_index("activity_id").loc["M19-001"]
    assert (saved["country"], saved["companies"], saved["year"]) == ("DE", 7, 2019)


@pytest.mark.parametrize(
    ("name", "fields", "expected"),
    [
        (
            "mission without its fields",
            {"activity_id": "M19-002", "date": "2019-03-01", "activity_type": "mission"},
            [("country", "mission_needs_country"), ("direction", "mission_needs_direction"), ("role", "mission_needs_role")],
        ),
        (
            "mission at home",
            {"activity_id": "M19-002", "date": "2019-03-01", "activity_type": "mission", "direction": "incoming",
             "role": "partner", "country": "NL"},
            [("country", "mission_needs_country")],
        ),
        (
            "bad date and count",
            {"activity_id": "X1", "date": "2019-02-30", "activity_type": "service", "companies": "drie"},
            [("companies", "bad_count"), ("date", "bad_date")],
        ),
        ("no id", {"activity_id": "", "date": "2019-03-01", "activity_type": "service"}, [("activity_id", "required")]),
        (
            "id taken",
            {"activity_id": "BB17-001", "date": "2019-03-01", "activity_type": "service"},
            [("activity_id", "id_taken")],
        ),
        (
            "invisible character in the id",
            {"activity_id": "X\u200b1", "date": "2019-03-01", "activity_type": "service"},
            [("activity_id", "bad_id_chars")],
        ),
    ],
)  # fmt: skip
def test_activity_problems_per_field(demo, name, fields, expected):
    """The import's rules, each problem named by its field."""
    change = E.activity_change(demo[0], fields)
    assert sorted((p.column, p.code) for p in change.problems) == expected, name
    assert change.activities is None


@pytest.mark.parametrize(
    ("name", "new_id", "expected"),
    [
        ("another case", "bb17-001", ["BB17-001"]),
        ("Cyrillic letters", "\u0412\u041217-001", ["BB17-001"]),
        ("letter O for zero", "BB17-OO1", ["BB17-001"]),
        ("different id", "BB17-999", []),
    ],
)
def test_lookalike_id_refused(demo, name, new_id, expected):
    """An id that looks like a stored one (case, confusable letters) is refused, naming the stored id, as the
    import refuses it (one function, one message); a clearly different id can be saved."""
    change = E.activity_change(demo[0], {"activity_id": new_id, "date": "2019-03-01", "activity_type": "service"})
    found = [p for p in change.problems if p.code == "lookalike_in_store"]
    assert [dict(p.params)["other"] for p in found] == expected, name
    assert [p.column for p in found] == ["activity_id"] * len(expected)
    assert change.ok is not bool(expected)
    if expected:
        assert change.activities is None
        assert "lijkt op het opgeslagen id 'BB17-001'" in found[0].issue("nl")
        assert "looks like the stored id 'BB17-001'" in found[0].issue("en")


def test_correcting_an_activity_may_change_the_case_of_its_own_id(demo):
    """Correcting BB17-001 to bb17-001 is no look-alike: the id it resembles is the one being corrected."""
    activities = demo[0]
    fields = E.stored_fields(activities, "BB17-001") | {"activity_id": "bb17-001"}
    change = E.activity_change(activities, fields, replacing="BB17-001")
    assert change.ok and not change.problems


def test_correct_one_mission_changes_only_that_cell(demo, store):
    """Correcting a mission's company count changes one cell of one row; the rest of the row stays."""
    activities = demo[0]
    mission = activities[activities["activity_type"] == "mission"].iloc[0]
    fields = E.stored_fields(activities, mission["activity_id"]) | {"companies": str(int(mission["companies"]) + 5)}
    change = E.activity_change(activities, fields, replacing=mission["activity_id"])
    assert change.diff.counts["changed"] == 1 and change.diff.changed_columns().tolist() == [["companies"]]
    E.save_activity(store, 1, change, EDITOR)
    saved = store.load().activities.set_index("activity_id").loc[mission["activity_id"]]
    assert saved["companies"] == mission["companies"] + 5 and saved["country"] == mission["country"]


def test_retyping_a_mission_drops_its_mission_fields(demo):
    """A mission corrected into an info meeting loses direction and role (the form hides them; the rules forbid them)."""
    activities = demo[0]
    mission = activities[activities["activity_type"] == "mission"].iloc[0]["activity_id"]
    fields = E.stored_fields(activities, mission) | {"activity_type": "info_meeting"}
    change = E.activity_change(activities, fields, replacing=mission)
    assert change.ok
    assert sorted(change.diff.changed_columns().iloc[0]) == ["activity_type", "direction", "role"]


def test_remove_unknown_activity_is_a_problem(demo):
    """Removing an id that is not stored is refused."""
    change = E.activity_removal(demo[0], "NOPE")
    assert [p.code for p in change.problems] == ["no_activity"] and not change.ok


def test_stored_themes(demo):
    """Themes offered by the form: the stored ones, each once, sorted."""
    themes = E.stored_themes(demo[0])
    assert "Smart Manufacturing" in themes and themes == sorted(set(themes), key=str.casefold)
