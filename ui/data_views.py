"""Building blocks of the Data page: problem table, change preview, history, roll-back and commentary."""

from __future__ import annotations

import re
import unicodedata
from functools import partial

import pandas as pd
import streamlit as st

from kpi import diff as D
from kpi import fmt
from kpi.access import AccessRefused, Actor
from kpi.commentary import PERIODS, commentary_entries, commentary_for, set_commentary
from kpi.dashboard import data_years
from kpi.engine import kpi_table
from kpi.exports import csv_bytes, xlsx_bytes
from kpi.i18n import LANGS, t
from kpi.importing import as_text
from kpi.problems import Problem, ValidationError, problems_frame
from kpi.readers import max_upload_bytes
from kpi.reading import history_sentence, labelled_diff, local_time, user_name
from kpi.registry import KPI_BY_KEY, KPI_KEYS
from kpi.report import difference_frame
from kpi.store import Manifest, Snapshot, StaleVersion, Store, StoreError, open_store, user_message
from kpi.story import commentary_history_frame, period_name

PREVIEW_ROWS = 200  # rows shown per preview table; the counts always cover everything
HIGHLIGHT = "background-color: #FFE8A3"  # changed cells; a light amber that keeps dark text readable
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Emphasis, code, links and images, HTML, strike-through, math, tables, e-mail autolinks:
_INLINE_MARKS = re.compile(r"([\\`*_\[\]<>~$|@])")
_AUTOLINKS = re.compile(r"(?i)\b(https?|ftp|mailto|www)([:.])")  # bare URLs that GFM would turn into links
_LINE_START_MARKS = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))", re.MULTILINE)  # headings, quotes, lists


def plain(text: str) -> str:
    """`text` for an element that renders Markdown (st.error, st.caption, ...), shown as typed: marks escaped."""
    escaped = _AUTOLINKS.sub(r"\1\\\2", _INLINE_MARKS.sub(r"\\\1", text))
    escaped = _LINE_START_MARKS.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(2) else f"{m.group(1)}{m.group(3)}\\{m.group(4)}", escaped
    )
    return escaped.replace("\n", "  \n")


def safe_file_name(name: str, default: str = "download") -> str:
    """A download name that is ASCII, has no path separators or control characters, and is not empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_name).strip("._-")[:120]
    return cleaned or default


def problems_block(error: ValidationError, lang: str, key: str) -> None:
    """Every problem of a refused file or edit as a table, downloadable as CSV."""
    st.error(plain(error.message(lang, limit=0).splitlines()[0]))  # names the uploaded file
    table = problems_frame(error.problems, lang)
    st.dataframe(table, hide_index=True, key=f"{key}.table")
    name = safe_file_name(f"{error.source or 'problems'}.problems.csv")
    st.download_button(
        t("data.problems.download", lang),
        csv_bytes(table),
        name,
        "text/csv",
        key=f"{key}.download",
        on_click="ignore",
        icon=":material/download:",
    )


def warnings_block(warnings: list[Problem], lang: str, key: str) -> None:
    """Warnings of an importable file (formula-like text) as a table."""
    if warnings:
        st.warning(t("data.warnings", lang, count=len(warnings)))
        st.dataframe(problems_frame(warnings, lang), hide_index=True, key=f"{key}.warnings")


def upload_limit_mb() -> int:
    """The upload limit in whole MB, for the uploader's label."""
    return max(1, round(max_upload_bytes() / 1024 / 1024))


def import_block(store: Store, actor: Actor, lang: str) -> None:
    """The import tab: the import wizard (upload, columns, values, dates and numbers, preview, save)."""
    from ui.import_wizard import wizard  # the wizard draws with this module's blocks

    wizard(store, actor, lang)


def _highlighted(frame: pd.DataFrame, mask: pd.DataFrame):
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    styles[mask.to_numpy()] = HIGHLIGHT
    return frame.style.apply(lambda _: styles, axis=None)


