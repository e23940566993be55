"""Cached loaders for the current data; the cache key is the store's current version, so a save shows at once."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.commentary import commentary_for
from kpi.store import Snapshot, Store


@st.cache_resource(show_spinner=False, max_entries=2)
def _snapshot(root: str, version: int) -> Snapshot:
    # cache_resource: the frames are shared, not copied per rerun (large data); never mutate them.
    return Store(root).load(version)


def current_snapshot() -> Snapshot:
    """The store's current version (initialised from the demo data on first use); cached per version."""
    store = Store()
    return _snapshot(str(store.root), store.ensure())


def current_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets); cached, refreshed when a new version is saved. Do not mutate."""
    snapshot = current_snapshot()
    return snapshot.activities, snapshot.targets


def commentary(year: int, lang: str) -> dict[str, str]:
    """Commentary per KPI key for `year` in `lang`, from the current version."""
    return commentary_for(current_snapshot().commentary, year, lang)
