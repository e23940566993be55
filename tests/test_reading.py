"""The interface speaking about itself: one link notice, history sentences and times, labels, region options."""

from __future__ import annotations

import pandas as pd
import pytest

from kpi.diff import diff_frames
from kpi.filters import by_label, country_regions, region_options, sort_key
from kpi.reading import history_sentence, ignored_notice, labelled, labelled_diff, local_time, user_name
from ui.a11y import builtin_words


def test_one_notice_names_every_ignored_value_with_what_is_shown():
    """Three bad link values make one sentence, each with its own replacement, in the order they were met."""
    items = [("year", "2030", "2018"), ("style", "pie", "gestapeld"), ("asof", "2018-13-01", "31 december 2018")]
    assert ignored_notice(items, "nl") == (
        "Genegeerd uit de link: year = `2030` (getoond: 2018); style = `pie` (getoond: gestapeld); "
        "asof = `2018-13-01` (getoond: 31 december 2018)."
    )


def test_a_value_named_twice_is_listed_once():
    """A name met again (a rerun, a second check) is listed once, with its last replacement."""
    items = [("year", "2030", "2018"), ("lang", "fr", "Nederlands"), ("year", "2031", "2017")]
    assert (
        ignored_notice(items, "en")
        == "Ignored from the link: lang = `fr` (shown: Nederlands); year = `2031` (shown: 2017)."
    )


def test_link_values_stay_text_in_the_notice():
    """A value with Markdown marks is a code span; a replacement with marks is escaped."""
    text = ignored_notice([("countries", "**XX**", "*alle*")], "nl")
    assert text == "Genegeerd uit de link: countries = `**XX**` (getoond: \\*alle\\*)."


@pytest.mark.parametrize(
    ("action", "description", "lang", "sentence"),
    [
        (
            "import",
            "activities update: +1 ~0 -0",
            "nl",
            "activiteiten bijgewerkt (toevoegen en bijwerken): 1 toegevoegd",
        ),
        ("import", "targets replace: +2 ~1 -3", "en", "targets updated (replace all): 2 added, 1 changed, 3 removed"),
        ("import", "activities add: +1200 ~0 -0", "nl", "activiteiten bijgewerkt (alleen toevoegen): 1.200 toegevoegd"),
        (
            "import",
            "activities update: +0 ~0 -0",
            "nl",
            "activiteiten bijgewerkt (toevoegen en bijwerken): niets gewijzigd",
        ),
        ("edit", "activities edit: +0 ~2 -1", "nl", "activiteiten bewerkt: 2 gewijzigd, 1 verwijderd"),
        ("edit", "activity M19-001 added by hand", "nl", "activiteit M19-001 met de hand toegevoegd"),
        ("edit", "activity BB17-001 corrected by hand", "nl", "activiteit BB17-001 met de hand gecorrigeerd"),
        ("edit", "activity IB 18-02 removed by hand", "en", "activity IB 18-02 removed by hand"),
        ("edit", "activity BB17-001 removed by hand", "nl", "activiteit BB17-001 met de hand verwijderd"),
        ("edit", "targets MJP 2017-2020: +0 ~1 -0", "nl", "doelen van MJP 2017-2020 bewerkt: 1 gewijzigd"),
        ("edit", "targets AP 2019 (new plan): +7 ~0 -0", "nl", "nieuw plan AP 2019 met doelen: 7 toegevoegd"),
        ("edit", "targets AP 2019 (new plan): +7 ~0 -0", "en", "new plan AP 2019 with targets: 7 added"),
        ("rollback", "roll-back to v3", "nl", "v3 weer actueel gemaakt"),
        ("rollback", "roll-back to v3", "en", "v3 made current again"),
        ("commentary", "commentary missions 2018", "nl", "toelichting bij Handelsmissies (2018) bewerkt"),
        ("init", "demo data", "en", "demo data loaded"),
        ("import", "something the CLI wrote", "nl", "something the CLI wrote"),
    ],
)
def test_history_actions_read_as_sentences(action, description, lang, sentence):
    """Each manifest description reads as a sentence in the user's language; an unknown one as written."""
    assert history_sentence(action, description, lang) == sentence


