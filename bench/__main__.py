"""`python -m bench [part ...]`: run the benchmark parts in order and print their figures."""

from __future__ import annotations

import importlib
import sys

PARTS: tuple[str, ...] = ("core", "app", "store", "boardpack")


def main(argv: list[str]) -> int:
    """Run the named parts (default: all)."""
    for part in argv or PARTS:
        module = importlib.import_module(f"bench.{part}")
        print(f"\n=== bench.{part} ===", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
