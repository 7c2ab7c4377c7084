"""The family portal ("Ons plan") and account activation with a one-time code."""
