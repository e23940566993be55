"""Copying a whole store to another (e.g. the folder store to PostgreSQL): every version, manifest and bytes intact."""

from __future__ import annotations

from collections.abc import Iterator

from kpi import access
from kpi.access import Actor
from kpi.store_base import Manifest, Store, StoreError


def migrate(source: Store, target: Store, actor: Actor) -> Iterator[tuple[Manifest, bool]]:
    """Copy each committed version of `source` into `target` in order; yield (manifest, copied).

    Versions the target already holds identically are skipped, so an interrupted migration can be run again;
    a different version under the same number, or a source version that fails its checksums, stops it.
    """
    access.require(actor, "migrate")
    present = target.current_version() or 0
    for manifest in source.versions():
        if not source.verify(manifest.version):
            raise StoreError("store_version_damaged", version=manifest.label)
        if manifest.version <= present:
            if target.manifest(manifest.version).to_json() != manifest.to_json():
                raise StoreError("store_target_differs", location=target.shown, version=manifest.label)
            yield manifest, False
            continue
        blobs = {name: source.file_bytes(manifest.version, name) for name in manifest.files}
        yield target.copy_version(manifest, blobs, actor), True
    copy_board_packs(source, target)


def copy_board_packs(source: Store, target: Store) -> int:
    """Append the source's board-pack records the target lacks, as they are (who, when); the number copied.

    The records both hold must be the same, in the same order, as for versions.
    """
    present = target.board_packs()
    records = source.board_packs()
    for mine, theirs in zip(present, records, strict=False):
        if mine.to_json() != theirs.to_json():
            raise StoreError("store_target_differs", location=target.shown, version=f"#{mine.number}")
    for record in records[len(present) :]:
        target._append_board_pack(record.to_json())  # the record verbatim: its builder, not the migrating admin
    return len(records) - len(present)
