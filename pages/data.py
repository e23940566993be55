"""Placeholder: this page is being built."""
import streamlit as st

st.info("In aanbouw / under construction")
