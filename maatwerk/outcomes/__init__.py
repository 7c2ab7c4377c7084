"""Outcome scores and experience surveys."""
