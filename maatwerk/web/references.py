"""Turn the ids an action form submits into domain objects."""

from __future__ import annotations

from typing import Any

from maatwerk.accounts.reading import get_organisations, get_professional
from maatwerk.catalogue.reading import get_intervention
from maatwerk.core.errors import ValidationFailed
from maatwerk.plans.models import Plan
from maatwerk.web.forms import ActionForm


def action_references(plan: Plan, form: ActionForm) -> dict[str, Any]:
    """The keyword arguments of add_action/update_action for the submitted form."""
    goals = {goal.id: goal for goal in plan.goals}
    goal_ids = list(dict.fromkeys(form.goal_ids.data or []))
    if any(goal_id not in goals for goal_id in goal_ids):
        raise ValidationFailed("A goal of another plan.", fields={"goalIds": ["Not in plan."]})
    lead_id = form.lead_organisation_id.data
    lead = get_organisations([lead_id], "leadOrganisationId")[0] if lead_id else None
    participating = get_organisations(
        [i for i in dict.fromkeys(form.participating_ids.data or []) if i != lead_id],
        "participatingOrganisationIds",
    )
    user_id = form.assigned_user_id.data
    intervention_id = form.intervention_id.data
    return {
        "description": form.description.data,
        "carrier": form.carrier.data,
        "goals": [goals[goal_id] for goal_id in goal_ids],
        "lead_organisation": lead,
        "participating": participating,
        "assigned_user": get_professional(user_id, "assignedUserId") if user_id else None,
        "intervention": get_intervention(intervention_id) if intervention_id else None,
        "due_date": form.due_date.data,
    }
