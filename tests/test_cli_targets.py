"""`python -m kpi targets set|list` as scripts use it: the real entry point (tests/cli_fork.py) on a real store folder."""

from kpi.revisions import revisions
from kpi.store import FolderStore
from tests.cli_fork import run_kpi


def _run(*args):
    return run_kpi(*args, timeout=120)


def test_set_revises_a_target_with_its_reason_and_lists_it(tmp_path):
    """A changed target needs --reason; with it, one version is saved and `targets list` names the revision."""
    store = str(tmp_path / "store")
    refused = _run("targets", "set", "--plan", "AP 2018", "--kpi", "matchmaking_meetings", "--min", "210",
                   "--max", "250", "--store", store)  # fmt: skip
    assert refused.returncode == 2 and "--reason: Een bestaand doel is gewijzigd" in refused.stderr
    assert FolderStore(store).current_version() == 1  # the demo seed only: nothing saved
    saved = _run("targets", "set", "--plan", "AP 2018", "--kpi", "matchmaking_meetings", "--min", "210",
                 "--max", "250", "--reason", "extra budget", "--store", store)  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.startswith("Opgeslagen als versie v2: targets AP 2018: +0 ~1 -0.")
    assert "van 300 naar 210-250: extra budget; door " in saved.stdout
    manifest = FolderStore(store).load().manifest
    assert [(r.plan, r.kpi, r.old.min, r.new.min, r.new.max) for r in revisions(manifest)] == [
        ("AP 2018", "matchmaking_meetings", 300, 210, 250)
    ]
    listed = _run("targets", "list", "--kpi", "matchmaking_meetings", "--store", store, "--lang", "en")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["MJP", "2017-2020", "2017-2020", "matchmaking_meetings", "1,200"]
    assert lines[1].split() == ["AP", "2018", "2018-2018", "matchmaking_meetings", "210-250"]
    assert lines[2].strip().startswith("target AP 2018 matchmaking conversations revised on ")
    assert lines[2].endswith("from 300 to 210-250: extra budget; by " + manifest.user)


def test_new_annual_plan_from_its_label(tmp_path):
    """`--plan "AP 2019"` makes a new annual plan for 2019 (years from the label); no reason needed."""
    store = str(tmp_path / "store")
    result = _run("targets", "set", "--plan", "AP 2019", "--kpi", "missions", "--min", "8", "--max", "10",
                  "--store", store)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "targets AP 2019 (new plan): +7 ~0 -0" in result.stdout
    listed = _run("targets", "list", "--plan", "AP 2019", "--store", store)
    assert listed.stdout.splitlines()[0].split() == ["AP", "2019", "2019-2019", "missions", "8-10"]
    again = _run("targets", "set", "--plan", "AP 2019", "--kpi", "missions", "--min", "8", "--max", "10",
                 "--store", store)  # fmt: skip
    assert again.returncode == 0 and "niets opgeslagen" in again.stdout and FolderStore(store).current_version() == 2


def test_bad_input_lists_every_problem_exit_2(tmp_path):
    """Unknown KPI, a text minimum and a maximum below it: every problem, exit code 2, no traceback, nothing saved."""
    store = str(tmp_path / "store")
    result = _run("targets", "set", "--plan", "AP 2019", "--kpi", "handelsmissies", "--min", "acht", "--max", "5",
                  "--store", store, "--lang", "en")  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "The target was not saved: 3 problem(s). Nothing was changed."
    assert lines[1].startswith("- --kpi: Unknown KPI 'handelsmissies'. Choose one of: missions, info_meetings")
    assert any(line.startswith("- handelsmissies --min: Not a whole number of 0 or more.") for line in lines)
    assert any(line.startswith("- handelsmissies --max: There is a maximum but no minimum.") for line in lines)
    overlap = _run("targets", "set", "--plan", "MJP 2019-2022", "--kpi", "missions", "--min", "8", "--store", store,
                   "--lang", "en")  # fmt: skip
    assert overlap.returncode == 2
    assert "- --plan: Multi-year plan 'MJP 2019-2022' (2019-2022) overlaps" in overlap.stderr
    plan_b = _run("targets", "set", "--plan", "Plan B", "--kpi", "missions", "--min", "8", "--store", store)
    assert plan_b.returncode == 2 and "Plan 'Plan B' bestaat nog niet" in plan_b.stderr
    assert FolderStore(store).current_version() == 1
