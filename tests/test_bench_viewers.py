"""The load benchmark's protocol viewer (bench/viewers.py) against a real app server: it must see what a browser
sees, or its figures would measure a different page."""

import asyncio

import pytest

from bench.viewers import ViewerError, fetch_all, open_viewer


def _session(app_url: str) -> list:
    async def run() -> list:
        viewer, seconds = await open_viewer(app_url, "/?year=2018", ["/", "/?year=2017"])
        try:
            seen = [seconds > 0, viewer.charts, viewer.query, sorted(viewer.pages)[:2]]
            await viewer.navigate("missions")
            seen += [viewer.charts, sorted(viewer.widgets)]
            await viewer.choose("Land", ["China"])
            seen += [viewer.charts, viewer.query]
        finally:
            await viewer.close()
        return seen

    return asyncio.run(run())


def test_viewer_opens_the_shared_link_goes_to_missions_and_filters(app_url):
    """The Overview of 2018 draws two charts; Missions three, with its five filters; choosing China puts the
    country's code in the link, as the page does for a browser."""
    opened, overview, query, pages, missions, filters, filtered, link = _session(app_url)
    assert opened and overview == 2 and query == "year=2018" and pages == ["", "board"]
    assert missions == 3 and filters == ["Land", "Regio", "Richting", "Rol", "Thema"]
    assert filtered == 3 and link == "countries=CN"


def test_fetch_reads_every_file_and_refuses_an_error(app_url):
    """The shell fetcher reads whole bodies over its connections, and a missing file is an error, not a size."""
    assert asyncio.run(fetch_all(app_url, ["/_stcore/health"] * 3, {})) == 6  # "ok" three times
    with pytest.raises(ViewerError, match="404"):
        asyncio.run(fetch_all(app_url, ["/app/static/no-such-file.json"], {}))
