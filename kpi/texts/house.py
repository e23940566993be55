"""Interface texts: the store's explicit first-start step (`python -m kpi store seed-demo`)."""

TEXTS: dict[str, dict[str, str]] = {
    "cli.store.seeded": {
        "nl": "{version} opgeslagen uit de demogegevens in {location}.",
        "en": "{version} saved from the demo data in {location}.",
    },
    "cli.store.seed_present": {
        "nl": "{location} heeft al gegevens; de huidige versie is {version}. Er is niets opgeslagen.",
        "en": "{location} already holds data; the current version is {version}. Nothing was saved.",
    },
}
