"""The floor of benchmarks/bench_throughput.py: a minimal WSGI app that answers
GET /api/v1/plans/<id> with the same JSON as Maatwerk, doing the least any correct
implementation must do for that response. No Flask, no SQLAlchemy, no marshmallow: one
raw psycopg connection per worker thread (opened on first use, after the fork) and plain
SQL, per request:

1. the bearer token: sha256 of the raw value, one SELECT on api_tokens joined with its user
   (live: not revoked, not expired, account active) and, for a family account, its member;
2. the plan with its household reference and the access rule of DESIGN §3 evaluated in the
   same SELECT (the family of the household; or a professional/manager on the active team
   whose organisation holds active plan_sharing consent);
3. the active team with users and organisations, the goals, the actions with lead
   organisation, assigned user (and organisation) and intervention, and one UNION SELECT
   for the actions' goal ids and participating organisations (skipped without actions);
4. the read on the audit trail as Maatwerk writes it (maatwerk/audit/operations.py): the
   one statement that locks and reads the chain's head (SELECT ... FOR UPDATE), inserts
   the event with its sha256 chain hash (computed by PostgreSQL) and its household index
   and moves the head; COMMIT;
5. the JSON (sorted keys, compact, as Flask sends it) with ETag, Cache-Control: no-store
   and API-Version.

An unknown token is a 401; a plan that is missing or not visible is a 404 after a "denied"
audit event, as in Maatwerk. The same statements and round trips as the app's read model
(maatwerk/plans/document.py), so the ratio measures what the framework stack costs.

    FLOOR_DATABASE_URL=postgresql://... gunicorn floor_wsgi:app
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import threading
import uuid
from decimal import Decimal
from typing import Any

import psycopg

DATABASE_URL = os.environ.get(
    "FLOOR_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/maatwerk_bench"
)
PLAN_PATH = re.compile(r"/api/v1/plans/([0-9]{1,10})")
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
HASHED_FIELDS = (
    "occurred_at",
    "user_id",
    "role",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "household_ids",
    "purpose",
    "outcome",
    "request_id",
    "client_address",
)
CENT = Decimal("0.01")

ACCOUNT_OF_BEARER = """
SELECT u.id, u.role, u.organisation_id, m.household_id
FROM api_tokens t
JOIN users u ON u.id = t.user_id
LEFT JOIN members m ON m.id = u.member_id
WHERE t.token_hash = %s AND t.revoked_at IS NULL AND t.expires_at > %s AND u.active
"""
PLAN_COLUMNS = """
p.id, p.household_id, p.workflow_name, p.workflow_version, p.status, p.cycle, p.version,
p.confirmed_version, p.confirmed_at, p.started_on, p.closed_at, p.closure_reason,
p.updated_at, h.reference
"""
PLAN_OF_FAMILY = f"""
SELECT {PLAN_COLUMNS}, p.household_id = %(household)s AS visible
FROM plans p JOIN households h ON h.id = p.household_id
WHERE p.id = %(plan)s
"""
PLAN_OF_STAFF = f"""
SELECT {PLAN_COLUMNS},
  EXISTS (SELECT 1 FROM team_memberships tm
          WHERE tm.plan_id = p.id AND tm.user_id = %(user)s AND tm.ended_at IS NULL)
  AND EXISTS (SELECT 1 FROM consents c
          WHERE c.household_id = p.household_id AND c.organisation_id = %(organisation)s
            AND c.purpose = 'plan_sharing' AND c.withdrawn_at IS NULL
            AND (c.valid_until IS NULL OR c.valid_until >= %(today)s)) AS visible
FROM plans p JOIN households h ON h.id = p.household_id
WHERE p.id = %(plan)s
"""
TEAM = """
SELECT tm.id, tm.plan_role, tm.started_at, u.id, u.display_name, u.email, u.phone, o.id, o.name
FROM team_memberships tm
JOIN users u ON u.id = tm.user_id
LEFT JOIN organisations o ON o.id = u.organisation_id
WHERE tm.plan_id = %s AND tm.ended_at IS NULL
ORDER BY tm.id
"""
GOALS = """
SELECT id, plan_id, domain, title, why_it_matters, strengths, priority_rank, status,
       proposed_by, target_date, version, updated_at
FROM goals WHERE plan_id = %s ORDER BY id
"""
ACTIONS = """
SELECT a.id, a.plan_id, a.description, a.carrier, a.status, a.intervention_id, a.due_date,
       a.cost, a.proposed_by, a.version, a.updated_at, lead.id, lead.name,
       u.id, u.display_name, uo.id, uo.name, i.name
