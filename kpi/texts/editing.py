"""Interface texts for editing plans, targets and single activities by hand, and for target revisions."""

TEXTS: dict[str, dict[str, str]] = {
    # A target revision in the KPI's history, the Overview, the board pack and the presentation
    "edit.revision": {
        "nl": "doel {plan} {kpi} herzien op {date} van {old} naar {new}: {reason}; door {user}",
        "en": "target {plan} {kpi} revised on {date} from {old} to {new}: {reason}; by {user}",
    },
    "edit.revisions.title": {"nl": "Herzieningen van doelen", "en": "Target revisions"},
    "edit.revisions.none": {"nl": "Er zijn nog geen doelen herzien.", "en": "No target has been revised yet."},
    "edit.revisions.all": {"nl": "alle KPI's", "en": "every KPI"},
    # Problems of an edit (err.<code>: what is wrong; fix.<code>: what to do)
    "err.reason_required": {
        "nl": "Een bestaand doel is gewijzigd, maar er is geen reden opgegeven.",
        "en": "An existing target was changed, but no reason was given.",
    },
    "fix.reason_required": {
        "nl": "Schrijf kort waarom het doel is herzien (bijvoorbeeld 'extra budget').",
        "en": "Say briefly why the target was revised (for example 'extra budget').",
    },
    "err.reason_too_long": {
        "nl": "De reden is langer dan {max} tekens.",
        "en": "The reason is longer than {max} characters.",
    },
    "fix.reason_too_long": {"nl": "Maak de reden korter.", "en": "Make the reason shorter."},
    "err.reason_chars": {
        "nl": "De reden bevat onzichtbare tekens of stuurtekens.",
        "en": "The reason contains invisible or control characters.",
    },
    "fix.reason_chars": {
        "nl": "Typ de reden opnieuw, zonder te plakken uit een webpagina of document.",
        "en": "Type the reason again, without pasting from a web page or document.",
    },
    "err.id_taken": {"nl": "Deze activiteit-id bestaat al.", "en": "This activity id already exists."},
    "fix.id_taken": {
        "nl": "Geef de activiteit een nieuwe id, of corrigeer de bestaande activiteit.",
        "en": "Give the activity a new id, or correct the existing activity.",
    },
    "err.no_activity": {"nl": "Er is geen activiteit met deze id.", "en": "There is no activity with this id."},
    "fix.no_activity": {"nl": "Kies een bestaande activiteit.", "en": "Choose an existing activity."},
    "err.plan_years_unknown": {
        "nl": "Plan {plan!r} bestaat nog niet en het label noemt geen jaren.",
        "en": "Plan {plan!r} does not exist yet and its label names no years.",
    },
    "fix.plan_years_unknown": {
        "nl": "Geef --start-year en --end-year, of een label als 'AP 2019' of 'MJP 2021-2024'.",
        "en": "Give --start-year and --end-year, or a label like 'AP 2019' or 'MJP 2021-2024'.",
    },
    "err.unknown_kpi": {"nl": "Onbekende KPI {kpi!r}.", "en": "Unknown KPI {kpi!r}."},
    "fix.unknown_kpi": {"nl": "Kies een van: {allowed}.", "en": "Choose one of: {allowed}."},
    # The command line
    "edit.cli.saved": {
        "nl": "Opgeslagen als versie {version}: {description}.",
        "en": "Saved as version {version}: {description}.",
    },
    "edit.cli.no_change": {
        "nl": "Dit doel is al {target}; er is niets opgeslagen.",
        "en": "This target already is {target}; nothing was saved.",
    },
    "edit.cli.refused": {
        "nl": "Het doel is niet opgeslagen: {count} probleem/problemen. Er is niets gewijzigd.",
        "en": "The target was not saved: {count} problem(s). Nothing was changed.",
    },
    "edit.cli.field": {"nl": "{field}: {message}", "en": "{field}: {message}"},
    "edit.cli.no_targets": {"nl": "Er zijn nog geen doelen opgeslagen.", "en": "No targets are stored yet."},
    # The plan editor and the activity form
    "edit.problems": {
        "nl": "{count} probleem/problemen: verbeter de gemarkeerde velden. Er is niets opgeslagen.",
        "en": "{count} problem(s): correct the marked fields. Nothing was saved.",
    },
    "edit.no_change": {"nl": "Er is niets gewijzigd.", "en": "Nothing was changed."},
    # The plan editor
    "data.tab.plans": {"nl": "Plannen en doelen", "en": "Plans and targets"},
    "data.tab.activity": {"nl": "Eén activiteit", "en": "One activity"},
    "edit.plan.new": {"nl": "Nieuw plan toevoegen …", "en": "Add a new plan …"},
    "edit.plan.kind": {"nl": "Soort plan", "en": "Kind of plan"},
    "edit.plan.annual": {"nl": "Jaarplan", "en": "Annual plan"},
    "edit.plan.multi": {"nl": "Meerjarenplan", "en": "Multi-year plan"},
    "edit.plan.start": {"nl": "Eerste jaar", "en": "First year"},
    "edit.plan.end": {"nl": "Laatste jaar", "en": "Last year"},
    "edit.plan.label": {"nl": "Label", "en": "Label"},
    "edit.plan.label_help": {
        "nl": "Voorgesteld uit de plannamen van de taal; u mag het aanpassen.",
        "en": "Proposed from the language's plan names; you may change it.",
    },
    "edit.plan.period": {"nl": "{label}: {start} tot en met {end}", "en": "{label}: {start} to {end}"},
    "edit.targets.help": {
        "nl": "Per KPI een bereik (min en max), één getal (alleen min) of niets (niet gedefinieerd). "
        "Dezelfde regels als bij importeren; problemen staan naast hun cel.",
        "en": "Per KPI a range (min and max), a single number (min only) or nothing (not defined). "
        "The same rules as an import; problems show beside their cell.",
    },
    "edit.targets.min": {"nl": "Min", "en": "Min"},
    "edit.targets.max": {"nl": "Max", "en": "Max"},
    "edit.targets.now": {"nl": "Nu opgeslagen", "en": "Stored now"},
    "edit.targets.target": {"nl": "Doel", "en": "Target"},
    "edit.targets.cell": {"nl": "{kpi} {column}", "en": "{kpi} {column}"},
    "edit.targets.reason": {"nl": "Reden van de herziening", "en": "Reason for the revision"},
    "edit.targets.reason_help": {
        "nl": "Bestaande doelen zijn gewijzigd: {changes}. De reden komt in de geschiedenis van de KPI.",
        "en": "Existing targets were changed: {changes}. The reason goes into the KPI's history.",
    },
    "edit.targets.save": {"nl": "Plan en doelen opslaan", "en": "Save plan and targets"},
    # The activity form
    "edit.act.mode": {"nl": "Wat wilt u doen?", "en": "What would you like to do?"},
    "edit.act.add": {"nl": "Activiteit toevoegen", "en": "Add an activity"},
    "edit.act.correct": {"nl": "Activiteit corrigeren", "en": "Correct an activity"},
    "edit.act.remove": {"nl": "Activiteit verwijderen", "en": "Remove an activity"},
    "edit.act.pick": {"nl": "Activiteit (id of titel)", "en": "Activity (id or title)"},
    "edit.act.theme_new": {"nl": "Nieuw thema …", "en": "New theme …"},
    "edit.act.theme_name": {"nl": "Naam van het nieuwe thema", "en": "Name of the new theme"},
    "edit.act.none": {"nl": "(geen)", "en": "(none)"},
    "edit.act.diff": {"nl": "Wat er verandert", "en": "What changes"},
    "edit.act.save": {"nl": "Activiteit opslaan", "en": "Save activity"},
    "edit.act.confirm_remove": {
        "nl": "Ja, verwijder activiteit {id}: dit wordt een nieuwe versie, de oude blijft bewaard.",
        "en": "Yes, remove activity {id}: this becomes a new version, the old one is kept.",
    },
    "edit.act.do_remove": {"nl": "Verwijderen", "en": "Remove"},
    "edit.act.empty": {"nl": "Er zijn nog geen activiteiten.", "en": "There are no activities yet."},
    # A version saved by the activity form, as the history reads it
    "edit.history.added": {"nl": "activiteit {id} met de hand toegevoegd", "en": "activity {id} added by hand"},
    "edit.history.corrected": {
        "nl": "activiteit {id} met de hand gecorrigeerd",
        "en": "activity {id} corrected by hand",
    },
    "edit.history.removed": {"nl": "activiteit {id} met de hand verwijderd", "en": "activity {id} removed by hand"},
}
