"""The annual report's KPI section described as data: table, generated text, commentary and charts, nothing drawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from kpi import fmt
from kpi.boardpack.chartspec import BarChart, missions_by_country_chart, missions_by_theme_chart, percent_chart
from kpi.charts import score_rows
from kpi.commentary import commentary_for, period_of
from kpi.engine import KPITable, kpi_table, rows_of
from kpi.i18n import DEFAULT_LANG, t
from kpi.narrative import Narrative, narrative, year_missions
from kpi.report import report_headers, report_rows
from kpi.sources import version_label
from kpi.store import Snapshot
from kpi.targets import end_of_year


@dataclass(frozen=True)
class Report:
    """Everything the Word document shows, and what it was built from."""

    year: int
    as_of: dt.date
    lang: str
    version: str  # the data version's label, e.g. 'v3 · 2026-11-28'
    title: str
    subtitle: str
    headers: tuple[str, ...]  # the report's table: KPI, MJP '17-'20, AP '18, Real '18, Real cum. ('17-'18)
    rows: tuple[tuple[str, ...], ...]
    text: Narrative
    commentary: tuple[tuple[str, str], ...]  # (KPI label, the team's text), in registry order
    charts: tuple[BarChart, ...]
    record: dict = field(default_factory=dict, compare=False)

    def file_name(self) -> str:
        """A file name for the document, e.g. 'jaarverslag-kpi-2018-nl.docx'."""
        return file_name(self.year, self.lang)


def file_name(year: int, lang: str) -> str:
    """The report's file name: 'jaarverslag-kpi-2018-nl.docx' / 'annual-report-kpi-2018-en.docx'."""
    return f"{t('annual.file_stem', lang)}-{year}-{lang}.docx"


def report_charts(table: KPITable, missions: pd.DataFrame, lang: str) -> tuple[BarChart, ...]:
    """The report's charts: realised as % of the annual and of the plan target, missions by country and theme."""
    rows = list(score_rows(table, lang, {}))
    charts = []
    if any(r.annual_target.min for r in rows):
        charts.append(percent_chart("report.year", rows, table.year, lang))
    if any(r.plan_target.min and r.cumulative is not None and r.plan for r in rows):
        charts.append(percent_chart("report.plan", rows, table.year, lang, plan=True))
    if len(missions):
        charts += [missions_by_country_chart(missions, lang), missions_by_theme_chart(missions, lang)]
    return tuple(charts)


def report_record(table: KPITable, snapshot: Snapshot | None) -> dict:
    """What the document was built from, for its properties: year, as-of date, language, data version, figures."""
    manifest = snapshot.manifest if snapshot is not None else None
    return {
        "kind": "annual_report",
        "year": table.year,
        "as_of": table.as_of.isoformat(),
        "lang": table.lang,
        "version": manifest.version if manifest else None,
        "version_label": version_label(manifest),
        "version_created": manifest.created if manifest else None,
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "kpis": [
            {
                "kpi": r.key,
                "realized": r.realized,
                "realized_cumulative": r.cumulative,
                "annual_status": r.annual_status,
            }
            for r in rows_of(table)
        ],
    }


def describe_report(
    activities: pd.DataFrame,
    targets: pd.DataFrame,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    commentary: dict[str, str] | None = None,
    snapshot: Snapshot | None = None,
) -> Report:
    """The report for `year` at `as_of` in `lang` from one set of data: the same table `python -m kpi table` prints."""
    as_of = as_of or end_of_year(year)
    table = kpi_table(activities, targets, year, as_of, lang)
    missions = year_missions(activities, year, as_of)
    version = version_label(snapshot.manifest if snapshot is not None else None)
    comments = commentary or {}
    return Report(
        year=year,
        as_of=as_of,
        lang=lang,
        version=version,
        title=t("annual.title", lang, year=year),
        subtitle=t("annual.subtitle", lang, date=fmt.date(as_of, lang), version=version),
        headers=tuple(report_headers(targets, year, lang)),
        rows=tuple(tuple(r) for r in report_rows(table, lang)),
        text=narrative(table, activities, lang),
        commentary=tuple(
            (row.label, comments[row.key].strip()) for row in rows_of(table) if comments.get(row.key, "").strip()
        ),
        charts=report_charts(table, missions, lang),
        record=report_record(table, snapshot),
    )


def describe_snapshot(snapshot: Snapshot, year: int, as_of: dt.date | None = None, lang: str = DEFAULT_LANG) -> Report:
    """The report from one store snapshot: its data, the team's commentary of its own period (the year's on
    31 December, the quarter's on another as-of date) and its version label together."""
    as_of = as_of or end_of_year(year)
    return describe_report(
        snapshot.activities,
        snapshot.targets,
        year,
        as_of,
        lang,
        commentary_for(snapshot.commentary, year, lang, period_of(as_of)),
        snapshot,
    )
