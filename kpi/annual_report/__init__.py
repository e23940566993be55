"""The annual report's KPI section as an editable Word document: the report's table, sentences drawn from the data,
the team's commentary and native charts, in the agency's template, from one store snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kpi.annual_report.content import Report, describe_report, describe_snapshot
from kpi.annual_report.document import TemplateRefused, write_docx
from kpi.i18n import DEFAULT_LANG
from kpi.store import Snapshot

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

__all__ = ["MIME", "Report", "TemplateRefused", "build", "describe_report", "describe_snapshot", "write_docx"]


def build(
    snapshot: Snapshot,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    template: str | Path | None = None,
) -> tuple[Report, bytes]:
    """The report for `year` from one snapshot, and its .docx bytes (in `template` when given)."""
    report = describe_snapshot(snapshot, year, as_of, lang)
    return report, write_docx(report, template)
