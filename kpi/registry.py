"""The KPI registry: every KPI declared once, as data; adding a KPI is one entry."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from kpi.filters import ActivityFilter
from kpi.schema import MISSION
from kpi.schema import Activities as A


@dataclass(frozen=True)
class KPI:
    """One KPI: its key, labels, and how it is computed from activities."""

    key: str
    label_nl: str
    label_en: str
    short_nl: str
    short_en: str
    activity_type: str | None  # rows counted or summed; None means all rows
    sum_column: str | None  # None: count rows; otherwise sum this column
    group: str  # board-pack grouping: "missions", "outreach", "services"
    description_en: str
    # Only the activities matching this filter count (e.g. outgoing missions); None: no restriction.
    where: ActivityFilter | None = None

    def label(self, lang: str) -> str:
        """The full label as the report prints it, in `lang`."""
        return self.label_nl if lang == "nl" else self.label_en

    def short(self, lang: str) -> str:
        """A short label for cards and chart titles, in `lang`."""
        return self.short_nl if lang == "nl" else self.short_en


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
            "Aantal handelsmissies (in- en uitgaand)",
            "Trade missions (incoming and outgoing)",
            "Handelsmissies",
            "Trade missions",
            MISSION,
            None,
            "missions",
            "Count of mission rows.",
        ),
        KPI(
            "info_meetings",
            "Aantal informatiebijeenkomsten",
            "Information meetings",
            "Informatiebijeenkomsten",
            "Information meetings",
            "info_meeting",
            None,
            "outreach",
            "Count of info_meeting rows.",
        ),
        KPI(
            "mission_companies",
            "Aantal bedrijven dat heeft deelgenomen aan missies",
            "Companies that took part in missions",
            "Bedrijven in missies",
            "Companies in missions",
            MISSION,
            A.companies,
            "missions",
            "Sum of companies over mission rows.",
        ),
        KPI(
            "matchmaking_meetings",
            "Aantal matchmaking-gesprekken",
            "Matchmaking conversations",
            "Matchmaking-gesprekken",
            "Matchmaking conversations",
            None,
            A.matchmaking_meetings,
            "missions",
            "Sum of matchmaking_meetings over all rows.",
        ),
        KPI(
            "company_visits",
            "Aantal bedrijfsbezoeken",
            "Company visits",
            "Bedrijfsbezoeken",
            "Company visits",
            "company_visit",
            None,
            "services",
            "Count of company_visit rows.",
        ),
        KPI(
            "partner_scans",
            "Aantal Zakenpartner Scans",
            "Business partner scans",
            "Zakenpartner Scans",
            "Business partner scans",
            "partner_scan",
            None,
            "services",
            "Count of partner_scan rows.",
        ),
        KPI(
            "services",
            "Aantal geregistreerde services",
            "Registered services",
            "Geregistreerde services",
            "Registered services",
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
