"""Trends: one KPI over time per year, quarter or month, by country or theme, with the annual target band."""

import streamlit as st

from kpi import dashboard as vm
from kpi import figures as fig
from kpi.i18n import t
from ui import widgets as w
from ui.figure_cache import figure
from ui.loaders import current_data
from ui.routing import require_router

require_router()

STYLES = ("stacked", "lines")

lang = w.language_switch()
w.not_applicable("asof", lang)  # every period in full: an as-of date does not apply here
activities, targets = current_data()
st.title(t("dash.trends.title", lang))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
kpis = vm.kpi_options(lang)
kpi_col, period_col, breakdown_col, style_col = st.columns([3, 3, 3, 2])
with kpi_col:
    kpi = w.choice(t("dash.trends.kpi", lang), list(kpis), "kpi", "trends", format_func=kpis.__getitem__, dropdown=True)
with period_col:
    period = w.choice(
        t("dash.trends.period", lang), vm.PERIODS, "period", "trends", format_func=lambda p: t(f"period.{p}", lang)
    )
with breakdown_col:
    breakdown = w.choice(
        t("dash.trends.breakdown", lang),
        vm.BREAKDOWNS,
        "breakdown",
        "trends",
        format_func=lambda b: t(f"breakdown.{b}", lang),
    )
stacked = True
if breakdown == "none":  # not drawn in this view, but a value in the link is still checked
    w.choice_value(STYLES, "style", lambda s: t(f"dash.trends.{s}", lang), lang=lang)
else:
    with style_col:
        stacked = (
            w.choice(
                t("dash.trends.style", lang),
                STYLES,
                "style",
                "trends",
                format_func=lambda s: t(f"dash.trends.{s}", lang),
            )
            == "stacked"
        )

frame = vm.trend_frame(activities, kpi, period, breakdown)
if not frame["value"].any():
    w.empty(lang)
    st.stop()
banded = breakdown == "none" and period == "year"  # one KPI per year: its annual target over each bar
bands = vm.target_bands(targets, kpi, [p.year for p in frame["period"]]) if banded else None
w.chart(figure(fig.kpi_trend_figure, frame, kpi, lang, period, breakdown, stacked, bands), "trends.chart", lang)
if banded:
    st.caption(t("dash.trends.band_note", lang))
