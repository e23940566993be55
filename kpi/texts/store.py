"""Interface texts: the store (recovery, full disk, read-only, busy, PostgreSQL, migrate and verify)."""

_RECOVERED_NL = (
    "{version} is weer de huidige versie: de nieuwste versie waarvan de controlesommen kloppen. "
    "Alle {count} versies zijn bewaard."
)
_RECOVERED_EN = "{version} is current again: the newest version whose checksums verify. All {count} versions were kept."
_RECOVERED_FIX = {
    "nl": "Kijk in de geschiedenis of dit de versie is die u verwacht; zo niet, zet een andere terug.",
    "en": "Check in the history that this is the version you expect; if not, roll back to another.",
}

TEXTS: dict[str, dict[str, str]] = {
    "err.store_recovered_missing": {
        "nl": "De verwijzing naar de huidige versie ontbrak. " + _RECOVERED_NL,
        "en": "The pointer to the current version was missing. " + _RECOVERED_EN,
    },
    "fix.store_recovered_missing": _RECOVERED_FIX,
    "err.store_recovered_unreadable": {
        "nl": "De verwijzing naar de huidige versie was onleesbaar. " + _RECOVERED_NL,
        "en": "The pointer to the current version was unreadable. " + _RECOVERED_EN,
    },
    "fix.store_recovered_unreadable": _RECOVERED_FIX,
    "err.store_recovered_missing_version": {
        "nl": "De verwijzing naar de huidige versie noemde een versie die niet bestaat. " + _RECOVERED_NL,
        "en": "The pointer to the current version named a version that does not exist. " + _RECOVERED_EN,
    },
    "fix.store_recovered_missing_version": _RECOVERED_FIX,
    "err.store_unrecoverable": {
        "nl": "De opslag in {location} is beschadigd: de verwijzing naar de huidige versie klopt niet en geen van "
        "de {count} versies heeft kloppende controlesommen. Er is niets gewijzigd of verwijderd.",
        "en": "The store in {location} is damaged: the pointer to the current version is wrong and none of its "
        "{count} versions has matching checksums. Nothing was changed or deleted.",
    },
    "fix.store_unrecoverable": {
        "nl": "Zet een reservekopie van de map terug of vraag de beheerder om hulp.",
        "en": "Restore a backup of the folder or ask the administrator for help.",
    },
    "err.store_pointer_orphan": {
        "nl": "De opslag in {location} verwijst naar versie {pointer!r}, maar bevat geen enkele versie. "
        "Er is niets aangemaakt.",
        "en": "The store in {location} points to version {pointer!r} but holds no versions at all. "
        "Nothing was created.",
    },
    "fix.store_pointer_orphan": {
        "nl": "Zet de map versions/ terug uit een reservekopie, of verwijder het bestand 'current' om opnieuw te "
        "beginnen met de demogegevens.",
        "en": "Restore the versions/ folder from a backup, or delete the file 'current' to start afresh from the "
        "demo data.",
    },
    "err.store_full": {
        "nl": "De schijf van de opslag ({location}) is vol. Er is niets opgeslagen.",
        "en": "The store's disk ({location}) is full. Nothing was saved.",
    },
    "fix.store_full": {
        "nl": "Maak ruimte vrij op de schijf en probeer het opnieuw.",
        "en": "Free some disk space and try again.",
    },
    "err.store_read_only": {
        "nl": "In de opslag ({location}) kan niet worden geschreven (alleen-lezen of geen "
        "rechten). Er is niets opgeslagen.",
        "en": "The store ({location}) cannot be written to (read-only or no permission). Nothing was saved.",
    },
    "fix.store_read_only": {
        "nl": "Vraag de beheerder om schrijfrechten op de opslag.",
        "en": "Ask the administrator for write access to the store.",
    },
    "err.store_busy": {
        "nl": "De opslag ({location}) was {seconds} seconden bezet door een andere opslagactie. "
        "Er is niets opgeslagen.",
        "en": "The store ({location}) was busy with another save for {seconds} seconds. Nothing was saved.",
    },
    "fix.store_busy": {"nl": "Probeer het over een paar minuten opnieuw.", "en": "Try again in a few minutes."},
    "err.store_write_failed": {
        "nl": "Opslaan in {location} is mislukt: {reason}. Er is niets opgeslagen.",
        "en": "Saving to {location} failed: {reason}. Nothing was saved.",
    },
    "fix.store_write_failed": {
        "nl": "Probeer het opnieuw; blijft het mislukken, vraag de beheerder om hulp.",
        "en": "Try again; if it keeps failing, ask the administrator for help.",
    },
    "err.store_unreachable": {
        "nl": "De database {location} is niet bereikbaar ({reason}). Er is niets gewijzigd.",
        "en": "The database {location} cannot be reached ({reason}). Nothing was changed.",
    },
    "fix.store_unreachable": {
        "nl": "Controleer de instelling KPI_STORE en of de databaseserver draait.",
        "en": "Check the KPI_STORE setting and that the database server is running.",
    },
    "err.store_version_damaged": {
        "nl": "Versie {version} klopt niet met haar controlesommen. Er is niets gewijzigd.",
        "en": "Version {version} does not match its checksums. Nothing was changed.",
    },
    "fix.store_version_damaged": {
        "nl": "Kies een andere versie, of zet een reservekopie terug.",
        "en": "Pick another version, or restore a backup.",
    },
    "err.store_dry_run": {
        "nl": "Proefdraaien: er wordt niets opgeslagen in {location}.",
        "en": "Dry run: nothing is saved to {location}.",
    },
    "fix.store_dry_run": {"nl": "Laat --dry-run weg om op te slaan.", "en": "Leave out --dry-run to save."},
    "err.store_unknown_scheme": {
        "nl": "Onbekend soort opslag {location}: alleen een map of een postgresql://-adres.",
        "en": "Unknown kind of store {location}: only a folder or a postgresql:// URL.",
    },
    "fix.store_unknown_scheme": {
        "nl": "Geef een map of een postgresql://-adres op.",
        "en": "Give a folder or a postgresql:// URL.",
    },
    "err.store_target_differs": {
        "nl": "Het doel {location} heeft al een andere {version}. Er is niets gekopieerd.",
        "en": "The target {location} already holds a different {version}. Nothing was copied.",
    },
    "err.store_no_version": {
        "nl": "Er is geen versie {version} in {location}: het bestuurspakket is niet vastgelegd.",
        "en": "There is no version {version} in {location}: the board pack was not recorded.",
    },
    "fix.store_no_version": {
        "nl": "Bouw het pakket opnieuw uit de huidige versie.",
        "en": "Build the pack again from the current version.",
    },
    "fix.store_target_differs": {"nl": "Migreer naar een lege database.", "en": "Migrate into an empty database."},
    # Command line: migrate and verify
    "cli.store.copied": {"nl": "{version} gekopieerd ({checksum}).", "en": "{version} copied ({checksum})."},
    "cli.store.present": {
        "nl": "{version} was er al, gelijk ({checksum}).",
        "en": "{version} already present, identical ({checksum}).",
    },
    "cli.store.migrated": {
        "nl": "{count} versies in {target}; de huidige is {version}.",
        "en": "{count} versions in {target}; the current one is {version}.",
    },
    "cli.store.verify_ok": {"nl": "{version} in orde ({checksum}).", "en": "{version} OK ({checksum})."},
    "cli.store.verify_bad": {
        "nl": "{version} BESCHADIGD: de bestanden kloppen niet met het manifest.",
        "en": "{version} DAMAGED: the files do not match the manifest.",
    },
    "cli.store.verify_summary": {
        "nl": "{good} van {count} versies in orde in {location}.",
        "en": "{good} of {count} versions OK in {location}.",
    },
    "cli.store.empty": {"nl": "Nog geen versies in {location}.", "en": "No versions yet in {location}."},
    # The explicit first-start step (`python -m kpi store seed-demo`)
    "cli.store.seeded": {
        "nl": "{version} opgeslagen uit de demogegevens in {location}.",
        "en": "{version} saved from the demo data in {location}.",
    },
    "cli.store.seed_present": {
        "nl": "{location} heeft al gegevens; de huidige versie is {version}. Er is niets opgeslagen.",
        "en": "{location} already holds data; the current version is {version}. Nothing was saved.",
    },
}
