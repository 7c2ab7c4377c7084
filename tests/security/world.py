"""A fixture world with one of everything, and an account for every role the authorisation
matrix checks. Built with domain operations and, where a workflow is involved, the API.

Household A has a plan with goals, an action, a barrier escalated to the GGZ organisation,
scores, a comment, a survey, learning consent and a case review; household B is another
family's. Roles:

- family: the family account of household A
- family_other: the family account of household B
- pro_team: the coordinator of A's plan (on the team, with consent)
- pro_colleague: a professional of the coordinator's organisation (which holds consent) who
  is not on A's team
- pro_other: a professional of an organisation that is not on A's team
- pro_withdrawn: a professional on A's team whose organisation's consent was withdrawn
- manager: a manager of the GGZ organisation (A's barrier is escalated to it)
- manager_other: a manager of the municipality (on A's team, with consent) that A's barrier
  was not escalated to
- programme, expert (experience expert, invited to the case review), admin
- anonymous: no login
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from maatwerk.accounts.models import User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.catalogue.models import Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    ConsentPurpose,
    Domain,
    MemberPosition,
    ProgrammeLine,
    Role,
    Sector,
)
from maatwerk.households.models import Consent
from maatwerk.households.operations import add_member, give_consent, withdraw_consent
from maatwerk.monitoring.indicators import INDICATORS
from maatwerk.notifications.models import Notification
from maatwerk.plans.models import TeamMembership
from maatwerk.plans.operations import add_team_member
from maatwerk.workflow import fire_transition
from tests.api.helpers import fill_plan
from tests.plans.flow import Setting, make_setting

PASSWORD = "correct horse battery"
ROLES = (
    "family",
    "family_other",
    "pro_team",
    "pro_colleague",
    "pro_other",
    "pro_withdrawn",
    "manager",
    "manager_other",
    "programme",
    "expert",
    "admin",
    "anonymous",
)
# A landline, a landline written internationally, a mobile, a mobile written internationally.
PHONES = ("0598-123456", "+31 20 123 4567", "06-12345678", "+31 6 2345 6789")
_counter = itertools.count(1)


@dataclass
class World:
    """The users per role and a value for every path parameter of the app's routes."""

    a: Setting
    b: Setting
    users: dict[str, User | None]
    ids: dict[str, Any] = field(default_factory=dict)


class Bearer:
    """JSON calls with one user's bearer token (for building the world)."""

    def __init__(self, client, user: User) -> None:
        self.client = client
        response = client.post(
            "/api/v1/auth/tokens", json={"login": user.login, "password": PASSWORD}
        )
        assert response.status_code == 201, response.get_json()
        self.headers = {"Authorization": f"Bearer {response.get_json()['token']}"}

    def call(self, method: str, url: str, expect: int = 200, *, match: str | None = None, **kw):
        """Call url; `match` names the resource whose current ETag goes in If-Match."""
        headers = dict(self.headers)
        if match is not None:
            headers["If-Match"] = self.client.get(match, headers=self.headers).headers["ETag"]
        response = getattr(self.client, method)(url, headers=headers, **kw)
        assert response.status_code == expect, (method, url, response.get_json())
        return response.get_json()


def _account(role: Role, organisation=None) -> User:
    n = next(_counter)
    return create_user(
        login=f"matrix-{role.value}-{n}",
        display_name=f"Matrix {role.value} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
    )


