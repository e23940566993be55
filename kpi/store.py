"""The versioned data store: immutable versions with a manifest and checksums, on a folder or on PostgreSQL.

`open_store()` gives the configured backend; `Store` is the embedded folder store. Both keep one contract
(`StoreBackend`): a save names the version it is based on and a stale one is refused, a roll-back is a new
version, a killed writer leaves nothing partial, and the software never deletes a version.
"""

from __future__ import annotations

from kpi.store_base import (
    SYSTEM,
    TABLES,
    BoardPackRecord,
    Head,
    Manifest,
    Snapshot,
    StaleVersion,
    StoreBackend,
    StoreError,
    VersionStore,
    empty_commentary,
    parse_version,
    version_label,
)
from kpi.store_folder import LOCK_TIMEOUT_S, Store
from kpi.store_location import DEFAULT_DIR, PROJECT_ROOT, is_url, open_store, store_dir, store_location

__all__ = [
    "DEFAULT_DIR",
    "LOCK_TIMEOUT_S",
    "PROJECT_ROOT",
    "SYSTEM",
    "TABLES",
    "BoardPackRecord",
    "Head",
    "Manifest",
    "Snapshot",
    "StaleVersion",
    "Store",
    "StoreBackend",
    "StoreError",
    "VersionStore",
    "current_snapshot",
    "empty_commentary",
    "is_url",
    "open_store",
    "parse_version",
    "store_dir",
    "store_location",
    "version_label",
]


def current_snapshot(store: VersionStore | None = None) -> Snapshot:
    """The current version read once: data, commentary and manifest together (versions never change)."""
    store = store if store is not None else open_store()
    return store.load(store.ensure())
