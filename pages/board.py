"""Board: choose year, as-of date, language and mission filters; preview the pack; build and download it."""

from dataclasses import replace

import streamlit as st

from kpi import dashboard as vm
from kpi.boardpack import TemplateError, house
from kpi.i18n import LANGS, t
from kpi.store import store_dir
from ui import board_views as bv
from ui import widgets as w
from ui.loaders import current_snapshot
from ui.routing import require_router

require_router()

lang = w.language_switch()
snapshot = current_snapshot()  # data, commentary and version label from one read of the store
activities = snapshot.activities
with st.sidebar:
    year = w.year_select(vm.data_years(activities), lang, "board")
    as_of = w.as_of_select(year, lang, "board")

st.title(t("board.page_title", lang))
st.caption(t("board.intro", lang))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
pack_lang = w.choice(
    t("board.pack_lang", lang), list(LANGS), "packlang", "board", format_func=w.lang_name, default=lang
)
bv.seed_mission_years(year)
bv.ignored_values(snapshot, w.FILTER_KEYS, lang)
selection = w.filter_bar(activities, lang, "board")
if selection.years is None:  # the slider at its full range: every year of the data, not only the pack's year
    years = vm.data_years(activities)
    selection = replace(selection, years=(years[0], years[-1]))
identity = bv.pack_identity(str(store_dir()), snapshot, year, as_of, pack_lang, selection)
pack = bv.cached_pack(identity, snapshot, year, as_of, pack_lang, selection)
try:
    style = house()
except TemplateError as error:
    st.warning(str(error))
    style = bv.House()

bv.build_and_download(pack, identity, lang, style)
st.page_link(
    "pages/presentation.py",
    label=t("board.present", lang),
    icon=":material/tv:",
    query_params={"year": str(year), **w.lang_param(lang)},
)
st.subheader(t("board.preview", lang))
bv.preview(pack)
