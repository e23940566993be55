"""URL state: the view lives in `st.query_params`, mirrored in the session so a page switch cannot lose it.

The URL is the single source of truth for what a page shows. Widgets are seeded from it before they
are drawn and write back to it from their change callbacks. A page switch in `st.navigation` may
drop the query string; `restore` puts this page's keys back from the session's copy.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

_STORE = "_url_state"


def _store() -> dict[str, list[str]]:
    return st.session_state.setdefault(_STORE, {})


def restore(keys: Iterable[str]) -> bool:
    """Sync `keys` between URL and session: the URL wins when it has a key, else the session's copy is put back.

    Returns True when something was put back into the URL.
    """
    store, restored = _store(), False
    for key in keys:
        if key in st.query_params:
            store[key] = st.query_params.get_all(key)
        elif store.get(key):
            st.query_params[key] = store[key]
            restored = True
    return restored


def get_all(key: str) -> list[str]:
    """Every value of `key` in the URL (falling back to the session's copy)."""
    if key in st.query_params:
        return st.query_params.get_all(key)
    return list(_store().get(key, []))


def get(key: str, default: str | None = None) -> str | None:
    """The first value of `key`, or `default`."""
    values = get_all(key)
    return values[0] if values else default


def put(key: str, values: str | Iterable[str] | None) -> None:
    """Set `key` in the URL and the session's copy; None or empty removes it."""
    values = [values] if isinstance(values, str) else [str(v) for v in (values or [])]
    store = _store()
    if values:
        st.query_params[key] = values
        store[key] = values
    else:
        if key in st.query_params:
            del st.query_params[key]
        store.pop(key, None)


def put_many(params: dict[str, list[str]], keys: Iterable[str]) -> None:
    """Set every key of `keys` from `params` (missing keys are removed)."""
    for key in keys:
        put(key, params.get(key))


def params(keys: Iterable[str]) -> dict[str, list[str]]:
    """The current values of `keys` as a query dict (absent keys left out)."""
    return {k: v for k in keys if (v := get_all(k))}
