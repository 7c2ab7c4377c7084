"""Organisations, accounts and login."""
