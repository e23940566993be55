"""Interface texts of the story a view tells: what is still needed, the status rule, the data's end date."""

TEXTS: dict[str, dict[str, str]] = {
    # What is still needed (kpi.pace.needed): never more than what is missing in total
    "story.needed.month": {
        "nl": "{n} nodig per resterende maand voor het minimum",
        "en": "{n} needed per remaining month to reach the minimum",
    },
    "story.needed.last_day": {"nl": "{n} nodig in de laatste dag", "en": "{n} needed in the last day"},
    "story.needed.last_days": {
        "nl": "{n} nodig in de laatste {days} dagen",
        "en": "{n} needed in the last {days} days",
    },
    "story.needed.rest": {
        "nl": "{n} nodig vóór eind {end} (samen, niet per maand)",
        "en": "{n} needed before the end of {end} (in all, not per month)",
    },
    "story.needed.reached": {"nl": "minimum gehaald", "en": "minimum reached"},
    "story.col.needed": {"nl": "Nog nodig", "en": "Still needed"},
    # The status rule and legend
    "status.on_schedule_forecast_short": {
        "nl": "Op schema, prognose haalt doel niet",
        "en": "On schedule, forecast misses target",
    },
    "story.legend.title": {"nl": "Wat de statussen betekenen", "en": "What the statuses mean"},
    "story.legend.exceeded": {"nl": "boven het maximum van het doel.", "en": "above the target's maximum."},
    "story.legend.achieved": {"nl": "het minimum van het doel is gehaald.", "en": "the target's minimum is reached."},
    "story.legend.on_track": {
        "nl": "de stand is minstens wat tot nu toe verwacht werd, én de hoge kant van de prognose haalt het minimum.",
        "en": "the figure is at or above what was expected by now, and the forecast's high end reaches the minimum.",
    },
    "story.legend.on_schedule_forecast_short": {
        "nl": "de stand is minstens wat tot nu toe verwacht werd, maar zelfs de hoge kant van de prognose blijft "
        "onder het minimum.",
        "en": "the figure is at or above what was expected by now, but even the forecast's high end stays below the "
        "minimum.",
    },
    "story.legend.at_risk": {
        "nl": "onder wat verwacht werd, maar minstens {share} daarvan.",
        "en": "below what was expected, but at least {share} of it.",
    },
    "story.legend.behind": {
        "nl": "minder dan {share} van wat verwacht werd.",
        "en": "below {share} of what was expected.",
    },
    "story.legend.missed": {
        "nl": "de periode is voorbij en het minimum is niet gehaald.",
        "en": "the period has ended below the minimum.",
    },
    "story.legend.no_target": {
        "nl": "er is geen doel vastgesteld (nooit een tekortkoming).",
        "en": "no target is set (never a failure).",
    },
    # The data's own end date
    "story.data_through": {"nl": "Gegevens t/m {date}", "en": "Data through {date}"},
    "story.data_through_imported": {
        "nl": "Gegevens t/m {date} (laatste import {imported})",
        "en": "Data through {date} (last import {imported})",
    },
    "story.no_data": {"nl": "Nog geen gegevens", "en": "No data yet"},
    "story.services_none": {
        "nl": "Geen bedrijfsbezoeken of services in {year} t/m {date}. {through}.",
        "en": "No company visits or services in {year} up to {date}. {through}.",
    },
    "story.projected": {
        "nl": "Prognoses naar het tempo t/m {date}: daarna zijn nog geen activiteiten ingevoerd.",
        "en": "Forecasts follow the pace up to {date}: no activities have been entered after it.",
    },
    "story.forecast_projected": {
        "nl": "Prognose eind {year} (naar het tempo t/m {date}): {range}",
        "en": "Forecast end of {year} (at the pace up to {date}): {range}",
    },
    "story.forecast_plan_projected": {
        "nl": "Prognose eind {plan} (naar het tempo t/m {date}): {range}",
        "en": "Forecast end of {plan} (at the pace up to {date}): {range}",
    },
    # A year without an annual plan
    "story.no_annual_chart": {
        "nl": "Voor {year} is er geen jaarplan, dus ook geen jaardoelen om tegen af te zetten. "
        "De cumulatieve stand tegen het meerjarenplan staat hierboven.",
        "en": "There is no annual plan for {year}, so there are no annual targets to compare with. "
        "The cumulative figure against the multi-year plan is shown above.",
    },
    "story.no_annual_chart_alone": {
        "nl": "Voor {year} is er geen jaarplan, dus ook geen jaardoelen om tegen af te zetten.",
        "en": "There is no annual plan for {year}, so there are no annual targets to compare with.",
    },
    # Commentary per reporting period
    "story.comment.period": {"nl": "Periode", "en": "Period"},
    "story.comment.year": {"nl": "heel {year}", "en": "the whole of {year}"},
    "story.comment.all": {
        "nl": "Alle toelichting bij deze KPI in {year}, per periode:",
        "en": "All commentary on this KPI in {year}, per period:",
    },
    "story.comment.col.period": {"nl": "Periode", "en": "Period"},
    "story.comment.col.lang": {"nl": "Taal", "en": "Language"},
    "story.comment.col.text": {"nl": "Tekst", "en": "Text"},
    "story.comment.col.author": {"nl": "Door", "en": "By"},
    "story.comment.col.written": {"nl": "Geschreven", "en": "Written"},
    "story.comment.unknown": {"nl": "onbekend (van vóór de perioden)", "en": "unknown (from before periods)"},
}