FROM actions a
LEFT JOIN organisations lead ON lead.id = a.lead_organisation_id
LEFT JOIN users u ON u.id = a.assigned_user_id
LEFT JOIN organisations uo ON uo.id = u.organisation_id
LEFT JOIN interventions i ON i.id = a.intervention_id
WHERE a.plan_id = %s
ORDER BY a.id
"""
LINKS = """
SELECT 'goal' AS kind, ag.action_id, ag.goal_id AS ref_id, NULL AS name
FROM action_goals ag WHERE ag.plan_id = %(plan)s
UNION ALL
SELECT 'organisation', x.action_id, o.id, o.name
FROM action_organisations x
JOIN organisations o ON o.id = x.organisation_id
JOIN actions a ON a.id = x.action_id
WHERE a.plan_id = %(plan)s
ORDER BY 2, 3
"""
APPEND = """
WITH head AS (
    SELECT hash FROM audit_chain_head WHERE id = 1 FOR UPDATE
), event AS (
    INSERT INTO audit_events (occurred_at, user_id, role, organisation_id, action, object_type,
        object_id, household_ids, purpose, outcome, request_id, client_address, prev_hash, hash)
    SELECT %(occurred_at)s, %(user_id)s, %(role)s, %(organisation_id)s, %(action)s,
        %(object_type)s, %(object_id)s, %(household_ids_json)s::json, %(purpose)s, %(outcome)s,
        %(request_id)s, %(client_address)s, head.hash,
        encode(sha256(convert_to(head.hash || %(canonical)s, 'UTF8')), 'hex')
    FROM head
    RETURNING id, hash
), indexed AS (
    INSERT INTO audit_event_households (event_id, household_id)
    SELECT event.id, unnest(%(household_ids)s::int[]) FROM event
), moved AS (
    UPDATE audit_chain_head SET hash = (SELECT hash FROM event) WHERE id = 1
)
SELECT id FROM event
"""

_local = threading.local()


def _connection() -> psycopg.Connection:
    """This worker thread's connection, opened on first use (after gunicorn's fork)."""
    connection = getattr(_local, "connection", None)
    if connection is None or connection.closed:
        connection = _local.connection = psycopg.connect(DATABASE_URL)
    return connection


# --- the audit trail ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def _canonical(fields: dict[str, Any]) -> str:
    """maatwerk.audit.operations.canonical_fields: the JSON the chain hash covers."""
    return json.dumps(
        {name: _plain(fields[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )


def _audit(cur, environ, user, plan_id: int, household_ids: list[int], outcome: str) -> None:
    """Append one event to the hash chain in this transaction (the caller commits)."""
    supplied = environ.get("HTTP_X_REQUEST_ID", "")
    event = {
        "occurred_at": dt.datetime.now(dt.UTC),
        "user_id": user[0],
        "role": user[1],
        "organisation_id": user[2],
        "action": "read",
        "object_type": "plan",
        "object_id": str(plan_id),
        "household_ids": household_ids,
        "purpose": "family_access" if user[1] == "family" else "care",
        "outcome": outcome,
        "request_id": supplied if REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex,
        "client_address": (environ.get("REMOTE_ADDR") or "")[:64] or None,
    }
    event["canonical"] = _canonical(event)
    event["household_ids_json"] = json.dumps(household_ids)
    cur.execute(APPEND, event)


# --- the representation (api/plan_schemas.py PlanSchema) ----------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _organisation(org_id: int | None, name: str | None) -> dict[str, Any] | None:
    return None if org_id is None else {"id": org_id, "name": name}


def _user(user_id, display_name, org_id, org_name) -> dict[str, Any] | None:
    if user_id is None:
        return None
    return {
        "id": user_id,
        "displayName": display_name,
        "organisation": _organisation(org_id, org_name),
    }


def _document(cur, row) -> dict[str, Any]:
    plan_id = row[0]
    team = [
        {
            "id": r[0],
            "user": _user(r[3], r[4], r[7], r[8]),
            "planRole": r[1],
            "startedAt": _when(r[2]),
            "email": r[5],
            "phone": r[6],
        }
        for r in cur.execute(TEAM, (plan_id,))
    ]
    coordinator = next((m["user"] for m in team if m["planRole"] == "coordinator"), None)
    goals = [
        {
            "id": r[0],
            "planId": r[1],
            "domain": r[2],
            "title": r[3],
            "whyItMatters": r[4],
            "strengths": r[5],
            "priorityRank": r[6],
            "status": r[7],
            "proposedBy": r[8],
            "targetDate": _day(r[9]),
            "version": r[10],
            "updatedAt": _when(r[11]),
        }
        for r in cur.execute(GOALS, (plan_id,))
    ]
    actions, by_id = [], {}
    for r in cur.execute(ACTIONS, (plan_id,)):
        action = {
            "id": r[0],
            "planId": r[1],
            "description": r[2],
            "carrier": r[3],
            "status": r[4],
            "goalIds": [],
            "leadOrganisation": _organisation(r[11], r[12]),
            "participatingOrganisations": [],
            "assignedUser": _user(r[13], r[14], r[15], r[16]),
            "interventionId": r[5],
            "dueDate": _day(r[6]),
            "cost": None if r[7] is None else str(r[7].quantize(CENT)),
            "proposedBy": r[8],
            "version": r[9],
            "updatedAt": _when(r[10]),
        }
        if r[5] is not None:  # PlanSchema leaves the name out when there is no intervention
            action["interventionName"] = r[17]
        actions.append(action)
        by_id[r[0]] = action
    if actions:
        for kind, action_id, ref_id, name in cur.execute(LINKS, {"plan": plan_id}):
            if kind == "goal":
                by_id[action_id]["goalIds"].append(ref_id)
            else:
                by_id[action_id]["participatingOrganisations"].append({"id": ref_id, "name": name})
        for action in actions:
            action["goalIds"].sort()
    return {
        "id": plan_id,
        "householdId": row[1],
        "householdReference": row[13],
        "workflow": row[2],
        "workflowVersion": row[3],
        "status": row[4],
        "cycle": row[5],
        "version": row[6],
        "coordinator": coordinator,
        "startedOn": _day(row[9]),
        "updatedAt": _when(row[12]),
        "confirmedVersion": row[7],
        "confirmedAt": _when(row[8]),
        "closedAt": _when(row[10]),
        "closureReason": row[11],
        "team": team,
        "goals": goals,
        "actions": actions,
    }


# --- the WSGI app ------------------------------------------------------------------------------


def _respond(start_response, status: str, body: Any, headers: list[tuple[str, str]] = ()):
    data = (json.dumps(body, sort_keys=True, separators=(",", ":")) + "\n").encode()
    content_type = "application/json" if status.startswith("200") else "application/problem+json"
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
            ("API-Version", "1.0.0"),
            *headers,
        ],
    )
    return [data]


def _problem(start_response, code: int, phrase: str, detail: str, headers=()):
    body = {"type": "about:blank", "title": phrase, "status": code, "detail": detail}
    return _respond(start_response, f"{code} {phrase}", body, list(headers))


def app(environ, start_response):
    """GET /api/v1/plans/<id> with a bearer token; everything else is a 404."""
    match = PLAN_PATH.fullmatch(environ.get("PATH_INFO", ""))
    if environ.get("REQUEST_METHOD") != "GET" or match is None:
        return _problem(start_response, 404, "Not Found", "Not found.")
    plan_id = int(match.group(1))
    scheme, _, raw = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    connection = _connection()
    try:
        with connection.cursor() as cur:
            user = None
            if scheme.lower() == "bearer" and raw.strip():
                digest = hashlib.sha256(raw.strip().encode()).hexdigest()
                user = cur.execute(ACCOUNT_OF_BEARER, (digest, dt.datetime.now(dt.UTC))).fetchone()
            if user is None:
                connection.rollback()
                return _problem(
                    start_response,
                    401,
                    "Unauthorized",
                    "Log in or send a bearer token.",
                    [("WWW-Authenticate", 'Bearer realm="maatwerk"')],
                )
            row = None
            if user[1] == "family":
                params = {"plan": plan_id, "household": user[3] or -1}
                row = cur.execute(PLAN_OF_FAMILY, params).fetchone()
            elif user[1] in ("professional", "manager") and user[2] is not None:
                params = {
                    "plan": plan_id,
                    "user": user[0],
                    "organisation": user[2],
                    "today": dt.date.today(),
                }
                row = cur.execute(PLAN_OF_STAFF, params).fetchone()
            if row is None or not row[-1]:
                connection.rollback()
                _audit(cur, environ, user, plan_id, [row[1]] if row else [], "denied")
                connection.commit()
                return _problem(start_response, 404, "Not Found", "Not found.")
            document = _document(cur, row)
            _audit(cur, environ, user, plan_id, [row[1]], "success")
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    etag = f'"plan-{plan_id}-{document["version"]}"'
    return _respond(start_response, "200 OK", document, [("ETag", etag)])
