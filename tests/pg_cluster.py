"""Store test fixtures: each backend as a parameter, and a fingerprint to prove a store is byte-identical."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

BACKENDS: tuple[str, ...] = ("folder",)


def fingerprint(location: str) -> dict[str, str]:
    """Every stored byte of a store as hashes (a folder: every file but the lock)."""
    root = Path(location)
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(params=BACKENDS)
def store_location(request, tmp_path) -> str:
    """A fresh, empty store on each backend: a folder, or a new database on the throwaway PostgreSQL cluster."""
    return str(tmp_path / "store")
