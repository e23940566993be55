"""Board-pack records and sign-outs in the store: only editors record, and the newest record costs the same to read
and to append with 10 or 10,000 records (both backends)."""

from __future__ import annotations

import contextlib
import datetime as dt
import pathlib
from pathlib import Path

import pytest

from kpi.access import AccessRefused, Actor, local_actor
from kpi.store import open_store
from kpi.store_base import BoardPackRecord
from tests.pg_cluster import fresh_database, is_pg

VIEWER = Actor(role="viewer", kind="oidc", subject="sub-vera", email="vera@example.nl", name="Vera Kijker")
OPEN_VIEW = Actor(role="viewer", kind="local", name="lokaal")  # KPI_OPEN_DASHBOARD=view: an anonymous visitor
EDITOR = Actor(role="editor", kind="oidc", subject="sub-eddie", email="eddie@example.nl", name="Eddie")


@pytest.mark.parametrize("actor", [VIEWER, OPEN_VIEW], ids=["signed-in viewer", "open view mode"])
def test_a_viewer_records_no_board_pack(store_location, actor):
    """A viewer's (or an open view-mode visitor's) pack is refused as a record: no baseline moves."""
    store = open_store(store_location)
    store.seed_demo()
    store.record_board_pack(1, dt.date(2018, 6, 30), 2018, "nl", EDITOR)
    with pytest.raises(AccessRefused):
        store.record_board_pack(1, dt.date(2018, 9, 30), 2018, "nl", actor)
    assert [(r.number, r.as_of, r.user) for r in store.board_packs()] == [(1, dt.date(2018, 6, 30), "Eddie")]
    assert store.last_board_pack().as_of == dt.date(2018, 6, 30)


def _record(n: int, count: int) -> str:
    """Record n of `count` as JSON: as-of dates one day apart, the newest (n = count) on 2018-12-31."""
    as_of = dt.date(2018, 12, 31) - dt.timedelta(days=count - n)
    return BoardPackRecord(n, 1, as_of, 2018, "nl", "2026-12-01T09:00:00+00:00", "Eddie", {}).to_json()


def _fill(location: str, count: int) -> None:
    """`count` records as the store writes them, put in place in bulk (10,000 fsyncs would take minutes)."""
    if is_pg(location):
        import psycopg

        with psycopg.connect(location, autocommit=True) as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO kpi_store_board_packs (record) VALUES (%s)",
                [(_record(n, count),) for n in range(1, count)],
            )
    else:
        folder = Path(location) / "board_packs"
        folder.mkdir()
        for n in range(1, count):
            (folder / f"p{n:06d}.json").write_text(_record(n, count), encoding="utf-8")
    store = open_store(location)  # the last one through the store, which leaves its hint
    text = _record(count, count)
    store._append_board_pack(text)


def _work(location: str, monkeypatch) -> tuple[int, int, int, BoardPackRecord, BoardPackRecord]:
    """Read the newest record and the newest before a date, then append one; count what the backend touched:
    records read, directory listings, and rows a database query returned."""
    store = open_store(location)
    counts = {"read": 0, "listed": 0, "rows": 0}
    if is_pg(location):
        query = store._query

        def counting_query(sql, **params):
            rows = query(sql, **params)
            counts["rows"] += len(rows)
            return rows

        monkeypatch.setattr(store, "_query", counting_query)
    else:
        read, iterdir = store._read, pathlib.Path.iterdir

        def counting_read(path):
            counts["read"] += "board_packs" in str(path)
            return read(path)

        def counting_iterdir(path):
            counts["listed"] += "board_packs" in str(path)
            return iterdir(path)

        monkeypatch.setattr(store, "_read", counting_read)
        monkeypatch.setattr(pathlib.Path, "iterdir", counting_iterdir)
    newest = store.last_board_pack()
    before = store.last_board_pack(before=newest.as_of)
    store.record_board_pack(1, dt.date(2019, 1, 31), 2018, "nl", local_actor())
    monkeypatch.undo()
    return counts["read"], counts["listed"], counts["rows"], newest, before


def test_the_newest_record_costs_the_same_with_10_or_10000_records(store_location, monkeypatch, tmp_path, request):
    """Reading the newest pack (and the newest before its date) and appending one touch as many records, listings
    and rows with 10,000 records as with 10: nothing reads them all."""
    open_store(store_location).seed_demo()
    _fill(store_location, 10_000)
    big = _work(store_location, monkeypatch)
    assert (big[3].number, big[3].as_of) == (10_000, dt.date(2018, 12, 31))
    assert (big[4].number, big[4].as_of) == (9_999, dt.date(2018, 12, 30))
    assert open_store(store_location).last_board_pack().number == 10_001
    with contextlib.ExitStack() as stack:
        if is_pg(store_location):
            small = stack.enter_context(fresh_database(request.getfixturevalue("pg_cluster")))
        else:
            small = str(tmp_path / "small")
        open_store(small).seed_demo()
        _fill(small, 10)
        few = _work(small, monkeypatch)
    assert (few[3].number, few[4].number) == (10, 9)
    assert few[:3] == big[:3]
    assert big[1] == 0  # no listing of board_packs/ at all
