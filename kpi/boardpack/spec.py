"""The board pack described once, as data: the pages both the PDF and the PowerPoint writer draw.

Order: title, scorecard, one page per KPI group (status line, one chart per KPI, figures and
commentary together), missions by country and theme, the appendix listing the missions, and the annual report's own table.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field, replace
from enum import Enum

import pandas as pd
from babel.dates import format_date

from kpi import fmt
from kpi.boardpack import layout as lay
from kpi.boardpack.chartspec import BarChart, group_charts, missions_by_country_chart, missions_by_theme_chart
from kpi.boardpack.choices import RefusedChoice, filter_text, refused_choices
from kpi.charts import ScoreRow, score_rows
from kpi.commentary import commentary_for, period_of
from kpi.dashboard import country_name, reference_date
from kpi.engine import Reference, kpi_table, up_to
from kpi.filters import ActivityFilter, apply_filter, to_query
from kpi.i18n import DEFAULT_LANG, t
from kpi.registry import KPI_GROUPS, KPIS
from kpi.report import report_headers, report_rows
from kpi.revisions import revision_notes, revisions
from kpi.schema import Activities as A
from kpi.sources import version_label
from kpi.store import Snapshot
from kpi.story import data_through_text
from kpi.targets import STATUS_ICONS, STATUSES, end_of_year


class Kind(Enum):
    """What a page is; each writer has one drawing function per kind."""

    TITLE = "title"
    SCORECARD = "scorecard"
    GROUP = "group"
    CHARTS = "charts"
    TABLE = "table"
    TEXT = "text"
    REPORT = "report"  # the annual report's own table (MJP, AP, realised, cumulative), as the report prints it


@dataclass(frozen=True)
class Page:
    """One page of the pack."""

    kind: Kind
    title: str
    subtitle: str = ""  # the status line of a group page, the period and filter of a mission page
    lines: tuple[str, ...] = ()  # title page
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    statuses: tuple[tuple[str, ...], ...] = ()  # per scorecard row: the statuses shown, for their colour
    details: tuple[str, ...] = ()  # per table row: a line under it (the scorecard's comment)
    flexible: int = -1  # the table column that takes the remaining width (wrapped)
    numeric: tuple[int, ...] = ()  # right-aligned table columns
    charts: tuple[BarChart, ...] = ()
    items: tuple[tuple[str, str], ...] = ()  # (heading, text) per chart (group page) or for the whole body
    notes: str = ""  # speaker notes: the figures and commentary in sentences


@dataclass(frozen=True)
class Pack:
    """The whole pack: what it was built from, and its pages."""

    year: int
    as_of: dt.date
    lang: str
    version: str
    pages: tuple[Page, ...]
    record: dict = field(default_factory=dict, compare=False)
    rows: tuple[ScoreRow, ...] = field(default=(), compare=False)  # the KPI rows the pages were made from

    def footer(self, page: int) -> str:
        """The footer of page `page` (1-based): team, year, as-of date, data version, page n of N."""
        return t(
            "board.footer",
            self.lang,
            team=t("board.team", self.lang),
            year=self.year,
            as_of=fmt.date(self.as_of, self.lang),
            version=self.version,
            page=page,
            pages=len(self.pages),
        )

    def charts(self) -> list[BarChart]:
        """Every chart of the pack, in page order."""
        return [c for p in self.pages for c in p.charts]

    def file_stem(self) -> str:
        """A file name without extension, e.g. 'kpi-rapportage-2018-nl'."""
        return f"{t('board.pack_title', self.lang, year=self.year).lower().replace(' ', '-')}-{self.lang}"


STATUS_CELL_CHARS = 16  # a scorecard's status cell breaks a longer status over lines, so the KPI column keeps room


def status_cell(status: str, lang: str, table: bool = False) -> str:
    """A status as icon and words: '✔ Behaald'; in a `table` cell a long status takes several short lines."""
    text = f"{STATUS_ICONS[status]} {t(f'status.{status}', lang)}"
    return "\n".join(textwrap.wrap(text, STATUS_CELL_CHARS)) if table else text


def period_text(span: tuple[int, int]) -> str:
    """A year span in words: '2018' or '2017–2018'."""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def mission_span(selection: ActivityFilter, year: int) -> tuple[int, int]:
    """The years whose missions the mission pages show: the filter's years, else the pack's year."""
    return selection.years or (year, year)


def mission_rows(activities: pd.DataFrame, year: int, as_of: dt.date, selection: ActivityFilter) -> pd.DataFrame:
    """The missions of the period up to `as_of` that match the mission filter, in date order."""
    mine = replace(selection, years=mission_span(selection, year), missions_only=True)
    return apply_filter(up_to(activities, as_of), mine).sort_values(A.date, kind="stable")


def short_date(value: dt.date, lang: str) -> str:
    """A date as the locale writes it in tables: 26-02-2018 / 26/02/2018."""
    return format_date(value, "short", locale=fmt.locale(lang))


def _none(value: float | None, lang: str, signed: bool = False) -> str:
    if value is None:
        return t("board.none", lang)
    return fmt.signed(int(value), lang) if signed else fmt.number(value, lang)


def scorecard_headers(year: int, reference: dt.date, lang: str) -> tuple[str, ...]:
    """The scorecard's column headers (the change column names its reference date)."""
    short = f"'{year % 100:02d}"
    return (
        t("board.col.kpi", lang),
        t("board.col.realized", lang, year=short),
        t("board.col.target", lang, year=short),
        t("board.col.expected", lang),
        t("board.col.forecast", lang),
        t("board.col.annual_status", lang),
        t("board.col.plan_status", lang),
        t("board.col.change", lang, date=short_date(reference, lang)),
    )


