"""CLI subcommand `boardpack`: write the board pack as PDF and/or PowerPoint, e.g. for a quarterly mail job."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kpi.cli_store import add_period_arguments, add_store_argument
from kpi.errors import Refused
from kpi.filters import ActivityFilter

FORMAT_CHOICES: tuple[str, ...] = ("pdf", "pptx", "both")
EXIT_REFUSED = 2


def _years(text: str) -> tuple[int, int]:
    try:
        lo, hi = (int(v) for v in text.split("-")) if "-" in text else (int(text), int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year or year range (2018 or 2017-2018): {text!r}") from None
    return min(lo, hi), max(lo, hi)


def output_paths(out: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Where each format goes: OUT itself for one format (suffix fixed), OUT.pdf and OUT.pptx for both."""
    if len(formats) == 1:
        return {formats[0]: out.with_suffix(f".{formats[0]}")}
    stem = out.with_suffix("") if out.suffix.lower() in (".pdf", ".pptx") else out
    return {f: stem.with_name(f"{stem.name}.{f}") for f in formats}


def record_path(out: Path) -> Path:
    """The JSON record beside the pack: what it was built from (version, as-of date, figures)."""
    stem = out.with_suffix("") if out.suffix.lower() in (".pdf", ".pptx") else out
    return stem.with_name(f"{stem.name}.json")


def run_boardpack(args: argparse.Namespace) -> int:
    """Build the pack from one snapshot of the store, write the requested files and its JSON record, and record
    in the store that it was built (its change column compares with the last pack recorded before its as-of date)."""
    from kpi.access import cli_actor
    from kpi.boardpack import describe_snapshot, house, render
    from kpi.reference import pack_reference
    from kpi.store import current_snapshot, open_store
    from kpi.targets import end_of_year

    formats = ("pdf", "pptx") if args.format == "both" else (args.format,)
    selection = ActivityFilter(
        years=args.years, countries=tuple(c.upper() for c in args.country or ()), themes=tuple(args.theme or ())
    )
    try:
        style = house(args.template)
        store = open_store(args.store)
        store.seed_demo()  # the pack is recorded against a saved version: an empty store gets the demo data first
        snapshot = current_snapshot(store)  # data, commentary and version label from one read
        as_of = args.as_of or end_of_year(args.year)
        reference = pack_reference(store, as_of)
        pack = describe_snapshot(snapshot, args.year, as_of, args.lang, selection, reference)
    except Refused as error:  # a year or filter value the data does not know, or the house template
        print(error.message(args.lang), file=sys.stderr)  # a template's refusal names no path
        return EXIT_REFUSED
    files = render(pack, formats, style=style)
    for kind, path in output_paths(Path(args.out), formats).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[kind])
        print(path, file=sys.stdout)
    record = record_path(Path(args.out))
    record.write_text(json.dumps(pack.record, ensure_ascii=False, indent=2), encoding="utf-8")
    print(record, file=sys.stdout)
    store.record_board_pack(snapshot.manifest.version, as_of, args.year, args.lang, cli_actor())
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Register `boardpack`."""
    p = sub.add_parser("boardpack", help="write the board pack (PDF and/or PowerPoint) for a year")
    add_period_arguments(p)
    p.add_argument("--format", choices=FORMAT_CHOICES, default="both")
    p.add_argument(
        "--country",
        action="extend",
        nargs="+",
        metavar="CN",
        help="only missions with these countries (ISO codes, e.g. --country CN DE)",
    )
    p.add_argument("--theme", action="extend", nargs="+", metavar="THEME", help="only missions with these themes")
    p.add_argument(
        "--years", type=_years, metavar="2017-2018", help="the years of the mission pages and appendix (default: YEAR)"
    )
    p.add_argument(
        "--template",
        metavar="agency.pptx",
        help="the organisation's PowerPoint template (default: the board_template setting)",
    )
    p.add_argument("--out", required=True, help="output file; with --format both, OUT.pdf and OUT.pptx")
    add_store_argument(p)
    p.set_defaults(run=run_boardpack)
