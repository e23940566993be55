"""The declared tables (KPIs, texts) are complete and documented."""

from pathlib import Path

from kpi.i18n import LANGS, TEXTS
from kpi.registry import KPIS
from kpi.targets import STATUS_ICONS, STATUSES

ROOT = Path(__file__).resolve().parent.parent


def test_every_kpi_is_complete():
    """Every KPI has both labels, short labels, a group and a description."""
    for kpi in KPIS:
        assert all([kpi.key, kpi.label_nl, kpi.label_en, kpi.short_nl, kpi.short_en, kpi.group, kpi.description_en])


def test_every_kpi_is_documented_in_readme():
    """The README's KPI section names every KPI key."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{kpi.key}`" in readme for kpi in KPIS)


def test_every_text_has_every_language():
    """Every interface text exists in Dutch and English."""
    assert all(set(LANGS) <= set(entry) for entry in TEXTS.values())


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
        "Missies als lead-partner",
        "Missions as lead partner",
        "Lead-missies",
        "Lead missions",
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
