"""Maatwerk plans: the plan, its team, history and conversation."""
