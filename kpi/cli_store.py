"""CLI subcommands for the data store: `import`, `versions`, `rollback` and `store migrate|verify|seed-demo`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pandas as pd

from kpi import diff as D
from kpi import fmt
from kpi import mapping as M
from kpi.access import cli_actor
from kpi.dashboard import selectable_years
from kpi.errors import Refused
from kpi.i18n import DEFAULT_LANG, LANGS, t
from kpi.importing import KINDS, commit_import, prepare_import
from kpi.readers import read_raw, visible_name
from kpi.store import Store, open_store, parse_version, version_label
from kpi.store_migrate import migrate
from kpi.validate import Reading
from kpi.values import DATE_ORDERS, NUMBER_LOCALES

EXIT_INVALID = 2
STORE_HELP = "store folder or postgresql:// URL (default: KPI_STORE, else KPI_STORE_DIR, else ./store)"


def add_store_argument(p: argparse.ArgumentParser, flag: str = "--store") -> None:
    """The `--store DIR|URL` option every command takes."""
    p.add_argument(flag, dest="store", default=None, metavar="DIR|URL", help=STORE_HELP)


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_period_arguments(p: argparse.ArgumentParser) -> None:
    """The `--year`, `--as-of` and `--lang` options of the commands that write a document for a year."""
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", type=_iso_date, dest="as_of", help="as-of date YYYY-MM-DD (default: 31 Dec of YEAR)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)


class PeriodRefused(Refused):
    """A year or date the table cannot be made for; raised with its message already in the user's language."""


def check_year(activities: pd.DataFrame, targets: pd.DataFrame, year: int, lang: str) -> None:
    """Refuse a year outside every plan and all data (PeriodRefused with a clear message)."""
    years = selectable_years(activities, targets)
    if year not in years:
        raise PeriodRefused(t("progress.cli.bad_year", lang, year=year, first=years[0], last=years[-1]))


def _store(args: argparse.Namespace, read_only: bool = False) -> Store:
    return open_store(args.store, read_only=read_only)


