"""Figure builders, without a browser: traces, titles, axis labels and values equal the kpi results."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from kpi import dashboard as vm
from kpi import figures as fig
from kpi import palette
from kpi.engine import KPITable, kpi_table, realized_by_year
from kpi.filters import ActivityFilter
from kpi.i18n import t
from kpi.registry import KPI_KEYS, get_kpi
from kpi.schema import Activities as A

LANGS = ("nl", "en")


@pytest.fixture(scope="module")
def table_2018(demo_activities, demo_targets) -> KPITable:
    """The engine's table for 2018."""
    return kpi_table(demo_activities, demo_targets, 2018)


def _title(figure: go.Figure) -> str:
    return figure.layout.title.text or ""


def _has_text(figure: go.Figure) -> bool:
    return bool(figure.layout.annotations)


@pytest.mark.parametrize("lang", LANGS)
def test_annual_vs_target_values_and_targets(table_2018, lang):
    """Realised as % of the annual target minimum on one shared axis, worked out by hand from the 2018 report:
    missions 16 of 6-8 = 267%, information 19 of 3-4 = 633%, companies 124 of 60 = 207%, matchmaking 211 of
    300 = 70%, visits 119 of 30 = 397%, scans 7 of 4 = 175%; registered services (68, no target) only in the note."""
    figure = fig.annual_vs_target_figure(table_2018, KPI_KEYS, lang, year=2018)
    bars = [d for d in figure.data if isinstance(d, go.Bar)]
    assert len(bars) == 1  # one trace, one axis: 119 and 7 are never drawn as bars of equal length
    assert list(bars[0].x) == pytest.approx([266.67, 633.33, 206.67, 70.33, 396.67, 175.0], abs=0.01)
    of = {"nl": "van", "en": "of"}[lang]
    assert bars[0].y[4].endswith(f"119 {of} 30 · 397%") and bars[0].y[3].endswith(f"211 {of} 300 · 70%")
    assert bars[0].marker.color[3] == palette.status_colour("missed") != bars[0].marker.color[4]
    assert "2018" in _title(figure)
    note = figure.layout.title.subtitle.text
    assert ("Geregistreerde services (68)" if lang == "nl" else "Registered services (68)") in note
    assert not any("services" in y.lower() and "registered" in y.lower() for y in bars[0].y)
    # Ranges (missions 6-8, information 3-4) are bands from 100% to 133%; single numbers a line at 100%.
    bands = [(s.type, s.x0, s.x1) for s in figure.layout.shapes]
    assert [b[0] for b in bands] == ["rect", "rect", "line", "line", "line", "line"]
    assert bands[0][1:] == pytest.approx((100, 133.33), abs=0.01) and bands[2][1:] == (100, 100)
    assert figure.layout.xaxis.range == (0, 700)  # 633% plus room, in steps of 100
    assert "xaxis2" not in figure.layout
    assert figure.layout.xaxis.ticktext[1] == "100%"
    assert figure.layout.xaxis.title.text == {"nl": "% van het doel (minimum)", "en": "% of the target (minimum)"}[lang]
    assert not [d for d in figure.data if d.name == t("fig.expected_to_date", lang)]  # the year is over


