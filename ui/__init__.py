"""Streamlit-side helpers: cached loaders and shared widgets (the only UI code outside pages/)."""
