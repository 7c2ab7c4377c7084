"""The AVG export is complete by construction: every table of the metadata that holds data
of a household (a household_id, plan_id or member_id column, or a foreign key to such a
table, followed through the tables) has a section in the export, or is in EXCLUDED with the
reason. A new household table without an export section fails here.

The values are checked too: every row of every such table that belongs to the exported
household (found by following the same foreign keys in the database) shows in its section,
and no secret (password, code or token hash, TOTP secret) shows anywhere.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, Table, select

from maatwerk.barriers.operations import decide_barrier, link_operational_goals, report_barrier
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import db
from maatwerk.households.operations import rectify_member
from maatwerk.portal.activation import activate_account, create_activation_code
from maatwerk.workflow import fire_transition
from tests.api.conftest import ApiClient
from tests.security.world import PASSWORD, build_world

API = "/api/v1"
HOUSEHOLD_COLUMNS = ("household_id", "plan_id", "member_id")
# A user row belongs to a household through member_id (the family's account); what hangs off
# users (sessions, tokens, recovery codes, sessions a user created ...) is about the user as
# an actor, so the search does not go on from users.
NOT_FOLLOWED = {"users"}
# Household tables without a section, and why.
EXCLUDED = {
    # The index of audit events by household: the events themselves are the access log
    # section (who, which organisation and role, what, when, why, outcome).
    "audit_event_households": "accessLog",
    # Staff inbox entries pointing at a barrier (recipient, kind, read or not): they hold
    # nothing about the household beyond the barrier, which is exported.
    "notifications": "the barrier",
}


def _name(table_name: str, column: str) -> Callable[[dict], Any]:
    """The `name` (or `code`) of the row that `column` refers to in `table_name`."""

    def value(row: dict) -> Any:
        table = db.metadata.tables[table_name]
        label = table.c.code if "code" in table.c else table.c.name
        return db.session.scalar(select(label).where(table.c.id == row[column]))

    return value


# table -> (the section: a dotted path, "*" for every item of a list; the values of each row
# that must show in it: a column name or a function of the row)
SECTIONS: dict[str, tuple[str, list[str | Callable[[dict], Any]]]] = {
    "households": ("household", ["id", "reference"]),
    "members": ("members", ["id", "given_name", "family_name"]),
    "member_revisions": ("memberRevisions", ["member_id", "actor_role", "created_at"]),
    "users": ("accounts", ["login", "display_name", "phone"]),
    "activation_codes": ("activationCodes", ["id", "member_id", "expires_at"]),
    "family_notices": ("familyNotices", ["id", "member_id", "kind", "created_at"]),
    "consents": ("consents", ["id", "text_version", "given_at"]),
    "plans": ("plans", ["id", "status", "version"]),
    "team_memberships": ("plans.*.team", ["user_id", "plan_role", "started_at"]),
    "goals": ("plans.*.goals", ["id", "title", "domain"]),
    "actions": ("plans.*.actions", ["id", "description", "carrier"]),
    "action_goals": ("plans.*.actions", ["action_id", "goal_id"]),
    "action_organisations": (
        "plans.*.actions",
        ["action_id", _name("organisations", "organisation_id")],
    ),
    "barriers": ("plans.*.barriers", ["id", "description", "status"]),
    "barrier_escalations": (
        "plans.*.barriers",
        ["barrier_id", _name("organisations", "organisation_id")],
    ),
    "barrier_operational_goals": (
        "plans.*.barriers",
        ["barrier_id", _name("operational_goals", "operational_goal_id")],
    ),
    "budget_grants": ("budgetGrants", ["id", "barrier_id", "granted_at"]),
    "outcome_scores": ("plans.*.scores", ["id", "score", "moment"]),
    "comments": ("plans.*.comments", ["id", "body"]),
    "plan_revisions": ("plans.*.revisions", ["version", "summary"]),
    "transition_events": ("plans.*.transitionEvents", ["id", "trigger", "to_state"]),
    "experience_surveys": ("experienceSurveys", ["id", "respondent", "cycle"]),
    "survey_answers": ("experienceSurveys.*.answers", ["statement_key", "score"]),
    "case_packs": ("caseReviews", ["id", "plan_id", "session_id"]),
    "case_pack_texts": ("caseReviews.*.texts", ["id", "text", "field"]),
}
SECRETS = ("password_hash", "code_hash", "token_hash", "key_hash", "mfa_secret")


def household_tables() -> list[Table]:
    """Every table holding household data, in dependency order."""
    found: set[str] = {"households"}
    for table in db.metadata.sorted_tables:  # parents before children
        refers = {fk.column.table.name for fk in table.foreign_keys} - NOT_FOLLOWED
        if refers & found or set(HOUSEHOLD_COLUMNS) & set(table.c.keys()):
            found.add(table.name)
    return [t for t in db.metadata.sorted_tables if t.name in found]


def household_rows(household_id: int) -> dict[str, list[dict]]:
    """The rows of every household table that belong to this household."""
    ids: dict[str, set] = {"households": {household_id}}
    rows: dict[str, list[dict]] = {}
    for table in household_tables():
        if table.name == "households":
            clauses = [table.c.id == household_id]
        else:
            clauses = [
                fk.parent.in_(ids[fk.column.table.name])
                for fk in table.foreign_keys
                if fk.column.table.name in ids and fk.column.table.name not in NOT_FOLLOWED
            ]
            if "household_id" in table.c:
                clauses.append(table.c.household_id == household_id)
        found: list[dict] = []
        for clause in clauses:
            found += [dict(r._mapping) for r in db.session.execute(select(table).where(clause))]
        unique = {json.dumps(r, default=str, sort_keys=True): r for r in found}
        rows[table.name] = list(unique.values())
        if "id" in table.c:
            ids[table.name] = {r["id"] for r in rows[table.name]}
    return rows


def section(data: Any, path: str) -> Iterator[Any]:
    """The parts of the export at a dotted path ("*": every item of a list)."""
    parts = path.split(".")
    if not parts or path == "":
        yield data
        return
    head, rest = parts[0], ".".join(parts[1:])
    items = data if head == "*" else [data[head]] if head in data else []
    for item in items:
        yield from section(item, rest) if rest else [item]


def scalars(data: Any) -> set[str]:
    if isinstance(data, dict):
        return {s for v in data.values() for s in scalars(v)}
    if isinstance(data, list):
        return {s for v in data for s in scalars(v)}
    return {str(data)} if data is not None else set()


def exported(value: Any) -> str:
    """A database value as the export writes it."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def fill_everything(world) -> None:
    """What the authorisation world lacks: a member correction, an activation code, a grant
    from the GGZ budget and a structural barrier linked to an operational goal."""
    a, manager = world.a, world.users["manager"]
    rectify_member(a.household.members[0], actor=a.coordinator, family_name="Test-Bakker")
    create_activation_code(a.household.members[-1], actor=a.coordinator)
    decide_barrier(
        a.plan.barriers[0], actor=manager, decision="Akkoord", amount=decimal.Decimal("120.50")
    )
    barrier = report_barrier(
        a.plan,
        category="rules",
        description="Een landelijke regel",
        actor=a.coordinator,
        escalate_to=[a.ggz],
    )
    fire_transition(barrier, "escalate", actor=a.coordinator)
    fire_transition(barrier, "make_structural", actor=a.coordinator, reason="Landelijk")
    goal = db.session.get(OperationalGoal, world.ids["operational_goal_id"])
    link_operational_goals(barrier, [goal], actor=world.users["programme"])
    db.session.commit()


