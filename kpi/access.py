"""Who may do what: identities, roles from an allow-list, and the one guard every store write passes through."""

from __future__ import annotations

import getpass
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kpi.errors import NoticeError

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")  # each role may do everything the ones before it may
# The least role each data-changing action needs; `init` (the first version, only into an empty store) is the system's.
ACTION_ROLES: dict[str, str] = {
    "import": "editor",
    "edit": "editor",
    "commentary": "editor",
    "rollback": "admin",
    "migrate": "admin",
    "init": "viewer",
    # Recording a built pack: it becomes everyone's "since the last board pack" baseline, so only editors record one
    # (viewers download the files without a record).
    "board_pack": "editor",
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


class AccessRefused(NoticeError):
    """A data-changing action refused for the actor's role; nothing was changed."""

    def __init__(self, actor: Actor, action: str) -> None:
        super().__init__(
            "forbidden", user=actor.label, role=actor.role, action=action, needed=ACTION_ROLES.get(action, "admin")
        )


def _rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def require(actor: Actor | None, action: str) -> None:
    """The guard: raise AccessRefused unless `actor` may perform `action` (unknown actions need admin)."""
    action_role = ACTION_ROLES.get(action, "admin")
    if actor is None or _rank(actor.role) < _rank(action_role):
        raise AccessRefused(actor or Actor(role="none", kind="anonymous"), action)


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


# An ASCII host name: dot-separated letter-digit-hyphen labels (IDNA's A-labels included), at least two of them.
_DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
MAX_CLAIM_CHARS = 320  # a name or address longer than this is refused on a clear screen (RFC 5321: 254 + slack)


def folded(text: str) -> str:
    """How addresses and allow-list entries are compared: NFKC-normalised, case-folded, without surrounding space."""
    return unicodedata.normalize("NFKC", text.strip()).casefold()


def comparable(address: str) -> bool:
    """Whether an address may match the allow-list after folding: plain ASCII with a valid host name as domain.

    Anything else (a Kelvin sign, a Cyrillic look-alike, a Unicode domain) only ever matches an entry exactly."""
    text = address.strip()
    if not text.isascii() or text.count("@") != 1:
        return False
    local, domain = text.lower().split("@")
    return bool(local) and bool(_DOMAIN.fullmatch(domain))


def role_for(email: str | None, allow: Mapping[str, Sequence[str]]) -> str | None:
    """The highest role whose allow-list names this email or its domain (`@example.nl` or `example.nl`); else None.

    Plain ASCII addresses are compared folded (case does not matter); any other address only as listed exactly."""
    exact = (email or "").strip()
    if exact.count("@") != 1 or exact.startswith("@"):
        return None
    loose = comparable(exact)
    address = folded(exact)
    domain = address.rsplit("@", 1)[1]
    best = None
    for role in ROLES:
        listed = [str(e).strip() for e in allow.get(role, ())]
        entries = {folded(e).lstrip("@") for e in listed if e.isascii()}
        if exact in listed or (loose and (address in entries or domain in entries)):
            best = role
    return best


def verified_email(claims: Mapping[str, object], trusted_issuers: Sequence[str]) -> str | None:
    """The `email` claim when it counts: `email_verified` is exactly true, or the provider never sends that claim
    and the deployment trusts that provider's addresses by its issuer (`iss`); else None."""
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip():
        return None
    verified = claims.get("email_verified", None)
    if verified is True:
        return email
    absent = "email_verified" not in claims
    issuer = claims.get("iss")
    trusted = {i.strip().rstrip("/") for i in trusted_issuers if i.strip()}
    return email if absent and isinstance(issuer, str) and issuer.rstrip("/") in trusted else None


def sign_in_refusal(claims: Mapping[str, object], now: float, max_age_s: float, signed_out_at: float | None) -> str:
    """Why a signed-in cookie no longer counts (`expired`, `too_old`, `signed_out`, `oversized`), or "" if it does.

    `exp` and `iat` are the ID token's (seconds since 1970); a token without them counts as expired."""
    for key in ("name", "email", "sub"):
        value = claims.get(key)
        if isinstance(value, str) and len(value) > MAX_CLAIM_CHARS:
            return "oversized"
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or not isinstance(iat, int | float) or now >= exp:
        return "expired"
    if now - iat > max_age_s:
        return "too_old"
    if signed_out_at is not None and iat <= signed_out_at:
        return "signed_out"
    return ""
