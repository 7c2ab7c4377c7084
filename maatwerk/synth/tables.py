"""The tables synth fills: their columns in row order, the load order, JSON columns."""

from __future__ import annotations

# table -> columns, in the order of the generated row tuples. Listed in load order: every
# table comes after the tables its foreign keys point at.
COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("id", "reference", "area_id", "referral_source", "referred_on", "created_at"),
    "members": ("id", "household_id", "given_name", "family_name", "date_of_birth", "position"),
    "users": (
        "id", "login", "display_name", "role", "organisation_id", "member_id", "email",
        "password_hash", "active", "created_at",
    ),
    "consents": (
        "id", "household_id", "organisation_id", "purpose", "given_by_member_id",
        "recorded_by_user_id", "text_version", "given_at", "valid_until", "withdrawn_at",
        "version",
    ),
    "plans": (
        "id", "household_id", "workflow_name", "workflow_version", "status", "cycle", "version",
        "confirmed_version", "confirmed_at", "started_on", "closed_at", "closure_reason",
        "created_at", "updated_at",
    ),
    "team_memberships": ("id", "plan_id", "user_id", "plan_role", "started_at", "ended_at"),
    "goals": (
        "id", "plan_id", "domain", "title", "why_it_matters", "strengths", "priority_rank",
        "status", "proposed_by", "proposed_by_user_id", "target_date", "version", "created_at",
        "updated_at",
    ),
    "actions": (
        "id", "plan_id", "description", "lead_organisation_id", "assigned_user_id", "carrier",
        "intervention_id", "due_date", "status", "cost", "proposed_by", "version", "created_at",
        "updated_at",
    ),
    "action_goals": ("action_id", "goal_id", "plan_id"),
    "action_organisations": ("action_id", "organisation_id"),
    "barriers": (
        "id", "plan_id", "action_id", "category", "rule_concerned", "description",
        "proposed_solution", "status", "structural", "decision", "amount_granted",
        "reported_by_user_id", "decided_by_user_id", "reported_at", "decided_at", "resolved_at",
        "updated_at", "version",
    ),
    "barrier_escalations": ("barrier_id", "organisation_id"),
    "barrier_operational_goals": ("barrier_id", "operational_goal_id"),
    "outcome_scores": (
        "id", "plan_id", "cycle", "domain", "score", "scored_by", "scored_by_user_id", "moment",
        "scored_on",
    ),
    "experience_surveys": (
        "id", "plan_id", "cycle", "respondent", "respondent_user_id", "moment", "answered_on",
    ),
    "survey_answers": ("id", "survey_id", "statement_key", "operational_goal_id", "score"),
    "comments": ("id", "plan_id", "author_user_id", "body", "created_at"),
    "plan_revisions": (
        "id", "plan_id", "version", "snapshot", "summary", "actor_user_id", "created_at",
    ),
    "transition_events": (
        "id", "workflow_name", "workflow_version", "subject_type", "subject_id", "plan_id",
        "from_state", "to_state", "trigger", "actor_user_id", "actor_role", "organisation_id",
        "occurred_at", "reason",
    ),
    "audit_events": (
        "id", "occurred_at", "user_id", "role", "organisation_id", "action", "object_type",
        "object_id", "household_ids", "purpose", "outcome", "request_id", "client_address",
        "prev_hash", "hash",
    ),
    "audit_event_households": ("event_id", "household_id"),
}  # fmt: skip

# Tables whose rows carry an id synth allocates (the first column); the others are links.
WITH_ID = tuple(name for name, columns in COLUMNS.items() if columns[0] == "id")

# Columns holding JSON: generated as Python values, serialised by the loader.
JSON_COLUMNS: dict[str, tuple[int, ...]] = {
    "plan_revisions": (COLUMNS["plan_revisions"].index("snapshot"),),
    "audit_events": (COLUMNS["audit_events"].index("household_ids"),),
}

# The households' tables, counted in the summary (link tables included).
SUMMARY_TABLES = tuple(COLUMNS)
