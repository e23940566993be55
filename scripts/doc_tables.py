"""Tables in docs/ that come from code: settings, import limits, KPIs and the command line's help.

docs/*.md call these from cog blocks (`make docs` regenerates them); tests/test_docs.py runs `cog --check`, so a
table cannot drift from the declaration it shows. Values are the declared defaults, whatever the environment says.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator

from kpi import limits, settings
from kpi import schema as S
from kpi.registry import KPIS

HELP_COLUMNS = "110"  # argparse wraps its help to the terminal width; fixed so the generated text is stable


@contextlib.contextmanager
def _defaults() -> Iterator[None]:
    """Hide every setting's environment variable for the block, so tables show the declared defaults."""
    saved = {s.env: os.environ.pop(s.env) for s in settings.SETTINGS if s.env in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def settings_table() -> str:
    """Every setting from kpi/settings.py: name, environment variable, secrets.toml key, default, meaning."""
    rows = [
        (f"`{s.name}`", f"`{s.env}`", f"`{s.key}`", f"`{s.default}`" if s.default else "(empty)", s.meaning)
        for s in settings.SETTINGS
    ]
    return _table(("setting", "environment", "`[kpi]` key in secrets.toml", "default", "meaning"), rows)


def limits_table() -> str:
    """Every import limit from kpi/limits.py with its value."""
    with _defaults():
        rows = [(limit.name, limit.value, limit.meaning) for limit in limits.limits()]
    return _table(("limit", "value", "what"), rows)


def _column_type(column: S.Column) -> str:
    """How a column's cells are written, as the format table says it."""
    codes = column.codes()
    if column.type == S.CODE and len(codes) > 20:
        return f"ISO 3166-1 alpha-2 code ({len(codes)} codes)"
    if column.type == S.CODE:
        return ", ".join(f"`{c}`" for c in codes)
    return {
        S.ID: "text (an id)",
        S.TEXT: "text",
        S.DATE: "date, `YYYY-MM-DD`",
        S.COUNT: f"whole number 0 to {limits.MAX_COUNT:,}",
        S.YEAR: "year",
        S.TARGET: f"whole number 0 to {limits.MAX_TARGET:,}",
    }[column.type]


def columns_table(kind: str) -> str:
    """Every column of `kind` from kpi/schema.py: name, type, when required, Dutch aliases, meaning."""
    rows = [
        (
            f"`{c.name}`",
            _column_type(c),
            c.required,
            ", ".join(f"`{a}`" for a in c.aliases + tuple(k for k, _, _ in c.yes_no)) or "-",
            c.meaning,
        )
        for c in S.columns(kind)
    ]
    return _table(("column", "type", "required", "also read as (Ja/Nee columns too)", "meaning"), rows)


def kpis_table() -> str:
    """Every KPI from kpi/registry.py: key, Dutch and English label, what it counts."""
    rows = [(f"`{k.key}`", k.label("nl"), k.label("en"), k.description_en) for k in KPIS]
    return _table(("key", "label (nl)", "label (en)", "computation"), rows)


def cli_help(*command: str) -> str:
    """`python -m kpi [command...] --help`, as a fenced block."""
    from kpi.cli import build_parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    out = io.StringIO()
    try:
        with _defaults(), contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            build_parser().parse_args([*command, "--help"])
    finally:
        if previous is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = previous
    return "```text\n" + out.getvalue().rstrip() + "\n```\n"


def commands() -> list[tuple[str, ...]]:
    """Every subcommand path of the CLI (`table`, `store migrate`, ...), in the parser's order."""
    import argparse

    from kpi.cli import build_parser

    found: list[tuple[str, ...]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    found.append((*path, name))
                    walk(child, (*path, name))

    walk(build_parser(), ())
    return found


def all_cli_help() -> str:
    """The top-level help, then each subcommand's under its own heading."""
    parts = [cli_help()]
    for path in commands():
        parts.append(f"\n### `python -m kpi {' '.join(path)}`\n\n{cli_help(*path)}")
    return "".join(parts)
