"""What a user is shown of a barrier: everything for the plan's team and family, only the
context needed to decide for a manager (texts scrubbed: no names, phone numbers, BSN ...),
nothing that identifies a family for the programme."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maatwerk.anonymisation.scrubber import scrub
from maatwerk.barriers.models import Barrier
from maatwerk.barriers.reading import MANAGER, PLAN, PROGRAMME, view_of
from maatwerk.core.errors import NotFound
from maatwerk.plans.access import organisation_has_consent, plan_is_closed


def scrub_names(text: str | None, names: list[str]) -> str | None:
    """Free text without identifying details (the programme sees no names, numbers ...):
    the project's scrubber, with the household members' names as the strongest signal."""
    if not text:
        return text
    return scrub(text, known_names=names).text


def member_names(barrier: Barrier) -> list[str]:
    """The full names of the barrier's household members."""
    return [
        f"{m.given_name or ''} {m.family_name or ''}".strip()
        for m in barrier.plan.household.members
    ]


@dataclass(frozen=True)
class ManagerCard:
    """A barrier in a manager's queue: its texts scrubbed, as on its page (DESIGN §3)."""

    barrier: Barrier
    rule_concerned: str
    description: str
    proposed_solution: str | None


def manager_card(barrier: Barrier) -> ManagerCard:
    """The queue's card of an escalated barrier, without names, numbers or addresses."""
    names = member_names(barrier)
    return ManagerCard(
        barrier=barrier,
        rule_concerned=scrub_names(barrier.rule_concerned, names) or "",
        description=scrub_names(barrier.description, names) or "",
        proposed_solution=scrub_names(barrier.proposed_solution, names),
    )


def _organisation(org: Any) -> dict[str, Any] | None:
    return {"id": org.id, "name": org.name} if org is not None else None


def _user(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {
        "id": user.id,
        "display_name": user.display_name,
        "organisation": _organisation(user.organisation),
    }


def team_organisations(barrier: Barrier) -> list[dict[str, Any]]:
    """The organisations of the plan's current team, by name."""
    seen = {
        m.user.organisation.id: m.user.organisation
        for m in barrier.plan.active_team
        if m.user.organisation is not None
    }
    return [_organisation(o) for o in sorted(seen.values(), key=lambda o: o.name)]


def present_barrier(barrier: Barrier, user: Any) -> dict[str, Any]:
    """The barrier as this user may see it (a dict the API schema and the pages read)."""
    view = view_of(user, barrier)
    if view is None:
        raise NotFound("Not found.")
    programme = view == PROGRAMME
    # Only the plan's team and the family read the texts as written; a manager deciding
    # (DESIGN §3: only the context needed to decide) and the programme read them scrubbed.
    scrubbed = view != PLAN
    # What points at the family (its reference, the plan, the organisations around it) only
    # for those whose organisation holds the household's plan_sharing consent: a manager of
    # an organisation without it (escalated to anyway, or consent withdrawn since) decides
    # on the scrubbed barrier alone, from the next request after a withdrawal.
    identified = view == PLAN or (
        view == MANAGER
        and organisation_has_consent(barrier.plan.household, getattr(user, "organisation_id", None))
    )
    names = member_names(barrier) if scrubbed else []

    def shown(text: str | None) -> str | None:
        return scrub_names(text, names) if scrubbed else text

    area = barrier.plan.household.area
    action = barrier.action
    context = {
        "household_reference": barrier.plan.household.reference if identified else None,
        "municipality": area.municipality.name if area is not None else None,
        "action": None
        if programme or action is None
        else {
            "id": action.id if identified else None,
            "description": shown(action.description),
            "status": action.status,
            "lead_organisation": _organisation(action.lead_organisation) if identified else None,
        },
        "team_organisations": team_organisations(barrier) if identified else [],
        "identified": identified,
        # The family's plan ended (closed or withdrawn) while the barrier was open: a
        # decision no longer helps this family, but still settles the barrier and counts
        # in what the network learns (README, "closed plan"). Not for the programme, which
        # works on the barrier without anything about the family.
        "plan_closed": None if programme else plan_is_closed(barrier.plan),
    }
    reporter = barrier.reported_by
    return {
        "id": barrier.id,
        "reference": barrier.reference,
        "view": view,
        "plan_id": barrier.plan_id if identified else None,
        "action_id": barrier.action_id if identified else None,
        "category": barrier.category.value,
        "rule_concerned": shown(barrier.rule_concerned) or "",
        "description": shown(barrier.description),
        "proposed_solution": shown(barrier.proposed_solution),
        "status": barrier.status,
        "structural": barrier.structural,
        "escalated_to": [_organisation(o) for o in barrier.escalated_to],
        "decision": shown(barrier.decision),
        "amount_granted": barrier.amount_granted,
        "reported_by": None if programme else _user(reporter),
        "reporting_organisation": _organisation(reporter.organisation if reporter else None),
        "decided_by": None if programme else _user(barrier.decided_by),
        "reported_at": barrier.reported_at,
        "decided_at": barrier.decided_at,
        "resolved_at": barrier.resolved_at,
        "updated_at": barrier.updated_at,
        "age_days": barrier.age_days(),
        "operational_goals": [
            {"id": g.id, "code": g.code, "text": g.text} for g in barrier.operational_goals
        ],
        "context": context,
        "version": barrier.version,
    }


__all__ = [
    "MANAGER",
    "PLAN",
    "PROGRAMME",
    "ManagerCard",
    "manager_card",
    "present_barrier",
    "scrub_names",
]
