"""Writes cost a constant number of statements too, whatever the size of the plan: a goal
edit (If-Match), a plan transition (pause, resume) and the family's priorities (apart from
the UPDATEs of the goals whose rank changes). Each stays within its recorded bound (the most
statements it may cost, today's count; docs/PERFORMANCE.md says where they go), so a
regression in the write path fails here, deterministically."""

from __future__ import annotations

from tests.api.test_query_counts import grow

# (SQLite, PostgreSQL): an audit event is 3 statements more on SQLite (QUERY_COUNTS.md).
BOUNDS = {
    "goal update": (13, 10),
    "pause": (15, 12),
    "resume": (15, 12),
    "priorities, per goal aside": (14, 11),
}


def _measure(count_queries, call, *, aside: str | None = None) -> int:
    """Statements of one request; with `aside`, not counting those that start so."""
    with count_queries() as counter:
        response = call()
    assert response.status_code == 200, response.get_json()
    return sum(not (aside and s.lstrip().startswith(aside)) for s in counter.statements)


def _writes(setting, as_user, count_queries, db_session, words: str) -> dict[str, int]:
    family, coordinator = as_user(setting.family), as_user(setting.coordinator)
    base = f"/api/v1/plans/{setting.plan.id}"
    goals = family.get(base + "/goals").get_json()
    goal = next(g for g in goals if g["proposedBy"] == "family")
    goal_url = f"/api/v1/goals/{goal['id']}"
    etag = family.get(goal_url).headers["ETag"]
    counts = {
        "goal update": _measure(
            count_queries,
            lambda: family.patch(goal_url, etag=etag, json={"strengths": words}),
        )
    }
    for trigger in ("pause", "resume"):
        body = {"trigger": trigger, "reason": "Ziek"}
        headers = {"etag": coordinator.get(base).headers["ETag"], "json": body}
        counts[trigger] = _measure(
            count_queries, lambda h=headers: coordinator.post(base + "/transitions", **h)
        )
    # The family orders its goals while prioritising (a new order for an active plan
    # would first send it back there: tests/plans/test_priorities_after_confirmation.py).
    setting.plan.status = "prioritising"
    db_session.commit()
    etag = family.get(base).headers["ETag"]
    ranked = [g["id"] for g in family.get(base + "/goals").get_json() if g["status"] == "accepted"]
    # Every goal whose rank changes is one UPDATE (its own version is checked): the rest
    # of the request is constant.
    counts["priorities, per goal aside"] = _measure(
        count_queries,
        lambda: family.put(base + "/priorities", etag=etag, json={"goalIds": ranked[::-1]}),
        aside="UPDATE goals SET priority_rank",
    )
    return counts


def test_writes_cost_the_same_on_a_small_and_a_large_plan(
    setting, as_user, count_queries, db_session, backend
):
    setting.plan.status = "active"  # set up directly: the workflow is tested elsewhere
    grow(setting, 1, 1)
    db_session.commit()
    small = _writes(setting, as_user, count_queries, db_session, "Doorzetten")
    grow(setting, 12, 3)
    setting.plan.status = "active"
    db_session.commit()
    large = _writes(setting, as_user, count_queries, db_session, "Volhouden")
    assert large == small
    column = 0 if backend == "sqlite" else 1
    over = {name: n for name, n in small.items() if n > BOUNDS[name][column]}
    assert not over, f"Writes above their bound {BOUNDS}: {over}"


def test_an_edit_that_changes_nothing_makes_no_version(setting, as_user, db_session):
    grow(setting, 1, 0)
    db_session.commit()
    family = as_user(setting.family)
    base = f"/api/v1/plans/{setting.plan.id}"
    goal = next(g for g in family.get(base + "/goals").get_json() if g["proposedBy"] == "family")
    url = f"/api/v1/goals/{goal['id']}"
    before = family.get(url)
    history = len(family.get(base + "/history").get_json())
    same = family.patch(url, etag=before.headers["ETag"], json={"title": goal["title"]})
    assert same.status_code == 200, same.get_json()
    assert same.headers["ETag"] == before.headers["ETag"]
    assert len(family.get(base + "/history").get_json()) == history
    changed = family.patch(url, etag=same.headers["ETag"], json={"title": "Rust in huis"})
    assert changed.headers["ETag"] != before.headers["ETag"]
    assert len(family.get(base + "/history").get_json()) == history + 1
