"""The versioned data store: one immutable Parquet snapshot per save, a manifest, and an atomic `current` pointer.

Layout of the store directory:

    current                 the id of the current version (one line), replaced atomically, last
    .lock                   file lock: saves never interleave
    versions/v000001/       one immutable snapshot per save
        activities.parquet  targets.parquet  commentary.parquet  manifest.json
    tmp/                    staging area; a version appears in versions/ only by an atomic rename

A save writes every file into tmp/, fsyncs it, renames the finished folder into versions/ and only then
replaces `current`. A crash at any moment leaves the last good version current and readable.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tomllib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
from filelock import FileLock

from kpi.parquet_io import read_frame, write_frame
from kpi.problems import Problem, ValidationError
from kpi.schema import Commentary as C

ENV_VAR = "KPI_STORE_DIR"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT_ROOT / "store"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
TABLES: tuple[str, ...] = ("activities", "targets", "commentary")
COMMENTARY_COLUMNS: tuple[str, ...] = (C.kpi, C.year, C.lang, C.text)
LOCK_TIMEOUT_S = 120.0
_PREFIX = "v"


def store_dir() -> Path:
    """The store directory: KPI_STORE_DIR, else `store_dir` under [kpi] in .streamlit/secrets.toml, else ./store."""
    configured = os.environ.get(ENV_VAR) or _secrets_setting()
    if not configured:
        return DEFAULT_DIR
    path = Path(configured).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _secrets_setting() -> str | None:
    try:
        with SECRETS_FILE.open("rb") as handle:
            return tomllib.load(handle).get("kpi", {}).get("store_dir")
    except (OSError, tomllib.TOMLDecodeError):
        return None


def empty_commentary() -> pd.DataFrame:
    """A commentary table with no rows."""
    return pd.DataFrame({C.kpi: pd.Series(dtype="string"), C.year: pd.Series(dtype="int64"),
                         C.lang: pd.Series(dtype="string"), C.text: pd.Series(dtype="string")})


def version_label(version: int) -> str:
    """How a version is shown to people: v3."""
    return f"{_PREFIX}{version}"


def parse_version(text: str | int) -> int:
    """A version number from `3`, `v3` or `v000003`; ValueError otherwise."""
    value = str(text).strip().lower().removeprefix(_PREFIX)
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"not a version: {text!r}")
    return int(value)


class StaleVersion(ValidationError):
    """A save was based on a version that is no longer current: someone else saved in between."""

    def __init__(self, based_on: int | None, current: int | None) -> None:
        params = (("based_on", version_label(based_on) if based_on else "-"),
                  ("current", version_label(current) if current else "-"))
        super().__init__([Problem("stale_version", params=params)], "store")


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

    @property
    def label(self) -> str:
        """The version as people see it: v3."""
        return version_label(self.version)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest.json text."""
        return cls(**json.loads(text))

    def to_json(self) -> str:
        """The manifest as pretty JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


@dataclass(frozen=True)
class Snapshot:
    """The tables of one version, typed, plus its manifest. Do not mutate the frames."""

    manifest: Manifest
    activities: pd.DataFrame
    targets: pd.DataFrame
    commentary: pd.DataFrame


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _overall_checksum(files: dict[str, dict[str, object]]) -> str:
    lines = "".join(f"{name}:{files[name]['sha256']}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode()).hexdigest()


class Store:
    """A store directory holding immutable versions of activities, targets and commentary."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else store_dir()
        self.versions_dir = self.root / "versions"
        self.tmp_dir = self.root / "tmp"
        self.pointer = self.root / "current"

    # Reading -----------------------------------------------------------------------------------
    def exists(self) -> bool:
        """Whether the store has a current version."""
        return self.current_version() is not None

    def current_version(self) -> int | None:
        """The current version number, None before the first save."""
        try:
            return parse_version(self.pointer.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def ensure(self) -> int:
        """The current version, initialising the store from the demo data on first use."""
        current = self.current_version()
        if current is not None:
            return current
        from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS, load_activities, load_targets
        try:
            manifest = self.save(None, activities=load_activities(DEMO_ACTIVITIES),
                                 targets=load_targets(DEMO_TARGETS), commentary=empty_commentary(),
                                 action="init", source=f"{DEMO_ACTIVITIES.name}, {DEMO_TARGETS.name}",
                                 description="demo data")
        except StaleVersion:  # another process initialised it first
            return self.current_version()  # type: ignore[return-value]
        return manifest.version

    def version_path(self, version: int) -> Path:
        """The folder of a version."""
        return self.versions_dir / f"{_PREFIX}{version:06d}"

    def manifest(self, version: int) -> Manifest:
        """The manifest of a version (FileNotFoundError if there is no such version)."""
        return Manifest.from_json((self.version_path(version) / "manifest.json").read_text(encoding="utf-8"))

    def versions(self) -> list[Manifest]:
        """Manifests of every committed version, oldest first."""
        current = self.current_version()
        if current is None:
            return []
        return [self.manifest(v) for v in self._version_ids() if v <= current]

    def load_table(self, version: int, table: str) -> pd.DataFrame:
        """One table of a version, typed as it was saved."""
        return read_frame(self.version_path(version) / f"{table}.parquet")

    def load(self, version: int | None = None) -> Snapshot:
        """A version's tables (default: the current one, initialising the store if needed)."""
        version = version if version is not None else self.ensure()
        return Snapshot(self.manifest(version), *(self.load_table(version, t) for t in TABLES))

    def verify(self, version: int) -> bool:
        """Whether every file of a version matches the checksums in its manifest."""
        try:
            manifest = self.manifest(version)
            for name, info in manifest.files.items():
                path = self.version_path(version) / name
                if path.stat().st_size != info["bytes"] or _sha256(path) != info["sha256"]:
                    return False
            return _overall_checksum(manifest.files) == manifest.checksum
        except (OSError, ValueError, TypeError, KeyError):
            return False

    def _version_ids(self) -> list[int]:
        if not self.versions_dir.is_dir():
            return []
        ids = []
        for entry in self.versions_dir.iterdir():
            try:
                ids.append(parse_version(entry.name))
            except ValueError:
                continue
        return sorted(ids)

    # Writing -----------------------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.root / ".lock"), timeout=LOCK_TIMEOUT_S):
            yield

    def save(self, based_on: int | None, *, activities: pd.DataFrame | None = None,
             targets: pd.DataFrame | None = None, commentary: pd.DataFrame | None = None,
             action: str, description: str, source: str | None = None, user: str | None = None) -> Manifest:
        """Save a new version from `based_on`; tables not given are carried over unchanged.

        Raises StaleVersion if the current version is no longer `based_on` (someone saved in between).
        """
        frames = {"activities": activities, "targets": targets, "commentary": commentary}
        with self._locked():
            current = self.current_version()
            if current != based_on:
                raise StaleVersion(based_on, current)
            if current is None and any(f is None for f in frames.values()):
                raise ValueError("the first version needs every table")
            self._discard_uncommitted(current)
            version = (current or 0) + 1
            staging = self.tmp_dir / f"{_PREFIX}{version:06d}.{uuid.uuid4().hex}"
            staging.mkdir(parents=True)
            files, rows = {}, {}
            for table, frame in frames.items():
                target = staging / f"{table}.parquet"
                if frame is None:
                    self._carry_over(self.version_path(current) / target.name, target)  # type: ignore[arg-type]
                    rows[table] = self.manifest(current).rows[table]  # type: ignore[arg-type]
                else:
                    write_frame(frame, target)
                    rows[table] = len(frame)
                _fsync_file(target)
                files[target.name] = {"sha256": _sha256(target), "bytes": target.stat().st_size}
            manifest = Manifest(version=version, based_on=current, user=user, action=action, source=source,
                                created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                                description=" ".join(description.split())[:200], rows=rows, files=files,
                                checksum=_overall_checksum(files))
            self._write_durably(staging / "manifest.json", manifest.to_json())
            _fsync_dir(staging)
            self.versions_dir.mkdir(exist_ok=True)
            os.rename(staging, self.version_path(version))
            _fsync_dir(self.versions_dir)
            self._write_durably(self.pointer, version_label(version) + "\n", atomic=True)
            return manifest

    def rollback(self, version: int, based_on: int | None, user: str | None = None) -> Manifest:
        """Make an earlier version current again by saving a copy of it as a new version."""
        old = self.load(version)
        return self.save(based_on, activities=old.activities, targets=old.targets, commentary=old.commentary,
                         action="rollback", source=old.manifest.label, user=user,
                         description=f"roll-back to {old.manifest.label}")

    def _carry_over(self, source: Path, target: Path) -> None:
        """Reuse an unchanged file of the previous version (versions are immutable, so a hard link is safe)."""
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    def _write_durably(self, path: Path, text: str, atomic: bool = False) -> None:
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp") if atomic else path
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if atomic:
            os.replace(temporary, path)
            _fsync_dir(path.parent)

    def _discard_uncommitted(self, current: int | None) -> None:
        """Remove leftovers of crashed saves: staging folders and complete versions never made current."""
        for version in self._version_ids():
            if current is None or version > current:
                trash = self.tmp_dir / f"discarded.{uuid.uuid4().hex}"
                self.tmp_dir.mkdir(parents=True, exist_ok=True)
                os.rename(self.version_path(version), trash)  # atomic: never a half version in versions/
        if self.tmp_dir.is_dir():
            for entry in self.tmp_dir.iterdir():
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
        for leftover in self.root.glob(".current.*.tmp"):
            leftover.unlink(missing_ok=True)
