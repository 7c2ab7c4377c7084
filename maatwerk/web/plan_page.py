"""The plan page and the plan's own forms: transitions, goals, actions, team, scores, comments."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from maatwerk.core.errors import DomainError
from maatwerk.goals import operations as goal_ops
from maatwerk.plans import operations as plan_ops
from maatwerk.plans.access import plan_is_closed
from maatwerk.plans.models import TeamMembership
from maatwerk.plans.reading import get_plan, get_plan_item
from maatwerk.web.common import actor, attempt, bp, commit, not_done, page, staff_required
from maatwerk.web.conflicts import conflict_page
from maatwerk.web.forms import (
    ActionForm,
    CommentForm,
    GoalForm,
    TeamMemberForm,
    TransitionForm,
    VersionedForm,
)
from maatwerk.web.labels import label, translate
from maatwerk.web.plan_context import choices, fill_action_choices, fill_team_choices, plan_context
from maatwerk.web.references import action_references
from maatwerk.web.triggers import refused_text
from workflows import TransitionRefused


def to_plan(plan_id: int, anchor: str | None = None):
    return redirect(url_for("web.plan", plan_id=plan_id, _anchor=anchor))


def show_plan(plan, status: int = 200, **forms: Any):
    """The plan page, optionally with one form bound to the submitted input. A closed plan
    shows no forms: a refusal sent from a page opened before it closed is shown on top."""
    if forms and plan_is_closed(plan):
        for form in forms.values():
            for message in form.form_errors:
                flash(message, "error")
        status = 409
    return page("pro/plan.html", status, **plan_context(plan, actor(), **forms))


def form_error(form, error: DomainError) -> None:
    """Put a domain error's message on the form (shown above it)."""
    form.form_errors.append(translate(error.detail))
    for messages in error.fields.values():
        form.form_errors.extend(translate(m) for m in messages)


@bp.get("/werk/plannen/<int:plan_id>")
@staff_required
def plan(plan_id: int):
    """The plan as the team sees it."""
    return show_plan(get_plan(plan_id, actor()))


@bp.post("/werk/plannen/<int:plan_id>/overgang")
@staff_required
def plan_transition(plan_id: int):
    """Fire one of the plan's workflow triggers, on the version the page showed."""
    plan = get_plan(plan_id, actor(), action="execute")
    form = TransitionForm()
    plan_version, _version = form.built_on
    if not form.validate_on_submit() or plan_version is None:
        not_done()
        commit()
        flash(_("The form was incomplete. Please try again."), "error")
        return to_plan(plan.id, "status")
    if plan_version != plan.version:
        return conflict_page("plan_transition", plan, plan, form, plan_version)
    try:
        attempt(plan_ops_fire, plan, form)
    except TransitionRefused as refused:
        commit()
        flash(refused_text(plan, refused), "error")
        return to_plan(plan.id, "status")
    commit()
    flash(_("Done: %(what)s.", what=label("trigger", form.trigger.data)), "success")
    return to_plan(plan.id, "status")


def plan_ops_fire(obj, form: TransitionForm):
    from maatwerk.workflow import fire_transition

    return fire_transition(obj, form.trigger.data, actor=actor(), reason=form.reason.data or None)


@bp.post("/werk/plannen/<int:plan_id>/doelen")
@staff_required
def propose_goal(plan_id: int):
    """Propose a goal; the family accepts or rejects it."""
    plan = get_plan(plan_id, actor(), action="create")
    form = GoalForm(prefix="goal")
    if form.validate_on_submit():
        try:
            attempt(
                goal_ops.add_goal,
                plan,
                actor=actor(),
                domain=form.domain.data,
                title=form.title.data,
                why_it_matters=form.why_it_matters.data or "",
                strengths=form.strengths.data or "",
                target_date=form.target_date.data,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("Your goal proposal was added. The family decides on it."), "success")
            return to_plan(plan.id, "goals")
    return show_plan(plan, 422, goal_form=form)


