"""Anonymised outcome exports."""
