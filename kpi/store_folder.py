"""The embedded store: one immutable folder of Parquet files per version, a manifest, and an atomic `current` pointer.

Layout of the store folder:

    current                 the id of the current version (one line), replaced atomically, last
    .lock                   file lock: saves never interleave
    versions/v000001/       one immutable snapshot per save
        activities.parquet  targets.parquet  commentary.parquet  manifest.json
    tmp/                    staging area; a version appears in versions/ only by an atomic rename
    aside/                  versions never made current (a crash between rename and pointer), moved, never deleted
    board_packs/            one small JSON file per built board pack (p000001.json, ...): created once, atomically,
                            never rewritten or deleted; `last` names the newest (a hint, checked forward)
    sign_outs/<subject>/<iat>  one empty file per signed-out sign-in (the ID token's issue time), per subject hash
    profiles/               one small JSON file per saved mapping profile version (m000001.json, ...), likewise

A save writes every file into tmp/, fsyncs it, renames the finished folder into versions/ and only then
replaces `current`. A crash at any moment leaves the last good version current and readable. The software
never deletes a version: only its own unfinished staging folders in tmp/.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from kpi.parquet_io import read_frame
from kpi.store_base import (
    DEMO_VERSION,
    PREFIX,
    Build,
    Check,
    Manifest,
    Store,
    StoreError,
    file_name,
    log,
    version_label,
)

LOCK_TIMEOUT_S = 120.0
_STAGING = re.compile(rf"{PREFIX}\d{{6}}\.[0-9a-f]{{32}}")
_PACK = re.compile(r"p(\d{6,})\.json")
_PROFILE = re.compile(r"m(\d{6,})\.json")
_PACK_HINT = "last"  # board_packs/last: the newest record's number, so the newest is read without listing them all
_FULL = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def store_os_error(error: OSError, location: str) -> StoreError:
    """A clear store problem for an operating-system error while writing (full disk, read-only, other)."""
    if error.errno in _FULL:
        return StoreError("store_full", location=location)
    if error.errno in _READ_ONLY:
        return StoreError("store_read_only", location=location)
    return StoreError("store_write_failed", location=location, reason=error.strerror or type(error).__name__)


class FolderStore(Store):
    """A store folder holding immutable versions of activities, targets and commentary."""

    def __init__(self, root: str | Path, read_only: bool = False) -> None:
        self.root = Path(root)
        self.location = self.shown = str(self.root)
        self.read_only = read_only
        self.versions_dir = self.root / "versions"
        self.tmp_dir = self.root / "tmp"
        self.aside_dir = self.root / "aside"
        self.pointer = self.root / "current"
        self.packs_dir = self.root / "board_packs"
        self.profiles_dir = self.root / "profiles"

    def version_path(self, version: int) -> Path:
        """The folder of a version."""
        return self.versions_dir / f"{PREFIX}{version:06d}"

    # Primitives ------------------------------------------------------------------------------------
    def _pointer_text(self) -> str | None:
        try:
            return self.pointer.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return None
        except OSError:  # a folder named `current`, no permission: unreadable, not absent
            return "\ufffd"

    def _version_ids(self) -> list[int]:
        if not self.versions_dir.is_dir():
            return []
        ids = []
        for entry in self.versions_dir.iterdir():
            if entry.name.startswith(PREFIX) and entry.name[1:].isdigit() and int(entry.name[1:]) > 0:
                ids.append(int(entry.name[1:]))
        return sorted(ids)

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except (NotADirectoryError, IsADirectoryError) as error:
            raise FileNotFoundError(str(path)) from error

    def _manifest_text(self, version: int) -> str:
        return self._read(self.version_path(version) / "manifest.json").decode("utf-8")

    def file_bytes(self, version: int, name: str) -> bytes:
        """The bytes of one file of a version."""
        return self._read(self.version_path(version) / name)

    def load_table(self, version: int, table: str) -> pd.DataFrame:
        """One table of a version, typed as it was saved (read straight from its file)."""
        if version == DEMO_VERSION:
            return super().load_table(version, table)
        return read_frame(self.version_path(version) / file_name(table))

    # Writing ---------------------------------------------------------------------------------------
    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.root / ".lock"), timeout=LOCK_TIMEOUT_S):
                yield
        except Timeout:
            raise StoreError("store_busy", location=self.shown, seconds=f"{LOCK_TIMEOUT_S:g}") from None

    def _commit(self, check: Check, build: Build) -> Manifest:
        staging: Path | None = None
        try:
            with self._locked():
                head = self.head()
                current = head.version
                check(current)
                self._set_aside_uncommitted(current)
                staging = self.tmp_dir / f"{PREFIX}{(current or 0) + 1:06d}.{uuid.uuid4().hex}"
                staging.mkdir(parents=True)
                manifest, data = build(current)
                for name, blob in data.items():
                    if blob is None:
                        self._carry_over(self.version_path(current) / name, staging / name)  # type: ignore[arg-type]
                    else:
                        self._write_durably(staging / name, blob)
                self._write_durably(staging / "manifest.json", manifest.to_json().encode("utf-8"))
                _fsync_dir(staging)
                self.versions_dir.mkdir(exist_ok=True)
                os.rename(staging, self.version_path(manifest.version))
                staging = None
                _fsync_dir(self.versions_dir)
                self._write_durably(self.pointer, (version_label(manifest.version) + "\n").encode(), atomic=True)
                if head.recovered:
                    log.warning(
                        "store %s: pointer repaired by saving %s on %s",
                        self.shown,
                        manifest.label,
                        version_label(current),
                    )  # type: ignore[arg-type]
                return manifest
        except OSError as error:
            raise store_os_error(error, self.shown) from error
        finally:
            if staging is not None:  # our own unfinished staging folder: the only thing ever removed
                shutil.rmtree(staging, ignore_errors=True)

    def _repair_pointer(self, version: int) -> None:
        try:
            with self._locked():
                head = self.head()
                if head.recovered and head.version == version:
                    self._clear_pointer_path()
                    self._write_durably(self.pointer, (version_label(version) + "\n").encode(), atomic=True)
                    log.warning("store %s: pointer repaired, it names %s again", self.shown, version_label(version))
        except (OSError, StoreError) as error:  # a read-only store still reads; the next read recovers again
            log.warning("store %s: pointer not repaired (%s)", self.shown, error)

    def _board_pack_texts(self) -> list[tuple[int, str]]:
        return self._record_texts(self.packs_dir, _PACK)

    def _profile_texts(self) -> list[tuple[int, str]]:
        return self._record_texts(self.profiles_dir, _PROFILE)

    def _append_profile(self, text: str) -> int:
        return self._append_record(self.profiles_dir, _PROFILE, "m", text)

    def _record_texts(self, folder: Path, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
        """The append-only records of one folder as (number, JSON)."""
        if not folder.is_dir():
            return []
        found = []
        for entry in folder.iterdir():
            match = pattern.fullmatch(entry.name)
            if match:
                found.append((int(match.group(1)), self._read(entry).decode("utf-8", errors="replace")))
        return sorted(found)

    def _append_record(self, folder: Path, pattern: re.Pattern[str], letter: str, text: str) -> int:
        """Write the next record of an append-only folder, created once and atomically, never rewritten."""
        try:
            with self._locked():
                folder.mkdir(exist_ok=True)
                number = max((n for n, _ in self._record_texts(folder, pattern)), default=0) + 1
                staging = folder / f".{letter}{number:06d}.{uuid.uuid4().hex}.tmp"
                try:
                    self._write_durably(staging, text.encode("utf-8"))
                    os.link(staging, folder / f"{letter}{number:06d}.json")  # fails rather than overwrite a record
                finally:
                    staging.unlink(missing_ok=True)
                _fsync_dir(folder)
                return number
        except OSError as error:
            raise store_os_error(error, self.shown) from error

    def _pack_path(self, number: int) -> Path:
        return self.packs_dir / f"p{number:06d}.json"

    def _last_pack_number(self) -> int:
        """The newest record's number from the `last` hint, checked forward (a crash may leave it one behind);
        a store without the hint (written before it existed) is listed once."""
        try:
            number = int(self._read(self.packs_dir / _PACK_HINT).decode("ascii").strip())
        except (OSError, ValueError):
            if not self.packs_dir.is_dir():
                return 0
            numbers = [int(m.group(1)) for e in self.packs_dir.iterdir() if (m := _PACK.fullmatch(e.name))]
            return max(numbers, default=0)
        while self._pack_path(number + 1).exists():
            number += 1
        return number

    def _board_pack_texts_before(self, number: int | None, count: int) -> list[tuple[int, str]]:
        below = self._last_pack_number() + 1 if number is None else number
        found = []
        for n in range(below - 1, max(below - 1 - count, 0), -1):
            try:
                found.append((n, self._read(self._pack_path(n)).decode("utf-8", errors="replace")))
            except FileNotFoundError:
                continue
        return found

    def _append_board_pack(self, text: str) -> int:
        try:
            with self._locked():
                self.packs_dir.mkdir(exist_ok=True)
                number = self._last_pack_number() + 1
                staging = self.packs_dir / f".p{number:06d}.{uuid.uuid4().hex}.tmp"
                try:
                    self._write_durably(staging, text.encode("utf-8"))
                    os.link(staging, self._pack_path(number))  # fails rather than overwrite a record
                finally:
                    staging.unlink(missing_ok=True)
                _fsync_dir(self.packs_dir)
                self._write_durably(self.packs_dir / _PACK_HINT, f"{number}\n".encode(), atomic=True)
                return number
        except OSError as error:
            raise store_os_error(error, self.shown) from error

    def _record_sign_out(self, subject: str, issued_at: float) -> None:
        folder = self.root / "sign_outs" / subject
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._write_durably(folder / f"{int(issued_at)}", b"", atomic=True)
        except OSError as error:
            raise store_os_error(error, self.shown) from error

    def _signed_out_until(self, subject: str) -> float | None:
        folder = self.root / "sign_outs" / subject
        try:
            return max((float(e.name) for e in folder.iterdir() if e.name.isdigit()), default=None)
        except OSError:
            return None

    def _carry_over(self, source: Path, target: Path) -> None:
        """Reuse an unchanged file of the previous version (versions are immutable, so a hard link is safe)."""
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
            self._fsync_file(target)

    @staticmethod
    def _fsync_file(path: Path) -> None:
        with path.open("rb") as handle:
            os.fsync(handle.fileno())

    def _write_durably(self, path: Path, data: bytes, atomic: bool = False) -> None:
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp") if atomic else path
        try:
            with temporary.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if atomic:
                os.replace(temporary, path)
                _fsync_dir(path.parent)
        finally:
            if atomic and temporary.exists():
                temporary.unlink(missing_ok=True)  # an unfinished pointer file, never a version

    def _set_aside_uncommitted(self, current: int | None) -> None:
        """Move complete versions never made current to aside/ (kept, never deleted); remove unfinished staging."""
        for version in self._version_ids():
            if current is None or version > current:
                self._move_aside(self.version_path(version))
        if self.tmp_dir.is_dir():
            for entry in self.tmp_dir.iterdir():
                if entry.is_dir() and _STAGING.fullmatch(entry.name):
                    shutil.rmtree(entry)  # an interrupted save's staging folder: never committed
                else:
                    self._move_aside(entry)
        for leftover in self.root.glob(".current.*.tmp"):
            leftover.unlink(missing_ok=True)
        self._clear_pointer_path()

    def _clear_pointer_path(self) -> None:
        """A folder where the pointer file belongs is moved aside (kept), so the pointer can be written again."""
        if self.pointer.is_dir():
            self._move_aside(self.pointer)

    def _move_aside(self, path: Path) -> None:
        self.aside_dir.mkdir(exist_ok=True)
        target = self.aside_dir / f"{path.name}.{uuid.uuid4().hex[:8]}"
        os.rename(path, target)
        log.warning("store %s: %s was never made current; moved aside to %s (kept)", self.shown, path.name, target.name)
