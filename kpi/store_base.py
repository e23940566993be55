"""The store contract (`Store`): versions, manifests, checksums, the head pointer's recovery and the save rules.

A backend (`FolderStore`, `PostgresStore`) only stores bytes: the pointer to the current version, each version's
manifest and its Parquet files. Everything that decides (the write guard, the stale-save check, recovery of a
damaged pointer, checksums) lives here once, so every backend behaves the same. Reading never writes: the demo
data is saved only by the explicit first-start step, `Store.seed_demo`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

from kpi import access
from kpi.access import Actor
from kpi.errors import KpiError, Notice, NoticeError
from kpi.i18n import t
from kpi.parquet_io import frame_bytes, frame_from_bytes
from kpi.schema import Commentary as C

log = logging.getLogger("kpi.store")

TABLES: tuple[str, ...] = ("activities", "targets", "commentary")
PREFIX = "v"
# Who seeds an empty store from the demo data: the system itself, at the first start (`init` needs no role).
SYSTEM = Actor(role="viewer", kind="system", name="system")
# The version number of the demo data read from an empty store: shown, never saved.
DEMO_VERSION = 0


def empty_commentary() -> pd.DataFrame:
    """A commentary table with no rows."""
    return pd.DataFrame(
        {
            C.kpi: pd.Series(dtype="string"),
            C.year: pd.Series(dtype="int64"),
            C.lang: pd.Series(dtype="string"),
            C.text: pd.Series(dtype="string"),
        }
    )


def version_label(version: int) -> str:
    """How a version is shown to people: v3."""
    return f"{PREFIX}{version}"


def parse_version(text: str | int) -> int:
    """A version number from `3`, `v3` or `v000003`; ValueError otherwise."""
    value = str(text).strip().lower().removeprefix(PREFIX)
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"not a version: {text!r}")
    return int(value)


def file_name(table: str) -> str:
    """The file a table is kept in: activities.parquet."""
    return f"{table}.parquet"


def file_info(data: bytes) -> dict[str, object]:
    """What a manifest records about one file: its sha256 and size."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def overall_checksum(files: dict[str, dict[str, object]]) -> str:
    """One checksum over every file's sha256, in name order."""
    lines = "".join(f"{name}:{files[name]['sha256']}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode()).hexdigest()


class StoreError(NoticeError):
    """The store cannot do what was asked (full disk, read-only, busy, damaged); nothing was changed."""

    def for_users(self, lang: str) -> str:
        """The message for a dashboard user: the store's folder or address (a server path) left out, and so is the
        database driver's own reason, which names the server's host, port or socket."""
        hidden = {"location": t("closed.store_place", lang)}
        if self.notice.code == "store_unreachable":
            hidden = {"location": t("closed.database_place", lang), "reason": t("closed.store_reason", lang)}
        params = tuple((k, hidden.get(k, v)) for k, v in self.notice.params)
        return replace(self.notice, params=params).describe(lang)


class StaleVersion(StoreError):
    """A save was based on a version that is no longer current: someone else saved in between."""

    def __init__(self, based_on: int | None, current: int | None) -> None:
        super().__init__(
            "stale_version",
            based_on=version_label(based_on) if based_on else "-",
            current=version_label(current) if current else "-",
        )


class StoreUnreadable(StoreError):
    """The store cannot be read: no version verifies, the pointer names versions that are not there, the database
    cannot be reached, or the location is of an unknown kind."""


def user_message(error: KpiError, lang: str) -> str:
    """What a dashboard user is told about a refused action or an unreadable store: no server path in it (the full
    message goes to the server's log)."""
    if not isinstance(error, StoreError):
        return error.message(lang)
    log.warning("store problem shown to a user: %s", error.message("en"))
    return error.for_users(lang)


@dataclass(frozen=True)
class Manifest:
    """What one version is: when, by whom, from which file, how many rows, and checksums of its files."""

    version: int
    based_on: int | None
    created: str
    user: str | None
    action: str
    source: str | None
    description: str
    rows: dict[str, int]
    files: dict[str, dict[str, object]]
    checksum: str
    by: dict[str, str | None] | None = None  # {kind, subject, email, name}; None in versions saved before audit
    # Every target revision up to this version, oldest first: {plan, kpi, old_min, old_max, new_min, new_max,
    # reason, user, time, version}; a revision made by this version carries its number. None: none yet.
    target_revisions: list[dict[str, object]] | None = None

    @property
    def label(self) -> str:
        """The version as people see it: v3."""
        return version_label(self.version)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest.json text (older manifests without `by` load too)."""
        return cls(**json.loads(text))

    def to_json(self) -> str:
        """The manifest as pretty JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


@dataclass(frozen=True)
class BoardPackRecord:
    """One built board pack, as the store keeps it: which data version and as-of date it showed, and who built it."""

    number: int  # the order packs were recorded in, from 1
    version: int
    as_of: dt.date
    year: int
    lang: str
    created: str
    user: str | None
    by: dict[str, str | None] | None = None  # {kind, subject, email, name}, as a manifest's `by`

    @property
    def version_label(self) -> str:
        """The data version as people see it: v3."""
        return version_label(self.version)

    def to_json(self) -> str:
        """The record as JSON (without its number: the store's order gives it)."""
        data = asdict(self)
        del data["number"]
        data["as_of"] = self.as_of.isoformat()
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, number: int, text: str) -> BoardPackRecord:
        """Parse a record as `to_json` wrote it."""
        data = json.loads(text)
        data["as_of"] = dt.date.fromisoformat(data["as_of"])
        return cls(number=number, **data)


