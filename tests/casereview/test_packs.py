"""Case packs: generalised content, scrubbed texts, review, approval and consent gating."""

from __future__ import annotations

import json

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.casereview.models import CasePack
from maatwerk.households.operations import withdraw_consent
from tests.casereview.conftest import NAMES, enrich
from tests.plans.flow import make_setting


def _no_names(payload) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    for name in NAMES:
        assert name not in text, name
    for identifier in ("06-12345678", "example.nl", "9501 AB", "Hoofdstraat", "1988", "1984"):
        assert identifier not in text, identifier


def test_a_pack_is_generalised_and_scrubbed(review, flow):
    session = flow()
    case = session.add_case(review.plan_id)

    assert case["label"] == "A" and case["approved"] is False
    assert case["composition"] == {
        "householdType": "two_parents",
        "childCountBand": "2",
        "parentAgeBands": ["35-44", "35-44"],
        "childAgeBands": ["4-11"],
    }
    # One case in its municipality: below the minimum, so the region is named.
    assert case["area"] == {"level": "region", "name": "Veenkoloniën-Oost"}
    assert case["timeline"][0] == {"day": 0, "event": "plan_started", "value": None}
    assert all(isinstance(e["day"], int) and e["day"] >= 0 for e in case["timeline"])
    assert {"intervention": review.intervention.name, "carrier": "professional"}.items() <= (
        case["actions"][0].items()
    )
    assert case["barriers"] == [{"category": "waiting_list", "count": 1, "states": {"reported": 1}}]
    professional = [o for o in case["outcomes"] if o["scoredBy"] == "professional"]
    assert professional == [
        {"domain": "economic", "scoredBy": "professional", "intake": 2, "latest": 4, "change": 2}
    ]
    domains = [g["domain"] for g in case["goals"]]
    assert domains == ["economic", "pedagogical"]
    texts = [t["text"] for g in case["goals"] for t in g["texts"]]
    assert "[naam] wil van de schulden af" in texts
    assert any("[telefoon]" in t and "[e-mail]" in t for t in texts)
    _no_names(case)
    assert "original" not in json.dumps(case)


def test_the_area_is_the_municipality_when_it_has_enough_cases(app, review, flow):
    app.config["CASE_PACK_MIN_AREA_CASES"] = 1
    try:
        case = flow().add_case(review.plan_id)
    finally:
        app.config.pop("CASE_PACK_MIN_AREA_CASES")
    assert case["area"] == {"level": "municipality", "name": review.s.household.area.name}


def test_a_plan_without_learning_consent_cannot_become_a_case(review, flow, db_session):
    other = make_setting()  # plan-sharing consent only
    db_session.commit()
    session = flow()
    for plan_id in (other.plan.id, 2_000_000):  # no consent and unknown answer alike
        response = session.api.post(f"{session.url}/cases", json={"planId": plan_id})
        assert response.status_code == 400
        assert response.get_json()["invalidParams"] == [
            {"name": "planId", "reason": "Not a plan with learning consent."}
        ]
    candidates = session.api.get(f"{session.url}/case-candidates").get_json()
    assert [c["planId"] for c in candidates] == [review.plan_id]


def test_the_review_is_the_scrubbed_case_for_the_programme_only_and_is_audited(
    review, flow, as_user, db_session
):
    session = flow()
    case = session.add_case(review.plan_id)
    session.invite(review.expert)
    review_url = f"{session.url}/cases/{case['id']}/review"

    reviewed = session.api.get(review_url)
    assert reviewed.status_code == 200
    assert reviewed.headers["ETag"] == f'"case-{case["id"]}-{case["version"]}"'
    assert reviewed.get_json() == case  # what participants will see, nothing more
    _no_names(reviewed.get_json())
    assert "original" not in reviewed.get_data(as_text=True)
    event = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.object_type == "case_pack", AuditEvent.user_id == review.programme.id
        )
    ).all()[-1]
    assert (event.action.value, event.object_id) == ("read", str(case["id"]))
    assert event.household_ids == [review.s.household.id]

    session.approve(case["id"])
    session.fire("prepare")
    expert = as_user(review.expert)
    assert expert.get(review_url).status_code == 404
    assert expert.get(f"{session.url}/cases/{case['id']}").status_code == 200


