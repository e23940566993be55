"""CLI subcommand `report`: write the annual report's KPI section as a Word document (.docx)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kpi.cli_store import add_period_arguments, add_store_argument, check_year
from kpi.errors import Refused
from kpi.i18n import t

EXIT_REFUSED = 2


def run_report(args: argparse.Namespace) -> int:
    """Build the report from one snapshot of the store and write it to OUT (.docx)."""
    from kpi.annual_report import build
    from kpi.annual_report.document import check_template, configured_template
    from kpi.store import current_snapshot, open_store

    out = Path(args.out)
    out = out if out.suffix.lower() == ".docx" else out.with_name(f"{out.name}.docx")
    try:
        template = configured_template(args.template)
        check_template(template)  # before anything is read: a bad template is refused at once
        snapshot = current_snapshot(open_store(args.store))  # data, commentary and version label from one read
        check_year(snapshot.activities, snapshot.targets, args.year, args.lang)
        _, document = build(snapshot, args.year, args.as_of, args.lang, template)
    except Refused as error:  # a year outside the data and plans, or a template that cannot be opened
        print(error.message(args.lang), file=sys.stderr)
        return EXIT_REFUSED
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(document)
    print(t("annual.cli.written", args.lang, path=out))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Register `report`."""
    p = sub.add_parser("report", help="write the annual report's KPI section as a Word document (.docx)")
    add_period_arguments(p)
    p.add_argument(
        "--template",
        metavar="agency.docx",
        help="the agency's Word template: its styles, page, header and footer (default: the report_template setting)",
    )
    p.add_argument("--out", required=True, help="output file (.docx)")
    add_store_argument(p)
    p.set_defaults(run=run_report)
