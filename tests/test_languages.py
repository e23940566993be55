"""One language table: Dutch and English formats as literals, and a third language that needs nothing but its entry."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from app import PAGES
from kpi import figures as fig
from kpi import fmt
from kpi.engine import kpi_table
from kpi.i18n import LANGS, TEXTS, incomplete, lang_or_default, t
from kpi.languages import DEFAULT, LANGUAGES, Language, language
from kpi.registry import KPI_KEYS, KPIS
from kpi.report import report_frame
from kpi.targets import Plan, Target
from tests.conftest import ROOT

MARCH = dt.date(2018, 3, 14)
YEAR_END = dt.date(2018, 12, 31)
PLAN = Plan("MJP 2017-2020", 2017, 2020)
ANNUAL = Plan("AP 2018", 2018, 2018)

# A made-up language "xx", written with Swiss German conventions (1'200, 31. Dezember 2018), so that every
# format below can only come from its entry: neither Dutch nor English writes any of them this way.
XX = Language(
    code="xx",
    name="Xish",
    locale="de_CH",
    short_date="dd.MM.y",
    long_date="d. MMMM y",
    month_year="MMMM y",
    day_month="d. MMMM",
    quarter_prefix="X",
    multi_year_plan="MJX",
    annual_plan="JX",
    place_form=1,
)


@pytest.fixture
def xx(monkeypatch: pytest.MonkeyPatch) -> str:
    """The language "xx" added as the README's "Adding a language" says, for one test: its entry in the
    language table, a text for every key and a label for every KPI (here the English one marked "[xx] ")."""
    monkeypatch.setitem(LANGUAGES, XX.code, XX)
    for entry in TEXTS.values():
        monkeypatch.setitem(entry, XX.code, "[xx] " + entry["en"])
    for kpi in KPIS:
        monkeypatch.setitem(kpi.labels, XX.code, "[xx] " + kpi.labels["en"])
        monkeypatch.setitem(kpi.shorts, XX.code, "[xx] " + kpi.shorts["en"])
    return XX.code


# --- Dutch and English, as literals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "thousands", "decimals", "month", "long", "quarter", "plan", "annual", "separators"),
    [
        ("nl", "1.200", "1.234,5", "maart 2018", "31 december 2018", "K1 2018", "MJP 2017-2020", "AP 2018", ",."),
        (
            "en",
            "1,200",
            "1,234.5",
            "March 2018",
            "31 December 2018",
            "Q1 2018",
            "multi-year plan 2017-2020",
            "annual plan 2018",
            ".,",
        ),
    ],
)
def test_dutch_and_english_formats(lang, thousands, decimals, month, long, quarter, plan, annual, separators):
    """Numbers, dates, quarters, plan names and Plotly's separators as the report writes them in each language."""
    assert fmt.number(1200, lang) == thousands
    assert fmt.number(1234.5, lang, decimals=1) == decimals
    assert fmt.month(MARCH, lang) == month
    assert fmt.date(YEAR_END, lang) == long
    assert fmt.quarter(2018, 1, lang) == quarter
    assert fmt.plan_name(PLAN, lang) == plan and fmt.plan_name(ANNUAL, lang) == annual
    assert fmt.separators(lang) == separators


def test_dutch_and_english_table_entries():
    """The table's other entries: own names, month names, the date picker's format and the place-name form."""
    nl, en = language("nl"), language("en")
    assert (nl.name, en.name) == ("Nederlands", "English")
    assert nl.month_names[2] == "maart" and en.month_names[11] == "December" and len(nl.month_names) == 12
    assert (nl.date_input, en.date_input) == ("DD-MM-YYYY", "DD/MM/YYYY")
    assert (nl.decimal, nl.thousands, en.decimal, en.thousands) == (",", ".", ".", ",")
    assert t("table.plan", "nl", period="2017-2020") == "MJP 2017-2020"
    assert t("table.annual", "en", year="'18") == "Annual plan '18"


def test_default_and_unknown_language():
    """Dutch is the default; an unknown or missing code falls back to it everywhere, never to an error."""
    assert DEFAULT == "nl" and set(LANGS) == {"nl", "en"}
    assert lang_or_default("fr") == "nl" and lang_or_default(None) == "nl" and lang_or_default("en") == "en"
    assert language("fr") is language("nl")
    assert fmt.number(1200, "fr") == "1.200" and fmt.quarter(2018, 2, "fr") == "K2 2018"


