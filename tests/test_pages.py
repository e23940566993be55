"""AppTest: the dashboard pages render, filters give the report's numbers, and the URL restores a view."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import PAGES
from kpi import dashboard as vm
from kpi import figures as fig
from kpi.access import local_actor
from kpi.engine import kpi_table
from kpi.filters import ActivityFilter
from kpi.i18n import t
from kpi.registry import get_kpi
from kpi.store import open_store
from tests.conftest import ROOT
from tests.html_tables import html_tables
from ui import figure_cache


def script(name: str) -> str:
    """The script of a page by its URL path, as app.py routes it (so a renamed file does not break the tests)."""
    return next(path for path, *_, url_path in PAGES if url_path == name)


DASHBOARD_PAGES = tuple(script(n) for n in ("overview", "missions", "trends", "services"))


def _run(page: str, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _missions_table(at: AppTest) -> pd.DataFrame:
    """The missions table as the page shows it (an HTML table whose cells wrap), read back from its HTML."""
    html = next(h.proto.body for h in at.get("html") if "wrapped-table" in h.proto.body)
    return pd.read_html(io.StringIO(html), keep_default_na=False)[0]


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page_script", DASHBOARD_PAGES)
def test_page_renders_in_both_languages(page_script, lang, isolated_store):
    """Every dashboard page runs without an exception in Dutch and English and shows a title."""
    at = _run(page_script, lang=lang)
    assert at.title and at.title[0].value


def test_missions_2018_china(isolated_store):
    """2018 + China shows 4 missions: 3 incoming and 1 outgoing."""
    at = _run(script("missions"), years="2018-2018", countries="CN")
    metrics = _metrics(at)
    assert metrics[get_kpi("missions").short("nl")] == "4"
    assert metrics[t("dash.missions.incoming", "nl")] == "3"
    assert metrics[t("dash.missions.outgoing", "nl")] == "1"
    table = _missions_table(at)
    assert len(table) == 4
    assert set(table[t("col.country", "nl")]) == {"China"}


def test_missions_2018_germany_outgoing(isolated_store):
    """2018 + Germany + outgoing lists exactly the three Bavaria missions, Thuringia and Stuttgart."""
    at = _run(script("missions"), years="2018-2018", countries="DE", directions="outgoing")
    table = _missions_table(at)
    # Place names in the page's language: Bavaria and Thuringia are Beieren and Thüringen in Dutch.
    assert sorted(table[t("col.region", "nl")]) == ["Baden-Württemberg", "Beieren", "Beieren", "Beieren", "Thüringen"]
    assert "Stuttgart" in set(table[t("col.city", "nl")])
    assert set(table[t("col.direction", "nl")]) == {t("direction.outgoing", "nl")}
    assert _metrics(at)[get_kpi("missions").short("nl")] == "5"


def test_missions_figures_follow_the_filter(isolated_store, demo_activities):
    """The KPI figures on the missions page equal the kpi functions for the same filter."""
    at = _run(script("missions"), years="2017-2018", themes="Smart Manufacturing")
    expected = vm.mission_totals(vm.filtered_missions(demo_activities, ActivityFilter(themes=("Smart Manufacturing",))))
    metrics = _metrics(at)
    assert metrics[get_kpi("mission_companies").short("nl")] == str(expected["mission_companies"])
    assert metrics[t("dash.missions.matchmaking", "nl")] == str(expected["matchmaking_meetings"])


def test_missions_empty_selection_shows_a_sentence(isolated_store):
    """A filter that matches nothing shows a sentence, not an error or an empty chart."""
    at = _run(script("missions"), years="2017-2017", countries="JP")
    assert any(t("dash.empty_missions", "nl") in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_url_restores_the_missions_view(isolated_store):
    """Query parameters set the filter widgets, in the user's language."""
    at = _run(script("missions"), lang="en", years="2018-2018", countries=["CN", "DE"], roles="lead")
    assert at.multiselect(key="missions.countries").value == ["CN", "DE"]
    assert at.multiselect(key="missions.roles").value == ["lead"]
    assert at.slider(key="missions.years").value == (2018, 2018)
    assert at.title[0].value == t("dash.missions.title", "en")


def test_widget_change_writes_the_url(isolated_store):
    """Changing a filter puts it in the URL; clearing it removes it again."""
    at = _run(script("missions"))
    at.multiselect(key="missions.countries").set_value(["US"]).run()
    assert at.query_params["countries"] == "US"
    assert _metrics(at)[get_kpi("missions").short("nl")] == "4"
    at.multiselect(key="missions.countries").set_value([]).run()
    assert "countries" not in at.query_params


