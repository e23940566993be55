"""Interface texts: data in from the team's own exports (header rows, Dutch values, look-alikes, damage, files)."""

TEXTS: dict[str, dict[str, str]] = {
    "severity.info": {"nl": "Info", "en": "Note"},
    # Where the header is, hidden rows
    "err.header_row": {
        "nl": "De kopregel staat in rij {rows}; de rijen erboven (titel, lege regels) zijn overgeslagen.",
        "en": "The header is in row {rows}; the rows above it (title, blank lines) were skipped.",
    },
    "fix.header_row": {
        "nl": "Controleer of dit de juiste kopregel is.",
        "en": "Check that this is the right header.",
    },
    "err.hidden_rows": {
        "nl": "Blad '{sheet}' heeft {count} verborgen rij(en) (bijvoorbeeld door een filter): {rows}. Ze worden "
        "wel ingelezen.",
        "en": "Sheet '{sheet}' has {count} hidden row(s) (for instance by a filter): {rows}. They are read too.",
    },
    "fix.hidden_rows": {
        "nl": "Verwijder de rijen die niet mee mogen, of haal het filter weg en controleer ze.",
        "en": "Delete the rows that must not be imported, or clear the filter and check them.",
    },
    # Damaged workbooks
    "err.duplicate_part": {
        "nl": "De werkmap bevat het onderdeel '{part}' twee keer; welke versie geldt is niet te zeggen.",
        "en": "The workbook holds the part '{part}' twice; which one counts cannot be told.",
    },
    "fix.duplicate_part": {
        "nl": "Open het bestand in Excel of LibreOffice en sla het opnieuw op.",
        "en": "Open the file in Excel or LibreOffice and save it again.",
    },
    "err.cell_twice": {
        "nl": "Cel of rij {cell} op blad '{sheet}' is twee keer (of in de verkeerde volgorde) vastgelegd.",
        "en": "Cell or row {cell} on sheet '{sheet}' is defined twice (or out of order).",
    },
    "fix.cell_twice": {
        "nl": "Open het bestand in Excel of LibreOffice en sla het opnieuw op.",
        "en": "Open the file in Excel or LibreOffice and save it again.",
    },
    # Encodings and files
    "err.bad_encoding": {
        "nl": "Het bestand is geen geldige UTF-8 en ook geen aannemelijke Windows-1252-tekst (er staan "
        "stuurtekens of ongeldige tekens in).",
        "en": "The file is neither valid UTF-8 nor plausible Windows-1252 text (it holds control or undefined "
        "characters).",
    },
    "fix.bad_encoding": {
        "nl": "Open het in Excel en sla het opnieuw op als 'CSV UTF-8'.",
        "en": "Open it in Excel and save it again as 'CSV UTF-8'.",
    },
    "err.file_not_found": {"nl": "Het bestand bestaat niet.", "en": "The file does not exist."},
    "fix.file_not_found": {"nl": "Controleer de naam en de map.", "en": "Check the name and the folder."},
    "err.file_unreadable": {
        "nl": "Het bestand kan niet worden geopend ({reason}).",
        "en": "The file cannot be opened ({reason}).",
    },
    "fix.file_unreadable": {
        "nl": "Controleer of u het bestand mag lezen.",
        "en": "Check that you may read the file.",
    },
    "err.not_a_file_folder": {"nl": "Dit is een map, geen bestand.", "en": "This is a folder, not a file."},
    "err.not_a_file_pipe": {
        "nl": "Dit is een pipe, geen gewoon bestand; er wordt niet op gewacht.",
        "en": "This is a pipe, not a regular file; it is not waited for.",
    },
    "err.not_a_file_socket": {"nl": "Dit is een socket, geen bestand.", "en": "This is a socket, not a file."},
    "err.not_a_file_device": {
        "nl": "Dit is een apparaat (zoals /dev/zero), geen gewoon bestand.",
        "en": "This is a device (such as /dev/zero), not a regular file.",
    },
    **{
        f"fix.not_a_file_{what}": {
            "nl": "Geef een gewoon bestand op (.csv, .xlsx, .ods of .parquet).",
            "en": "Give a regular file (.csv, .xlsx, .ods or .parquet).",
        }
        for what in ("folder", "pipe", "socket", "device")
    },
    # Which kind of file
    "err.looks_like_activities": {
        "nl": "Dit lijkt een bestand met activiteiten, geen streefwaarden.",
        "en": "This looks like an activities file, not targets.",
    },
    "fix.looks_like_activities": {
        "nl": "Kies 'Activiteiten' als soort gegevens (CLI: --kind activities).",
        "en": "Choose 'Activities' as the kind of data (CLI: --kind activities).",
    },
    "err.looks_like_targets": {
        "nl": "Dit lijkt een bestand met streefwaarden, geen activiteiten.",
        "en": "This looks like a targets file, not activities.",
    },
    "fix.looks_like_targets": {
        "nl": "Kies 'Streefwaarden' als soort gegevens (CLI: --kind targets).",
        "en": "Choose 'Targets' as the kind of data (CLI: --kind targets).",
    },
    # Ids
    "err.id_as_number": {
        "nl": "Excel heeft dit id als getal opgeslagen en er cijfers van afgerond.",
        "en": "Excel stored this id as a number and rounded off digits.",
    },
    "fix.id_as_number": {
        "nl": "Maak de kolom in Excel op als Tekst vóór het plakken of exporteren (of exporteer opnieuw uit het "
        "CRM) en lees het bestand opnieuw in.",
        "en": "Format the column as Text in Excel before pasting or exporting (or export again from the CRM) and "
        "import the file again.",
    },
    "err.lookalike_id": {
        "nl": "Dit id lijkt op het id '{other}' in hetzelfde bestand (alleen hoofdletters of gelijkende tekens "
        "verschillen): het zou als tweede activiteit meetellen.",
        "en": "This id looks like the id '{other}' in the same file (only case or look-alike characters differ): "
        "it would count as a second activity.",
    },
    "fix.lookalike_id": {
        "nl": "Gebruik voor dezelfde activiteit precies hetzelfde id, en voor een andere een duidelijk ander id.",
        "en": "Use exactly the same id for the same activity, and a clearly different id for another one.",
    },
    "err.lookalike_in_store": {
        "nl": "Dit id lijkt op het opgeslagen id '{other}' (alleen hoofdletters of gelijkende tekens "
        "verschillen): het zou als tweede activiteit meetellen.",
        "en": "This id looks like the stored id '{other}' (only case or look-alike characters differ): it "
        "would count as a second activity.",
    },
    "fix.lookalike_in_store": {
        "nl": "Is het dezelfde activiteit, schrijf het id dan precies zoals het is opgeslagen ('{other}'), of kies in "
        "het formulier 'Activiteit corrigeren'; is het een andere, geef haar een duidelijk ander id.",
        "en": "If it is the same activity, write the id exactly as stored ('{other}'), or choose 'Correct an "
        "activity' in the form; if it is another one, give it a clearly different id.",
    },
    # Values
    "err.bad_yes_no": {
        "nl": "De waarde is geen Ja of Nee.",
        "en": "The value is not Yes or No (Ja/Nee).",
    },
    "fix.bad_yes_no": {"nl": "Vul Ja of Nee in.", "en": "Fill in Ja or Nee (yes or no)."},
    "err.dates_ambiguous": {
        "nl": "Deze datum is op twee manieren te lezen: dag-maand ({day_first}) of maand-dag ({month_first}), "
        "en geen datum in het bestand beslist het.",
        "en": "This date reads two ways: day-month ({day_first}) or month-day ({month_first}), and no date in "
        "the file decides it.",
    },
    "fix.dates_ambiguous": {
        "nl": "Bevestig de volgorde: in de wizard, of met --date-order dmy (dag eerst) of mdy in de CLI; of "
        "schrijf de datum als JJJJ-MM-DD.",
        "en": "Confirm the order: in the wizard, or with --date-order dmy (day first) or mdy in the CLI; or "
        "write the date as YYYY-MM-DD.",
    },
    "err.dates_month_first": {
        "nl": "Deze datum kan alleen maand-dag zijn ({month_first}), anders dan Nederlandse bestanden schrijven.",
        "en": "This date can only be month-day ({month_first}), unlike Dutch files write it.",
    },
    "fix.dates_month_first": {
        "nl": "Bevestig maand-dag met --date-order mdy (of in de wizard), of schrijf de datum als JJJJ-MM-DD.",
        "en": "Confirm month-day with --date-order mdy (or in the wizard), or write the date as YYYY-MM-DD.",
    },
    "err.dates_mixed_order": {
        "nl": "Het bestand mengt dag-maand en maand-dag: deze datum kan alleen maand-dag zijn ({month_first}), "
        "andere alleen dag-maand.",
        "en": "The file mixes day-month and month-day: this date can only be month-day ({month_first}), others "
        "only day-month.",
    },
    "fix.dates_mixed_order": {
        "nl": "Schrijf alle datums in één volgorde (liefst JJJJ-MM-DD), of bevestig er één met --date-order.",
        "en": "Write every date in one order (preferably YYYY-MM-DD), or confirm one with --date-order.",
    },
    # Mapping profiles
    "err.profile_column_missing": {
        "nl": "Deze kolom staat in het profiel maar niet in het bestand.",
        "en": "This column is in the profile but not in the file.",
    },
    "fix.profile_column_missing": {
        "nl": "Exporteer het bestand met dezelfde kolommen, of pas het profiel aan in de importwizard.",
        "en": "Export the file with the same columns, or adjust the profile in the import wizard.",
    },
    "err.profile_column_new": {
        "nl": "Deze kolom staat in het bestand maar niet in het profiel.",
        "en": "This column is in the file but not in the profile.",
    },
    "fix.profile_column_new": {
        "nl": "Exporteer het bestand met dezelfde kolommen, of pas het profiel aan in de importwizard.",
        "en": "Export the file with the same columns, or adjust the profile in the import wizard.",
    },
    "datain.cli.no_profile": {
        "nl": "Geen profiel '{name}' voor deze soort gegevens. Bekende profielen: {known}.",
        "en": "No profile '{name}' for this kind of data. Known profiles: {known}.",
    },
    "datain.cli.profile_saved": {
        "nl": "Profiel '{name}' opgeslagen als versie {version}.",
        "en": "Profile '{name}' saved as version {version}.",
    },
    # The import wizard
    "wizard.step.upload": {"nl": "1. Bestand", "en": "1. File"},
    "wizard.step.columns": {"nl": "2. Kolommen", "en": "2. Columns"},
    "wizard.step.values": {"nl": "3. Waarden", "en": "3. Values"},
    "wizard.step.reading": {"nl": "4. Datums en getallen", "en": "4. Dates and numbers"},
    "wizard.step.preview": {"nl": "5. Voorbeeld", "en": "5. Preview"},
    "wizard.step.save": {"nl": "6. Opslaan", "en": "6. Save"},
    "wizard.header_row": {
        "nl": "Kopregel gevonden in rij {rows}; {count} kolommen.",
        "en": "Header found in row {rows}; {count} columns.",
    },
    "wizard.profile": {"nl": "Koppelprofiel", "en": "Mapping profile"},
    "wizard.profile.none": {"nl": "Geen profiel", "en": "No profile"},
    "wizard.profile.label": {
        "nl": "{name} (versie {version}, {user})",
        "en": "{name} (version {version}, {user})",
    },
    "wizard.profile.matches": {
        "nl": "Profiel '{name}' past bij de kolommen van dit bestand en is toegepast.",
        "en": "Profile '{name}' fits this file's columns and has been applied.",
    },
    "wizard.profile.differs": {
        "nl": "De kolommen van dit bestand wijken af van profiel '{name}':",
        "en": "This file's columns differ from profile '{name}':",
    },
    "wizard.profile.change": {"nl": "Verschil", "en": "Difference"},
    "wizard.profile.missing": {"nl": "in het profiel, niet in het bestand", "en": "in the profile, not in the file"},
    "wizard.profile.new": {"nl": "in het bestand, niet in het profiel", "en": "in the file, not in the profile"},
    "wizard.profile.saved": {
        "nl": "Profiel '{name}' opgeslagen (versie {version}).",
        "en": "Profile '{name}' saved (version {version}).",
    },
    "wizard.save_profile": {
        "nl": "Keuzes bewaren als profiel (naam, optioneel)",
        "en": "Keep these choices as a profile (name, optional)",
    },
    "wizard.extra": {"nl": "(extra kolom, bewaren)", "en": "(extra column, keep)"},
    "wizard.columns.twice": {
        "nl": "Meer dan één kolom is gekoppeld aan: {fields}.",
        "en": "More than one column is mapped to: {fields}.",
    },
    "wizard.columns.missing": {
        "nl": "Geen kolom gekoppeld aan de verplichte velden: {fields}.",
        "en": "No column is mapped to the required fields: {fields}.",
    },
    "wizard.values.field": {"nl": "Waarden voor {field}", "en": "Values for {field}"},
    "wizard.values.keep": {"nl": "(laten zoals het is)", "en": "(leave as it is)"},
    "wizard.dates": {"nl": "Datums als 1-4-2018", "en": "Dates such as 1-4-2018"},
    "wizard.dates.auto": {
        "nl": "Automatisch (dag eerst als het bestand dat laat zien)",
        "en": "Automatic (day first when the file shows it)",
    },
    "wizard.dates.dmy": {"nl": "Dag-maand-jaar (1 april 2018)", "en": "Day-month-year (1 April 2018)"},
    "wizard.dates.mdy": {"nl": "Maand-dag-jaar (4 januari 2018)", "en": "Month-day-year (4 January 2018)"},
    "wizard.dates.confirm": {
        "nl": "Sommige datums zijn op twee manieren te lezen: kies de volgorde bij stap 4.",
        "en": "Some dates read two ways: choose the order in step 4.",
    },
    "wizard.numbers": {"nl": "Duizendtallen", "en": "Thousands"},
    "wizard.numbers.auto": {"nl": "Automatisch (uit het bestand)", "en": "Automatic (from the file)"},
    "wizard.numbers.nl": {"nl": "Nederlands: 1.200", "en": "Dutch: 1.200"},
    "wizard.numbers.en": {"nl": "Engels: 1,200", "en": "English: 1,200"},
    "wizard.kpis": {
        "nl": "KPI-tabel {year} voor en na deze import",
        "en": "KPI table {year} before and after this import",
    },
}
