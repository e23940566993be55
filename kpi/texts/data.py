"""Interface texts for the data part of the product: key -> {"nl": ..., "en": ...}."""

TEXTS: dict[str, dict[str, str]] = {}
