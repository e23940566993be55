"""Interface texts for accessibility: chart text alternatives and their data tables."""

TEXTS: dict[str, dict[str, str]] = {
    "a11y.kpi": {
        "nl": "{name} {year}: {realized} van de {target} beoogd, {status}",
        "en": "{name} {year}: {realized} of the {target} targeted, {status}",
    },
    "a11y.kpi_no_target": {"nl": "{name} {year}: {realized}, geen doel", "en": "{name} {year}: {realized}, no target"},
    "a11y.expected": {"nl": "verwacht tot nu {expected}", "en": "expected to date {expected}"},
    "a11y.plan": {
        "nl": "Meerjarenplan {period}: {cumulative} van de {target} beoogd, {status}",
        "en": "Multi-year plan {period}: {cumulative} of the {target} targeted, {status}",
    },
    "a11y.plan_kpi": {
        "nl": "{name}, meerjarenplan {period}: {cumulative} van de {target} beoogd, {status}",
        "en": "{name}, multi-year plan {period}: {cumulative} of the {target} targeted, {status}",
    },
    "a11y.plan_kpi_no_target": {
        "nl": "{name}, meerjarenplan {period}: {cumulative}, geen doel",
        "en": "{name}, multi-year plan {period}: {cumulative}, no target",
    },
    "a11y.col.kpi": {"nl": "KPI", "en": "KPI"},
    "a11y.col.realized": {"nl": "Gerealiseerd", "en": "Realised"},
    "a11y.col.target": {"nl": "Doel", "en": "Target"},
    "a11y.col.expected": {"nl": "Verwacht tot nu", "en": "Expected to date"},
    "a11y.col.status": {"nl": "Status", "en": "Status"},
    "a11y.no_data": {"nl": "{title}: geen gegevens", "en": "{title}: no data"},
    "a11y.show_data": {"nl": "Cijfers van de grafiek", "en": "Figures behind the chart"},
    "a11y.category": {"nl": "Categorie", "en": "Category"},
    "a11y.value": {"nl": "Aantal", "en": "Number"},
}
