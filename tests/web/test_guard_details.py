"""A refused workflow step names what is missing on this plan, not only the rule."""

from __future__ import annotations

from maatwerk.core.enums import Domain, Moment, ScoredBy
from maatwerk.goals.operations import add_goal
from maatwerk.outcomes.operations import record_score
from maatwerk.workflow import fire_transition
from tests.plans.test_plan_workflow import prepare_for_confirmation
from tests.web.helpers import text


def test_close_names_the_domains_and_who_still_has_to_score(db_session, setting, login):
    s = setting
    prepare_for_confirmation(s)  # an accepted goal on money (economic)
    second = add_goal(s.plan, domain=Domain.MENTAL, title="Rust in het hoofd", actor=s.member)
    fire_transition(second, "accept", actor=s.family)
    from maatwerk.plans.operations import set_priorities

    goals = sorted((g for g in s.plan.goals if g.status == "accepted"), key=lambda g: g.id)
    set_priorities(s.plan, goals, actor=s.family)
    fire_transition(s.plan, "confirm_plan", actor=s.family)
    fire_transition(s.plan, "start_evaluation", actor=s.coordinator)
    record_score(
        s.plan,
        domain=Domain.ECONOMIC,
        score=4,
        scored_by=ScoredBy.FAMILY,
        moment=Moment.EVALUATION,
        actor=s.family,
    )
    db_session.commit()

    english = text(login(s.coordinator, lang="en").get(f"/werk/plannen/{s.plan.id}"))
    assert (
        "Still missing: Money and work (professional), Health and peace of mind (family), "
        "Health and peace of mind (professional)."
    ) in english, english
    dutch = text(login(s.coordinator, lang="nl").get(f"/werk/plannen/{s.plan.id}"))
    assert "Nog nodig:" in dutch

    for domain, by, actor in (
        (Domain.ECONOMIC, ScoredBy.PROFESSIONAL, s.member),
        (Domain.MENTAL, ScoredBy.FAMILY, s.family),
        (Domain.MENTAL, ScoredBy.PROFESSIONAL, s.member),
    ):
        record_score(
            s.plan, domain=domain, score=3, scored_by=by, moment=Moment.EVALUATION, actor=actor
        )
    db_session.commit()
    english = text(login(s.coordinator, lang="en").get(f"/werk/plannen/{s.plan.id}"))
    assert "Still missing" not in english
