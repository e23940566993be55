"""Overview: every KPI of a year against the value expected by now, its annual and multi-year targets."""

import streamlit as st

from kpi import dashboard as vm
from kpi import describe, fmt
from kpi import figures as fig
from kpi.commentary import period_of
from kpi.engine import kpi_table
from kpi.i18n import t
from kpi.registry import KPI_KEYS
from kpi.report import progress_frame, report_frame
from kpi.revisions import revision_notes, revisions
from ui import widgets as w
from ui.figure_cache import figure, version_key
from ui.loaders import commentary, current_snapshot, import_time
from ui.routing import require_router

require_router()

lang = w.language_switch()
snapshot = current_snapshot()
activities, targets = snapshot.activities, snapshot.targets
with st.sidebar:
    year = w.year_select(vm.selectable_years(activities, targets), lang, "overview", default=vm.latest_year(activities))
    as_of = w.as_of_select(year, lang, "overview")
    reference = w.reference_select(as_of, lang, "overview")

st.title(t("dash.overview.title", lang, year=year))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
table = kpi_table(activities, targets, year, as_of, lang, reference=reference, imported=import_time())
st.caption(fmt.markdown_literal(vm.overview_caption(table, lang)))
if table.projected and table.forecast_as_of:
    st.info(t("story.projected", lang, date=fmt.date(table.forecast_as_of, lang)), icon=":material/event_upcoming:")
if year not in vm.data_years(activities):
    st.info(t("progress.year_no_data", lang, year=year), icon=":material/event_busy:")

notes = commentary(year, lang, period_of(as_of))  # the commentary of this view's own period
cards = vm.kpi_cards(table, activities, year, lang, as_of)
w.card_grid(cards, lang, "overview.card", notes)
for note in revision_notes(revisions(snapshot.manifest), table, lang).values():  # the targets' latest revisions
    st.caption(":material/history: " + fmt.markdown_literal(note))

rows = [r for r in table.rows if r.key in KPI_KEYS]
shared = (version_key(snapshot), year, as_of, reference, lang)  # what determines `table`: the figures' cache key
w.chart(
    figure(fig.cumulative_vs_plan_figure, table, KPI_KEYS, lang, as_of=as_of, key=shared),
    "overview.plan",
    lang,
    describe.kpi_rows_text(rows, lang, plan=True),
    describe.kpi_rows_table(rows, lang, plan=True),
)
if table.annual is None:  # no annual plan: a sentence, not an empty chart
    w.empty(lang, "story.no_annual_chart" if table.plan else "story.no_annual_chart_alone", year=year)
else:
    w.chart(
        figure(fig.annual_vs_target_figure, table, KPI_KEYS, lang, year=year, key=shared),
        "overview.annual",
        lang,
        describe.kpi_rows_text(rows, lang),
        describe.kpi_rows_table(rows, lang),
    )
w.status_legend(lang, "overview")

st.subheader(t("dash.overview.table", lang))
report = report_frame(table, targets, year, lang)
w.static_table(report, t("dash.overview.table", lang))
w.download_buttons(report, f"kpi-{year}-{as_of.isoformat()}-{lang}", f"KPI {year}", lang, "overview")
st.subheader(t("progress.table", lang))
w.static_table(progress_frame(table, lang), t("progress.table", lang))