def test_edits_are_scrubbed_again_and_approval_lapses(review, flow):
    session = flow()
    case = session.add_case(review.plan_id)
    approved = session.approve(case["id"])
    assert approved["approved"] is True
    text = approved["goals"][0]["texts"][0]
    url = f"{session.url}/cases/{case['id']}/texts/{text['id']}"

    assert session.api.put(url, json={"text": "x"}).status_code == 428
    stale = session.api.put(url, json={"text": "x"}, etag=f'"case-{case["id"]}-1"')
    assert stale.status_code == 412

    etag = session.api.get(f"{session.url}/cases/{case['id']}").headers["ETag"]
    edited = session.api.put(
        url, json={"text": "Sanne belt Mohammed op 0612345678 over de schulden"}, etag=etag
    )
    assert edited.status_code == 200
    body = edited.get_json()
    changed = body["goals"][0]["texts"][0]
    assert changed["edited"] is True
    assert changed["text"] == "[naam] belt [naam] op [telefoon] over de schulden"
    assert body["approved"] is False
    _no_names(body)


def test_withdrawing_learning_consent_removes_the_case_before_the_session_is_held(
    review, flow, as_user, db_session
):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    assert session.fire("prepare").status_code == 200
    expert = as_user(review.expert)
    assert len(expert.get(f"{session.url}/cases").get_json()) == 1
    before = session.etag()

    withdraw_consent(review.learning, actor=review.s.coordinator)
    db_session.commit()

    assert expert.get(f"{session.url}/cases").get_json() == []
    assert expert.get(f"{session.url}/cases/{case['id']}").status_code == 404
    assert session.api.get(f"{session.url}/cases").get_json() == []
    assert db_session.get(CasePack, case["id"]) is None  # removed, not just hidden
    removal = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "delete", AuditEvent.role == "system")
    ).one()
    assert removal.object_type == "case_pack" and removal.household_ids == [review.s.household.id]
    # Nothing approved is left, so the session cannot be held with it.
    assert session.api.get(session.url).get_json()["caseCount"] == 0
    assert session.etag() != before  # a case fewer: a new version


def test_withdrawn_consent_hides_the_case_of_a_held_session_too(review, flow, as_user, db_session):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    session.fire("prepare")
    session.fire("hold")
    withdraw_consent(review.learning, actor=review.s.coordinator)
    db_session.commit()
    assert as_user(review.expert).get(f"{session.url}/cases").get_json() == []
    assert db_session.get(CasePack, case["id"]) is not None  # the held session keeps its record


def test_every_pack_view_is_audited(review, flow, as_user, db_session):
    session = flow()
    case = session.add_case(review.plan_id)
    session.approve(case["id"])
    session.invite(review.expert)
    session.fire("prepare")
    expert = as_user(review.expert)
    expert.get(f"{session.url}/cases")
    expert.get(f"{session.url}/cases/{case['id']}")
    reads = db_session.scalars(
        select(AuditEvent).where(
            AuditEvent.user_id == review.expert.id,
            AuditEvent.object_type == "case_pack",
            AuditEvent.action == "read",
        )
    ).all()
    assert len(reads) == 2
    assert all(e.household_ids == [review.s.household.id] for e in reads)
    assert all(e.purpose == "learning" and e.outcome.value == "success" for e in reads)


def test_second_household_gets_the_next_label(review, flow, db_session):
    other = make_setting()
    enrich(other)
    db_session.commit()
    session = flow()
    session.add_case(review.plan_id)
    second = session.add_case(other.plan.id)
    assert second["label"] == "B"
    again = session.api.post(f"{session.url}/cases", json={"planId": review.plan_id})
    assert again.status_code == 409


def test_a_pack_in_an_unpublished_session_postpones_the_plans_erasure(review, flow, db_session):
    """Retention (maatwerk/privacy/retention.py): the pack stays while its session runs;
    after publication it is erased with the plan (tests/privacy/test_retention.py)."""
    import datetime as dt

    from maatwerk.core.db import utcnow
    from maatwerk.privacy.retention import erase_expired_plans

    session = flow()
    case = session.add_case(review.plan_id)
    review.s.plan.status, review.s.plan.closed_at = "closed", utcnow()
    db_session.commit()
    report = erase_expired_plans(30, now=utcnow() + dt.timedelta(days=31))
    db_session.commit()
    assert report.plan_ids == []
    assert f"case review session {session.id} not published" in report.postponed[review.plan_id]
    assert db_session.get(CasePack, case["id"]) is not None


def test_the_households_own_place_is_not_named_finer_than_the_pack_area(review, flow, db_session):
    from maatwerk.core.enums import Domain
    from maatwerk.goals.operations import add_goal

    review.s.household.area.name = "Nieuwe Pekela"
    add_goal(
        review.s.plan,
        domain=Domain.SOCIAL,
        title="Meer mensen kennen in nieuwe pekela",
        actor=review.s.family,
    )
    db_session.commit()
    case = flow().add_case(review.plan_id)
    texts = [t["text"] for g in case["goals"] for t in g["texts"]]
    assert "Meer mensen kennen in [plaats]" in texts
    assert "Pekela" not in json.dumps(case)