@bp.post("/werk/plannen/<int:plan_id>/acties")
@staff_required
def propose_action(plan_id: int):
    """Propose an action; the family agrees to it."""
    plan = get_plan(plan_id, actor(), action="create")
    form = ActionForm(prefix="action")
    fill_action_choices(form, plan, choices(plan, actor()))
    if form.validate_on_submit():
        try:
            attempt(goal_ops.add_action, plan, actor=actor(), **action_references(plan, form))
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("Your action proposal was added. The family decides on it."), "success")
            return to_plan(plan.id, "actions")
    return show_plan(plan, 422, action_form=form)


@bp.post("/werk/plannen/<int:plan_id>/reacties")
@staff_required
def add_comment(plan_id: int):
    """Add a message to the plan's conversation."""
    plan = get_plan(plan_id, actor(), action="create")
    form = CommentForm(prefix="comment")
    if form.validate_on_submit():
        try:
            attempt(plan_ops.add_comment, plan, form.body.data, actor=actor())
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("Your message was added."), "success")
            return to_plan(plan.id, "comments")
    return show_plan(plan, 422, comment_form=form)


@bp.post("/werk/plannen/<int:plan_id>/team")
@staff_required
def add_team_member(plan_id: int):
    """Add a professional to the team (coordinator only)."""
    from maatwerk.accounts.reading import get_professional

    plan = get_plan(plan_id, actor(), action="update")
    form = TeamMemberForm(prefix="team")
    fill_team_choices(form, choices(plan, actor()))
    if form.validate_on_submit():
        try:
            user = get_professional(form.user_id.data)
            attempt(plan_ops.add_team_member, plan, user, actor=actor())
        except DomainError as error:
            form_error(form, error)
        else:
            commit()
            flash(_("%(name)s joined the team.", name=user.display_name), "success")
            return to_plan(plan.id, "team")
    return show_plan(plan, 422, team_form=form)


def _change_membership(plan_id: int, membership_id: int, action: str, change, done: str, kind: str):
    """Load a team membership of this plan (404 otherwise), apply `change` to it on the plan
    version the page showed (the conflict page otherwise) and return to the team with `done`
    or the refusal's message (the coordinator-only rule is the operation's)."""
    membership = get_plan_item(TeamMembership, membership_id, actor(), action=action)
    if membership.plan_id != plan_id:
        from maatwerk.core.errors import NotFound

        raise NotFound("Not found.")
    form = VersionedForm()
    plan_version, _version = form.built_on
    if not form.validate_on_submit() or plan_version is None:
        not_done()
        commit()
        flash(_("The form was incomplete. Please try again."), "error")
        return to_plan(plan_id, "team")
    if plan_version != membership.plan.version:
        plan = get_plan(plan_id, actor())
        return conflict_page(kind, plan, plan, form, plan_version, membership=membership)
    try:
        attempt(change, membership)
    except DomainError as error:
        commit()  # the audit event of the refused attempt
        flash(translate(error.detail), "error")
        return to_plan(plan_id, "team")
    commit()
    flash(done % {"name": membership.user.display_name}, "success")
    return to_plan(plan_id, "team")


@bp.post("/werk/plannen/<int:plan_id>/team/<int:membership_id>/einde")
@staff_required
def end_team_membership(plan_id: int, membership_id: int):
    """Take a member off the team (coordinator only)."""
    return _change_membership(
        plan_id,
        membership_id,
        "delete",
        lambda m: plan_ops.end_team_membership(m, actor=actor()),
        _("%(name)s left the team."),
        "team_remove",
    )


@bp.post("/werk/plannen/<int:plan_id>/team/<int:membership_id>/regisseur")
@staff_required
def hand_over_coordination(plan_id: int, membership_id: int):
    """Make a team member the coordinator (the coordinator; a team member when the coordinator
    can no longer see the plan); the old one stays on the team."""
    return _change_membership(
        plan_id,
        membership_id,
        "update",
        lambda m: plan_ops.change_coordinator(m.plan, m.user, actor=actor()),
        _("%(name)s is now the coordinator."),
        "team_coordinator",
    )
