"""Where the current data lives: the files the app, CLI and exports read."""
from __future__ import annotations

from pathlib import Path

from kpi.load import DEMO_ACTIVITIES, DEMO_TARGETS


def current_paths() -> tuple[Path, Path]:
    """Paths of the current activities and targets files (the demo data until a store exists)."""
    return DEMO_ACTIVITIES, DEMO_TARGETS


def current_version_label() -> str:
    """A short label of the current data version, for footers and title pages."""
    return "demo"
