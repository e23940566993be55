"""The Board page's annual-report download in AppTest: the button, its file name, and a template it cannot use."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def _board() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _annual(at: AppTest):
    return next(b for b in at.get("download_button") if b.key == "board.download.docx")


def test_the_download_is_offered_at_once(isolated_store):
    """'Jaarverslag (Word)' is offered at once, before any build, and stays when the pack language changes."""
    at = _board()
    assert _annual(at).proto.label == "Jaarverslag (Word)"
    at.button_group(key="board.packlang").set_value("en").run()
    assert not at.exception
    assert _annual(at).proto.label == "Jaarverslag (Word)"  # the page stays Dutch


def test_an_unusable_template_is_refused_without_its_path_and_the_default_is_used(
    isolated_store, tmp_path, monkeypatch
):
    """KPI_REPORT_TEMPLATE pointing at a file that is no Word document: a Dutch warning says the template cannot be
    used (never where it lies on the server), the button stays."""
    bad = tmp_path / "agency.docx"
    bad.write_text("not a Word document", encoding="utf-8")
    monkeypatch.setenv("KPI_REPORT_TEMPLATE", str(bad))
    at = _board()
    warnings = " ".join(w.value for w in at.warning)
    assert "De Word-sjabloon van het jaarverslag is niet te gebruiken" in warnings
    assert "standaardopmaak" in warnings
    assert str(tmp_path) not in warnings and "agency.docx" not in warnings
    assert _annual(at)
