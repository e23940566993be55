"""Load activities and targets from files into validated, typed frames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kpi.problems import unreadable_on_error
from kpi.readers import read_raw, source_name
from kpi.validate import validate_activities, validate_targets

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEMO_ACTIVITIES = DATA_DIR / "activities.csv"
DEMO_TARGETS = DATA_DIR / "targets.csv"


def load_activities(path: str | Path) -> pd.DataFrame:
    """Validated, typed activities from a CSV, XLSX or Parquet file (ValidationError if invalid)."""
    with unreadable_on_error(Path(path).name):
        raw = read_raw(path)
        frame, _ = validate_activities(raw, source_name(raw, Path(path).name))
    return frame


def load_targets(path: str | Path) -> pd.DataFrame:
    """Validated, typed targets from a CSV, XLSX or Parquet file (ValidationError if invalid)."""
    with unreadable_on_error(Path(path).name):
        raw = read_raw(path)
        frame, _ = validate_targets(raw, source_name(raw, Path(path).name))
    return frame
