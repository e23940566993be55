"""Who may do what: identities, roles from an allow-list, and the one guard every store write passes through."""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kpi.problems import Problem, ValidationError

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")  # each role may do everything the ones before it may
# The least role each data-changing action needs; `init` (the first version, only into an empty store) is the system's.
ACTION_ROLES: dict[str, str] = {
    "import": "editor",
    "edit": "editor",
    "commentary": "editor",
    "rollback": "admin",
    "migrate": "admin",
    "init": "viewer",
    "board_pack": "viewer",  # recording that a pack was built: metadata, no version changes
}
LOCAL_USER = "lokaal"


@dataclass(frozen=True)
class Actor:
    """Who is acting: the OIDC subject and email when signed in, `lokaal` in local mode, or the OS user (CLI)."""

    role: str
    kind: str  # "oidc", "local" or "cli"
    subject: str | None = None
    email: str | None = None
    name: str | None = None

    @property
    def label(self) -> str:
        """How the actor is shown in the history: name or email, else the subject."""
        return self.name or self.email or self.subject or LOCAL_USER

    def audit(self) -> dict[str, str | None]:
        """What a version's manifest records about who saved it."""
        return {"kind": self.kind, "subject": self.subject, "email": self.email, "name": self.label}

    def may(self, action: str) -> bool:
        """Whether this actor's role allows `action`."""
        return _rank(self.role) >= _rank(ACTION_ROLES[action])


class Forbidden(ValidationError):
    """A data-changing action refused for the actor's role; nothing was changed."""

    def __init__(self, actor: Actor, action: str) -> None:
        params = (
            ("user", actor.label),
            ("role", actor.role),
            ("action", action),
            ("needed", ACTION_ROLES.get(action, "admin")),
        )
        super().__init__([Problem("forbidden", params=params)], "store")


def _rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def require(actor: Actor | None, action: str) -> None:
    """The guard: raise Forbidden unless `actor` may perform `action` (unknown actions need admin)."""
    action_role = ACTION_ROLES.get(action, "admin")
    if actor is None or _rank(actor.role) < _rank(action_role):
        raise Forbidden(actor or Actor(role="none", kind="anonymous"), action)


def local_actor() -> Actor:
    """The one person of local mode (no sign-in configured): may do everything, recorded as `lokaal`."""
    return Actor(role="admin", kind="local", name=LOCAL_USER)


def cli_actor() -> Actor:
    """The operating-system user running the CLI on the server: may do everything, recorded by name."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "cli"
    return Actor(role="admin", kind="cli", subject=user, name=user)


def role_for(email: str | None, allow: Mapping[str, Sequence[str]]) -> str | None:
    """The highest role whose allow-list names this email or its domain (`@example.nl` or `example.nl`); else None."""
    if not email or "@" not in email:
        return None
    address = email.strip().lower()
    domain = address.rsplit("@", 1)[1]
    best = None
    for role in ROLES:
        entries = {str(e).strip().lower().lstrip("@") for e in allow.get(role, ())}
        if address in entries or domain in entries:
            best = role
    return best
