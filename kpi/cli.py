"""The command line: `python -m kpi table ...` and the subcommands other modules register."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import sys
from collections.abc import Callable, Sequence

import pandas as pd

from kpi import cli_boardpack, cli_report, cli_store, cli_targets
from kpi.cli_store import check_year
from kpi.engine import kpi_table
from kpi.errors import KpiError
from kpi.i18n import DEFAULT_LANG, LANGS
from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
from kpi.report import progress_frame, report_text, text_table
from kpi.store import current_snapshot, open_store
from kpi.story import data_through_text, imported_at

EXIT_INVALID = 2


def _date(text: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if value.year < 1900:
        raise argparse.ArgumentTypeError(f"not a plausible date: {text!r}") from None
    return value


def table_records(table: pd.DataFrame) -> list[dict[str, object]]:
    """The KPI table as JSON-ready records: undefined values are None, never 0."""
    records = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in records]


def run_table(args: argparse.Namespace) -> int:
    """Print the KPI table for a year in text, CSV or JSON."""
    imported = None
    if args.activities and args.targets:
        activities, targets = load_activities(args.activities), load_targets(args.targets)
    else:  # the current data (the store's current version, else the demo data) for what was not given as a file
        store = open_store(args.store, read_only=True)
        snapshot = current_snapshot(store)
        activities = load_activities(args.activities) if args.activities else snapshot.activities
        targets = load_targets(args.targets) if args.targets else snapshot.targets
        imported = None if args.activities else imported_at(store, snapshot.manifest)  # the store's activities
    check_year(activities, targets, args.year, args.lang)
    table = kpi_table(activities, targets, args.year, args.as_of, args.lang, reference=args.since, imported=imported)
    if args.format == "json":
        print(json.dumps(table_records(table.to_frame()), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        table.to_frame().to_csv(buffer, index=False)
        print(buffer.getvalue(), end="")
    else:
        print(report_text(table, targets, args.year, args.lang))
        print()
        print(text_table(progress_frame(table, args.lang)))
        print()
        print(data_through_text(table, args.lang))
    return 0


def add_table_command(sub: argparse._SubParsersAction) -> None:
    """Register `table`."""
    p = sub.add_parser("table", help="print the KPI table for a year")
    p.add_argument("--year", type=int, required=True)
    p.add_argument(
        "--activities", help=f"activities file (default: the current data, initially {DEMO_ACTIVITIES.name})"
    )
    p.add_argument("--targets", help=f"targets file (default: the current data, initially {DEMO_TARGETS.name})")
    p.add_argument("--as-of", type=_date, dest="as_of", help="as-of date YYYY-MM-DD (default: 31 Dec of YEAR)")
    p.add_argument("--since", type=_date, help="also show the change since this date YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "csv", "json"), default="text")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    cli_store.add_store_argument(p)
    p.set_defaults(run=run_table)


REGISTRARS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    add_table_command,
    cli_store.register,
    cli_boardpack.register,
    cli_report.register,
    cli_targets.register,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m kpi", description="KPI dashboard command line")
    sub = parser.add_subparsers(dest="command", required=True)
    for register in REGISTRARS:
        register(sub)
    return parser


class OneLine(logging.Formatter):
    """Log records as one line each on the CLI's standard error: the detail (a traceback) stays out."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {record.getMessage().splitlines()[0][:300]}"

    def formatException(self, ei) -> str:
        return ""


def log_to_stderr() -> None:
    """The project's loggers write to a handler of their own: one line per record, never a traceback."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLine())
    logger = logging.getLogger("kpi")
    logger.handlers = [handler]
    logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; invalid input files print every problem and exit with code 2; no traceback is ever printed."""
    args = build_parser().parse_args(argv)
    log_to_stderr()
    try:
        return _run(args)
    except Exception as error:  # the last guard: a message, never a traceback
        logging.getLogger("kpi.cli").debug("unexpected error", exc_info=True)
        print(f"Onverwachte fout / unexpected error: {type(error).__name__}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except KpiError as error:  # a file's problems, a store error, a refused role or request: the message, exit 2
        print(error.message(getattr(args, "lang", DEFAULT_LANG) or DEFAULT_LANG), file=sys.stderr)
        return EXIT_INVALID
    except FileNotFoundError as error:
        print(f"File not found / bestand niet gevonden: {error.filename}", file=sys.stderr)
        return EXIT_INVALID
