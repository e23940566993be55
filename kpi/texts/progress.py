"""Interface texts: progress."""

TEXTS: dict[str, dict[str, str]] = {
}
