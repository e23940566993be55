"""Where the store is: a folder or a postgresql:// URL, from the settings or given; and opening it."""

from __future__ import annotations

from pathlib import Path

from kpi import settings
from kpi.store_base import StoreError, VersionStore

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT_ROOT / "store"
URL_SCHEMES: tuple[str, ...] = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_url(location: str) -> bool:
    """Whether a location names a PostgreSQL database rather than a folder."""
    return location.strip().lower().startswith(URL_SCHEMES)


def store_location() -> str:
    """The configured store: `store` (KPI_STORE), else `store_dir` (KPI_STORE_DIR), else the project's store/.

    A relative folder counts from the project folder; a postgresql:// URL is returned as given.
    """
    configured = (settings.get("store") or settings.get("store_dir")).strip()
    if not configured:
        return str(DEFAULT_DIR)
    if "://" in configured:
        return configured
    path = Path(configured).expanduser()
    return str(path if path.is_absolute() else PROJECT_ROOT / path)


def store_dir() -> Path:
    """The configured store folder (for a PostgreSQL store: its location, useful only as a cache key)."""
    return Path(store_location())


def open_store(location: str | Path | None = None, read_only: bool = False) -> VersionStore:
    """The store at `location` (default: the configured one): a folder store, or PostgreSQL for a URL.

    `read_only` (a dry run) never writes anything, not even the first version from the demo data.
    """
    text = str(location) if location is not None else store_location()
    if is_url(text):
        from kpi.store_pg import PgStore

        return PgStore(text, read_only=read_only)
    if "://" in text:
        raise StoreError("store_unknown_scheme", location=text.split("://", 1)[0] + "://")
    from kpi.store_folder import Store

    return Store(Path(text).expanduser(), read_only=read_only)
