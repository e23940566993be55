"""No server path in what users are told: a refused annual-report template, a pack that could not be built, a
refused house style and a store that refuses to record a pack are described without the file's path or name, on
the Board page and in the CLI; the path goes to the server's log."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

import pytest
from pptx.exc import PackageNotFoundError
from streamlit.testing.v1 import AppTest

from kpi.store_base import Store, StoreError
from tests.cli_fork import run_kpi
from tests.conftest import ROOT
from ui import board_views

SECRET_FOLDER = "srv-geheim-7f3a"  # a folder and file names no message may contain
WORD_NAME, PPTX_NAME = "huisstijl-q9z.docx", "bestuur-x4k.pptx"


def _secret_dir(tmp_path: Path) -> Path:
    folder = tmp_path / SECRET_FOLDER
    folder.mkdir()
    return folder


def _shown(at: AppTest) -> str:
    """Every warning, error and info text on the page."""
    return "\n".join(e.value for kind in ("warning", "error", "info", "success") for e in getattr(at, kind))


def _board() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _no_path(text: str, path: Path) -> None:
    for part in (str(path), path.name, path.stem, SECRET_FOLDER):
        assert part not in text, f"{part!r} shown to the user: {text}"


@pytest.mark.parametrize("broken", [True, False], ids=["not-word", "missing"])
def test_a_refused_annual_template_is_described_without_its_path(isolated_store, tmp_path, monkeypatch, caplog, broken):
    """The report_template setting names a text file posing as .docx, or no file: the Board page says the annual
    report's template cannot be used, names neither the folder nor the file, and the server's log has the path."""
    template = _secret_dir(tmp_path) / WORD_NAME
    if broken:
        template.write_text("not a Word document", encoding="utf-8")
    monkeypatch.setenv("KPI_REPORT_TEMPLATE", str(template))
    with caplog.at_level(logging.WARNING):
        at = _board()
    shown = _shown(at)
    assert "De Word-sjabloon van het jaarverslag is niet te gebruiken" in shown
    _no_path(shown, template)
    assert str(template) in caplog.text


def test_a_pack_that_cannot_be_built_is_described_without_the_template_path(
    isolated_store, tmp_path, monkeypatch, caplog
):
    """Building fails with python-pptx's own error, which names the template's path (as a template that opens but
    cannot be written into does): the page says the pack could not be built, without the folder or the file's
    name; the log has the reason."""
    template = _secret_dir(tmp_path) / PPTX_NAME

    def broken(*args, **kwargs):
        raise PackageNotFoundError(f"Package not found at '{template}'")

    monkeypatch.setattr(board_views, "render", broken)
    at = _board()
    with caplog.at_level(logging.ERROR):
        at.button(key="board.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _shown(at)
    assert "De rapportage kon niet worden gemaakt. De reden staat in het logboek van de server." in shown
    _no_path(shown, template)
    assert str(template) in caplog.text


def test_a_refused_house_style_is_described_without_its_path(isolated_store, tmp_path, monkeypatch, caplog):
    """A board_template that is no PowerPoint file: a notice without its path; the log has it."""
    template = _secret_dir(tmp_path) / PPTX_NAME
    template.write_text("not a presentation", encoding="utf-8")
    monkeypatch.setenv("KPI_BOARD_TEMPLATE", str(template))
    with caplog.at_level(logging.WARNING):
        at = _board()
    shown = _shown(at)
    assert "De huisstijl (sjabloon, logo of kleuren) is niet te gebruiken" in shown
    _no_path(shown, template)
    assert str(template) in caplog.text


def test_a_store_that_refuses_the_pack_record_is_not_named(isolated_store, tmp_path, monkeypatch):
    """The store cannot record the built pack (read-only): the notice says so without the store's folder."""
    place = _secret_dir(tmp_path) / "store"

    def read_only(self, *args, **kwargs):
        raise StoreError("store_read_only", location=str(place))

    monkeypatch.setattr(Store, "record_board_pack", read_only)
    at = _board()
    at.button(key="board.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = _shown(at)
    assert "kan niet worden geschreven" in shown
    _no_path(shown, place)


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_kpi(*args, cwd=cwd, timeout=120, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})


def test_the_cli_refuses_templates_without_naming_them(isolated_store, tmp_path):
    """`kpi report` and `kpi boardpack` with a --template that is no Word or PowerPoint file: exit 2, a message
    naming the option and what to do, but neither the folder nor the file."""
    folder = _secret_dir(tmp_path)
    word, pptx = folder / WORD_NAME, folder / PPTX_NAME
    word.write_text("not a Word document", encoding="utf-8")
    pptx.write_text("not a presentation", encoding="utf-8")
    out = tmp_path / "out"
    report = _cli(tmp_path, "report", "--year", "2018", "--template", str(word), "--out", str(out / "r.docx"))
    pack = _cli(tmp_path, "boardpack", "--year", "2018", "--template", str(pptx), "--out", str(out / "p"))
    assert report.returncode == 2 and "is geen bruikbaar Word-document (.docx). Sla het op als .docx." in report.stderr
    assert pack.returncode == 2 and "is niet te openen als PowerPoint-bestand (.pptx)" in pack.stderr
    for result, path in ((report, word), (pack, pptx)):
        assert "Traceback" not in result.stderr
        _no_path(result.stderr + result.stdout, path)
    assert not out.exists()


def test_every_refusal_is_a_kpi_error_the_cli_reports_by_one_name():
    """A refused year, filter value, pack template or report template is a `Refused`, so a KpiError."""
    from kpi.annual_report import TemplateRefused
    from kpi.boardpack import RefusedChoice, TemplateError
    from kpi.cli_store import PeriodRefused
    from kpi.errors import KpiError, Refused

    refusals = [
        PeriodRefused("Het jaar 1999 valt buiten de gegevens en plannen."),
        RefusedChoice([("countries", "XX", "")]),
        TemplateError("colours", "not a colour (#RRGGBB): 'rood'", value="rood"),
        TemplateRefused("/srv/templates/report.docx", "not a zip file"),
    ]
    for error in refusals:
        assert isinstance(error, Refused) and isinstance(error, KpiError)
        assert error.message("nl") and "/srv" not in error.message("nl")
    assert refusals[0].message("en") == "Het jaar 1999 valt buiten de gegevens en plannen."
    assert "XX" in refusals[1].message("nl")
