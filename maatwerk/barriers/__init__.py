"""Barriers (knelpunten) and their escalation (doorbraak)."""
