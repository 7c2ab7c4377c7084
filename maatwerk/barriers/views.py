"""Barrier pages: the queue (/knelpunten), one barrier with its decision and step forms,
and reporting a barrier on a plan. The agenda and budget pages are in agenda_views."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from maatwerk.accounts.models import Organisation
from maatwerk.barriers import operations as ops
from maatwerk.barriers.budget import budget_for, this_year
from maatwerk.barriers.forms import DecisionForm, GoalLinksForm, ReportForm, StepForm
from maatwerk.barriers.labels import STATES, label
from maatwerk.barriers.presenting import present_barrier
from maatwerk.barriers.reading import BarrierFilters, get_barrier, list_barriers
from maatwerk.barriers.web import actor, bp, pages_required, refusal_text
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.catalogue.reading import offered
from maatwerk.core import inputs
from maatwerk.core.db import db
from maatwerk.core.enums import BarrierCategory, Role
from maatwerk.core.errors import DomainError
from maatwerk.plans.access import plan_roles
from maatwerk.plans.reading import get_plan
from maatwerk.web.common import attempt, not_done, page
from maatwerk.workflow import available_triggers
from workflows import TransitionRefused

PAGE_SIZE = 25
OPEN_ACTION_STATES = ("proposed", "agreed", "in_progress", "blocked")


def _organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


@bp.get("/knelpunten")
@pages_required
def queue():
    """The barriers I deal with: escalated to my organisation (manager), of my plans
    (team), structural (programme); filtered on status and category, paged."""
    user = actor()
    default = "escalated" if user.role is Role.MANAGER else ""
    status = request.args.get("status", default)
    category = request.args.get("category", "")
    status = status if status in STATES else ""
    category = category if category in {c.value for c in BarrierCategory} else ""
    page_number = inputs.page_number()
    barriers, total = list_barriers(
        user,
        BarrierFilters(status=status or None, category=category or None),
        page=page_number,
        page_size=PAGE_SIZE,
    )
    items = [present_barrier(b, user) for b in barriers]
    return page(
        "barriers/queue.html",
        barriers=items,
        total=total,
        page_number=page_number,
        pages=max(1, -(-total // PAGE_SIZE)),
        shown_status=status,
        category=category,
        states=list(STATES),
        categories=[c.value for c in BarrierCategory],
    )


def _detail_context(barrier: Any, user: Any, **forms: Any) -> dict[str, Any]:
    """What the barrier page shows: the barrier as this user may see it, its options."""
    options = {o.trigger: o for o in available_triggers(barrier, user)}
    steps = [o for t, o in options.items() if t != "decide" and o.allowed]
    step_forms = forms.pop("step_forms", {})
    for option in steps:
        if option.trigger not in step_forms:
            form = StepForm(prefix=option.trigger, data={"version": barrier.version})
            form.trigger.data = option.trigger
            step_forms[option.trigger] = form
    if "escalate" in step_forms:
        step_forms["escalate"].organisations.choices = [(o.id, o.name) for o in _organisations()]
        if not step_forms["escalate"].is_submitted():
            step_forms["escalate"].organisations.data = [o.id for o in barrier.escalated_to]
    decide = options.get("decide")
    sent = forms.get("decision_form")
    context: dict[str, Any] = {
        # A decision sent when deciding was no longer possible: shown read-only, not lost.
        "unrecorded_decision": sent
        if sent is not None and sent.is_submitted() and not (decide and decide.allowed)
        else None,
        "b": present_barrier(barrier, user),
        "steps": steps,
        "step_forms": step_forms,
        "can_decide": decide is not None and decide.allowed,
        "decision_form": forms.pop("decision_form", None)
        or DecisionForm(prefix="decision", data={"version": barrier.version}),
        "budget": budget_for(user.organisation_id, this_year())
        if user.role is Role.MANAGER
        else None,
        "year": this_year(),
    }
    if user.role is Role.PROGRAMME and barrier.structural:
        form = forms.pop("goal_form", None) or GoalLinksForm(
            prefix="goals",
            data={"version": barrier.version, "goals": [g.id for g in barrier.operational_goals]},
        )
        goals = db.session.scalars(_goal_choices(barrier))
        form.goals.choices = [(g.id, f"{g.code}: {g.text}") for g in goals]
        context["goal_form"] = form
    return context


def _goal_choices(barrier: Any) -> Any:
    """Operational goals to link: not retired, or linked already."""
    linked = [g.id for g in barrier.operational_goals]
    return (
        select(OperationalGoal)
        .where(offered(OperationalGoal, *linked))
        .order_by(OperationalGoal.code)
    )


def _detail(barrier: Any, status: int = 200, **forms: Any):
    return page("barriers/detail.html", status, **_detail_context(barrier, actor(), **forms))


def _to_barrier(barrier_id: int):
    return redirect(url_for("barrier_pages.detail", barrier_id=barrier_id))


@bp.get("/knelpunten/<int(max=2147483647):barrier_id>")
@pages_required
def detail(barrier_id: int):
    """One barrier: what blocks, the context my role may see, what I may do now."""
    return _detail(get_barrier(barrier_id, actor()))


def _stale(barrier: Any, form: Any) -> bool:
    return form.version.data is not None and form.version.data != barrier.version


def _decided_already(barrier: Any) -> str:
    if barrier.status == "structural":
        return _(
            "This barrier was already put on the programme's agenda; your decision was not "
            "recorded. Your text is below, to copy."
        )
    if barrier.status == "resolved":
        return _(
            "This barrier was already decided; your decision was not recorded. Your text is "
            "below, to copy."
        )
    return _("This barrier no longer waits for a decision; your decision was not recorded.")


@bp.post("/knelpunten/<int(max=2147483647):barrier_id>/besluit")
@pages_required
def decide(barrier_id: int):
    """A manager's decision, with an optional grant from the flexible budget."""
    user = actor()
    barrier = get_barrier(barrier_id, user, action="execute")
    form = DecisionForm(prefix="decision")
    if barrier.status != "escalated" and form.is_submitted():
        # A second click, or a page left open while someone else decided: say so and give
        # back the text they typed (the page shows it read-only).
        form.form_errors.append(_decided_already(barrier))
        return _detail(barrier, 409, decision_form=form)
    if not form.validate_on_submit():
        return _detail(barrier, 400, decision_form=form)
    if _stale(barrier, form):
        # Show what changed; the form now carries the current version to decide again.
        form.form_errors.append(_("Someone else changed this barrier. Look again and decide."))
        form.version.data = barrier.version
        return _detail(barrier, 409, decision_form=form)
    try:
        attempt(
            ops.decide_barrier,
            barrier,
            actor=user,
            decision=form.decision.data,
            amount=form.amount.data,
        )
    except (DomainError, TransitionRefused) as error:
        form.form_errors.append(refusal_text(error))
        return _detail(barrier, 409, decision_form=form)
    db.session.commit()
    flash(_("Your decision was recorded."), "success")
    return _to_barrier(barrier.id)


