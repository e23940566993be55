"""Presentation: the scorecard, then the year's KPIs one by one at projector size; the step is in the URL."""

import streamlit as st

from kpi import dashboard as vm
from kpi import fmt
from kpi.boardpack.chartspec import kpi_chart
from kpi.boardpack.spec import Kind
from kpi.engine import data_through
from kpi.filters import ActivityFilter
from kpi.i18n import t
from kpi.reference import pack_reference
from kpi.store import open_store, store_dir
from kpi.story import data_through_words
from ui import board_views as bv
from ui import state
from ui import widgets as w
from ui.loaders import current_snapshot, version_snapshot
from ui.routing import require_router

require_router()

CHART_HEIGHT, CHART_HEIGHT_WITH_NOTE = 420, 330  # keeps the buttons on a 1080 px screen

lang = w.language_switch()
snapshot = current_snapshot()  # one read: data, commentary and version together
with st.sidebar:  # hidden in this mode; keeps year and as-of in the URL like every other page
    year = w.year_select(
        vm.selectable_years(snapshot.activities, snapshot.targets), lang, "present", vm.latest_year(snapshot.activities)
    )
    as_of = w.as_of_select(year, lang, "present")
if not len(snapshot.activities):
    w.empty(lang, "dash.no_data")
    st.stop()

everything = ActivityFilter()
reference = pack_reference(open_store(), as_of, version_snapshot)  # as the pack built now would compare
identity = repr((bv.pack_identity(str(store_dir()), snapshot, year, as_of, lang, everything), reference))
pack = bv.cached_pack(identity, snapshot, year, as_of, lang, everything, reference)
scorecard = next(p for p in pack.pages if p.kind is Kind.SCORECARD)
rows = pack.rows
state.restore(["step"])
steps = len(rows) + 1  # the scorecard first, then one step per KPI
asked = state.get("step")
step = bv.clamp_step(asked, steps)
if asked is not None and asked != str(step):  # an unknown step in a link: say so and show what is shown
    w.ignored("step", asked, step, lang)
    state.put("step", str(step))
top = (
    f"{t('board.team', lang)} · {t('board.as_of', lang, date=fmt.date(as_of, lang))} · "
    f"{data_through_words(data_through(snapshot.activities), None, lang)} · "
    f"{t('present.step', lang, step=step, steps=steps)}"
)
if step == 1:
    bv.presentation_top(scorecard.title, top)
    bv.presentation_scorecard(scorecard)
else:
    row = rows[step - 2]
    bv.presentation_top(row.short, top)
    bv.presentation_kpi(row, year, lang)
    height = CHART_HEIGHT_WITH_NOTE if row.comment else CHART_HEIGHT
    bv.presentation_chart(kpi_chart(row, year, lang), lang, height)

previous, middle, following = st.columns([1, 2, 1], vertical_alignment="center")
previous.button(
    t("present.previous", lang),
    key="present.previous",
    disabled=step <= 1,
    shortcut="Left",
    on_click=state.put,
    args=("step", str(step - 1)),
    width="stretch",
)
with middle:
    st.page_link("pages/board.py", label=t("present.exit", lang), icon=":material/close_fullscreen:")
following.button(
    t("present.next", lang),
    key="present.next",
    disabled=step >= steps,
    shortcut="Right",
    type="primary",
    on_click=state.put,
    args=("step", str(step + 1)),
    width="stretch",
)
