"""The KPI registry: every KPI declared once, as data; adding a KPI is one entry."""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from kpi.filters import ActivityFilter
from kpi.schema import MISSION, Activities as A


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


class Registry(Sequence[KPI]):
    """The declared KPIs in order; a live sequence, so every module that imported it sees a registered entry."""

    def __init__(self, entries: Sequence[KPI]) -> None:
        self._entries: list[KPI] = list(entries)

    def __getitem__(self, index):  # type: ignore[override]
        return self._entries[index]

    def __len__(self) -> int:
        return len(self._entries)

    def register(self, kpi: KPI) -> None:
        """Add an entry at the end (ValueError when its key is taken)."""
        if kpi.key in {k.key for k in self._entries}:
            raise ValueError(f"KPI key declared twice: {kpi.key}")
        self._entries.append(kpi)

    def unregister(self, key: str) -> None:
        """Remove the entry `key`."""
        self._entries = [k for k in self._entries if k.key != key]

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


class _Keys(Sequence[str]):
    """The registry's keys in order, always current."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __getitem__(self, index):  # type: ignore[override]
        keys = [k.key for k in self._registry]
        return keys[index]

    def __len__(self) -> int:
        return len(self._registry)

    def __repr__(self) -> str:
        return repr(tuple(self))


class _ByKey(Mapping[str, KPI]):
    """The registry's entries by key, always current."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __getitem__(self, key: str) -> KPI:
        for kpi in self._registry:
            if kpi.key == key:
                return kpi
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter([k.key for k in self._registry])

    def __len__(self) -> int:
        return len(self._registry)


KPIS: Registry = Registry((
    KPI("missions", "Aantal handelsmissies (in- en uitgaand)", "Trade missions (incoming and outgoing)",
        "Handelsmissies", "Trade missions", MISSION, None, "missions",
        "Count of mission rows."),
    KPI("info_meetings", "Aantal informatiebijeenkomsten", "Information meetings",
        "Informatiebijeenkomsten", "Information meetings", "info_meeting", None, "outreach",
        "Count of info_meeting rows."),
    KPI("mission_companies", "Aantal bedrijven dat heeft deelgenomen aan missies",
        "Companies that took part in missions", "Bedrijven in missies", "Companies in missions",
        MISSION, A.companies, "missions", "Sum of companies over mission rows."),
    KPI("matchmaking_meetings", "Aantal matchmaking-gesprekken", "Matchmaking conversations",
        "Matchmaking-gesprekken", "Matchmaking conversations", None, A.matchmaking_meetings,
        "missions", "Sum of matchmaking_meetings over all rows."),
    KPI("company_visits", "Aantal bedrijfsbezoeken", "Company visits",
        "Bedrijfsbezoeken", "Company visits", "company_visit", None, "services",
        "Count of company_visit rows."),
    KPI("partner_scans", "Aantal Zakenpartner Scans", "Business partner scans",
        "Zakenpartner Scans", "Business partner scans", "partner_scan", None, "services",
        "Count of partner_scan rows."),
    KPI("services", "Aantal geregistreerde services", "Registered services",
        "Geregistreerde services", "Registered services", "service", None, "services",
        "Count of service rows."),
))
KPI_BY_KEY: Mapping[str, KPI] = _ByKey(KPIS)
KPI_KEYS: Sequence[str] = _Keys(KPIS)
KPI_GROUPS: tuple[str, ...] = ("missions", "outreach", "services")


def get_kpi(key: str) -> KPI:
    """The registry entry for `key` (KeyError if unknown)."""
    return KPI_BY_KEY[key]
