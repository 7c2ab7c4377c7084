"""A score given by mistake (a wrong tap) can be corrected: the family its own, a team
member the professional one; in the plan's current cycle and while its moment is open; on
the value the corrector saw, so a correction made meanwhile is never overwritten."""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import select

from maatwerk.core.db import db
from maatwerk.core.enums import Domain, Moment, ScoredBy
from maatwerk.goals.operations import add_goal
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import PlanRevision
from tests.conftest import browser_login

API = "/api/v1"


def _scores(setting, db_session, *, family: int = 2, professional: int = 4):
    add_goal(setting.plan, domain="economic", title="Rekeningen op tijd", actor=setting.family)
    given = {}
    for by, actor, value in (
        (ScoredBy.FAMILY, setting.family, family),
        (ScoredBy.PROFESSIONAL, setting.member, professional),
    ):
        given[by] = record_score(
            setting.plan,
            domain="economic",
            score=value,
            scored_by=by,
            moment=Moment.INTAKE,
            actor=actor,
        ).id
    db_session.commit()
    return given


def test_a_team_member_corrects_the_professional_score(setting, as_user, db_session):
    ids = _scores(setting, db_session)
    member = as_user(setting.member)
    url = f"{API}/plans/{setting.plan.id}/outcome-scores/{ids[ScoredBy.PROFESSIONAL]}"
    read = member.get(url)
    assert read.status_code == 200 and read.get_json()["score"] == 4
    assert member.patch(url, json={"score": 3}).status_code == 428
    corrected = member.patch(url, json={"score": 3}, etag=read.headers["ETag"])
    assert corrected.status_code == 200, corrected.get_json()
    assert corrected.get_json()["score"] == 3
    assert corrected.headers["ETag"] != read.headers["ETag"]
    # The ETag read before the correction no longer fits: 412 with the current score.
    stale = as_user(setting.coordinator).patch(url, json={"score": 5}, etag=read.headers["ETag"])
    assert stale.status_code == 412
    corrected_entry = db.session.get(OutcomeScore, ids[ScoredBy.PROFESSIONAL])
    assert corrected_entry.score == 3
    side = member.get(f"{API}/plans/{setting.plan.id}/outcome-scores").get_json()
    assert [d["professional"] for d in side if d["domain"] == "economic"] == [3]
    summaries = db.session.scalars(
        select(PlanRevision.summary).where(PlanRevision.plan_id == setting.plan.id)
    ).all()
    assert "score:correct" in summaries


def test_each_side_corrects_only_its_own_score(setting, as_user, db_session):
    ids = _scores(setting, db_session)
    plan_url = f"{API}/plans/{setting.plan.id}/outcome-scores"
    family, member = as_user(setting.family), as_user(setting.member)
    for api, other in ((family, ScoredBy.PROFESSIONAL), (member, ScoredBy.FAMILY)):
        url = f"{plan_url}/{ids[other]}"
        refused = api.patch(url, json={"score": 1}, etag=api.get(url).headers["ETag"])
        assert refused.status_code == 403
    own = f"{plan_url}/{ids[ScoredBy.FAMILY]}"
    mine = family.patch(own, json={"score": 3}, etag=family.get(own).headers["ETag"])
    assert mine.status_code == 200 and mine.get_json()["score"] == 3
    assert as_user(setting.outsider).get(own).status_code == 404
    assert (
        member.get(f"{API}/plans/999999/outcome-scores/{ids[ScoredBy.FAMILY]}").status_code == 404
    )


def test_a_score_of_an_earlier_cycle_or_a_passed_moment_stays(setting, as_user, db_session):
    ids = _scores(setting, db_session)
    evaluation = OutcomeScore(
        plan=setting.plan,
        cycle=setting.plan.cycle,
        domain=Domain.ECONOMIC,
        score=2,
        scored_by=ScoredBy.PROFESSIONAL,
        scored_by_user_id=setting.member.id,
        moment=Moment.EVALUATION,
    )
    db_session.add(evaluation)
    db_session.commit()
    member = as_user(setting.member)
    url = f"{API}/plans/{setting.plan.id}/outcome-scores/{evaluation.id}"
    passed = member.patch(url, json={"score": 4}, etag=member.get(url).headers["ETag"])
    assert passed.status_code == 409  # the plan is not being evaluated
    setting.plan.cycle += 1
    db_session.commit()
    url = f"{API}/plans/{setting.plan.id}/outcome-scores/{ids[ScoredBy.PROFESSIONAL]}"
    earlier = member.patch(url, json={"score": 1}, etag=member.get(url).headers["ETag"])
    assert earlier.status_code == 409
    assert db.session.get(OutcomeScore, ids[ScoredBy.PROFESSIONAL]).score == 4


