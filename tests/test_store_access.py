"""The one write guard: every write path checks the actor's role first, and every version records who saved it."""

import getpass
import json

import pytest

from kpi import diff as D
from kpi import editing as E
from kpi.access import AccessRefused, Actor, local_actor
from kpi.commentary import set_commentary
from kpi.importing import commit_import, prepare_import
from kpi.store import Manifest, open_store
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from tests.pg_cluster import fingerprint

VIEWER = Actor(role="viewer", kind="oidc", subject="sub-vera", email="vera@example.nl", name="Vera Kijker")
EDITOR = Actor(role="editor", kind="oidc", subject="sub-eddy", email="eddy@example.nl", name="Eddy Bewerker")
ADMIN = Actor(role="admin", kind="oidc", subject="sub-ada", email="ada@example.nl", name=None)


@pytest.fixture()
def two_versions(store_location):
    """A store (each backend) with v1 (demo) and v2 (the first 10 activities), saved by an editor."""
    store = open_store(store_location)
    store.seed_demo()
    store.save(1, activities=store.load().activities.iloc[:10], action="edit", description="ten", actor=EDITOR)
    return store


def _import(store, tmp_path, actor):
    path = tmp_path / "new.csv"
    path.write_text("activity_id;date;activity_type\nNEW-1;2018-05-01;service\n", encoding="utf-8")
    return commit_import(store, prepare_import(store, path, path.name, "activities", D.ADD_UPDATE), actor)


def _edit(store, tmp_path, actor):
    activities = store.load().activities
    return E.save_activity(store, 2, E.activity_change(activities, {"companies": "9"}, replacing="BB17-001"), actor)


def _comment(store, tmp_path, actor):
    table = set_commentary(store.load().commentary, "missions", 2018, "nl", "Acht missies.")
    return store.save(2, commentary=table, action="commentary", description="commentary", actor=actor)


def _rollback(store, tmp_path, actor):
    return store.rollback(1, 2, actor)


WRITES = {"import": _import, "edit": _edit, "commentary": _comment, "rollback": _rollback}


@pytest.mark.parametrize("action", list(WRITES))
def test_a_viewer_is_refused_on_every_write_path_and_nothing_changes(two_versions, tmp_path, action):
    """A viewer's import, edit, commentary and roll-back are each refused (AccessRefused, saying why) and the store
    stays byte-identical; an anonymous call (no actor) is refused too."""
    store = two_versions
    before = fingerprint(store.location)
    needed = "admin" if action == "rollback" else "editor"
    with pytest.raises(AccessRefused) as info:
        WRITES[action](store, tmp_path, VIEWER)
    assert (
        f"Vera Kijker has the role 'viewer'; '{action}' needs the role '{needed}'. Nothing was changed."
        in info.value.message("en")
    )
    with pytest.raises(AccessRefused):
        WRITES[action](store, tmp_path, None)
    assert fingerprint(store.location) == before and store.current_version() == 2


def test_an_editor_may_change_data_but_not_roll_back(two_versions, tmp_path):
    """Editors import, edit and comment; a roll-back needs an admin, and the refusal changes nothing."""
    store = two_versions
    before = fingerprint(store.location)
    with pytest.raises(AccessRefused) as info:
        _rollback(store, tmp_path, EDITOR)
    assert (
        "Eddy Bewerker has the role 'editor'; 'rollback' needs the role 'admin'. Nothing was changed."
        in info.value.message("en")
    )
    assert fingerprint(store.location) == before
    assert _import(store, tmp_path, EDITOR).version == 3
    manifest = store.rollback(1, 3, ADMIN)
    assert (manifest.version, manifest.action, manifest.user) == (4, "rollback", "ada@example.nl")


@pytest.mark.parametrize("action", list(WRITES))
def test_every_saved_version_records_who_saved_it(two_versions, tmp_path, action):
    """The manifest of each write holds the actor: `user` as shown in the history and `by` with the identity."""
    actor = ADMIN if action == "rollback" else EDITOR
    manifest = WRITES[action](two_versions, tmp_path, actor)
    saved = two_versions.manifest(manifest.version)
    label = "ada@example.nl" if actor is ADMIN else "Eddy Bewerker"
    assert saved.user == label
    assert saved.by == {"kind": "oidc", "subject": actor.subject, "email": actor.email, "name": label}


def test_local_mode_and_the_first_version_are_recorded(tmp_path):
    """Local mode saves as `lokaal`; the demo seed of an empty store is recorded as the system's."""
    store = open_store(tmp_path / "s")
    store.seed_demo()
    assert store.manifest(1).by == {"kind": "system", "subject": None, "email": None, "name": "system"}
    manifest = store.save(
        1, activities=store.load().activities.iloc[:3], action="edit", description="x", actor=local_actor()
    )
    assert (manifest.user, manifest.by["kind"], manifest.by["name"]) == ("lokaal", "local", "lokaal")


def test_old_manifests_without_by_still_load(tmp_path):
    """A version saved before the audit field (no `by`, `user` null) loads, lists and verifies as before."""
    store = open_store(tmp_path / "s")
    store.seed_demo()
    path = store.version_path(1) / "manifest.json"
    old = json.loads(path.read_text())
    del old["by"]
    old["user"] = None
    path.write_text(json.dumps(old))
    manifest = store.manifest(1)
    assert manifest.by is None and manifest.user is None and store.verify(1)
    assert [m.version for m in store.versions()] == [1]
    assert Manifest.from_json(manifest.to_json()) == manifest


def test_cli_writes_record_the_operating_system_user(tmp_path):
    """`python -m kpi import` and `rollback` record the OS user running them (kind `cli`)."""
    root = tmp_path / "s"
    good = tmp_path / "good.csv"
    good.write_text("activity_id;date;activity_type\nCLI-1;2018-06-01;service\n", encoding="utf-8")
    assert run_kpi("import", str(good), "--kind", "activities", "--store", str(root), cwd=ROOT).returncode == 0
    assert run_kpi("rollback", "v1", "--store", str(root), cwd=ROOT).returncode == 0
    user = getpass.getuser()
    for version in (2, 3):
        manifest = open_store(root).manifest(version)
        assert manifest.user == user and manifest.by == {"kind": "cli", "subject": user, "email": None, "name": user}