def test_history_times_are_amsterdam_times():
    """UTC times are shown on the Amsterdam clock: +1 h in winter, +2 h in summer, with the long date."""
    assert local_time("2018-12-03T13:05:00+00:00", "nl") == "3 december 2018 14:05"
    assert local_time("2018-07-03T23:30:00+00:00", "en") == "4 July 2018 01:30"  # past midnight: the next day


def test_local_user_is_named_in_the_language():
    """Local mode's one user reads 'lokaal' in Dutch and 'local' in English; other names as they are."""
    assert (user_name("lokaal", "nl"), user_name("lokaal", "en"), user_name("Ada Admin", "en")) == (
        "lokaal",
        "local",
        "Ada Admin",
    )


def test_history_tables_use_the_dashboard_labels():
    """Column names and codes read as the dashboard labels them; the derived year column is left out."""
    frame = pd.DataFrame(
        {
            "activity_id": ["A1"],
            "date": [pd.Timestamp("2018-03-12")],
            "activity_type": ["mission"],
            "direction": ["outgoing"],
            "role": ["lead"],
            "year": [2018],
        }
    )
    assert labelled(frame, "nl").iloc[0].to_dict() == {
        "Activiteit-id": "A1",
        "Datum": pd.Timestamp("2018-03-12"),
        "Soort activiteit": "Handelsmissie",
        "Richting": "Uitgaand",
        "Rol": "Lead-partner",
    }
    assert list(labelled(pd.DataFrame({"kpi": ["missions"], "plan": ["AP 2018"]}), "en").iloc[0]) == [
        "Trade missions (incoming and outgoing)",
        "AP 2018",
    ]


def test_labelled_diff_keeps_counts_and_marks():
    """A labelled difference has the same counts; its changed-cell marks follow the renamed columns."""
    old = pd.DataFrame({"activity_id": ["A1", "A2"], "direction": ["incoming", "outgoing"]})
    new = pd.DataFrame({"activity_id": ["A1", "A3"], "direction": ["outgoing", "outgoing"]})
    change = labelled_diff(diff_frames(old, new, ("activity_id",)), "nl")
    assert change.counts == {"added": 1, "changed": 1, "removed": 1, "unchanged": 0}
    assert change.changed.iloc[0].to_dict() == {"Activiteit-id": "A1", "Richting": "Uitgaand"}
    assert change.changed_columns().tolist() == [["Richting"]]


def test_region_filter_follows_the_country_filter():
    """With countries chosen only their regions are offered; without, every region."""
    missions = pd.DataFrame(
        {"country": ["DE", "DE", "CN", "US", "DE"], "region": ["Bavaria", "Saxony", "Jiangsu", None, "Bavaria"]}
    )
    by_country = country_regions(missions)
    assert by_country == {"DE": ("Bavaria", "Saxony"), "CN": ("Jiangsu",)}
    regions = ["Bavaria", "Jiangsu", "Saxony"]
    assert region_options(regions, by_country, []) == regions
    assert region_options(regions, by_country, ["CN"]) == ["Jiangsu"]
    assert region_options(regions, by_country, ["DE", "CN"]) == ["Bavaria", "Jiangsu", "Saxony"]
    assert region_options(regions, by_country, ["US"]) == []


def test_options_sort_by_the_names_the_user_reads():
    """Country codes sort by their Dutch names (Duitsland before Verenigd Koninkrijk, België first); accents and
    case do not move a name."""
    names = {"DE": "Duitsland", "GB": "Verenigd Koninkrijk", "BE": "België", "CN": "China", "AT": "Oostenrijk"}
    assert by_label(list(names), names.__getitem__) == ["BE", "CN", "DE", "AT", "GB"]
    assert sort_key("Île-de-France") == "ile-de-france"


def test_streamlit_texts_have_their_dutch_words():
    """In Dutch the built-in English texts are replaced; in English the Dutch ones are put back."""
    nl, en = builtin_words("nl"), builtin_words("en")
    assert nl["Skip to main content"] == "Naar de hoofdinhoud" and nl["Upload"] == "Bestand kiezen"
    assert en["Naar de hoofdinhoud"] == "Skip to main content"
    assert not set(nl.values()) & set(en.values())  # no word is both a Dutch and an English result
