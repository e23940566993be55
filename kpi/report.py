"""The KPI table as the report prints it, as display strings and as plain text."""

from __future__ import annotations

import pandas as pd

from kpi import fmt
from kpi.engine import KPITable, rows_of, table_context
from kpi.i18n import t
from kpi.story import needed_text


def report_headers(targets: pd.DataFrame, year: int, lang: str) -> list[str]:
    """Column headers as in the report: KPI, MJP '17-'20, AP '18, Real '18, Real cum. ('17-'18)."""
    plan, annual = table_context(targets, year)
    short = f"'{year % 100:02d}"
    cumulative = f"'{plan.start_year % 100:02d}-{short}" if plan else short
    return [
        t("table.kpi", lang),
        t("table.plan", lang, period=plan.period_label()) if plan else t("progress.header_no_plan", lang),
        t("table.annual", lang, year=short) if annual else t("progress.header_no_annual", lang, year=short),
        t("table.realized", lang, year=short),
        t("table.cumulative", lang, period=cumulative),
    ]


def report_rows(table: KPITable, lang: str) -> list[list[str]]:
    """The table's cells as the report writes them (24-32, 1.200, niet gedefinieerd)."""
    return [
        [
            row.label,
            fmt.target(row.plan_target, lang),
            fmt.target(row.annual_target, lang),
            fmt.number(row.realized, lang),
            fmt.number(row.cumulative, lang),
        ]
        for row in rows_of(table)
    ]


def progress_frame(table: KPITable, lang: str) -> pd.DataFrame:
    """Per KPI: expected by the as-of date, the difference, the pace, the year-end forecast and what is still needed
    (per remaining month, or in all for the days left)."""
    as_of = fmt.date(table.as_of, lang)
    rows = []
    for row in rows_of(table):
        f = row.forecast
        cells = [
            row.kpi.short(lang),
            fmt.number(row.realized, lang),
            fmt.number(row.annual_expected, lang) if row.annual_expected is not None else "",
            fmt.signed(row.expected_gap, lang),
            t(f"progress.method.{row.pace.method.value}", lang),
            fmt.number(f.value, lang) if f.low == f.high else f"{fmt.number(f.low, lang)}-{fmt.number(f.high, lang)}",
            needed_text(row.needed, str(table.year), lang) if row.year_running else "",
        ]
        if table.reference is not None:
            cells.append(fmt.signed(row.change.difference, lang) if row.change else "")
        rows.append(cells)
    headers = [
        t("table.kpi", lang),
        t("table.realized", lang, year=f"'{table.year % 100:02d}"),
        t("progress.col.expected", lang, date=as_of),
        t("progress.col.gap", lang),
        t("progress.col.pace", lang),
        t("progress.col.forecast", lang, year=table.year),
        t("story.col.needed", lang),
    ]
    if table.reference is not None:
        since = "progress.col.change_pack" if table.since_pack else "progress.col.change"
        headers.append(t(since, lang, date=fmt.date(table.reference, lang)))
    return pd.DataFrame(rows, columns=headers)


def report_frame(table: KPITable, targets: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """The report's table as a frame of display strings."""
    return pd.DataFrame(report_rows(table, lang), columns=report_headers(targets, year, lang))


def report_text(table: KPITable, targets: pd.DataFrame, year: int, lang: str) -> str:
    """The report's table as aligned plain text, for the terminal."""
    return text_table(report_frame(table, targets, year, lang))


def text_table(frame: pd.DataFrame) -> str:
    """A frame of display strings as aligned plain text: first column left, the others right."""
    cells = [list(frame.columns)] + frame.values.tolist()
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(cells[0]))]
    lines = []
    for n, row in enumerate(cells):
        first = str(row[0]).ljust(widths[0])
        rest = [str(v).rjust(w) for v, w in zip(row[1:], widths[1:])]
        lines.append("  ".join([first, *rest]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def difference_frame(before: KPITable, after: KPITable, lang: str) -> pd.DataFrame:
    """Per KPI the realised value and status in two tables (e.g. two data versions) and the difference."""
    earlier = {row.key: row for row in rows_of(before)}
    rows = []
    for row in rows_of(after):
        old = earlier.get(row.key)
        rows.append(
            [
                row.kpi.short(lang),
                fmt.number(old.realized, lang) if old else "",
                fmt.number(row.realized, lang),
                fmt.signed(row.realized - old.realized, lang) if old else "",
                t(f"status.{old.annual_status}", lang) if old else "",
                t(f"status.{row.annual_status}", lang),
            ]
        )
    headers = [
        t("table.kpi", lang),
        t("progress.diff.before", lang),
        t("progress.diff.after", lang),
        t("progress.diff.change", lang),
        t("progress.diff.status_before", lang),
        t("progress.diff.status_after", lang),
    ]
    return pd.DataFrame(rows, columns=headers)