@dataclass(frozen=True)
class ProfileRecord:
    """One saved version of a named mapping profile (how a team's export maps onto the contract)."""

    number: int  # the order profile versions were recorded in, from 1
    name: str
    version: int  # 1 for the first save under this name, then 2, ...
    kind: str
    mapping: str  # kpi.mapping.Mapping as JSON
    created: str
    user: str | None
    by: dict[str, str | None] | None = None

    def to_json(self) -> str:
        """The record as JSON (without its number: the store's order gives it)."""
        data = asdict(self)
        del data["number"]
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, number: int, text: str) -> ProfileRecord:
        """Parse a record as `to_json` wrote it."""
        return cls(number=number, **json.loads(text))


@dataclass(frozen=True)
class Snapshot:
    """The tables of one version, typed, plus its manifest. Do not mutate the frames."""

    manifest: Manifest
    activities: pd.DataFrame
    targets: pd.DataFrame
    commentary: pd.DataFrame


@dataclass(frozen=True)
class Head:
    """The current version as read, and whether the pointer had to be recovered (then `damage` says how)."""

    version: int | None
    damage: str | None = None  # "missing", "unreadable", "missing_version"; None when the pointer was sound
    versions: tuple[int, ...] = field(default=(), repr=False)

    @property
    def recovered(self) -> bool:
        """Whether the pointer was missing or damaged and the version was recovered from the checksums."""
        return self.damage is not None

    def notice(self) -> Notice | None:
        """A warning the caller can show when the pointer was recovered; None otherwise."""
        if not self.recovered or self.version is None:
            return None
        return Notice(
            f"store_recovered_{self.damage}",
            severity="warning",
            params=(("version", version_label(self.version)), ("count", str(len(self.versions)))),
        )

    def describe(self, lang: str) -> str:
        """The recovery notice as one line in `lang` ('' when nothing was recovered)."""
        notice = self.notice()
        return notice.describe(lang) if notice is not None else ""


# Both run under the writers' lock with the current version: `Check` refuses (StaleVersion) before anything is
# written; `Build` then serialises and returns the new manifest and bytes per file (None: same file as `current`).
Check = Callable[[int | None], None]
Build = Callable[[int | None], tuple[Manifest, dict[str, bytes | None]]]


