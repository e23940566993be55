"""`python -m bench [part ...] [--option ...]`: run the benchmark parts in order and print their figures (each part
reads the options it knows from the command line)."""

from __future__ import annotations

import importlib
import sys

PARTS: tuple[str, ...] = ("core", "app", "store", "boardpack", "annual", "floor", "load")
DEFAULT_PARTS: tuple[str, ...] = PARTS[:-1]  # `load` runs about 35 minutes: only when named


def main(argv: list[str]) -> int:
    """Run the named parts (default: every part but `load`)."""
    names = []
    for arg in argv:  # part names come first; the options after them are the parts' own
        if arg.startswith("-"):
            break
        names.append(arg)
    for part in names or DEFAULT_PARTS:
        module = importlib.import_module(f"bench.{part}")
        print(f"\n=== bench.{part} ===", flush=True)
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
