"""Declared interface texts, one table per part of the product."""
