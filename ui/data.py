"""Cached loaders for the current data; the cache key is the files' identity and modification time."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from kpi.load import load_activities, load_targets
from kpi.sources import current_paths


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return str(path), stat.st_mtime_ns, stat.st_size


@st.cache_data(show_spinner=False)
def _activities(stamp: tuple[str, int, int]) -> pd.DataFrame:
    return load_activities(stamp[0])


@st.cache_data(show_spinner=False)
def _targets(stamp: tuple[str, int, int]) -> pd.DataFrame:
    return load_targets(stamp[0])


def current_data() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current (activities, targets); cached, refreshed when the files change. Do not mutate."""
    activities_path, targets_path = current_paths()
    return _activities(_stamp(activities_path)), _targets(_stamp(targets_path))


def commentary(year: int, lang: str) -> dict[str, str]:
    """Commentary per KPI key for `year` in `lang` (empty until the store provides it)."""
    return {}
