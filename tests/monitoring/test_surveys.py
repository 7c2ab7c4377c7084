"""Experience surveys: the operation, the API and the family's page."""

from __future__ import annotations

import pytest

from maatwerk.core.enums import Domain, Moment, ScoredBy
from maatwerk.core.errors import Conflict, Forbidden, ValidationFailed
from maatwerk.monitoring.statements import STATEMENTS, statements_for
from maatwerk.monitoring.surveys import answered, record_survey, survey_due
from maatwerk.outcomes.models import ExperienceSurvey
from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import World, d


@pytest.fixture
def world(db_session) -> World:
    w = World()
    w.plan_one = w.plan(w.household(w.v1, referred_on="2024-01-02"), "2024-01-10")
    db_session.commit()
    return w


def test_every_statement_maps_to_a_goal_of_the_catalogue(world):
    assert {s.goal_code for s in STATEMENTS} <= set(world.goals)
    assert len(statements_for("family")) >= 5 and len(statements_for("professional")) >= 5


def test_record_survey_authorises_and_validates(world):
    plan, family = world.plan_one, world.family(world.plan_one)
    survey = record_survey(
        plan, respondent="family", moment="intake", answers={"own_priorities": 4}, actor=family
    )
    answer = survey.answers[0]
    assert answer.score == 4 and answer.operational_goal_id == world.goals["OD-10"].id
    with pytest.raises(Conflict):  # once per moment and cycle
        record_survey(
            plan, respondent="family", moment="intake", answers={"coherence": 3}, actor=family
        )
    with pytest.raises(Forbidden):  # a professional does not answer for the family
        record_survey(
            plan,
            respondent="family",
            moment="evaluation",
            answers={"coherence": 3},
            actor=world.coordinator,
        )
    with pytest.raises(Forbidden):  # the family does not answer the professionals' survey
        record_survey(
            plan,
            respondent="professional",
            moment="intake",
            answers={"pro_collaboration": 3},
            actor=family,
        )
    with pytest.raises(Forbidden):  # not on the team
        record_survey(
            plan,
            respondent="professional",
            moment="intake",
            answers={"pro_collaboration": 3},
            actor=world.second,
        )
    for answers in (
        {},
        {"own_priorities": 6},
        {"pro_collaboration": 3},
        {"nope": 2},
        {"coherence": True},
    ):
        with pytest.raises(ValidationFailed):
            record_survey(
                plan, respondent="family", moment="evaluation", answers=answers, actor=family
            )
    # Each professional answers once; another team member may answer too.
    record_survey(
        plan,
        respondent="professional",
        moment="intake",
        answers={"pro_collaboration": 5},
        actor=world.coordinator,
    )
    record_survey(
        plan,
        respondent="professional",
        moment="intake",
        answers={"pro_collaboration": 4},
        actor=world.member,
    )


def test_survey_api(app, world):
    plan = world.plan_one
    client = app.test_client()
    family = bearer(client, world.family(plan))
    statements = client.get("/api/v1/survey-statements?respondent=family", headers=family)
    assert statements.status_code == 200
    assert {s["key"] for s in statements.get_json()} == {s.key for s in statements_for("family")}
    url = f"/api/v1/plans/{plan.id}/surveys"
    body = {"respondent": "family", "moment": "intake", "answers": {"own_priorities": 5}}
    created = client.post(url, json=body, headers=family)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["answers"] == [{"statementKey": "own_priorities", "score": 5}]
    assert client.post(url, json=body, headers=family).status_code == 409
    bad = client.post(
        url,
        json={**body, "moment": "evaluation", "answers": {"own_priorities": 9}},
        headers=family,
    )
    assert bad.status_code == 400
    pro = bearer(client, world.coordinator)
    assert client.post(url, json=body, headers=pro).status_code == 403
    answered = client.post(
        url,
        json={"respondent": "professional", "moment": "intake", "answers": {"pro_learning": 3}},
        headers=pro,
    )
    assert answered.status_code == 201
    assert len(client.get(url, headers=family).get_json()) == 1  # the family sees its own
    # The team reads the professionals' surveys, never the family's answers (they rate it).
    seen_by_team = client.get(url, headers=pro).get_json()
    assert [s["respondent"] for s in seen_by_team] == ["professional"]
    outsider = bearer(client, world.programme)
    assert client.post(url, json=body, headers=outsider).status_code == 404


