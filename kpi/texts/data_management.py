"""Interface texts for the data part of the product: key -> {"nl": ..., "en": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    # Command line
    "cli.change": {
        "nl": "Wijziging: {added} toegevoegd, {changed} gewijzigd, {removed} verwijderd, {unchanged} ongewijzigd.",
        "en": "Change: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged.",
    },
    "cli.dry_run": {"nl": "Proefdraaien: er is niets opgeslagen.", "en": "Dry run: nothing was saved."},
    "cli.saved": {"nl": "Opgeslagen als versie {version}.", "en": "Saved as version {version}."},
    "cli.no_store": {"nl": "Nog geen opgeslagen gegevens in {path}.", "en": "No saved data yet in {path}."},
    "cli.no_such_version": {"nl": "Versie {version!r} bestaat niet.", "en": "Version {version!r} does not exist."},
}

TEXTS |= {
    "data.title": {"nl": "Gegevens", "en": "Data"},
    "data.caption": {
        "nl": "Huidige versie: {version} ({rows} activiteiten, {targets} doelen). Elke wijziging wordt "
        "een nieuwe versie; niets gaat verloren.",
        "en": "Current version: {version} ({rows} activities, {targets} targets). Every change becomes "
        "a new version; nothing is lost.",
    },
    "data.tab.import": {"nl": "Importeren", "en": "Import"},
    "data.tab.history": {"nl": "Geschiedenis", "en": "History"},
    "data.tab.commentary": {"nl": "Toelichting", "en": "Commentary"},
    # Import
    "data.kind": {"nl": "Wat importeert u?", "en": "What are you importing?"},
    "data.kind.activities": {"nl": "Activiteiten", "en": "Activities"},
    "data.kind.targets": {"nl": "Doelen", "en": "Targets"},
    "data.mode": {"nl": "Hoe verwerken?", "en": "How to apply it?"},
    "data.mode.update": {"nl": "Toevoegen en bijwerken", "en": "Add and update"},
    "data.mode.replace": {"nl": "Alles vervangen", "en": "Replace all"},
    "data.mode.add": {"nl": "Alleen toevoegen", "en": "Add only"},
    "data.mode.help": {
        "nl": "Toevoegen en bijwerken: nieuwe id's worden toegevoegd, bestaande bijgewerkt, de rest "
        "blijft. Alles vervangen: het bestand wordt de hele tabel. Alleen toevoegen: een id die "
        "al bestaat is een fout.",
        "en": "Add and update: new ids are added, existing ones updated, the rest stays. Replace all: "
        "the file becomes the whole table. Add only: an id that already exists is an error.",
    },
    "data.upload": {
        "nl": "Bestand (CSV, XLSX, ODS of Parquet, tot {limit} MB)",
        "en": "File (CSV, XLSX, ODS or Parquet, up to {limit} MB)",
    },
    "data.problems": {"nl": "Alle problemen", "en": "All problems"},
    "data.problems.download": {"nl": "Problemen downloaden (CSV)", "en": "Download problems (CSV)"},
    "data.warnings": {
        "nl": "{count} waarschuwing(en): het bestand kan wel worden ingelezen.",
        "en": "{count} warning(s): the file can still be imported.",
    },
    "data.preview": {
        "nl": "Voorbeeld van de wijziging ten opzichte van {version}",
        "en": "Preview of the change against {version}",
    },
    "data.added": {"nl": "Toegevoegd", "en": "Added"},
    "data.changed": {"nl": "Gewijzigd", "en": "Changed"},
    "data.removed": {"nl": "Verwijderd", "en": "Removed"},
    "data.unchanged": {"nl": "Ongewijzigd", "en": "Unchanged"},
    "data.changed_columns": {"nl": "Gewijzigde kolommen", "en": "Changed columns"},
    "data.before": {"nl": "Oude waarden", "en": "Old values"},
    "data.shown": {"nl": "De eerste {shown} van {count} rijen.", "en": "The first {shown} of {count} rows."},
    "data.no_change": {
        "nl": "Dit bestand verandert niets aan de huidige gegevens.",
        "en": "This file changes nothing in the current data.",
    },
    "data.confirm": {"nl": "Bevestigen en opslaan", "en": "Confirm and save"},
    "data.saved": {
        "nl": "Opgeslagen als versie {version}. Het dashboard toont nu deze gegevens.",
        "en": "Saved as version {version}. The dashboard now shows this data.",
    },
    # History
    "data.version": {"nl": "Versie", "en": "Version"},
    "data.created": {"nl": "Tijdstip (UTC)", "en": "Time (UTC)"},
    "data.user": {"nl": "Door", "en": "By"},
    "data.email": {"nl": "E-mail", "en": "E-mail"},
    "data.action": {"nl": "Actie", "en": "Action"},
    "data.source": {"nl": "Bron", "en": "Source"},
    "data.description": {"nl": "Omschrijving", "en": "Description"},
    "data.rows": {"nl": "Rijen (act./doelen/toel.)", "en": "Rows (act./targets/comm.)"},
    "data.checksum": {"nl": "Controlegetal", "en": "Checksum"},
    "data.current": {"nl": "huidig", "en": "current"},
    "data.pick_version": {"nl": "Versie bekijken", "en": "Look at version"},
    "data.history.none": {
        "nl": "Er is nog geen versie opgeslagen: dit zijn de voorbeeldgegevens. De eerste import of wijziging wordt "
        "versie 1.",
        "en": "No version has been saved yet: this is the demo data. The first import or change becomes version 1.",
    },
    "data.diff_previous": {
        "nl": "Verschil met de vorige versie ({version})",
        "en": "Difference from the previous version ({version})",
    },
    "data.first_version": {"nl": "Dit is de eerste versie.", "en": "This is the first version."},
    "data.downloads": {"nl": "{version} downloaden", "en": "Download {version}"},
    "data.download": {"nl": "{table} · {fmt}", "en": "{table} · {fmt}"},
    "data.rollback": {"nl": "Terugzetten naar {version}", "en": "Roll back to {version}"},
    "data.rollback_help": {
        "nl": "Maakt een nieuwe versie met de gegevens van {version}; de geschiedenis blijft.",
        "en": "Creates a new version with the data of {version}; the history is kept.",
    },
    "data.is_current": {"nl": "Dit is de huidige versie.", "en": "This is the current version."},
    "action.init": {"nl": "start (demo)", "en": "start (demo)"},
    "action.import": {"nl": "import", "en": "import"},
    "action.edit": {"nl": "bewerking", "en": "edit"},
    "action.rollback": {"nl": "terugzetting", "en": "roll-back"},
    "action.commentary": {"nl": "toelichting", "en": "commentary"},
    # Commentary
    "data.comment.year": {"nl": "Jaar", "en": "Year"},
    "data.comment.in": {"nl": "Toelichting ({language})", "en": "Commentary ({language})"},
    "data.comment.save": {"nl": "Toelichting opslaan", "en": "Save commentary"},
    "data.comment.help": {
        "nl": "Het verhaal achter de cijfers; het staat op het overzicht naast de KPI.",
        "en": "The story behind the numbers; it shows on the Overview beside the KPI.",
    },
    "data.compare.title": {
        "nl": "KPI-tabel: verschil tussen twee versies",
        "en": "KPI table: difference between two versions",
    },
    "data.compare.before": {"nl": "Eerdere versie", "en": "Earlier version"},
    "data.compare.after": {"nl": "Latere versie", "en": "Later version"},
    "data.compare.year": {"nl": "Jaar", "en": "Year"},
}
