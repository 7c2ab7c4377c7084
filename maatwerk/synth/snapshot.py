"""Plan snapshots in the shape of maatwerk.plans.revisions.snapshot_plan, from a case."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maatwerk.synth.generate import Case
    from maatwerk.synth.work import ActionRow, GoalRow

AGREED_LATER = ("in_progress", "done", "blocked", "cancelled")


def _goal(goal: GoalRow, status: str, rank: int | None) -> dict[str, Any]:
    return {
        "domain": goal.domain.value,
        "title": goal.title,
        "whyItMatters": goal.why,
        "strengths": goal.strengths,
        "priorityRank": rank,
        "status": status,
        "targetDate": goal.target.isoformat() if goal.target else None,
    }


def _action(action: ActionRow, status: str) -> dict[str, Any]:
    return {
        "description": action.template.description,
        "carrier": action.template.carrier.value,
        "status": status,
        "dueDate": action.due.isoformat() if action.due else None,
        "leadOrganisationId": action.lead,
        "organisationIds": list(action.participating),
        "goalIds": sorted(action.goal_ids),
        "interventionId": action.intervention,
        "assignedUserId": action.assigned,
    }


def _team(case: Case) -> dict[str, str]:
    team = {str(user): "member" for user in case.team.values()}
    for _since, user, _org in case.coordinators[:-1]:
        team[str(user)] = "member"  # the coordinator before a hand-over stays on the team
    team[str(case.coordinators[-1][1])] = "coordinator"
    return team


def current(case: Case) -> dict[str, Any]:
    """The plan as it stands."""
    story = case.story
    return {
        "status": story.status,
        "cycle": len(story.cycles),
        "goals": {str(x.id): _goal(x, x.status, x.rank) for x in case.goals},
        "actions": {str(a.id): _action(a, a.status) for a in case.actions},
        "team": _team(case),
        "barriers": {
            str(b): {"category": category, "status": status}
            for b, category, status in case.barriers
        },
    }


def at_confirmation(case: Case, t: float) -> dict[str, Any]:
    """The plan as the family confirmed it at time t: what existed then, agreed and ranked."""
    goals = [x for x in case.goals if x.created <= t]
    accepted = [
        x for x in goals if x.status != "rejected" and (x.updated > t or x.status == "accepted")
    ]
    accepted.sort(key=lambda x: (x.rank or 99, x.id))
    ranks = {x.id: rank for rank, x in enumerate(accepted, start=1)}
    snapshot_goals = {}
    for x in goals:
        status = "accepted" if x.id in ranks else x.status
        snapshot_goals[str(x.id)] = _goal(x, status, ranks.get(x.id))
    actions = {}
    for a in case.actions:
        if a.created > t:
            continue
        status = "agreed" if a.status in AGREED_LATER else a.status
        actions[str(a.id)] = _action(a, status)
    return {
        "status": "active",
        "cycle": sum(1 for c in case.story.cycles if c.opened <= t),
        "goals": snapshot_goals,
        "actions": actions,
        "team": _team(case),
        "barriers": {},
    }
