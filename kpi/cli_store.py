"""CLI subcommands for the data store (import, versions, rollback)."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Register the store subcommands (none yet)."""
