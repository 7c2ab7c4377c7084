"""'Ons plan': the family's plan, answering proposals, priorities, own goals, confirming."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from maatwerk.core.db import db
from maatwerk.core.errors import Conflict, ValidationFailed
from maatwerk.goals.operations import MAX_TEXT, MAX_TITLE, add_goal
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import add_comment, set_priorities
from maatwerk.plans.reading import get_plan
from maatwerk.portal.blueprint import bp
from maatwerk.portal.changes import changes_since
from maatwerk.portal.forms import CommentForm, GoalForm
from maatwerk.portal.reading import current_plan, is_open, plan_page, refusal_text
from maatwerk.portal.web import STALE, family_required, form_int, form_version, not_done
from maatwerk.workflow import ENGINE, fire_transition
from workflows import TransitionRefused

ANSWERS = {
    ("goal", "yes"): "accept",
    ("goal", "no"): "reject",
    ("action", "yes"): "agree",
    ("action", "no"): "reject",
}


def render_plan(plan: Plan | None, others: list[Plan], status: int = 200, **extra: Any):
    """The plan page; commits the request's audit events first."""
    page = plan_page(plan, g.actor, others) if plan is not None else None
    db.session.commit()
    extra.setdefault("comment_form", CommentForm())
    return render_template("portal/plan.html", page=page, others=others, **extra), status


def conflict(plan_id: int, based_on: int, **extra: Any):
    """The plan changed since the family's page: show what changed, let them redo it (the
    change they asked for is audited as an attempt that did not go through)."""
    not_done()
    plan, others = current_plan(g.actor, plan_id)
    changes = changes_since(plan, based_on, g.actor)
    return render_plan(plan, others, 409, changes=changes, **extra)


def answered_already(item: Any, trigger: str) -> bool:
    """True when the goal or step is already where this answer leads (the workflow's
    destination of the trigger): the same answer was given by someone else."""
    definition = ENGINE.definition_for(item)
    return any(t.trigger == trigger and t.dest == item.status for t in definition.transitions)


def confirmed_already(plan: Plan, based_on: int) -> bool:
    """True when the only change since the family's page is a confirmation of the plan, and
    nothing changed after it: the plan is already what they asked for."""
    return plan.confirmed_version == plan.version and based_on == plan.version - 1


def to_plan(plan: Plan, anchor: str = ""):
    return redirect(url_for("portal.plan", plan_id=plan.id) + (f"#{anchor}" if anchor else ""))


def ended(plan: Plan):
    """A closed plan can be read, not changed."""
    not_done()
    db.session.commit()
    flash(_("This plan has ended. You can no longer change it."), "error")
    return to_plan(plan)


@bp.get("/ons-plan")
@family_required
def index():
    """The household's newest open plan."""
    plan, others = current_plan(g.actor)
    return render_plan(plan, others)


@bp.get("/ons-plan/<int:plan_id>")
@family_required
def plan(plan_id: int):
    """One of the household's plans."""
    plan, others = current_plan(g.actor, plan_id)
    return render_plan(plan, others)


@bp.post("/ons-plan/<int:plan_id>/antwoord")
@family_required
def answer(plan_id: int):
    """Yes or no to a goal or step the team proposed: one tap."""
    plan = get_plan(plan_id, g.actor, action="update")
    based_on = form_version()
    kind, item_id = request.form.get("kind", ""), form_int("item_id")
    trigger = ANSWERS.get((kind, request.form.get("answer", "")))
    items = plan.goals if kind == "goal" else plan.actions
    item = next((i for i in items if i.id == item_id), None)
    if trigger is None or item is None:
        abort(404)
    if not is_open(plan):
        return ended(plan)
    if based_on != plan.version and answered_already(item, trigger):
        # Someone else in the family gave the same answer a moment before: no conflict.
        not_done()
        db.session.commit()
        flash(_("This answer was already given. Thank you!"))
        return to_plan(plan, f"doel-{item.id}" if trigger == "accept" else "prioriteiten")
    if based_on != plan.version:
        return conflict(plan_id, based_on)
    try:
        fire_transition(item, trigger, actor=g.actor)
        db.session.commit()
    except STALE:
        return conflict(plan_id, based_on)
    except TransitionRefused:
        return conflict(plan_id, based_on)
    messages = {
        "accept": _("Good. This goal is now in your plan. Put it in the right place below."),
        "agree": _("Good. You agreed to this step."),
    }
    flash(messages.get(trigger) or _("OK. You said no. The team will talk about it with you."))
    return to_plan(plan, f"doel-{item.id}" if trigger == "accept" else "prioriteiten")


def _apply_move(order: list[int], move: str) -> tuple[list[int], str]:
    """Move one goal up or down; returns the new order and the button to return to."""
    goal_id, _sep, direction = move.partition(":")
    if not goal_id.isdigit() or int(goal_id) not in order or direction not in ("up", "down"):
        abort(400)
    index = order.index(int(goal_id))
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    else:
        target = index
    # Focus returns to the same button, unless it is gone (top or bottom of the list).
    if direction == "up" and target == 0:
        direction = "down"
    elif direction == "down" and target == len(order) - 1:
        direction = "up"
    return order, f"{direction}-{goal_id}"


