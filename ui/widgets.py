"""Shared widgets: language switch, year and filter pickers, KPI card; every one keeps its value in the URL."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from kpi import dashboard as vm
from kpi import fmt, palette
from kpi.engine import Reference
from kpi.filters import FILTER_COLUMNS, ActivityFilter, by_label, from_query, region_options, to_query
from kpi.i18n import LANGS, lang_or_default, t
from kpi.languages import DEFAULT, language
from kpi.reading import ignored_notice
from kpi.reference import PACK, from_pack, overview_pack
from kpi.store import BoardPackRecord, StoreError, open_store
from kpi.story import status_legend as status_legend_rows
from ui import a11y, loaders, state
from ui.loaders import version_snapshot
from ui.sparkline import sparkline_html

FILTER_KEYS: tuple[str, ...] = ("years", *FILTER_COLUMNS)


_NOTICES = "_w.notices"


def language_switch() -> str:
    """The user's language from `?lang=` (default Dutch), with a switch in the sidebar that writes it back.

    Every page calls it first: it also opens the place where notices about ignored link values appear.
    """
    restored = state.restore(["lang"])
    raw = state.get("lang")
    lang = lang_or_default(raw)
    st.session_state[_NOTICES] = {"box": st.empty(), "items": []}  # a placeholder: each notice replaces the last
    if raw is not None and raw not in LANGS:
        state.put("lang", None)
        ignored("lang", raw, lang_name(lang), lang)
    if restored and lang != DEFAULT:
        st.rerun()  # the navigation was titled before the language came back from the session
    st.session_state["w.lang"] = lang
    st.sidebar.segmented_control(
        t("dash.language", lang),
        list(LANGS),
        format_func=lang_name,
        key="w.lang",
        on_change=_lang_changed,
        required=True,
    )
    return lang


def lang_name(code: str) -> str:
    """A language's name in itself, as the switch shows it: 'Nederlands', 'English'."""
    return language(code).name


def lang_param(lang: str) -> dict[str, str]:
    """The `?lang=` of a link to another page: none for the default language, as the switch writes it."""
    return {} if lang == DEFAULT else {"lang": lang}


def _lang_changed() -> None:
    state.put("lang", None if st.session_state["w.lang"] == DEFAULT else st.session_state["w.lang"])


def ignored(name: str, value: object, shown: object, lang: str) -> None:
    """Say, visibly at the top of the page, that a link value was ignored and what is shown instead: one notice
    for every value of the run (kpi.reading.ignored_notice), redrawn as values are added."""
    notices = st.session_state.get(_NOTICES)
    if notices is None:
        return
    notices["items"].append((name, value, shown))
    notices["box"].warning(ignored_notice(notices["items"], lang), icon=":material/link_off:")


def year_select(years: Sequence[int], lang: str, key_prefix: str, default: int | None = None) -> int:
    """A year picker kept in `?year=` (default: the latest year); a year not offered is named and replaced."""
    state.restore(["year"])
    raw = state.get("year")
    choice = _int(raw)
    year = choice if choice in years else (default if default in years else years[-1])
    if raw is not None and choice not in years:
        state.put("year", str(year))
        state.put("asof", None)
        ignored("year", raw, year, lang)
    key = f"{key_prefix}.year"
    st.session_state[key] = year
    st.selectbox(t("dash.year", lang), list(years), key=key, on_change=_year_changed, args=(key,))
    return year


def _year_changed(key: str) -> None:
    year = st.session_state.get(key)
    state.put("year", None if year is None else str(year))
    if not (state.get("asof") or "").startswith(f"{year}-"):
        state.put("asof", None)  # an as-of date belongs to its year


_CUSTOM = "custom"


def as_of_options(year: int) -> list[dt.date]:
    """The as-of dates offered for `year`: the end of every month (quarter ends among them), the last first."""
    ends = [dt.date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]
    return list(reversed(ends))


def _as_of_label(value: dt.date | str, lang: str) -> str:
    if value == _CUSTOM:
        return t("progress.as_of.custom", lang)
    if value.month == 12:
        return f"{fmt.date(value, lang)} ({t('progress.as_of.year_end', lang)})"
    if value.month % 3 == 0:
        return f"{fmt.date(value, lang)} ({fmt.quarter(value.year, value.month // 3, lang).split()[0]})"
    return fmt.date(value, lang)


