"""Interface texts: hostile and careless files (limits, unreadable parts, implausible values)."""

TEXTS: dict[str, dict[str, str]] = {
    # Limits checked before parsing (kpi/limits.py)
    "err.too_many_rows": {
        "nl": "Het bestand heeft {count} rijen; de grens is {limit}.",
        "en": "The file has {count} rows; the limit is {limit}.",
    },
    "fix.too_many_rows": {
        "nl": "Splits het bestand, of laat oude jaren weg.",
        "en": "Split the file, or leave out old years.",
    },
    "err.too_many_columns": {
        "nl": "Het bestand heeft {count} kolommen; de grens is {limit}.",
        "en": "The file has {count} columns; the limit is {limit}.",
    },
    "fix.too_many_columns": {
        "nl": "Houd alleen de kolommen van het gegevenscontract en een paar eigen kolommen over.",
        "en": "Keep only the data contract's columns and a few of your own.",
    },
    "err.too_many_cells": {
        "nl": "Het bestand heeft {count} cellen (rijen x kolommen); de grens is {limit}.",
        "en": "The file has {count} cells (rows x columns); the limit is {limit}.",
    },
    "fix.too_many_cells": {
        "nl": "Laat kolommen weg die niet in het gegevenscontract staan, of splits het bestand.",
        "en": "Leave out columns that are not in the data contract, or split the file.",
    },
    "err.unclosed_quote": {
        "nl": 'Een aanhalingsteken (") wordt niet gesloten: de rest van het bestand zou één cel worden.',
        "en": 'A quotation mark (") is never closed: the rest of the file would become one cell.',
    },
    "fix.unclosed_quote": {
        "nl": 'Zoek de cel met een losse " en verwijder hem of sluit hem af.',
        "en": 'Find the cell with a stray " and remove or close it.',
    },
    "err.line_too_long": {
        "nl": "Een regel van het bestand is langer dan {limit} MB.",
        "en": "A line of the file is longer than {limit} MB.",
    },
    "fix.line_too_long": {
        "nl": "Controleer of het echt een CSV-bestand met één activiteit per regel is.",
        "en": "Check that it really is a CSV file with one activity per line.",
    },
    "err.cell_too_long": {
        "nl": "De cel heeft {count} tekens; de grens is {limit}.",
        "en": "The cell has {count} characters; the limit is {limit}.",
    },
    "fix.cell_too_long": {"nl": "Kort de tekst in.", "en": "Shorten the text."},
    "err.too_large_unpacked": {
        "nl": "Uitgepakt is het bestand groter dan {limit} MB.",
        "en": "Unpacked, the file is larger than {limit} MB.",
    },
    "fix.too_large_unpacked": {
        "nl": "Splits het bestand, of exporteer alleen de kolommen van het gegevenscontract.",
        "en": "Split the file, or export only the data contract's columns.",
    },
    "err.parquet_footer_too_large": {
        "nl": "De metagegevens van het Parquet-bestand zijn groter dan {limit} MB.",
        "en": "The Parquet file's metadata is larger than {limit} MB.",
    },
    "fix.parquet_footer_too_large": {
        "nl": "Exporteer het bestand opnieuw met grotere row groups (standaardinstellingen).",
        "en": "Export the file again with larger row groups (default settings).",
    },
    "err.too_many_row_groups": {
        "nl": "Het Parquet-bestand heeft {count} row groups; de grens is {limit}.",
        "en": "The Parquet file has {count} row groups; the limit is {limit}.",
    },
    "fix.too_many_row_groups": {
        "nl": "Exporteer het bestand opnieuw met grotere row groups (standaardinstellingen).",
        "en": "Export the file again with larger row groups (default settings).",
    },
    "err.xlsx_inflated": {
        "nl": "Uitgepakt is de werkmap groter dan {limit} MB (of hij meldt zijn grootte verkeerd).",
        "en": "Unpacked, the workbook is larger than {limit} MB (or misstates its size).",
    },
    "fix.xlsx_inflated": {
        "nl": "Kopieer alleen de gegevens naar een nieuwe werkmap en sla die op als .xlsx.",
        "en": "Copy only the data into a new workbook and save that as .xlsx.",
    },
    "err.xlsx_members": {
        "nl": "De werkmap bestaat uit {count} onderdelen; de grens is {limit}.",
        "en": "The workbook consists of {count} parts; the limit is {limit}.",
    },
    "fix.xlsx_members": {
        "nl": "Kopieer alleen de gegevens naar een nieuwe werkmap en sla die op als .xlsx.",
        "en": "Copy only the data into a new workbook and save that as .xlsx.",
    },
    "err.xlsx_used_range": {
        "nl": "Het gebruikte bereik van blad '{sheet}' is {range}: meer dan {columns} kolommen of {rows} rijen.",
        "en": "The used range of sheet '{sheet}' is {range}: more than {columns} columns or {rows} rows.",
    },
    "fix.xlsx_used_range": {
        "nl": "Verwijder de lege of opgemaakte rijen en kolommen voorbij uw gegevens (of kopieer "
        "de gegevens naar een nieuw blad).",
        "en": "Delete the empty or formatted rows and columns beyond your data (or copy the data to a new sheet).",
    },
    # Unreadable workbooks and files
    "err.xml_forbidden": {
        "nl": "De werkmap bevat XML-declaraties (DTD of entiteiten) die Excel nooit schrijft; "
        "ze worden om veiligheidsredenen niet gelezen.",
        "en": "The workbook contains XML declarations (DTD or entities) that Excel never writes; "
        "for safety they are not read.",
    },
    "fix.xml_forbidden": {
        "nl": "Open het bestand in Excel en sla het opnieuw op als .xlsx.",
        "en": "Open the file in Excel and save it again as .xlsx.",
    },
    "err.xls_or_encrypted": {
        "nl": "Dit is een oud .xls-bestand of een werkmap met een wachtwoord.",
        "en": "This is an old .xls file or a password-protected workbook.",
    },
    "fix.xls_or_encrypted": {
        "nl": "Verwijder het wachtwoord en sla het op als Excel-werkmap (.xlsx).",
        "en": "Remove the password and save it as an Excel workbook (.xlsx).",
    },
    "err.no_visible_sheet": {
        "nl": "De werkmap heeft geen zichtbaar werkblad.",
        "en": "The workbook has no visible worksheet.",
    },
    "fix.no_visible_sheet": {
        "nl": "Maak het blad met de gegevens zichtbaar (en zet het vooraan).",
        "en": "Unhide the sheet with the data (and put it first).",
    },
    "err.formula_without_value": {
        "nl": "Deze cel op blad '{sheet}' is een formule zonder berekende waarde.",
        "en": "This cell on sheet '{sheet}' is a formula without a calculated value.",
    },
    "fix.formula_without_value": {
        "nl": "Open het bestand in Excel, laat het herberekenen en sla het op; of plak "
        "de waarden in plaats van de formules.",
        "en": "Open the file in Excel, let it recalculate and save it; or paste the values instead of the formulas.",
    },
    "err.excel_error_cell": {
        "nl": "Deze cel op blad '{sheet}' bevat een Excel-fout.",
        "en": "This cell on sheet '{sheet}' holds an Excel error.",
    },
    "fix.excel_error_cell": {
        "nl": "Herstel de formule of vul de waarde zelf in.",
        "en": "Fix the formula or fill in the value yourself.",
    },
    "err.bad_parquet_type": {
        "nl": "De kolom heeft een type dat niet als tabelcel te lezen is.",
        "en": "The column has a type that cannot be read as a table cell.",
    },
    "fix.bad_parquet_type": {
        "nl": "Exporteer tekst als string, aantallen als geheel getal en datums als date.",
        "en": "Export text as string, counts as integers and dates as date.",
    },
    "err.unreadable": {"nl": "Dit bestand kan niet worden gelezen.", "en": "This file can't be read."},
    "fix.unreadable": {
        "nl": "Sla het opnieuw op als CSV (UTF-8) of .xlsx en probeer het nog eens; helpt dat niet, "
        "stuur het bestand naar de beheerder.",
        "en": "Save it again as CSV (UTF-8) or .xlsx and try again; if that does not help, send "
        "the file to the administrator.",
    },
    "err.more_rows": {
        "nl": "Nog {count} rijen met hetzelfde probleem in deze kolom (de eerste staan hierboven).",
        "en": "{count} more rows with the same problem in this column (the first are listed above).",
    },
    "fix.more_rows": {
        "nl": "Herstel de kolom in één keer, bijvoorbeeld het formaat of de opmaak in Excel.",
        "en": "Fix the whole column at once, for example its format in Excel.",
    },
    # Values
    "err.count_too_large": {"nl": "Het aantal is groter dan {max}.", "en": "The number is larger than {max}."},
    "fix.count_too_large": {
        "nl": "Controleer het aantal; een activiteit telt hoogstens {max}.",
        "en": "Check the number; one activity counts at most {max}.",
    },
    "err.target_too_large": {"nl": "Het doel is groter dan {max}.", "en": "The target is larger than {max}."},
    "fix.target_too_large": {"nl": "Controleer het doel (typfout?).", "en": "Check the target (a typo?)."},
    "err.date_out_of_range": {
        "nl": "De datum ligt buiten {first} tot en met {last}.",
        "en": "The date lies outside {first} to {last}.",
    },
    "fix.date_out_of_range": {"nl": "Controleer het jaartal (typfout?).", "en": "Check the year (a typo?)."},
    "err.excel_serial_date": {
        "nl": "Dit is een Excel-datumgetal (zou {date} zijn), geen datum.",
        "en": "This is an Excel date number (would be {date}), not a date.",
    },
    "fix.excel_serial_date": {
        "nl": "Maak de kolom in Excel op als datum (JJJJ-MM-DD) en sla opnieuw op.",
        "en": "Format the column as a date (YYYY-MM-DD) in Excel and save again.",
    },
    "err.year_out_of_range": {
        "nl": "Het jaartal ligt buiten {first} tot en met {last}.",
        "en": "The year lies outside {first} to {last}.",
    },
    "fix.year_out_of_range": {"nl": "Controleer het jaartal (typfout?).", "en": "Check the year (a typo?)."},
    "err.bad_id_chars": {
        "nl": "De id bevat onzichtbare tekens of stuurtekens (getoond als <U+...>).",
        "en": "The id contains invisible or control characters (shown as <U+...>).",
    },
    "fix.bad_id_chars": {
        "nl": "Typ de id opnieuw, zonder te plakken uit een webpagina of document.",
        "en": "Type the id again, without pasting from a web page or document.",
    },
    "err.stripped_chars": {
        "nl": "Onzichtbare tekens of stuurtekens zijn uit de tekst verwijderd.",
        "en": "Invisible or control characters were removed from the text.",
    },
    "fix.stripped_chars": {"nl": "Controleer de tekst na het opslaan.", "en": "Check the text after saving."},
    "err.bad_column_name": {
        "nl": "De kolomnaam bevat onzichtbare tekens of stuurtekens.",
        "en": "The column name contains invisible or control characters.",
    },
    "fix.bad_column_name": {"nl": "Typ de kolomnaam opnieuw.", "en": "Type the column name again."},
    "err.reserved_column": {
        "nl": "Deze kolom wordt door het dashboard zelf berekend en mag niet in het bestand staan.",
        "en": "The dashboard computes this column itself; the file may not have it.",
    },
    "fix.reserved_column": {
        "nl": "Verwijder de kolom of geef hem een andere naam.",
        "en": "Remove the column or give it another name.",
    },
    "err.plans_overlap": {
        "nl": "Meerjarenplan {plan!r} ({period}) overlapt met {other!r} ({other_period}).",
        "en": "Multi-year plan {plan!r} ({period}) overlaps {other!r} ({other_period}).",
    },
    "fix.plans_overlap": {
        "nl": "Laat meerjarenplannen op elkaar aansluiten zonder overlap, of verwijder het oude.",
        "en": "Make multi-year plans follow each other without overlap, or remove the old one.",
    },
    "err.annual_plans_clash": {
        "nl": "Voor {year} bestaat al jaarplan {other!r}.",
        "en": "Annual plan {other!r} already covers {year}.",
    },
    "fix.annual_plans_clash": {
        "nl": "Houd één jaarplan per jaar over (pas het label of het jaar aan).",
        "en": "Keep one annual plan per year (change the label or the year).",
    },
}