@bp.post("/ons-plan/<int:plan_id>/volgorde")
@family_required
def reorder(plan_id: int):
    """The family's order of its goals: up/down buttons, or the order the list was
    dragged into (same form, posted by static/portal.js)."""
    plan = get_plan(plan_id, g.actor, action="update")
    based_on = form_version()
    raw = request.form.getlist("goal_ids")
    if not raw or not all(v.isdigit() for v in raw):
        abort(400)
    order = [int(v) for v in raw]
    moved = form_int("moved")
    anchor = f"doel-{moved}" if moved in order else "prioriteiten"
    if request.form.get("move"):
        order, anchor = _apply_move(order, request.form["move"])
    if not is_open(plan):
        return ended(plan)
    if based_on != plan.version:
        return conflict(plan_id, based_on)
    goals = {goal.id: goal for goal in plan.goals}
    if any(goal_id not in goals for goal_id in order):
        abort(400)
    confirmed = plan.status
    try:
        set_priorities(plan, [goals[i] for i in order], actor=g.actor)
        db.session.commit()
    except STALE:
        return conflict(plan_id, based_on)
    except ValidationFailed:
        # The list on the page no longer matches the open goals.
        return conflict(plan_id, based_on)
    except Conflict:  # paused since the page was opened
        not_done()
        db.session.commit()
        flash(_("Your plan is paused. When it continues, you can change the order again."))
        return to_plan(plan, "prioriteiten")
    if plan.status != confirmed:  # the workflow sent a confirmed plan back to prioritising
        flash(
            _(
                "Your order has been saved. Your plan has changed: say again "
                "that this is your plan when the order is right."
            )
        )
    else:
        flash(_("Your order has been saved."))
    return to_plan(plan, anchor)


@bp.route("/ons-plan/<int:plan_id>/eigen-doel", methods=["GET", "POST"])
@family_required
def new_goal(plan_id: int):
    """A goal in the family's own words; it is in their plan at once."""
    plan = get_plan(plan_id, g.actor, action="create" if request.method == "POST" else "read")
    if not is_open(plan):
        return ended(plan)
    form = GoalForm()
    status = 200
    if form.validate_on_submit():
        try:
            goal = add_goal(
                plan,
                domain=form.domain.data,
                title=form.title.data,
                why_it_matters=form.why_it_matters.data or "",
                strengths=form.strengths.data or "",
                actor=g.actor,
            )
            db.session.commit()
        except STALE:
            not_done()
            db.session.commit()
            flash(_("Someone changed the plan at the same moment. Please try again."), "error")
            return redirect(url_for("portal.new_goal", plan_id=plan_id))
        flash(_("Your goal is in your plan. Now put it in the right place."))
        return to_plan(plan, f"doel-{goal.id}")
    if request.method == "POST":
        # Not added: the goal's "create" is an attempt, never shown as a change.
        status = 422
        not_done()
    db.session.commit()
    return (
        render_template(
            "portal/new_goal.html", plan=plan, form=form, max_title=MAX_TITLE, max_text=MAX_TEXT
        ),
        status,
    )


@bp.post("/ons-plan/<int:plan_id>/bevestigen")
@family_required
def confirm(plan_id: int):
    """'Dit is ons plan': the family confirms the plan as it stands."""
    plan = get_plan(plan_id, g.actor, action="execute")
    based_on = form_version()
    if based_on != plan.version and confirmed_already(plan, based_on):
        # Confirmed a moment before (twice tapped, or another family member): no conflict.
        not_done()
        db.session.commit()
        flash(_("Your plan is already confirmed. The team will get to work on it."))
        return to_plan(plan)
    if based_on != plan.version:
        return conflict(plan_id, based_on)
    try:
        fire_transition(plan, "confirm_plan", actor=g.actor)
        db.session.commit()
    except STALE:
        return conflict(plan_id, based_on)
    except TransitionRefused as refused:
        not_done("denied" if refused.kind == "role" else "error")
        plan, others = current_plan(g.actor, plan_id)
        notice = (
            refusal_text(plan, refused.guard)
            if refused.kind == "guard"
            else _("You cannot confirm this plan right now.")
        )
        return render_plan(plan, others, 409, notice=notice)
    flash(_("Thank you! This is now your plan. The team will get to work on it."))
    return to_plan(plan)


@bp.post("/ons-plan/<int:plan_id>/bericht")
@family_required
def comment(plan_id: int):
    """A message to the team, on the plan."""
    plan = get_plan(plan_id, g.actor, action="create")
    if not is_open(plan):
        return ended(plan)  # from a page opened before the plan closed
    form = CommentForm()
    if form.validate_on_submit():
        add_comment(plan, form.body.data, actor=g.actor)
        db.session.commit()
        flash(_("Your message is on the plan. The team can read it."))
        return to_plan(plan, "berichten")
    not_done()
    plan, others = current_plan(g.actor, plan_id)
    return render_plan(plan, others, 422, comment_form=form)
