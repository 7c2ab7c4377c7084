"""The annual reflection (eiland van reflectie): findings per side of the lemniscate and a
decision per operational goal for the next phase plan (DESIGN §7)."""
