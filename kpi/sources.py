"""How the data version behind a document is named on it."""

from __future__ import annotations

from kpi.store import DEMO_VERSION, Manifest


def version_label(manifest: Manifest | None) -> str:
    """A short label of a data version for footers and title pages, e.g. `v3 · 2026-11-28` (`demo` without one)."""
    if manifest is None or manifest.version == DEMO_VERSION:
        return "demo"
    return f"{manifest.label} · {manifest.created[:10]}"
