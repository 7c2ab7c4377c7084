"""Goals, actions and barriers of a plan: edit forms (with conflicts), buttons, barrier report."""

from __future__ import annotations

from typing import Any

from flask import flash, request
from flask_babel import gettext as _

from maatwerk.accounts.reading import get_organisations
from maatwerk.barriers.models import Barrier
from maatwerk.barriers.operations import report_barrier
from maatwerk.core.errors import DomainError
from maatwerk.goals import operations as goal_ops
from maatwerk.goals.models import Action, Goal
from maatwerk.plans.access import plan_is_closed, require_open_plan
from maatwerk.plans.reading import get_plan, get_plan_item
from maatwerk.web.common import actor, attempt, bp, commit, not_done, page, staff_required
from maatwerk.web.conflicts import conflict_page
from maatwerk.web.forms import ActionForm, BarrierForm, GoalForm, TransitionForm
from maatwerk.web.labels import label
from maatwerk.web.plan_context import choices, fill_action_choices
from maatwerk.web.plan_page import form_error, plan_ops_fire, to_plan
from maatwerk.web.references import action_references
from maatwerk.web.triggers import refused_text
from workflows import TransitionRefused

ITEMS: dict[str, tuple[type, str]] = {
    "doelen": (Goal, "goals"),
    "acties": (Action, "actions"),
    "knelpunten": (Barrier, "barriers"),
}


def _full_plan(item: Any):
    """The item's plan with everything the page and the guards read (audited read)."""
    return get_plan(item.plan_id, actor())


def _require_open(plan) -> None:
    """A closed plan offers no edit form: the error page says it is closed (409); the read
    that found it stays audited."""
    if plan_is_closed(plan):
        if request.method == "POST":
            not_done()  # the change sent was not made
        commit()
        require_open_plan(plan, actor())


@bp.post("/werk/<any(doelen, acties, knelpunten):kind>/<int:item_id>/overgang")
@staff_required
def item_transition(kind: str, item_id: int):
    """Fire a trigger on a goal, action or barrier, on the version the page showed."""
    model, anchor = ITEMS[kind]
    item = get_plan_item(model, item_id, actor(), action="execute")
    plan = _full_plan(item)
    item = next(i for i in getattr(plan, anchor) if i.id == item_id)
    form = TransitionForm()
    plan_version, version = form.built_on
    if not form.validate_on_submit() or version is None:
        not_done()
        commit()
        flash(_("The form was incomplete. Please try again."), "error")
        return to_plan(plan.id, anchor)
    if version != item.version:
        return conflict_page("item_transition", plan, item, form, plan_version)
    try:
        attempt(plan_ops_fire, item, form)
    except TransitionRefused as refused:
        commit()
        flash(refused_text(item, refused), "error")
        return to_plan(plan.id, f"{anchor}-{item.id}")
    commit()
    flash(_("Done: %(what)s.", what=label("trigger", form.trigger.data)), "success")
    return to_plan(plan.id, f"{anchor}-{item.id}")


def _audited(change: str) -> str:
    """What the access is audited as: opening a form is reading (the family's access log
    would otherwise say the plan was changed), sending it is the change."""
    return change if request.method == "POST" else "read"


@bp.route("/werk/doelen/<int:goal_id>/bewerken", methods=["GET", "POST"])
@staff_required
def edit_goal(goal_id: int):
    """Change the words of a goal proposal that the family has not answered yet."""
    goal = get_plan_item(Goal, goal_id, actor(), action=_audited("update"))
    plan = _full_plan(goal)
    goal = next(g for g in plan.goals if g.id == goal_id)
    _require_open(plan)
    form = GoalForm(
        prefix="goal", obj=goal, data={"plan_version": plan.version, "version": goal.version}
    )
    if form.validate_on_submit():
        plan_version, version = form.built_on
        if version != goal.version:
            return conflict_page("goal_edit", plan, goal, form, plan_version)
        changes = {
            "domain": form.domain.data,
            "title": form.title.data,
            "why_it_matters": form.why_it_matters.data or "",
            "strengths": form.strengths.data or "",
            "target_date": form.target_date.data,
        }
        try:
            attempt(goal_ops.update_goal, goal, changes, actor=actor())
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("The goal was saved."), "success")
            return to_plan(plan.id, f"goals-{goal.id}")
    return page(
        "pro/goal_edit.html", 422 if form.is_submitted() else 200, plan=plan, goal=goal, form=form
    )