def scorecard_cells(row: ScoreRow, lang: str) -> tuple[str, ...]:
    """One scorecard row: KPI, realised, annual target, expected, forecast, statuses, change."""
    return (
        row.short,
        fmt.number(row.realized, lang),
        fmt.target(row.annual_target, lang),
        _none(row.expected, lang),
        _none(row.forecast, lang),
        status_cell(row.annual_status, lang, table=True),
        status_cell(row.plan_status, lang, table=True),
        _none(row.change, lang, signed=True),
    )


def scorecard_detail(row: ScoreRow, lang: str) -> str:
    """The line under a scorecard row: its comment and its target's latest revision, where there are."""
    comment = t("board.say.comment", lang, text=" ".join(row.comment.split())) if row.comment else ""
    return " · ".join(part for part in (comment, row.revision) if part)


def kpi_sentences(row: ScoreRow, year: int, lang: str, comment: bool = True) -> str:
    """The KPI's figures (and commentary) in sentences."""
    status = t(f"status.{row.annual_status}", lang).lower()
    if row.annual_target.defined:
        text = t(
            "board.say.year",
            lang,
            kpi=row.short,
            realized=fmt.number(row.realized, lang),
            year=year,
            target=fmt.target(row.annual_target, lang),
            expected=_none(row.expected, lang),
            status=status,
        )
    else:
        text = t("board.say.year_none", lang, kpi=row.short, realized=fmt.number(row.realized, lang), year=year)
    if row.plan_target.defined and row.cumulative is not None and row.plan:
        text += " " + t(
            "board.say.plan",
            lang,
            cumulative=fmt.number(row.cumulative, lang),
            period=row.plan.period_label(),
            target=fmt.target(row.plan_target, lang),
            expected=_none(row.plan_expected, lang),
            status=t(f"status.{row.plan_status}", lang).lower(),
        )
    if comment and row.comment:
        text += " " + t("board.say.comment", lang, text=row.comment)
    if row.revision:
        text += " " + _sentence(row.revision)
    return text


def _sentence(text: str) -> str:
    """A revision note as a sentence of its own: capital first, full stop last."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def status_line(rows: list[ScoreRow], year: int, lang: str) -> str:
    """A group's statuses counted: 'Jaar 2018: ▲ 2 overtroffen, ✖ 1 niet behaald · Meerjarenplan ...'."""

    def counts(statuses: list[str]) -> str:
        return ", ".join(
            f"{STATUS_ICONS[s]} {statuses.count(s)} {t(f'status.{s}', lang).lower()}" for s in STATUSES if s in statuses
        )

    parts = [t("board.status_year", lang, year=year, counts=counts([r.annual_status for r in rows]))]
    if rows and rows[0].plan:
        parts.append(
            t(
                "board.status_plan",
                lang,
                period=rows[0].plan.period_label(),
                counts=counts([r.plan_status for r in rows]),
            )
        )
    return "\n".join(parts)


