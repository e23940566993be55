"""Interface texts for the board part of the product: key -> {"nl": ..., "en": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    # The pack
    "board.team": {"nl": "Internationaal ondernemen", "en": "International business"},
    "board.pack_title": {"nl": "KPI-rapportage {year}", "en": "KPI report {year}"},
    "board.as_of": {"nl": "Stand per {date}", "en": "As of {date}"},
    "board.version": {"nl": "Gegevensversie: {version}", "en": "Data version: {version}"},
    "board.filter": {"nl": "Missiefilter: {filter}", "en": "Mission filter: {filter}"},
    "board.no_filter": {"nl": "alle missies", "en": "all missions"},
    "board.footer": {
        "nl": "{team} · KPI-rapportage {year} · stand per {as_of} · gegevens {version} · pagina {page} van {pages}",
        "en": "{team} · KPI report {year} · as of {as_of} · data {version} · page {page} of {pages}",
    },
    # Scorecard
    "board.scorecard_title": {"nl": "Scorekaart {year}", "en": "Scorecard {year}"},
    "board.col.kpi": {"nl": "KPI", "en": "KPI"},
    "board.col.realized": {"nl": "Gerealiseerd {year}", "en": "Realised {year}"},
    "board.col.target": {"nl": "Jaardoel {year}", "en": "Annual target {year}"},
    "board.col.expected": {"nl": "Verwacht tot nu", "en": "Expected to date"},
    "board.col.forecast": {"nl": "Prognose eind jaar", "en": "Forecast year end"},
    "board.col.annual_status": {"nl": "Status jaar", "en": "Status year"},
    "board.col.plan_status": {"nl": "Status meerjarenplan", "en": "Status multi-year plan"},
    "board.col.change": {"nl": "Verschil sinds {date}", "en": "Change since {date}"},
    "board.col.comment": {"nl": "Toelichting", "en": "Comment"},
    "board.none": {"nl": "—", "en": "—"},
    # Group pages
    "board.group.missions": {"nl": "Missies en matchmaking", "en": "Missions and matchmaking"},
    "board.group.outreach": {"nl": "Voorlichting", "en": "Information"},
    "board.group.services": {"nl": "Dienstverlening", "en": "Services"},
    "board.status_year": {"nl": "Jaar {year}: {counts}", "en": "Year {year}: {counts}"},
    "board.status_plan": {"nl": "Meerjarenplan {period}: {counts}", "en": "Multi-year plan {period}: {counts}"},
    "board.chart.series": {"nl": "Aantal", "en": "Number"},
    "board.chart.realized_year": {"nl": "Gerealiseerd {year}", "en": "Realised {year}"},
    "board.chart.expected_year": {"nl": "Verwacht tot nu", "en": "Expected to date"},
    "board.chart.target_year": {"nl": "Jaardoel {year}", "en": "Annual target {year}"},
    "board.chart.cumulative": {"nl": "Cumulatief {period}", "en": "Cumulative {period}"},
    "board.chart.expected_plan": {"nl": "Verwacht plan", "en": "Expected (plan)"},
    "board.chart.target_plan": {"nl": "Plandoel {period}", "en": "Plan target {period}"},
    "board.chart.axis": {"nl": "Aantal", "en": "Number"},
    "board.chart.missions": {"nl": "Aantal missies", "en": "Number of missions"},
    "board.chart.no_target": {
        "nl": "Voor deze KPI is geen doel vastgesteld.",
        "en": "No target has been set for this KPI.",
    },
    "board.chart.of_target": {"nl": "{value} van {target} · {share}", "en": "{value} of {target} · {share}"},
    "board.chart.pct_year": {"nl": "Jaar {year}: % van jaardoel", "en": "Year {year}: % of annual target"},
    "board.chart.pct_plan": {
        "nl": "Meerjarenplan {period}: % van doel",
        "en": "Multi-year plan {period}: % of target",
    },
    "board.chart.pct_axis": {"nl": "% van het doel (minimum)", "en": "% of the target (minimum)"},
    "board.chart.realized": {"nl": "Gerealiseerd", "en": "Realised"},
    "board.chart.band": {"nl": "Doelbereik", "en": "Target range"},
    "board.chart.without_year": {"nl": "Zonder jaardoel: {kpis}.", "en": "Without an annual target: {kpis}."},
    "board.chart.without_plan": {"nl": "Zonder plandoel: {kpis}.", "en": "Without a plan target: {kpis}."},
    "board.chart.no_missions": {
        "nl": "Geen missies in deze periode en selectie.",
        "en": "No missions in this period and selection.",
    },
    "board.continued": {"nl": "{title} (vervolg)", "en": "{title} (continued)"},
    # Sentences: the group pages' text and the speaker notes
    "board.say.year": {
        "nl": "{kpi}: {realized} gerealiseerd in {year}, tegen een jaardoel van {target}; "
        "verwacht tot nu {expected}. Status: {status}.",
        "en": "{kpi}: {realized} realised in {year}, against an annual target of {target}; "
        "expected to date {expected}. Status: {status}.",
    },
    "board.say.year_none": {
        "nl": "{kpi}: {realized} gerealiseerd in {year}; er is geen jaardoel.",
        "en": "{kpi}: {realized} realised in {year}; there is no annual target.",
    },
    "board.say.plan": {
        "nl": "Cumulatief {cumulative} in het meerjarenplan {period}, tegen een doel van {target}; "
        "verwacht tot nu {expected}. Status: {status}.",
        "en": "Cumulative {cumulative} in the multi-year plan {period}, against a target of "
        "{target}; expected to date {expected}. Status: {status}.",
    },
    "board.say.compact_year": {
        "nl": "Jaar {year}: {realized} tegen doel {target}, verwacht tot nu {expected}. {status}.",
        "en": "Year {year}: {realized} against target {target}, expected to date {expected}. {status}.",
    },
    "board.say.compact_none": {
        "nl": "Jaar {year}: {realized}; geen doel.",
        "en": "Year {year}: {realized}; no target.",
    },
    "board.say.compact_plan": {
        "nl": "Meerjarenplan {period}: {cumulative} tegen doel {target}, verwacht tot nu {expected}. {status}.",
        "en": "Multi-year plan {period}: {cumulative} against target {target}, expected to date {expected}. {status}.",
    },
    "board.say.comment": {"nl": "Toelichting: {text}", "en": "Comment: {text}"},
    "board.say.scorecard": {
        "nl": "Scorekaart {year}, stand per {date}. {sentences}",
        "en": "Scorecard {year}, as of {date}. {sentences}",
    },
    "board.say.short": {"nl": "{kpi}: {realized}, {status}.", "en": "{kpi}: {realized}, {status}."},
    "board.say.missions": {
        "nl": "In {period} waren er {count} missies in deze selectie: {incoming} inkomend en {outgoing} uitgaand.",
        "en": "In {period} there were {count} missions in this selection: {incoming} incoming and {outgoing} outgoing.",
    },
    "board.say.top": {
        "nl": "De meeste missies gingen naar of kwamen uit {country} ({count}).",
        "en": "Most missions went to or came from {country} ({count}).",
    },
    "board.say.appendix": {
        "nl": "Lijst van de {count} missies in {period}, met datum, land, richting, thema en "
        "aantal deelnemende bedrijven.",
        "en": "List of the {count} missions in {period}, with date, country, direction, "
        "theme and number of participating companies.",
    },
    "board.say.title": {
        "nl": "KPI-rapportage {year} van {team}, stand per {date}, gegevensversie {version}.",
        "en": "KPI report {year} of {team}, as of {date}, data version {version}.",
    },
    # Missions
    "board.missions_title": {"nl": "Missies per land en thema", "en": "Missions by country and theme"},
    "board.by_country": {"nl": "Missies per land", "en": "Missions by country"},
    "board.by_theme": {"nl": "Missies per thema", "en": "Missions by theme"},
    "board.period": {"nl": "Periode {period} · {filter}", "en": "Period {period} · {filter}"},
    "board.appendix_title": {"nl": "Bijlage: missies {period}", "en": "Appendix: missions {period}"},
    "board.appendix_page": {
        "nl": "Bijlage: missies {period} ({n}/{total})",
        "en": "Appendix: missions {period} ({n}/{total})",
    },
    "board.no_missions": {
        "nl": "Geen missies in {period} in deze selectie.",
        "en": "No missions in {period} in this selection.",
    },
    "board.missions_list_title": {
        "nl": "Missies per land en thema, met de lijst",
        "en": "Missions by country and theme, with the list",
    },
    # Refused choices
    "board.refused": {
        "nl": "Onbekende keuze voor de rapportage: {items}. Kies uit de waarden in de gegevens.",
        "en": "Unknown choice for the pack: {items}. Choose from the values in the data.",
    },
    "board.refused.year": {"nl": "jaar {value} (bekend: {known})", "en": "year {value} (known: {known})"},
    "board.refused.value": {"nl": "{field} '{value}'", "en": "{field} '{value}'"},
    # The Board page
    "board.page_title": {"nl": "Bestuursrapportage", "en": "Board pack"},
    "board.intro": {
        "nl": "Kies jaar, taal en filters, bekijk de pagina's en download de rapportage als PDF of PowerPoint.",
        "en": "Choose year, language and filters, preview the pages and download the pack as PDF or PowerPoint.",
    },
    "board.year": {"nl": "Jaar", "en": "Year"},
    "board.pack_lang": {"nl": "Taal van de rapportage", "en": "Language of the pack"},
    "board.preview": {"nl": "Pagina's", "en": "Pages"},
    "board.generate": {"nl": "Maak PDF en PowerPoint", "en": "Build PDF and PowerPoint"},
    "board.building": {"nl": "Rapportage wordt gemaakt...", "en": "Building the pack..."},
    "board.writing": {"nl": "Bestanden schrijven: {kind}", "en": "Writing files: {kind}"},
    "board.done": {"nl": "Klaar", "en": "Done"},
    "board.download_pdf": {"nl": "PDF downloaden", "en": "Download PDF"},
    "board.download_pptx": {"nl": "PowerPoint downloaden", "en": "Download PowerPoint"},
    "board.download_json": {"nl": "Verantwoording downloaden (JSON)", "en": "Download record (JSON)"},
    "board.present": {"nl": "Start presentatie", "en": "Start presentation"},
    "board.failed": {
        "nl": "De rapportage kon niet worden gemaakt. De reden staat in het logboek van de server.",
        "en": "The pack could not be built. The reason is in the server's log.",
    },
    "board.ignored": {
        "nl": "Niet gebruikt, want onbekend in de gegevens: {items}.",
        "en": "Not used, because unknown in the data: {items}.",
    },
    # Presentation mode
    "present.previous": {"nl": "◀ Vorige", "en": "◀ Previous"},
    "present.next": {"nl": "Volgende ▶", "en": "Next ▶"},
    "present.step": {"nl": "{step} / {steps}", "en": "{step} / {steps}"},
    "present.realized": {"nl": "Gerealiseerd {year}", "en": "Realised {year}"},
    "present.target": {"nl": "Jaardoel {year}", "en": "Annual target {year}"},
    "present.expected": {"nl": "Verwacht tot nu", "en": "Expected to date"},
    "present.cumulative": {
        "nl": "Cumulatief {so_far} / plandoel {period}",
        "en": "Cumulative {so_far} / plan target {period}",
    },
    "present.exit": {"nl": "Terug naar Bestuur", "en": "Back to Board"},
}
