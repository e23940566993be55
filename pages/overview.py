"""Overview: the report's KPI table (placeholder until the dashboard lands)."""
import streamlit as st

from kpi.engine import kpi_table
from kpi.report import report_frame
from ui.data import current_data

activities, targets = current_data()
year = int(activities["year"].max())
st.title("Internationaal ondernemen")
st.dataframe(report_frame(kpi_table(activities, targets, year), targets, year, "nl"), hide_index=True)
