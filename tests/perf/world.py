"""The world the query counts are measured in, and the two ways it grows.

- small: the authorisation matrix's world (tests/security/world.py: household A with one
  plan and one of everything, household B, an account per role) plus the few items it
  lacks for some lists (a household in a village with a published lesson, a structural
  barrier linked to an operational goal, a decided barrier with a grant, a reflection
  decision), so that every list shows at least one item when measured small.
- deep (`grow_deep`): the same objects get bigger. Plan A gets many more goals, actions
  (each linked to two goals, led by and shared with different partner organisations,
  assigned to different team members, with different interventions), comments by
  different authors, barriers (reported by different people, escalated, some structural
  and linked to operational goals, some decided with a grant), scores, surveys, team
  members and revisions; household A more members and consents; the held case review
  session more cases, participants and lessons; the reflection session more findings and
  decisions; the budget more grants.
- wide (`grow_wide`): many more objects. More than a page (25) of households with a plan
  on the coordinator's team, each in its own municipality, with its own partner
  organisation leading its action and its own professional on the team (so that a
  per-item lookup shows as a growing count, not as one identity-map hit), each filled
  (goals, an action, a barrier escalated to the manager's organisation and decided, one
  left escalated, scores, a comment, a survey); more plans of household A; as many
  households nobody in the world may see; more than a page of every catalogue and
  programme list (areas, organisations, interventions, operational goals, case review
  sessions, published lessons, reflections, budgets).

Built with the domain operations; where a workflow state stands in the way of growing an
object (cases are added before a session is held) the builder sets the state aside and
back. `list_sizes` reads the lists' sizes through the API, so that the test can check the
worlds are what it needs.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools

from maatwerk.accounts.models import User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.barriers.budget import set_budget
from maatwerk.barriers.operations import (
    decide_barrier,
    fire_barrier_trigger,
    link_operational_goals,
    report_barrier,
)
from maatwerk.casereview.models import CaseReviewSession, SessionParticipant
from maatwerk.casereview.operations import (
    add_case,
    approve_pack,
    create_session,
    fire_session_trigger,
    record_lesson,
)
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    AreaKind,
    BarrierCategory,
    Carrier,
    ConsentPurpose,
    Domain,
    MemberPosition,
    Moment,
    ProgrammeLine,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.goals.operations import add_action, add_goal, update_goal
from maatwerk.households.operations import add_member, create_household, give_consent
from maatwerk.outcomes.models import ExperienceSurvey, OutcomeScore, SurveyAnswer
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import add_comment, add_team_member, create_plan
from maatwerk.reflection.models import ReflectionGroup, ReflectionSession
from maatwerk.reflection.operations import add_finding, record_decision
from maatwerk.reflection.operations import create_session as create_reflection
from tests.api.helpers import fill_plan
from tests.plans.flow import Setting, earlier_plan, make_setting
from tests.security.world import PASSWORD, World, build_world

# More than one page of every list (the API's default page size is 25, the pages' 25-50;
# the knowledge base, 50, gets more lessons of its own).
MANY = 30
_n = itertools.count(1)


def _user(role: Role, organisation=None) -> User:
    n = next(_n)
    return create_user(
        login=f"perf-{role.value}-{n}",
        display_name=f"Perf {role.value} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
    )


def _held(world: World) -> CaseReviewSession:
    return db.session.get(CaseReviewSession, world.ids["case_review_id"])


def _reflection(world: World) -> ReflectionSession:
    return db.session.get(ReflectionSession, world.ids["reflection_id"])


def _published_session(programme: User, plans: list[Plan], *, lessons: int) -> None:
    """A case review session with the plans as (approved) cases, held, its lessons
    recorded and published: the lessons appear in the knowledge base."""
    session = create_session(title=f"Bespreking {next(_n)}", actor=programme)
    for plan in plans:
        approve_pack(add_case(session, plan.id, actor=programme), actor=programme)
    fire_session_trigger(session, "prepare", actor=programme)
    fire_session_trigger(session, "hold", actor=programme)
    for i in range(lessons):
        record_lesson(
            session,
            actor=programme,
            title=f"Les {i}",
            description="Samen aan tafel werkt beter dan los van elkaar.",
            effect="worked",
            domains=[list(Domain)[i % len(Domain)]],
        )
    fire_session_trigger(session, "publish", actor=programme)


def _family_setting(a: Setting, *, own: bool = False) -> Setting:
    """A new household with a family account and a plan coordinated by A's coordinator,
    A's team member on the team, plan sharing and learning consent for their organisations.

    own=True: everything a list might look up per item is the household's own (a new
    municipality and village, a partner organisation with consent that leads its action, a
    professional of it on the team), so that a per-item lookup shows as a growing count.
    Otherwise the household lives in A's area and A's municipality leads its action.
    """
    n = next(_n)
    area, lead, team = a.household.area, a.municipality, [a.member]
    if own:
        municipality = Area(name=f"Gemeente Eigen {n}", kind=AreaKind.MUNICIPALITY)
        area = Area(name=f"Dorp Eigen {n}", kind=AreaKind.VILLAGE, parent=municipality)
        db.session.add_all([municipality, area])
        lead = create_organisation(f"Partner Eigen {n}", Sector.WELFARE)
        team.append(_user(Role.PROFESSIONAL, lead))
    household = create_household(area=area, reference=f"HH-PERF-{n:05d}", actor=a.coordinator)
    parent = add_member(
        household,
        given_name="Sanne",
        family_name=f"Perf{n}",
        position=MemberPosition.PARENT,
        actor=a.coordinator,
    )
    family = create_user(
        login=f"perf-gezin-{n}",
        display_name="Sanne",
        role=Role.FAMILY,
        password=PASSWORD,
        member=parent,
    )
    for organisation in dict.fromkeys((a.municipality, a.ggz, lead)):
        for purpose in (ConsentPurpose.PLAN_SHARING, ConsentPurpose.LEARNING):
            give_consent(
                household,
                organisation=organisation,
                purpose=purpose,
                given_by=parent,
                actor=a.coordinator,
            )
    plan = create_plan(household, coordinator=a.coordinator, actor=a.coordinator)
    for user in team:
        add_team_member(plan, user, actor=a.coordinator)
    # The member: the household's own professional (own=True), else A's team member.
    return Setting(plan, household, lead, a.ggz, a.coordinator, team[-1], family, a.outsider)


def build_small(client) -> World:
    """The matrix's world plus one item for the lists it leaves empty (committed)."""
    world = build_world(client)
    a = world.a
    programme, manager = world.users["programme"], world.users["manager"]
    # A published lesson (the knowledge base lists published lessons only).
    other = _family_setting(a, own=True)
    fill_plan(other.plan, other, goals=2)
    _published_session(programme, [other.plan], lessons=1)
    # A structural barrier linked to an operational goal (the agenda), a decided one with a
    # grant (the budget's grants); A's barrier stays escalated (the manager's queue).
    structural = other.plan.barriers[0]
    fire_barrier_trigger(structural, "escalate", actor=a.coordinator)
    fire_barrier_trigger(structural, "make_structural", actor=manager, reason="Landelijke regel")
    link_operational_goals(
        structural,
        [db.session.get(OperationalGoal, world.ids["operational_goal_id"])],
        actor=programme,
    )
    decided = report_barrier(
        other.plan,
        category=BarrierCategory.BUDGET,
        description="Geen budget voor de huur",
        actor=a.coordinator,
        escalate_to=[a.ggz],
        escalate_now=True,
    )
    decide_barrier(decided, actor=manager, decision="Akkoord", amount=decimal.Decimal("10.00"))
    # A professional's survey on A's plan (the team's list of surveys shows the
    # professionals' only, so it would be empty).
    professional_survey = ExperienceSurvey(
        plan_id=a.plan.id,
        cycle=a.plan.cycle,
        respondent=ScoredBy.PROFESSIONAL,
        respondent_user_id=a.member.id,
        moment=Moment.INTAKE,
    )
    professional_survey.answers.append(SurveyAnswer(statement_key="pro_learning", score=4))
    db.session.add(professional_survey)
    # A decision on an operational goal in the reflection (its list and the annual report).
    record_decision(
        _reflection(world),
        db.session.get(OperationalGoal, world.ids["operational_goal_id"]),
        decision="keep",
        actor=programme,
    )
    db.session.commit()
    db.session.expire_all()
    return world


