"""Presentation: the year's KPIs one by one at projector size, without the sidebar; the step is in the URL."""
import streamlit as st

from kpi import dashboard as vm
from kpi import figures as fig
from kpi.engine import kpi_table
from kpi.i18n import t
from ui import board_views as bv
from ui import state
from ui import widgets as w
from ui.data import commentary, current_data
from ui.routing import require_router

require_router()

CHART_HEIGHT, CHART_HEIGHT_WITH_NOTE = 400, 290  # keeps the buttons on a 1080 px screen

lang = w.language_switch()
activities, targets = current_data()
with st.sidebar:  # hidden in this mode; keeps year and as-of in the URL like every other page
    year = w.year_select(vm.data_years(activities), lang, "present")
    as_of = w.as_of_select(year, lang, "present")
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()

table = kpi_table(activities, targets, year, as_of, lang)
cards = vm.kpi_cards(table, activities, year, lang, as_of)
state.restore(["step"])
step = bv.clamp_step(state.get("step"), len(cards))
card = cards[step - 1]
note = commentary(year, lang).get(card.key)
bv.presentation_step(card, year, step, len(cards), lang, note)
height = CHART_HEIGHT_WITH_NOTE if note else CHART_HEIGHT

left, right = st.columns(2)
with left:
    w.chart(bv.projector_figure(fig.annual_vs_target_figure(table, [card.key], lang, year=year), height),
            "present.annual")
with right:
    w.chart(bv.projector_figure(fig.cumulative_vs_plan_figure(table, [card.key], lang, as_of=as_of), height),
            "present.plan")

previous, middle, following = st.columns([1, 2, 1], vertical_alignment="center")
previous.button(t("present.previous", lang), key="present.previous", disabled=step <= 1, shortcut="Left",
                on_click=state.put, args=("step", str(step - 1)), width="stretch")
with middle:
    st.page_link("pages/board.py", label=t("present.exit", lang), icon=":material/close_fullscreen:")
following.button(t("present.next", lang), key="present.next", disabled=step >= len(cards), shortcut="Right",
                 type="primary", on_click=state.put, args=("step", str(step + 1)), width="stretch")