@bp.post("/knelpunten/<int(max=2147483647):barrier_id>/stap")
@pages_required
def step(barrier_id: int):
    """Escalate, make structural, resolve: the other steps of the barrier workflow."""
    user = actor()
    barrier = get_barrier(barrier_id, user, action="execute")
    trigger = request.form.get("trigger", "")
    form = StepForm(prefix=trigger)
    if trigger == "escalate":
        form.organisations.choices = [(o.id, o.name) for o in _organisations()]
    if not form.validate_on_submit() or form.trigger.data != trigger:
        flash(_("The form was incomplete. Please try again."), "error")
        return _detail(barrier, 400)
    if _stale(barrier, form):
        not_done()
        db.session.commit()
        flash(_("Someone else changed this barrier. Look again before you go on."), "error")
        return _to_barrier(barrier.id)
    organisations = None
    if trigger == "escalate":
        chosen = set(form.organisations.data or [])
        organisations = [o for o in _organisations() if o.id in chosen]
    try:
        attempt(
            ops.fire_barrier_trigger,
            barrier,
            trigger,
            actor=user,
            reason=form.reason.data or None,
            organisations=organisations,
        )
    except (DomainError, TransitionRefused) as error:
        form.form_errors.append(refusal_text(error))
        return _detail(barrier, 409, step_forms={trigger: form})
    db.session.commit()
    flash(_("Done: %(what)s.", what=label("trigger", trigger)), "success")
    return _to_barrier(barrier.id)


