"""What a KPI's change is measured from: the end of an earlier period, or the last board pack as it was built.

A board pack records its data version and as-of date in the store (`record_board_pack`); comparing with it means
computing the KPI table from that version's data at that date, so "change since the last board pack" is the
difference from exactly what the board saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kpi.dashboard import reference_date
from kpi.engine import Reference
from kpi.store_base import BoardPackRecord, Snapshot, Store, StoreError, log

PACK = "pack"  # the `?since=` value and the kind of a reference to the last board pack
Load = Callable[[int], Snapshot]  # a version's snapshot (the store's `load`, or a cached loader)


def from_pack(record: BoardPackRecord, snapshot: Snapshot) -> Reference:
    """The reference of a recorded board pack: its as-of date on its own version's activities and targets."""
    return Reference(record.as_of, snapshot.activities, snapshot.targets, record.version, record.number)


def pack_reference(store: Store, as_of: dt.date, load: Load | None = None) -> Reference:
    """The reference of a pack built at `as_of`: the last recorded pack with an earlier as-of date (so building
    the same pack twice never compares it with itself), else the end of the previous quarter on the same data.

    A recorded pack whose version cannot be read is logged and passed over; the pack's scorecard names the
    reference it used, so nothing is substituted silently."""
    record = store.last_board_pack(before=as_of)
    if record is not None:
        try:
            return from_pack(record, (load or store.load)(record.version))
        except (StoreError, OSError, ValueError) as error:
            log.warning(
                "board pack %d (%s) unreadable, compared with the quarter's end: %s",
                record.number,
                record.version_label,
                error,
            )
    return Reference(reference_date(as_of))


def overview_pack(store: Store, as_of: dt.date) -> BoardPackRecord | None:
    """The pack the Overview may compare with: the last recorded one whose as-of date is not after `as_of`."""
    return store.last_board_pack(before=as_of, inclusive=True)
