"""Audit trail: append-only, hash-chained audit events (DESIGN §8)."""
