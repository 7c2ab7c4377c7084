"""Who may see and change a plan through the API (DESIGN §3): everyone else gets 404."""

from __future__ import annotations

import pytest

from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.core.enums import ConsentPurpose, MemberPosition, Role, Sector
from maatwerk.households.operations import add_member, withdraw_consent
from tests.api.conftest import PASSWORD
from tests.plans.flow import make_setting, member_without_consent


def stranger(setting, kind: str):
    """A user who must not reach the setting's plan, built per kind."""
    if kind == "other_organisation":
        return setting.outsider
    if kind == "family_of_another_household":
        return make_setting().family
    if kind == "team_member_without_consent":
        org = create_organisation("Zonder toestemming", Sector.WELFARE)
        user = create_user(
            login="zonder",
            display_name="Z",
            role=Role.PROFESSIONAL,
            password=PASSWORD,
            organisation=org,
        )
        member_without_consent(setting.plan, user)
        return user
    if kind == "withdrawn_consent":
        consent = next(
            c
            for c in setting.household.consents
            if c.organisation_id == setting.ggz.id and c.purpose is ConsentPurpose.PLAN_SHARING
        )
        withdraw_consent(consent, actor=setting.family)
        return setting.member
    if kind == "non_family_member_of_household":
        add_member(
            setting.household,
            given_name="Oom",
            family_name="Test",
            position=MemberPosition.OTHER_ADULT,
            actor=setting.coordinator,
        )
        return setting.outsider
    role = {
        "programme": Role.PROGRAMME,
        "admin": Role.ADMIN,
        "experience_expert": Role.EXPERIENCE_EXPERT,
        "manager": Role.MANAGER,
    }[kind]
    return create_user(
        login=f"x-{kind}",
        display_name=kind,
        role=role,
        password=PASSWORD,
        organisation=setting.ggz if role is Role.MANAGER else None,
    )


KINDS = [
    "other_organisation",
    "family_of_another_household",
    "team_member_without_consent",
    "withdrawn_consent",
    "programme",
    "admin",
    "experience_expert",
    "manager",
]


@pytest.mark.parametrize("kind", KINDS)
def test_strangers_get_404_everywhere(setting, as_user, db_session, kind):
    user = stranger(setting, kind)
    db_session.commit()
    api = as_user(user)
    plan_url = f"/api/v1/plans/{setting.plan.id}"
    for url in ["", "/goals", "/actions", "/history", "/comments", "/team-members", "/transitions"]:
        response = api.get(plan_url + url)
        assert response.status_code == 404, (url, response.status_code)
        assert response.mimetype == "application/problem+json"
    assert api.post(f"{plan_url}/goals", json={"domain": "social", "title": "x"}).status_code == 404
    assert (
        api.post(
            f"{plan_url}/transitions", etag="*", json={"trigger": "start_exploration"}
        ).status_code
        == 404
    )
    assert api.post(f"{plan_url}/comments", json={"body": "hallo"}).status_code == 404
    listed = api.get("/api/v1/plans").get_json()
    assert setting.plan.id not in [p["id"] for p in listed["items"]]


def test_withdrawal_takes_effect_on_the_next_request(setting, as_user, db_session):
    member = as_user(setting.member)
    url = f"/api/v1/plans/{setting.plan.id}"
    assert member.get(url).status_code == 200
    consent = next(c for c in setting.household.consents if c.organisation_id == setting.ggz.id)
    withdraw_consent(consent, actor=setting.family)
    db_session.commit()
    assert member.get(url).status_code == 404


def test_professionals_propose_the_family_decides(setting, as_user, db_session):
    member, family = as_user(setting.member), as_user(setting.family)
    url = f"/api/v1/plans/{setting.plan.id}"
    own = family.post(f"{url}/goals", json={"domain": "mental", "title": "Rust in mijn hoofd"})
    assert own.get_json()["status"] == "accepted"
    # A professional cannot change the family's words, rank its goals or confirm for it.
    changed = member.patch(
        own.headers["Location"], etag=own.headers["ETag"], json={"title": "Iets anders"}
    )
    assert changed.status_code == 403
    etag = member.get(url).headers["ETag"]
    ranked = member.put(f"{url}/priorities", etag=etag, json={"goalIds": [own.get_json()["id"]]})
    assert ranked.status_code == 403
    proposal = member.post(f"{url}/goals", json={"domain": "social", "title": "Sportclub"})
    accepted = member.post(
        f"/api/v1/goals/{proposal.get_json()['id']}/transitions",
        etag=proposal.headers["ETag"],
        json={"trigger": "accept"},
    )
    assert accepted.status_code == 403
    assert accepted.get_json()["refusal"] == "role"
