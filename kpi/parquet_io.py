"""Typed Parquet for already-validated frames, as bytes (the store, on every backend) or as files (benchmarks and
tests); no re-validation, dtypes (categoricals included) kept."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow as pa

from kpi.day_codes import prepare
from kpi.schema import arrow_backed


def frame_bytes(frame: pd.DataFrame) -> bytes:
    """A validated, typed frame as Parquet bytes (dtypes kept); the same bytes on every backend."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()


def frame_from_bytes(data: bytes) -> pd.DataFrame:
    """A frame back from `frame_bytes`, with the same dtypes (and its day codes, when it is an activities table)."""
    return _loaded(pd.read_parquet(io.BytesIO(data), engine="pyarrow"))


def write_frame(frame: pd.DataFrame, path: str | Path) -> None:
    """Write a validated, typed frame to a Parquet file, as `frame_bytes` would give it."""
    Path(path).write_bytes(frame_bytes(frame))


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a frame written by `write_frame` (or a stored table file), with the same dtypes (and day codes)."""
    return _loaded(pd.read_parquet(path, engine="pyarrow"))


def _loaded(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as read once per store version: one chunk per Arrow column, day codes for the KPI counts."""
    frame = _one_chunk(frame)
    prepare(frame)
    return frame


def _one_chunk(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each Arrow-backed column in one chunk, as read once per store version.

    Parquet row groups arrive as chunks; taking filtered rows from one chunk is several times faster than from many,
    and every filter change takes rows again.
    """
    for name, dtype in frame.dtypes.items():
        if arrow_backed(dtype):
            chunked = frame[name].array.__arrow_array__()
            if chunked.num_chunks > 1:
                frame[name] = pd.array(pa.chunked_array([chunked.combine_chunks()]), dtype=dtype)
    return frame
