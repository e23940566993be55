"""Interface texts: sign-in, roles and the write guard."""

TEXTS: dict[str, dict[str, str]] = {
    "err.forbidden": {
        "nl": "{user} heeft de rol '{role}'; voor '{action}' is de rol '{needed}' nodig. Er is niets gewijzigd.",
        "en": "{user} has the role '{role}'; '{action}' needs the role '{needed}'. Nothing was changed.",
    },
    "fix.forbidden": {"nl": "Vraag de beheerder om de juiste rol.", "en": "Ask the administrator for the right role."},
}

TEXTS |= {
    "auth.local_banner": {"nl": "lokale modus, zonder aanmelding", "en": "local mode, no sign-in"},
    "auth.signed_in_as": {"nl": "Aangemeld als", "en": "Signed in as"},
    "auth.role_line": {"nl": "Rol: {role}", "en": "Role: {role}"},
    "auth.role.viewer": {"nl": "kijker (viewer)", "en": "viewer"},
    "auth.role.editor": {"nl": "redacteur (editor)", "en": "editor"},
    "auth.role.admin": {"nl": "beheerder (admin)", "en": "admin"},
    "auth.sign_out": {"nl": "Afmelden", "en": "Sign out"},
    "auth.sign_in.title": {"nl": "Aanmelden", "en": "Sign in"},
    "auth.sign_in.body": {
        "nl": "Dit dashboard toont de interne cijfers van het team Internationaal ondernemen. "
        "Meld u aan met uw werkaccount om verder te gaan.",
        "en": "This dashboard shows the international business team's internal figures. "
        "Sign in with your work account to continue.",
    },
    "auth.sign_in.button": {"nl": "Aanmelden", "en": "Sign in"},
    "auth.no_access.title": {"nl": "Geen toegang", "en": "No access"},
    "auth.no_access.body": {
        "nl": "U bent aangemeld, maar uw account staat niet op de lijst van gebruikers van dit "
        "dashboard. Vraag de beheerder om u een rol te geven (kijker, redacteur of "
        "beheerder), of meld u af en gebruik een ander account.",
        "en": "You are signed in, but your account is not on this dashboard's list of users. "
        "Ask the administrator to give you a role (viewer, editor or admin), or sign "
        "out and use another account.",
    },
    "auth.closed.title": {
        "nl": "Geen cijfers zonder aanmelding op een netwerkadres",
        "en": "No figures without sign-in on a network address",
    },
    "auth.closed.body": {
        "nl": "Het dashboard draait zonder aanmelding, maar luistert niet alleen op deze computer: "
        "iedereen die het adres bereikt zou de interne cijfers zien en kunnen wijzigen. "
        "Daarom worden er geen cijfers getoond.",
        "en": "The dashboard runs without sign-in but does not listen on this computer only: "
        "anyone who reaches the address would see, and could change, the internal figures. "
        "So no figures are shown.",
    },
    "auth.closed.address": {"nl": "Adres van de server: {address}", "en": "Server address: {address}"},
    "auth.every_address": {"nl": "alle netwerkadressen", "en": "every network address"},
    "auth.closed.fix": {
        "nl": "Wat nu? Kies een van deze drie:\n\n"
        "1. Stel aanmelding in (`[auth]` in `.streamlit/secrets.toml`, zie de README onder "
        '"Sign-in and roles").\n'
        "2. Start het dashboard alleen voor deze computer: `make run` (adres 127.0.0.1).\n"
        "3. Sta bewust een open dashboard toe: `KPI_OPEN_DASHBOARD=view` (iedereen kijkt, "
        "niemand wijzigt) of `KPI_OPEN_DASHBOARD=edit`.",
        "en": "What now? Choose one of these three:\n\n"
        "1. Configure sign-in (`[auth]` in `.streamlit/secrets.toml`, see the README under "
        '"Sign-in and roles").\n'
        "2. Start the dashboard for this computer only: `make run` (address 127.0.0.1).\n"
        "3. Accept an open dashboard on purpose: `KPI_OPEN_DASHBOARD=view` (anyone reads, "
        "nobody changes) or `KPI_OPEN_DASHBOARD=edit`.",
    },
    "auth.broken.title": {"nl": "Aanmelding niet te lezen", "en": "Sign-in settings unreadable"},
    "auth.broken.body": {
        "nl": "Het bestand met de aanmeldinstellingen (.streamlit/secrets.toml) bestaat, maar kan "
        "niet worden gelezen. Er worden geen cijfers getoond. Herstel het bestand; de fout "
        "staat in het logboek van de server.",
        "en": "The sign-in settings file (.streamlit/secrets.toml) exists but cannot be read. No "
        "figures are shown. Repair the file; the error is in the server's log.",
    },
    # The Data page: what a role may not do here (the store's guard refuses it anyway)
    "auth.refused.import": {
        "nl": "Met de rol {role} kunt u de gegevens bekijken en downloaden, maar niet "
        "importeren: daarvoor is de rol redacteur (editor) nodig. Vraag de beheerder om "
        "die rol.",
        "en": "With the role {role} you can look at and download the data, but not import: "
        "that needs the role editor. Ask the administrator for that role.",
    },
    "auth.refused.edit": {
        "nl": "Met de rol {role} kunt u activiteiten niet bewerken: daarvoor is de rol redacteur (editor) nodig.",
        "en": "With the role {role} you cannot edit activities: that needs the role editor.",
    },
    "auth.refused.commentary": {
        "nl": "Met de rol {role} kunt u geen toelichting schrijven: daarvoor is de rol redacteur (editor) nodig.",
        "en": "With the role {role} you cannot write commentary: that needs the role editor.",
    },
    "auth.refused.rollback": {
        "nl": "Terugzetten kan alleen met de rol beheerder (admin).",
        "en": "Only the role admin can roll back.",
    },
    "auth.role.none": {"nl": "geen", "en": "none"},
}
