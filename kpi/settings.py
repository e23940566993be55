"""Every setting of the product, declared once: environment variable, secrets.toml key, default and meaning.

No other module reads the environment or `.streamlit/secrets.toml`; they call `get(NAME)`.
The environment wins over `[kpi]` in `.streamlit/secrets.toml`, which wins over the default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class Setting:
    """One setting: where it is read from, its default and what it means."""

    name: str
    env: str
    key: str  # key under [kpi] in .streamlit/secrets.toml
    default: str
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "KPI_STORE",
        "store",
        "",
        "Where the data lives: a folder (relative paths count from the project) or a postgresql:// URL. "
        "Empty: KPI_STORE_DIR, else the folder store/ in the project.",
    ),
    Setting("store_dir", "KPI_STORE_DIR", "store_dir", "", "The store folder (older name of `store`, still honoured)."),
    Setting(
        "max_upload_mb",
        "KPI_MAX_UPLOAD_MB",
        "max_upload_mb",
        "200",
        "Largest file the importer accepts, in MB (keep equal to server.maxUploadSize).",
    ),
    Setting(
        "max_rows",
        "KPI_MAX_ROWS",
        "max_rows",
        "1000000",
        "Most data rows one import file may have (checked before the file is parsed).",
    ),
    Setting(
        "router_guard",
        "KPI_ROUTER_GUARD",
        "router_guard",
        "on",
        "`off` only for in-process AppTest runs; real servers keep every page behind the router.",
    ),
    Setting(
        "open_dashboard",
        "KPI_OPEN_DASHBOARD",
        "open_dashboard",
        "no",
        "Without sign-in on a non-loopback address or behind a proxy: `no` shows no figures; `view` (or `yes`) "
        "accepts an open dashboard that anyone who reaches it may read, with every change refused; `edit` also "
        "lets them import and edit (recorded as `lokaal`; roll-back stays with the person at the machine).",
    ),
    Setting(
        "roles",
        "KPI_ROLES",
        "roles",
        "",
        "Who may sign in, per role: `[kpi.roles]` in secrets.toml with lists of e-mail addresses and "
        "`@domain`s (viewer, editor, admin), or `viewer=@agency.nl;editor=a@agency.nl,b@agency.nl;admin=...`.",
    ),
    Setting(
        "board_template",
        "KPI_BOARD_TEMPLATE",
        "board_template",
        "",
        "The organisation's PowerPoint template (.pptx) for the board pack: its slide master, layouts and "
        "logo are used; the PDF takes its logo and theme colours too. Empty: the built-in plain style.",
    ),
    Setting(
        "board_logo",
        "KPI_BOARD_LOGO",
        "board_logo",
        "",
        "A logo image (PNG/JPEG) for the board pack's PDF; empty: the logo on the template's slide master.",
    ),
    Setting(
        "report_template",
        "KPI_REPORT_TEMPLATE",
        "report_template",
        "",
        "The agency's Word template (.docx) for the annual report: its styles, page size, header, footer and logo "
        "are used; its own example content is dropped. Empty: a clean A4 default.",
    ),
    Setting(
        "board_colours",
        "KPI_BOARD_COLOURS",
        "board_colours",
        "",
        "House colours for the board pack, `#RRGGBB` (primary) or `#RRGGBB,#RRGGBB` (primary, accent); "
        "empty: the template's theme colours, else the dashboard's palette.",
    ),
)
# Closed by default (issue 20): how long a sign-in counts, and which providers' unverified-looking addresses count.
SETTINGS += (
    Setting(
        "sign_in_hours",
        "KPI_SIGN_IN_HOURS",
        "sign_in_hours",
        "12",
        "How long a sign-in counts, in hours (decimals allowed), checked on every run together with the ID token's "
        "own expiry (`exp`); then the user signs in again.",
    ),
    Setting(
        "email_trusted_issuers",
        "KPI_EMAIL_TRUSTED_ISSUERS",
        "email_trusted_issuers",
        "",
        "Issuers (`iss` of the ID token, comma-separated) whose `email` claim counts without `email_verified`: "
        "only for a provider that never sends that claim and only hands out addresses it controls (Entra ID of "
        "your own tenant). Empty: an address counts only with `email_verified` exactly true.",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def secrets(path: Path = SECRETS_FILE) -> dict[str, Any]:
    """The parsed secrets.toml, or {} when it is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def default(name: str) -> str:
    """The declared default of a setting."""
    return _BY_NAME[name].default


def get(name: str) -> str:
    """The value of a declared setting (environment, else [kpi] in secrets.toml, else the default)."""
    setting = _BY_NAME[name]
    value = os.environ.get(setting.env)
    if value:
        return value
    configured = secrets().get("kpi", {}).get(setting.key)
    return str(configured) if configured not in (None, "") else setting.default


def roles() -> dict[str, tuple[str, ...]]:
    """The role allow-list: role -> e-mail addresses and `@domain`s (environment, else [kpi.roles])."""
    value = os.environ.get(_BY_NAME["roles"].env)
    if value:
        pairs = (part.split("=", 1) for part in value.split(";") if "=" in part)
        return {role.strip(): tuple(e.strip() for e in entries.split(",") if e.strip()) for role, entries in pairs}
    configured = secrets().get("kpi", {}).get(_BY_NAME["roles"].key, {})
    if not isinstance(configured, dict):
        return {}
    return {
        str(role): tuple(str(e) for e in (entries if isinstance(entries, list) else [entries]))
        for role, entries in configured.items()
    }
