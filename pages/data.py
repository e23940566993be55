"""Data: import a file (validated, previewed, confirmed), the version history with roll-back, edits and commentary."""
import streamlit as st

from kpi import diff as D
from kpi.i18n import t
from kpi.importing import KINDS, PreparedImport, commit_import
from kpi.problems import ValidationError
from kpi.schema import Activities as A
from kpi.store import open_store
from ui import data_views as v
from ui import widgets as w
from ui.data import current_snapshot
from ui.routing import require_router

require_router()

lang = w.language_switch()
store = open_store()
snapshot = current_snapshot()
manifest = snapshot.manifest

st.title(t("data.title", lang))
st.caption(t("data.caption", lang, version=manifest.label, rows=manifest.rows["activities"],
             targets=manifest.rows["targets"]))
saved = st.session_state.pop("data.saved", None)
if saved:
    st.success(t("data.saved", lang, version=saved), icon=":material/check_circle:")

import_tab, history_tab, edit_tab, comment_tab = st.tabs(
    [t(f"data.tab.{name}", lang) for name in ("import", "history", "edit", "commentary")])

with import_tab:
    left, right = st.columns([2, 3])
    kind = left.radio(t("data.kind", lang), KINDS, format_func=lambda k: t(f"data.kind.{k}", lang),
                      horizontal=True, key="data.kind")
    mode = right.radio(t("data.mode", lang), D.MODES, format_func=lambda m: t(f"data.mode.{m}", lang),
                       horizontal=True, key="data.mode", help=t("data.mode.help", lang))
    upload = st.file_uploader(t("data.upload", lang, limit=v.upload_limit_mb()),
                              type=["csv", "txt", "xlsx", "parquet"], key="data.upload")
    if upload is not None:
        pending = v.pending_import(store, upload, kind, mode)
        if isinstance(pending, ValidationError):
            v.problems_block(pending, lang, "data.import.problems")
        else:
            prepared: PreparedImport = pending
            v.warnings_block(prepared.warnings, lang, "data.import")
            st.subheader(t("data.preview", lang, version=f"v{prepared.based_on}"))
            v.preview_block(prepared.diff, lang, "data.import.preview")
            if not prepared.diff.is_empty and st.button(t("data.confirm", lang), type="primary",
                                                        key="data.import.confirm", icon=":material/save:"):
                v.saved_or_stale(lambda: commit_import(store, prepared, v.current_actor()), lang, "data.import.save")

with history_tab:
    manifests = store.versions()
    st.dataframe(v.history_frame(manifests, manifest.version, lang), hide_index=True, key="data.history")
    labels = {m.label: m for m in reversed(manifests)}
    picked = st.selectbox(t("data.pick_version", lang), list(labels), key="data.history.pick")
    v.version_block(store, labels[picked], lang, "data.history.version")

with edit_tab:
    v.edit_block(store, snapshot, lang)

with comment_tab:
    years = sorted(int(y) for y in snapshot.activities[A.year].unique()) or [2018]
    v.commentary_block(store, snapshot, years, lang)
