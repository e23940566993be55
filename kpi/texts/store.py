"""Interface texts: store."""

TEXTS: dict[str, dict[str, str]] = {
}
