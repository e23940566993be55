"""Shared widgets: language switch, year and filter pickers, KPI card; every one keeps its value in the URL."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from kpi import dashboard as vm
from kpi import fmt
from kpi.figures import PLOTLY_CONFIG
from kpi.filters import FILTER_COLUMNS, ActivityFilter, from_query, to_query
from kpi.i18n import LANGS, lang_or_default, t
from ui import state

LANG_NAMES: dict[str, str] = {"nl": "Nederlands", "en": "English"}
FILTER_KEYS: tuple[str, ...] = ("years", *FILTER_COLUMNS)


def language_switch() -> str:
    """The user's language from `?lang=` (default Dutch), with a switch in the sidebar that writes it back."""
    restored = state.restore(["lang"])
    lang = lang_or_default(state.get("lang"))
    if restored and lang != "nl":
        st.rerun()  # the navigation was titled before the language came back from the session
    st.session_state["w.lang"] = lang
    st.sidebar.segmented_control(t("dash.language", lang), LANGS, format_func=LANG_NAMES.__getitem__,
                                 key="w.lang", on_change=_lang_changed, required=True)
    return lang


def _lang_changed() -> None:
    state.put("lang", None if st.session_state["w.lang"] == "nl" else st.session_state["w.lang"])


def year_select(years: Sequence[int], lang: str, key_prefix: str, default: int | None = None) -> int:
    """A year picker kept in `?year=` (default: the latest year)."""
    state.restore(["year"])
    choice = _int(state.get("year"))
    year = choice if choice in years else (default if default in years else years[-1])
    key = f"{key_prefix}.year"
    st.session_state[key] = year
    st.selectbox(t("dash.year", lang), list(years), key=key, on_change=_year_changed, args=(key,))
    return year


def _year_changed(key: str) -> None:
    year = st.session_state.get(key)
    state.put("year", None if year is None else str(year))
    if not (state.get("asof") or "").startswith(f"{year}-"):
        state.put("asof", None)  # an as-of date belongs to its year


def as_of_select(year: int, lang: str, key_prefix: str) -> dt.date:
    """An as-of date within `year`, kept in `?asof=` (default 31 December)."""
    state.restore(["asof"])
    try:
        chosen = dt.date.fromisoformat(state.get("asof") or "")
    except ValueError:
        chosen = None
    as_of = chosen if chosen and chosen.year == year else dt.date(year, 12, 31)
    key = f"{key_prefix}.asof"
    st.session_state[key] = as_of
    st.date_input(t("dash.as_of", lang), key=key, min_value=dt.date(year, 1, 1), max_value=dt.date(year, 12, 31),
                  format="DD-MM-YYYY" if lang == "nl" else "DD/MM/YYYY", on_change=_asof_changed, args=(key, year))
    return as_of


def _asof_changed(key: str, year: int) -> None:
    value = st.session_state[key]
    state.put("asof", None if value in (None, dt.date(year, 12, 31)) else value.isoformat())


def choice(label: str, options: Sequence[str], param: str, key_prefix: str, format_func=str,
           default: str | None = None, dropdown: bool = False) -> str:
    """A single choice among `options` (buttons, or a dropdown), kept in `?{param}=`."""
    state.restore([param])
    current = state.get(param)
    value = current if current in options else (default if default in options else options[0])
    key = f"{key_prefix}.{param}"
    st.session_state[key] = value
    if dropdown:
        st.selectbox(label, list(options), format_func=format_func, key=key, on_change=_put_from, args=(key, param))
    else:
        st.segmented_control(label, list(options), format_func=format_func, key=key, required=True,
                             on_change=_put_from, args=(key, param))
    return value


def filter_bar(activities: pd.DataFrame, lang: str, key_prefix: str) -> ActivityFilter:
    """The mission filters (year range, country, direction, role, theme, region), kept in the URL; applied together."""
    state.restore(FILTER_KEYS)
    selection = from_query(state.params(FILTER_KEYS), missions_only=True)
    options = vm.filter_options(activities)
    years = vm.data_years(activities)
    span = selection.years or (years[0], years[-1])
    span = (max(span[0], years[0]), min(span[1], years[-1]))
    if span[0] > span[1]:
        span = (years[0], years[-1])
    keys = {name: f"{key_prefix}.{name}" for name in FILTER_KEYS}
    bounds = (years[0], years[-1])
    st.session_state[keys["years"]] = span
    columns = st.columns([2, 2, 1, 1, 2, 2])
    if len(years) > 1:
        columns[0].slider(t("dash.years", lang), years[0], years[-1], step=1, format="%d", key=keys["years"],
                          on_change=_filter_changed,
                                 args=(keys["years"], "years", bounds))
    else:
        columns[0].markdown(f"**{t('dash.years', lang)}**: {years[0]}")
    for column, name in zip(columns[1:], FILTER_COLUMNS):
        chosen = [v for v in getattr(selection, name) if v in options[name]]
        st.session_state[keys[name]] = chosen
        column.multiselect(t(f"dash.filter.{name}", lang), options[name], key=keys[name],
                           format_func=lambda v, n=name: vm.label(n, v, lang),
                           placeholder=t("dash.filter.all", lang), on_change=_filter_changed,
                           args=(keys[name], name, bounds))
    current = ActivityFilter(years=span if span != (years[0], years[-1]) else None, missions_only=True,
                             **{n: tuple(st.session_state[keys[n]]) for n in FILTER_COLUMNS})
    if not current.is_empty():
        st.button(t("dash.filter.clear", lang), key=f"{key_prefix}.clear", on_click=_clear_filters)
    return current


