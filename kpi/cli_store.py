"""CLI subcommands for the data store: `import`, `versions`, `rollback`."""
from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from kpi import diff as D
from kpi import fmt
from kpi.i18n import LANGS, t
from kpi.importing import KINDS, commit_import, prepare_import
from kpi.store import Store, parse_version

EXIT_INVALID = 2


def _store(args: argparse.Namespace) -> Store:
    return Store(args.store) if args.store else Store()


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def run_import(args: argparse.Namespace) -> int:
    """Validate a file, print the change and save it as a new version (nothing is written if invalid)."""
    mode = D.REPLACE if args.replace else D.ADD_ONLY if args.add_only else D.ADD_UPDATE
    store = _store(args)
    prepared = prepare_import(store, args.file, Path(args.file).name, args.kind, mode)
    for warning in prepared.warnings:
        print(f"{t('severity.warning', args.lang)}: {warning.describe(args.lang)}", file=sys.stderr)
    print(t("cli.change", args.lang, **{k: fmt.number(v, args.lang) for k, v in prepared.diff.counts.items()}))
    if args.dry_run:
        print(t("cli.dry_run", args.lang))
        return 0
    manifest = commit_import(store, prepared, _user())
    print(t("cli.saved", args.lang, version=manifest.label))
    return 0


def run_versions(args: argparse.Namespace) -> int:
    """List every version with its manifest, the current one marked."""
    store = _store(args)
    current = store.current_version()
    for m in store.versions():
        rows = ", ".join(f"{k} {v}" for k, v in m.rows.items())
        mark = "*" if m.version == current else " "
        print(f"{mark} {m.label:>5}  {m.created}  {m.action:<10} {m.user or '-':<12} {m.source or '-'}  "
              f"[{rows}]  {m.description}  sha256:{m.checksum[:12]}")
    if current is None:
        print(t("cli.no_store", args.lang, path=store.root))
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    """Make an earlier version current again, as a new version."""
    store = _store(args)
    try:
        version = parse_version(args.version)
        store.manifest(version)
    except (ValueError, FileNotFoundError):
        print(t("cli.no_such_version", args.lang, version=args.version), file=sys.stderr)
        return EXIT_INVALID
    manifest = store.rollback(version, store.ensure(), _user())
    print(t("cli.saved", args.lang, version=manifest.label))
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help="store directory (default: KPI_STORE_DIR, else ./store)")
    p.add_argument("--lang", choices=LANGS, default="nl")


def register(sub: argparse._SubParsersAction) -> None:
    """Register `import`, `versions` and `rollback`."""
    p = sub.add_parser("import", help="validate a file and save it as a new version of the data")
    p.add_argument("file")
    p.add_argument("--kind", choices=KINDS, required=True)
    modes = p.add_mutually_exclusive_group()
    modes.add_argument("--replace", action="store_true", help="the file replaces the whole table")
    modes.add_argument("--add-only", action="store_true", dest="add_only",
                       help="only add rows; an id that already exists is an error")
    p.add_argument("--dry-run", action="store_true", dest="dry_run", help="validate and preview, save nothing")
    _common(p)
    p.set_defaults(run=run_import)
    p = sub.add_parser("versions", help="list the versions of the data")
    _common(p)
    p.set_defaults(run=run_versions)
    p = sub.add_parser("rollback", help="make an earlier version current again (as a new version)")
    p.add_argument("version", help="e.g. v3 or 3")
    _common(p)
    p.set_defaults(run=run_rollback)