def test_annual_vs_target_mid_year_marks_the_expected_value(demo_activities, demo_targets):
    """On 30 June 2018 the expected-by-now marker sits at half the minimum: missions 3 of 6 = 50%, matchmaking 149
    of 300 = 49.7%; realised 8 of 6 = 133%, 132 of 300 = 44%."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30))
    figure = fig.annual_vs_target_figure(table, KPI_KEYS, "nl", year=2018)
    bar = next(d for d in figure.data if isinstance(d, go.Bar))
    marker = next(d for d in figure.data if d.name == t("fig.expected_to_date", "nl"))
    assert bar.x[0] == pytest.approx(133.33, abs=0.01) and bar.x[3] == pytest.approx(44.0)
    assert marker.x[0] == pytest.approx(50.0, abs=0.5) and marker.x[3] == pytest.approx(49.67, abs=0.5)
    assert marker.customdata[3] == "149"


def test_cumulative_vs_plan_shows_605_against_600(table_2018):
    """Matchmaking 605 against an expected 600 of 1.200 is written on the plan figure; on 31 December the plan still
    runs, so its plan-end forecast is drawn (1.048 of 1.200: 605 + 7 + 2 x 218, made at the data's end date)."""
    figure = fig.cumulative_vs_plan_figure(table_2018, KPI_KEYS, "nl", as_of=dt.date(2018, 12, 31))
    bars, expected, forecast = figure.data
    row = table_2018.to_frame().set_index("kpi").loc["matchmaking_meetings"]
    position = list(KPI_KEYS).index("matchmaking_meetings")
    assert bars.x[position] == pytest.approx(100 * row["realized_cumulative"] / row["plan_target_min"])
    assert expected.x[position] == pytest.approx(100 * row["plan_expected"] / row["plan_target_min"])
    assert forecast.x[position] == pytest.approx(100 * 1048 / 1200)
    assert bars.customdata[position] == "605 van 1.200, verwacht 600"
    assert bars.y[position].endswith(">605 van 1.200, verwacht 600</span>")
    assert "MJP 2017-2020" in figure.layout.title.subtitle.text
    assert figure.layout.xaxis.title.text == t("fig.plan.x", "nl")


def test_cumulative_without_plan_target_is_not_a_failure(table_2018):
    """A KPI without a plan target gets no bar and no expected marker, only its number and 'geen doel'."""
    figure = fig.cumulative_vs_plan_figure(table_2018, ["services"], "nl")
    bars, expected = figure.data
    assert bars.x[0] == 0 and expected.x[0] is None
    assert t("fig.no_target", "nl") in bars.customdata[0]


@pytest.mark.parametrize("lang", LANGS)
def test_missions_by_country_sums_and_customdata(demo_activities, lang):
    """Incoming plus outgoing per country equals the missions per country; bars carry [code, direction]."""
    missions = vm.missions_of(demo_activities)
    figure = fig.missions_by_country_figure(vm.missions_by_country(missions), lang)
    assert [d.name for d in figure.data] == [t("direction.incoming", lang), t("direction.outgoing", lang)]
    totals = [a + b for a, b in zip(figure.data[0].y, figure.data[1].y)]
    codes = [c[0] for c in figure.data[0].customdata]
    expected = missions.groupby(A.country, observed=True).size()
    assert dict(zip(codes, totals)) == {str(k): int(v) for k, v in expected.items()}
    assert sum(totals) == len(missions)
    assert figure.data[1].customdata[0][1] == "outgoing"
    assert vm.country_name("DE", lang) in figure.data[0].x
    assert figure.layout.yaxis.title.text == t("fig.missions.y", lang)
    assert figure.layout.barmode == "stack"


def test_missions_by_theme_matches_filter(demo_activities):
    """The theme chart for 2018 + Germany counts the same missions as the filter."""
    missions = vm.filtered_missions(demo_activities, ActivityFilter(years=(2018, 2018), countries=("DE",)))
    figure = fig.missions_by_theme_figure(vm.missions_by_theme(missions), "en")
    assert sum(sum(d.y) for d in figure.data) == len(missions) == 6
    assert _title(figure) == t("fig.missions.theme.title", "en")


def test_missions_map_uses_iso3(demo_activities):
    """The map locates countries by ISO-3 code with the mission count per country."""
    figure = fig.missions_map_figure(vm.missions_by_country(vm.missions_of(demo_activities)), "nl")
    (choropleth,) = figure.data
    counts = dict(zip(choropleth.locations, choropleth.z))
    assert counts["CHN"] == 6 and counts["DEU"] == 10 and counts["USA"] == 4
    assert [c[0] for c in choropleth.customdata][:1] == ["DE"]


def test_service_funnel_2018(demo_activities):
    """The funnel goes from 119 visits to 68 services and states the conversion under its title."""
    figure = fig.service_funnel_figure(vm.service_funnel(demo_activities, 2018), 2018, "nl")
    assert list(figure.data[0].x) == [119, 68]
    assert "2018" in _title(figure) and "57%" in figure.layout.title.subtitle.text


@pytest.mark.parametrize("period", vm.PERIODS)
def test_trend_total_equals_realised(demo_activities, demo_targets, period):
    """Summed over the periods, the trend equals the realised totals per year."""
    figure = fig.kpi_trend_figure(
        vm.trend_frame(demo_activities, "matchmaking_meetings", period), "matchmaking_meetings", "nl", period
    )
    total = realized_by_year(demo_activities)["matchmaking_meetings"].sum()
    assert sum(figure.data[0].y) == total
    assert figure.layout.yaxis.title.text == get_kpi("matchmaking_meetings").short("nl")


def test_trend_by_year_alone_has_target_bands(demo_activities, demo_targets):
    """One KPI per year with its bands draws a band for 2018's 6-8 target and none for 2017."""
    frame = vm.trend_frame(demo_activities, "missions")
    bands = vm.target_bands(demo_targets, "missions", [2017, 2018])
    figure = fig.kpi_trend_figure(frame, "missions", "nl", bands=bands)
    (band,) = [s for s in figure.layout.shapes if s.type == "rect"]
    assert (band.y0, band.y1) == (6, 8)
    assert band.x0 < 1 < band.x1  # over the second category, 2018


@pytest.mark.parametrize("stacked", [True, False])
def test_trend_breakdown_by_country(demo_activities, demo_targets, stacked):
    """A breakdown by country draws one trace per country, stacked bars or lines, summing to the total."""
    frame = vm.trend_frame(demo_activities, "missions", "quarter", "country")
    figure = fig.kpi_trend_figure(frame, "missions", "en", "quarter", "country", stacked)
    countries = vm.missions_of(demo_activities)[A.country].nunique()
    assert len(figure.data) == countries
    assert all(isinstance(d, go.Bar if stacked else go.Scatter) for d in figure.data)
    assert sum(sum(d.y) for d in figure.data) == len(vm.missions_of(demo_activities))
    assert "country" in _title(figure)


def test_empty_data_shows_a_sentence(demo_activities):
    """Figures of nothing carry the empty sentence instead of an empty chart."""
    nothing = demo_activities.iloc[0:0]
    for figure in (
        fig.missions_by_country_figure(vm.missions_by_country(nothing), "nl"),
        fig.missions_map_figure(vm.missions_by_country(nothing), "nl"),
        fig.service_funnel_figure(vm.service_funnel(nothing, 2018), 2018, "nl"),
        fig.kpi_trend_figure(vm.trend_frame(nothing, "missions", years=(2018, 2018)), "missions", "nl"),
    ):
        assert t("dash.empty", "nl") in [a.text for a in figure.layout.annotations]


def test_every_figure_has_titles_and_palette(demo_activities, demo_targets, table_2018):
    """Every figure has a title, axis titles where it has axes, and uses the Okabe-Ito palette."""
    missions = vm.missions_of(demo_activities)
    figures = [
        fig.annual_vs_target_figure(table_2018, KPI_KEYS, "nl", 2018),
        fig.cumulative_vs_plan_figure(table_2018, KPI_KEYS, "nl"),
        fig.missions_by_country_figure(vm.missions_by_country(missions), "nl"),
        fig.missions_by_theme_figure(vm.missions_by_theme(missions), "nl"),
        fig.services_by_year_figure(vm.services_by_year(demo_activities), "nl"),
        fig.services_by_theme_figure(vm.services_by_year_theme(demo_activities), 2018, "nl"),
        fig.kpi_trend_figure(
            vm.trend_frame(demo_activities, "services", "month", "theme"), "services", "nl", "month", "theme"
        ),
    ]
    for figure in figures:
        assert _title(figure)
        assert figure.layout.xaxis.title.text or any(
            figure.layout[f"xaxis{n}"].title.text for n in range(2, 10) if f"xaxis{n}" in figure.layout
        )
        assert tuple(figure.layout.colorway) == palette.OKABE_ITO
        for trace in figure.data:
            colour = getattr(trace.marker, "color", None)
            if isinstance(colour, str):
                assert colour in (*palette.OKABE_ITO, palette.GREY)  # grey: a KPI without a target


def test_palette_matches_streamlit_config():
    """The palette in kpi/palette.py is the one in .streamlit/config.toml."""
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert tuple(config["theme"]["chartCategoricalColors"]) == palette.OKABE_ITO


@pytest.mark.browser  # kaleido draws the image in a headless Debian Chromium
def test_static_image_renders_map_offline(demo_activities, tmp_path):
    """With the shipped outlines, kaleido renders the world map without the internet."""
    pio.defaults.topojson = fig.TOPOJSON_DIR.as_uri() + "/"  # kaleido reads the shipped outlines
    out = tmp_path / "map.png"
    by_country = vm.missions_by_country(vm.missions_of(demo_activities))
    fig.missions_map_figure(by_country, "nl").write_image(out, width=800, height=450)
    assert out.stat().st_size > 10_000


def test_plan_figure_mid_year_shows_the_plan_end_forecast(demo_activities, demo_targets):
    """On 30 June the plan figure has a third trace: the plan-end forecast with its range, in % of the plan target."""
    table = kpi_table(demo_activities, demo_targets, 2018, dt.date(2018, 6, 30))
    figure = fig.cumulative_vs_plan_figure(table, ["matchmaking_meetings"], "en")
    assert len(figure.data) == 3
    forecast = table.row("matchmaking_meetings").plan_forecast
    assert figure.data[2].x[0] == pytest.approx(100 * forecast.value / 1200)
    subtitle = figure.layout.title.subtitle.text
    assert "Multi-year plan 2017-2020" in subtitle and "MJP" not in subtitle


def test_user_text_is_not_markup_in_charts():
    """A theme with HTML is drawn as text: <, > and & escaped in labels, hover and legend."""
    missions = pd.DataFrame(
        {
            A.activity_id: ["a", "b"],
            A.date: pd.to_datetime(["2018-01-02", "2018-02-03"]),
            A.activity_type: pd.Categorical(["mission", "mission"]),
            A.direction: pd.Categorical(["outgoing"] * 2),
            A.role: pd.Categorical(["lead"] * 2),
            A.country: pd.Categorical(["DE", "DE"]),
            A.region: pd.Categorical(["", ""]),
            A.city: pd.Categorical(["", ""]),
            A.theme: pd.Categorical(['<a href="http://x">click</a>', "R&D <b>bold</b>"]),
            A.title: ["x", "y"],
            A.companies: [1, 2],
            A.matchmaking_meetings: [0, 0],
            A.year: [2018, 2018],
        }
    )
    figure = fig.missions_by_theme_figure(vm.missions_by_theme(missions), "en", subtitle="<i>filter</i>")
    labels = [str(x) for trace in figure.data for x in trace.x]
    assert '&lt;a href="http://x"&gt;click&lt;/a&gt;' in labels and "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in labels
    assert not any("<a" in x or "<b>" in x for x in labels)
    assert figure.layout.title.subtitle.text == "&lt;i&gt;filter&lt;/i&gt;"
    assert figure.data[1].customdata[0][0].startswith("<a")  # the click still gets the real value


def test_missions_map_colour_scale_lies_under_the_map(demo_activities):
    """The map's colour scale is horizontal under the map (a bar beside it leaves the map a sliver on a phone)."""
    figure = fig.missions_map_figure(vm.missions_by_country(vm.missions_of(demo_activities)), "nl")
    bar = figure.data[0].colorbar
    assert (bar.orientation, bar.yanchor, bar.y) == ("h", "top", 0)
    assert bar.title.text == "Aantal missies"


def test_services_by_theme_names_sit_above_their_bars(demo_activities):
    """2018 by theme: each theme's name is a y label inside the plot above its pair of bars (visits just under the
    name, services under those), so on a phone the names never take the bars' width; Agrifood has 28 visits, 18
    services in all of 2018 (counted in data/activities.csv)."""
    figure = fig.services_by_theme_figure(vm.services_by_year_theme(demo_activities), 2018, "nl")
    visits, services = figure.data
    assert figure.layout.yaxis.ticklabelposition == "inside top"
    assert (visits.offset, services.offset) == (-0.24, -0.48) and visits.width == services.width == 0.22
    assert visits.y[-1] == services.y[-1] == "Agrifood" and (visits.x[-1], services.x[-1]) == (28, 18)
    assert figure.layout.title.text == "Bezoeken en services per thema, 2018"