def build_world(client) -> World:
    """Everything the routes need, committed into the test's transaction."""
    n = next(_counter)
    a = make_setting()
    b = make_setting()
    manager = _account(Role.MANAGER, a.ggz)
    debt_help = create_organisation(f"Schuldhulp {n}", Sector.WELFARE)
    withdrawn = _account(Role.PROFESSIONAL, debt_help)
    parent = a.household.members[0]
    sharing = give_consent(
        a.household,
        organisation=debt_help,
        purpose=ConsentPurpose.PLAN_SHARING,
        given_by=parent,
        actor=a.coordinator,
    )
    add_team_member(a.plan, withdrawn, actor=a.coordinator)
    give_consent(
        a.household,
        organisation=a.municipality,
        purpose=ConsentPurpose.LEARNING,
        given_by=parent,
        actor=a.coordinator,
    )
    fill_plan(a.plan, a, goals=2)
    child = add_member(
        a.household,
        given_name="Kees",
        family_name="Test",
        position=MemberPosition.CHILD,
        # 17: old enough for a family account (activation codes are for 16 and older)
        date_of_birth=dt.date.today() - dt.timedelta(days=17 * 365 + 30),
        actor=a.coordinator,
    )
    fire_transition(a.plan.barriers[0], "escalate", actor=a.coordinator)
    withdraw_consent(sharing, actor=a.family)
    experts = create_organisation(f"Ervaringsdeskundigen {n}", Sector.EXPERIENCE_EXPERTS)
    users: dict[str, User | None] = {
        "family": a.family,
        "family_other": b.family,
        "pro_team": a.coordinator,
        "pro_colleague": _account(Role.PROFESSIONAL, a.municipality),
        "pro_other": a.outsider,
        "pro_withdrawn": withdrawn,
        "manager": manager,
        "manager_other": _account(Role.MANAGER, a.municipality),
        "programme": _account(Role.PROGRAMME),
        "expert": _account(Role.EXPERIENCE_EXPERT, experts),
        "admin": _account(Role.ADMIN),
        "anonymous": None,
    }
    # Work phones in every form the log scan must catch (shown in the team and the PDF).
    for user, phone in zip((a.coordinator, a.member, a.outsider, manager), PHONES, strict=True):
        user.phone = phone
    intervention = Intervention(
        name=f"Schuldhulp Samen {n}",
        organisations=[a.municipality],
        domain_links=[InterventionDomain(domain=Domain.ECONOMIC)],
    )
    operational_goal = OperationalGoal(
        code=f"SEC{n}",
        text="We weten wat werkt",
        programme_line=ProgrammeLine.EFFECTIVENESS_LEARNING,
        phase_plan=2,
    )
    db.session.add_all([intervention, operational_goal])
    db.session.commit()

    plan = a.plan
    goal = plan.goals[0]
    action = plan.actions[0]
    barrier = plan.barriers[0]
    membership = db.session.scalar(
        select(TeamMembership).where(
            TeamMembership.plan_id == plan.id, TeamMembership.user_id == a.member.id
        )
    )
    consent = db.session.scalar(
        select(Consent).where(
            Consent.household_id == a.household.id, Consent.organisation_id == a.ggz.id
        )
    )

    assert plan.status == "exploring", plan.status
    programme = Bearer(client, users["programme"])
    budget = programme.call(
        "post",
        "/api/v1/flexible-budgets",
        201,
        json={
            "organisationId": a.ggz.id,
            "year": dt.date.today().year,
            "amountAvailable": "500.00",
        },
    )
    review = programme.call("post", "/api/v1/case-reviews", 201, json={"title": "Matrix"})
    review_url = f"/api/v1/case-reviews/{review['id']}"
    case = programme.call("post", f"{review_url}/cases", 201, json={"planId": plan.id})
    programme.call("post", f"{review_url}/participants", 201, json={"userId": users["expert"].id})
    pack = programme.call("get", f"{review_url}/cases/{case['id']}/review")
    text_id = _first_text_id(pack)
    case_url = f"{review_url}/cases/{case['id']}"
    programme.call("post", f"{case_url}/approval", match=case_url)
    for trigger in ("prepare", "hold"):
        programme.call(
            "post", f"{review_url}/transitions", match=review_url, json={"trigger": trigger}
        )
    lesson = programme.call(
        "post",
        f"{review_url}/lessons",
        201,
        json={
            "title": "Samen aan tafel werkt",
            "description": "Eén gesprek met iedereen samen hielp meer dan drie losse.",
            "effect": "worked",
            "domains": ["economic"],
        },
    )
    reflection = programme.call(
        "post",
        "/api/v1/reflections",
        201,
        json={"year": dt.date.today().year, "group": "programme_team"},
    )
    finding = programme.call(
        "post",
        f"/api/v1/reflections/{reflection['id']}/findings",
        201,
        json={"side": "het", "text": "De doelen zijn helder."},
    )
    notification = db.session.scalar(
        select(Notification.id).where(Notification.recipient_user_id == manager.id).limit(1)
    )
    world = World(a=a, b=b, users=users)
    world.ids = {
        "plan_id": plan.id,
        "household_id": a.household.id,
        "household_reference": a.household.reference,
        "goal_id": goal.id,
        "action_id": action.id,
        "barrier_id": barrier.id,
        "score_id": plan.scores[0].id,  # the family's own (tests/api/helpers.py fill_plan)
        "consent_id": consent.id,
        "membership_id": membership.id,
        "notification_id": notification,
        "budget_id": budget["id"],
        "case_review_id": review["id"],
        "case_id": case["id"],
        "text_id": text_id,
        "lesson_id": lesson["id"],
        "participant_id": users["expert"].id,
        "reflection_id": reflection["id"],
        "finding_id": finding["id"],
        "operational_goal_id": operational_goal.id,
        "area_id": a.household.area_id,
        "intervention_id": intervention.id,
        "organisation_id": a.municipality.id,
        "key": next(iter(INDICATORS)),
        "name": "plan_standard",
        "kind": "doelen",
        "item_id": goal.id,
        "filename": "maatwerk.css",
        "docs_asset": "swagger-ui.css",
        "child_member_id": child.id,
        "family_member_id": parent.id,
        "member_id": parent.id,
        "member_user_id": a.member.id,
        "outsider_user_id": a.outsider.id,
        "outsider_organisation_id": a.outsider.organisation_id,
        # The administrator's pages and API: a staff account and an organisation with
        # accounts (which therefore cannot be deleted).
        "account_id": users["pro_colleague"].id,
    }
    db.session.commit()
    db.session.expire_all()
    world.ids |= {
        "plan_version": plan.version,
        "barrier_version": barrier.version,
        "consent_version": consent.version,
        "account_version": users["pro_colleague"].version,
        "organisation_version": a.municipality.version,
        "case_review_version": _case_review_version(world.ids["case_review_id"]),
    }
    return world


def _case_review_version(session_id: int) -> int:
    from maatwerk.casereview.models import CaseReviewSession

    return db.session.get(CaseReviewSession, session_id).version


def _first_text_id(pack: dict) -> int:
    for group in pack.get("goals", []):
        for text in group.get("texts", []):
            return text["id"]
    raise AssertionError(f"the case pack has no texts: {sorted(pack)}")