def test_every_household_table_has_a_section_or_a_reason(app):
    with app.app_context():
        names = {t.name for t in household_tables()}
    assert {"households", "plans", "goals", "case_pack_texts", "activation_codes"} <= names
    missing = sorted(names - set(SECTIONS) - set(EXCLUDED))
    assert not missing, (
        f"Household tables the export leaves out: {missing}. Add a section to "
        "maatwerk/households/export.py and to SECTIONS here, or a reason to EXCLUDED."
    )
    assert not (set(SECTIONS) | set(EXCLUDED)) - names, "SECTIONS/EXCLUDED name other tables"


def test_a_new_household_table_without_a_section_fails(app):
    with app.app_context():
        notes = Table(
            "household_notes",
            db.metadata,
            Column("id", Integer, primary_key=True),
            Column("plan_id", ForeignKey("plans.id")),
        )
        try:
            names = {t.name for t in household_tables()}
        finally:
            db.metadata.remove(notes)
    assert "household_notes" in names - set(SECTIONS) - set(EXCLUDED)


def test_the_export_holds_every_row_of_the_household(client, db_session):
    world = build_world(client)
    fill_everything(world)
    household_id = world.a.household.id
    data = (
        ApiClient(client, world.a.family.login)
        .get(f"{API}/households/{household_id}/export")
        .get_json()
    )
    rows = household_rows(household_id)
    empty = sorted(name for name in SECTIONS if not rows[name])
    assert not empty, f"the world has no rows in {empty}: the check would prove nothing"
    absent = []
    for name, (path, checks) in SECTIONS.items():
        shown = scalars(list(section(data, path)))
        for row in rows[name]:
            for check in checks:
                value = check(row) if callable(check) else row[check]
                if value is not None and exported(value) not in shown:
                    absent.append(f"{name} {row.get('id', '')}: {value!r} not in {path}")
    assert not absent, "\n".join(absent)
    text = json.dumps(data)
    secrets = [
        (name, column)
        for name, table_rows in rows.items()
        for row in table_rows
        for column in SECRETS
        if row.get(column) and str(row[column]) in text
    ]
    assert not secrets, secrets
    assert rows["activation_codes"][0]["code_hash"], "the code's hash is stored, not exported"


def test_only_the_familys_own_export_links_activation_codes_to_accounts(client, db_session):
    """Account data (the accounts section, and the account an activation code created) is in
    the family's own download only; the coordinator's export shows the code without it."""
    world = build_world(client)
    a = world.a
    code = create_activation_code(a.household.members[-1], actor=a.coordinator)
    account = activate_account(code, login=f"kees-{a.household.id}", password=PASSWORD)
    db.session.commit()
    url = f"{API}/households/{a.household.id}/export"
    own = ApiClient(client, a.family.login).get(url).get_json()
    by_coordinator = ApiClient(client, a.coordinator.login).get(url).get_json()
    assert [c["accountId"] for c in own["activationCodes"]] == [account.id]
    assert account.login in {u["login"] for u in own["accounts"]}
    assert by_coordinator["accounts"] == []
    (shown,) = by_coordinator["activationCodes"]
    assert "accountId" not in shown
    assert shown["usedAt"] == own["activationCodes"][0]["usedAt"] is not None
    assert account.login not in json.dumps(by_coordinator)