def compact_sentences(row: ScoreRow, year: int, lang: str) -> str:
    """The KPI's figures in two short sentences (year, plan) and its commentary: the text under its chart."""
    if row.annual_target.defined:
        text = t(
            "board.say.compact_year",
            lang,
            year=year,
            realized=fmt.number(row.realized, lang),
            target=fmt.target(row.annual_target, lang),
            expected=_none(row.expected, lang),
            status=status_cell(row.annual_status, lang),
        )
    else:
        text = t("board.say.compact_none", lang, year=year, realized=fmt.number(row.realized, lang))
    if row.plan_target.defined and row.cumulative is not None and row.plan:
        text += " " + t(
            "board.say.compact_plan",
            lang,
            period=row.plan.period_label(),
            cumulative=fmt.number(row.cumulative, lang),
            target=fmt.target(row.plan_target, lang),
            expected=_none(row.plan_expected, lang),
            status=status_cell(row.plan_status, lang),
        )
    if row.comment:
        text += "\n" + row.comment
    if row.revision:
        text += "\n" + _sentence(row.revision)
    return text


def _group_pages(rows: tuple[ScoreRow, ...], year: int, lang: str) -> list[Page]:
    """One page per KPI group; commentary that does not fit under its chart continues on a text page."""
    pages = []
    for group in KPI_GROUPS:
        mine = [r for r in rows if r.key in {k.key for k in KPIS if k.group == group}]
        title = t(f"board.group.{group}", lang)
        notes = " ".join(kpi_sentences(r, year, lang) for r in mine)
        charts = group_charts(group, mine, year, lang)
        boxes = _text_boxes(len(charts), len(mine))
        kept, rest = [], []
        for row, box in zip(mine, boxes):
            head, tail = _fit_text(compact_sentences(row, year, lang), box)
            kept.append((row.short, head))
            if tail:
                rest.append((row.short, tail))
        pages.append(
            Page(
                Kind.GROUP, title, subtitle=status_line(mine, year, lang), charts=charts, items=tuple(kept), notes=notes
            )
        )
        if rest:
            pages.append(Page(Kind.TEXT, t("board.continued", lang, title=title), items=tuple(rest), notes=notes))
    return pages


def _text_boxes(charts: int, texts: int) -> list[lay.Box]:
    """Per KPI, the smaller of the slide's and the A4 page's text boxes of a group page."""
    per_size = [lay.group_boxes(lay.frame(*size).body, charts, texts)[1] for size in (lay.SLIDE, lay.A4_LANDSCAPE)]
    return [min(boxes, key=lambda b: b.w * b.h) for boxes in zip(*per_size)]


def _fit_text(text: str, box: lay.Box) -> tuple[str, str]:
    """The text that fits the box at the smallest size (whole sentences) and the rest."""
    if lay.fit_size((("", text),), box) is not None:
        return text, ""
    words = text.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        head = " ".join(words[:cut])
        if head.endswith((".", "!", "?")) and lay.fit_size((("", head),), box) is not None:
            return head, " ".join(words[cut:])
    return "", text


