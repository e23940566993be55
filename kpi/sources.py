"""Where the current data lives: the store's current version, or the demo files before a store exists."""
from __future__ import annotations

import pandas as pd

from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from kpi.store import Store


def load_current() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets): the store's current version, else the demo data (store untouched)."""
    store = Store()
    if store.exists():
        snapshot = store.load(store.current_version())
        return snapshot.activities, snapshot.targets
    return load_activities(DEMO_ACTIVITIES), load_targets(DEMO_TARGETS)


def current_version_label() -> str:
    """A short label of the current data version for footers and title pages, e.g. `v3 · 2026-11-28`."""
    store = Store()
    version = store.current_version()
    if version is None:
        return "demo"
    manifest = store.manifest(version)
    return f"{manifest.label} · {manifest.created[:10]}"