def test_language_names_in_each_language():
    """A language named in the reader's language (the commentary boxes): 'Engels' in Dutch, 'Dutch' in English."""
    assert fmt.language_name("en", "nl") == "Engels" and fmt.language_name("nl", "en") == "Dutch"
    assert t("data.comment.in", "nl", language=fmt.language_name("nl", "nl")) == "Toelichting (Nederlands)"


# --- A third language ----------------------------------------------------------------------------------------------


def test_a_missing_text_is_found(xx):
    """The completeness check names a text that lacks the new language."""
    assert incomplete() == []
    del TEXTS["status.achieved"][xx]
    assert incomplete() == ["status.achieved: xx"]


def test_third_language_is_supported(xx):
    """Registered like any language: accepted by ?lang=, its texts and KPI labels are used."""
    assert "xx" in LANGS and lang_or_default("xx") == "xx"
    assert t("target.undefined", xx) == "[xx] not defined"
    assert KPIS.by_key["missions"].short(xx) == "[xx] Trade missions"


def test_third_language_formats(xx):
    """A number, dates, a quarter, targets and plan names come out in the new language's conventions."""
    assert fmt.number(1200, xx) == "1'200"
    assert fmt.number(1234.5, xx, decimals=1) == "1'234.5"
    assert fmt.month(MARCH, xx) == "März 2018"
    assert fmt.date(YEAR_END, xx) == "31. Dezember 2018"
    assert fmt.day_month(dt.date(2018, 6, 30), xx) == "30. Juni"
    assert fmt.quarter(2018, 3, xx) == "X3 2018"
    assert fmt.target(Target(24, 32), xx) == "24-32"
    assert fmt.target(Target(1200, 1200), xx) == "1'200"
    assert fmt.target(Target(), xx) == "[xx] not defined"
    assert fmt.plan_name(PLAN, xx) == "MJX 2017-2020" and fmt.plan_name(ANNUAL, xx) == "JX 2018"
    assert fmt.separators(xx) == ".'"
    assert XX.date_input == "DD.MM.YYYY"


def test_third_language_figure(xx, demo_activities, demo_targets):
    """The plan figure in the new language: its separators, plan name, date, texts and KPI labels."""
    table = kpi_table(demo_activities, demo_targets, 2018, lang=xx)
    figure = fig.cumulative_vs_plan_figure(table, KPI_KEYS, xx, as_of=YEAR_END)
    bars = figure.data[0]  # then the expected values and, while the plan runs, its end forecast
    position = list(KPI_KEYS).index("matchmaking_meetings")
    assert figure.layout.separators == ".'"
    assert figure.layout.title.text == "[xx] Cumulative against the plan target"
    assert figure.layout.title.subtitle.text == "MJX 2017-2020 · [xx] As of 31. Dezember 2018"
    assert bars.customdata[position] == "605 of 1'200, expected 600"
    assert bars.y[position].startswith("[xx] Matchmaking conversations<br>")


def test_third_language_report_table(xx, demo_activities, demo_targets):
    """The report's KPI table in the new language: headers, labels and the matchmaking row (1'200, 300, 211, 605)."""
    table = kpi_table(demo_activities, demo_targets, 2018, lang=xx)
    frame = report_frame(table, demo_targets, 2018, xx)
    assert list(frame.columns) == [
        "[xx] KPI",
        "[xx] Multi-year plan '17-'20",
        "[xx] Annual plan '18",
        "[xx] Realised '18",
        "[xx] Realised cum. ('17-'18)",
    ]
    rows = {row[0]: row[1:] for row in frame.values.tolist()}
    assert rows["[xx] Matchmaking conversations"] == ["1'200", "300", "211", "605"]
    assert rows["[xx] Company visits"] == ["[xx] not defined", "30", "119", "139"]


def test_third_language_leaves_no_trace(demo_activities):
    """After the test the table is back to Dutch and English (the dummy was added for one test only)."""
    assert set(LANGS) == {"nl", "en"} and all("xx" not in entry for entry in TEXTS.values())
    assert all("xx" not in kpi.labels for kpi in KPIS)


@pytest.mark.parametrize("path", [path for path, *_ in PAGES])
def test_third_language_pages_render(xx, path, isolated_store):
    """Every page runs in the new language without an exception, with the switch on it and its texts shown."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = xx
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.sidebar.segmented_control] == [xx]
    shown = [e.value for kind in (at.title, at.subheader, at.caption, at.markdown) for e in kind]
    assert any("[xx] " in str(value) for value in shown)
