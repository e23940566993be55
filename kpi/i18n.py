"""Interface texts in Dutch and English, merged from the declared text tables in kpi.texts."""

from __future__ import annotations

from kpi.texts import a11y, access, board, core, dashboard, data_management, hostile, progress, store

LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_LANG = "nl"

TEXTS: dict[str, dict[str, str]] = {}
for _table in (
    core.TEXTS,
    dashboard.TEXTS,
    data_management.TEXTS,
    board.TEXTS,
    access.TEXTS,
    store.TEXTS,
    hostile.TEXTS,
    progress.TEXTS,
    a11y.TEXTS,
):
    _clash = TEXTS.keys() & _table.keys()
    if _clash:
        raise RuntimeError(f"text keys declared twice: {sorted(_clash)}")
    TEXTS.update(_table)


def lang_or_default(lang: str | None) -> str:
    """`lang` if supported, else the default (Dutch)."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled from `values`."""
    entry = TEXTS[key]
    text = entry.get(lang_or_default(lang)) or entry["nl"]
    return text.format(**values) if values else text
