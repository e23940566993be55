"""Missions: filter by year, country, direction, role, theme and region; figures, map and table follow."""

import streamlit as st

from kpi import dashboard as vm
from kpi import figures as fig
from kpi import fmt
from kpi.i18n import t
from kpi.registry import get_kpi
from ui import widgets as w
from ui.figure_cache import figure
from ui.loaders import current_data
from ui.routing import require_router

require_router()

lang = w.language_switch()
w.not_applicable("asof", lang)  # missions are filtered by years, not cut at an as-of date
activities, _ = current_data()
st.title(t("dash.missions.title", lang))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
selection = w.filter_bar(activities, lang, "missions")
missions = vm.filtered_missions(activities, selection)
if not len(missions):
    w.empty(lang, "dash.empty_missions")
    st.stop()

totals = vm.mission_totals(missions)
labels = {
    "missions": get_kpi("missions").short(lang),
    "incoming": t("dash.missions.incoming", lang),
    "outgoing": t("dash.missions.outgoing", lang),
    "mission_companies": get_kpi("mission_companies").short(lang),
    "matchmaking_meetings": t("dash.missions.matchmaking", lang),
}
for column, (key, label) in zip(st.columns(len(labels)), labels.items()):
    column.metric(label, fmt.number(totals[key], lang), border=True)

st.caption(t("dash.filter.hint", lang))
summary = vm.filter_summary(selection, lang)
by_country = vm.missions_by_country(missions)
left, right = st.columns(2)
with left:
    w.selectable_chart(
        figure(fig.missions_by_country_figure, by_country, lang, summary), "missions.by_country", ("countries",), lang
    )
with right:
    w.selectable_chart(
        figure(fig.missions_by_theme_figure, vm.missions_by_theme(missions), lang, summary),
        "missions.by_theme",
        ("themes",),
        lang,
    )
region = w.choice(
    t("progress.map.zoom", lang),
    tuple(fig.MAP_REGIONS),
    "map",
    "missions.view",
    format_func=lambda r: t(f"progress.map.{r}", lang),
)
w.selectable_chart(
    figure(fig.missions_map_figure, by_country, lang, summary, region=region), "missions.map", ("countries",), lang
)

st.subheader(t("dash.missions.table", lang))
st.caption(
    fmt.count(len(missions), "progress.missions.one", "progress.missions.many", lang)
    + (
        " · "
        + t(
            "dash.missions.table_limit",
            lang,
            shown=fmt.number(vm.TABLE_ROWS, lang),
            total=fmt.number(len(missions), lang),
        )
        if len(missions) > vm.TABLE_ROWS
        else ""
    )
)
w.wrapped_table(vm.missions_table(missions, lang), "missions.table", t("dash.missions.table", lang))