class Store(ABC):
    """The store contract: the shared logic of every backend, which supplies the primitives below (bytes in, out)."""

    location: str = ""  # how to open it again: a folder or the full database URL
    shown: str = ""  # how it is named in messages and logs (a URL without its password)
    read_only: bool = False  # a dry run: never writes, not even the demo seed or a repaired pointer
    last_head: Head | None = None  # what the last `seed_demo` found (callers show `last_head.describe(lang)`)
    _told: frozenset[tuple[str, int]] = frozenset()  # recoveries already logged by this object (one line each)

    # Primitives a backend implements ---------------------------------------------------------------
    @abstractmethod
    def _pointer_text(self) -> str | None:
        """The raw pointer (None when there is none)."""

    @abstractmethod
    def _version_ids(self) -> list[int]:
        """Every version the backend holds, committed or not, sorted."""

    @abstractmethod
    def _manifest_text(self, version: int) -> str:
        """A version's manifest JSON; FileNotFoundError when there is no such version."""

    @abstractmethod
    def file_bytes(self, version: int, name: str) -> bytes:
        """The bytes of one file of a version; FileNotFoundError when missing."""

    @abstractmethod
    def _commit(self, check: Check, build: Build) -> Manifest:
        """Under the writers' lock: read the head, `check(current)`, `build(current)`, write the version and move
        the pointer, all or nothing."""

    @abstractmethod
    def _repair_pointer(self, version: int) -> None:
        """Point `current` at `version` (after a recovery), under the writers' lock."""

    @abstractmethod
    def _append_board_pack(self, text: str) -> int:
        """Append one board pack record (JSON) for good and return its number; never rewrites one."""

    @abstractmethod
    def _board_pack_texts(self) -> list[tuple[int, str]]:
        """Every recorded board pack as (number, JSON), in the order they were recorded."""

    @abstractmethod
    def _append_profile(self, text: str) -> int:
        """Append one mapping profile version (JSON) for good and return its number; never rewrites one."""

    @abstractmethod
    def _profile_texts(self) -> list[tuple[int, str]]:
        """Every saved mapping profile version as (number, JSON), in the order they were saved."""

    @abstractmethod
    def _board_pack_texts_before(self, number: int | None, count: int) -> list[tuple[int, str]]:
        """Up to `count` records numbered below `number` (None: the newest ones), newest first; the cost does not
        grow with the number of records."""

    @abstractmethod
    def _record_sign_out(self, subject: str, issued_at: float) -> None:
        """Append that the sign-in of `subject` issued at `issued_at` (and every older one) was signed out."""

    @abstractmethod
    def _signed_out_until(self, subject: str) -> float | None:
        """The newest signed-out `issued_at` of `subject`, or None."""

    # Reading ---------------------------------------------------------------------------------------
    def head(self) -> Head:
        """The current version, read-only; a missing or damaged pointer is recovered from the newest version
        whose checksums verify (nothing is written). StoreError if versions exist but none verifies."""
        text = self._pointer_text()
        ids = self._version_ids()
        if text is None and not ids:
            return Head(None)
        damage = None
        if text is None:
            damage = "missing"
        else:
            try:
                pointed = parse_version(text)
            except ValueError:
                damage = "unreadable"
            else:
                if pointed in ids and self._has_manifest(pointed):
                    return Head(pointed, versions=tuple(ids))
                damage = "missing_version"
        if not ids:
            raise StoreUnreadable("store_pointer_orphan", location=self.shown, pointer=(text or "").strip()[:40])
        for version in reversed(ids):
            if self.verify(version):
                level = logging.DEBUG if (damage, version) in self._told else logging.WARNING
                log.log(
                    level,
                    "store %s: pointer %s (%r); recovered %s, the newest version whose checksums "
                    "verify (%d versions kept)",
                    self.shown,
                    damage,
                    (text or "")[:40],
                    version_label(version),
                    len(ids),
                )
                self._told = self._told | {(damage, version)}
                return Head(version, damage, tuple(ids))
        raise StoreUnreadable("store_unrecoverable", location=self.shown, count=len(ids))

    def _has_manifest(self, version: int) -> bool:
        try:
            self._manifest_text(version)
            return True
        except FileNotFoundError:
            return False

    def current_version(self) -> int | None:
        """The current version number (None for an empty store); read-only, never seeds."""
        return self.head().version

    def exists(self) -> bool:
        """Whether the store has a current version."""
        return self.current_version() is not None

    def seed_demo(self) -> int:
        """The first-start step, which writes: an empty store gets the demo data as v1 and a recovered pointer is
        repaired; returns the current version (a dry run's read-only store writes nothing and answers 0)."""
        head = self.head()
        self.last_head = head
        if head.version is not None:
            if head.recovered and not self.read_only:
                self._repair_pointer(head.version)
            return head.version
        if self.read_only:
            return DEMO_VERSION
        from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS

        try:
            manifest = self.save(
                None,
                **demo_tables(),
                action="init",
                actor=SYSTEM,
                source=f"{DEMO_ACTIVITIES.name}, {DEMO_TARGETS.name}",
                description="demo data",
            )
        except StaleVersion:  # another process initialised it first
            return self.current_version()  # type: ignore[return-value]
        return manifest.version

    def manifest(self, version: int) -> Manifest:
        """The manifest of a version (FileNotFoundError if there is no such version; 0: the unsaved demo data)."""
        if version == DEMO_VERSION:
            return _demo_manifest()
        return Manifest.from_json(self._manifest_text(version))

    def versions(self) -> list[Manifest]:
        """Manifests of every committed version (up to the current one), oldest first."""
        current = self.current_version()
        if current is None:
            return []
        return [self.manifest(v) for v in self._version_ids() if v <= current]

    def load_table(self, version: int, table: str) -> pd.DataFrame:
        """One table of a version, typed as it was saved (version 0: the unsaved demo data)."""
        if version == DEMO_VERSION:
            return demo_tables()[table]
        return frame_from_bytes(self.file_bytes(version, file_name(table)))

    def load(self, version: int | None = None) -> Snapshot:
        """A version's tables; by default the current data: the current version, or the unsaved demo data (version
        0) while the store is empty. Never writes."""
        version = version if version is not None else (self.current_version() or DEMO_VERSION)
        return Snapshot(self.manifest(version), *(self.load_table(version, t) for t in TABLES))

    def verify(self, version: int) -> bool:
        """Whether every file of a version matches the checksums in its manifest."""
        try:
            manifest = self.manifest(version)
            for name, info in manifest.files.items():
                data = self.file_bytes(version, name)
                if file_info(data) != {"sha256": info["sha256"], "bytes": info["bytes"]}:
                    return False
            return overall_checksum(manifest.files) == manifest.checksum and manifest.version == version
        except (OSError, ValueError, TypeError, KeyError):
            return False

    # Writing ---------------------------------------------------------------------------------------
    def save(
        self,
        based_on: int | None,
        *,
        activities: pd.DataFrame | None = None,
        targets: pd.DataFrame | None = None,
        commentary: pd.DataFrame | None = None,
        action: str,
        description: str,
        source: str | None = None,
        actor: Actor,
        revisions: Sequence[Mapping[str, object]] = (),
    ) -> Manifest:
        """Save a new version from `based_on`; tables not given are carried over unchanged.

        `revisions` are the target revisions this save makes ({plan, kpi, old_min, old_max, new_min, new_max,
        reason}); the manifest adds them, with the author, time and version, to the ones carried over.
        The actor's role is checked first (AccessRefused, nothing written). Raises StaleVersion if the current
        version is no longer `based_on` (someone saved in between).
        """
        access.require(actor, action)
        frames = {"activities": activities, "targets": targets, "commentary": commentary}
        blobs = {file_name(k): partial(frame_bytes, f) for k, f in frames.items() if f is not None}
        rows = {k: len(f) for k, f in frames.items() if f is not None}
        return self._save_blobs(
            based_on,
            blobs,
            rows,
            action=action,
            description=description,
            source=source,
            actor=actor,
            revisions=revisions,
        )

    def rollback(self, version: int, based_on: int | None, actor: Actor) -> Manifest:
        """Make an earlier version current again by saving a copy of it as a new version (admins only)."""
        access.require(actor, "rollback")
        old = self.manifest(version)
        if not self.verify(version):
            raise StoreError("store_version_damaged", version=old.label)
        blobs = {file_name(t): partial(self.file_bytes, version, file_name(t)) for t in TABLES}
        return self._save_blobs(
            based_on,
            blobs,
            dict(old.rows),
            action="rollback",
            source=old.label,
            actor=actor,
            description=f"roll-back to {old.label}",
        )

    def _save_blobs(
        self,
        based_on: int | None,
        blobs: dict[str, Callable[[], bytes]],
        rows: dict[str, int],
        *,
        action: str,
        description: str,
        source: str | None,
        actor: Actor,
        revisions: Sequence[Mapping[str, object]] = (),
    ) -> Manifest:
        if self.read_only:
            raise StoreError("store_dry_run", location=self.shown)

        def check(current: int | None) -> None:
            if current != based_on:
                raise StaleVersion(based_on, current)

        def build(current: int | None) -> tuple[Manifest, dict[str, bytes | None]]:
            previous = self.manifest(current) if current is not None else None
            if previous is None and len(blobs) < len(TABLES):
                raise ValueError("the first version needs every table")
            files, counts, data = {}, {}, {}
            for table in TABLES:
                name = file_name(table)
                if name in blobs:
                    data[name] = blobs[name]()
                    files[name], counts[table] = file_info(data[name]), rows[table]
                else:  # carried over unchanged from the current version
                    files[name], counts[table], data[name] = previous.files[name], previous.rows[table], None
            version, created = (current or 0) + 1, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            made = [{**r, "user": actor.label, "time": created, "version": version} for r in revisions]
            carried = list(previous.target_revisions or []) if previous is not None else []
            manifest = Manifest(
                version=version,
                based_on=current,
                user=actor.label,
                action=action,
                source=source,
                created=created,
                description=" ".join(description.split())[:200],
                rows=counts,
                files=files,
                checksum=overall_checksum(files),
                by=actor.audit(),
                target_revisions=carried + made or None,
            )
            return manifest, data

        return self._commit(check, build)

    def copy_version(self, manifest: Manifest, blobs: dict[str, bytes], actor: Actor) -> Manifest:
        """Add a version from another store exactly as it was (manifest and bytes), as the next version."""
        access.require(actor, "migrate")
        for name, info in manifest.files.items():
            if name not in blobs or file_info(blobs[name]) != {"sha256": info["sha256"], "bytes": info["bytes"]}:
                raise StoreError("store_version_damaged", version=manifest.label)

        def check(current: int | None) -> None:
            if (current or 0) + 1 != manifest.version:
                raise StaleVersion(manifest.version - 1 or None, current)

        return self._commit(check, lambda current: (manifest, {name: blobs[name] for name in manifest.files}))

    # Board packs ----------------------------------------------------------------------------------
    def record_board_pack(self, version: int, as_of: dt.date, year: int, lang: str, actor: Actor) -> BoardPackRecord:
        """Record, for good, that a board pack was built from `version` at `as_of` (append-only, never rewritten).

        Only an editor records (`board_pack` needs the editor role): the record becomes the baseline of every later
        "since the last board pack", so a viewer's download must not move it. StoreError if `version` is not saved.
        """
        access.require(actor, "board_pack")
        if self.read_only:
            raise StoreError("store_dry_run", location=self.shown)
        current = self.current_version()
        if current is None or not 1 <= version <= current or not self._has_manifest(version):
            raise StoreError("store_no_version", version=version_label(version), location=self.shown)
        record = BoardPackRecord(
            number=0,
            version=version,
            as_of=as_of,
            year=year,
            lang=lang,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            user=actor.label,
            by=actor.audit(),
        )
        return replace(record, number=self._append_board_pack(record.to_json()))

    def board_packs(self) -> list[BoardPackRecord]:
        """Every recorded board pack, oldest first (unreadable records are skipped and logged, never removed)."""
        found = []
        for number, text in self._board_pack_texts():
            try:
                found.append(BoardPackRecord.from_json(number, text))
            except (ValueError, TypeError, KeyError) as error:
                log.warning("store %s: board pack record %d unreadable (%s); skipped", self.shown, number, error)
        return found

    def last_board_pack(self, before: dt.date | None = None, inclusive: bool = False) -> BoardPackRecord | None:
        """The most recently recorded pack, or the most recent one whose as-of date is before `before` (or on it,
        when `inclusive`); None when there is none."""
        below: int | None = None
        size = 1
        while True:  # newest first, in growing pages: usually the newest record answers
            page = self._board_pack_texts_before(below, size)
            for number, text in page:
                try:
                    record = BoardPackRecord.from_json(number, text)
                except (ValueError, TypeError, KeyError) as error:
                    log.warning("store %s: board pack record %d unreadable (%s); skipped", self.shown, number, error)
                    continue
                if before is None or record.as_of < before or (inclusive and record.as_of == before):
                    return record
            if len(page) < size:
                return None
            below, size = page[-1][0], min(size * 2, _PACK_PAGE)

    # Mapping profiles -----------------------------------------------------------------------------

    def save_profile(self, name: str, kind: str, mapping: str, actor: Actor) -> ProfileRecord:
        """Save `mapping` (JSON) as the next version of the profile `name` (importers only)."""
        access.require(actor, "import")
        if self.read_only:
            raise StoreError("store_dry_run", location=self.shown)
        name = " ".join(name.split())[:80]
        previous = [p for p in self.profiles() if p.name == name]
        record = ProfileRecord(
            number=0,
            name=name,
            version=max((p.version for p in previous), default=0) + 1,
            kind=kind,
            mapping=mapping,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            user=actor.label,
            by=actor.audit(),
        )
        return replace(record, number=self._append_profile(record.to_json()))

    def profiles(self) -> list[ProfileRecord]:
        """Every saved profile version, oldest first (unreadable records are skipped and logged, never removed)."""
        found = []
        for number, text in self._profile_texts():
            try:
                found.append(ProfileRecord.from_json(number, text))
            except (ValueError, TypeError, KeyError) as error:
                log.warning("store %s: profile record %d unreadable (%s); skipped", self.shown, number, error)
        return found

    def current_profiles(self) -> dict[str, ProfileRecord]:
        """The latest version of each profile, by name."""
        return {p.name: p for p in self.profiles()}

    # Sign-outs ------------------------------------------------------------------------------------
    def record_sign_out(self, subject: str, issued_at: float) -> None:
        """Remember, for every replica, that sign-ins of `subject` issued at or before `issued_at` were signed out."""
        if not self.read_only:
            self._record_sign_out(subject_key(subject), float(issued_at))

    def signed_out_until(self, subject: str) -> float | None:
        """The issue time up to which `subject`'s sign-ins were signed out (None: never signed out)."""
        return self._signed_out_until(subject_key(subject))


