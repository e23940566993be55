"""Core texts: statuses, value labels, table headers and validation messages."""

from kpi.languages import LANGUAGES


def _heading(name: str) -> str:
    return name[:1].upper() + name[1:]


TEXTS: dict[str, dict[str, str]] = {
    # Page titles (navigation)
    "page.overview": {"nl": "Overzicht", "en": "Overview"},
    "page.missions": {"nl": "Missies", "en": "Missions"},
    "page.trends": {"nl": "Trends", "en": "Trends"},
    "page.services": {"nl": "Dienstverlening", "en": "Services"},
    "page.board": {"nl": "Bestuur", "en": "Board"},
    "page.presentation": {"nl": "Presentatie", "en": "Presentation"},
    "page.data": {"nl": "Gegevens", "en": "Data"},
    # Statuses (see kpi.targets for their definitions)
    "status.exceeded": {"nl": "Overtroffen", "en": "Exceeded"},
    "status.achieved": {"nl": "Behaald", "en": "Achieved"},
    "status.on_track": {"nl": "Op koers", "en": "On track"},
    "status.at_risk": {"nl": "Risico", "en": "At risk"},
    "status.behind": {"nl": "Achter", "en": "Behind"},
    "status.missed": {"nl": "Niet behaald", "en": "Missed"},
    "status.no_target": {"nl": "Geen doel", "en": "No target"},
    "target.undefined": {"nl": "niet gedefinieerd", "en": "not defined"},
    # Values
    "type.mission": {"nl": "Handelsmissie", "en": "Trade mission"},
    "type.info_meeting": {"nl": "Informatiebijeenkomst", "en": "Information meeting"},
    "type.company_visit": {"nl": "Bedrijfsbezoek", "en": "Company visit"},
    "type.partner_scan": {"nl": "Zakenpartner Scan", "en": "Business partner scan"},
    "type.service": {"nl": "Geregistreerde service", "en": "Registered service"},
    "direction.incoming": {"nl": "Inkomend", "en": "Incoming"},
    "direction.outgoing": {"nl": "Uitgaand", "en": "Outgoing"},
    "role.lead": {"nl": "Lead-partner", "en": "Lead partner"},
    "role.partner": {"nl": "Partner", "en": "Partner"},
    # Column labels
    "col.activity_id": {"nl": "Activiteit-id", "en": "Activity id"},
    "col.date": {"nl": "Datum", "en": "Date"},
    "col.activity_type": {"nl": "Soort activiteit", "en": "Activity type"},
    "col.title": {"nl": "Titel", "en": "Title"},
    "col.direction": {"nl": "Richting", "en": "Direction"},
    "col.role": {"nl": "Rol", "en": "Role"},
    "col.country": {"nl": "Land", "en": "Country"},
    "col.region": {"nl": "Regio", "en": "Region"},
    "col.city": {"nl": "Stad", "en": "City"},
    "col.theme": {"nl": "Thema", "en": "Theme"},
    "col.companies": {"nl": "Bedrijven", "en": "Companies"},
    "col.foreign_companies": {"nl": "Buitenlandse bedrijven", "en": "Foreign companies"},
    "col.matchmaking_meetings": {"nl": "Matchmaking-gesprekken", "en": "Matchmaking conversations"},
    "col.year": {"nl": "Jaar", "en": "Year"},
    "col.kpi": {"nl": "KPI", "en": "KPI"},
    "col.plan": {"nl": "Plan", "en": "Plan"},
    "col.start_year": {"nl": "Startjaar", "en": "Start year"},
    "col.end_year": {"nl": "Eindjaar", "en": "End year"},
    "col.target_min": {"nl": "Doel (min)", "en": "Target (min)"},
    "col.target_max": {"nl": "Doel (max)", "en": "Target (max)"},
    # The report's KPI table
    "table.kpi": {"nl": "KPI", "en": "KPI"},
    # Plan headers spell the plan names of the language table: MJP {period}, Multi-year plan {period}.
    "table.plan": {code: _heading(entry.multi_year_plan) + " {period}" for code, entry in LANGUAGES.items()},
    "table.annual": {code: _heading(entry.annual_plan) + " {year}" for code, entry in LANGUAGES.items()},
    "table.realized": {"nl": "Real {year}", "en": "Realised {year}"},
    "table.cumulative": {"nl": "Real cum. ({period})", "en": "Realised cum. ({period})"},
    "table.no_plan": {"nl": "geen plan", "en": "no plan"},
    # Validation: problem table headers
    "problem.row": {"nl": "Rij", "en": "Row"},
    "problem.column": {"nl": "Kolom", "en": "Column"},
    "problem.value": {"nl": "Waarde", "en": "Value"},
    "problem.issue": {"nl": "Wat is er mis", "en": "What is wrong"},
    "problem.fix": {"nl": "Wat te doen", "en": "What to do"},
    "problem.severity": {"nl": "Soort", "en": "Kind"},
    "severity.error": {"nl": "Fout", "en": "Error"},
    "severity.warning": {"nl": "Waarschuwing", "en": "Warning"},
    "problem.header": {
        "nl": "Het bestand {name} is niet ingelezen: {count} probleem/problemen gevonden. Er is niets gewijzigd.",
        "en": "The file {name} was not read: {count} problem(s) found. Nothing was changed.",
    },
    "problem.line": {
        "nl": "rij {row}, kolom {column}, waarde {value!r}: {issue} {fix}",
        "en": "row {row}, column {column}, value {value!r}: {issue} {fix}",
    },
    "problem.line_file": {"nl": "{issue} {fix}", "en": "{issue} {fix}"},
    "problem.more": {"nl": "... en nog {count} problemen.", "en": "... and {count} more problems."},
    # Validation messages: err.<code> is what is wrong, fix.<code> what to do.
    "err.empty_file": {"nl": "Het bestand is leeg.", "en": "The file is empty."},
    "fix.empty_file": {
        "nl": "Kies het juiste bestand, met een kopregel en minstens één rij.",
        "en": "Choose the right file, with a header row and at least one row.",
    },
    "err.no_rows": {
        "nl": "Het bestand heeft alleen een kopregel en geen gegevens.",
        "en": "The file has a header row but no data.",
    },
    "fix.no_rows": {
        "nl": "Voeg minstens één rij toe onder de kopregel.",
        "en": "Add at least one row below the header.",
    },
    "err.not_text": {
        "nl": "Het bestand is geen leesbare tekst (CSV) of is beschadigd.",
        "en": "The file is not readable text (CSV) or is damaged.",
    },
    "fix.not_text": {
        "nl": "Sla het in Excel op als CSV (puntkomma of komma gescheiden), XLSX of Parquet.",
        "en": "Save it from Excel as CSV (semicolon or comma separated), XLSX or Parquet.",
    },
    "err.bad_workbook": {
        "nl": "Het Excel-bestand kan niet worden geopend (beschadigd of onvolledig).",
        "en": "The Excel file cannot be opened (damaged or incomplete).",
    },
    "fix.bad_workbook": {
        "nl": "Open het in Excel, sla het opnieuw op als .xlsx en probeer het nog eens.",
        "en": "Open it in Excel, save it again as .xlsx and try again.",
    },
    "err.bad_parquet": {"nl": "Het Parquet-bestand kan niet worden gelezen.", "en": "The Parquet file cannot be read."},
    "fix.bad_parquet": {
        "nl": "Exporteer het bestand opnieuw uit het bronsysteem.",
        "en": "Export the file again from the source system.",
    },
    "err.unknown_format": {"nl": "Onbekend bestandstype {suffix!r}.", "en": "Unknown file type {suffix!r}."},
    "fix.unknown_format": {"nl": "Gebruik .csv, .xlsx, .ods of .parquet.", "en": "Use .csv, .xlsx, .ods or .parquet."},
    "err.too_large": {
        "nl": "Het bestand is {size} MB; de grens is {limit} MB.",
        "en": "The file is {size} MB; the limit is {limit} MB.",
    },
    "fix.too_large": {
        "nl": "Splits het bestand of laat oude jaren weg.",
        "en": "Split the file or leave out old years.",
    },
    "err.one_column": {
        "nl": "Alle gegevens staan in één kolom: het scheidingsteken is niet herkend.",
        "en": "All data is in one column: the separator was not recognised.",
    },
    "fix.one_column": {
        "nl": "Gebruik puntkomma (;), komma (,) of tab als scheidingsteken.",
        "en": "Use semicolon (;), comma (,) or tab as the separator.",
    },
    "err.missing_column": {"nl": "De verplichte kolom ontbreekt.", "en": "The required column is missing."},
    "fix.missing_column": {
        "nl": "Voeg een kolom {column!r} toe (zie het gegevenscontract).",
        "en": "Add a column {column!r} (see the data contract).",
    },
    "err.duplicate_column": {"nl": "De kolom komt twee keer voor.", "en": "The column appears twice."},
    "fix.duplicate_column": {"nl": "Houd één kolom met deze naam over.", "en": "Keep one column with this name."},
    "err.required": {"nl": "Verplicht veld is leeg.", "en": "A required field is empty."},
    "fix.required": {"nl": "Vul een waarde in.", "en": "Fill in a value."},
    "err.bad_date": {"nl": "Geen geldige datum.", "en": "Not a valid date."},
    "fix.bad_date": {
        "nl": "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2018-03-15.",
        "en": "Write the date as YYYY-MM-DD, for example 2018-03-15.",
    },
    "err.bad_count": {"nl": "Geen geheel getal van 0 of meer.", "en": "Not a whole number of 0 or more."},
    "fix.bad_count": {
        "nl": "Vul een geheel getal in (0, 1, 2, ...) of laat het veld leeg.",
        "en": "Enter a whole number (0, 1, 2, ...) or leave it empty.",
    },
    "err.bad_year": {"nl": "Geen geldig jaartal.", "en": "Not a valid year."},
    "fix.bad_year": {"nl": "Vul een jaartal in, bijvoorbeeld 2018.", "en": "Enter a year, for example 2018."},
    "err.bad_activity_type": {"nl": "Onbekende soort activiteit.", "en": "Unknown activity type."},
    "fix.bad_activity_type": {"nl": "Gebruik een van: {allowed}.", "en": "Use one of: {allowed}."},
    "err.bad_direction": {"nl": "Onbekende richting.", "en": "Unknown direction."},
    "fix.bad_direction": {"nl": "Gebruik incoming of outgoing.", "en": "Use incoming or outgoing."},
    "err.bad_role": {"nl": "Onbekende rol.", "en": "Unknown role."},
    "fix.bad_role": {"nl": "Gebruik lead of partner.", "en": "Use lead or partner."},
    "err.bad_country": {"nl": "Onbekende landcode.", "en": "Unknown country code."},
    "fix.bad_country": {
        "nl": "Gebruik een ISO-landcode van twee letters, zoals CN, DE of US.",
        "en": "Use a two-letter ISO country code such as CN, DE or US.",
    },
    "err.duplicate_id": {
        "nl": "Deze activiteit-id komt meer dan eens voor.",
        "en": "This activity id appears more than once.",
    },
    "fix.duplicate_id": {"nl": "Geef elke activiteit een eigen id.", "en": "Give every activity its own id."},
    "err.mission_needs_direction": {"nl": "Een missie heeft een richting nodig.", "en": "A mission needs a direction."},
    "fix.mission_needs_direction": {"nl": "Vul incoming of outgoing in.", "en": "Fill in incoming or outgoing."},
    "err.mission_needs_role": {"nl": "Een missie heeft een rol nodig.", "en": "A mission needs a role."},
    "fix.mission_needs_role": {"nl": "Vul lead of partner in.", "en": "Fill in lead or partner."},
    "err.mission_needs_country": {
        "nl": "Een missie heeft een buitenlands land nodig.",
        "en": "A mission needs a foreign country.",
    },
    "fix.mission_needs_country": {
        "nl": "Vul de landcode in van het land waarmee de missie te maken heeft.",
        "en": "Fill in the code of the country the mission involves.",
    },
    "err.direction_not_mission": {"nl": "Alleen missies hebben een richting.", "en": "Only missions have a direction."},
    "fix.direction_not_mission": {
        "nl": "Maak dit veld leeg, of zet de soort op mission.",
        "en": "Empty this field, or set the type to mission.",
    },
    "err.role_not_mission": {"nl": "Alleen missies hebben een rol.", "en": "Only missions have a role."},
    "fix.role_not_mission": {
        "nl": "Maak dit veld leeg, of zet de soort op mission.",
        "en": "Empty this field, or set the type to mission.",
    },
    "err.formula_like": {
        "nl": "De tekst begint met een teken dat een spreadsheet als formule kan uitvoeren.",
        "en": "The text starts with a character a spreadsheet may run as a formula.",
    },
    "fix.formula_like": {
        "nl": "Controleer de tekst; bij export wordt er een ' voor gezet.",
        "en": "Check the text; exports will prefix it with '.",
    },
    "err.bad_kpi": {"nl": "Onbekende KPI.", "en": "Unknown KPI."},
    "fix.bad_kpi": {"nl": "Gebruik een van: {allowed}.", "en": "Use one of: {allowed}."},
    "err.end_before_start": {
        "nl": "Het eindjaar ligt voor het startjaar.",
        "en": "The end year is before the start year.",
    },
    "fix.end_before_start": {
        "nl": "Zet het eindjaar gelijk aan of na het startjaar.",
        "en": "Make the end year equal to or after the start year.",
    },
    "err.max_below_min": {"nl": "Het maximum is kleiner dan het minimum.", "en": "The maximum is below the minimum."},
    "fix.max_below_min": {
        "nl": "Maak target_max gelijk aan of groter dan target_min, of laat het leeg.",
        "en": "Make target_max at least target_min, or leave it empty.",
    },
    "err.max_without_min": {"nl": "Er is een maximum maar geen minimum.", "en": "There is a maximum but no minimum."},
    "fix.max_without_min": {
        "nl": "Vul ook target_min in, of maak target_max leeg.",
        "en": "Fill in target_min too, or empty target_max.",
    },
    "err.duplicate_target": {
        "nl": "Deze KPI staat twee keer in hetzelfde plan.",
        "en": "This KPI appears twice in the same plan.",
    },
    "fix.duplicate_target": {"nl": "Houd één rij per KPI per plan over.", "en": "Keep one row per KPI per plan."},
    "err.plan_period_mismatch": {
        "nl": "Dit plan heeft in andere rijen een andere looptijd.",
        "en": "This plan has a different period in other rows.",
    },
    "fix.plan_period_mismatch": {
        "nl": "Geef alle rijen van een plan hetzelfde start- en eindjaar.",
        "en": "Give all rows of a plan the same start and end year.",
    },
    "err.duplicate_in_store": {
        "nl": "Deze activiteit-id bestaat al in de huidige gegevens.",
        "en": "This activity id already exists in the current data.",
    },
    "fix.duplicate_in_store": {
        "nl": "Geef de activiteit een nieuwe id, of kies 'toevoegen en bijwerken' om de "
        "bestaande activiteit bij te werken.",
        "en": "Give the activity a new id, or choose 'add and update' to update the existing activity.",
    },
    "err.stale_version": {
        "nl": "De gegevens zijn intussen gewijzigd: u werkte op {based_on}, de huidige versie "
        "is {current}. Er is niets opgeslagen.",
        "en": "The data changed in the meantime: you worked on {based_on}, the current version "
        "is {current}. Nothing was saved.",
    },
    "fix.stale_version": {
        "nl": "Bekijk de nieuwe versie en voer uw wijziging opnieuw uit.",
        "en": "Look at the new version and make your change again.",
    },
    "err.mixed_encoding": {
        "nl": "Het bestand mengt twee tekencoderingen (UTF-8 en Windows-1252): letters als "
        "é en ü zouden verminkt worden.",
        "en": "The file mixes two text encodings (UTF-8 and Windows-1252): letters such as é and ü would be garbled.",
    },
    "fix.mixed_encoding": {
        "nl": "Open het in Excel en sla het opnieuw op als 'CSV UTF-8'.",
        "en": "Open it in Excel and save it again as 'CSV UTF-8'.",
    },
    "err.extra_fields": {
        "nl": "Deze rij heeft meer cellen dan de kopregel kolommen heeft.",
        "en": "This row has more cells than the header has columns.",
    },
    "fix.extra_fields": {
        "nl": "Zoek een scheidingsteken te veel, of zet tekst met ; of , tussen dubbele aanhalingstekens.",
        "en": "Look for an extra separator, or put text containing ; or , between double quotes.",
    },
}
