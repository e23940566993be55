"""The KPI registry: every KPI declared once, as data; adding a KPI is one entry."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from kpi.filters import ActivityFilter
from kpi.languages import LANGUAGES, language
from kpi.schema import MISSION
from kpi.schema import Activities as A


@dataclass(frozen=True)
class KPI:
    """One KPI: its key, labels per language code, and how it is computed from activities."""

    key: str
    labels: dict[str, str] = field(hash=False)  # the full label as the report prints it
    shorts: dict[str, str] = field(hash=False)  # a short label for cards and chart titles
    activity_type: str | None  # rows counted or summed; None means all rows
    sum_column: str | None  # None: count rows; otherwise sum this column
    group: str  # board-pack grouping: "missions", "outreach", "services"
    description_en: str
    # Only the activities matching this filter count (e.g. outgoing missions); None: no restriction.
    where: ActivityFilter | None = None

    def __post_init__(self) -> None:
        missing = [code for code in LANGUAGES if not (self.labels.get(code) and self.shorts.get(code))]
        if missing:
            raise ValueError(f"KPI {self.key} lacks a label or short label in {missing}")

    def label(self, lang: str) -> str:
        """The full label as the report prints it, in `lang`."""
        return self.labels[language(lang).code]

    def short(self, lang: str) -> str:
        """A short label for cards and chart titles, in `lang`."""
        return self.shorts[language(lang).code]


class Registry(list[KPI]):
    """The declared KPIs in order; registering changes it in place, so every module that imported it (and
    KPI_KEYS and KPI_BY_KEY, which follow it) sees the new entry. Plain list and dict types, so anything that
    takes a list of options takes them."""

    def __init__(self, entries: Sequence[KPI]) -> None:
        super().__init__(entries)
        self.keys: list[str] = [k.key for k in entries]
        self.by_key: dict[str, KPI] = {k.key: k for k in entries}

    def register(self, kpi: KPI) -> None:
        """Add an entry at the end (ValueError when its key is taken)."""
        if kpi.key in self.by_key:
            raise ValueError(f"KPI key declared twice: {kpi.key}")
        self.append(kpi)
        self.keys.append(kpi.key)
        self.by_key[kpi.key] = kpi

    def unregister(self, key: str) -> None:
        """Remove the entry `key`."""
        self[:] = [k for k in self if k.key != key]
        self.keys[:] = [k for k in self.keys if k != key]
        self.by_key.pop(key, None)

    @contextmanager
    def extended(self, *kpis: KPI) -> Iterator[Registry]:
        """The registry with `kpis` added for the duration of a `with` block (tests, what-if runs)."""
        for kpi in kpis:
            self.register(kpi)
        try:
            yield self
        finally:
            for kpi in kpis:
                self.unregister(kpi.key)


KPIS: Registry = Registry(
    (
        KPI(
            "missions",
            {"nl": "Aantal handelsmissies (in- en uitgaand)", "en": "Trade missions (incoming and outgoing)"},
            {"nl": "Handelsmissies", "en": "Trade missions"},
            MISSION,
            None,
            "missions",
            "Count of mission rows.",
        ),
        KPI(
            "info_meetings",
            {"nl": "Aantal informatiebijeenkomsten", "en": "Information meetings"},
            {"nl": "Informatiebijeenkomsten", "en": "Information meetings"},
            "info_meeting",
            None,
            "outreach",
            "Count of info_meeting rows.",
        ),
        KPI(
            "mission_companies",
            {"nl": "Aantal bedrijven dat heeft deelgenomen aan missies", "en": "Companies that took part in missions"},
            {"nl": "Bedrijven in missies", "en": "Companies in missions"},
            MISSION,
            A.companies,
            "missions",
            "Sum of companies over mission rows.",
        ),
        KPI(
            "matchmaking_meetings",
            {"nl": "Aantal matchmaking-gesprekken", "en": "Matchmaking conversations"},
            {"nl": "Matchmaking-gesprekken", "en": "Matchmaking conversations"},
            None,
            A.matchmaking_meetings,
            "missions",
            "Sum of matchmaking_meetings over all rows.",
        ),
        KPI(
            "company_visits",
            {"nl": "Aantal bedrijfsbezoeken", "en": "Company visits"},
            {"nl": "Bedrijfsbezoeken", "en": "Company visits"},
            "company_visit",
            None,
            "services",
            "Count of company_visit rows.",
        ),
        KPI(
            "partner_scans",
            {"nl": "Aantal Zakenpartner Scans", "en": "Business partner scans"},
            {"nl": "Zakenpartner Scans", "en": "Business partner scans"},
            "partner_scan",
            None,
            "services",
            "Count of partner_scan rows.",
        ),
        KPI(
            "services",
            {"nl": "Aantal geregistreerde services", "en": "Registered services"},
            {"nl": "Geregistreerde services", "en": "Registered services"},
            "service",
            None,
            "services",
            "Count of service rows.",
        ),
    )
)
KPI_BY_KEY: dict[str, KPI] = KPIS.by_key
KPI_KEYS: list[str] = KPIS.keys
KPI_GROUPS: tuple[str, ...] = ("missions", "outreach", "services")


def get_kpi(key: str) -> KPI:
    """The registry entry for `key` (KeyError if unknown)."""
    return KPI_BY_KEY[key]
