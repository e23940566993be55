"""Texts of the annual report (Word) and its sentences drawn from the data: key -> {"nl": ..., "en": ...}."""

# Countries named with an article mid-sentence ("naar de Verenigde Staten"); others use their plain name.
_COUNTRY_PHRASES: dict[str, tuple[str, str]] = {
    "US": ("de Verenigde Staten", "the United States"),
    "GB": ("het Verenigd Koninkrijk", "the United Kingdom"),
    "NL": ("Nederland", "the Netherlands"),
    "AE": ("de Verenigde Arabische Emiraten", "the United Arab Emirates"),
    "PH": ("de Filipijnen", "the Philippines"),
    "CZ": ("Tsjechië", "the Czech Republic"),
}
# Adjectives of nationality ("19 deelnemende Chinese bedrijven"); a country without one reads "bedrijven uit X".
_ADJECTIVES: dict[str, tuple[str, str]] = {
    "AT": ("Oostenrijkse", "Austrian"),
    "AU": ("Australische", "Australian"),
    "BE": ("Belgische", "Belgian"),
    "BR": ("Braziliaanse", "Brazilian"),
    "CA": ("Canadese", "Canadian"),
    "CH": ("Zwitserse", "Swiss"),
    "CN": ("Chinese", "Chinese"),
    "CZ": ("Tsjechische", "Czech"),
    "DE": ("Duitse", "German"),
    "DK": ("Deense", "Danish"),
    "ES": ("Spaanse", "Spanish"),
    "FI": ("Finse", "Finnish"),
    "FR": ("Franse", "French"),
    "GB": ("Britse", "British"),
    "IE": ("Ierse", "Irish"),
    "IN": ("Indiase", "Indian"),
    "IT": ("Italiaanse", "Italian"),
    "JP": ("Japanse", "Japanese"),
    "KR": ("Zuid-Koreaanse", "South Korean"),
    "MX": ("Mexicaanse", "Mexican"),
    "NO": ("Noorse", "Norwegian"),
    "PL": ("Poolse", "Polish"),
    "PT": ("Portugese", "Portuguese"),
    "SE": ("Zweedse", "Swedish"),
    "SG": ("Singaporese", "Singaporean"),
    "TR": ("Turkse", "Turkish"),
    "TW": ("Taiwanese", "Taiwanese"),
    "US": ("Amerikaanse", "American"),
    "ZA": ("Zuid-Afrikaanse", "South African"),
}
_NUMBERS = (
    ("één", "one"),
    ("twee", "two"),
    ("drie", "three"),
    ("vier", "four"),
    ("vijf", "five"),
    ("zes", "six"),
    ("zeven", "seven"),
    ("acht", "eight"),
    ("negen", "nine"),
    ("tien", "ten"),
    ("elf", "eleven"),
    ("twaalf", "twelve"),
)

