"""CLI subcommands for plans and targets: `targets set` (one target, a revision with its reason) and `targets list`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from kpi import editing as E
from kpi import fmt
from kpi.access import cli_actor
from kpi.cli_store import EXIT_INVALID, add_store_argument
from kpi.i18n import DEFAULT_LANG, LANGS, t
from kpi.problems import Problem
from kpi.registry import KPI_KEYS
from kpi.revisions import revisions
from kpi.schema import Targets as T
from kpi.store import current_snapshot, open_store

# The command line's names for the fields a problem can be beside.
OPTIONS: dict[str, str] = {
    T.plan: "--plan",
    T.start_year: "--start-year",
    T.end_year: "--end-year",
    T.target_min: "--min",
    T.target_max: "--max",
    E.REASON: "--reason",
}


def _text(value: str | None) -> str:
    return "" if value is None else value


def edit_for(args: argparse.Namespace, targets) -> tuple[E.PlanEdit | None, list[E.FieldProblem]]:
    """The plan edit `targets set` asks for, or the problems of its options (unknown KPI, plan without years)."""
    problems = []
    label = args.plan.strip()
    if args.kpi not in KPI_KEYS:
        params = (("kpi", args.kpi), ("allowed", ", ".join(KPI_KEYS)))
        problems.append(E.FieldProblem(None, "kpi", Problem("unknown_kpi", column="kpi", params=params)))
    plan = E.find_plan(targets, label)
    if plan is not None:
        years: tuple[str | int, str | int] = (plan.start_year, plan.end_year)
    elif args.start_year is not None or args.end_year is not None:
        years = (_text(args.start_year), _text(args.end_year or args.start_year))
    elif (named := E.years_from_label(label)) is not None:
        years = named
    else:
        problem = Problem("plan_years_unknown", column=T.plan, params=(("plan", label),))
        problems.append(E.FieldProblem(None, T.plan, problem))
        years = ("", "")
    if problems:
        if args.kpi not in KPI_KEYS and all(years):  # the numbers' own problems too, checked in a known KPI's cell
            carrier = E.PlanEdit(label, years[0], years[1], {KPI_KEYS[0]: (_text(args.min), _text(args.max))})
            found = E.plan_change(targets, carrier).problems
            problems += [replace(p, kpi=args.kpi) for p in found if p.kpi is not None]
        return None, problems
    cells = dict(E.target_cells(targets, label))
    cells[args.kpi] = ("", "") if args.undefined else (_text(args.min), _text(args.max))
    return E.PlanEdit(label, years[0], years[1], cells, args.reason or ""), []


def _field(problem: E.FieldProblem) -> str:
    name = OPTIONS.get(problem.column, f"--{problem.column}")
    return f"{problem.kpi} {name}" if problem.kpi else name


def print_problems(problems: list[E.FieldProblem], lang: str) -> int:
    """Every problem on stderr, each named by its option; the exit code for invalid input."""
    print(t("edit.cli.refused", lang, count=len(problems)), file=sys.stderr)
    for problem in problems:
        print("- " + t("edit.cli.field", lang, field=_field(problem), message=problem.message(lang)), file=sys.stderr)
    return EXIT_INVALID


def run_set(args: argparse.Namespace) -> int:
    """Set one KPI's target in a plan (a new plan from its label's years); a changed target needs --reason."""
    store = open_store(args.store)
    based_on = store.seed_demo()
    targets = store.load_table(based_on, "targets")
    edit, problems = edit_for(args, targets)
    if edit is None:
        return print_problems(problems, args.lang)
    change = E.plan_change(targets, edit)
    if not change.ok:
        return print_problems(list(change.problems), args.lang)
    if change.diff is not None and change.diff.is_empty:
        target = E.cell_target(*edit.cells[args.kpi])
        print(t("edit.cli.no_change", args.lang, target=fmt.target(target, args.lang)))
        return 0
    manifest = E.save_plan(store, based_on, change, cli_actor())
    print(t("edit.cli.saved", args.lang, version=manifest.label, description=manifest.description))
    for revision in revisions(manifest):
        if revision.version == manifest.version:
            print(revision.describe(args.lang))
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print every plan's targets, each with its revisions (read-only)."""
    snapshot = current_snapshot(open_store(args.store, read_only=True))
    found = revisions(snapshot.manifest)
    lines = [
        line
        for line in E.target_lines(snapshot.targets, found)
        if (args.plan is None or line.plan.label == args.plan.strip()) and (args.kpi is None or line.kpi == args.kpi)
    ]
    if not lines:
        print(t("edit.cli.no_targets", args.lang))
    for line in lines:
        period = f"{line.plan.start_year}-{line.plan.end_year}"
        print(f"{line.plan.label:<16} {period:<10} {line.kpi:<22} {fmt.target(line.target, args.lang)}")
        for revision in line.revisions:
            print(f"    {revision.describe(args.lang)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Register `targets set` and `targets list`."""
    p = sub.add_parser("targets", help="list plans and targets, or set one target (a revision with its reason)")
    actions = p.add_subparsers(dest="targets_command", required=True)
    s = actions.add_parser("set", help="set one KPI's target in a plan (saved as a new version)")
    s.add_argument("--plan", required=True, help="plan label, e.g. 'AP 2019' or 'MJP 2021-2024'")
    s.add_argument("--kpi", required=True, help=f"one of {', '.join(KPI_KEYS)}")
    s.add_argument("--min", help="the target's minimum (a single number: --min only)")
    s.add_argument("--max", help="the target's maximum (a range: --min and --max)")
    s.add_argument("--undefined", action="store_true", help="no target ('niet gedefinieerd')")
    s.add_argument("--reason", help="why an existing target changes (required then)")
    s.add_argument("--start-year", dest="start_year", help="first year of a new plan (default: from its label)")
    s.add_argument("--end-year", dest="end_year", help="last year of a new plan (default: from its label)")
    add_store_argument(s)
    s.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    s.set_defaults(run=run_set)
    ls = actions.add_parser("list", help="every plan's targets and their revisions")
    ls.add_argument("--plan", help="only this plan")
    ls.add_argument("--kpi", help="only this KPI")
    add_store_argument(ls)
    ls.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    ls.set_defaults(run=run_list)
