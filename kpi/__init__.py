"""KPI engine for the international-business dashboard: pure Python, no streamlit."""
