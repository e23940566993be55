"""Synthetic, contract-shaped activities for the benchmarks and the engine's invariant tests: deterministic,
vectorised, typed like the loader's (bench/ imports it from here; tests never import bench)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kpi import schema as S
from kpi.parquet_io import read_frame, write_frame
from kpi.schema import Activities as A

OUT_DIR = Path(__file__).resolve().parent.parent / "bench" / "out"  # git-ignored cache
FIRST_YEAR, LAST_YEAR = 2015, 2024

# Share of each activity type: many visits and services, fewer missions.
TYPE_SHARES: dict[str, float] = {
    "company_visit": 0.40,
    "service": 0.33,
    "info_meeting": 0.12,
    "mission": 0.08,
    "partner_scan": 0.07,
}
# Foreign countries of missions (and partner scans), most-visited first.
COUNTRY_SHARES: dict[str, float] = {
    "DE": 0.30,
    "CN": 0.20,
    "US": 0.14,
    "BE": 0.12,
    "GB": 0.08,
    "JP": 0.06,
    "FR": 0.05,
    "KR": 0.03,
    "IN": 0.02,
}
THEMES: tuple[str, ...] = (
    "Smart Manufacturing",
    "Smart & Green Mobility",
    "3D Printing",
    "Agrifood",
    "Life Sciences & Health",
    "Trade & Investment",
)
THEME_SHARES: tuple[float, ...] = (0.25, 0.20, 0.10, 0.20, 0.15, 0.10)
NO_THEME_SHARE = 0.05  # rows with an empty theme
# (country, region, city) a row may get; each country's places are picked uniformly.
PLACES: tuple[tuple[str, str, str], ...] = (
    ("DE", "Bavaria", "Munich"),
    ("DE", "Thuringia", "Erfurt"),
    ("DE", "Baden-Württemberg", "Stuttgart"),
    ("DE", "North Rhine-Westphalia", "Düsseldorf"),
    ("CN", "Jiangsu", "Suzhou"),
    ("CN", "Guangdong", "Shenzhen"),
    ("CN", "Shanghai", "Shanghai"),
    ("US", "Illinois", "Chicago"),
    ("US", "Missouri", "St. Louis"),
    ("US", "Maryland", "Washington"),
    ("BE", "Flanders", "Antwerp"),
    ("BE", "Wallonia", "Liège"),
    ("GB", "England", "London"),
    ("GB", "Scotland", "Glasgow"),
    ("JP", "Kanagawa", "Yokohama"),
    ("JP", "Tokyo", "Tokyo"),
    ("FR", "Île-de-France", "Paris"),
    ("FR", "Auvergne-Rhône-Alpes", "Lyon"),
    ("KR", "Seoul", "Seoul"),
    ("IN", "Karnataka", "Bengaluru"),
    ("NL", "Gelderland", "Arnhem"),
    ("NL", "Gelderland", "Nijmegen"),
    ("NL", "Overijssel", "Enschede"),
    ("NL", "Overijssel", "Zwolle"),
)
TYPE_TITLES: dict[str, str] = {
    "mission": "Handelsmissie",
    "info_meeting": "Informatiebijeenkomst",
    "company_visit": "Bedrijfsbezoek",
    "partner_scan": "Zakenpartner Scan",
    "service": "Geregistreerde service",
}


def _pick(rng: np.random.Generator, n: int, shares: tuple[float, ...] | list[float]) -> np.ndarray:
    """Indices 0..len(shares)-1 drawn with the given (normalised) shares."""
    p = np.asarray(shares, dtype=float)
    return np.searchsorted(np.cumsum(p / p.sum()), rng.random(n), side="right").clip(0, len(p) - 1)


def _categorical(codes: np.ndarray, categories: list[str] | tuple[str, ...]) -> pd.Categorical:
    """A categorical from codes (-1 = empty) keeping only the observed categories, sorted, as the loader does."""
    used = np.zeros(len(categories) + 1, dtype=bool)
    used[np.unique(codes)] = True  # -1 lands on the spare last slot
    kept = [c for c, u in zip(categories, used) if u]
    order = sorted(range(len(kept)), key=kept.__getitem__)
    remap = np.full(len(categories) + 1, -1, dtype=np.int32)
    positions = np.flatnonzero(used[:-1])
    remap[positions[order]] = np.arange(len(order))
    return pd.Categorical.from_codes(remap[codes], [kept[i] for i in order])


def _strings(values: pa.Array) -> pd.arrays.ArrowStringArray:
    """A pandas "string" array (pyarrow storage, as the loader makes) from an Arrow string array."""
    return pd.array(pd.arrays.ArrowStringArray(values), dtype="string")


def generate(n: int, seed: int = 2018) -> pd.DataFrame:
    """`n` synthetic activities, typed exactly like `kpi.validate.typed_activities` output (plus `year`)."""
    rng = np.random.default_rng(seed)
    types = list(TYPE_SHARES)
    type_code = _pick(rng, n, list(TYPE_SHARES.values()))
    is_mission = type_code == types.index(S.MISSION)
    is_scan = type_code == types.index("partner_scan")
    abroad = is_mission | is_scan

    first = np.datetime64(f"{FIRST_YEAR}-01-01", "D")
    days = (np.datetime64(f"{LAST_YEAR + 1}-01-01", "D") - first).astype(int)
    dates = (first + rng.integers(0, days, n)).astype("datetime64[ns]")

    countries = list(COUNTRY_SHARES) + [S.HOME_COUNTRY]
    country_code = np.where(abroad, _pick(rng, n, list(COUNTRY_SHARES.values())), len(countries) - 1)
    place_country = np.array([countries.index(c) for c, _, _ in PLACES])
    order = np.argsort(place_country, kind="stable")
    starts = np.searchsorted(place_country[order], np.arange(len(countries)))
    counts = np.bincount(place_country, minlength=len(countries))
    place = order[starts[country_code] + (rng.random(n) * counts[country_code]).astype(np.int64)]
    has_place = abroad | (rng.random(n) < 0.5)  # half of home activities record a place
    regions = sorted({r for _, r, _ in PLACES})
    cities = sorted({c for _, _, c in PLACES})
    region_of = np.array([regions.index(r) for _, r, _ in PLACES])
    city_of = np.array([cities.index(c) for _, _, c in PLACES])

    theme_code = _pick(rng, n, THEME_SHARES)
    theme_code[rng.random(n) < NO_THEME_SHARE] = -1

    direction = np.where(is_mission, rng.integers(0, 2, n), -1)
    role = np.where(is_mission, (rng.random(n) < 0.4).astype(np.int64), -1)  # 60% lead, 40% partner
    incoming = is_mission & (direction == 0)

    companies = np.select(
        [is_mission, type_code == types.index("info_meeting"), type_code == types.index("company_visit"), is_scan],
        [rng.integers(2, 25, n), rng.integers(5, 60, n), 1, 1],
        default=(rng.random(n) < 0.9).astype(np.int64),
    ).astype(np.int64)
    matchmaking = np.where(
        is_mission, rng.integers(0, 60, n), np.where(type_code == types.index("info_meeting"), rng.integers(0, 5, n), 0)
    )
    foreign = pd.array(np.where(incoming, companies + rng.integers(0, 10, n), 0), dtype="Int64")
    foreign[~incoming] = pd.NA

    ids = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), 9, "0")
    ids = pc.binary_join_element_wise("SYN-", ids, "")
    title_pool = pa.array([f"{TYPE_TITLES[t]} {c}" for t in types for c in countries])
    titles = title_pool.take(pa.array(type_code * len(countries) + country_code))

    frame = pd.DataFrame(
        {
            A.activity_id: _strings(ids),
            A.date: dates,
            A.activity_type: pd.Categorical.from_codes(
                np.array([S.ACTIVITY_TYPES.index(t) for t in types])[type_code], S.ACTIVITY_TYPES
            ),
            A.title: _strings(titles),
            A.direction: _categorical(direction, S.DIRECTIONS),
            A.role: _categorical(role, S.ROLES),
            A.country: _categorical(country_code, countries),
            A.region: _categorical(np.where(has_place, region_of[place], -1), regions),
            A.city: _categorical(np.where(has_place, city_of[place], -1), cities),
            A.theme: _categorical(theme_code, THEMES),
            A.companies: companies,
            A.matchmaking_meetings: matchmaking.astype(np.int64),
            A.foreign_companies: foreign,
        }
    )
    frame[A.year] = frame[A.date].dt.year.astype("int16")
    return frame


def to_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the raw text cells a contract file holds (what the readers hand to validation)."""
    out = pd.DataFrame(index=frame.index)
    for column in S.ACTIVITY_COLUMNS:
        values = frame[column]
        if column == A.date:
            out[column] = values.dt.strftime(S.DATE_FORMAT)
        else:
            out[column] = values.astype(object).where(values.notna(), "").astype(str)
    return out


