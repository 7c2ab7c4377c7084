"""Case review sessions through the workflow engine; who sees what; lessons and the handout."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.enums import Role
from maatwerk.plans.models import TransitionEvent
from tests.casereview.conftest import NAMES, account


def lesson_body(review, **extra) -> dict:
    return {
        "title": "Samen aan tafel werkt",
        "description": "Eén gesprek met schuldhulp en school samen hielp Anna meer dan drie losse.",
        "effect": "worked",
        "domains": ["economic"],
        "interventionIds": [review.intervention.id],
        "operationalGoalIds": [review.operational_goal.id],
        "organisationIds": [review.s.municipality.id],
        **extra,
    }


def test_the_session_workflow_runs_through_the_engine(review, flow, db_session):
    session = flow()
    assert session.api.get(session.url).get_json()["status"] == "planned"

    refused = session.fire("prepare")
    assert refused.status_code == 409
    assert refused.get_json()["guard"] == "has_approved_cases"

    case = session.add_case(review.plan_id)
    options = {o["trigger"]: o for o in session.api.get(f"{session.url}/transitions").get_json()}
    assert options["prepare"]["allowed"] is False  # added, but not approved yet
    session.approve(case["id"])
    assert session.fire("prepare").get_json()["status"] == "prepared"
    assert session.fire("hold").get_json()["status"] == "held"

    refused = session.fire("publish")
    assert refused.status_code == 409
    assert refused.get_json()["guard"] == "has_lessons"
    assert session.api.post(f"{session.url}/lessons", json=lesson_body(review)).status_code == 201
    published = session.fire("publish").get_json()
    assert published["status"] == "published" and published["publishedAt"]

    events = db_session.scalars(
        select(TransitionEvent)
        .where(
            TransitionEvent.subject_type == "case_review", TransitionEvent.subject_id == session.id
        )
        .order_by(TransitionEvent.id)
    ).all()
    assert [(e.trigger, e.plan_id, e.actor_user_id) for e in events] == [
        ("prepare", None, review.programme.id),
        ("hold", None, review.programme.id),
        ("publish", None, review.programme.id),
    ]


def test_transitions_need_the_current_etag(review, flow):
    session = flow()
    url = f"{session.url}/transitions"
    assert session.api.post(url, json={"trigger": "prepare"}).status_code == 428
    stale = session.api.post(url, json={"trigger": "prepare"}, etag='"case-review-1-0"')
    assert stale.status_code == 412


def test_only_the_programme_runs_sessions(review, flow, as_user):
    session = flow()
    session.invite(review.partner)
    partner = as_user(review.partner)
    assert partner.post("/api/v1/case-reviews", json={"title": "Eigen sessie"}).status_code == 403
    etag = partner.get(session.url).headers["ETag"]
    fired = partner.post(f"{session.url}/transitions", json={"trigger": "prepare"}, etag=etag)
    assert fired.status_code == 403
    added = partner.post(f"{session.url}/cases", json={"planId": review.plan_id})
    assert added.status_code == 403


def test_experience_experts_see_approved_cases_of_their_own_sessions_only(review, flow, as_user):
    from tests.casereview.conftest import enrich
    from tests.plans.flow import make_setting

    other = make_setting()
    enrich(other)
    session = flow()
    approved = session.add_case(review.plan_id)
    pending = session.add_case(other.plan.id)
    session.approve(approved["id"])
    session.invite(review.expert)
    expert = as_user(review.expert)

    # Planned: the session is visible to its participant, its cases are not yet.
    assert expert.get(session.url).status_code == 200
    assert expert.get(f"{session.url}/cases").get_json() == []
    assert expert.get(f"{session.url}/cases/{approved['id']}").status_code == 404

    session.fire("prepare")
    shown = expert.get(f"{session.url}/cases").get_json()
    assert [c["id"] for c in shown] == [approved["id"]]
    assert expert.get(f"{session.url}/cases/{pending['id']}").status_code == 404
    assert expert.get(f"{session.url}/cases/{approved['id']}/review").status_code == 404

    second = flow("Een andere sessie")
    other_case = second.add_case(review.plan_id)
    second.approve(other_case["id"])
    second.fire("prepare")
    assert expert.get(second.url).status_code == 404
    assert expert.get(f"{second.url}/cases").status_code == 404
    assert expert.get(f"{second.url}/cases/{other_case['id']}").status_code == 404
    assert [s["id"] for s in expert.get("/api/v1/case-reviews").get_json()] == [session.id]


def test_non_participants_see_nothing(review, flow, as_user, db_session):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.fire("prepare")
    family = review.s.family
    for user in (review.outsider_expert, review.partner, review.s.coordinator, family):
        api = as_user(user)
        assert api.get("/api/v1/case-reviews").get_json() == []
        for url in (
            session.url,
            f"{session.url}/cases",
            f"{session.url}/cases/{case['id']}",
            f"{session.url}/lessons",
            f"{session.url}/handout",
        ):
            assert api.get(url).status_code == 404, (user.role, url)
    denied = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == review.outsider_expert.id, AuditEvent.outcome == "denied"
        )
    ).all()
    assert len(denied) == 5


def test_only_partners_and_experience_experts_can_be_invited(review, flow, db_session):
    session = flow()
    family = review.s.family
    admin = account(Role.ADMIN)
    db_session.commit()
    for user in (family, admin, review.programme):
        response = session.api.post(f"{session.url}/participants", json={"userId": user.id})
        assert response.status_code == 400, user.role
    session.invite(review.expert)
    again = session.api.post(f"{session.url}/participants", json={"userId": review.expert.id})
    assert again.status_code == 409
    removed = session.api.delete(
        f"{session.url}/participants/{review.expert.id}", etag=session.etag()
    )
    assert removed.status_code == 204
    assert session.api.get(session.url).get_json()["participants"] == []


def test_participants_record_lessons_while_the_session_is_held(review, flow, as_user):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    expert = as_user(review.expert)
    url = f"{session.url}/lessons"
    assert expert.post(url, json=lesson_body(review)).status_code == 409  # planned
    session.fire("prepare")
    session.fire("hold")

    created = expert.post(url, json=lesson_body(review))
    assert created.status_code == 201
    lesson = created.get_json()
    assert "Anna" not in lesson["description"] and "[naam]" in lesson["description"]
    assert lesson["interventions"] == [
        {"id": review.intervention.id, "name": review.intervention.name}
    ]
    assert lesson["domains"] == ["economic"]
    bad = expert.post(url, json=lesson_body(review, interventionIds=[2_000_000]))
    assert bad.status_code == 400
    assert as_user(review.outsider_expert).post(url, json=lesson_body(review)).status_code == 404


def test_the_handout_has_the_approved_cases_and_lessons_without_personal_data(
    review, flow, db_session
):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.fire("prepare")
    session.fire("hold")
    session.api.post(f"{session.url}/lessons", json=lesson_body(review))

    response = session.api.get(f"{session.url}/handout")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Samen aan tafel werkt" in text
    assert review.intervention.name in text
    for name in NAMES:
        assert name not in text, name
    assert "06-12345678" not in text
    printed = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "print", AuditEvent.object_type == "case_pack"
        )
    ).all()
    assert [e.household_ids for e in printed] == [[review.s.household.id]]


def test_a_lesson_can_be_removed_before_publication_by_its_author(review, flow, as_user):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    session.invite(review.partner)
    session.fire("prepare")
    session.fire("hold")
    expert = as_user(review.expert)
    first = expert.post(f"{session.url}/lessons", json=lesson_body(review)).get_json()
    second = expert.post(
        f"{session.url}/lessons", json=lesson_body(review, title="Een tweede les")
    ).get_json()
    url = f"{session.url}/lessons/{first['id']}"
    assert as_user(review.partner).delete(url, etag=session.etag()).status_code == 403
    assert expert.delete(url).status_code == 428
    assert expert.delete(url, etag='"case-review-0-0"').status_code == 412
    assert expert.delete(url, etag=session.etag()).status_code == 204
    assert expert.delete(url, etag=session.etag()).status_code == 404
    session.fire("publish")
    second_url = f"{session.url}/lessons/{second['id']}"
    assert expert.delete(second_url, etag=session.etag()).status_code == 409


def test_session_list_and_detail_take_a_fixed_number_of_queries(
    review, flow, as_user, count_queries
):
    from tests.casereview.conftest import enrich
    from tests.plans.flow import make_setting

    api = as_user(review.programme)
    first = flow("Eerste")
    first.add_case(review.plan_id)
    first.invite(review.expert)
    api.get("/api/v1/case-reviews")
    with count_queries() as one:
        api.get("/api/v1/case-reviews")
    with count_queries() as detail_one:
        api.get(f"{first.url}/cases")
    other = make_setting()
    enrich(other)
    for title in ("Tweede", "Derde"):
        more = flow(title)
        more.add_case(review.plan_id)
        more.invite(review.partner)
    first.add_case(other.plan.id)
    first.invite(review.partner)
    with count_queries() as three:
        assert len(api.get("/api/v1/case-reviews").get_json()) == 3
    with count_queries() as detail_two:
        assert len(api.get(f"{first.url}/cases").get_json()) == 2
    assert three.count == one.count
    # Listing cases audits each one (one append per pack), nothing else grows.
    audit_per_pack = detail_two.count - detail_one.count
    assert audit_per_pack <= 4
