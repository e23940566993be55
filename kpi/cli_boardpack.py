"""CLI subcommand for the board pack."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Register the boardpack subcommand (none yet)."""
