"""Draw the README's pictures (docs/img/) from the demo data: the Overview and Missions in Debian's Chromium against
a freshly started server, and a board-pack page rendered from the pack's PDF with pdftoppm.

Run `make screenshots` (or `.venv/bin/python scripts/screenshots.py`) after a change to those pages.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import wait_for_app_run  # noqa: E402
from tests.servers import CHROMIUM, CHROMIUM_ARGS, start_streamlit, stop  # noqa: E402

IMG = ROOT / "docs" / "img"
VIEWPORT = {"width": 1440, "height": 900}
PAGES = {"overview.png": "/?year=2018&asof=2018-09-30", "missions.png": "/missions?years=2018-2018"}
PACK_PAGE = 3  # title, scorecard, then the first KPI group: missions and matchmaking


def app_pictures(store: Path) -> None:
    """The Overview and Missions pages as a first-time visitor sees them, at a laptop's viewport."""
    proc, url = start_streamlit(store)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)  # the entry page first: it registers the page routes
            wait_for_app_run(page, charts=True)
            for name, path in PAGES.items():
                page.goto(url + path)
                wait_for_app_run(page, charts=True)
                page.wait_for_timeout(1500)  # Plotly's transitions and the cards' sparklines settle
                page.screenshot(path=str(IMG / name))
                print(f"wrote docs/img/{name}")
            browser.close()
    finally:
        stop(proc)


def pack_picture(store: Path, work: Path) -> None:
    """One page of the Dutch board pack for 2018, rendered from its PDF."""
    out = work / "pack"
    subprocess.run(
        [sys.executable, "-m", "kpi", "boardpack", "--year", "2018", "--as-of", "2018-09-30", "--format", "pdf"]
        + ["--store", str(store), "--out", str(out)],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    page = str(PACK_PAGE)
    subprocess.run(
        ["pdftoppm", "-f", page, "-l", page, "-r", "90", "-png", "-singlefile", f"{out}.pdf", str(work / "page")],
        check=True,
        timeout=120,
    )
    (IMG / "board-pack.png").write_bytes((work / "page.png").read_bytes())
    print("wrote docs/img/board-pack.png")


def main() -> None:
    """Draw every picture into docs/img/."""
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kpi-screenshots-") as folder:
        store = Path(folder) / "store"
        app_pictures(store)
        pack_picture(store, Path(folder))


if __name__ == "__main__":
    main()
