"""Interface texts: sign-in, roles and the write guard."""

TEXTS: dict[str, dict[str, str]] = {
    "err.forbidden": {"nl": "{user} heeft de rol '{role}'; voor '{action}' is de rol '{needed}' nodig. "
                            "Er is niets gewijzigd.",
                      "en": "{user} has the role '{role}'; '{action}' needs the role '{needed}'. "
                            "Nothing was changed."},
    "fix.forbidden": {"nl": "Vraag de beheerder om de juiste rol.",
                      "en": "Ask the administrator for the right role."},
}