def as_of_select(year: int, lang: str, key_prefix: str) -> dt.date:
    """An as-of date within `year`, kept in `?asof=` (default 31 December): a month or quarter end, or any date.

    "Other date" opens a date field on the date shown, from whichever date was chosen; a date that is no month end
    (from the field or a link) keeps the field open. Choosing a month end closes it.
    """
    state.restore(["asof"])
    raw = state.get("asof")
    try:
        chosen = dt.date.fromisoformat(raw or "")
    except ValueError:
        chosen = None
    as_of = chosen if chosen and chosen.year == year else dt.date(year, 12, 31)
    if raw is not None and as_of != chosen:
        state.put("asof", None)
        ignored("asof", raw, fmt.date(as_of, lang), lang)
    ends = as_of_options(year)
    pick_key, key, custom_key = f"{key_prefix}.asof_pick", f"{key_prefix}.asof", f"{key_prefix}.asof_custom"
    custom = as_of not in ends or st.session_state.get(custom_key) == year
    st.session_state[pick_key] = _CUSTOM if custom else as_of
    st.selectbox(
        t("dash.as_of", lang),
        [*ends, _CUSTOM],
        key=pick_key,
        format_func=partial(_as_of_label, lang=lang),
        on_change=_asof_picked,
        args=(pick_key, custom_key, year),
    )
    if custom:
        st.session_state[key] = as_of
        st.date_input(
            t("progress.as_of.date", lang),
            key=key,
            min_value=dt.date(year, 1, 1),
            max_value=dt.date(year, 12, 31),
            format=language(lang).date_input,
            on_change=_asof_changed,
            args=(key, year),
        )
    return as_of


def _asof_picked(key: str, custom_key: str, year: int) -> None:
    value = st.session_state[key]
    if value == _CUSTOM:  # the date stays as it was; the field opens on it
        st.session_state[custom_key] = year
        return
    st.session_state.pop(custom_key, None)
    state.put("asof", None if value == dt.date(year, 12, 31) else value.isoformat())


def _asof_changed(key: str, year: int) -> None:
    value = st.session_state[key]
    if value is None:  # a cleared field keeps the date shown
        return
    state.put("asof", None if value == dt.date(year, 12, 31) else value.isoformat())


def reference_select(as_of: dt.date, lang: str, key_prefix: str) -> Reference:
    """What to compare with, kept in `?since=`: the end of the previous quarter (default), month or year, or the
    last board pack recorded up to `as_of` (its own data version at its as-of date), offered only when there is one."""
    state.restore(["since"])
    pack = _last_pack(as_of)
    options = list(vm.REFERENCES) + ([PACK] if pack is not None else [])

    def label(option: str) -> str:
        if option == PACK:
            return t("progress.reference.pack", lang, date=fmt.date(pack.as_of, lang), version=pack.version)
        return f"{fmt.date(vm.reference_date(as_of, option), lang)} ({t(f'progress.reference.short.{option}', lang)})"

    raw = state.get("since")
    value = raw if raw in options else options[0]
    reference = Reference(vm.reference_date(as_of, value)) if value != PACK else None
    if value == PACK:
        try:
            reference = from_pack(pack, version_snapshot(pack.version))
        except (StoreError, OSError, ValueError):  # the pack's version cannot be read: compare as by default
            value, reference = options[0], Reference(vm.reference_date(as_of, options[0]))
    if raw is not None and raw != value:
        state.put("since", None)
        ignored("since", raw, label(value), lang)
    key = f"{key_prefix}.since"
    st.session_state[key] = value
    st.selectbox(
        t("progress.reference", lang), options, key=key, format_func=label, on_change=_put_from, args=(key, "since")
    )
    return reference


def _last_pack(as_of: dt.date) -> BoardPackRecord | None:
    """The last board pack recorded up to `as_of`; None when there is none or the records cannot be read."""
    try:
        return overview_pack(open_store(), as_of)
    except StoreError:  # an unreadable store already stopped the page; without records there is no option
        return None


def choice_value(
    options: Sequence[str], param: str, format_func=str, default: str | None = None, lang: str | None = None
) -> str:
    """The value of `?{param}=` among `options` (else `default`, else the first); an unknown value is named in the
    notice and dropped from the link. Also for a choice a page does not draw in its current view."""
    state.restore([param])
    current = state.get(param)
    value = current if current in options else (default if default in options else options[0])
    if current is not None and current not in options:
        state.put(param, None)
        ignored(param, current, format_func(value), lang or lang_or_default(state.get("lang")))
    return value


