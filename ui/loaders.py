"""Cached loaders for the current data, keyed on (store location, version): a save made through any server shows
on every server's next rerun, without a restart."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kpi.commentary import commentary_for
from kpi.i18n import lang_or_default
from kpi.problems import ValidationError
from kpi.store import Snapshot, open_store
from ui import state


@st.cache_resource(show_spinner=False, max_entries=4)
def _snapshot(location: str, version: int) -> Snapshot:
    # cache_resource: the frames are shared, not copied per rerun (large data); never mutate them.
    # Versions never change, so (location, version) is a complete key.
    return open_store(location).load(version)


def current_snapshot() -> Snapshot:
    """The store's current version (the demo data seeded only into an empty store); cached per version.

    A recovered pointer is told once as a warning; a store that cannot be read stops the page with its message.
    """
    lang = lang_or_default(state.get("lang"))
    store = open_store()
    try:
        version = store.ensure()
    except ValidationError as error:  # damaged or unreachable store: a clear message, never a traceback
        st.error(error.message(lang), icon=":material/error:")
        st.stop()
    if store.last_head is not None and store.last_head.recovered:
        st.warning(store.last_head.describe(lang), icon=":material/healing:")
    return _snapshot(store.location, version)


def current_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets); cached, refreshed when a new version is saved. Do not mutate."""
    snapshot = current_snapshot()
    return snapshot.activities, snapshot.targets


def commentary(year: int, lang: str) -> dict[str, str]:
    """Commentary per KPI key for `year` in `lang`, from the current version."""
    return commentary_for(current_snapshot().commentary, year, lang)


def version_snapshot(version: int) -> Snapshot:
    """One saved version of the configured store (cached; versions never change): e.g. a board pack's data."""
    return _snapshot(open_store().location, version)
