"""Households, their members and their consents."""
