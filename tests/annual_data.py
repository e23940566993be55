"""A second data set for the annual report's tests: other countries, a KPI without a target, 2021-2024 plans.

Worked out by hand (tests/test_narrative.py holds the sentences):
- missions 2021: 8 (4 incoming, 4 outgoing; 4 lead, 4 partner); FR 2 incoming (largest: Agrifood, 11 foreign
  companies), KR 1 incoming without foreign companies recorded, IS 1 incoming (Energy, 4; no adjective declared);
  IN 3 outgoing (Karnataka: Life Sciences and Agrifood; Maharashtra: Agrifood), PL 1 outgoing without a region.
- company visits 3, services 1, info meetings 2, partner scans 0, companies in missions 29, matchmaking 0.
- AP 2021: missions 6-8 (8: achieved), info meetings 2 (achieved), companies 40 (missed), visits 5 (missed),
  scans 1 (missed); matchmaking has no row: no target. MJP 2021-2024 only has missions 24-32.
"""

from __future__ import annotations

from pathlib import Path

ACTIVITIES_CSV = """activity_id,date,activity_type,title,direction,role,country,region,city,theme,companies,foreign_companies,matchmaking_meetings
X1,2021-03-02,mission,Agrifood uit Parijs,incoming,lead,FR,Île-de-France,Paris,Agrifood,5,11,0
X2,2021-04-13,mission,Maakindustrie uit Lille,incoming,partner,FR,Hauts-de-France,Lille,Smart Manufacturing,4,6,0
X3,2021-05-04,mission,Delegatie Korea,incoming,partner,KR,,Seoul,,3,,0
X4,2021-06-08,mission,Life Sciences Bangalore,outgoing,lead,IN,Karnataka,Bangalore,Life Sciences,6,,0
X5,2021-09-14,mission,Agrifood Bangalore,outgoing,partner,IN,Karnataka,Bangalore,Agrifood,4,,0
X6,2021-10-05,mission,Agrifood Mumbai,outgoing,partner,IN,Maharashtra,Mumbai,Agrifood,3,,0
X7,2021-11-02,mission,Energiemissie Polen,outgoing,lead,PL,,,Energy,2,,0
X8,2021-11-20,mission,Geothermie uit IJsland,incoming,lead,IS,,Reykjavik,Energy,2,4,0
V1,2021-02-01,company_visit,Bezoek,,,NL,,,,1,,
V2,2021-05-01,company_visit,Bezoek,,,NL,,,,1,,
V3,2021-08-01,company_visit,Bezoek,,,NL,,,,1,,
S1,2021-08-15,service,Service na V3,,,NL,,,,,,
I1,2021-03-20,info_meeting,Zakendoen in India,,,NL,,,,12,,0
I2,2021-09-20,info_meeting,Zakendoen in Frankrijk,,,NL,,,,9,,0
"""
TARGETS_CSV = """kpi,plan,start_year,end_year,target_min,target_max
missions,MJP 2021-2024,2021,2024,24,32
missions,AP 2021,2021,2021,6,8
info_meetings,AP 2021,2021,2021,2,
mission_companies,AP 2021,2021,2021,40,
company_visits,AP 2021,2021,2021,5,
partner_scans,AP 2021,2021,2021,1,
"""


def write_second_data(folder: Path) -> tuple[Path, Path]:
    """The second data set as CSV files in `folder`: (activities, targets)."""
    folder.mkdir(parents=True, exist_ok=True)
    activities, targets = folder / "activities-2021.csv", folder / "targets-2021.csv"
    activities.write_text(ACTIVITIES_CSV, encoding="utf-8")
    targets.write_text(TARGETS_CSV, encoding="utf-8")
    return activities, targets
