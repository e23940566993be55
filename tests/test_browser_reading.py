"""Reading the dashboard in Chromium: the as-of choice from every state, Services at an as-of date, the Overview
printed on A4, a phone-wide Overview whose chart labels never overlap, and Streamlit's own texts in Dutch."""

from __future__ import annotations

import re
import subprocess

import pytest

from kpi.i18n import TEXTS
from tests.browser import LABEL_BOXES, metric, overlapping, wait_for_app_run

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 1400}
PHONE = {"width": 390, "height": 844}
SLOW = 120_000  # the machine is shared: a rerun can take long, and the assertions wait for it


def _settled(page) -> None:
    page.wait_for_timeout(300)  # let a rerun that was just asked for start
    wait_for_app_run(page, timeout=SLOW)


def _open(page, url: str, charts: bool = True) -> None:
    page.goto(url)
    _settled(page)
    if charts:
        wait_for_app_run(page, charts=True, timeout=SLOW)


def _as_of_box(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Stand per")


def _pick_as_of(page, option: str) -> None:
    _as_of_box(page).click()
    page.get_by_role("option", name=option, exact=True).click()
    _settled(page)


def _date_field(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]')


def _field_date(page) -> str:
    """The date the field shows, as its segments read: '30-06-2018'."""
    return re.sub(r"\s", "", _date_field(page).locator('[role="group"]').first.inner_text())


def _shown_date(page) -> str:
    return page.locator('[data-testid="stCaptionContainer"]').first.inner_text()


@pytest.mark.parametrize(
    ("query", "field", "month"),
    [
        ("", "31-12-2018", "december"),  # the year end (no asof in the link)
        ("?asof=2018-06-30", "30-06-2018", "juni"),  # a month end
        ("?asof=2018-08-15", "15-08-2018", "augustus"),  # any other date: the field is open from the start
    ],
)
def test_other_date_works_from_every_state(page, app_url, artifacts_dir, query, field, month):
    """From the year end, a month end or a custom date, "andere datum …" opens a Dutch date field on the date shown
    (never another one), a day chosen in its Dutch calendar is shown, and a month end closes the field again."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/{query}")
    if not _date_field(page).count():
        _pick_as_of(page, "andere datum …")
    assert _field_date(page) == field
    assert page.url.endswith(query)  # opening the field changes nothing shown
    _date_field(page).locator('[data-testid="stDateInputCalendarButton"]').click()
    calendar = page.get_by_role("dialog")
    calendar.wait_for(timeout=SLOW)
    text = calendar.inner_text()
    assert month in text and "2018" in text  # Dutch month names, Monday first ("M D W D V Z Z")
    assert re.search(r"M\s+D\s+W\s+D\s+V\s+Z\s+Z", text), text
    page.screenshot(path=str(artifacts_dir / f"reading-calendar-{month}.png"))
    calendar.get_by_text("14", exact=True).first.click()
    page.wait_for_function("() => /asof=2018-\\d\\d-14/.test(location.search)", timeout=SLOW)
    _settled(page)
    number = {"december": "12", "juni": "06", "augustus": "08"}[month]
    assert f"asof=2018-{number}-14" in page.url
    assert f"Stand per 14 {month} 2018" in _shown_date(page)
    assert _date_field(page).count() == 1  # a chosen day keeps the field open
    _pick_as_of(page, "31 oktober 2018")
    page.wait_for_function("() => location.search.includes('asof=2018-10-31')", timeout=SLOW)
    _settled(page)
    assert "Stand per 31 oktober 2018" in _shown_date(page)
    assert _date_field(page).count() == 0


def test_services_take_the_as_of_date_from_the_link_and_the_control(page, app_url):
    """Services count up to the as-of date (counted by hand in data/activities.csv): 30 June 2018 from the link has
    59 company visits and 25 services; 31 March (K1) from the control 25 and 10; the year end 119 and 68."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/services?year=2018&asof=2018-06-30")
    assert "Stand per 30 juni 2018" in _shown_date(page)
    assert (metric(page, "Bedrijfsbezoeken"), metric(page, "Geregistreerde services")) == ("59", "25")
    _pick_as_of(page, "31 maart 2018 (K1)")
    page.wait_for_function("() => location.search.includes('asof=2018-03-31')", timeout=SLOW)
    _settled(page)
    assert "Stand per 31 maart 2018" in _shown_date(page)
    assert (metric(page, "Bedrijfsbezoeken"), metric(page, "Geregistreerde services")) == ("25", "10")
    _pick_as_of(page, "31 december 2018 (einde jaar)")
    page.wait_for_function("() => !location.search.includes('asof=')", timeout=SLOW)
    _settled(page)
    assert (metric(page, "Bedrijfsbezoeken"), metric(page, "Geregistreerde services")) == ("119", "68")


