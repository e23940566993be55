"""Typed Parquet for already-validated frames, as bytes (the store, on every backend) or as files (benchmarks and
tests); no re-validation, dtypes (categoricals included) kept."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd


def frame_bytes(frame: pd.DataFrame) -> bytes:
    """A validated, typed frame as Parquet bytes (dtypes kept); the same bytes on every backend."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()


def frame_from_bytes(data: bytes) -> pd.DataFrame:
    """A frame back from `frame_bytes`, with the same dtypes."""
    return pd.read_parquet(io.BytesIO(data), engine="pyarrow")


def write_frame(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a validated, typed frame to a Parquet file, as `frame_bytes` would give it."""
    Path(path).write_bytes(frame_bytes(frame))


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a frame written by `write_frame` (or a stored table file), with the same dtypes."""
    return pd.read_parquet(path, engine="pyarrow")