def test_the_family_answers_on_a_page_without_javascript(app, world):
    plan = world.plan_one
    client = login(app, world.family(plan))
    page = client.get(f"/vragenlijst/{plan.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count('type="radio"') == 5 * len(statements_for("family"))
    assert "Je team ziet je antwoorden niet." in html
    assert "<script" not in html.split("<main", 1)[1]
    empty = client.post(f"/vragenlijst/{plan.id}", data={})
    assert empty.status_code == 400
    sent = client.post(f"/vragenlijst/{plan.id}", data={"own_priorities": "4", "work": "2"})
    assert sent.status_code == 302
    done = client.get(sent.headers["Location"])
    assert done.status_code == 200
    again = client.post(f"/vragenlijst/{plan.id}", data={"own_priorities": "4"})
    assert again.status_code == 409
    # A team member gets the professionals' statements on the same page; others a 404.
    pro = login(app, world.member)
    assert 'name="pro_collaboration"' in pro.get(f"/vragenlijst/{plan.id}").get_data(as_text=True)
    assert login(app, world.programme).get(f"/vragenlijst/{plan.id}").status_code == 404
    assert login(app, world.second).get(f"/vragenlijst/{plan.id}").status_code == 404


def test_survey_results_feed_the_indicators(app, world):
    from maatwerk.monitoring.reading import Filters, overview
    from maatwerk.monitoring.rollup import refresh
    from tests.monitoring.world import populate

    plans = populate(world, [(world.v1, 11, 2024)])
    for plan in plans:
        record_survey(
            plan,
            respondent="family",
            moment="intake",
            answers={"own_priorities": 4},
            actor=world.family(plan),
            answered_on=plan.started_on,
        )
    refresh([2024])
    with app.test_request_context():
        result = overview(Filters(2024))
    od10 = next(g for g in result.goals if g.code == "OD-10")
    survey = next(i for i in od10.indicators if i.ref.key == "survey.own_priorities")
    intake = next(s for s in survey.series if s.key == "intake")
    assert intake.current.value == pytest.approx(4.0) and intake.current.households == 11


def _survey_link(plan) -> str:
    return f'href="/vragenlijst/{plan.id}"'


def _to_evaluation(world, plan) -> None:
    """Through the standard workflow to evaluating: the evaluation survey is due."""
    world.explore(plan, "2024-01-11")
    goal = world.goal(plan, Domain.ECONOMIC)
    world.prioritise(plan, [goal], "2024-01-12")
    world.action(plan, goal, "2024-01-13")
    world.fire(plan, "confirm_plan", world.family(plan), "2024-01-14")
    world.fire(plan, "start_evaluation", world.coordinator, "2024-06-01")


def test_the_family_is_asked_on_its_plan_page_until_it_answers(app, db_session, world):
    plan = world.plan_one
    client = login(app, world.family(plan))
    with client.session_transaction() as session:
        session["lang"] = "en"
    page = client.get(f"/ons-plan/{plan.id}").get_data(as_text=True)
    assert "What do you think of the help?" in page
    assert 'id="vragenlijst"' in page and _survey_link(plan) in page
    # The survey itself is a page of the family's portal: its menu, 'Our plan' current.
    survey = client.get(f"/vragenlijst/{plan.id}").get_data(as_text=True)
    assert 'class="portal-nav"' in survey and 'class="portal"' in survey
    assert 'href="/ons-plan" aria-current="page"' in survey
    assert f'href="/ons-plan/{plan.id}"' in survey  # back to the plan
    assert survey.count('class="m-option"') == 5 * len(statements_for("family"))
    sent = client.post(f"/vragenlijst/{plan.id}", data={"own_priorities": "5"})
    assert sent.status_code == 302 and sent.headers["Location"] == f"/ons-plan/{plan.id}"
    back = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Thank you! Your answers help us to do better." in back
    assert 'id="vragenlijst"' not in back and _survey_link(plan) not in back
    # At the evaluation the next survey is due, and asked for again.
    _to_evaluation(world, plan)
    db_session.commit()
    page = client.get(f"/ons-plan/{plan.id}").get_data(as_text=True)
    assert 'id="vragenlijst"' in page and _survey_link(plan) in page


def test_a_team_member_finds_their_own_survey_on_the_plan_page(app, world):
    plan = world.plan_one
    coordinator, member = login(app, world.coordinator), login(app, world.member)
    page = coordinator.get(f"/werk/plannen/{plan.id}").get_data(as_text=True)
    assert _survey_link(plan) in page
    survey = coordinator.get(f"/vragenlijst/{plan.id}").get_data(as_text=True)
    assert 'class="portal-nav"' not in survey and 'name="pro_collaboration"' in survey
    sent = coordinator.post(f"/vragenlijst/{plan.id}", data={"pro_collaboration": "4"})
    assert sent.status_code == 302 and sent.headers["Location"] == f"/werk/plannen/{plan.id}"
    assert _survey_link(plan) not in coordinator.get(sent.headers["Location"]).get_data(
        as_text=True
    )
    # Each professional answers their own: the other team member is still asked.
    assert _survey_link(plan) in member.get(f"/werk/plannen/{plan.id}").get_data(as_text=True)
    # The family's page does not change by the professionals' answers.
    family = login(app, world.family(plan))
    assert _survey_link(plan) in family.get(f"/ons-plan/{plan.id}").get_data(as_text=True)


def _family_intake(plan, family, score: int, day: str):
    """The family's intake survey, answered on `day`."""
    return record_survey(
        plan,
        respondent="family",
        moment="intake",
        answers={"own_priorities": score},
        actor=family,
        answered_on=d(day),
    )


def test_a_survey_of_cycle_1_is_not_the_survey_of_cycle_2_on_the_same_day(world):
    """The family answers the intake survey on the day the coordinator starts a new cycle:
    the cycle, not the date, says which cycle it belongs to, so the new cycle's survey is
    still due, and once answered counts for cycle 2 only."""
    plan, family = world.plan_one, world.family(world.plan_one)
    day = "2024-06-03"
    assert _family_intake(plan, family, 3, day).cycle == 1
    assert answered(plan, ScoredBy.FAMILY, Moment.INTAKE, family.id)
    _to_evaluation(world, plan)
    world.fire(plan, "new_cycle", world.coordinator, day)
    assert plan.cycle == 2 and plan.status == "prioritising"
    assert not answered(plan, ScoredBy.FAMILY, Moment.INTAKE, family.id)
    assert survey_due(plan, ScoredBy.FAMILY, family.id) is Moment.INTAKE
    assert _family_intake(plan, family, 4, day).cycle == 2
    assert survey_due(plan, ScoredBy.FAMILY, family.id) is None
    with pytest.raises(Conflict):  # once per moment and cycle
        _family_intake(plan, family, 5, day)


def test_a_survey_of_cycle_2_is_not_the_survey_of_cycle_1_on_the_same_day(world, db_session):
    """And the other way round: answered() looks at the survey's cycle only, whatever the
    day (a later cycle's survey on the same day does not count, a survey of this cycle
    dated before the plan started does)."""
    plan, family = world.plan_one, world.family(world.plan_one)
    assert plan.cycle == 1
    today = d("2024-06-03")

    def survey(cycle: int, answered_on):
        db_session.add(
            ExperienceSurvey(
                plan_id=plan.id,
                cycle=cycle,
                respondent=ScoredBy.FAMILY,
                respondent_user_id=family.id,
                moment=Moment.INTAKE,
                answered_on=answered_on,
            )
        )
        db_session.flush()

    survey(2, today)
    assert not answered(plan, ScoredBy.FAMILY, Moment.INTAKE, family.id)
    survey(1, d("2023-01-01"))
    assert answered(plan, ScoredBy.FAMILY, Moment.INTAKE, family.id)
