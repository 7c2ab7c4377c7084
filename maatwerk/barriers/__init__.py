"""Barriers (knelpunten) and their escalation (doorbraak)."""

from maatwerk.barriers import notices  # noqa: F401  (notifications follow the workflow)
