"""Built Plotly figures shared by every session: fifteen people opening the same shared link build each figure once.

A figure is a pure function of what it is built from. By default the cache key is the builder's arguments
themselves (shaped frames, language, subtitle: small, hashed by Streamlit); where an argument is costly to hash (a
KPI table), the caller names what determines it instead (`version_key` of the data plus year, as-of date, reference
and language). `st.cache_resource` keeps the one figure object (`st.cache_data` would pickle it, and unpickling a
Plotly figure validates it all over again, as slow as building it), so the figures are shared: never mutate them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from kpi.store import Snapshot

FIGURES = 256  # figures kept (least recently used go first); a figure takes ~0.1 MiB


def version_key(snapshot: Snapshot) -> tuple[int, str]:
    """What identifies a version's data: its number and checksum (the same number in another store differs)."""
    return snapshot.manifest.version, snapshot.manifest.checksum


@st.cache_resource(show_spinner=False, max_entries=FIGURES)
def _built(name: str, key: Hashable, _build: Callable[[], go.Figure]) -> go.Figure:
    return _build()


def figure(build: Callable[..., go.Figure], *args, key: Hashable = None, **kwargs) -> go.Figure:
    """`build(*args, **kwargs)`, built once per (builder, key) for every session. Without `key` the arguments are the
    key; with it, `key` must hold everything the arguments depend on. The figure is shared: do not mutate it."""
    return _built(build.__name__, (args, kwargs) if key is None else key, partial(build, *args, **kwargs))


def clear() -> None:
    """Forget every built figure (benchmarks measure the first build with it)."""
    _built.clear()
