"""Where the current data lives: the store's current version, or the demo files before a store exists."""

from __future__ import annotations

import pandas as pd

from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from kpi.store import Manifest, Snapshot, open_store


def current(location: str | None = None) -> Snapshot | None:
    """The store's current version, read once (None before any version exists; nothing is ever written)."""
    store = open_store(location, read_only=True)
    version = store.current_version()
    return None if version is None else store.load(version)


def load_current(location: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets): the store's current version, else the demo data (store untouched)."""
    snapshot = current(location)
    if snapshot is not None:
        return snapshot.activities, snapshot.targets
    return load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)


def version_label(manifest: Manifest | None) -> str:
    """A short label of a data version for footers and title pages, e.g. `v3 · 2026-11-28` (`demo` without one)."""
    return "demo" if manifest is None else f"{manifest.label} · {manifest.created[:10]}"


def current_version_label(location: str | None = None) -> str:
    """The label of the current data version, e.g. `v3 · 2026-11-28`."""
    store = open_store(location, read_only=True)
    version = store.current_version()
    return version_label(None if version is None else store.manifest(version))
