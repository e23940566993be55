"""Load activities and targets from files into validated, typed frames."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from kpi.readers import read_raw
from kpi.validate import validate_activities, validate_targets

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEMO_ACTIVITIES = DATA_DIR / "activities.csv"
DEMO_TARGETS = DATA_DIR / "targets.csv"


def load_activities(path: str | Path) -> pd.DataFrame:
    """Validated, typed activities from a CSV, XLSX or Parquet file (ValidationError if invalid)."""
    frame, _ = validate_activities(read_raw(path), Path(path).name)
    return frame


def load_targets(path: str | Path) -> pd.DataFrame:
    """Validated, typed targets from a CSV, XLSX or Parquet file (ValidationError if invalid)."""
    frame, _ = validate_targets(read_raw(path), Path(path).name)
    return frame