def targets_text(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> pd.DataFrame:
    """Demo-like targets text: four-year plans and an annual plan per year, scaled to the synthetic volume."""
    rows = []
    annual = {
        "missions": ("6", "8"),
        "info_meetings": ("3", "4"),
        "mission_companies": ("60", ""),
        "matchmaking_meetings": ("300", ""),
        "company_visits": ("30", ""),
        "partner_scans": ("4", ""),
    }
    plan = {
        "missions": ("24", "32"),
        "info_meetings": ("12", "16"),
        "mission_companies": ("240", ""),
        "matchmaking_meetings": ("1200", ""),
        "company_visits": ("", ""),
        "partner_scans": ("", ""),
    }
    for start in range(first_year - (first_year - 2017) % 4, last_year + 1, 4):
        for kpi, (lo, hi) in plan.items():
            rows.append((kpi, f"MJP {start}-{start + 3}", str(start), str(start + 3), lo, hi))
    for year in range(first_year, last_year + 1):
        for kpi, (lo, hi) in annual.items():
            rows.append((kpi, f"AP {year}", str(year), str(year), lo, hi))
    return pd.DataFrame(rows, columns=list(S.TARGET_COLUMNS))


def cached(n: int, seed: int = 2018) -> Path:
    """Path of the Parquet file with `n` synthetic rows, generating it under bench/out/ when missing."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"activities-{n}-{seed}.parquet"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        write_frame(generate(n, seed), tmp)
        tmp.replace(path)
    return path


def load(n: int, seed: int = 2018) -> pd.DataFrame:
    """The `n`-row synthetic activities, read back through the product's Parquet loader."""
    return read_frame(cached(n, seed))
