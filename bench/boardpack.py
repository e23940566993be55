"""Benchmark part 'boardpack' (not written yet)."""


def main() -> None:
    """Print this part's figures."""
    print("not measured yet")