def test_a_new_score_names_its_own_url(setting, as_user, db_session):
    add_goal(setting.plan, domain="social", title="Vaker naar de club", actor=setting.family)
    db_session.commit()
    member = as_user(setting.member)
    created = member.post(
        f"{API}/plans/{setting.plan.id}/outcome-scores",
        json={"domain": "social", "score": 2, "scoredBy": "professional", "moment": "intake"},
    )
    assert created.status_code == 201
    again = member.get(created.headers["Location"])
    assert again.get_json() == created.get_json()
    assert again.headers["ETag"] == created.headers["ETag"]


def _page(client, plan_id: int) -> str:
    return html.unescape(client.get(f"/werk/plannen/{plan_id}").get_data(as_text=True))


def test_the_plan_page_corrects_on_the_score_it_showed(app, setting, db_session):
    ids = _scores(setting, db_session)
    score_id = ids[ScoredBy.PROFESSIONAL]
    client = browser_login(app, setting.member)
    page = _page(client, setting.plan.id)
    action = f"/werk/plannen/{setting.plan.id}/scores/{score_id}/correctie"
    assert action in page
    assert 'name="was_score" value="4"' in page
    shown = {"was_score": "4"}
    done = client.post(action, data={**shown, "score": "5"}, follow_redirects=True)
    assert "De score is verbeterd: 4 werd 5." in html.unescape(done.get_data(as_text=True))
    # A colleague's page still showed 4: their correction does not overwrite the 5.
    colleague = browser_login(app, setting.coordinator)
    late = colleague.post(action, data={**shown, "score": "3"}, follow_redirects=True)
    assert "het is nu 5" in html.unescape(late.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(OutcomeScore, score_id).score == 5
    # The family's score has no correction form on the team's page.
    assert f"/scores/{ids[ScoredBy.FAMILY]}/correctie" not in _page(client, setting.plan.id)


def test_the_family_changes_its_answer_in_the_portal(app, setting, db_session):
    ids = _scores(setting, db_session, family=2)
    family = browser_login(app, setting.family)
    url = f"/ons-plan/{setting.plan.id}/hoe-gaat-het"
    page = html.unescape(family.get(f"/ons-plan/{setting.plan.id}").get_data(as_text=True))
    assert "Antwoord veranderen" in page
    changed = family.post(
        url, data={"domain": "economic", "score": "4", "was": "2"}, follow_redirects=True
    )
    assert "Jullie antwoord is veranderd." in html.unescape(changed.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(OutcomeScore, ids[ScoredBy.FAMILY]).score == 4
    # Another family member's page still said 2: the 4 stays, and the page says why.
    late = family.post(
        url, data={"domain": "economic", "score": "1", "was": "2"}, follow_redirects=True
    )
    assert "Iemand uit jullie gezin heeft dit antwoord net veranderd." in html.unescape(
        late.get_data(as_text=True)
    )
    db.session.expire_all()
    assert db.session.get(OutcomeScore, ids[ScoredBy.FAMILY]).score == 4


def test_a_correction_keeps_when_and_by_whom_the_score_was_given(setting, as_user, db_session):
    """Monitoring counts a score in the period it was given: a correction changes its value,
    not its day nor who gave it (the history and the audit trail say who corrected it)."""
    ids = _scores(setting, db_session)
    entry = db.session.get(OutcomeScore, ids[ScoredBy.PROFESSIONAL])
    entry.scored_on = dt.date.today() - dt.timedelta(days=40)
    db_session.commit()
    coordinator = as_user(setting.coordinator)
    url = f"{API}/plans/{setting.plan.id}/outcome-scores/{entry.id}"
    done = coordinator.patch(url, json={"score": 5}, etag=coordinator.get(url).headers["ETag"])
    assert done.status_code == 200
    db.session.expire_all()
    entry = db.session.get(OutcomeScore, ids[ScoredBy.PROFESSIONAL])
    assert (entry.score, entry.scored_on) == (5, dt.date.today() - dt.timedelta(days=40))
    assert entry.scored_by_user_id == setting.member.id


def test_an_intake_score_stays_once_the_evaluation_started(setting, as_user, db_session):
    ids = _scores(setting, db_session)
    setting.plan.status = "evaluating"  # the intake is now the baseline
    db_session.commit()
    member = as_user(setting.member)
    url = f"{API}/plans/{setting.plan.id}/outcome-scores/{ids[ScoredBy.PROFESSIONAL]}"
    refused = member.patch(url, json={"score": 1}, etag=member.get(url).headers["ETag"])
    assert refused.status_code == 409
    assert db.session.get(OutcomeScore, ids[ScoredBy.PROFESSIONAL]).score == 4


def test_a_second_click_on_the_same_change_is_no_conflict(app, setting, db_session):
    _scores(setting, db_session, family=2)
    family = browser_login(app, setting.family)
    url = f"/ons-plan/{setting.plan.id}/hoe-gaat-het"
    change = {"domain": "economic", "score": "4", "was": "2"}
    family.post(url, data=change)
    again = family.post(url, data=change, follow_redirects=True)
    text = html.unescape(again.get_data(as_text=True))
    assert "Jullie antwoord is veranderd." in text and "net veranderd" not in text
