"""The documentation: tables generated from code are current, the README stays a front page linking every page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kpi import limits, schema
from kpi.registry import KPIS
from kpi.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GENERATED = ("settings.md", "data-format.md", "kpis.md", "cli.md")  # the pages with cog blocks (Makefile: COG_DOCS)
README_MAX_LINES = 150
LINK = re.compile(r"\]\(([^)#\s]+)")
# Pages other changes of this round are writing; linked already, they exist once those land.
IN_FLIGHT = frozenset(
    {
        "status-and-forecasts.md",
        "language.md",
        "data-format.md",
        "editing.md",
        "annual-report.md",
        "deployment.md",
        "SECURITY.md",
    }
)


def _resolves(base: Path, link: str) -> bool:
    return link.startswith(("http://", "https://", "mailto:")) or (base / link).exists() or Path(link).name in IN_FLIGHT


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_generated_tables_are_current():
    """`cog --check` finds every generated table as the code declares it (else: run `make docs`)."""
    files = [str(DOCS / name) for name in GENERATED]
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "-I", str(ROOT), "-I", str(ROOT / "scripts"), "--check", "--verbosity=1"]
        + files,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"run `make docs`: {done.stdout}{done.stderr}"


def test_generated_pages_show_every_declaration():
    """The generated pages name every setting's variable, every limit with its value, every column and every KPI
    key."""
    settings_page = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert all(f"`{s.env}`" in settings_page for s in SETTINGS)
    import_page = (DOCS / "data-format.md").read_text(encoding="utf-8")
    assert all(f"| {limit.name} | {limit.value} |" in import_page for limit in limits.limits())
    assert all(f"| `{c.name}` |" in import_page for c in schema.ACTIVITIES + schema.TARGETS)
    kpis_page = (DOCS / "kpis.md").read_text(encoding="utf-8")
    assert all(f"`{kpi.key}`" in kpis_page for kpi in KPIS)
    cli_page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "### `python -m kpi store migrate`" in cli_page and "usage: python -m kpi table" in cli_page


def test_readme_is_a_front_page():
    """At most 150 lines, with the two commands and the quick check."""
    readme = _readme()
    assert len(readme.splitlines()) <= README_MAX_LINES
    assert all(command in readme for command in ("make run", "make test", "make check"))


def test_readme_links_every_docs_page_and_its_links_resolve():
    """Each page in docs/ is reachable from the README; every local file it links (pictures too) exists."""
    links = set(LINK.findall(_readme()))
    assert {f"docs/{p.name}" for p in DOCS.glob("*.md")} - links == set()
    assert [link for link in links if not _resolves(ROOT, link)] == []
    assert {"docs/img/overview.png", "docs/img/missions.png", "docs/img/board-pack.png"} <= links


def test_links_inside_docs_resolve():
    """A link from one docs page to another local file points at something that exists."""
    for page in DOCS.glob("*.md"):
        assert [link for link in LINK.findall(page.read_text(encoding="utf-8")) if not _resolves(DOCS, link)] == []
