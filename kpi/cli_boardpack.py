"""CLI subcommand `boardpack`: write the board pack as PDF and/or PowerPoint, e.g. for a quarterly mail job."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kpi import sources
from kpi.cli_store import add_store_argument
from kpi.commentary import commentary_for
from kpi.filters import ActivityFilter
from kpi.i18n import LANGS

FORMAT_CHOICES: tuple[str, ...] = ("pdf", "pptx", "both")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def output_paths(out: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Where each format goes: OUT itself for one format (suffix fixed), OUT.pdf and OUT.pptx for both."""
    if len(formats) == 1:
        return {formats[0]: out.with_suffix(f".{formats[0]}")}
    stem = out.with_suffix("") if out.suffix.lower() in (".pdf", ".pptx") else out
    return {f: stem.with_name(f"{stem.name}.{f}") for f in formats}


def run_boardpack(args: argparse.Namespace) -> int:
    """Build the pack from the current data and write the requested files."""
    from kpi.boardpack import build  # imports plotly and kaleido: only when this command runs

    snapshot = sources.current(args.store)  # read once: data, commentary and version label agree
    activities, targets = (snapshot.activities, snapshot.targets) if snapshot else sources.load_current(args.store)
    formats = ("pdf", "pptx") if args.format == "both" else (args.format,)
    selection = ActivityFilter(countries=tuple(c.upper() for c in args.country or ()))
    files = build(activities, targets, args.year, args.as_of, args.lang, selection,
                  commentary={} if snapshot is None else commentary_for(snapshot.commentary, args.year, args.lang),
                  version=sources.version_label(snapshot and snapshot.manifest), formats=formats)
    for fmt_, path in output_paths(Path(args.out), formats).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[fmt_])
        print(path, file=sys.stdout)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Register `boardpack`."""
    p = sub.add_parser("boardpack", help="write the board pack (PDF and/or PowerPoint) for a year")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", type=_date, dest="as_of", help="as-of date YYYY-MM-DD (default: 31 Dec of YEAR)")
    p.add_argument("--lang", choices=LANGS, default="nl")
    p.add_argument("--format", choices=FORMAT_CHOICES, default="both")
    p.add_argument("--country", action="extend", nargs="+", metavar="CN",
                   help="only missions with these countries (ISO codes, e.g. --country CN DE)")
    p.add_argument("--out", required=True, help="output file; with --format both, OUT.pdf and OUT.pptx")
    add_store_argument(p)
    p.set_defaults(run=run_boardpack)