def test_pages_without_an_as_of_date_say_so(page, app_url):
    """Missions take no as-of date: one from a link is named in the page's notice, not silently dropped."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/missions?asof=2018-06-30")
    notices = page.locator('[data-testid="stAlertContentWarning"]')
    assert notices.count() == 1
    assert "asof = 2018-06-30 (getoond: niet van toepassing op deze pagina)" in notices.first.inner_text()


def test_bad_link_values_make_one_notice(page, app_url):
    """Four bad values in one link: one notice names each with what is shown instead; style=pie is one of them
    although the chart without a breakdown draws no style choice."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/trends?lang=xx&kpi=nope&period=week&style=pie")
    notices = page.locator('[data-testid="stAlertContentWarning"]')
    assert notices.count() == 1
    text = notices.first.inner_text()
    for name, value in (("lang", "xx"), ("kpi", "nope"), ("period", "week"), ("style", "pie")):
        assert re.search(rf"{name} = {value} \(getoond: [^)]+\)", text), text
    assert "lang = xx (getoond: Nederlands)" in text and text.count("Genegeerd") == 1


# The 2018 figures of every KPI at the year end, from the 2018 annual report (realised; target where there is one).
YEAR_END_2018 = {
    "Handelsmissies": ("16", "Doel 6-8"),
    "Informatiebijeenkomsten": ("19", "Doel 3-4"),
    "Bedrijven in missies": ("124", "Doel 60"),
    "Matchmaking-gesprekken": ("211", "Doel 300"),
    "Bedrijfsbezoeken": ("119", "Doel 30"),
    "Zakenpartner Scans": ("7", "Doel 4"),
    "Geregistreerde services": ("68", "Doel niet gedefinieerd"),
}


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_overview_prints_on_a4(page, app_url, artifacts_dir, landscape):
    """Printed to PDF on A4 (Chromium's print), the Overview keeps every KPI's figures as text, has no sidebar, and
    its charts and cards lie inside the page."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/?year=2018")
    page.emulate_media(media="print")
    sidebar = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stSidebar\"]')).display")
    assert sidebar == "none"
    name = "landscape" if landscape else "portrait"
    pdf = artifacts_dir / f"reading-overview-{name}.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=landscape, print_background=True)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    flat = " ".join(text.split())
    assert "Taal" not in flat and "English" not in flat  # no sidebar (its language switch)
    assert "Internationaal ondernemen: KPI's 2018" in flat
    for label, (value, target) in YEAR_END_2018.items():
        assert _card_value(text, label) == value, label
        assert target in flat, target
    widths = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout  # A4 in points: 595 x 842, turned for landscape
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", widths)
    assert size and (float(size[1]) > float(size[2])) == landscape
    _chart_pages_inside(pdf, artifacts_dir / f"reading-overview-{name}")


def _card_value(text: str, label: str) -> str | None:
    """The figure printed under a card's label: the first number within three lines below it, in its column."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        column = line.find(label)
        if column < 0:
            continue
        for below in lines[n + 1 : n + 4]:
            match = re.compile(r"\S+").search(below, max(0, column - 2))
            if match and match.start() <= column + 2 and re.fullmatch(r"[\d.]+", match.group()):
                return match.group()
    return None