@bp.post("/knelpunten/<int(max=2147483647):barrier_id>/doelen")
@pages_required
def link_goals(barrier_id: int):
    """The programme links a structural barrier to operational goals."""
    user = actor()
    barrier = get_barrier(barrier_id, user, action="update")
    form = GoalLinksForm(prefix="goals")
    goals = list(db.session.scalars(_goal_choices(barrier)))
    form.goals.choices = [(g.id, f"{g.code}: {g.text}") for g in goals]
    if not form.validate_on_submit():
        return _detail(barrier, 400, goal_form=form)
    if _stale(barrier, form):
        not_done()
        db.session.commit()
        flash(_("Someone else changed this barrier. Look again before you go on."), "error")
        return _to_barrier(barrier.id)
    chosen = set(form.goals.data or [])
    try:
        attempt(
            ops.link_operational_goals, barrier, [g for g in goals if g.id in chosen], actor=user
        )
    except DomainError as error:
        form.form_errors.append(refusal_text(error))
        return _detail(barrier, 409, goal_form=form)
    db.session.commit()
    flash(_("The operational goals were saved."), "success")
    return _to_barrier(barrier.id)


@bp.route("/knelpunten/melden/<int(max=2147483647):plan_id>", methods=["GET", "POST"])
@pages_required
def report(plan_id: int):
    """Report a barrier on a plan (team), optionally on one of its actions."""
    user = actor()
    # Opening the form is reading the plan; only sending it creates something.
    plan = get_plan(plan_id, user, action="create" if request.method == "POST" else "read")
    form = ReportForm(prefix="barrier")
    actions = [a for a in plan.actions if a.status in OPEN_ACTION_STATES]
    form.action_id.choices = [(0, _("No particular action"))] + [
        (a.id, a.description[:120]) for a in actions
    ]
    if request.method == "GET" and inputs.query_int("action"):
        form.action_id.data = inputs.query_int("action")
    organisations = _organisations()
    form.organisations.choices = [(o.id, o.name) for o in organisations]
    is_team = "team" in plan_roles(plan, user)
    if is_team and form.validate_on_submit():
        chosen = set(form.organisations.data or [])
        action = next((a for a in actions if a.id == form.action_id.data), None)
        try:
            barrier = attempt(
                ops.report_barrier,
                plan,
                actor=user,
                category=form.category.data,
                description=form.description.data,
                rule_concerned=form.rule_concerned.data or "",
                proposed_solution=form.proposed_solution.data or "",
                action=action,
                escalate_to=[o for o in organisations if o.id in chosen],
                block_action=bool(form.block_action.data),
                escalate_now=bool(form.escalate_now.data),
            )
        except (DomainError, TransitionRefused) as error:
            form.form_errors.append(refusal_text(error))
        else:
            db.session.commit()
            flash(_("The barrier was reported."), "success")
            return _to_barrier(barrier.id)
    status = 200 if not form.is_submitted() else (403 if not is_team else 400)
    return page("barriers/report.html", status, plan=plan, form=form, is_team=is_team)


from maatwerk.barriers import agenda_views  # noqa: E402, F401  (routes on the same blueprint)