_PACK_PAGE = 64  # the most records one step of `last_board_pack` reads


def subject_key(subject: str) -> str:
    """A fixed-length name for a signed-in subject (issuer and `sub`), safe as a file name and a database key."""
    return hashlib.sha256(subject.encode("utf-8")).hexdigest()[:40]


def demo_tables() -> dict[str, pd.DataFrame]:
    """The demo data as the three tables of a first version (copies: the caller may change them)."""
    from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS

    stamp = tuple(
        (str(p), s.st_size, s.st_mtime_ns) for p, s in ((p, p.stat()) for p in (DEMO_ACTIVITIES, DEMO_TARGETS))
    )
    return {name: frame.copy() for name, frame in _demo_tables_read(stamp).items()}


@lru_cache(maxsize=1)
def _demo_tables_read(stamp: tuple[tuple[str, int, int], ...]) -> dict[str, pd.DataFrame]:
    """The demo files read and validated, once per process while they are unchanged (`stamp`: path, size, mtime).

    An empty store reads its tables from here on every rerun, and every new store seeds from here.
    """
    from kpi.load import load_activities, load_targets

    (activities, _, _), (targets, _, _) = stamp
    return {
        "activities": load_activities(Path(activities)),
        "targets": load_targets(Path(targets)),
        "commentary": empty_commentary(),
    }


def _demo_manifest() -> Manifest:
    return Manifest(
        version=0,
        based_on=None,
        created="",
        user=None,
        action="init",
        source="demo",
        description="demo data (not saved)",
        rows={},
        files={},
        checksum="",
    )
