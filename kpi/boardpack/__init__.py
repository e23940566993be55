"""The board pack: one description of the pages (spec), written as PDF and PowerPoint from one store snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from kpi.boardpack.choices import RefusedChoice
from kpi.boardpack.house import House, TemplateError, house
from kpi.boardpack.layout import register_fonts
from kpi.boardpack.pdf import write_pdf
from kpi.boardpack.pptx import write_pptx
from kpi.boardpack.spec import Pack, describe, describe_snapshot
from kpi.filters import ActivityFilter
from kpi.i18n import DEFAULT_LANG
from kpi.store import Snapshot

FORMATS: tuple[str, ...] = ("pdf", "pptx")
WRITERS: dict[str, Callable[[Pack, House | None], bytes]] = {"pdf": write_pdf, "pptx": write_pptx}
Progress = Callable[[int, int, str], None]

__all__ = [
    "FORMATS",
    "House",
    "Pack",
    "RefusedChoice",
    "TemplateError",
    "build",
    "describe",
    "describe_snapshot",
    "house",
    "register_fonts",
    "render",
    "write_pdf",
    "write_pptx",
]


def render(
    pack: Pack, formats: Sequence[str] = FORMATS, progress: Progress | None = None, style: House | None = None
) -> dict[str, bytes]:
    """A described pack's files by format, in the house style (default: from the settings)."""
    style = style if style is not None else house()
    files = {}
    for n, kind in enumerate(formats):
        if progress:
            progress(n, len(formats), kind)
        files[kind] = WRITERS[kind](pack, style)
    return files


def build(
    snapshot: Snapshot,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    selection: ActivityFilter | None = None,
    formats: Sequence[str] = FORMATS,
    style: House | None = None,
) -> tuple[Pack, dict[str, bytes]]:
    """The pack for `year` from one snapshot, and its files by format (pdf, pptx)."""
    pack = describe_snapshot(snapshot, year, as_of, lang, selection)
    return pack, render(pack, formats, style=style)
