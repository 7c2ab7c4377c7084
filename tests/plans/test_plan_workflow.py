"""The plan, goal, action and barrier workflows through the domain operations."""

from __future__ import annotations

from pathlib import Path

import pytest
import transitions
from sqlalchemy import func, select

import workflows
from maatwerk.barriers.operations import report_barrier
from maatwerk.core.enums import BarrierCategory, Carrier, ConsentPurpose, Domain, Moment, ScoredBy
from maatwerk.core.errors import Forbidden, NotFound
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.households.operations import withdraw_consent
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Plan, PlanRevision, TransitionEvent
from maatwerk.plans.operations import set_priorities
from maatwerk.plans.queries import plan_workflow_options
from maatwerk.workflow import available_triggers, fire_transition
from tests.plans.flow import make_setting
from workflows import TransitionRefused


def events(session, plan):
    return session.scalars(
        select(TransitionEvent)
        .where(TransitionEvent.plan_id == plan.id)
        .order_by(TransitionEvent.id)
    ).all()


def prepare_for_confirmation(s):
    """Explore, accept a goal, rank it and agree an action: ready for confirm_plan."""
    fire_transition(s.plan, "start_exploration", actor=s.coordinator)
    goal = add_goal(s.plan, domain=Domain.ECONOMIC, title="Schulden aflossen", actor=s.member)
    assert goal.status == "proposed"
    fire_transition(goal, "accept", actor=s.family)
    fire_transition(s.plan, "start_prioritising", actor=s.coordinator)
    set_priorities(s.plan, [goal], actor=s.family)
    action = add_action(
        s.plan,
        description="Aanmelden bij schuldhulp",
        carrier=Carrier.PROFESSIONAL,
        goals=[goal],
        lead_organisation=s.municipality,
        participating=[s.ggz],
        actor=s.member,
    )
    fire_transition(action, "agree", actor=s.family)
    return goal, action


def test_full_standard_cycle(db_session):
    s = make_setting()
    plan = s.plan
    assert plan.status == "intake"
    goal, _action = prepare_for_confirmation(s)

    version_before = plan.version
    fire_transition(plan, "confirm_plan", actor=s.family)
    assert plan.status == "active"
    assert plan.version == version_before + 1
    assert plan.confirmed_version == plan.version
    confirmed = db_session.scalar(
        select(PlanRevision).where(
            PlanRevision.plan_id == plan.id, PlanRevision.version == plan.confirmed_version
        )
    )
    assert confirmed.snapshot["status"] == "active"
    assert confirmed.snapshot["goals"][str(goal.id)]["priorityRank"] == 1

    fire_transition(plan, "start_evaluation", actor=s.coordinator)
    fire_transition(plan, "new_cycle", actor=s.coordinator)
    assert (plan.status, plan.cycle) == ("prioritising", 2)
    fire_transition(plan, "confirm_plan", actor=s.family)
    fire_transition(plan, "start_evaluation", actor=s.coordinator)

    with pytest.raises(TransitionRefused) as refused:
        fire_transition(plan, "close", actor=s.coordinator, reason="Doelen bereikt")
    assert refused.value.kind == "guard"
    assert refused.value.guard == "outcome_scores_complete"
    record_score(
        plan,
        domain=Domain.ECONOMIC,
        score=4,
        scored_by=ScoredBy.FAMILY,
        moment=Moment.EVALUATION,
        actor=s.family,
    )
    record_score(
        plan,
        domain=Domain.ECONOMIC,
        score=3,
        scored_by=ScoredBy.PROFESSIONAL,
        moment=Moment.EVALUATION,
        actor=s.member,
    )
    fire_transition(plan, "close", actor=s.coordinator, reason="Doelen bereikt")
    assert plan.status == "closed"
    assert plan.closure_reason == "Doelen bereikt"
    assert plan.closed_at is not None

    plan_events = [e for e in events(db_session, plan) if e.subject_type == "plan"]
    assert [e.trigger for e in plan_events] == [
        "start_exploration",
        "start_prioritising",
        "confirm_plan",
        "start_evaluation",
        "new_cycle",
        "confirm_plan",
        "start_evaluation",
        "close",
    ]
    assert all(
        e.actor_user_id is not None and e.organisation_id is not None
        for e in plan_events
        if e.trigger != "confirm_plan"
    )
    assert plan_events[-1].reason == "Doelen bereikt"
    # Every change stored exactly one revision, numbered like the plan's version.
    versions = db_session.scalars(
        select(PlanRevision.version)
        .where(PlanRevision.plan_id == plan.id)
        .order_by(PlanRevision.version)
    ).all()
    assert versions == list(range(2, plan.version + 1))


