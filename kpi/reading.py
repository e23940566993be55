"""What the interface says about itself in the user's language: the notice about ignored link values, and the
history of data versions as sentences, local times and the dashboard's own labels."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

import pandas as pd

from kpi import fmt
from kpi.access import LOCAL_USER
from kpi.diff import Diff
from kpi.i18n import TEXTS, t
from kpi.registry import KPI_BY_KEY

TIME_ZONE = ZoneInfo("Europe/Amsterdam")  # the team's clock: history times are shown in it


def ignored_notice(items: Sequence[tuple[str, object, object]], lang: str) -> str:
    """One Markdown sentence naming every ignored link value (name, value, what is shown instead); the last
    word on a name wins, so a value is never named twice. Values are shown as typed (code spans)."""
    latest: dict[str, tuple[object, object]] = {}
    for name, value, shown in items:
        latest.pop(name, None)
        latest[name] = (value, shown)
    parts = [
        t(
            "reading.ignored_item",
            lang,
            name=name,
            value=fmt.markdown_code(value),
            shown=fmt.markdown_literal(str(shown)),
        )
        for name, (value, shown) in latest.items()
    ]
    return t("reading.ignored", lang, items="; ".join(parts))


_COUNTS = re.compile(r"^(activities|targets) (\w+): \+(\d+) ~(\d+) -(\d+)$")
_COMMENTARY = re.compile(r"^commentary (\S+) (.+)$")
_ROLLBACK = re.compile(r"^roll-back to (v\d+)$")
_PLAN = re.compile(r"^targets (.+?)( \(new plan\))?: \+(\d+) ~(\d+) -(\d+)$")  # kpi.editing.plan_description
_ACTIVITY = re.compile(r"^activity (.+) (added|corrected|removed) by hand$")  # kpi.editing's descriptions


def _changes(added: int, changed: int, removed: int, lang: str) -> str:
    counts = (("added", added), ("changed", changed), ("removed", removed))
    parts = [t(f"reading.history.{name}", lang, count=fmt.number(n, lang)) for name, n in counts if n]
    return ", ".join(parts) or t("reading.history.nothing", lang)


def history_sentence(action: str, description: str, lang: str) -> str:
    """A version's action as a sentence in `lang` ("activiteiten bijgewerkt (toevoegen en bijwerken): 1 toegevoegd");
    a description in no known form is returned as it was written."""
    counts = _COUNTS.match(description)
    if counts and action in ("import", "edit"):
        table, mode, *numbers = counts.groups()
        added, changed, removed = (int(n) for n in numbers)
        changes = _changes(added, changed, removed, lang)
        name = t(f"reading.history.table.{table}", lang)
        if action == "edit":
            return t("reading.history.edit", lang, table=name, changes=changes)
        mode_key = f"reading.history.mode.{mode}"
        mode_text = t(mode_key, lang) if mode_key in TEXTS else mode
        return t("reading.history.import", lang, table=name, mode=mode_text, changes=changes)
    plan = _PLAN.match(description)
    if action == "edit" and plan:
        label, new, *counted = plan.groups()
        changes = _changes(int(counted[0]), int(counted[1]), int(counted[2]), lang)
        return t("reading.history.plan_new" if new else "reading.history.plan", lang, plan=label, changes=changes)
    activity = _ACTIVITY.match(description)
    if action == "edit" and activity:
        return t(f"edit.history.{activity.group(2)}", lang, id=activity.group(1))
    rollback = _ROLLBACK.match(description)
    if action == "rollback" and rollback:
        return t("reading.history.rollback", lang, version=rollback.group(1))
    comment = _COMMENTARY.match(description)
    if action == "commentary" and comment:
        key, period = comment.groups()
        kpi = KPI_BY_KEY[key].short(lang) if key in KPI_BY_KEY else key
        return t("reading.history.commentary", lang, kpi=kpi, period=period)
    if action == "init":
        return t("reading.history.init", lang)
    return description


def local_time(created: str, lang: str) -> str:
    """A manifest's ISO time (UTC) as the team's clock shows it: '3 december 2018 14:05'."""
    moment = dt.datetime.fromisoformat(created)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    moment = moment.astimezone(TIME_ZONE)
    return f"{fmt.date(moment.date(), lang)} {moment:%H:%M}"


def user_name(user: str | None, lang: str) -> str:
    """Who saved a version, with local mode's one user named in `lang`."""
    if user == LOCAL_USER:
        return t("reading.local_user", lang)
    return user or ""


# Columns whose codes the dashboard shows as labels, and the text key prefix of each code's label.
_CODED = {"activity_type": "type", "direction": "direction", "role": "role"}


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table of activities or targets with the dashboard's column names and labels for codes (mission ->
    'Handelsmissie', KPI keys -> their names); other cells as they are."""
    out = frame.drop(columns=["year"]) if {"year", "date"} <= set(frame.columns) else frame.copy()  # derived
    for column, prefix in _CODED.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, p=prefix: t(f"{p}.{v}", lang) if f"{p}.{v}" in TEXTS else v)
    if "kpi" in out.columns:
        out["kpi"] = out["kpi"].map(lambda v: KPI_BY_KEY[v].label(lang) if v in KPI_BY_KEY else v)
    return out.rename(columns=lambda c: t(f"col.{c}", lang) if f"col.{c}" in TEXTS else c)


def labelled_diff(change: Diff, lang: str) -> Diff:
    """`change` with the dashboard's column names and labels (see `labelled`), counts and marks unchanged."""
    mask = change.changed_mask.drop(columns=["year"], errors="ignore").rename(
        columns=lambda c: t(f"col.{c}", lang) if f"col.{c}" in TEXTS else c
    )
    return replace(
        change,
        added=labelled(change.added, lang),
        removed=labelled(change.removed, lang),
        changed=labelled(change.changed, lang),
        before=labelled(change.before, lang),
        changed_mask=mask,
    )