def _limited(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    if len(frame) > PREVIEW_ROWS:
        st.caption(t("data.shown", lang, shown=PREVIEW_ROWS, count=len(frame)))
    return frame.head(PREVIEW_ROWS)


def preview_block(change: D.Diff, lang: str, key: str) -> None:
    """Counts of added, changed, removed and unchanged rows, and the rows themselves (changed cells highlighted)."""
    for column, name in zip(st.columns(4), ("added", "changed", "removed", "unchanged")):
        column.metric(t(f"data.{name}", lang), fmt.number(change.counts[name], lang))
    if change.is_empty:
        st.info(t("data.no_change", lang))
        return
    if len(change.changed):
        with st.expander(f"{t('data.changed', lang)} ({len(change.changed)})", expanded=True):
            shown = as_text(_limited(change.changed, lang))  # cells as in the file: dates without time, no None
            mask = change.changed_mask.head(len(shown))[list(shown.columns)]
            table = shown.assign(
                **{t("data.changed_columns", lang): change.changed_columns().head(len(shown)).map(", ".join)}
            )
            mask = mask.assign(**{t("data.changed_columns", lang): False})
            st.dataframe(_highlighted(table, mask), hide_index=True, key=f"{key}.changed")
            st.caption(t("data.before", lang))
            st.dataframe(as_text(change.before.head(len(shown))), hide_index=True, key=f"{key}.before")
    for name, frame in (("added", change.added), ("removed", change.removed)):
        if len(frame):
            with st.expander(f"{t(f'data.{name}', lang)} ({len(frame)})", expanded=name == "added"):
                st.dataframe(as_text(_limited(frame, lang)), hide_index=True, key=f"{key}.{name}")


def history_frame(manifests: list[Manifest], current: int | None, lang: str) -> pd.DataFrame:
    """The versions, newest first, in the user's language: times on the team's clock, actions as sentences."""
    rows = [
        {
            t("data.version", lang): m.label + (f" ({t('data.current', lang)})" if m.version == current else ""),
            t("reading.history.time", lang): local_time(m.created, lang),
            t("data.user", lang): user_name(m.user, lang),
            t("data.email", lang): (getattr(m, "by", None) or {}).get("email") or "",
            t("data.action", lang): t(f"action.{m.action}", lang),
            t("data.source", lang): m.source or "",
            t("data.description", lang): history_sentence(m.action, m.description, lang),
            t("data.rows", lang): " / ".join(
                fmt.number(m.rows.get(k, 0), lang) for k in ("activities", "targets", "commentary")
            ),
            t("data.checksum", lang): m.checksum[:12],
        }
        for m in reversed(manifests)
    ]
    return pd.DataFrame(rows)


def _table_bytes(location: str, version: int, table: str, fmt: str) -> bytes:
    # Runs when the button is clicked (deferred download), outside the script run: pure kpi calls only.
    frame = as_text(open_store(location).load_table(version, table))
    return csv_bytes(frame) if fmt == "csv" else xlsx_bytes(frame, sheet=table)


@st.cache_resource(show_spinner=False, max_entries=8)
def version_diff(location: str, version: int, kind: str) -> D.Diff:
    """A version's difference from the one before (versions never change, so this is cached for good)."""
    store = open_store(location)
    return D.diff_frames(store.load_table(version - 1, kind), store.load_table(version, kind), D.KEYS[kind])


def version_block(store: Store, manifest: Manifest, actor: Actor, lang: str, key: str) -> None:
    """One version: its difference from the one before, its tables as CSV and XLSX, and a roll-back to it."""
    version, current = manifest.version, store.current_version()
    if version > 1:
        st.markdown(f"**{t('data.diff_previous', lang, version=f'v{version - 1}')}**")
        for kind in ("activities", "targets"):
            st.caption(t(f"data.kind.{kind}", lang))
            preview_block(labelled_diff(version_diff(store.location, version, kind), lang), lang, f"{key}.{kind}")
    else:
        st.caption(t("data.first_version", lang))
    st.markdown(f"**{t('data.downloads', lang, version=manifest.label)}**")
    columns = st.columns(4)
    for n, (kind, form) in enumerate(
        (("activities", "csv"), ("activities", "xlsx"), ("targets", "csv"), ("targets", "xlsx"))
    ):
        label = t("data.download", lang, table=t(f"data.kind.{kind}", lang), fmt=form.upper())
        columns[n].download_button(
            label,
            partial(_table_bytes, store.location, version, kind, form),
            f"{kind}-{manifest.label}.{form}",
            "text/csv" if form == "csv" else XLSX_MIME,
            key=f"{key}.dl.{kind}.{form}",
            on_click="ignore",
            icon=":material/download:",
        )
    if version == current:
        st.caption(t("data.is_current", lang))
    elif not actor.may("rollback"):
        st.caption(t("auth.refused.rollback", lang))
    else:
        rollback_block(store, manifest, current, actor, lang, key)


def rollback_block(store: Store, manifest: Manifest, current: int | None, actor: Actor, lang: str, key: str) -> None:
    """A roll-back that asks first: the button opens the question, and only "yes" saves the copy as a new version."""
    asking = f"{key}.rollback_asked"
    if st.session_state.get(asking) != manifest.version:
        st.button(
            t("data.rollback", lang, version=manifest.label),
            key=f"{key}.rollback",
            help=t("data.rollback_help", lang, version=manifest.label),
            icon=":material/history:",
            on_click=st.session_state.__setitem__,
            args=(asking, manifest.version),
        )
        return
    st.warning(t("reading.rollback.ask", lang, number=manifest.version), icon=":material/history:")
    yes, no, _ = st.columns([2, 1, 3])
    no.button(t("reading.rollback.no", lang), key=f"{key}.rollback_no", on_click=st.session_state.pop, args=(asking,))
    if yes.button(t("reading.rollback.yes", lang, version=manifest.label), key=f"{key}.rollback_yes", type="primary"):
        st.session_state.pop(asking, None)
        saved_or_stale(lambda: store.rollback(manifest.version, current, actor=actor), lang, f"{key}.rollback")


def refused(actor: Actor, action: str, lang: str) -> bool:
    """Show why `actor` may not do `action` here (the store's guard would refuse it); True when refused."""
    if actor.may(action):
        return False
    st.info(t(f"auth.refused.{action}", lang, role=t(f"auth.role.{actor.role}", lang)), icon=":material/lock:")
    return True


def saved_or_stale(save, lang: str, key: str) -> Manifest | None:
    """Run a save; report the new version, or why it is refused (invalid, no role, the data changed, the store)."""
    try:
        manifest = save()
    except AccessRefused as error:  # the store's guard: the role may not do this; nothing was saved
        st.error(plain(error.message(lang)), icon=":material/block:")
        return None
    except StaleVersion as error:
        st.session_state.pop("data.pending", None)  # the next run previews against the new version
        _forget_base_versions()
        st.error(error.message(lang), icon=":material/sync_problem:")
        return None
    except StoreError as error:  # full, read-only, busy: nothing was saved; no server path shown
        st.error(user_message(error, lang), icon=":material/error:")
        return None
    except ValidationError as error:
        problems_block(error, lang, key)
        return None
    st.session_state.pop("data.pending", None)
    _forget_base_versions()
    st.session_state["data.saved"] = manifest.label
    st.rerun()
    return manifest


def base_version(name: str, current: int) -> int:
    """The version the user started editing `name` from; saves are based on it, so a change in between is refused."""
    return st.session_state.setdefault(f"data.base.{name}", current)


def _forget_base_versions() -> None:
    for key in [k for k in st.session_state if str(k).startswith("data.base.")]:
        del st.session_state[key]


def commentary_block(store: Store, snapshot: Snapshot, years: list[int], actor: Actor, lang: str) -> None:
    """Edit the commentary of one KPI for one reporting period (the year or a quarter), every language side by
    side; every period's texts of that KPI and year are listed under it with their author and time."""
    st.caption(t("data.comment.help", lang))
    left, middle, right = st.columns([1, 1, 2])
    year = left.selectbox(t("data.comment.year", lang), years[::-1], key="data.comment.year")
    period = middle.selectbox(
        t("story.comment.period", lang),
        list(PERIODS),
        format_func=lambda p: period_name(p, year, lang),
        key="data.comment.period",
    )
    kpi = right.selectbox(
        t("col.kpi", lang), KPI_KEYS, format_func=lambda k: KPI_BY_KEY[k].label(lang), key="data.comment.kpi"
    )
    base = base_version(f"comment.{year}.{period}.{kpi}", snapshot.manifest.version)
    table = snapshot.commentary if base == snapshot.manifest.version else store.load_table(base, "commentary")
    texts = {}
    for column, text_lang in zip(st.columns(len(LANGS)), LANGS):
        current = commentary_for(table, year, text_lang, period).get(kpi, "")
        label = t("data.comment.in", lang, language=fmt.language_name(text_lang, lang))
        texts[text_lang] = column.text_area(
            label, current, key=f"data.comment.{base}.{year}.{period}.{kpi}.{text_lang}"
        )
    if st.button(t("data.comment.save", lang), key="data.comment.save", icon=":material/save:"):
        new = table
        for text_lang, text in texts.items():
            if text.strip() != commentary_for(table, year, text_lang, period).get(kpi, ""):  # only what changed
                new = set_commentary(new, kpi, year, text_lang, text, period, author=actor.label)
        saved_or_stale(
            lambda: store.save(
                base, commentary=new, action="commentary", description=f"commentary {kpi} {year} {period}", actor=actor
            ),
            lang,
            "data.comment",
        )
    entries = commentary_entries(table, year, kpi)
    if len(entries):
        st.caption(t("story.comment.all", lang, year=year))
        st.dataframe(commentary_history_frame(entries, year, lang), hide_index=True, key="data.comment.periods")


@st.cache_data(show_spinner=False, max_entries=16)
def _kpi_difference(location: str, before: int, after: int, year: int, lang: str) -> pd.DataFrame:
    # Versions never change, so the comparison of two of them is cached for good.
    store = open_store(location)
    old, new = store.load(before), store.load(after)
    return difference_frame(
        kpi_table(old.activities, old.targets, year, lang=lang),
        kpi_table(new.activities, new.targets, year, lang=lang),
        lang,
    )


def kpi_difference_block(store: Store, manifests: list[Manifest], lang: str, key: str) -> None:
    """The KPI table's difference between two data versions for one year (default: the previous and the current)."""
    if len(manifests) < 2:
        return
    st.subheader(t("data.compare.title", lang))
    labels = [m.label for m in reversed(manifests)]
    left, middle, right = st.columns(3)
    before = left.selectbox(t("data.compare.before", lang), labels, index=1, key=f"{key}.before")
    after = middle.selectbox(t("data.compare.after", lang), labels, index=0, key=f"{key}.after")
    years = data_years(store.load_table(manifests[-1].version, "activities"))
    year = right.selectbox(t("data.compare.year", lang), years, index=len(years) - 1, key=f"{key}.year")
    numbers = {m.label: m.version for m in manifests}
    table = _kpi_difference(store.location, numbers[before], numbers[after], int(year), lang)
    st.dataframe(table, hide_index=True, key=f"{key}.table")