def test_filters_survive_a_page_switch(isolated_store):
    """A filter set on the missions page is there again after visiting another page."""
    at = _run(script("missions"))
    at.multiselect(key="missions.countries").set_value(["CN"]).run()
    at.switch_page(script("overview")).run()
    at.query_params.clear()  # the navigation may drop the query string on a page switch
    at.switch_page(script("missions")).run()
    assert not at.exception
    assert at.multiselect(key="missions.countries").value == ["CN"]
    assert at.query_params["countries"] == "CN"


def test_overview_year_from_url_and_cards(isolated_store, demo_activities, demo_targets):
    """?year=2017 shows 2017's cards whose values equal the engine's table."""
    at = _run(script("overview"), year="2017")
    assert at.selectbox(key="overview.year").value == 2017
    table = kpi_table(demo_activities, demo_targets, 2017).to_frame()
    metrics = _metrics(at)
    for row in table.itertuples():
        assert metrics[get_kpi(row.kpi).short("nl")] == vm.fmt.number(row.realized, "nl")


def test_overview_defaults_to_latest_year_and_shows_status_words(isolated_store, demo_activities):
    """Without a year the overview shows the latest year, with status words next to the icons."""
    at = _run(script("overview"))
    assert at.selectbox(key="overview.year").value == vm.latest_year(demo_activities)
    text = " ".join(m.value for m in at.markdown)
    assert t("status.exceeded", "nl") in text and t("status.missed", "nl") in text


def test_overview_as_of_in_url(isolated_store):
    """?asof= sets the as-of date and changes the realised figures (mid-year has fewer missions)."""
    full = _metrics(_run(script("overview"), year="2018"))
    mid = _run(script("overview"), year="2018", asof="2018-06-30")
    assert str(mid.selectbox(key="overview.asof_pick").value) == "2018-06-30"
    label = get_kpi("missions").short("nl")
    assert int(_metrics(mid)[label]) < int(full[label])


def test_language_switch_writes_lang(isolated_store):
    """Switching to English puts lang=en in the URL and translates the page."""
    at = _run(script("services"))
    at.segmented_control(key="w.lang").set_value("en").run()
    assert at.query_params["lang"] == "en"
    assert at.title[0].value == t("dash.services.title", "en")


def test_services_conversion_2018(isolated_store, demo_activities):
    """The services page shows 119 visits, 68 services and their conversion in 2018."""
    at = _run(script("services"), year="2018")
    funnel = vm.service_funnel(demo_activities, 2018)
    metrics = _metrics(at)
    assert (funnel["visits"], funnel["services"]) == (119, 68)
    assert metrics[t("dash.services.visits", "nl")] == "119"
    assert metrics[t("dash.services.services", "nl")] == "68"
    assert metrics[t("dash.services.conversion", "nl")] == vm.fmt.percent(68 / 119, "nl")


def test_trends_choices_from_url(isolated_store):
    """?kpi=&period=&breakdown=&style= set the trend controls."""
    at = _run(script("trends"), kpi="matchmaking_meetings", period="quarter", breakdown="theme", style="lines")
    assert at.selectbox(key="trends.kpi").value == "matchmaking_meetings"
    assert at.segmented_control(key="trends.period").value == "quarter"
    assert at.segmented_control(key="trends.breakdown").value == "theme"
    assert at.segmented_control(key="trends.style").value == "lines"


def test_bad_url_values_fall_back(isolated_store):
    """Unknown values in the URL are ignored instead of breaking the page."""
    at = _run(script("trends"), kpi="nope", period="decade", breakdown="planet")
    assert at.selectbox(key="trends.kpi").value == "missions"
    at = _run(script("missions"), years="abc", countries="XX")
    assert at.multiselect(key="missions.countries").value == []


def test_changing_the_year_drops_the_old_as_of(isolated_store):
    """Picking another year removes an as-of date of the previous year from the URL."""
    at = _run(script("overview"), year="2018", asof="2018-06-30")
    at.selectbox(key="overview.year").set_value(2017).run()
    assert at.query_params["year"] == "2017"
    assert "asof" not in at.query_params
    assert str(at.selectbox(key="overview.asof_pick").value) == "2017-12-31"


def test_overview_report_table_and_downloads(isolated_store, demo_activities, demo_targets):
    """The overview shows the report's table for the chosen year with CSV and XLSX buttons."""
    from kpi.report import report_frame

    at = _run(script("overview"), year="2018")
    names = [b.proto.label for b in at.get("download_button")]
    assert names == [t("dash.download_csv", "nl"), t("dash.download_xlsx", "nl")]
    expected = report_frame(kpi_table(demo_activities, demo_targets, 2018), demo_targets, 2018, "nl")
    shown = html_tables(at)[0]  # a static table since issue 23 (was st.dataframe): every cell as the reader sees it
    assert shown.equals(expected)


