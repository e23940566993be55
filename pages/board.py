"""Board: choose year, as-of date, language and mission filters; preview the pack; build and download it."""

import logging
from dataclasses import replace

import streamlit as st

from kpi import dashboard as vm
from kpi import fmt
from kpi.access import AccessRefused
from kpi.boardpack import TemplateError, house
from kpi.i18n import LANGS, t
from kpi.reference import pack_reference
from kpi.store import StoreError, open_store, store_dir, user_message
from ui import auth
from ui import board_views as bv
from ui import widgets as w
from ui.loaders import current_snapshot, version_snapshot
from ui.routing import require_router

require_router()

lang = w.language_switch()
snapshot = current_snapshot()  # data, commentary and version label from one read of the store
activities = snapshot.activities
with st.sidebar:
    year = w.year_select(vm.selectable_years(activities, snapshot.targets), lang, "board", vm.latest_year(activities))
    as_of = w.as_of_select(year, lang, "board")

st.title(t("board.page_title", lang))
st.caption(t("board.intro", lang))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
pack_lang = w.choice(
    t("board.pack_lang", lang), list(LANGS), "packlang", "board", format_func=w.lang_name, default=lang
)
if year in vm.data_years(activities):  # a plan year without data (2019): the slider keeps the years it can show
    bv.seed_mission_years(year)
bv.ignored_values(snapshot, w.FILTER_KEYS, lang)
selection = w.filter_bar(activities, lang, "board")
if selection.years is None:  # the slider at its full range: every year of the data, not only the pack's year
    years = vm.data_years(activities)
    selection = replace(selection, years=(years[0], years[-1]))
store = open_store()
reference = pack_reference(store, as_of, version_snapshot)  # the last pack recorded before this as-of date
identity = repr((bv.pack_identity(str(store_dir()), snapshot, year, as_of, pack_lang, selection), reference))
pack = bv.cached_pack(identity, snapshot, year, as_of, pack_lang, selection, reference)
try:
    style = house()
except TemplateError as error:  # the detail (with the template's path on the server) goes to the log only
    logging.getLogger(__name__).warning("board pack house style refused: %s", error)
    st.warning(t("closed.template_unusable", lang))
    style = bv.House()

actor = auth.current_actor()
built = bv.build_and_download(pack, identity, lang, style)
if built and not actor.may("board_pack"):
    st.info(t("closed.pack_not_recorded", lang))  # a viewer's download moves nobody's baseline
elif built:  # built now: record it, so later packs and the Overview compare
    try:
        done = store.record_board_pack(snapshot.manifest.version, as_of, year, pack_lang, actor)
        date = fmt.date(done.as_of, lang)
        st.success(t("progress.pack_recorded", lang, number=done.number, date=date, version=done.version))
    except (AccessRefused, StoreError) as error:  # no role or a read-only store: the files are still downloadable
        st.warning(user_message(error, lang))
bv.annual_report_download(snapshot, year, as_of, pack_lang, lang)  # the annual report as Word, one click
st.page_link(
    "pages/presentation.py",
    label=t("board.present", lang),
    icon=":material/tv:",
    query_params={"year": str(year), **w.lang_param(lang)},
)
st.subheader(t("board.preview", lang))
bv.preview(pack)
