"""Benchmarks of the API's hot paths against raw psycopg floors, side by side in one run.

- plan read: GET /api/v1/plans/{id} (token check, access rule, audit event, commit)
  against the SELECTs that fetch the same data (target <= 4x); the same reads plus the
  audit append and commit that every read must do are reported as a second floor;
- goal update: PATCH /api/v1/goals/{id} with If-Match against a raw
  `UPDATE goals ... WHERE id = %s AND version = %s` and commit (target <= 2x);
- transition: POST /api/v1/plans/{id}/transitions (pause, resume) against a raw conditional
  `UPDATE plans ... WHERE status = %s AND version = %s` plus its transition event insert
  and commit (target <= 3x).

Both writes are also reported against a "same-work" floor: raw psycopg doing what every
such change must do here (the bearer token with its account, the item with its plan and the
access rule, the versioned UPDATE, the plan's version bump, the revision's snapshot read
and stored, the audit append, commit), so the figure shows the cost of the framework
rather than of the work the product requires (docs/PERFORMANCE.md).

The API runs in-process through the Flask test client (the whole WSGI stack, no network);
the floors use one psycopg connection with prepared statements. Both use the same
PostgreSQL database (MAATWERK_BENCH_DATABASE_URL, filled by `maatwerk demo` or
`maatwerk synth`). Run: `python benchmarks/bench_api.py` (or `make bench`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys

from common import Result, paired, psycopg_url, report, sqlalchemy_url

LOGIN, PASSWORD = "regisseur.stadskanaal", "maatwerk-demo"


NOOP_URL = "/api/v1/benchmark-noop"
ANONYMOUS_NOOP_URL = "/api/v1/benchmark-anonymous-noop"


def make_app():
    """The production configuration on the benchmark database (no MFA for the token), with
    two extra routes for this harness only: a request that does nothing (WSGI, Flask, a JSON
    answer) and one that only authenticates (the same plus the bearer token's lookup): the
    least any API call costs here."""
    from api.core import login_required_api
    from config import ProductionConfig
    from maatwerk import create_app

    app = create_app(
        ProductionConfig,
        {
            "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(),
            "SECRET_KEY": "benchmark-only-" + "x" * 32,
            "MFA_REQUIRED_ROLES": (),
        },
    )
    app.add_url_rule(NOOP_URL, "benchmark_noop", login_required_api(lambda: {}))
    app.add_url_rule(ANONYMOUS_NOOP_URL, "benchmark_anonymous_noop", lambda: {})
    return app


class Api:
    """The test client with a bearer token of the demo coordinator."""

    def __init__(self, app) -> None:
        self.client = app.test_client()
        response = self.client.post(
            "/api/v1/auth/tokens", json={"login": LOGIN, "password": PASSWORD}
        )
        if response.status_code != 201:
            sys.exit(f"Cannot log in as {LOGIN}: load the demo data into the bench database.")
        raw = response.get_json()["token"]
        self.headers = {"Authorization": "Bearer " + raw}
        self.token_hash = hashlib.sha256(raw.encode()).hexdigest()

    def call(self, method: str, url: str, expect: int = 200, etag: str | None = None, **kw):
        headers = dict(self.headers)
        if etag:
            headers["If-Match"] = etag
        response = getattr(self.client, method)(url, headers=headers, **kw)
        if response.status_code != expect:
            raise RuntimeError(f"{method.upper()} {url}: {response.status_code}")
        return response


def pick_plans(api: Api) -> tuple[int, int]:
    """A plan with the most goals and actions (read, goal update) and an active plan
    the coordinator may pause and resume (transition)."""
    plans = api.call("get", "/api/v1/plans?pageSize=100").get_json()["items"]
    sizes = {}
    for plan in plans:
        body = api.call("get", f"/api/v1/plans/{plan['id']}").get_json()
        sizes[plan["id"]] = len(body["goals"]) + len(body["actions"])
    richest = max(sizes, key=sizes.get)
    for plan in plans:
        if plan["status"] not in ("active", "paused"):
            continue
        options = api.call("get", f"/api/v1/plans/{plan['id']}/transitions").get_json()
        if any(o["trigger"] in ("pause", "resume") and o["allowed"] for o in options):
            return richest, plan["id"]
    sys.exit("No active plan that the coordinator may pause in the bench database.")


READ_SQL = [
    "SELECT p.*, h.reference FROM plans p JOIN households h ON h.id = p.household_id"
    " WHERE p.id = %(id)s",
    "SELECT * FROM goals WHERE plan_id = %(id)s ORDER BY id",
    "SELECT a.*, o.name, u.display_name, u.email, u.phone, uo.name, i.name FROM actions a"
    " LEFT JOIN organisations o ON o.id = a.lead_organisation_id"
    " LEFT JOIN users u ON u.id = a.assigned_user_id"
    " LEFT JOIN organisations uo ON uo.id = u.organisation_id"
    " LEFT JOIN interventions i ON i.id = a.intervention_id WHERE a.plan_id = %(id)s"
    " ORDER BY a.id",
    "SELECT ag.action_id, ag.goal_id FROM action_goals ag WHERE ag.plan_id = %(id)s",
    "SELECT ao.action_id, o.id, o.name FROM action_organisations ao"
    " JOIN organisations o ON o.id = ao.organisation_id"
    " JOIN actions a ON a.id = ao.action_id WHERE a.plan_id = %(id)s",
    "SELECT t.*, u.display_name, u.email, u.phone, o.name FROM team_memberships t"
    " JOIN users u ON u.id = t.user_id LEFT JOIN organisations o ON o.id = u.organisation_id"
    " WHERE t.plan_id = %(id)s AND t.ended_at IS NULL ORDER BY t.id",
]


# The audit append as Maatwerk does it on PostgreSQL (maatwerk/audit/operations.py): one
# statement locks and reads the head row, writes the event and moves the head.
AUDITED_APPEND = """
WITH head AS (SELECT hash FROM bench_audit_head WHERE id = 1 FOR UPDATE),
event AS (INSERT INTO bench_audit (plan_id, at) SELECT %(plan)s, now() FROM head RETURNING plan_id)
UPDATE bench_audit_head SET hash = encode(sha256(convert_to(hash || 'x', 'UTF8')), 'hex')
WHERE id = 1 AND EXISTS (SELECT 1 FROM event)
"""


def bench_plan_read(api: Api, conn, plan_id: int) -> list[Result]:
    url = f"/api/v1/plans/{plan_id}"

    def subject() -> None:
        api.call("get", url)

    def floor() -> None:
        with conn.transaction():
            for sql in READ_SQL:
                conn.execute(sql, {"id": plan_id}).fetchall()

    def audited_floor() -> None:
        with conn.transaction():
            for sql in READ_SQL:
                conn.execute(sql, {"id": plan_id}).fetchall()
            conn.execute(AUDITED_APPEND, {"plan": plan_id})

    conn.execute("CREATE TABLE IF NOT EXISTS bench_audit (plan_id int, at timestamptz)")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_audit_head (id int PRIMARY KEY, hash text)")
    conn.execute("INSERT INTO bench_audit_head VALUES (1, '') ON CONFLICT DO NOTHING")
    conn.commit()
    return [
        paired("plan read", subject, floor, floor_name="raw SELECTs", target=4),
        paired(
            "plan read (audited floor)",
            subject,
            audited_floor,
            floor_name="raw SELECTs + audit append + commit",
        ),
    ]


# The bearer token with its account and organisation (maatwerk/accounts/tokens.py).
ACCOUNT_SQL = (
    "SELECT t.user_id, u.organisation_id, t.*, u.*, o.* FROM api_tokens t"
    " JOIN users u ON u.id = t.user_id"
    " LEFT JOIN organisations o ON o.id = u.organisation_id WHERE t.token_hash = %(hash)s"
)
# A plan, and whether the account is on its team and its household's consent covers the
# account's organisation (maatwerk/plans/access.py as SQL).
PLAN_ACCESS_SQL = (
    "SELECT p.*, EXISTS (SELECT 1 FROM team_memberships t WHERE t.plan_id = p.id"
    "  AND t.user_id = %(user)s AND t.ended_at IS NULL)"
    " AND EXISTS (SELECT 1 FROM consents c WHERE c.household_id = p.household_id"
    "  AND c.organisation_id = %(org)s AND c.purpose = 'plan_sharing'"
    "  AND c.withdrawn_at IS NULL) AS visible"
    " FROM plans p WHERE p.id = %(id)s"
)
# A goal with its plan, and whether the account is on the team of a household whose
# consent covers its organisation (maatwerk/plans/access.py as SQL).
GOAL_ACCESS_SQL = (
    "SELECT g.*, p.id, p.household_id, p.status, p.version,"
    " EXISTS (SELECT 1 FROM team_memberships t WHERE t.plan_id = p.id"
    "  AND t.user_id = %(user)s AND t.ended_at IS NULL)"
    " AND EXISTS (SELECT 1 FROM consents c WHERE c.household_id = p.household_id"
    "  AND c.organisation_id = %(org)s AND c.purpose = 'plan_sharing'"
    "  AND c.withdrawn_at IS NULL) AS visible"
    " FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = %(id)s"
)
# The parts a revision snapshot records (maatwerk/plans/document.py load_plan_parts).
SNAPSHOT_SQL = [
    "SELECT * FROM goals WHERE plan_id = %(id)s ORDER BY id",
    READ_SQL[2],
    "SELECT ag.action_id, ag.goal_id FROM action_goals ag WHERE ag.plan_id = %(id)s",
    READ_SQL[4],
    READ_SQL[5],
    "SELECT id, category, status FROM barriers WHERE plan_id = %(id)s ORDER BY id",
]


def same_work_tables(conn, plan_ids: list[int]) -> None:
    """The copies the same-work floors write to (the real rows are the subject's)."""
    conn.execute("CREATE TABLE IF NOT EXISTS bench_audit (plan_id int, at timestamptz)")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_audit_head (id int PRIMARY KEY, hash text)")
    conn.execute("INSERT INTO bench_audit_head VALUES (1, '') ON CONFLICT DO NOTHING")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_versions (plan_id int PRIMARY KEY, version int)")
    for plan_id in plan_ids:
        conn.execute("INSERT INTO bench_versions VALUES (%s, 1) ON CONFLICT DO NOTHING", (plan_id,))
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_revisions (plan_id int, version int,"
        " snapshot jsonb, at timestamptz)"
    )
    conn.commit()


def authenticate_same_work(conn, token_hash: str):
    """The bearer token's step: the token with its account and organisation."""
    account = conn.execute(ACCOUNT_SQL, {"hash": token_hash}).fetchone()
    assert account is not None
    return {"user": account[0], "org": account[1]}


def record_change_same_work(conn, plan_id: int) -> None:
    """What every plan change does besides its own UPDATE: bump the plan's version, read
    the parts of the revision snapshot and store it, append the audit event."""
    version = conn.execute(
        "UPDATE bench_versions SET version = version + 1 WHERE plan_id = %s RETURNING version",
        (plan_id,),
    ).fetchone()[0]
    parts = [conn.execute(sql, {"id": plan_id}).fetchall() for sql in SNAPSHOT_SQL]
    snapshot = json.dumps([[[str(value) for value in row] for row in rows] for rows in parts])
    conn.execute(
        "INSERT INTO bench_revisions VALUES (%s, %s, %s, now())", (plan_id, version, snapshot)
    )
    conn.execute(AUDITED_APPEND, {"plan": plan_id})


def editable_goal(api: Api) -> dict:
    """A goal the coordinator may change: a professional's proposal (the family's own
    words are the family's)."""
    plans = api.call("get", "/api/v1/plans?pageSize=100").get_json()["items"]
    for plan in plans:
        for goal in api.call("get", f"/api/v1/plans/{plan['id']}/goals").get_json():
            if goal["proposedBy"] == "professional" and goal["status"] == "proposed":
                return goal
    sys.exit("No goal proposed by a professional in the bench database.")


def bench_goal_update(api: Api, conn) -> list[Result]:
    goal = editable_goal(api)
    state = {"etag": f'"goal-{goal["id"]}-{goal["version"]}"', "n": 0}
    url = f"/api/v1/goals/{goal['id']}"

    def subject() -> None:
        state["n"] += 1
        response = api.call(
            "patch", url, etag=state["etag"], json={"strengths": f"Doorzetten {state['n']}"}
        )
        state["etag"] = response.headers["ETag"]

    # The floor writes a copy of the goal row, so the two never invalidate each other.
    conn.execute("DROP TABLE IF EXISTS bench_goals")
    conn.execute("CREATE TABLE bench_goals AS SELECT * FROM goals WHERE id = %s", (goal["id"],))
    conn.commit()

    def update() -> None:
        """The versioned UPDATE (in the caller's transaction)."""
        version = conn.execute(
            "SELECT version FROM bench_goals WHERE id = %s", (goal["id"],)
        ).fetchone()[0]
        updated = conn.execute(
            "UPDATE bench_goals SET strengths = %s, version = version + 1, updated_at = now()"
            " WHERE id = %s AND version = %s",
            (goal["strengths"], goal["id"], version),
        ).rowcount
        assert updated == 1

    def floor() -> None:
        with conn.transaction():
            update()

    token_hash = api.token_hash
    same_work_tables(conn, [goal["planId"]])

    def same_work_floor() -> None:
        with conn.transaction():
            account = authenticate_same_work(conn, token_hash)
            row = conn.execute(
                GOAL_ACCESS_SQL,
                {"id": goal["id"], **account},
            ).fetchone()
            assert row is not None and row[-1]
            update()
            record_change_same_work(conn, goal["planId"])

    try:
        return [
            paired(
                "goal update", subject, floor, floor_name="raw UPDATE ... WHERE version", target=2
            ),
            paired(
                "anonymous no-op request (against the goal update's floor)",
                lambda: api.client.get(ANONYMOUS_NOOP_URL),
                floor,
                floor_name="raw UPDATE ... WHERE version",
            ),
            paired(
                "authenticated no-op request (against the goal update's floor)",
                lambda: api.call("get", NOOP_URL),
                floor,
                floor_name="raw UPDATE ... WHERE version",
            ),
            paired(
                "goal update (same-work floor)",
                subject,
                same_work_floor,
                floor_name="raw token, access, UPDATE, version, snapshot, revision, audit",
            ),
        ]
    finally:
        current = api.call("get", url)
        api.call("patch", url, etag=current.headers["ETag"], json={"strengths": goal["strengths"]})


def bench_transition(api: Api, conn, plan_id: int) -> list[Result]:
    url = f"/api/v1/plans/{plan_id}/transitions"
    current = api.call("get", f"/api/v1/plans/{plan_id}")
    state = {"etag": current.headers["ETag"], "paused": current.get_json()["status"] == "paused"}

    def subject() -> None:
        trigger = "resume" if state["paused"] else "pause"
        response = api.call(
            "post", url, etag=state["etag"], json={"trigger": trigger, "reason": "Benchmark"}
        )
        state["etag"], state["paused"] = response.headers["ETag"], not state["paused"]

    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_plans AS SELECT id, status, version FROM plans"
        " WITH NO DATA"
    )
    conn.execute("DELETE FROM bench_plans")
    conn.execute("INSERT INTO bench_plans VALUES (%s, 'active', 1)", (plan_id,))
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_events (plan_id int, from_state text, to_state text,"
        " trigger text, at timestamptz, reason text)"
    )
    conn.commit()
    flip = {"active": ("paused", "pause"), "paused": ("active", "resume")}

    def fire(lock: str = "") -> None:
        """The conditional UPDATE and its event (in the caller's transaction)."""
        status, version = conn.execute(
            "SELECT status, version FROM bench_plans WHERE id = %s" + lock, (plan_id,)
        ).fetchone()
        dest, trigger = flip[status]
        updated = conn.execute(
            "UPDATE bench_plans SET status = %s, version = version + 1"
            " WHERE id = %s AND status = %s AND version = %s",
            (dest, plan_id, status, version),
        ).rowcount
        assert updated == 1
        conn.execute(
            "INSERT INTO bench_events VALUES (%s, %s, %s, %s, %s, %s)",
            (plan_id, status, dest, trigger, dt.datetime.now(dt.UTC), "Benchmark"),
        )

    def floor() -> None:
        with conn.transaction():
            fire()

    token_hash = api.token_hash
    same_work_tables(conn, [plan_id])

    def same_work_floor() -> None:
        with conn.transaction():
            account = authenticate_same_work(conn, token_hash)
            visible = conn.execute(
                PLAN_ACCESS_SQL,
                {"id": plan_id, **account},
            ).fetchone()
            assert visible is not None and visible[-1]
            fire(" FOR UPDATE")
            record_change_same_work(conn, plan_id)
            # The answer: the plan as the API represents it.
            for sql in READ_SQL:
                conn.execute(sql, {"id": plan_id}).fetchall()

    try:
        return [
            paired(
                "plan transition",
                subject,
                floor,
                floor_name="raw conditional UPDATE + event INSERT",
                target=3,
                iterations=100,
            ),
            paired(
                "plan transition (same-work floor)",
                subject,
                same_work_floor,
                floor_name="raw token, access, UPDATE, event, version, snapshot, revision,"
                " audit, answer",
                iterations=100,
            ),
        ]
    finally:
        if state["paused"]:
            subject()


def main() -> int:
    import psycopg

    app = make_app()
    api = Api(app)
    read_plan, active_plan = pick_plans(api)
    with psycopg.connect(psycopg_url()) as conn:
        results = [
            *bench_plan_read(api, conn, read_plan),
            *bench_goal_update(api, conn),
            *bench_transition(api, conn, active_plan),
        ]
    return 0 if report(results, file_name="api.json") else 1


if __name__ == "__main__":
    sys.exit(main())
