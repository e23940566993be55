"""Benchmark part 'store' (not written yet)."""


def main() -> None:
    """Print this part's figures."""
    print("not measured yet")
