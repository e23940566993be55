"""Overview: the report's KPI table (placeholder until the dashboard lands)."""
import streamlit as st

from kpi.engine import kpi_table
from kpi.load import load_activities, load_targets
from kpi.report import report_frame
from kpi.sources import current_paths

activities_path, targets_path = current_paths()
activities, targets = load_activities(activities_path), load_targets(targets_path)
year = int(activities["year"].max())
st.title("Internationaal ondernemen")
st.dataframe(report_frame(kpi_table(activities, targets, year), targets, year, "nl"), hide_index=True)
