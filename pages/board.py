"""Board: choose year, as-of date, language and mission filters; preview the pack; build and download it."""
import streamlit as st

from kpi import dashboard as vm
from kpi.i18n import LANGS, t
from kpi.sources import current_version_label
from ui import board_views as bv
from ui import widgets as w
from ui.data import commentary, current_data
from ui.routing import require_router

require_router()

lang = w.language_switch()
activities, targets = current_data()
with st.sidebar:
    year = w.year_select(vm.data_years(activities), lang, "board")
    as_of = w.as_of_select(year, lang, "board")

st.title(t("board.page_title", lang))
st.caption(t("board.intro", lang))
if not len(activities):
    w.empty(lang, "dash.no_data")
    st.stop()
pack_lang = w.choice(t("board.pack_lang", lang), list(LANGS), "packlang", "board", format_func=w.LANG_NAMES.get,
                     default=lang)
selection = w.filter_bar(activities, lang, "board")
notes, version = commentary(year, pack_lang), current_version_label()
identity = bv.pack_identity(year, as_of, pack_lang, selection, notes, version)
pack = bv.cached_pack(identity, activities, targets, year, as_of, pack_lang, selection, notes, version)

bv.build_and_download(pack, identity, lang)
st.page_link("pages/presentation.py", label=t("board.present", lang), icon=":material/tv:",
             query_params={"year": str(year), **({"lang": lang} if lang != "nl" else {})})
st.subheader(t("board.preview", lang))
bv.preview(pack)
