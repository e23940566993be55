"""Interface texts: progress (expected values to date, pace, forecasts, change since, strict values)."""

TEXTS: dict[str, dict[str, str]] = {
    # Cards
    "progress.expected": {"nl": "Verwacht t/m {date}: {expected}", "en": "Expected by {date}: {expected}"},
    "progress.method": {"nl": "Methode: {method}", "en": "Method: {method}"},
    "progress.reference.short.quarter": {"nl": "kwartaal", "en": "quarter"},
    "progress.reference.short.month": {"nl": "maand", "en": "month"},
    "progress.reference.short.year": {"nl": "jaar", "en": "year"},
    "progress.delta_expected": {"nl": "{gap} t.o.v. verwacht", "en": "{gap} against expected"},
    "progress.delta_target": {"nl": "{gap} · {share} van doel", "en": "{gap} · {share} of target"},
    "progress.pace.seasonal": {"nl": "naar het eigen tempo van {years}", "en": "at the team's own pace of {years}"},
    "progress.pace.linear": {"nl": "naar rato van de tijd", "en": "pro rata of time"},
    "progress.pace.linear_why": {
        "nl": "naar rato van de tijd; te weinig volledige eerdere jaren voor een eigen tempo",
        "en": "pro rata of time; too few complete earlier years for the team's own pace",
    },
    "progress.forecast": {"nl": "Prognose eind {year}: {range}", "en": "Forecast end of {year}: {range}"},
    "progress.forecast_plan": {"nl": "Prognose eind {plan}: {range}", "en": "Forecast end of {plan}: {range}"},
    "progress.change": {"nl": "Sinds {date}: {change}", "en": "Since {date}: {change}"},
    "progress.change_status": {
        "nl": "Sinds {date}: {change} (was {status})",
        "en": "Since {date}: {change} (was {status})",
    },
    "progress.change_pack": {
        "nl": "Sinds het bestuurspakket van {date}: {change}",
        "en": "Since the board pack of {date}: {change}",
    },
    "progress.change_pack_status": {
        "nl": "Sinds het bestuurspakket van {date}: {change} (was {status})",
        "en": "Since the board pack of {date}: {change} (was {status})",
    },
    "progress.trend_to_day": {"nl": "Lijn: elk jaar t/m {day}", "en": "Line: each year up to {day}"},
    "progress.trend_full": {"nl": "Lijn: per jaar", "en": "Line: per year"},
    "progress.plan_line": {
        "nl": "{plan}: {cumulative} van {target}, verwacht {expected}",
        "en": "{plan}: {cumulative} of {target}, expected {expected}",
    },
    "progress.plan_no_target": {"nl": "{plan}: {cumulative} (geen doel)", "en": "{plan}: {cumulative} (no target)"},
    # Overview controls
    "progress.reference": {"nl": "Vergelijk met", "en": "Compare with"},
    "progress.reference.pack": {
        "nl": "laatste bestuurspakket (stand op {date}, versie {version})",
        "en": "last board pack (as of {date}, version {version})",
    },
    "progress.since.pack": {
        "nl": "verschil sinds het laatste bestuurspakket (stand op {date}, versie {version})",
        "en": "change since the last board pack (as of {date}, version {version})",
    },
    "progress.pack_recorded": {
        "nl": "Vastgelegd als bestuurspakket nr. {number} (stand op {date}, versie {version}): het Overzicht kan "
        "ermee vergelijken.",
        "en": "Recorded as board pack no. {number} (as of {date}, version {version}): the Overview can compare "
        "with it.",
    },
    "progress.since.quarter": {
        "nl": "verschil sinds het einde van het vorige kwartaal ({date})",
        "en": "change since the end of the previous quarter ({date})",
    },
    "progress.as_of.year_end": {"nl": "einde jaar", "en": "end of year"},
    "progress.as_of.custom": {"nl": "andere datum …", "en": "other date …"},
    "progress.as_of.date": {"nl": "Datum", "en": "Date"},
    "progress.table": {"nl": "Voortgang per KPI", "en": "Progress per KPI"},
    "progress.col.expected": {"nl": "Verwacht t/m {date}", "en": "Expected by {date}"},
    "progress.col.gap": {"nl": "Verschil met verwacht", "en": "Difference from expected"},
    "progress.col.pace": {"nl": "Tempo", "en": "Pace"},
    "progress.col.forecast": {"nl": "Prognose eind {year}", "en": "Forecast end of {year}"},
    "progress.col.change": {"nl": "Sinds {date}", "en": "Since {date}"},
    "progress.col.change_pack": {
        "nl": "Sinds het bestuurspakket van {date}",
        "en": "Since the board pack of {date}",
    },
    "progress.method.seasonal": {"nl": "eigen tempo", "en": "own pace"},
    "progress.method.linear": {"nl": "naar rato", "en": "pro rata"},
    "progress.year_no_data": {
        "nl": "Voor {year} zijn er (nog) geen activiteiten; getoond worden 0, het cumulatief en de verwachte waarden.",
        "en": "There are no activities (yet) for {year}; shown are 0, the cumulative total and the expected values.",
    },
    "progress.cli.bad_year": {
        "nl": "Jaar {year} valt buiten elk plan en alle gegevens; kies een jaar uit {first}-{last}.",
        "en": "Year {year} lies outside every plan and all data; choose a year in {first}-{last}.",
    },
    "progress.missions.one": {"nl": "{n} missie", "en": "{n} mission"},
    "progress.missions.many": {"nl": "{n} missies", "en": "{n} missions"},
    "progress.map.zoom": {"nl": "Kaart", "en": "Map"},
    "progress.map.world": {"nl": "Wereld", "en": "World"},
    "progress.map.europe": {"nl": "Europa", "en": "Europe"},
}
TEXTS |= {
    "fig.expected_to_date": {"nl": "Verwacht tot nu toe", "en": "Expected so far"},
    "fig.forecast_plan": {"nl": "Prognose einde plan (bandbreedte)", "en": "Forecast at plan end (range)"},
}
TEXTS |= {
    "fig.funnel.short_title": {
        "nl": "Van bedrijfsbezoek naar service, {year}",
        "en": "From company visit to service, {year}",
    },
    "fig.funnel.subtitle": {"nl": "{conversion} conversie", "en": "{conversion} conversion"},
}
TEXTS |= {
    "progress.caption_one": {
        "nl": "Stand per {date}. Doelen uit {plan}; {missing}.",
        "en": "As of {date}. Targets from the {plan}; {missing}.",
    },
    "progress.caption_none": {
        "nl": "Stand per {date}. Er is geen plan voor {year}, dus ook geen doelen.",
        "en": "As of {date}. There is no plan for {year}, so there are no targets.",
    },
    "progress.no_multi_year": {
        "nl": "er is geen meerjarenplan voor {year}",
        "en": "there is no multi-year plan for {year}",
    },
    "progress.no_annual": {"nl": "er is geen jaarplan voor {year}", "en": "there is no annual plan for {year}"},
    "progress.header_no_plan": {"nl": "Geen meerjarenplan", "en": "No multi-year plan"},
    "progress.header_no_annual": {"nl": "Geen jaarplan {year}", "en": "No annual plan {year}"},
}
TEXTS |= {
    "fig.plan.short_title": {"nl": "Cumulatief tegen het plandoel", "en": "Cumulative against the plan target"},
}
TEXTS |= {"progress.col.meetings": {"nl": "Gesprekken", "en": "Meetings"}}
TEXTS |= {
    "progress.diff.before": {"nl": "Eerder", "en": "Before"},
    "progress.diff.after": {"nl": "Nu", "en": "Now"},
    "progress.diff.change": {"nl": "Verschil", "en": "Difference"},
    "progress.diff.status_before": {"nl": "Status eerder", "en": "Status before"},
    "progress.diff.status_after": {"nl": "Status nu", "en": "Status now"},
}
