"""Programme monitoring: indicators per operational goal, experience surveys, rollups with
small-cell protection, the dashboard and the annual report (DESIGN §7)."""
