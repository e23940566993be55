"""Services: company visits and registered services per year and theme, with the conversion, up to an as-of date."""

import streamlit as st

from kpi import dashboard as vm
from kpi import figures as fig
from kpi import fmt
from kpi.engine import data_through, up_to
from kpi.i18n import t
from kpi.story import data_through_words
from ui import widgets as w
from ui.figure_cache import figure
from ui.loaders import current_data
from ui.routing import require_router

require_router()

lang = w.language_switch()
all_activities, targets = current_data()
with st.sidebar:
    year = w.year_select(
        vm.selectable_years(all_activities, targets), lang, "services", default=vm.latest_year(all_activities)
    )
    as_of = w.as_of_select(year, lang, "services")
activities = up_to(all_activities, as_of)  # every figure below counts what took place up to the as-of date
st.title(t("dash.services.title", lang))
st.caption(t("reading.as_of_caption", lang, date=fmt.date(as_of, lang)))
funnel = vm.service_funnel(activities, year)
if not (funnel["visits"] or funnel["services"]):  # the page has no filters: say what is missing, and how far data goes
    through = data_through_words(data_through(all_activities), None, lang)
    w.empty(lang, "story.services_none", year=year, date=fmt.date(as_of, lang), through=through)
    st.stop()

visits_col, services_col, conversion_col = st.columns(3)
visits_col.metric(t("dash.services.visits", lang), fmt.number(funnel["visits"], lang), border=True)
services_col.metric(t("dash.services.services", lang), fmt.number(funnel["services"], lang), border=True)
conversion_col.metric(t("dash.services.conversion", lang), fmt.percent(funnel["conversion"], lang) or "–", border=True)

left, right = st.columns(2)
with left:
    w.chart(figure(fig.service_funnel_figure, funnel, year, lang), "services.funnel", lang)
with right:
    w.chart(
        figure(fig.services_by_year_figure, vm.services_by_year(activities), lang),
        "services.by_year",
        lang,
    )
by_year_theme = vm.services_by_year_theme(activities)
w.chart(figure(fig.services_by_theme_figure, by_year_theme, year, lang), "services.by_theme", lang)

st.subheader(t("dash.services.table", lang))
st.dataframe(vm.services_table(by_year_theme, lang), hide_index=True, key="services.table")