TEXTS: dict[str, dict[str, str]] = {
    # The document
    "annual.title": {"nl": "Internationaal ondernemen: KPI's {year}", "en": "International business: KPIs {year}"},
    "annual.subtitle": {
        "nl": "Stand per {date} · gegevensversie {version}",
        "en": "As of {date} · data version {version}",
    },
    "annual.results": {"nl": "Resultaten {year}", "en": "Results {year}"},
    "annual.table_heading": {"nl": "KPI's {year}", "en": "KPIs {year}"},
    "annual.table_caption": {
        "nl": "KPI's {year}: doelen volgens het meerjarenplan en het jaarplan, gerealiseerd in {year} en cumulatief.",
        "en": "KPIs {year}: targets of the multi-year plan and the annual plan, realised in {year} and cumulatively.",
    },
    "annual.charts": {"nl": "Grafieken", "en": "Charts"},
    "annual.commentary": {"nl": "Toelichting van het team", "en": "The team's commentary"},
    "annual.commentary_intro": {
        "nl": "Onderstaande toelichting is door het team zelf geschreven.",
        "en": "The commentary below was written by the team itself.",
    },
    "annual.footer": {
        "nl": "{team} · KPI's {year} · stand per {date} · gegevens {version} · pagina ",
        "en": "{team} · KPIs {year} · as of {date} · data {version} · page ",
    },
    "annual.cli.written": {"nl": "Geschreven: {path}", "en": "Written: {path}"},
    "annual.cli.bad_template": {
        "nl": "De Word-sjabloon (--template of de instelling report_template) is geen bruikbaar Word-document "
        "(.docx). Sla het op als .docx.",
        "en": "The Word template (--template or the report_template setting) is not a usable Word document (.docx). "
        "Save it as .docx.",
    },
    "annual.file_stem": {"nl": "jaarverslag-kpi", "en": "annual-report-kpi"},
    "annual.template_refused": {
        "nl": "De Word-sjabloon van het jaarverslag is niet te gebruiken; het jaarverslag krijgt de standaardopmaak. "
        "De reden staat in het logboek van de server.",
        "en": "The annual report's Word template cannot be used; the report gets the default layout. The reason is "
        "in the server's log.",
    },
    "annual.template_missing": {
        "nl": "De Word-sjabloon (--template of de instelling report_template) bestaat niet. Geef het pad van een "
        ".docx-bestand.",
        "en": "The Word template (--template or the report_template setting) does not exist. Give the path of a "
        ".docx file.",
    },
    "annual.download": {"nl": "Jaarverslag (Word)", "en": "Annual report (Word)"},
    "annual.download_help": {
        "nl": "Het KPI-deel van het jaarverslag als bewerkbaar Word-document: tabel, tekst, toelichting en grafieken.",
        "en": "The annual report's KPI section as an editable Word document: table, text, commentary and charts.",
    },
    # The board pack's page with the report's table
    "annual.pack.title": {"nl": "Tabel jaarverslag {year}", "en": "Annual report table {year}"},
    "annual.pack.notes": {
        "nl": "De KPI-tabel zoals het jaarverslag {year} hem afdrukt: het doel volgens het meerjarenplan en het "
        "jaarplan, gerealiseerd in {year} en cumulatief.",
        "en": "The KPI table as the {year} annual report prints it: the targets of the multi-year plan and the annual "
        "plan, realised in {year} and cumulatively.",
    },
    # Sentences: the overall verdict
    "annual.when.finished": {"nl": "In {year}", "en": "In {year}"},
    "annual.when.running": {"nl": "Tot en met {date}", "en": "Up to {date}"},
    "annual.verdict.all.finished": {
        "nl": "{when} zijn alle KPI's met een jaardoel {predicate}.",
        "en": "{when} all KPIs with an annual target were {predicate}.",
    },
    "annual.verdict.all.running": {
        "nl": "{when} zijn alle KPI's met een jaardoel {predicate}.",
        "en": "{when} all KPIs with an annual target are {predicate}.",
    },
    "annual.verdict.nearly.finished": {
        "nl": "{when} zijn nagenoeg alle KPI's {predicate}, behalve {exceptions}.",
        "en": "{when} nearly all KPIs were {predicate}, except {exceptions}.",
    },
    "annual.verdict.nearly.running": {
        "nl": "{when} zijn nagenoeg alle KPI's {predicate}, behalve {exceptions}.",
        "en": "{when} nearly all KPIs are {predicate}, except {exceptions}.",
    },
    "annual.verdict.most.finished": {
        "nl": "{when} zijn de meeste KPI's {predicate}, behalve {exceptions}.",
        "en": "{when} most KPIs were {predicate}, except {exceptions}.",
    },
    "annual.verdict.most.running": {
        "nl": "{when} zijn de meeste KPI's {predicate}, behalve {exceptions}.",
        "en": "{when} most KPIs are {predicate}, except {exceptions}.",
    },
    "annual.verdict.some.finished": {
        "nl": "{when} is het jaardoel {predicate} voor {good} van de {total} KPI's: {kpis}.",
        "en": "{when} the annual target was {predicate} for {good} of the {total} KPIs: {kpis}.",
    },
    "annual.verdict.some.running": {
        "nl": "{when} is het jaardoel {predicate} voor {good} van de {total} KPI's: {kpis}.",
        "en": "{when} the annual target is {predicate} for {good} of the {total} KPIs: {kpis}.",
    },
    "annual.verdict.none.finished": {
        "nl": "{when} is voor geen van de KPI's met een jaardoel het doel behaald.",
        "en": "{when} none of the KPIs with an annual target was achieved.",
    },
    "annual.verdict.none.running": {
        "nl": "{when} ligt geen van de KPI's met een jaardoel op koers.",
        "en": "{when} none of the KPIs with an annual target is on track.",
    },
    # How a status reads in the verdict; a status without an entry here reads as its dashboard label.
    "annual.status.exceeded": {"nl": "ruim behaald", "en": "amply achieved"},
    "annual.status.achieved": {"nl": "behaald", "en": "achieved"},
    "annual.status.on_track": {"nl": "op koers", "en": "on track"},
    "annual.and": {"nl": "en", "en": "and"},
    "annual.or": {"nl": "of", "en": "or"},
    # KPIs as a sentence names them; a KPI without an entry here is named after its label.
    "annual.kpi.missions": {"nl": "het aantal handelsmissies", "en": "the number of trade missions"},
    "annual.kpi.info_meetings": {
        "nl": "het aantal informatiebijeenkomsten",
        "en": "the number of information meetings",
    },
    "annual.kpi.mission_companies": {
        "nl": "het aantal bedrijven dat heeft deelgenomen aan missies",
        "en": "the number of companies that took part in missions",
    },
    "annual.kpi.matchmaking_meetings": {
        "nl": "het aantal matchmakingsgesprekken",
        "en": "the number of matchmaking conversations",
    },
    "annual.kpi.company_visits": {"nl": "het aantal bedrijfsbezoeken", "en": "the number of company visits"},
    "annual.kpi.partner_scans": {"nl": "het aantal Zakenpartner Scans", "en": "the number of business partner scans"},
    "annual.kpi.services": {"nl": "het aantal geregistreerde services", "en": "the number of registered services"},
    "annual.kpi.fallback": {"nl": "het {label}", "en": "the number of {label}"},
    # Visits that led to services
    "annual.visits.services": {
        "nl": "In totaal hebben we {visits} afgelegd, waar {services} uit zijn voortgekomen.",
        "en": "In total we made {visits}, which led to {services}.",
    },
    "annual.visits.service": {
        "nl": "In totaal hebben we {visits} afgelegd, waar {services} uit is voortgekomen.",
        "en": "In total we made {visits}, which led to {services}.",
    },
    "annual.visits.only": {"nl": "In totaal hebben we {visits} afgelegd.", "en": "In total we made {visits}."},
    "annual.n.visit": {"nl": "{n} bedrijfsbezoek", "en": "{n} company visit"},
    "annual.n.visits": {"nl": "{n} bedrijfsbezoeken", "en": "{n} company visits"},
    "annual.n.service": {"nl": "{n} geregistreerde service", "en": "{n} registered service"},
    "annual.n.services": {"nl": "{n} geregistreerde services", "en": "{n} registered services"},
    # Missions by direction and role
    "annual.missions.total": {
        "nl": "Wij hebben in totaal {missions} georganiseerd als {roles}.",
        "en": "In total we organised {missions} as {roles}.",
    },
    "annual.missions.both": {"nl": "uitgaande en inkomende", "en": "outgoing and incoming"},
    "annual.missions.outgoing": {"nl": "uitgaande", "en": "outgoing"},
    "annual.missions.incoming": {"nl": "inkomende", "en": "incoming"},
    "annual.n.mission": {"nl": "{n} {kind} missie", "en": "{n} {kind} mission"},
    "annual.n.missions": {"nl": "{n} {kind} missies", "en": "{n} {kind} missions"},
    "annual.roles.both": {"nl": "lead-partner of partner", "en": "lead partner or partner"},
    "annual.roles.lead": {"nl": "lead-partner", "en": "lead partner"},
    "annual.roles.partner": {"nl": "partner", "en": "partner"},
    "annual.missions.directions": {
        "nl": "Daarvan waren er {outgoing} uitgaand en {incoming} inkomend.",
        "en": "Of these, {outgoing} were outgoing and {incoming} incoming.",
    },
    "annual.missions.roles": {
        "nl": "Bij {lead} waren wij lead-partner, bij {partner} partner.",
        "en": "We were lead partner in {lead} and partner in {partner}.",
    },
    # Incoming delegations by country
    "annual.incoming.many": {
        "nl": "Vanuit {country} hebben wij {count} missies ontvangen, waaronder {mission}.",
        "en": "From {country} we received {count} missions, among them {mission}.",
    },
    "annual.incoming.one": {
        "nl": "Vanuit {country} hebben wij één missie ontvangen: {mission}.",
        "en": "From {country} we received one mission: {mission}.",
    },
    "annual.incoming.count_many": {
        "nl": "Vanuit {country} hebben wij {count} missies ontvangen.",
        "en": "From {country} we received {count} missions.",
    },
    "annual.incoming.count_one": {
        "nl": "Vanuit {country} hebben wij één missie ontvangen.",
        "en": "From {country} we received one mission.",
    },
    "annual.mission.themed": {"nl": "een {theme}-missie", "en": "a {theme} mission"},
    "annual.mission.themed_vowel": {"nl": "een {theme}-missie", "en": "an {theme} mission"},
    "annual.mission.plain": {"nl": "een missie", "en": "a mission"},
    "annual.with.adjective": {
        "nl": "{mission} met {n} deelnemende {adjective} bedrijven",
        "en": "{mission} with {n} participating {adjective} companies",
    },
    "annual.with.country": {
        "nl": "{mission} met {n} deelnemende bedrijven uit {country}",
        "en": "{mission} with {n} participating companies from {country}",
    },
    "annual.with.one": {
        "nl": "{mission} met 1 deelnemend bedrijf uit {country}",
        "en": "{mission} with 1 participating company from {country}",
    },
    # Outgoing missions by country, their regions and themes
    "annual.outgoing.places": {
        "nl": "Naar {country} hebben wij {missions} georganiseerd: naar {places}.",
        "en": "To {country} we organised {missions}: to {places}.",
    },
    "annual.outgoing.themes": {
        "nl": "Naar {country} hebben wij {missions} georganiseerd, rondom {themes}.",
        "en": "To {country} we organised {missions}, on {themes}.",
    },
    "annual.outgoing.plain": {
        "nl": "Naar {country} hebben wij {missions} georganiseerd.",
        "en": "To {country} we organised {missions}.",
    },
    "annual.place.themes": {"nl": "{place} ({themes})", "en": "{place} ({themes})"},
}
TEXTS |= {f"annual.country.{code}": {"nl": nl, "en": en} for code, (nl, en) in _COUNTRY_PHRASES.items()}
TEXTS |= {f"annual.adjective.{code}": {"nl": nl, "en": en} for code, (nl, en) in _ADJECTIVES.items()}
TEXTS |= {f"annual.number.{n}": {"nl": nl, "en": en} for n, (nl, en) in enumerate(_NUMBERS, start=1)}
