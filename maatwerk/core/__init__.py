"""Shared building blocks of the domain: database, types, enums."""
