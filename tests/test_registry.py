"""The declared tables (KPIs, texts) are complete and documented."""

from pathlib import Path

from kpi.i18n import LANGS, TEXTS, incomplete
from kpi.registry import KPIS
from kpi.targets import STATUS_ICONS, STATUSES

ROOT = Path(__file__).resolve().parent.parent


def test_every_kpi_is_complete():
    """Every KPI has a label and a short label in Dutch and English, a group and a description."""
    for kpi in KPIS:
        assert all([kpi.key, kpi.group, kpi.description_en])
        assert all(kpi.labels[code] and kpi.shorts[code] for code in ("nl", "en"))


def test_every_text_has_every_language():
    """Every interface text exists in Dutch and English, and in every declared language."""
    assert {"nl", "en"} <= set(LANGS)
    assert all(set(LANGS) <= set(entry) for entry in TEXTS.values())
    assert incomplete() == []


def test_every_status_has_words_and_icon():
    """Statuses show words and an icon, never colour alone."""
    assert all(f"status.{s}" in TEXTS and STATUS_ICONS[s] for s in STATUSES)


def test_registering_is_temporary_and_keys_unique():
    """An extra entry is seen through every view of the registry while registered; a taken key is refused."""
    import pytest

    from kpi.filters import ActivityFilter
    from kpi.registry import KPI, KPI_BY_KEY, KPI_KEYS

    extra = KPI(
        "lead_missions",
        {"nl": "Missies als lead-partner", "en": "Missions as lead partner"},
        {"nl": "Lead-missies", "en": "Lead missions"},
        "mission",
        None,
        "missions",
        "Missions led by the team.",
        where=ActivityFilter(roles=("lead",)),
    )
    before = list(KPI_KEYS)
    with KPIS.extended(extra):
        assert list(KPI_KEYS) == [*before, "lead_missions"] and KPI_BY_KEY["lead_missions"] is extra
        with pytest.raises(ValueError):
            KPIS.register(extra)
    assert list(KPI_KEYS) == before and "lead_missions" not in KPI_BY_KEY


def test_kpi_labels_by_language():
    """label() and short() pick the language's entry; an unknown code gets the Dutch, as the texts do."""
    from kpi.registry import get_kpi

    kpi = get_kpi("matchmaking_meetings")
    assert kpi.label("nl") == "Aantal matchmaking-gesprekken" and kpi.short("en") == "Matchmaking conversations"
    assert kpi.label("fr") == "Aantal matchmaking-gesprekken"


def test_kpi_without_every_language_is_refused():
    """A KPI declared without an English short label is refused when declared, not when a page shows it."""
    import pytest

    from kpi.registry import KPI

    with pytest.raises(ValueError, match="en"):
        KPI("x", {"nl": "X", "en": "X"}, {"nl": "X"}, None, None, "missions", "Nothing.")
