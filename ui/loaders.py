"""Cached loaders for the current data, keyed on (store location, version): a save made through any server shows
on every server's next rerun, without a restart."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from kpi import dashboard as vm
from kpi.commentary import YEAR, commentary_for
from kpi.filters import country_regions
from kpi.i18n import lang_or_default
from kpi.store import DEMO_VERSION, Snapshot, StoreError, open_store, user_message
from kpi.story import imported_at
from ui import state

log = logging.getLogger("kpi.store")


@st.cache_resource(show_spinner=False, max_entries=4)
def _snapshot(location: str, version: int) -> Snapshot:
    # cache_resource: the frames are shared, not copied per rerun (large data); never mutate them.
    # Versions never change, so (location, version) is a complete key.
    return open_store(location).load(version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _filter_options(location: str, version: int) -> dict[str, list[str]]:
    # Five columns' distinct values over every mission: ~0.1 s at 1M rows, the same for every rerun of a version.
    return vm.filter_options(_snapshot(location, version).activities)


@st.cache_resource(show_spinner=False, max_entries=4)
def _country_regions(location: str, version: int) -> dict[str, tuple[str, ...]]:
    return country_regions(vm.missions_of(_snapshot(location, version).activities))


def country_regions_of_version() -> dict[str, tuple[str, ...]]:
    """The regions per country among the current version's missions (kpi.filters.country_regions); shared."""
    return _country_regions(*_current(tell=False))


def _current(tell: bool = True) -> tuple[str, int]:
    """(location, version) of the current data: the store's current version, or the unsaved demo data (version 0)
    while it is empty. Read-only.

    With `tell`, a recovered pointer is told as a warning; a store that cannot be read stops the page with its message.
    """
    lang = lang_or_default(state.get("lang"))
    store = open_store()
    try:
        head = store.head()
    except StoreError as error:  # damaged or unreachable store: a clear message, never a traceback
        st.error(user_message(error, lang), icon=":material/error:")  # no server path
        st.stop()
    if tell and head.recovered:
        st.warning(head.describe(lang), icon=":material/healing:")
    return store.location, head.version if head.version is not None else DEMO_VERSION


@st.cache_resource(show_spinner=False, max_entries=4)
def _seeded(location: str) -> bool:
    """Whether the first start saved (or found) data in the store at `location`; taken once per process and store,
    so a store that cannot be written is tried, and logged, once instead of on every rerun."""
    try:
        open_store(location).seed_demo()
    except StoreError as error:
        log.warning("the first start saved nothing: %s", error)
        return False
    return True


def first_start() -> None:
    """The app's first start: the demo data is saved into an empty store (`Store.seed_demo`), once per process.
    A store that cannot be written is left alone: reading it tells the user what is wrong."""
    _seeded(open_store().location)


def current_snapshot() -> Snapshot:
    """The store's current version; cached per version. A recovered pointer is told once as a warning."""
    return _snapshot(*_current())


def filter_options() -> dict[str, list[str]]:
    """The values each mission filter can take in the current version (`kpi.dashboard.filter_options`), worked out
    once per version. Shared: do not mutate."""
    return _filter_options(*_current(tell=False))


def current_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets); cached, refreshed when a new version is saved. Do not mutate."""
    snapshot = current_snapshot()
    return snapshot.activities, snapshot.targets


def commentary(year: int, lang: str, period: str = YEAR) -> dict[str, str]:
    """Commentary per KPI key for `year` and reporting `period` in `lang`, from the current version."""
    return commentary_for(current_snapshot().commentary, year, lang, period)


@st.cache_resource(show_spinner=False, max_entries=4)
def _import_time(location: str, version: int) -> str | None:
    store = open_store(location)
    return imported_at(store, store.manifest(version))


def import_time() -> str | None:
    """When the current version's activities were imported (ISO, UTC); worked out once per version."""
    return _import_time(*_current(tell=False))


def version_snapshot(version: int) -> Snapshot:
    """One saved version of the configured store (cached; versions never change): e.g. a board pack's data."""
    return _snapshot(open_store().location, version)
