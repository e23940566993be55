"""The store on PostgreSQL (SQLAlchemy 2 + psycopg 3), with exactly the folder store's semantics.

Tables (created on the first save):

    kpi_store_head      one row: the current version ("v3"), moved in the same transaction as the save
    kpi_store_versions  one row per version: its manifest JSON, exactly as the folder store writes it
    kpi_store_files     (version, file name) -> sha256
    kpi_store_blobs     sha256 -> the Parquet bytes (bytea); an unchanged table is stored once
    kpi_store_board_packs  one row per built board pack: its number and record JSON (append-only)
    kpi_store_profiles  one row per saved mapping profile version: its number and record JSON (append-only)
    kpi_store_sign_outs  (subject hash, ID-token issue time) per sign-out: older sign-ins of that subject no longer count

Every save is one transaction behind a transaction-scoped advisory lock, so saves never interleave and a killed
writer leaves nothing. Triggers refuse UPDATE and DELETE on versions, files, blobs and board packs: history is immutable.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from kpi.store_base import Build, Check, Manifest, Store, StoreError, StoreUnreadable, log, version_label
from kpi.store_location import masked

LOCK_TIMEOUT_S = 120.0
LOCK_KEY = 0x4B5049_53544F  # "KPI" "STO": the advisory lock all writers take
_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()
_SCHEMA_READY: set[str] = set()  # databases whose tables this process has created or seen
_SCHEMA = """
CREATE TABLE IF NOT EXISTS kpi_store_blobs (sha256 text PRIMARY KEY, data bytea NOT NULL);
CREATE TABLE IF NOT EXISTS kpi_store_versions (version integer PRIMARY KEY CHECK (version > 0),
                                               manifest text NOT NULL);
CREATE TABLE IF NOT EXISTS kpi_store_files (version integer NOT NULL REFERENCES kpi_store_versions,
                                            name text NOT NULL, sha256 text NOT NULL REFERENCES kpi_store_blobs,
                                            PRIMARY KEY (version, name));
CREATE TABLE IF NOT EXISTS kpi_store_head (id integer PRIMARY KEY CHECK (id = 1), version text NOT NULL);
CREATE TABLE IF NOT EXISTS kpi_store_board_packs (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                                  record text NOT NULL);
CREATE TABLE IF NOT EXISTS kpi_store_profiles (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                               record text NOT NULL);
CREATE TABLE IF NOT EXISTS kpi_store_sign_outs (subject text NOT NULL, issued_at double precision NOT NULL,
                                                PRIMARY KEY (subject, issued_at));
CREATE OR REPLACE FUNCTION kpi_store_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION USING MESSAGE = 'kpi store history is immutable: ' || TG_OP || ' on ' || TG_TABLE_NAME;
END $$;
CREATE OR REPLACE TRIGGER kpi_store_versions_immutable BEFORE UPDATE OR DELETE ON kpi_store_versions
    FOR EACH ROW EXECUTE FUNCTION kpi_store_immutable();
CREATE OR REPLACE TRIGGER kpi_store_files_immutable BEFORE UPDATE OR DELETE ON kpi_store_files
    FOR EACH ROW EXECUTE FUNCTION kpi_store_immutable();
CREATE OR REPLACE TRIGGER kpi_store_blobs_immutable BEFORE UPDATE OR DELETE ON kpi_store_blobs
    FOR EACH ROW EXECUTE FUNCTION kpi_store_immutable();
CREATE OR REPLACE TRIGGER kpi_store_board_packs_immutable BEFORE UPDATE OR DELETE ON kpi_store_board_packs
    FOR EACH ROW EXECUTE FUNCTION kpi_store_immutable();
CREATE OR REPLACE TRIGGER kpi_store_profiles_immutable BEFORE UPDATE OR DELETE ON kpi_store_profiles
    FOR EACH ROW EXECUTE FUNCTION kpi_store_immutable();
