"""The board pack: one description of the pages (spec), rendered as PDF and PowerPoint."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd

from kpi.boardpack.charts import Progress, chart_server, render_all
from kpi.boardpack.pdf import register_fonts, write_pdf
from kpi.boardpack.pptx import write_pptx
from kpi.boardpack.spec import Pack, describe
from kpi.filters import ActivityFilter

FORMATS: tuple[str, ...] = ("pdf", "pptx")
WRITERS: dict[str, Callable[[Pack, dict[str, bytes]], bytes]] = {"pdf": write_pdf, "pptx": write_pptx}
WRITE_STEP = "write"  # the progress label after the last chart, while the files are written


def _files(pack: Pack, formats: Sequence[str], progress: Progress | None,
           timings: dict[str, float] | None) -> dict[str, bytes]:
    images = render_all(pack.charts(), progress, timings)
    if progress:
        progress(len(images), len(images), WRITE_STEP)
    return {f: WRITERS[f](pack, images) for f in formats}


def render(pack: Pack, formats: Sequence[str] = FORMATS, progress: Progress | None = None,
           timings: dict[str, float] | None = None) -> dict[str, bytes]:
    """A described pack's files by format; every chart is rendered once and shared by both formats."""
    with chart_server():
        return _files(pack, formats, progress, timings)


def build(activities: pd.DataFrame, targets: pd.DataFrame, year: int, as_of: dt.date | None = None,
          lang: str = "nl", selection: ActivityFilter | None = None, commentary: dict[str, str] | None = None,
          version: str = "", formats: Sequence[str] = FORMATS, progress: Progress | None = None,
          timings: dict[str, float] | None = None) -> dict[str, bytes]:
    """Build the pack for `year` as `formats` (pdf, pptx): {format: file bytes}."""
    with chart_server():  # the browser starts in the background while fonts load and the pack is described
        register_fonts()
        pack = describe(activities, targets, year, as_of, lang, selection, commentary, version)
        return _files(pack, formats, progress, timings)