def test_light_plan(db_session):
    s = make_setting("plan_light")
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "activate", actor=s.coordinator)
    assert refused.value.message == "The family has not accepted a goal yet."
    add_goal(s.plan, domain=Domain.SOCIAL, title="Meer mensen om ons heen", actor=s.family)
    fire_transition(s.plan, "activate", actor=s.coordinator)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "close", actor=s.coordinator)
    assert refused.value.kind == "reason_required"
    fire_transition(s.plan, "close", actor=s.coordinator, reason="Rond")
    assert s.plan.status == "closed"


def test_family_goal_starts_accepted_professional_goal_is_proposal(db_session):
    s = make_setting()
    own = add_goal(s.plan, domain=Domain.MENTAL, title="Rust in mijn hoofd", actor=s.family)
    proposed = add_goal(s.plan, domain=Domain.SOCIAL, title="Sportclub", actor=s.coordinator)
    assert own.status == "accepted" and own.proposed_by.value == "family"
    assert proposed.status == "proposed" and proposed.proposed_by.value == "professional"
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(proposed, "accept", actor=s.coordinator)
    assert refused.value.kind == "role"
    fire_transition(proposed, "reject", actor=s.family)
    assert proposed.status == "rejected"


def test_priorities_and_confirmation_are_the_familys(db_session):
    s = make_setting()
    goal, _ = prepare_for_confirmation(s)
    with pytest.raises(Forbidden):
        set_priorities(s.plan, [goal], actor=s.coordinator)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "confirm_plan", actor=s.coordinator)
    assert refused.value.kind == "role"
    second = add_goal(s.plan, domain=Domain.CULTURAL, title="Zwemles", actor=s.family)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "confirm_plan", actor=s.family)
    assert refused.value.guard == "all_open_goals_ranked"
    set_priorities(s.plan, [second, goal], actor=s.family)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "confirm_plan", actor=s.family)
    assert refused.value.guard == "top_goal_has_agreed_action"
    options = {o.trigger: o for o in available_triggers(s.plan, s.family)}
    assert options["confirm_plan"].allowed is False
    assert "most important goal" in options["confirm_plan"].refusal.message


def test_blocking_needs_an_open_barrier_and_resolution_makes_it_resumable(db_session):
    s = make_setting()
    _, action = prepare_for_confirmation(s)
    fire_transition(action, "start", actor=s.member)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(action, "block", actor=s.member)
    assert refused.value.guard == "has_open_barrier"
    barrier = report_barrier(
        s.plan,
        category=BarrierCategory.WAITING_LIST,
        description="Wachtlijst van 9 maanden",
        action=action,
        escalate_to=[s.ggz],
        actor=s.member,
    )
    fire_transition(action, "block", actor=s.member)
    assert action.status == "blocked"
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(action, "resume", actor=s.member)
    assert refused.value.guard == "no_open_barrier"
    fire_transition(barrier, "resolve", actor=s.coordinator, reason="Voorrang geregeld")
    assert barrier.resolved_at is not None
    assert action.status == "in_progress"  # resumed by the resolution (DESIGN §5.4)


def test_withdrawing_last_plan_sharing_consent_withdraws_the_plan(db_session):
    s = make_setting()
    fire_transition(s.plan, "start_exploration", actor=s.coordinator)
    sharing = [c for c in s.household.consents if c.purpose is ConsentPurpose.PLAN_SHARING]
    withdraw_consent(sharing[0], actor=s.family)
    assert s.plan.status == "exploring"  # one organisation still holds consent
    withdraw_consent(sharing[1], actor=s.family)
    assert s.plan.status == "closed"
    last = events(db_session, s.plan)[-1]
    assert (last.trigger, last.actor_role, last.actor_user_id) == ("withdraw", "system", None)