def grow_deep(world: World, n: int = 12) -> None:
    """The same plan, household, sessions and budget, much bigger (committed)."""
    a = world.a
    plan = a.plan
    programme, manager = world.users["programme"], world.users["manager"]
    intervention = db.session.get(Intervention, world.ids["intervention_id"])
    parent = a.household.members[0]
    professionals = [a.coordinator, a.member]

    # Partner organisations with consent, a professional of each on the team (every item
    # below names different organisations, people and interventions: a per-item lookup
    # shows as a growing count).
    partners = []
    for _ in range(4):
        organisation = create_organisation(f"Partner {next(_n)}", Sector.WELFARE)
        for purpose in ConsentPurpose:
            give_consent(
                a.household,
                organisation=organisation,
                purpose=purpose,
                given_by=parent,
                actor=a.coordinator,
            )
        colleague = _user(Role.PROFESSIONAL, organisation)
        add_team_member(plan, colleague, actor=a.coordinator)
        partners.append(organisation)
        professionals.append(colleague)
    interventions = [intervention]
    for organisation in partners:
        interventions.append(
            Intervention(
                name=f"Interventie {next(_n)}",
                organisations=[organisation],
                domain_links=[InterventionDomain(domain=Domain.SOCIAL)],
            )
        )
    db.session.add_all(interventions[1:])
    # Household: more members.
    for i in range(4):
        add_member(
            a.household,
            given_name=f"Kind{i}",
            family_name="Test",
            position=MemberPosition.CHILD,
            actor=a.coordinator,
        )
    # Goals, actions, comments, barriers.
    goals = [
        add_goal(
            plan,
            domain=list(Domain)[i % len(Domain)],
            title=f"Doel extra {i}",
            actor=a.family if i % 2 else professionals[i % len(professionals)],
        )
        for i in range(n)
    ]
    actions = [
        add_action(
            plan,
            description=f"Actie extra {i}",
            carrier=Carrier.PROFESSIONAL,
            goals=[goal, goals[i - 1]],
            lead_organisation=partners[i % len(partners)],
            participating=[a.ggz, partners[(i + 1) % len(partners)]],
            assigned_user=professionals[i % len(professionals)],
            intervention=interventions[i % len(interventions)],
            due_date=dt.date.today() - dt.timedelta(days=i),
            actor=a.coordinator,
        )
        for i, goal in enumerate(goals)
    ]
    for i in range(n):
        author = (a.family, *professionals)[i % (len(professionals) + 1)]
        add_comment(plan, f"Bericht extra {i}", actor=author)
    extra_goals = [
        OperationalGoal(
            code=f"PD{next(_n)}",
            text=f"Doel van het programma {i}",
            programme_line=ProgrammeLine.FIELD,
            phase_plan=2,
        )
        for i in range(4)
    ]
    db.session.add_all(extra_goals)
    for i in range(n // 2):
        barrier = report_barrier(
            plan,
            category=list(BarrierCategory)[i % len(BarrierCategory)],
            description=f"Knelpunt extra {i}",
            actor=professionals[i % len(professionals)],
            action=actions[i],
            escalate_to=[a.ggz, partners[i % len(partners)]],
            escalate_now=True,
        )
        if i % 3 == 0:
            fire_barrier_trigger(barrier, "make_structural", actor=manager, reason="Regel")
            link_operational_goals(barrier, extra_goals, actor=programme)
        elif i % 3 == 1:
            decide_barrier(barrier, actor=manager, decision="Akkoord", amount=decimal.Decimal("5"))
    # Scores (both sides, every domain, both moments), surveys, revisions.
    for domain in Domain:
        for moment in Moment:
            for scored_by, actor in (
                (ScoredBy.FAMILY, a.family),
                (ScoredBy.PROFESSIONAL, a.member),
            ):
                if (domain, moment, scored_by) == (Domain.ECONOMIC, Moment.INTAKE, ScoredBy.FAMILY):
                    continue  # the world's score
                if moment is Moment.INTAKE:
                    record_score(
                        plan,
                        domain=domain,
                        score=3,
                        scored_by=scored_by,
                        moment=moment,
                        actor=actor,
                    )
                else:  # as if from an evaluation (record_score takes those only while evaluating)
                    db.session.add(
                        OutcomeScore(
                            plan=plan,
                            cycle=plan.cycle,
                            domain=domain,
                            score=3,
                            scored_by=scored_by,
                            scored_by_user_id=actor.id,
                            moment=moment,
                        )
                    )
    for i in range(n // 2):
        # The family answers once per moment and cycle (the database guards it since
        # migration 0010); the professionals' surveys grow with the plan.
        survey = ExperienceSurvey(
            plan_id=plan.id,
            cycle=plan.cycle + i,  # once per moment and cycle (a database rule since 0010)
            respondent=ScoredBy.PROFESSIONAL if i % 2 else ScoredBy.FAMILY,
            moment=Moment.EVALUATION,
        )
        survey.answers.append(SurveyAnswer(statement_key="own_priorities", score=3))
        db.session.add(survey)
    for i, goal in enumerate(goals[1::2]):
        update_goal(goal, {"title": f"Doel herzien {i}"}, actor=a.family)
    # The case review session: more cases (set back to prepared for it), participants,
    # lessons.
    session = _held(world)
    session.status = "prepared"
    for _ in range(4):
        other = _family_setting(a, own=True)
        fill_plan(other.plan, other, goals=4)
        approve_pack(add_case(session, other.plan.id, actor=programme), actor=programme)
    for _ in range(4):
        user = _user(Role.EXPERIENCE_EXPERT, world.users["expert"].organisation)
        session.participants.append(
            SessionParticipant(user_id=user.id, user=user, invited_by_user_id=programme.id)
        )
    session.status = "held"
    for i in range(n // 2):
        record_lesson(
            session,
            actor=programme,
            title=f"Les extra {i}",
            description="Eén gesprek met iedereen samen.",
            effect="worked",
            domains=list(Domain)[: 1 + i % 3],
            intervention_ids=[intervention.id],
            operational_goal_ids=[g.id for g in extra_goals],
            organisation_ids=[a.municipality.id, a.ggz.id],
        )
    # The reflection session: more findings and decisions.
    reflection = _reflection(world)
    for i in range(n):
        add_finding(
            reflection,
            side=["zij", "het", "ik", "wij"][i % 4],
            text=f"Bevinding {i}",
            actor=programme,
        )
    for goal in extra_goals:
        record_decision(reflection, goal, decision="keep", actor=programme)
    db.session.commit()
    db.session.expire_all()


def grow_wide(world: World, n: int = MANY) -> None:
    """Many more households, plans and programme objects (committed)."""
    a = world.a
    programme, manager = world.users["programme"], world.users["manager"]
    # Households with a plan on the coordinator's team (the coordinator's and the team
    # member's lists; each barrier is escalated to the manager's organisation).
    visible = []
    for _ in range(n):
        s = _family_setting(a, own=True)
        fill_plan(s.plan, s, goals=3)
        # escalated by the household's own professional: the coordinator is notified
        fire_barrier_trigger(s.plan.barriers[0], "escalate", actor=s.member)
        # and one that stays escalated (the manager's queue)
        report_barrier(
            s.plan,
            category=BarrierCategory.CAPACITY,
            description="Te weinig plekken",
            actor=s.member,
            escalate_to=[a.ggz],
            escalate_now=True,
        )
        visible.append(s)
    # Earlier plans of household A (the family's portal), and households nobody here sees.
    for _ in range(3):
        earlier_plan(a.household, a.coordinator, lambda plan: fill_plan(plan, a, goals=2))
    for _ in range(n):
        s = make_setting()
        fill_plan(s.plan, s, goals=2)
    # Catalogue: areas, organisations, interventions, operational goals.
    for i in range(n):
        municipality = Area(name=f"Gemeente Perf {next(_n)}", kind=AreaKind.MUNICIPALITY)
        db.session.add(Area(name=f"Dorp Perf {i}", kind=AreaKind.VILLAGE, parent=municipality))
        organisation = create_organisation(f"Organisatie Perf {next(_n)}", Sector.CARE)
        db.session.add(
            Intervention(
                name=f"Interventie Perf {next(_n)}",
                organisations=[organisation, a.municipality],
                areas=[municipality],
                domain_links=[InterventionDomain(domain=d) for d in list(Domain)[: 1 + i % 5]],
            )
        )
        db.session.add(
            OperationalGoal(
                code=f"PW{next(_n)}",
                text=f"Programmadoel {i}",
                programme_line=list(ProgrammeLine)[i % len(ProgrammeLine)],
                phase_plan=1 + i % 3,
            )
        )
        set_budget(organisation, dt.date.today().year, decimal.Decimal("100"), actor=programme)
    # Case review sessions (the expert invited to each), published lessons, reflections.
    for i in range(n):
        session = create_session(title=f"Bespreking breed {i}", actor=programme)
        expert = world.users["expert"]
        session.participants.append(
            SessionParticipant(user_id=expert.id, user=expert, invited_by_user_id=programme.id)
        )
    for chunk in range(3):  # more than the knowledge base's page of 50
        _published_session(programme, [s.plan for s in visible[chunk::3][:3]], lessons=18)
    for i in range(n):
        create_reflection(year=2000 + i, group=list(ReflectionGroup)[i % 3], actor=programme)
    # A decision on half of the new barriers (more notifications, mixed statuses).
    for s in visible[::2]:
        decide_barrier(s.plan.barriers[0], actor=manager, decision="Akkoord")
    db.session.commit()
    db.session.expire_all()


# Lists whose size the growth must change: (role, URL pattern), filled from the world.
PAGED = (
    ("pro_team", "/api/v1/plans"),
    ("pro_team", "/api/v1/households"),
    ("pro_team", "/api/v1/barriers"),
    ("pro_team", "/api/v1/notifications"),
    ("manager", "/api/v1/barriers"),
    ("manager", "/api/v1/barriers?status=escalated"),
    ("manager", "/api/v1/notifications"),
    ("programme", "/api/v1/lessons"),
    ("programme", "/api/v1/reflections"),
    ("programme", "/api/v1/flexible-budgets"),
    ("programme", "/api/v1/interventions"),
    ("programme", "/api/v1/organisations"),
    ("programme", "/api/v1/areas"),
    ("programme", "/api/v1/operational-goals"),
)
UNPAGED = (
    ("programme", "/api/v1/case-reviews"),
    ("expert", "/api/v1/case-reviews"),
    ("pro_team", "/api/v1/plans/{plan_id}/goals"),
    ("pro_team", "/api/v1/plans/{plan_id}/actions"),
    ("pro_team", "/api/v1/plans/{plan_id}/comments"),
    ("pro_team", "/api/v1/plans/{plan_id}/team-members"),
    ("pro_team", "/api/v1/plans/{plan_id}/history"),
    ("pro_team", "/api/v1/households/{household_id}/members"),
    ("pro_team", "/api/v1/households/{household_id}/consents"),
    ("programme", "/api/v1/case-reviews/{case_review_id}/cases"),
    ("programme", "/api/v1/case-reviews/{case_review_id}/lessons"),
    ("manager", "/api/v1/flexible-budgets/{budget_id}/grants"),
)


def list_sizes(app, world: World) -> dict[str, int]:
    """How many items each list of PAGED (totalCount) and UNPAGED (length) holds now."""
    from tests.security.matrix import client_for

    clients = {}
    sizes = {}
    for paged, entries in ((True, PAGED), (False, UNPAGED)):
        for role, pattern in entries:
            if role not in clients:
                clients[role] = client_for(app, world, role, PASSWORD)
            url = pattern.format(**world.ids)
            response = clients[role].get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            body = response.get_json()
            if paged:
                sizes[f"{role} {pattern}"] = body["totalCount"]
            else:
                items = body if isinstance(body, list) else body.get("items", body.get("versions"))
                sizes[f"{role} {pattern}"] = len(items)
    return sizes
