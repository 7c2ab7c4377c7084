"""Everything the plan page shows, gathered once (used by the page and its forms)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from maatwerk.accounts.models import Organisation, User
from maatwerk.catalogue.models import Intervention
from maatwerk.catalogue.reading import offered
from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Moment, Role, ScoredBy
from maatwerk.goals.models import Action, Goal
from maatwerk.monitoring.surveys import survey_due
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import may_correct
from maatwerk.plans.access import (
    coordinator_can_coordinate,
    members_who_see,
    organisation_has_consent,
    plan_is_closed,
    plan_roles,
)
from maatwerk.plans.history import plan_history
from maatwerk.plans.models import Plan
from maatwerk.plans.queries import plan_comments
from maatwerk.plans.reading import OPEN_ACTION_STATES
from maatwerk.web.forms import ActionForm, CommentForm, GoalForm, ScoreForm, TeamMemberForm
from maatwerk.web.history_words import readable_history
from maatwerk.web.labels import label
from maatwerk.web.triggers import trigger_buttons

HISTORY_SHOWN = 15
DIVERGENCE = 2
CLOSED_GOALS = ("rejected", "achieved", "not_achieved", "cancelled")


@dataclass(frozen=True)
class ScoreRow:
    """Family and professional score of one domain at one moment, side by side."""

    domain: Domain
    moment: Moment
    family: int | None
    professional: int | None
    # The professional score a team member may still correct (plan_page.correct_score_page).
    correctable: OutcomeScore | None = None

    @property
    def diverges(self) -> bool:
        if self.family is None or self.professional is None:
            return False
        return abs(self.family - self.professional) >= DIVERGENCE


def goal_sort_key(goal: Goal) -> tuple[int, int, int]:
    """Open goals in the family's order, then proposals, then closed goals."""
    group = 0 if goal.status == "accepted" else 1 if goal.status == "proposed" else 2
    return (group, goal.priority_rank or 10_000, goal.id)


def goals_by_domain(plan: Plan) -> list[tuple[Domain, list[Goal]]]:
    """Domains in the order of the family's priorities, each with its goals."""
    grouped: dict[Domain, list[Goal]] = {}
    for goal in sorted(plan.goals, key=goal_sort_key):
        grouped.setdefault(goal.domain, []).append(goal)
    return list(grouped.items())


def score_rows(plan: Plan) -> list[ScoreRow]:
    """The current cycle's scores per domain and moment, family and professional."""
    scores: dict[tuple[Domain, Moment], dict[ScoredBy, OutcomeScore]] = {}
    for score in plan.scores:
        if score.cycle == plan.cycle:
            scores.setdefault((score.domain, score.moment), {})[score.scored_by] = score
    rows = []
    for domain in Domain:
        for moment in Moment:
            found = scores.get((domain, moment))
            if not found:
                continue
            family, professional = found.get(ScoredBy.FAMILY), found.get(ScoredBy.PROFESSIONAL)
            rows.append(
                ScoreRow(
                    domain,
                    moment,
                    family.score if family else None,
                    professional.score if professional else None,
                    professional if professional and may_correct(professional) else None,
                )
            )
    return rows


def is_overdue(action: Action) -> bool:
    return bool(
        action.plan.closed_at is None  # a closed plan's actions are over
        and action.due_date
        and action.due_date < dt.date.today()
        and action.status in OPEN_ACTION_STATES
    )


