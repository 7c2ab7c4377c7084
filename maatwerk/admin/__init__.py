"""The functional administrator: organisations and staff accounts, never family data."""
