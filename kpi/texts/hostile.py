"""Interface texts: hostile."""

TEXTS: dict[str, dict[str, str]] = {
}