def _mission_pages(missions: pd.DataFrame, span: tuple[int, int], selection: ActivityFilter, lang: str) -> list[Page]:
    """Missions by country and by theme side by side, then the appendix listing them."""
    period = period_text(span)
    by_country = missions_by_country_chart(missions, lang)
    by_theme = missions_by_theme_chart(missions, lang)
    directions = missions[A.direction].astype(str).value_counts()
    notes = t(
        "board.say.missions",
        lang,
        period=period,
        count=len(missions),
        incoming=int(directions.get("incoming", 0)),
        outgoing=int(directions.get("outgoing", 0)),
    )
    if by_country.categories:
        top = by_country.categories[0]
        notes += " " + t(
            "board.say.top", lang, country=top, count=fmt.number(sum(s.values[0] or 0 for s in by_country.series), lang)
        )
    subtitle = t("board.period", lang, period=period, filter=filter_text(selection, lang))
    if not len(missions):  # nothing to chart or list: the title page says so, no empty pages
        return []
    headers = tuple(t(f"col.{c}", lang) for c in (A.date, A.title, A.country, A.direction, A.theme, A.companies))
    rows = tuple(
        (
            short_date(d.date(), lang),
            str(title) if isinstance(title, str) else "",
            country_name(str(c), lang) if isinstance(c, str) else "",
            t(f"direction.{d2}", lang) if isinstance(d2, str) and d2 else "",
            str(theme) if isinstance(theme, str) else "",
            fmt.number(int(n), lang),
        )
        for d, title, c, d2, theme, n in zip(
            missions[A.date],
            missions[A.title],
            missions[A.country],
            missions[A.direction],
            missions[A.theme],
            missions[A.companies].fillna(0),
        )
    )
    charts = Page(
        Kind.CHARTS, t("board.missions_title", lang), subtitle=subtitle, charts=(by_country, by_theme), notes=notes
    )
    bodies = [lay.frame(*size).body for size in (lay.SLIDE, lay.A4_LANDSCAPE)]
    under = [lay.charts_over_table(b)[1] for b in bodies]
    if len(lay.paginate(headers, rows, 1, under)) == 1:  # a short list fits under the charts: one full page
        return [
            replace(
                charts,
                title=t("board.missions_list_title", lang),
                headers=headers,
                rows=rows,
                flexible=1,
                numeric=(5,),
                notes=notes + " " + t("board.say.appendix", lang, count=len(missions), period=period),
            )
        ]
    pages = [charts]
    parts = lay.paginate(headers, rows, 1, bodies)
    appendix_notes = t("board.say.appendix", lang, count=len(missions), period=period)
    for n, part in enumerate(parts):
        title = (
            t("board.appendix_title", lang, period=period)
            if len(parts) == 1
            else t("board.appendix_page", lang, period=period, n=n + 1, total=len(parts))
        )
        pages.append(
            Page(
                Kind.TABLE,
                title,
                subtitle=subtitle,
                headers=headers,
                rows=part,
                flexible=1,
                numeric=(5,),
                notes=appendix_notes,
            )
        )
    return pages


def since_text(reference: Reference, lang: str) -> str:
    """What the change column compares with: the last board pack (as of, version) or the previous quarter's end."""
    date = fmt.date(reference.as_of, lang)
    if reference.pack is not None:
        return t("progress.since.pack", lang, date=date, version=reference.version)
    return t("progress.since.quarter", lang, date=date)


def pack_record(
    year: int,
    as_of: dt.date,
    lang: str,
    snapshot: Snapshot | None,
    selection: ActivityFilter,
    rows: tuple[ScoreRow, ...],
    reference: Reference | None = None,
) -> dict:
    """What the pack was built from, for its metadata and the JSON beside it (the store records it too)."""
    manifest = snapshot.manifest if snapshot is not None else None
    since = (
        {
            "as_of": reference.as_of.isoformat(),
            "kind": "board_pack" if reference.pack is not None else "quarter",
            "version": reference.version,
            "board_pack": reference.pack,
        }
        if reference is not None
        else None
    )
    return {
        "kind": "board_pack",
        "year": year,
        "as_of": as_of.isoformat(),
        "lang": lang,
        "version": manifest.version if manifest else None,
        "version_label": version_label(manifest),
        "version_created": manifest.created if manifest else None,
        "filter": to_query(selection),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "change_since": since,
        "kpis": [
            {
                "kpi": r.key,
                "realized": r.realized,
                "realized_cumulative": r.cumulative,
                "annual_status": r.annual_status,
                "plan_status": r.plan_status,
                "change_since_reference": r.change,
            }
            for r in rows
        ],
    }


