"""The KPI table as the report prints it, as display strings and as plain text."""
from __future__ import annotations

import pandas as pd

from kpi import fmt
from kpi.engine import table_context
from kpi.i18n import t
from kpi.targets import Target


def report_headers(targets: pd.DataFrame, year: int, lang: str) -> list[str]:
    """Column headers as in the report: KPI, MJP '17-'20, AP '18, Real '18, Real cum. ('17-'18)."""
    plan, annual = table_context(targets, year)
    period = plan.period_label() if plan else t("table.no_plan", lang)
    cumulative = f"'{plan.start_year % 100:02d}-'{year % 100:02d}" if plan else f"'{year % 100:02d}"
    return [t("table.kpi", lang), t("table.plan", lang, period=period),
            t("table.annual", lang, year=f"'{year % 100:02d}"),
            t("table.realized", lang, year=f"'{year % 100:02d}"),
            t("table.cumulative", lang, period=cumulative)]


def report_rows(table: pd.DataFrame, lang: str) -> list[list[str]]:
    """The table's cells as the report writes them (24-32, 1.200, niet gedefinieerd)."""
    rows = []
    for row in table.itertuples(index=False):
        plan_target = Target(_int(row.plan_target_min), _int(row.plan_target_max))
        annual_target = Target(_int(row.annual_target_min), _int(row.annual_target_max))
        rows.append([row.label, fmt.target(plan_target, lang), fmt.target(annual_target, lang),
                     fmt.number(row.realized, lang), fmt.number(_int(row.realized_cumulative), lang)])
    return rows


def report_frame(table: pd.DataFrame, targets: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """The report's table as a frame of display strings."""
    return pd.DataFrame(report_rows(table, lang), columns=report_headers(targets, year, lang))


def report_text(table: pd.DataFrame, targets: pd.DataFrame, year: int, lang: str) -> str:
    """The report's table as aligned plain text, for the terminal."""
    frame = report_frame(table, targets, year, lang)
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


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
