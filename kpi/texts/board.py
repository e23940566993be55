"""Interface texts for the board part of the product: key -> {"nl": ..., "en": ...}."""

TEXTS: dict[str, dict[str, str]] = {}
