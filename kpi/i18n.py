"""Interface texts in every declared language, merged from the text tables in kpi.texts."""

from __future__ import annotations

from collections.abc import KeysView

from kpi.languages import DEFAULT, LANGUAGES, language
from kpi.texts import (
    a11y,
    access,
    annual,
    board,
    closed,
    core,
    dashboard,
    data_management,
    datain,
    editing,
    hostile,
    progress,
    reading,
    store,
    story,
)

# A live view of the declared language codes: a language added to LANGUAGES is supported at once.
LANGS: KeysView[str] = LANGUAGES.keys()
DEFAULT_LANG = DEFAULT

TEXTS: dict[str, dict[str, str]] = {}
for _table in (
    core.TEXTS,
    dashboard.TEXTS,
    data_management.TEXTS,
    board.TEXTS,
    access.TEXTS,
    store.TEXTS,
    hostile.TEXTS,
    datain.TEXTS,
    progress.TEXTS,
    a11y.TEXTS,
    annual.TEXTS,
    story.TEXTS,
    closed.TEXTS,
    reading.TEXTS,
    editing.TEXTS,
):
    _clash = TEXTS.keys() & _table.keys()
    if _clash:
        raise RuntimeError(f"text keys declared twice: {sorted(_clash)}")
    TEXTS.update(_table)


def incomplete() -> list[str]:
    """The text keys that lack a declared language, as 'key: code' (empty when every text is complete)."""
    return [f"{key}: {code}" for key, entry in TEXTS.items() for code in LANGS if not entry.get(code)]


if incomplete():
    raise RuntimeError(f"texts missing a language: {incomplete()[:10]}")


def lang_or_default(lang: str | None) -> str:
    """`lang` if declared, else the default (Dutch)."""
    return language(lang).code


def t(key: str, lang: str, **values: object) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = TEXTS[key][lang_or_default(lang)]
    return text.format(**values) if values else text
