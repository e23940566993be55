"""Typed Parquet I/O for already-validated frames (the store and benchmarks); no re-validation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_frame(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a validated, typed frame to Parquet, keeping its dtypes (categoricals included)."""
    frame.to_parquet(path, engine="pyarrow", index=False)


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a frame written by `write_frame`, with the same dtypes."""
    return pd.read_parquet(path, engine="pyarrow")