def choice(
    label: str,
    options: Sequence[str],
    param: str,
    key_prefix: str,
    format_func=str,
    default: str | None = None,
    dropdown: bool = False,
) -> str:
    """A single choice among `options` (buttons, or a dropdown), kept in `?{param}=`."""
    value = choice_value(options, param, format_func, default)
    key = f"{key_prefix}.{param}"
    st.session_state[key] = value
    if dropdown:
        st.selectbox(label, list(options), format_func=format_func, key=key, on_change=_put_from, args=(key, param))
    else:
        st.segmented_control(
            label,
            list(options),
            format_func=format_func,
            key=key,
            required=True,
            on_change=_put_from,
            args=(key, param),
        )
    return value


def not_applicable(param: str, lang: str) -> None:
    """Name `?{param}=` in the notice when this page does not use it (the link keeps it for the pages that do)."""
    raw = state.get_all(param) if param in st.query_params else []
    if raw:
        ignored(param, ", ".join(raw), t("reading.ignored_unused", lang), lang)


FILTER_LAYOUT: tuple[tuple[str, ...], ...] = (("years", "countries", "themes"), ("directions", "roles", "regions"))


def filter_bar(activities: pd.DataFrame, lang: str, key_prefix: str) -> ActivityFilter:
    """The mission filters (year range, country, direction, role, theme, region), kept in the URL; applied together.

    Link values that match nothing in the data are named in a notice and dropped from the address bar.
    """
    state.restore(FILTER_KEYS)
    params = state.params(FILTER_KEYS)
    selection = from_query(params, missions_only=True)
    options = loaders.filter_options()  # of the current version, which `activities` is; cached per version
    years = vm.data_years(activities)
    bounds = (years[0], years[-1])
    span = selection.years or bounds
    span = (max(span[0], bounds[0]), min(span[1], bounds[1]))
    if span[0] > span[1]:
        span = bounds
    if params.get("years") and span != selection.years:
        state.put("years", None if span == bounds else to_query(ActivityFilter(years=span))["years"])
        ignored("years", params["years"][0], f"{span[0]}-{span[1]}", lang)
    keys = {name: f"{key_prefix}.{name}" for name in FILTER_KEYS}
    st.session_state[keys["years"]] = span
    chosen: dict[str, list[str]] = {}
    offered: dict[str, list[str]] = {}
    for name in FILTER_COLUMNS:
        values = options[name]
        if name == "regions":  # the regions of the chosen countries only
            values = region_options(values, loaders.country_regions_of_version(), chosen["countries"])
        offered[name] = by_label(values, lambda v, n=name: vm.label(n, v, lang))
        chosen[name] = [v for v in getattr(selection, name) if v in offered[name]]
        dropped = [v for v in params.get(name, []) if v not in chosen[name]]
        if dropped:
            state.put(name, chosen[name])
            shown = ", ".join(vm.label(name, v, lang) for v in chosen[name]) or t("dash.filter.all", lang)
            ignored(name, ", ".join(dropped), shown, lang)
        st.session_state[keys[name]] = chosen[name]
    for row in FILTER_LAYOUT:
        for column, name in zip(st.columns(len(row)), row):
            if name == "years":
                if len(years) > 1:
                    column.slider(
                        t("dash.years", lang),
                        years[0],
                        years[-1],
                        step=1,
                        format="%d",
                        key=keys["years"],
                        on_change=_filter_changed,
                        args=(keys["years"], "years", bounds),
                    )
                else:
                    column.markdown(f"**{t('dash.years', lang)}**: {years[0]}")
                continue
            column.multiselect(
                t(f"dash.filter.{name}", lang),
                offered[name],
                key=keys[name],
                format_func=lambda v, n=name: vm.label(n, v, lang),
                placeholder=t("dash.filter.all", lang),
                select_all=False,  # choosing every value is choosing none: "all" is the empty filter
                on_change=_filter_changed,
                args=(keys[name], name, bounds),
            )
    current = ActivityFilter(
        years=span if span != bounds else None,
        missions_only=True,
        **{n: tuple(st.session_state[keys[n]]) for n in FILTER_COLUMNS},
    )
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