def test_a_professionals_unanswered_proposal_is_not_in_the_pack(review, flow, db_session):
    """The pack shows the family's words: a goal the team proposed and the family has not
    accepted is left out, until the family accepts it."""
    from maatwerk.core.enums import Domain
    from maatwerk.goals.operations import add_goal
    from maatwerk.workflow import fire_transition

    proposal = add_goal(
        review.s.plan,
        domain=Domain.SOCIAL,
        title="Sportclub zoeken voor de kinderen",
        actor=review.s.member,
    )
    db_session.commit()
    assert proposal.status == "proposed"
    case = flow().add_case(review.plan_id)
    assert "Sportclub zoeken" not in json.dumps(case)

    fire_transition(proposal, "accept", actor=review.s.family)
    db_session.commit()
    accepted = flow("Casusbespreking Pekela").add_case(review.plan_id)
    assert "Sportclub zoeken" in json.dumps(accepted, ensure_ascii=False)


def test_steps_of_one_day_keep_the_order_they_happened_in(db_session):
    import datetime as dt

    from maatwerk.casereview.packs import _timeline
    from maatwerk.plans.models import TransitionEvent

    s = make_setting()
    start = dt.datetime.combine(s.plan.started_on, dt.time(9), tzinfo=dt.UTC)
    steps = [("intake", "exploring"), ("exploring", "prioritising"), ("prioritising", "active")]
    for minutes, (source, dest) in enumerate(steps):
        db_session.add(
            TransitionEvent(
                workflow_name="plan_standard",
                workflow_version=1,
                subject_type="plan",
                subject_id=s.plan.id,
                plan_id=s.plan.id,
                from_state=source,
                to_state=dest,
                trigger="step",
                actor_role="professional",
                occurred_at=start + dt.timedelta(minutes=minutes),
            )
        )
    db_session.flush()
    statuses = [e["value"] for e in _timeline(s.plan) if e["event"] == "status"]
    assert statuses == ["exploring", "prioritising", "active"]  # not alphabetical


FAMILY_WORDS = (
    "We wonen in Nieuw-Buinen, vroeger in Ter Apel en Onstwedde. Oma woont in Exloo, in "
    "Kleindorp-Zuid. De kinderen gingen in Musselkanaal naar OBS De Kwinkslag. "
    "Kredietbank: 23456 euro"
)
PLACES_AND_MORE = (
    "Nieuw-Buinen",
    "Ter Apel",
    "Onstwedde",
    "Exloo",
    "Kleindorp",
    "Musselkanaal",
    "Kwinkslag",
    "23456",
)


def _catalogue_village(household, name: str) -> None:
    """A village of the catalogue that the scrubber's fixed list of the region lacks."""
    from maatwerk.catalogue.models import Area
    from maatwerk.core.db import db
    from maatwerk.core.enums import AreaKind

    municipality = household.area.municipality
    db.session.add(Area(name=name, kind=AreaKind.VILLAGE, parent=municipality))


def test_places_schools_and_amounts_are_scrubbed_from_a_pack(review, flow, db_session):
    from maatwerk.core.enums import Domain
    from maatwerk.goals.operations import add_goal

    _catalogue_village(review.s.household, "Kleindorp-Zuid")
    add_goal(review.s.plan, domain=Domain.SOCIAL, title=FAMILY_WORDS, actor=review.s.family)
    db_session.commit()
    case = flow().add_case(review.plan_id)
    shown = json.dumps(case, ensure_ascii=False)
    for detail in PLACES_AND_MORE:
        assert detail not in shown, detail
    texts = [t["text"] for g in case["goals"] for t in g["texts"]]
    assert any("[school]" in t and "[bedrag]" in t and "[plaats]" in t for t in texts)


def test_places_are_scrubbed_from_a_lesson(review, flow, as_user, db_session):
    from tests.casereview.test_sessions import lesson_body

    _catalogue_village(review.s.household, "Kleindorp-Zuid")
    db_session.commit()
    session = flow()
    session.approve(session.add_case(review.plan_id)["id"])
    session.invite(review.expert)
    session.fire("prepare")
    session.fire("hold")
    body = lesson_body(
        review, description="In Musselkanaal en kleindorp-zuid werkte de buurtsportcoach goed."
    )
    created = as_user(review.expert).post(f"{session.url}/lessons", json=body)
    assert created.status_code == 201
    description = created.get_json()["description"]
    assert "Musselkanaal" not in description and "kleindorp" not in description.lower()
    assert description.count("[plaats]") == 2
