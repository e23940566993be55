"""Interface texts: closed by default (requests that are not local, sign-ins that no longer count)."""

TEXTS: dict[str, dict[str, str]] = {
    "closed.reason.proxy": {
        "nl": "Dit verzoek komt via een proxy (het draagt de kopregels van een proxy), dus niet van deze computer "
        "zelf. Zonder aanmelding toont het dashboard dan geen cijfers.",
        "en": "This request comes through a proxy (it carries a proxy's headers), so not from this computer itself. "
        "Without sign-in the dashboard then shows no figures.",
    },
    "closed.reason.peer": {
        "nl": "Dit verzoek komt van een andere computer. Zonder aanmelding toont het dashboard alleen cijfers aan "
        "wie op deze computer zelf werkt.",
        "en": "This request comes from another computer. Without sign-in the dashboard shows figures only to the "
        "person working on this computer itself.",
    },
    "closed.reason.host": {
        "nl": "Dit verzoek noemt een andere servernaam dan deze computer (localhost, 127.0.0.1 of ::1). Zonder "
        "aanmelding toont het dashboard dan geen cijfers: een website kan zo'n naam naar deze computer laten wijzen.",
        "en": "This request names a server other than this computer (localhost, 127.0.0.1 or ::1). Without sign-in "
        "the dashboard then shows no figures: a web site can make such a name point to this computer.",
    },
    "auth.needs_auth.title": {
        "nl": "Aanmelding vereist op deze server",
        "en": "Sign-in required on this server",
    },
    "closed.needs_auth.body": {
        "nl": "Deze server is ingericht voor het netwerk (server.allowedHosts noemt een openbare naam), maar er is "
        "geen aanmelding ingesteld. Er worden geen cijfers getoond. Stel `[auth]` in (zie SECURITY.md en "
        "docs/deployment.md).",
        "en": "This server is set up for the network (server.allowedHosts names a public host), but no sign-in is "
        "configured. No figures are shown. Configure `[auth]` (see SECURITY.md and docs/deployment.md).",
    },
    "auth.oversized.title": {"nl": "Account niet te gebruiken", "en": "Account cannot be used"},
    "closed.oversized.body": {
        "nl": "De aanmeldgegevens van dit account (naam of e-mailadres) zijn langer dan een echt account heeft. "
        "Meld u af en gebruik een ander account, of vraag de beheerder van uw identiteitsprovider het te herstellen.",
        "en": "This account's sign-in details (name or e-mail address) are longer than a real account's. Sign out "
        "and use another account, or ask your identity provider's administrator to repair it.",
    },
    "closed.refused.expired": {
        "nl": "Uw aanmelding is verlopen. Meld u opnieuw aan.",
        "en": "Your sign-in has expired. Please sign in again.",
    },
    "closed.refused.too_old": {
        "nl": "Uw aanmelding is ouder dan de ingestelde tijd. Meld u opnieuw aan.",
        "en": "Your sign-in is older than the set time. Please sign in again.",
    },
    "closed.refused.signed_out": {
        "nl": "U bent afgemeld. Meld u opnieuw aan om verder te gaan.",
        "en": "You have signed out. Sign in again to continue.",
    },
    "closed.pack_not_recorded": {
        "nl": "Het bestuurspakket is gemaakt, maar niet vastgelegd: alleen een redacteur (editor) legt een pakket "
        "vast als vergelijkingspunt voor later.",
        "en": "The board pack was built but not recorded: only an editor records a pack as the point later "
        "comparisons start from.",
    },
    "closed.store_place": {"nl": "de server", "en": "the server"},
    "closed.database_place": {"nl": "op de server", "en": "on the server"},
    "closed.store_reason": {
        "nl": "de reden staat in het logboek van de server",
        "en": "the reason is in the server's log",
    },
    "closed.house.template": {
        "nl": "De PowerPoint-sjabloon (--template of de instelling board_template) is niet te openen als "
        "PowerPoint-bestand (.pptx). Sla het op als .pptx.",
        "en": "The PowerPoint template (--template or the board_template setting) cannot be opened as a PowerPoint "
        "file (.pptx). Save it as .pptx.",
    },
    "closed.house.logo": {
        "nl": "Het logo (de instelling board_logo) is niet te lezen. Geef het pad van een afbeelding.",
        "en": "The logo (the board_logo setting) cannot be read. Give the path of an image.",
    },
    "closed.house.colours": {
        "nl": "De instelling board_colours bevat iets wat geen kleur (#RRGGBB) is: {value}.",
        "en": "The board_colours setting holds something that is not a colour (#RRGGBB): {value}.",
    },
    "closed.template_unusable": {
        "nl": "De huisstijl (sjabloon, logo of kleuren) is niet te gebruiken; het pakket krijgt de standaardopmaak. "
        "De reden staat in het logboek van de server.",
        "en": "The house style (template, logo or colours) cannot be used; the pack gets the default layout. The "
        "reason is in the server's log.",
    },
}