def narrow_from_selection(chart_key: str, params: Sequence[str]) -> None:
    """Chart selection callback: narrow each of `params` to the matching customdata field of the clicked points."""
    event = st.session_state.get(chart_key)
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    data = [p["customdata"] for p in points if p.get("customdata")]
    for n, param in enumerate(params):
        picked = [row[n] for row in data if len(row) > n and row[n]]
        if picked:
            state.put(param, list(dict.fromkeys(picked)))


def selectable_chart(figure, key: str, params: Sequence[str], lang: str) -> None:
    """A chart whose clicked points narrow the filters `params` (from the points' customdata); with its text
    alternative and figures (the filters above it do the same by keyboard)."""
    a11y.chart(figure, key, lang, on_select=partial(narrow_from_selection, key, tuple(params)), selection_mode="points")


def chart(figure, key: str, lang: str, alt: str | None = None, data: pd.DataFrame | None = None) -> None:
    """A chart drawn as built (our palette and fonts, not the theme's), with its text alternative and the figures
    behind it (read from the figure unless given)."""
    a11y.chart(figure, key, lang, alt=alt, data=data)


def kpi_card(card: vm.KPICard, lang: str, key_prefix: str, commentary: str | None = None) -> None:
    """One KPI: realised against the value expected by now and the annual target, status, forecast, plan, change."""
    with st.container(border=True, key=f"{key_prefix}.{card.key}"):
        gap, delta = None, None
        if card.running and card.expected_gap is not None:
            gap = card.expected_gap
            delta = t("progress.delta_expected", lang, gap=fmt.signed(gap, lang))
        elif card.gap is not None:
            gap = card.gap
            delta = t("progress.delta_target", lang, gap=fmt.signed(gap, lang), share=fmt.percent(card.share, lang))
        # The delta's colour is the status's (one mapping, kpi.palette); the arrow gives the direction of the gap.
        st.metric(
            card.label,
            fmt.number(card.realized, lang),
            delta=delta,
            delta_color=card.colour,
            delta_arrow="off" if not gap else ("up" if gap > 0 else "down"),
            help=get_help(card, lang),
        )
        if len(card.trend) > 1:  # an image, not a chart per card: the page draws seven of them
            st.html(sparkline_html(card.trend.tolist(), palette.status_text_colour(card.status)))
        st.badge(f"{card.icon} {card.status_text}", color=card.colour)
        lines = [t("dash.card.target", lang, target=card.target_text)]
        if card.running and card.expected is not None:
            lines.append(
                t(
                    "progress.expected",
                    lang,
                    date=fmt.day_month(card.as_of, lang),
                    expected=fmt.number(card.expected, lang),
                )
            )
        if card.running:
            lines.append(t("progress.method", lang, method=card.pace_text))
        if card.forecast_text:
            lines.append(" · ".join(x for x in (card.forecast_text, card.needed_text) if x))
        if card.plan and card.plan_target.defined:
            lines.append(
                f"{card.plan_icon} "
                + t(
                    "progress.plan_line",
                    lang,
                    plan=fmt.sentence(card.plan),
                    cumulative=fmt.number(card.cumulative, lang),
                    target=card.plan_target_text,
                    expected=fmt.number(card.plan_expected, lang),
                )
                + f" · {card.plan_status_text}"
            )
        elif card.plan:
            lines.append(
                t(
                    "progress.plan_no_target",
                    lang,
                    plan=fmt.sentence(card.plan),
                    cumulative=fmt.number(card.cumulative, lang),
                )
            )
        if card.plan_forecast_text:
            lines.append(" · ".join(x for x in (card.plan_forecast_text, card.plan_needed_text) if x))
        if card.data_text:
            lines.append(card.data_text)  # the as-of date is after the data's end: the forecasts say from when
        if card.change_text:
            lines.append(card.change_text)
        if card.running and len(card.trend) > 1:
            lines.append(card.trend_text)  # the line compares like with like: every year up to the same day
        st.caption("  \n".join(fmt.markdown_literal(line) for line in lines))
        if commentary:  # typed by a user: shown as typed, never as Markdown, HTML or a link
            st.info(fmt.markdown_literal(commentary), icon=":material/comment:")


CARDS_PER_ROW = 4


def card_grid(cards: Sequence[vm.KPICard], lang: str, key_prefix: str, notes: dict[str, str]) -> None:
    """KPI cards in rows of CARDS_PER_ROW (stacked one per row on a phone by Streamlit's own layout)."""
    for start in range(0, len(cards), CARDS_PER_ROW):
        for column, card in zip(st.columns(CARDS_PER_ROW), cards[start : start + CARDS_PER_ROW]):
            with column:
                kpi_card(card, lang, key_prefix, notes.get(card.key))


