"""Anonymised outcome exports for monitoring and research (DESIGN §6)."""