def _plain(text: str) -> str:
    """Markdown source as the reader sees it (user text is shown with every special character escaped)."""
    return re.sub(r"\\(.)", r"\1", text)


def _warnings(at: AppTest) -> str:
    return _plain(" ".join(w.value for w in at.warning))


def test_any_as_of_date_opens_the_date_field(isolated_store):
    """A date that is not a month end shows 'other date' with the date itself in a date field."""
    at = _run(script("overview"), year="2018", asof="2018-06-15")
    assert at.selectbox(key="overview.asof_pick").value == "custom"
    assert str(at.date_input(key="overview.asof").value) == "2018-06-15"
    labels = at.selectbox(key="overview.asof_pick").options
    assert "30 juni 2018 (K2)" in labels and "31 december 2018 (einde jaar)" in labels


def test_plan_year_without_data_can_be_chosen(isolated_store):
    """?year=2019 (in the multi-year plan, no data yet) shows 2019: zero realised, a sentence saying so."""
    at = _run(script("overview"), year="2019")
    assert at.selectbox(key="overview.year").value == 2019
    assert at.query_params["year"] == "2019" and not at.warning
    assert _metrics(at)[get_kpi("missions").short("nl")] == "0"
    assert any("2019" in i.value for i in at.info)


def test_unknown_year_is_named_and_the_url_rewritten(isolated_store):
    """?year=1999 names the ignored value, shows 2018 and puts year=2018 in the address bar."""
    at = _run(script("overview"), lang="en", year="1999")
    assert "year = `1999` (shown: 2018)" in _warnings(at)
    assert at.selectbox(key="overview.year").value == 2018
    assert at.query_params["year"] == "2018"


@pytest.mark.parametrize(
    "params, named",
    [
        ({"countries": "XX"}, "countries = `XX`"),
        ({"years": "2019-2019"}, "years = `2019-2019`"),
        ({"themes": ["Agrifood", "Nope"]}, "themes = `Nope`"),
    ],
)
def test_unknown_mission_filters_are_named_and_dropped(isolated_store, params, named):
    """A link value that matches nothing is named in a notice and removed from the address bar."""
    at = _run(script("missions"), lang="en", **params)
    assert named in _warnings(at)
    key = next(iter(params))
    if key == "themes":
        assert at.query_params[key] in ("Agrifood", ["Agrifood"])
    else:
        assert key not in at.query_params


@pytest.mark.parametrize(
    "params, named",
    [
        ({"kpi": "nope"}, "kpi = `nope`"),
        ({"period": "decade"}, "period = `decade`"),
        ({"breakdown": "planet"}, "breakdown = `planet`"),
    ],
)
def test_unknown_trend_choices_are_named(isolated_store, params, named):
    """Unknown KPI, period or breakdown values are named in a notice and the default is shown."""
    at = _run(script("trends"), lang="en", **params)
    assert named in _warnings(at)
    assert next(iter(params)) not in at.query_params


def test_overview_30_june_shows_expected_values_and_matching_colours(isolated_store):
    """On 30 June 2018 each card says what was expected by then, and the badge colour follows the status word."""
    at = _run(script("overview"), year="2018", asof="2018-06-30")
    captions = _plain(" ".join(c.value for c in at.caption))
    assert "Verwacht t/m 30 juni: 149" in captions  # matchmaking: 300 x 181/365
    assert "naar rato van de tijd" in captions
    assert "Sinds 31 maart 2018" in captions
    badges = [m.value for m in at.markdown if "badge[" in m.value]
    assert any(b.startswith(":orange-badge[") and t("status.at_risk", "nl") in b for b in badges)
    assert not any(b.startswith(":blue-badge[") and t("status.at_risk", "nl") in b for b in badges)


def _all_text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "caption", "markdown", "warning", "info") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value} {m.proto.delta}" for m in at.metric]
    parts += [w.label for w in at.selectbox] + [str(o) for w in at.selectbox for o in w.options]
    parts += [" ".join(map(str, at.dataframe[n].value.columns)) for n in range(len(at.dataframe))]
    parts += [" ".join(map(str, frame.columns)) for frame in html_tables(at)]
    return _plain(" ".join(parts))