def _filter_changed(key: str, name: str, bounds: tuple[int, int]) -> None:
    """Write the one filter that changed to the URL (the others are already there)."""
    value = st.session_state.get(key)
    if name == "years":
        span = (value, value) if isinstance(value, int) else tuple(value or bounds)
        state.put("years", None if span == bounds else to_query(ActivityFilter(years=span))["years"])
    else:
        state.put(name, list(value or []))


def _clear_filters() -> None:
    state.put_many({}, FILTER_KEYS)


def narrow(param: str, value: str) -> None:
    """Add `value` to the multi-valued filter `param` in the URL (a click on a chart narrows the filter)."""
    values = state.get_all(param)
    if value not in values:
        state.put(param, [*values, value])


def narrow_from_selection(chart_key: str, params: Sequence[str]) -> None:
    """Chart selection callback: narrow each of `params` to the matching customdata field of the clicked points."""
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    data = [p["customdata"] for p in points if p.get("customdata")]
    for n, param in enumerate(params):
        picked = [row[n] for row in data if len(row) > n and row[n]]
        if picked:
            state.put(param, list(dict.fromkeys(picked)))


def selectable_chart(figure, key: str, params: Sequence[str]) -> None:
    """A chart whose clicked points narrow the filters `params` (from the points' customdata)."""
    st.plotly_chart(figure, key=key, theme=None, config=PLOTLY_CONFIG, on_select=partial(narrow_from_selection, key,
                    tuple(params)), selection_mode="points")


def chart(figure, key: str) -> None:
    """A chart drawn as built (our palette and fonts, not the theme's)."""
    st.plotly_chart(figure, key=key, theme=None, config=PLOTLY_CONFIG)


def kpi_card(card: vm.KPICard, lang: str, key_prefix: str, commentary: str | None = None) -> None:
    """One KPI: realised, annual target, gap and %, status in words and icon, multi-year progress, trend."""
    with st.container(border=True, key=f"{key_prefix}.{card.key}"):
        delta = None
        if card.gap is not None:
            delta = t("dash.card.gap", lang, gap=fmt.signed(card.gap, lang), share=fmt.percent(card.share, lang))
        # Blue above, orange below the target (colour-blind safe); the arrow and words carry the meaning too.
        above = card.gap is not None and card.gap >= 0
        st.metric(card.label, fmt.number(card.realized, lang), delta=delta,
                  delta_color="gray" if card.gap is None else ("blue" if above else "orange"),
                  delta_arrow="off" if not card.gap else ("up" if card.gap > 0 else "down"),
                  chart_data=card.trend.tolist() if len(card.trend) > 1 else None, chart_type="line",
                  help=get_help(card, lang))
        st.markdown(f"{t('dash.card.target', lang, target=card.target_text)}  \n"
                    f"**{card.icon} {card.status_text}**")
        if card.plan and card.plan_target.defined:
            st.caption(f"{card.plan_icon} " + t("dash.card.plan", lang, plan=card.plan,
                                                 cumulative=fmt.number(card.cumulative, lang),
                                                 target=card.plan_target_text,
                                                 expected=fmt.number(card.plan_expected, lang))
                       + f" · {card.plan_status_text}")
        elif card.plan:
            st.caption(f"{card.plan}: {fmt.number(card.cumulative, lang)} · {card.plan_status_text}")
        if commentary:
            st.info(commentary, icon=":material/comment:")


def get_help(card: vm.KPICard, lang: str) -> str:
    """The tooltip of a card: the years of its trend line."""
    if len(card.trend) < 2:
        return ""
    return ", ".join(f"{y}: {fmt.number(int(v), lang)}" for y, v in card.trend.items())


def download_buttons(frame: pd.DataFrame, name: str, sheet: str, lang: str, key_prefix: str) -> None:
    """CSV and Excel buttons for `frame`; the files are made only when a button is clicked."""
    csv_col, xlsx_col, _ = st.columns([1, 1, 4])
    csv_col.download_button(t("dash.download_csv", lang), partial(_export, "csv", frame, sheet), f"{name}.csv",
                            "text/csv", key=f"{key_prefix}.csv", on_click="ignore", icon=":material/download:")
    xlsx_col.download_button(t("dash.download_xlsx", lang), partial(_export, "xlsx", frame, sheet), f"{name}.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             key=f"{key_prefix}.xlsx", on_click="ignore", icon=":material/download:")


def _export(kind: str, frame: pd.DataFrame, sheet: str) -> bytes:
    # Imported on click: the exports pull in the validation stack, which would slow the first render.
    from kpi.exports import csv_bytes, xlsx_bytes
    return csv_bytes(frame) if kind == "csv" else xlsx_bytes(frame, sheet=sheet)


def empty(lang: str, key: str = "dash.empty") -> None:
    """The sentence shown instead of a chart or table when nothing matches."""
    st.info(t(key, lang), icon=":material/filter_alt_off:")


def _put_from(key: str, param: str) -> None:
    value = st.session_state.get(key)
    state.put(param, None if value is None else str(value))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
