"""Data: import a file (validated, previewed, confirmed), the version history with roll-back, one activity added,
corrected or removed, commentary, plans and targets."""

import streamlit as st

from kpi.i18n import t
from kpi.schema import Activities as A
from kpi.store import open_store
from ui import auth
from ui import data_views as v
from ui import widgets as w
from ui.activity_form import activity_form
from ui.loaders import current_snapshot
from ui.plan_editor import plan_editor
from ui.routing import require_router

require_router()

lang = w.language_switch()
w.not_applicable("asof", lang)  # the Data page shows versions and files, not figures cut at an as-of date
actor = auth.current_actor()  # every write below passes it to the store, whose guard is the real check
store = open_store()
snapshot = current_snapshot()
manifest = snapshot.manifest

st.title(t("data.title", lang))
st.caption(
    t("data.caption", lang, version=manifest.label, rows=len(snapshot.activities), targets=len(snapshot.targets))
)
saved = st.session_state.pop("data.saved", None)
if saved:
    st.success(t("data.saved", lang, version=saved), icon=":material/check_circle:")

import_tab, history_tab, activity_tab, comment_tab, plans_tab = st.tabs(
    [t(f"data.tab.{name}", lang) for name in ("import", "history", "activity", "commentary", "plans")],
    key="data.tabs",  # the chosen tab stays chosen when a save reruns the page (a roll-back stays on History)
)

with import_tab:
    if not v.refused(actor, "import", lang):
        v.import_block(store, actor, lang)

with history_tab:
    manifests = store.versions()
    if not manifests:  # the demo data shown unsaved (the store could not be seeded): no history yet
        st.info(t("data.history.none", lang), icon=":material/history:")
    else:
        st.dataframe(v.history_frame(manifests, manifest.version, lang), hide_index=True, key="data.history")
        labels = {m.label: m for m in reversed(manifests)}
        picked = st.selectbox(t("data.pick_version", lang), list(labels), key="data.history.pick")
        v.version_block(store, labels[picked], actor, lang, "data.history.version")
        v.kpi_difference_block(store, manifests, lang, "data.history.compare")

with activity_tab:  # add, correct or remove one activity (the form checks the role first)
    activity_form(store, snapshot, actor, lang)

with comment_tab:
    if not v.refused(actor, "commentary", lang):
        years = sorted(int(y) for y in snapshot.activities[A.year].unique()) or [2018]
        v.commentary_block(store, snapshot, years, actor, lang)

with plans_tab:  # viewers see plans and revisions; editing needs the editor role (the store's guard checks it)
    plan_editor(store, snapshot, actor, lang)