@pytest.mark.parametrize(
    "lang, foreign",
    [
        ("en", ("MJP", "AP 20", "Doel", "erwacht", "naar rato", "Stand per", "Prognose", "Sinds", "geen", "kwartaal")),
        (
            "nl",
            ("Target", "Expected", "Forecast", "As of", "Since", "pro rata", "multi-year", "annual plan", "quarter"),
        ),
    ],
)
def test_overview_speaks_one_language(isolated_store, lang, foreign):
    """On 30 June 2018 the Overview shows no Dutch in English and no English in Dutch (data aside)."""
    text = _all_text(_run(script("overview"), lang=lang, year="2018", asof="2018-06-30"))
    assert not [word for word in foreign if word in text], text


def test_a_registered_kpi_with_a_filter_gets_a_card(isolated_store):
    """An 'outgoing missions' entry registered with a filter gets its own card on the Overview (10 in 2018)."""
    from kpi.registry import KPIS
    from tests.test_progress import OUTGOING

    with KPIS.extended(OUTGOING):
        at = _run(script("overview"), year="2018")
    assert _metrics(at)["Uitgaande missies"] == "10"


# --- work shared between sessions (ui.figure_cache, ui.loaders) --------------------------------------------------


def _counted(monkeypatch, module, name: str) -> list[tuple]:
    """Replace `module.name` by a wrapper that records each call's arguments; returns the record."""
    calls: list[tuple] = []
    original = getattr(module, name)

    @functools.wraps(original)
    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _save_first_rows(rows: int) -> None:
    """Save a new version holding the current version's first `rows` activities."""
    store = open_store()
    current = store.seed_demo()
    activities = store.load(current).activities.iloc[:rows]
    store.save(current, activities=activities, action="edit", description="cut", actor=local_actor())


def test_the_overview_figures_are_built_once_for_every_session(isolated_store, monkeypatch):
    """Three sessions opening the same link share one plan figure; another language, as-of date or version builds anew."""
    figure_cache.clear()
    built = _counted(monkeypatch, fig, "cumulative_vs_plan_figure")
    for _ in range(3):
        _run(script("overview"), year="2018")
    assert len(built) == 1
    _run(script("overview"), year="2018", lang="en")
    assert len(built) == 2
    _run(script("overview"), year="2018", asof="2018-06-30")
    assert len(built) == 3
    assert built[-1][0].as_of == dt.date(2018, 6, 30)
    _save_first_rows(40)
    _run(script("overview"), year="2018")
    assert len(built) == 4
    assert built[-1][0].year == 2018


def test_the_missions_figures_follow_the_filter_and_are_shared(isolated_store, monkeypatch):
    """Two sessions with China share the country chart; Germany builds its own, with Germany's counts."""
    figure_cache.clear()
    built = _counted(monkeypatch, fig, "missions_by_country_figure")
    for _ in range(2):
        _run(script("missions"), years="2018-2018", countries="CN")
    assert len(built) == 1
    assert built[0][0]["missions"].sum() == 4  # 2018's four missions to or from China
    at = _run(script("missions"), years="2018-2018", countries="DE")
    assert len(built) == 2
    assert built[1][0]["missions"].sum() == 6  # 2018's six with Germany
    assert len(_missions_table(at)) == 6


def test_filter_options_are_worked_out_once_per_version(isolated_store, monkeypatch):
    """The mission filters' values are computed once per version, and again after a save."""
    calls = _counted(monkeypatch, vm, "filter_options")
    for _ in range(2):
        _run(script("missions"))
    assert len(calls) == 1
    _save_first_rows(40)
    _run(script("missions"))
    assert len(calls) == 2
    assert len(calls[1][0]) == 40


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("nl", "Geen bedrijfsbezoeken of services in 2019 t/m 31 maart 2019. Gegevens t/m 19 december 2018."),
        ("en", "No company visits or services in 2019 up to 31 March 2019. Data through 19 December 2018."),
    ],
)
def test_services_in_a_year_without_activities_say_so(isolated_store, lang, sentence):
    """Services on 31 March 2019 (the demo data ends 19 December 2018): a sentence naming the year and how far the
    data goes, never "widen the filters" (the page has no filters), and no chart."""
    at = _run(script("services"), year="2019", asof="2019-03-31", lang=lang)
    assert [i.value for i in at.info] == [sentence]
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("name", ["data", "missions"])
def test_pages_without_an_as_of_date_name_it_in_the_notice(isolated_store, name):
    """?asof= on a page that takes none is named in the notice as not applying, never silently dropped."""
    at = _run(script(name), asof="2018-06-30")
    warnings = " ".join(w.value for w in at.warning)
    assert "asof = `2018-06-30` (getoond: niet van toepassing op deze pagina)" in warnings
