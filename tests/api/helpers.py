"""Builders shared by the household, catalogue, workflow and /me API tests."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.operations import create_organisation, create_user
from maatwerk.audit.models import AuditEvent
from maatwerk.barriers.operations import report_barrier
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    AreaKind,
    Carrier,
    Domain,
    Moment,
    ProgrammeLine,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.outcomes.models import ExperienceSurvey, SurveyAnswer
from maatwerk.outcomes.operations import record_score
from maatwerk.plans.models import Plan
from maatwerk.plans.operations import add_comment
from maatwerk.workflow import fire_transition
from tests.plans.flow import Setting, earlier_plan

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def unique(prefix: str) -> str:
    """A name no other test uses."""
    return f"{prefix} {next(_counter)}"


def staff(role: Role, organisation: Organisation | None = None) -> User:
    """An account with a role that never sees household data (programme, admin ...)."""
    n = next(_counter)
    return create_user(
        login=f"{role.value}-{n}",
        display_name=f"{role.value} {n}",
        role=role,
        password=PASSWORD,
        organisation=organisation,
    )


def fill_plan(plan: Plan, s: Setting, *, goals: int) -> None:
    """Give a plan some of everything: goals, an action, a barrier, scores, a comment,
    a survey, transitions and revisions."""
    made = [
        add_goal(plan, domain=Domain.ECONOMIC, title=f"Doel {i}", actor=s.family)
        for i in range(goals)
    ]
    action = add_action(
        plan,
        description="Samen naar de schuldhulp",
        carrier=Carrier.PROFESSIONAL,
        actor=s.coordinator,
        goals=made[:2],
        lead_organisation=s.municipality,
        participating=[s.ggz],
        assigned_user=s.coordinator,
    )
    report_barrier(
        plan,
        category="waiting_list",
        description="Wachtlijst",
        actor=s.coordinator,
        action=action,
        escalate_to=[s.ggz],
    )
    record_score(
        plan,
        domain=Domain.ECONOMIC,
        score=2,
        scored_by=ScoredBy.FAMILY,
        moment=Moment.INTAKE,
        actor=s.family,
    )
    add_comment(plan, "Fijn gesprek gehad.", actor=s.family)
    survey = ExperienceSurvey(
        plan_id=plan.id, cycle=plan.cycle, respondent=ScoredBy.FAMILY, moment=Moment.INTAKE
    )
    survey.answers.append(SurveyAnswer(statement_key="own_priorities", score=4))
    db.session.add(survey)
    if plan.workflow_name == "plan_standard":
        fire_transition(plan, "start_exploration", actor=s.coordinator)
    db.session.flush()


def add_plans(s: Setting, count: int, *, goals: int) -> list[Plan]:
    """More plans of the setting's household (earlier, closed ones: one is open at a time),
    each filled, coordinated by its coordinator."""
    plans = []
    for _ in range(count):
        plan = earlier_plan(
            s.household, s.coordinator, lambda plan: fill_plan(plan, s, goals=goals)
        )
        plans.append(plan)
    return plans


def denied_events(session, user: User) -> list[tuple[str, str]]:
    """(action, objectType) of the denied audit events of a user."""
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.user_id == user.id, AuditEvent.outcome == "denied")
        .order_by(AuditEvent.id)
    )
    return [(e.action.value, e.object_type) for e in events]


def events_of(session, user: User, **where: str) -> list[AuditEvent]:
    """Successful audit events of a user, filtered on action, object_type ..."""
    query = select(AuditEvent).where(AuditEvent.user_id == user.id, AuditEvent.outcome == "success")
    for key, value in where.items():
        query = query.where(getattr(AuditEvent, key) == value)
    return list(session.scalars(query.order_by(AuditEvent.id)))


def make_catalogue() -> dict[str, object]:
    """Two municipalities with villages, interventions and operational goals."""
    tag = unique("Cat")
    west = Area(name=f"Westerwolde {tag}", kind=AreaKind.MUNICIPALITY, region="Oost-Groningen")
    vlagtwedde = Area(name="Vlagtwedde", kind=AreaKind.VILLAGE, parent=west)
    ter_apel = Area(name="Ter Apel", kind=AreaKind.VILLAGE, parent=west)
    veendam = Area(name=f"Veendam {tag}", kind=AreaKind.MUNICIPALITY)
    wildervank = Area(name="Wildervank", kind=AreaKind.VILLAGE, parent=veendam)
    db.session.add_all([west, vlagtwedde, ter_apel, veendam, wildervank])
    welfare = create_organisation(unique("Welzijn"), Sector.WELFARE)
    school = create_organisation(unique("Basisschool"), Sector.EDUCATION)
    kansen = Intervention(
        name=unique("Kansen voor Kinderen"),
        description="Meedoen met sport en cultuur voor kinderen",
        organisations=[welfare],
        areas=[west],
        domain_links=[InterventionDomain(domain=Domain.CULTURAL)],
    )
    schulden = Intervention(
        name=unique("Schuldhulp 100%"),
        description="Snelle hulp bij schulden_en_betalingsachterstand",
        organisations=[welfare, school],
        areas=[wildervank],
        domain_links=[
            InterventionDomain(domain=Domain.ECONOMIC),
            InterventionDomain(domain=Domain.MENTAL),
        ],
    )
    goals = [
        OperationalGoal(
            code=f"T{next(_counter)}",
            text="Gezinnen bepalen zelf hun prioriteiten",
            programme_line=ProgrammeLine.TARGET_GROUP,
            phase_plan=2,
            measurement="Aandeel plannen bevestigd door het gezin",
        ),
        OperationalGoal(
            code=f"E{next(_counter)}",
            text="We weten wat werkt",
            programme_line=ProgrammeLine.EFFECTIVENESS_LEARNING,
            phase_plan=3,
        ),
    ]
    db.session.add_all([kansen, schulden, *goals])
    db.session.flush()
    return {
        "west": west,
        "vlagtwedde": vlagtwedde,
        "ter_apel": ter_apel,
        "veendam": veendam,
        "wildervank": wildervank,
        "welfare": welfare,
        "school": school,
        "kansen": kansen,
        "schulden": schulden,
        "goals": goals,
        "tag": tag,
    }