def test_refusals_wrong_state_role_and_invisible(db_session):
    s = make_setting()
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "start_evaluation", actor=s.coordinator)
    assert refused.value.kind == "wrong_state"
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "start_exploration", actor=s.member)
    assert refused.value.kind == "role"
    with pytest.raises(NotFound):
        fire_transition(s.plan, "start_exploration", actor=s.outsider)
    with pytest.raises(NotFound):
        available_triggers(s.plan, s.outsider)
    with pytest.raises(TransitionRefused) as refused:
        fire_transition(s.plan, "withdraw", actor=s.coordinator, reason="x")
    assert refused.value.kind == "role"
    assert events(db_session, s.plan) == []
    assert s.plan.status == "intake"


def test_loading_a_plan_never_changes_its_persisted_state(db_session, count_queries):
    s = make_setting()
    prepare_for_confirmation(s)
    fire_transition(s.plan, "confirm_plan", actor=s.family)
    db_session.commit()
    plan_id, version = s.plan.id, s.plan.version
    db_session.expunge_all()
    with count_queries() as counter:
        plan = db_session.scalars(
            select(Plan).where(Plan.id == plan_id).options(*plan_workflow_options())
        ).one()
        available_triggers(plan, db_session.merge(s.coordinator, load=True))
        db_session.flush()
    assert not [q for q in counter.statements if q.lstrip().upper().startswith("UPDATE")]
    assert (plan.status, plan.version) == ("active", version)
    db_session.expire_all()
    assert db_session.get(Plan, plan_id).status == "active"


def test_listing_many_plans_with_triggers_is_constant_in_queries(
    db_session, count_queries, monkeypatch
):
    s = make_setting()
    prepare_for_confirmation(s)

    def load_and_list():
        db_session.expire_all()
        with count_queries() as counter:
            plans = db_session.scalars(
                select(Plan)
                .where(Plan.household_id == s.household.id)
                .options(*plan_workflow_options())
                .order_by(Plan.id)
            ).all()
            options = [available_triggers(p, s.coordinator) for p in plans]
        return counter.count, len(plans), options

    few_queries, few, _ = load_and_list()
    from sqlalchemy import update

    from maatwerk.core.db import utcnow
    from maatwerk.plans.operations import add_team_member, create_plan

    # 200 plans of one household, one after the other: the earlier ones are marked ended
    # (one open plan per household) but keep their states, which is all the listing reads.
    for _ in range(199):
        db_session.execute(
            update(Plan)
            .where(Plan.household_id == s.household.id, Plan.closed_at.is_(None))
            .values(closed_at=utcnow())
        )
        extra = create_plan(s.household, coordinator=s.coordinator, actor=s.coordinator)
        add_team_member(extra, s.member, actor=s.coordinator)
        add_goal(extra, domain=Domain.SOCIAL, title="Nieuwe vrienden", actor=s.family)
    built = []
    original_init = transitions.Machine.__init__
    monkeypatch.setattr(
        transitions.Machine,
        "__init__",
        lambda self, *a, **k: (built.append(1), original_init(self, *a, **k))[1],
    )
    many_queries, many, options = load_and_list()
    assert (few, many) == (1, 200)
    assert many_queries == few_queries
    assert built == []
    assert all(any(o.trigger == "start_exploration" for o in opts) for opts in options[1:])
    assert db_session.scalar(select(func.count(Plan.id))) >= 200


def test_a_broken_definition_stops_start_up_naming_the_problem(tmp_path):
    from maatwerk.workflow import build_engine
    from workflows import DefinitionError

    definitions = Path(workflows.__file__).parent / "definitions"
    for path in definitions.glob("*.toml"):
        text = path.read_text()
        if path.stem == "goal":
            text = text.replace("guards = []", "").replace(
                'trigger = "accept"', 'trigger = "accept"\nguards = ["family_is_happy"]'
            )
        (tmp_path / path.name).write_text(text)
    with pytest.raises(DefinitionError) as error:
        build_engine(tmp_path)
    assert "family_is_happy" in str(error.value)
    assert "goal" in str(error.value)
    build_engine()  # the real definitions are restored for the rest of the suite
