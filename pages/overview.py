"""Overview: every KPI of a year against its annual and multi-year targets, and the report's table."""
import streamlit as st

from kpi import dashboard as vm
from kpi import figures as fig
from kpi import fmt
from kpi.engine import kpi_table, table_context
from kpi.i18n import t
from kpi.registry import KPI_KEYS
from kpi.report import report_frame
from ui import widgets as w
from ui.data import commentary, current_data
from ui.routing import require_router

require_router()

CARDS_PER_ROW = 4

lang = w.language_switch()
activities, targets = current_data()
with st.sidebar:
    year = w.year_select(vm.data_years(activities), lang, "overview")
    as_of = w.as_of_select(year, lang, "overview")

st.title(t("dash.overview.title", lang, year=year))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
table = kpi_table(activities, targets, year, as_of, lang)
plan, annual = table_context(targets, year)
st.caption(t("dash.overview.caption", lang, date=fmt.date(as_of, lang),
             annual=annual.label if annual else t("table.no_plan", lang),
             plan=plan.label if plan else t("table.no_plan", lang)))

notes = commentary(year, lang)
cards = vm.kpi_cards(table, activities, year, lang, as_of)
for start in range(0, len(cards), CARDS_PER_ROW):
    for column, card in zip(st.columns(CARDS_PER_ROW), cards[start:start + CARDS_PER_ROW]):
        with column:
            w.kpi_card(card, lang, "overview.card", notes.get(card.key))

w.chart(fig.cumulative_vs_plan_figure(table, KPI_KEYS, lang, as_of=as_of), "overview.plan")
w.chart(fig.annual_vs_target_figure(table, KPI_KEYS, lang, year=year), "overview.annual")

st.subheader(t("dash.overview.table", lang))
report = report_frame(table, targets, year, lang)
st.dataframe(report, hide_index=True)
w.download_buttons(report, f"kpi-{year}-{as_of.isoformat()}-{lang}", f"KPI {year}", lang, "overview")