def _chart_pages_inside(pdf, stem) -> None:
    """Render the PDF's pages and check nothing is drawn in the right margin (a cut chart or card would be)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(stem)], check=True, timeout=120)
    pages = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    assert pages
    for path in pages:
        image = Image.open(path).convert("L")
        width, height = image.size
        margin = image.crop((width - max(3, width // 60), 0, width, height))  # the right-hand ~5 mm
        assert margin.getextrema()[0] > 200, f"something is drawn in the right margin of {path.name}"


def test_overview_charts_are_readable_at_390_px(page, app_url, artifacts_dir):
    """At 390 px no two labels of a chart overlap, and the annual chart's bars have most of the width (no sliver)."""
    page.set_viewport_size(PHONE)
    _open(page, f"{app_url}/?year=2018")
    charts = page.locator(".js-plotly-plot")
    assert charts.count() >= 2
    for n in range(charts.count()):
        chart = charts.nth(n)
        chart.scroll_into_view_if_needed()
        boxes = chart.evaluate(LABEL_BOXES)
        assert boxes
        assert not overlapping(boxes), overlapping(boxes)
        plot = chart.locator(".nsewdrag").first.bounding_box()
        assert plot["width"] >= 250, f"chart {n} plot area is {plot['width']:.0f} px wide"
        page.screenshot(path=str(artifacts_dir / f"reading-overview-390px-chart{n}.png"))


def test_missions_at_390_px_scroll_the_table_not_the_page(page, app_url, artifacts_dir):
    """At 390 px the Missions page never scrolls sideways: the wide table scrolls in its own box, and the map's
    colour scale lies under the map, so the map has the chart's width."""
    page.set_viewport_size(PHONE)
    _open(page, f"{app_url}/missions")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(".table-scroll").first
    box.scroll_into_view_if_needed()
    widths = box.evaluate("b => [b.scrollWidth, b.clientWidth, getComputedStyle(b).overflowX]")
    assert widths[0] > widths[1] and widths[2] == "auto", widths
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    last = page.locator("table.wrapped-table thead th").last.bounding_box()
    assert last["x"] + last["width"] <= PHONE["width"], "the last column can be scrolled into view"
    page.screenshot(path=str(artifacts_dir / "reading-missions-390px-table.png"))
    world = page.locator(".js-plotly-plot").filter(has=page.locator(".geo")).first
    world.scroll_into_view_if_needed()
    chart, geo = world.bounding_box(), world.locator("g.geo").first.bounding_box()
    colour_bar = world.locator(".colorbar").first.bounding_box()
    assert colour_bar["y"] >= geo["y"] + geo["height"] - 1, "the colour scale is under the map"
    assert geo["width"] >= 0.8 * chart["width"], f"the map is {geo['width']:.0f} of {chart['width']:.0f} px"


ENGLISH_BUILTINS = [
    entry["en"] for key, entry in TEXTS.items() if key.startswith("builtin.") and key != "builtin.per_file"
]


def _visible_texts(page) -> str:
    """Every text a user can see or hear: visible text plus aria-labels, titles and placeholders."""
    return page.evaluate(
        """() => document.body.innerText + '\\n' + [...document.querySelectorAll('[aria-label],[title],[placeholder]')]
          .map(el => [el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder')]
          .filter(Boolean).join('\\n')).join('\\n')"""
    )


def _english_left(text: str) -> list[str]:
    lines = {line.strip() for line in text.splitlines()}
    return [word for word in ENGLISH_BUILTINS if word in lines or re.search(rf"\b{re.escape(word)}\b,", text)]


def test_streamlit_texts_are_dutch_in_the_dutch_interface(page, app_url, artifacts_dir):
    """The skip link, the ⋮ menu, a multiselect's list, the file uploader and the calendar speak Dutch."""
    page.set_viewport_size(WIDE)
    _open(page, f"{app_url}/missions")
    seen = _visible_texts(page)
    page.locator('[data-testid="stMultiSelect"]').first.locator("input").click()
    page.wait_for_timeout(500)
    seen += _visible_texts(page)
    page.keyboard.press("Escape")
    page.locator('[data-testid="stMainMenu"] button, [data-testid="stMainMenuButton"]').first.click()
    page.wait_for_timeout(800)
    seen += _visible_texts(page)
    page.screenshot(path=str(artifacts_dir / "reading-menu-nl.png"))
    page.keyboard.press("Escape")
    _open(page, f"{app_url}/data", charts=False)
    page.wait_for_timeout(800)
    uploader = page.locator('[data-testid="stFileUploader"]').inner_text()
    seen += _visible_texts(page)
    page.screenshot(path=str(artifacts_dir / "reading-uploader-nl.png"))
    assert "Bestand kiezen" in uploader and "per bestand" in uploader, uploader
    assert "Naar de hoofdinhoud" in seen
    assert not _english_left(seen), _english_left(seen)
    assert "per file" not in seen
