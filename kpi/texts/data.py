"""Interface texts for the data part of the product: key -> {"nl": ..., "en": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    # Command line
    "cli.change": {"nl": "Wijziging: {added} toegevoegd, {changed} gewijzigd, {removed} verwijderd, "
                         "{unchanged} ongewijzigd.",
                   "en": "Change: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged."},
    "cli.dry_run": {"nl": "Proefdraaien: er is niets opgeslagen.", "en": "Dry run: nothing was saved."},
    "cli.saved": {"nl": "Opgeslagen als versie {version}.", "en": "Saved as version {version}."},
    "cli.no_store": {"nl": "Nog geen opgeslagen gegevens in {path}.", "en": "No saved data yet in {path}."},
    "cli.no_such_version": {"nl": "Versie {version!r} bestaat niet.", "en": "Version {version!r} does not exist."},
}
