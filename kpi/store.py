"""The versioned data store: immutable versions with a manifest and checksums, on a folder or on PostgreSQL.

`Store` is the contract; `FolderStore` (kpi.store_folder) and `PostgresStore` (kpi.store_pg) are its backends, and
`open_store()` gives the configured one. A save names the version it is based on and a stale one is refused, a
roll-back is a new version, a killed writer leaves nothing partial, and the software never deletes a version.
Reading never writes; `Store.seed_demo` (the first start) is the one step that saves the demo data into an empty store.
"""

from __future__ import annotations

from pathlib import Path

from kpi.store_base import (
    DEMO_VERSION,
    SYSTEM,
    TABLES,
    BoardPackRecord,
    Head,
    Manifest,
    Snapshot,
    StaleVersion,
    Store,
    StoreError,
    StoreUnreadable,
    empty_commentary,
    parse_version,
    user_message,
    version_label,
)
from kpi.store_folder import LOCK_TIMEOUT_S, FolderStore
from kpi.store_location import DEFAULT_DIR, PROJECT_ROOT, is_url, store_dir, store_location

__all__ = [
    "DEFAULT_DIR",
    "DEMO_VERSION",
    "LOCK_TIMEOUT_S",
    "PROJECT_ROOT",
    "SYSTEM",
    "TABLES",
    "BoardPackRecord",
    "FolderStore",
    "Head",
    "Manifest",
    "Snapshot",
    "StaleVersion",
    "Store",
    "StoreError",
    "StoreUnreadable",
    "current_snapshot",
    "empty_commentary",
    "is_url",
    "open_store",
    "parse_version",
    "store_dir",
    "store_location",
    "user_message",
    "version_label",
]


def open_store(location: str | Path | None = None, read_only: bool = False) -> Store:
    """The store at `location` (default: the configured one): a folder store, or PostgreSQL for a URL.

    `read_only` (a dry run) never writes anything, not even the first version from the demo data.
    """
    text = str(location) if location is not None else store_location()
    if is_url(text):
        from kpi.store_pg import PostgresStore  # SQLAlchemy is loaded only for a database store

        return PostgresStore(text, read_only=read_only)
    if "://" in text:
        raise StoreUnreadable("store_unknown_scheme", location=text.split("://", 1)[0] + "://")
    return FolderStore(Path(text).expanduser(), read_only=read_only)


def current_snapshot(store: Store | None = None) -> Snapshot:
    """The current data, read once: the current version's tables, commentary and manifest, or the unsaved demo data
    (version 0) while the store is empty. Never writes. The app (cached per version), the CLI and exports use it."""
    return (store if store is not None else open_store()).load()
