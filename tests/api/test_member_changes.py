"""Who adds a member after intake (the family or the coordinator, not any team member), and
the family accounts are told when someone else does, or when a family account is made."""

from __future__ import annotations

from sqlalchemy import select

from maatwerk.audit.models import AuditEvent
from maatwerk.households.operations import add_member
from maatwerk.notifications.models import FamilyNotice, FamilyNoticeKind
from maatwerk.portal.activation import activate_account, create_activation_code
from tests.api.helpers import denied_events

API = "/api/v1"
ADULT = {"givenName": "Nep", "familyName": "Lid", "position": "other_adult"}


def _notices(db_session, user):
    return list(
        db_session.scalars(select(FamilyNotice).where(FamilyNotice.recipient_user_id == user.id))
    )


def test_a_team_member_adds_no_member(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}/members"
    response = as_user(setting.member).post(url, json=ADULT)
    assert response.status_code == 403, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert ("create", "member") in denied_events(db_session, setting.member)
    assert len(as_user(setting.family).get(url).get_json()) == 1
    assert _notices(db_session, setting.family) == []


def test_the_family_is_told_when_the_coordinator_adds_a_member(setting, as_user, db_session):
    url = f"{API}/households/{setting.household.id}/members"
    response = as_user(setting.coordinator).post(url, json=ADULT)
    assert response.status_code == 201, response.get_json()
    notices = _notices(db_session, setting.family)
    assert [(n.kind, n.member_id) for n in notices] == [
        (FamilyNoticeKind.MEMBER_ADDED, response.get_json()["id"])
    ]
    # The family adding its own member is not told about itself.
    assert as_user(setting.family).post(url, json={**ADULT, "givenName": "Bo"}).status_code == 201
    assert len(_notices(db_session, setting.family)) == 1


def test_a_new_family_account_is_told_to_the_existing_ones_and_audited(setting, db_session):
    partner = add_member(
        setting.household,
        given_name="Nep",
        family_name="Lid",
        position="other_adult",
        actor=setting.coordinator,
    )
    code = create_activation_code(partner, actor=setting.coordinator)
    user = activate_account(code, login="nep.lid", password="a long enough password")
    db_session.commit()
    kinds = [n.kind for n in _notices(db_session, setting.family)]
    assert kinds == [FamilyNoticeKind.MEMBER_ADDED, FamilyNoticeKind.ACCOUNT_ACTIVATED]
    assert _notices(db_session, user) == []
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.user_id == user.id, AuditEvent.action == "create")
    ).one()
    assert event.object_type == "family_account"