def get_help(card: vm.KPICard, lang: str) -> str:
    """The tooltip of a card: what the trend line compares and its values per year."""
    if len(card.trend) < 2:
        return ""
    values = ", ".join(f"{y}: {fmt.number(int(v), lang)}" for y, v in card.trend.items())
    return fmt.markdown_literal(f"{card.trend_text}: {values}")


def download_buttons(frame: pd.DataFrame, name: str, sheet: str, lang: str, key_prefix: str) -> None:
    """CSV and Excel buttons for `frame`; the files are made only when a button is clicked."""
    csv_col, xlsx_col, _ = st.columns([1, 1, 4])
    csv_col.download_button(
        t("dash.download_csv", lang),
        partial(_export, "csv", frame, sheet),
        f"{name}.csv",
        "text/csv",
        key=f"{key_prefix}.csv",
        on_click="ignore",
        icon=":material/download:",
    )
    xlsx_col.download_button(
        t("dash.download_xlsx", lang),
        partial(_export, "xlsx", frame, sheet),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key_prefix}.xlsx",
        on_click="ignore",
        icon=":material/download:",
    )


def _export(kind: str, frame: pd.DataFrame, sheet: str) -> bytes:
    # Imported on click: the exports pull in the validation stack, which would slow the first render.
    from kpi.exports import csv_bytes, xlsx_bytes

    return csv_bytes(frame) if kind == "csv" else xlsx_bytes(frame, sheet=sheet)


ROW_PX, LINE_PX, MAX_ROWS_SHOWN = 35, 20, 60


def wrapped_table(frame: pd.DataFrame, key: str, caption: str) -> None:
    """A table whose every cell is shown in full (long texts wrap), in a box that scrolls past MAX_ROWS_SHOWN rows;
    every cell escaped (shown as text), an empty one as a dash; numbers right-aligned. Prints as it shows."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    shown = frame.astype(object).where(frame.notna(), "–")
    html = a11y.html_table(shown, caption, numeric=numeric, css="wrapped-table")
    with st.container(height=ROW_PX * MAX_ROWS_SHOWN if len(frame) > MAX_ROWS_SHOWN else "content", key=key):
        st.html(f'<div class="table-scroll">{html}</div>')


def static_table(frame: pd.DataFrame, caption: str) -> None:
    """A small table of display strings as a plain HTML table (no data grid to load): every cell escaped (shown as
    text), the first column as row headers, the others right-aligned; `caption` names it for screen readers (the
    heading above it shows the same words). Scrolls sideways in its own box on a phone; prints as it shows."""
    numeric = [n > 0 and frame[c].map(_looks_numeric).all() for n, c in enumerate(frame.columns)]
    html = a11y.html_table(frame, caption, numeric=numeric, css="wrapped-table static-table")
    # A box that may scroll is reached by keyboard (tabindex) and named for screen readers (WCAG 2.1.1).
    label = fmt.html_literal(caption)
    st.html(f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{html}</div>')


_NUMBER = re.compile(r"[+\-−]?\d[\d.,\s]*(-\d[\d.,\s]*)?%?")


def _looks_numeric(cell: object) -> bool:
    """A cell of numbers as kpi.fmt writes them ('1.200', '+4', '24-32', '61%') or empty."""
    text = str(cell).strip()
    return not text or bool(_NUMBER.fullmatch(text))


def empty(lang: str, key: str = "dash.empty", **values: object) -> None:
    """The sentence shown instead of a chart or table when nothing matches (or there is nothing to compare with)."""
    st.info(t(key, lang, **values), icon=":material/filter_alt_off:")


def status_legend(lang: str, key_prefix: str) -> None:
    """What each status means: the one rule that decides it (kpi.story.status_legend), icon, name and meaning."""
    with st.expander(t("story.legend.title", lang), key=f"{key_prefix}.legend"):
        st.markdown(
            "  \n".join(
                f"{icon} **{fmt.markdown_literal(name)}**: {fmt.markdown_literal(meaning)}"
                for icon, name, meaning in status_legend_rows(lang)
            )
        )


def _put_from(key: str, param: str) -> None:
    value = st.session_state.get(key)
    state.put(param, None if value is None else str(value))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