def describe(
    activities: pd.DataFrame,
    targets: pd.DataFrame,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    selection: ActivityFilter | None = None,
    commentary: dict[str, str] | None = None,
    version: str = "",
    snapshot: Snapshot | None = None,
    reference: Reference | None = None,
) -> Pack:
    """The pack for `year` at `as_of` in `lang`: every page, chart and sentence, nothing drawn yet.

    The change column compares with `reference` (see kpi.reference.pack_reference: the last recorded board pack
    before `as_of`); without one, with the end of the previous quarter. Raises RefusedChoice when the year or a
    filter value is unknown in the data.
    """
    selection = selection or ActivityFilter()
    refused = refused_choices(activities, targets, year, selection)
    if refused:
        raise RefusedChoice(refused)
    as_of = as_of or end_of_year(year)
    commentary = commentary or {}
    reference = reference or Reference(reference_date(as_of))  # default: the end of the previous quarter
    table = kpi_table(activities, targets, year, as_of, lang, reference=reference)
    rows = score_rows(table, lang, commentary)
    if snapshot is not None:  # each KPI's latest target revision in the plans shown
        notes = revision_notes(revisions(snapshot.manifest), table, lang)
        rows = tuple(replace(r, revision=notes.get(r.key, "")) for r in rows)
    span = mission_span(selection, year)
    missions = mission_rows(activities, year, as_of, selection)
    date = fmt.date(as_of, lang)
    title = Page(
        Kind.TITLE,
        t("board.pack_title", lang, year=year),
        lines=(
            t("board.team", lang),
            t("board.as_of", lang, date=date),
            data_through_text(table, lang),
            t("board.version", lang, version=version),
            t("board.filter", lang, filter=filter_text(selection, lang)),
        ),
        notes=t("board.say.title", lang, year=year, team=t("board.team", lang), date=date, version=version),
    )
    sentences = " ".join(
        t(
            "board.say.short",
            lang,
            kpi=r.short,
            realized=fmt.number(r.realized, lang),
            status=t(f"status.{r.annual_status}", lang).lower(),
        )
        for r in rows
    )
    scorecard = Page(
        Kind.SCORECARD,
        t("board.scorecard_title", lang, year=year),
        subtitle=f"{t('board.as_of', lang, date=date)} · {since_text(reference, lang)}",
        headers=scorecard_headers(year, reference.as_of, lang),
        rows=tuple(scorecard_cells(r, lang) for r in rows),
        details=tuple(scorecard_detail(r, lang) for r in rows),
        statuses=tuple((r.annual_status, r.plan_status) for r in rows),
        flexible=0,
        numeric=(1, 2, 3, 4, 7),
        notes=t("board.say.scorecard", lang, year=year, date=date, sentences=sentences),
    )
    report_table = Page(
        Kind.REPORT,
        t("annual.pack.title", lang, year=year),
        subtitle=t("board.as_of", lang, date=date),
        headers=tuple(report_headers(targets, year, lang)),
        rows=tuple(tuple(r) for r in report_rows(table, lang)),
        flexible=0,
        numeric=(1, 2, 3, 4),
        notes=t("annual.pack.notes", lang, year=year),
    )
    mission_pages = _mission_pages(missions, span, selection, lang)
    if not mission_pages:
        title = replace(title, lines=(*title.lines, t("board.no_missions", lang, period=period_text(span))))
    pages = [title, scorecard, *_group_pages(rows, year, lang), *mission_pages, report_table]
    record = pack_record(year, as_of, lang, snapshot, selection, rows, reference)
    return Pack(year, as_of, lang, version, tuple(pages), record, rows)


def describe_snapshot(
    snapshot: Snapshot,
    year: int,
    as_of: dt.date | None = None,
    lang: str = DEFAULT_LANG,
    selection: ActivityFilter | None = None,
    reference: Reference | None = None,
) -> Pack:
    """The pack from one store snapshot: its data, its commentary and its version label together."""
    return describe(
        snapshot.activities,
        snapshot.targets,
        year,
        as_of,
        lang,
        selection,
        commentary_for(snapshot.commentary, year, lang, period_of(as_of or end_of_year(year))),  # its own period's
        version_label(snapshot.manifest),
        snapshot,
        reference,
    )
