"""Every change of a case pack is audited (refused attempts too); the session's ETag follows
everything its representation shows; deletions need If-Match; a published session keeps
its participants; Location headers and the lesson's ETag."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from tests.casereview.test_sessions import lesson_body
from tests.plans.flow import make_setting


def _events(db_session, **where) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEvent, name) == value)
    db_session.expire_all()
    return list(db_session.scalars(query))


def _first_text(case: dict) -> dict:
    return case["goals"][0]["texts"][0]


def test_editing_approving_and_removing_a_pack_are_audited(review, flow, db_session):
    session = flow()
    case = session.add_case(review.plan_id)
    household = [review.s.household.id]
    url = f"{session.url}/cases/{case['id']}"
    etag = session.api.get(url).headers["ETag"]
    edited = session.api.put(
        f"{url}/texts/{_first_text(case)['id']}", json={"text": "Het gezin wil rust"}, etag=etag
    )
    assert edited.status_code == 200, edited.get_json()
    updates = _events(db_session, object_type="case_pack", action="update")
    assert [(e.object_id, e.household_ids, e.outcome) for e in updates] == [
        (str(case["id"]), household, "success")
    ]

    approved = session.approve(case["id"])
    assert len(_events(db_session, object_type="case_pack", action="update")) == 2
    # Approving an approved pack changes nothing: same version, no second event.
    again = session.api.post(f"{url}/approval", etag=session.api.get(url).headers["ETag"])
    assert again.status_code == 200
    assert again.get_json()["version"] == approved["version"]
    assert len(_events(db_session, object_type="case_pack", action="update")) == 2

    removed = session.api.delete(url, etag=session.etag())
    assert removed.status_code == 204
    deleted = _events(db_session, object_type="case_pack", action="delete")
    assert [(e.object_id, e.household_ids, e.outcome) for e in deleted] == [
        (str(case["id"]), household, "success")
    ]


def test_a_refused_change_of_a_pack_is_audited_as_an_attempt(review, flow, db_session):
    outsider = make_setting()  # a household without learning consent
    db_session.commit()
    session = flow()
    refused = session.api.post(f"{session.url}/cases", json={"planId": outsider.plan.id})
    assert refused.status_code == 400
    attempts = _events(db_session, object_type="case_pack", action="create")
    assert [(e.household_ids, e.outcome) for e in attempts] == [([outsider.household.id], "denied")]

    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.fire("prepare")
    session.fire("hold")
    url = f"{session.url}/cases/{case['id']}"
    late = session.api.put(
        f"{url}/texts/{_first_text(case)['id']}",
        json={"text": "Te laat"},
        etag=session.api.get(url).headers["ETag"],
    )
    assert late.status_code == 409
    denied = _events(db_session, object_type="case_pack", action="update", outcome="denied")
    assert [e.household_ids for e in denied] == [[review.s.household.id]]


def test_hand_out_and_projection_are_audited_even_without_cases(review, flow, as_user, db_session):
    session = flow()
    session.add_case(review.plan_id)  # not approved: neither printed nor projected
    assert session.api.get(f"{session.url}/handout").status_code == 200
    printed = _events(db_session, action="print", object_type="case_review")
    assert [e.object_id for e in printed] == [str(session.id)]


def test_the_session_version_follows_its_participants_and_deletes_need_it(review, flow, as_user):
    session = flow()
    before = session.etag()
    invited = session.api.post(f"{session.url}/participants", json={"userId": review.expert.id})
    assert invited.status_code == 201
    assert invited.headers["ETag"] != before
    assert invited.headers["Location"].endswith(
        f"/case-reviews/{session.id}/participants/{review.expert.id}"
    )
    participant = session.api.get(invited.headers["Location"])
    assert participant.status_code == 200
    assert participant.get_json()["userId"] == review.expert.id

    created = session.api.post(f"{session.url}/cases", json={"planId": review.plan_id})
    assert created.status_code == 201
    case_url = created.headers["Location"]
    assert case_url.endswith(f"/case-reviews/{session.id}/cases/{created.get_json()['id']}")
    assert session.api.get(case_url).status_code == 200

    participant_url = invited.headers["Location"]
    assert session.api.delete(case_url).status_code == 428
    assert session.api.delete(participant_url).status_code == 428
    assert session.api.delete(case_url, etag=before).status_code == 412
    assert session.api.delete(participant_url, etag=before).status_code == 412
    assert session.api.delete(participant_url, etag=session.etag()).status_code == 204
    assert session.api.get(participant_url).status_code == 404


def test_a_published_session_keeps_its_participants(review, flow, as_user):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    session.fire("prepare")
    session.fire("hold")
    lesson = as_user(review.expert).post(f"{session.url}/lessons", json=lesson_body(review))
    assert lesson.status_code == 201
    assert lesson.headers["Location"].endswith(f"/lessons/{lesson.get_json()['id']}")
    session.fire("publish")
    url = f"{session.url}/participants/{review.expert.id}"
    assert session.api.delete(url, etag=session.etag()).status_code == 409
    assert review.expert.id in [
        p["userId"] for p in session.api.get(session.url).get_json()["participants"]
    ]
    read = session.api.get(lesson.headers["Location"])
    assert read.status_code == 200 and read.headers["ETag"]
    assert session.api.get(lesson.headers["Location"]).headers["ETag"] == read.headers["ETag"]


def test_lessons_and_approvals_change_the_session_version(review, flow, as_user):
    session = flow()
    case = session.add_case(review.plan_id)
    before = session.etag()
    session.approve(case["id"])  # the programme's count of approved cases changes
    assert session.etag() != before
    session.invite(review.expert)
    session.fire("prepare")
    session.fire("hold")
    before = session.etag()
    as_user(review.expert).post(f"{session.url}/lessons", json=lesson_body(review))
    assert session.etag() != before