@bp.route("/werk/acties/<int:action_id>/bewerken", methods=["GET", "POST"])
@staff_required
def edit_action(action_id: int):
    """Change an open action."""
    action = get_plan_item(Action, action_id, actor(), action=_audited("update"))
    plan = _full_plan(action)
    action = next(a for a in plan.actions if a.id == action_id)
    _require_open(plan)
    form = ActionForm(prefix="action", obj=action, data=_action_data(plan, action))
    options = choices(plan, actor(), keep_intervention=action.intervention_id)
    fill_action_choices(form, plan, options)
    if form.validate_on_submit():
        plan_version, version = form.built_on
        if version != action.version:
            return conflict_page("action_edit", plan, action, form, plan_version)
        try:
            attempt(goal_ops.update_action, action, action_references(plan, form), actor=actor())
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("The action was saved."), "success")
            return to_plan(plan.id, f"actions-{action.id}")
    status = 422 if form.is_submitted() else 200
    return page("pro/action_edit.html", status, plan=plan, action=action, form=form)


def _action_data(plan, action: Action) -> dict[str, Any]:
    return {
        "plan_version": plan.version,
        "version": action.version,
        "carrier": action.carrier.value,
        "goal_ids": [g.id for g in action.goals],
        "lead_organisation_id": action.lead_organisation_id,
        "participating_ids": [o.id for o in action.participating_organisations],
        "intervention_id": action.intervention_id,
        "assigned_user_id": action.assigned_user_id,
    }


@bp.route("/werk/acties/<int:action_id>/knelpunt", methods=["GET", "POST"])
@staff_required
def report_barrier_on_action(action_id: int):
    """Report what blocks an action; escalate it and block the action right away if asked."""
    action = get_plan_item(Action, action_id, actor(), action=_audited("create"))
    plan = _full_plan(action)
    action = next(a for a in plan.actions if a.id == action_id)
    _require_open(plan)
    form = BarrierForm(
        prefix="barrier", data={"plan_version": plan.version, "version": action.version}
    )
    organisations = choices(plan, actor())["organisations"]
    form.escalate_to.choices = [(o.id, o.name) for o in organisations]
    if form.validate_on_submit():
        try:
            barrier = attempt(_report, plan, action, form)
        except (DomainError, TransitionRefused) as error:
            if isinstance(error, TransitionRefused):
                form.form_errors.append(refused_text(action, error))
            else:
                form_error(form, error)
        else:
            commit()
            flash(_("The barrier was reported."), "success")
            return to_plan(plan.id, f"barriers-{barrier.id}")
    status = 422 if form.is_submitted() else 200
    return page("pro/barrier_form.html", status, plan=plan, action=action, form=form)


def _report(plan, action: Action, form: BarrierForm) -> Barrier:
    from maatwerk.workflow import fire_transition

    barrier = report_barrier(
        plan,
        action=action,
        category=form.category.data,
        rule_concerned=form.rule_concerned.data or "",
        description=form.description.data,
        proposed_solution=form.proposed_solution.data or "",
        escalate_to=get_organisations(form.escalate_to.data or [], "escalateTo"),
        actor=actor(),
    )
    if form.escalate_now.data:
        fire_transition(barrier, "escalate", actor=actor())
    if form.block_action.data and action.status == "in_progress":
        fire_transition(action, "block", actor=actor())
    return barrier