def choices(plan: Plan, user: User, *, keep_intervention: int | None = None) -> dict[str, Any]:
    """Organisations, interventions and professionals the forms offer (`keep_intervention`:
    the intervention of the action being edited, offered even when retired)."""
    organisations = list(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    # Retired interventions are not offered for a new action (the domain refuses them), only
    # on the edit form of the action that already names one.
    interventions = list(
        db.session.scalars(
            select(Intervention)
            .where(offered(Intervention, keep_intervention))
            .order_by(Intervention.name)
        )
    )
    on_team = {m.user_id for m in plan.active_team}
    # Only who can see the plan joins its team (plans.operations.add_team_member).
    professionals = [
        u
        for u in db.session.scalars(
            select(User)
            .where(User.role == Role.PROFESSIONAL, User.active)
            .options(joinedload(User.organisation))
            .order_by(User.display_name)
        )
        if u.id not in on_team and organisation_has_consent(plan.household, u.organisation_id)
    ]
    return {
        "organisations": organisations,
        "interventions": interventions,
        "professionals": professionals,
        # Only who can see the plan can carry one of its actions.
        "team_users": [m.user for m in plan.active_team if m.user_id in members_who_see(plan)],
    }


def fill_choices(forms: dict[str, Any], plan: Plan, options: dict[str, Any]) -> None:
    """Give the select and checkbox fields their options."""
    action: ActionForm = forms["action_form"]
    fill_action_choices(action, plan, options)
    fill_team_choices(forms["team_form"], options)


def fill_team_choices(form: TeamMemberForm, options: dict[str, Any]) -> None:
    """The professionals who can join the team, after a placeholder (empty value) that
    the form refuses with "Choose a professional." when it is sent."""
    from flask_babel import gettext as _

    form.user_id.choices = [("", _("Choose a professional"))] + [
        (u.id, f"{u.display_name} ({u.organisation.name})" if u.organisation else u.display_name)
        for u in options["professionals"]
    ]


def fill_action_choices(form: ActionForm, plan: Plan, options: dict[str, Any]) -> None:
    """The goals, organisations, interventions and team members an action can name."""
    from flask_babel import gettext as _

    form.goal_ids.choices = [
        (g.id, g.title)
        for g in sorted(plan.goals, key=goal_sort_key)
        if g.status in ("accepted", "proposed")
    ]
    # The empty choices have an empty value ("" is read as None), not the text "None".
    form.lead_organisation_id.choices = [("", _("(none)"))] + [
        (o.id, o.name) for o in options["organisations"]
    ]
    form.participating_ids.choices = [(o.id, o.name) for o in options["organisations"]]
    form.intervention_id.choices = [("", _("(none)"))] + [
        (i.id, i.name) for i in options["interventions"]
    ]
    form.assigned_user_id.choices = [("", _("(nobody yet)"))] + [
        (u.id, u.display_name) for u in options["team_users"]
    ]


def blank_forms(plan: Plan) -> dict[str, Any]:
    """Empty forms on the plan's current version (not bound to the request)."""
    versions = {"plan_version": plan.version}
    return {
        "goal_form": GoalForm(formdata=None, prefix="goal", data=versions),
        "action_form": ActionForm(formdata=None, prefix="action", data=versions),
        "comment_form": CommentForm(formdata=None, prefix="comment", data=versions),
        "score_form": ScoreForm(formdata=None, prefix="score", data=versions),
        "team_form": TeamMemberForm(formdata=None, prefix="team", data=versions),
    }


def plan_context(plan: Plan, user: User, **forms: Any) -> dict[str, Any]:
    """The plan page's data: goals, actions, buttons, scores, team, comments, history."""
    all_forms = {**blank_forms(plan), **forms}
    options = choices(plan, user)
    fill_choices(all_forms, plan, options)
    history = plan_history(plan)
    show_all = request.args.get("history") == "all"
    shown = history if show_all else history[:HISTORY_SHOWN]
    open_goals = [g for g in plan.goals if g.status not in CLOSED_GOALS]
    roles = plan_roles(plan, user)
    return {
        "plan": plan,
        "household": plan.household,
        "roles": roles,
        # A closed plan is read-only: the page shows no forms that change it.
        "closed": plan_is_closed(plan),
        # The coordinator can no longer see the plan: a team member may take over.
        "coordinator_lost": "team" in roles and not coordinator_can_coordinate(plan),
        # Who may become coordinator: a member who can see the plan; the others are marked.
        "may_coordinate": members_who_see(plan),
        # The experience survey this team member still has to answer (intake or evaluation).
        "survey_moment": survey_due(plan, ScoredBy.PROFESSIONAL, user.id)
        if "team" in roles
        else None,
        "plan_buttons": trigger_buttons(plan, user),
        "goals_by_domain": goals_by_domain(plan),
        "goal_buttons": {
            g.id: trigger_buttons(g, user, hide_role_refusals=True) for g in open_goals
        },
        "actions": sorted(
            plan.actions,
            key=lambda a: (a.status not in OPEN_ACTION_STATES, a.due_date or dt.date.max, a.id),
        ),
        "action_buttons": {
            a.id: trigger_buttons(a, user, hide_role_refusals=True) for a in plan.actions
        },
        "barrier_buttons": {
            b.id: trigger_buttons(b, user, hide_role_refusals=True) for b in plan.barriers
        },
        "is_overdue": is_overdue,
        "score_rows": score_rows(plan),
        "comments": plan_comments(plan),
        "history": readable_history(plan, shown),
        "history_total": len(history),
        "history_all": show_all,
        "goal_titles": {g.id: g.title for g in plan.goals},
        "domain_label": lambda d: label("domain", d),
        **options,
        **all_forms,
    }