"""
T = TypeVar("T")


def driver_url(url: str) -> str:
    """The SQLAlchemy URL with the psycopg 3 driver, from `postgresql://` or `postgres://`."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def engine_for(url: str) -> Engine:
    """One pooled engine per database URL in this process."""
    key = driver_url(url)
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = create_engine(key, pool_pre_ping=True, pool_size=2, max_overflow=4)
        return _ENGINES[key]


def dispose(url: str) -> None:
    """Close this process's pooled connections to a database (before dropping it, or after changing its settings)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.pop(driver_url(url), None)
    if engine is not None:
        engine.dispose()


def _sqlstate(error: BaseException) -> str:
    return getattr(getattr(error, "orig", None), "sqlstate", None) or ""


class PostgresStore(Store):
    """A PostgreSQL database holding immutable versions of activities, targets and commentary."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.location = url
        self.read_only = read_only
        self.engine = engine_for(url)
        self.shown = masked(url)  # user, password and credential query values as ***
        self._local = threading.local()  # the open write transaction, so head() inside a save reads through it

    # Plumbing --------------------------------------------------------------------------------------
    def _problem(self, error: SQLAlchemyError) -> StoreError:
        state = _sqlstate(error)
        if state in ("55P03", "57014"):  # lock_not_available, query_canceled (lock_timeout)
            return StoreError("store_busy", location=self.shown, seconds=f"{LOCK_TIMEOUT_S:g}")
        if state in ("53100", "53200"):  # disk_full, out_of_memory
            return StoreError("store_full", location=self.shown)
        if state in ("25006", "42501"):  # read_only_sql_transaction, insufficient_privilege
            return StoreError("store_read_only", location=self.shown)
        if isinstance(error, OperationalError) and (error.connection_invalidated or state[:2] in ("08", "57", "")):
            reason = str(getattr(error, "orig", error)).strip().splitlines()[0][:200]
            return StoreUnreadable("store_unreachable", location=self.shown, reason=reason)
        return StoreError("store_write_failed", location=self.shown, reason=state or type(error).__name__)

    @contextmanager
    def _conn(self) -> Iterator[Connection]:
        active = getattr(self._local, "tx", None)
        if active is not None:
            yield active
            return
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as error:
            raise self._problem(error) from error

    def _query(self, sql: str, **params: object) -> list:
        """Rows of a read; an uninitialised database reads as empty."""
        with self._conn() as conn:
            try:
                return list(conn.execute(text(sql), params))
            except SQLAlchemyError as error:
                if _sqlstate(error) == "42P01":  # undefined_table: no version was ever saved here
                    if getattr(self._local, "tx", None) is None:
                        conn.rollback()
                    return []
                raise

    # Primitives ------------------------------------------------------------------------------------
    def _pointer_text(self) -> str | None:
        rows = self._query("SELECT version FROM kpi_store_head WHERE id = 1")
        return rows[0][0] if rows else None

    def _version_ids(self) -> list[int]:
        return [row[0] for row in self._query("SELECT version FROM kpi_store_versions ORDER BY version")]

    def _manifest_text(self, version: int) -> str:
        rows = self._query("SELECT manifest FROM kpi_store_versions WHERE version = :v", v=version)
        if not rows:
            raise FileNotFoundError(f"{self.shown}: no version {version_label(version)}")
        return rows[0][0]

    def file_bytes(self, version: int, name: str) -> bytes:
        """The bytes of one file of a version."""
        rows = self._query(
            "SELECT b.data FROM kpi_store_files f JOIN kpi_store_blobs b USING (sha256) "
            "WHERE f.version = :v AND f.name = :n",
            v=version,
            n=name,
        )
        if not rows:
            raise FileNotFoundError(f"{self.shown}: no {name} in {version_label(version)}")
        return bytes(rows[0][0])

    # Writing ---------------------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One transaction holding the writers' advisory lock; the schema exists inside it."""
        try:
            with self.engine.begin() as conn:
                conn.execute(text(f"SET LOCAL lock_timeout = '{int(LOCK_TIMEOUT_S * 1000)}ms'"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
                if self.location not in _SCHEMA_READY:
                    conn.exec_driver_sql(_SCHEMA)
                self._local.tx = conn
                try:
                    yield conn
                finally:
                    self._local.tx = None
        except SQLAlchemyError as error:
            raise self._problem(error) from error
        _SCHEMA_READY.add(self.location)

    def _commit(self, check: Check, build: Build) -> Manifest:
        with self._transaction() as conn:
            head = self.head()
            check(head.version)
            manifest, data = build(head.version)
            conn.execute(
                text("INSERT INTO kpi_store_versions (version, manifest) VALUES (:v, :m)"),
                {"v": manifest.version, "m": manifest.to_json()},
            )
            for name, blob in data.items():
                sha = manifest.files[name]["sha256"]
                if blob is not None:
                    conn.execute(
                        text(
                            "INSERT INTO kpi_store_blobs (sha256, data) VALUES (:s, :d) ON CONFLICT (sha256) DO NOTHING"
                        ),
                        {"s": sha, "d": blob},
                    )
                conn.execute(
                    text("INSERT INTO kpi_store_files (version, name, sha256) VALUES (:v, :n, :s)"),
                    {"v": manifest.version, "n": name, "s": sha},
                )
            self._set_pointer(conn, manifest.version)
            if head.recovered:
                log.warning("store %s: pointer repaired by saving %s", self.shown, manifest.label)
        return manifest

    def _board_pack_texts(self) -> list[tuple[int, str]]:
        return [(row[0], row[1]) for row in self._query("SELECT id, record FROM kpi_store_board_packs ORDER BY id")]

    def _board_pack_texts_before(self, number: int | None, count: int) -> list[tuple[int, str]]:
        rows = self._query(
            "SELECT id, record FROM kpi_store_board_packs WHERE id < :n ORDER BY id DESC LIMIT :c",
            n=number if number is not None else 2**31 - 1,
            c=count,
        )
        return [(row[0], row[1]) for row in rows]

    def _record_sign_out(self, subject: str, issued_at: float) -> None:
        with self._transaction() as conn:
            conn.execute(
                text("INSERT INTO kpi_store_sign_outs (subject, issued_at) VALUES (:s, :i) ON CONFLICT DO NOTHING"),
                {"s": subject, "i": issued_at},
            )

    def _signed_out_until(self, subject: str) -> float | None:
        rows = self._query("SELECT max(issued_at) FROM kpi_store_sign_outs WHERE subject = :s", s=subject)
        return float(rows[0][0]) if rows and rows[0][0] is not None else None

    def _append_board_pack(self, record: str) -> int:
        with self._transaction() as conn:
            return conn.execute(
                text("INSERT INTO kpi_store_board_packs (record) VALUES (:r) RETURNING id"), {"r": record}
            ).scalar_one()

    def _profile_texts(self) -> list[tuple[int, str]]:
        return [(row[0], row[1]) for row in self._query("SELECT id, record FROM kpi_store_profiles ORDER BY id")]

    def _append_profile(self, record: str) -> int:
        with self._transaction() as conn:
            return conn.execute(
                text("INSERT INTO kpi_store_profiles (record) VALUES (:r) RETURNING id"), {"r": record}
            ).scalar_one()

    @staticmethod
    def _set_pointer(conn: Connection, version: int) -> None:
        conn.execute(
            text(
                "INSERT INTO kpi_store_head (id, version) VALUES (1, :v) "
                "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version"
            ),
            {"v": version_label(version)},
        )

    def _repair_pointer(self, version: int) -> None:
        try:
            with self._transaction() as conn:
                head = self.head()
                if head.recovered and head.version == version:
                    self._set_pointer(conn, version)
                    log.warning("store %s: pointer repaired, it names %s again", self.shown, version_label(version))
        except StoreError as error:  # a read-only database still reads; the next read recovers again
            log.warning("store %s: pointer not repaired (%s)", self.shown, error)
