"""Where the store is: a folder or a postgresql:// URL, from the settings or given (opening it: `kpi.store`)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from kpi import settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT_ROOT / "store"
URL_SCHEMES: tuple[str, ...] = ("postgresql://", "postgresql+psycopg://", "postgres://")


# Query parameters of a PostgreSQL URL whose values are not secrets (libpq's names); every other value is masked.
PLAIN_PARAMETERS: frozenset[str] = frozenset(
    {"sslmode", "connect_timeout", "application_name", "target_session_attrs", "gssencmode", "channel_binding"}
)
MASK = "***"


def masked(location: str) -> str:
    """A store location fit to show or log: a URL's user name and password, and every query value that may be a
    credential (`password=`, `sslpassword=`, `sslkey=`, ...), replaced by ***; a folder as given."""
    if "://" not in location:
        return location
    try:
        parts = urlsplit(location.strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError:  # not even parseable: show only its scheme
        return location.split("://", 1)[0] + "://" + MASK
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port else ""
    if "@" in parts.netloc:
        netloc = f"{MASK}@{netloc}"
    query = "&".join(
        f"{quote(key)}={value if key.lower() in PLAIN_PARAMETERS else MASK}"
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


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