def _notice(store: Store, lang: str) -> None:
    """Tell the user when the pointer to the current version had to be recovered."""
    head = store.last_head if store.last_head is not None else store.head()
    if head.recovered:
        print(f"{t('severity.warning', lang)}: {head.describe(lang)}", file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    """Validate a file, print the change and save it as a new version (nothing is written if invalid or a dry run)."""
    mode = D.REPLACE if args.replace else D.ADD_ONLY if args.add_only else D.ADD_UPDATE
    store = _store(args, read_only=args.dry_run)
    reading = Reading(args.date_order, args.number_locale)
    name = visible_name(Path(args.file).name)
    mapping = None
    if args.profile:
        record = store.current_profiles().get(" ".join(args.profile.split()))
        if record is None or record.kind != args.kind:
            known = ", ".join(sorted(p for p, r in store.current_profiles().items() if r.kind == args.kind)) or "-"
            print(t("datain.cli.no_profile", args.lang, name=visible_name(args.profile), known=known), file=sys.stderr)
            return EXIT_INVALID
        mapping = M.Mapping.from_json(record.mapping)
    prepared = prepare_import(store, args.file, name, args.kind, mode, reading, mapping)
    _notice(store, args.lang)
    for warning in prepared.warnings:
        print(f"{t(f'severity.{warning.severity}', args.lang)}: {warning.describe(args.lang)}", file=sys.stderr)
    print(t("cli.change", args.lang, **{k: fmt.number(v, args.lang) for k, v in prepared.diff.counts.items()}))
    if args.dry_run:
        print(t("cli.dry_run", args.lang))
        return 0
    manifest = commit_import(store, prepared, cli_actor())
    print(t("cli.saved", args.lang, version=manifest.label))
    if args.save_profile:
        proposed = mapping or M.propose(read_raw(args.file, name), args.kind)
        chosen = M.Mapping(proposed.kind, proposed.columns, proposed.values, reading.date_order, reading.number_locale)
        saved = store.save_profile(args.save_profile, args.kind, chosen.to_json(), cli_actor())
        print(t("datain.cli.profile_saved", args.lang, name=saved.name, version=saved.version))
    return 0


def run_versions(args: argparse.Namespace) -> int:
    """List every version with its manifest, the current one marked (read-only)."""
    store = _store(args, read_only=True)
    head = store.head()
    _notice(store, args.lang)
    for m in store.versions():
        rows = ", ".join(f"{k} {v}" for k, v in m.rows.items())
        mark = "*" if m.version == head.version else " "
        print(
            f"{mark} {m.label:>5}  {m.created}  {m.action:<10} {m.user or '-':<12} {m.source or '-'}  "
            f"[{rows}]  {m.description}  sha256:{m.checksum[:12]}"
        )
    if head.version is None:
        print(t("cli.no_store", args.lang, path=store.shown))
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    """Make an earlier version current again, as a new version (recorded as the operating-system user)."""
    store = _store(args)
    try:
        version = parse_version(args.version)
        store.manifest(version)
    except (ValueError, FileNotFoundError):
        print(t("cli.no_such_version", args.lang, version=args.version), file=sys.stderr)
        return EXIT_INVALID
    based_on = store.seed_demo()
    _notice(store, args.lang)
    manifest = store.rollback(version, based_on, cli_actor())
    print(t("cli.saved", args.lang, version=manifest.label))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    """Copy every version of one store into another, manifests and bytes intact."""
    source, target = open_store(args.source, read_only=True), open_store(args.target)
    for manifest, copied in migrate(source, target, cli_actor()):
        key = "cli.store.copied" if copied else "cli.store.present"
        print(t(key, args.lang, version=manifest.label, checksum=f"sha256:{manifest.checksum[:12]}"))
    current = target.current_version()
    if current is None:
        print(t("cli.store.empty", args.lang, location=source.shown))
        return 0
    print(t("cli.store.migrated", args.lang, count=len(target.versions()), target=target.shown, version=f"v{current}"))
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Check every version's files against its manifest's checksums; exit 2 if any is damaged."""
    store = _store(args, read_only=True)
    _notice(store, args.lang)
    manifests = store.versions()
    good = 0
    for m in manifests:
        ok = store.verify(m.version)
        good += ok
        print(
            t(
                "cli.store.verify_ok" if ok else "cli.store.verify_bad",
                args.lang,
                version=m.label,
                checksum=f"sha256:{m.checksum[:12]}",
            ),
            file=sys.stdout if ok else sys.stderr,
        )
    if not manifests:
        print(t("cli.store.empty", args.lang, location=store.shown))
    print(t("cli.store.verify_summary", args.lang, good=good, count=len(manifests), location=store.shown))
    return 0 if good == len(manifests) else EXIT_INVALID


def run_seed_demo(args: argparse.Namespace) -> int:
    """The first start: save the demo data as v1 into an empty store; a store that holds data is left as it is."""
    store = _store(args)
    before = store.current_version()
    version = store.seed_demo()
    _notice(store, args.lang)
    key = "cli.store.seeded" if before is None else "cli.store.seed_present"
    print(t(key, args.lang, version=version_label(version), location=store.shown))
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    add_store_argument(p)
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)


def register(sub: argparse._SubParsersAction) -> None:
    """Register `import`, `versions`, `rollback` and `store migrate|verify|seed-demo`."""
    p = sub.add_parser("import", help="validate a file and save it as a new version of the data")
    p.add_argument("file")
    p.add_argument("--kind", choices=KINDS, required=True)
    modes = p.add_mutually_exclusive_group()
    modes.add_argument("--replace", action="store_true", help="the file replaces the whole table")
    modes.add_argument(
        "--add-only", action="store_true", dest="add_only", help="only add rows; an id that already exists is an error"
    )
    p.add_argument(
        "--dry-run", action="store_true", dest="dry_run", help="validate and preview; write nothing anywhere"
    )
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        default="auto",
        dest="date_order",
        help="how d-m-yyyy dates are read: auto (day-first when the file shows it; else refused with the rows), "
        "dmy (confirmed day-first) or mdy (month-first)",
    )
    p.add_argument(
        "--profile", metavar="NAME", help="read the file with a saved mapping profile (its columns must match)"
    )
    p.add_argument(
        "--save-profile",
        metavar="NAME",
        dest="save_profile",
        help="after saving, keep this file's mapping (columns, values, date order) as a new version of profile NAME",
    )
    p.add_argument(
        "--number-locale",
        choices=NUMBER_LOCALES,
        default="auto",
        dest="number_locale",
        help="thousands separators: auto (from the file: ';' CSV and workbooks Dutch 1.200, ',' CSV English "
        "1,200), nl or en",
    )
    _common(p)
    p.set_defaults(run=run_import)
    p = sub.add_parser("versions", help="list the versions of the data")
    _common(p)
    p.set_defaults(run=run_versions)
    p = sub.add_parser("rollback", help="make an earlier version current again (as a new version)")
    p.add_argument("version", help="e.g. v3 or 3")
    _common(p)
    p.set_defaults(run=run_rollback)
    p = sub.add_parser("store", help="move or check the whole store")
    actions = p.add_subparsers(dest="store_command", required=True)
    m = actions.add_parser("migrate", help="copy every version from one store to another (e.g. folder to PostgreSQL)")
    m.add_argument("--from", dest="source", required=True, metavar="DIR|URL", help="the store to copy from")
    m.add_argument("--to", dest="target", required=True, metavar="DIR|URL", help="the store to copy into")
    m.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    m.set_defaults(run=run_migrate)
    v = actions.add_parser("verify", help="check every version's checksums")
    _common(v)
    v.set_defaults(run=run_verify)
    d = actions.add_parser("seed-demo", help="the first start: save the demo data as v1 into an empty store")
    _common(d)
    d.set_defaults(run=run_seed_demo)
