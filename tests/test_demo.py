"""The demo data: loads, is idempotent, and holds what the README and the issue promise."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from maatwerk.accounts.models import Organisation, User
from maatwerk.accounts.passwords import verify_password
from maatwerk.barriers.models import Barrier, BudgetGrant
from maatwerk.catalogue.models import Area, OperationalGoal
from maatwerk.core.db import db
from maatwerk.core.enums import (
    AreaKind,
    ConsentPurpose,
    Domain,
    Moment,
    PlanRole,
    Role,
    ScoredBy,
    Sector,
)
from maatwerk.demo.loader import load_demo
from maatwerk.goals.models import Action, Goal
from maatwerk.households.models import Household
from maatwerk.outcomes.models import OutcomeScore
from maatwerk.plans.access import can_view_plan
from maatwerk.plans.models import Plan, TeamMembership, TransitionEvent
from maatwerk.workflow import initial_state

# login -> (role, sector of the organisation or None, organisation name or None)
ACCOUNTS = {
    "regisseur.stadskanaal": (Role.PROFESSIONAL, Sector.MUNICIPALITY, "Gemeente Stadskanaal"),
    "professional.ggz": (Role.PROFESSIONAL, Sector.MENTAL_HEALTH, None),
    "professional.wonen": (Role.PROFESSIONAL, Sector.HOUSING, None),
    "gezin.jansen": (Role.FAMILY, None, None),
    "manager.ggz": (Role.MANAGER, Sector.MENTAL_HEALTH, None),
    "programma": (Role.PROGRAMME, None, None),
    "ervaringsdeskundige": (Role.EXPERIENCE_EXPERT, Sector.EXPERIENCE_EXPERTS, None),
    "beheer": (Role.ADMIN, None, None),
}

# A telling fragment of each operational goal of seed 000 ("Een evaluatie op de HET-kant").
SEED_GOALS = [
    "opleiding",
    "prettig in hun wijk",
    "arbeidsmarktpositie",
    "informele hulp",
    "pedagogische omgeving",
    "vertrouwen in zichzelf",
    "vroeg",
    "beter bereikt",
    "samenhang tussen",
    "prioriteit hebben",
    "samenwerking rond maatwerk",
    "tijd en ruimte",
    "duurzame relaties",
    "langdurige inzet",
    "continuïteit in beleid",
    "wat effectief is",
    "leren van elkaar",
]


def _table_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def _user(login: str) -> User:
    return db.session.scalars(select(User).where(User.login == login)).one()


def test_demo_loads_once_and_a_second_load_changes_nothing(db_session):
    summary = load_demo()
    assert summary["households"] == 40
    assert summary["plans"] >= 40
    assert 10 <= summary["organisations"] <= 15
    counts = _table_counts()
    plans = {p.id: (p.status, p.version) for p in db.session.scalars(select(Plan))}
    db.session.expire_all()

    again = load_demo()

    assert again == summary
    assert _table_counts() == counts
    assert {p.id: (p.status, p.version) for p in db.session.scalars(select(Plan))} == plans


def test_demo_content(db_session):
    load_demo()

    # Accounts: role, organisation, and the shared demo password.
    for login, (role, sector, org_name) in ACCOUNTS.items():
        user = _user(login)
        assert user.role is role, login
        if sector is not None:
            assert user.organisation.sector is sector, login
        if org_name is not None:
            assert user.organisation.name == org_name
        assert verify_password(user, "maatwerk-demo"), login
        assert not verify_password(user, "wrong-password"), login
        if role is not Role.FAMILY:
            assert user.email and user.email.endswith("@example.org")

    # Every sector has an organisation; municipalities carry their region.
    sectors = set(db.session.scalars(select(Organisation.sector)))
    assert sectors == set(Sector)
    municipalities = db.session.scalars(
        select(Area).where(Area.kind == AreaKind.MUNICIPALITY)
    ).all()
    assert {"Stadskanaal", "Veendam", "Emmen", "Hoogeveen"} <= {m.name for m in municipalities}
    assert all(m.region and m.children for m in municipalities)

    # The Jansen household: family account, plan coordinated by regisseur.stadskanaal,
    # waiting for the family in "prioritising".
    family, regisseur = _user("gezin.jansen"), _user("regisseur.stadskanaal")
    jansen = family.member.household
    assert family.member.family_name == "Jansen"
    (plan,) = jansen.plans
    assert plan.coordinator is regisseur
    assert plan.status == "prioritising"
    assert any(g.status == "proposed" for g in plan.goals)
    assert any(a.status == "proposed" for a in plan.actions)
    assert can_view_plan(family, plan) and can_view_plan(regisseur, plan)
    coordinated = db.session.scalar(
        select(func.count())
        .select_from(TeamMembership)
        .where(
            TeamMembership.user_id == regisseur.id,
            TeamMembership.plan_role == PlanRole.COORDINATOR,
        )
    )
    assert coordinated >= 3
    ggz = _user("professional.ggz")
    ggz_plans = db.session.scalars(
        select(TeamMembership.plan_id).where(TeamMembership.user_id == ggz.id)
    ).all()
    assert any(db.session.get(Plan, p).coordinator is regisseur for p in ggz_plans)

    # professional.wonen: on no team, and his organisation holds no consent of the Jansens.
    wonen = _user("professional.wonen")
    assert not db.session.scalars(
        select(TeamMembership).where(TeamMembership.user_id == wonen.id)
    ).all()
    assert all(c.organisation_id != wonen.organisation_id for c in jansen.consents)
    assert not can_view_plan(wonen, plan)

    # Plans in every state of plan_standard, and some plan_light plans.
    standard = set(
        db.session.scalars(select(Plan.status).where(Plan.workflow_name == "plan_standard"))
    )
    assert standard == {
        "intake",
        "exploring",
        "prioritising",
        "active",
        "paused",
        "evaluating",
        "closed",
    }
    assert db.session.scalars(select(Plan).where(Plan.workflow_name == "plan_light")).first()

    # Goals in every life domain; an action shared by two or more organisations.
    assert set(db.session.scalars(select(Goal.domain))) == set(Domain)
    actions = db.session.scalars(select(Action)).all()
    assert any(len(a.organisations) >= 2 for a in actions)

    today = dt.date.today()
    assert any(
        a.due_date and a.due_date < today and a.status in ("agreed", "in_progress", "blocked")
        for a in actions
    )

    # Barriers in every state: escalated to the GGZ, resolved with a granted amount.
    barriers = db.session.scalars(select(Barrier)).all()
    assert {b.status for b in barriers} == {"reported", "escalated", "structural", "resolved"}
    assert any(
        b.status == "escalated" and any(o.sector is Sector.MENTAL_HEALTH for o in b.escalated_to)
        for b in barriers
    )
    assert any(b.status == "resolved" and b.amount_granted for b in barriers)
    # A decision says money was granted exactly when it was: on the budget's ledger.
    granted = {g.barrier_id: g.amount for g in db.session.scalars(select(BudgetGrant))}
    for barrier in barriers:
        says_money = "Bedrag toegekend" in (barrier.decision or "")
        assert says_money == bool(barrier.amount_granted), barrier.id
        assert granted.get(barrier.id) == barrier.amount_granted, barrier.id

    # Outcome scores at intake and evaluation; family and professional sometimes far apart.
    scores = db.session.scalars(select(OutcomeScore)).all()
    assert {s.moment for s in scores} == set(Moment)
    by_key = {(s.plan_id, s.cycle, s.domain, s.moment, s.scored_by): s.score for s in scores}
    assert any(
        abs(score - by_key.get((*key[:4], ScoredBy.PROFESSIONAL), score)) >= 2
        for key, score in by_key.items()
        if key[4] is ScoredBy.FAMILY
    )

    # Consents: plan sharing for the teams, learning for most, some withdrawn.
    households = db.session.scalars(select(Household)).all()
    learning = [
        h
        for h in households
        if any(c.purpose is ConsentPurpose.LEARNING and c.withdrawn_at is None for c in h.consents)
    ]
    assert len(learning) > len(households) / 2
    assert any(c.withdrawn_at is not None for h in households for c in h.consents)

    # Every operational goal of the seed, with a phase plan and a measurement.
    goals = db.session.scalars(select(OperationalGoal)).all()
    assert len(goals) == len(SEED_GOALS)
    for fragment in SEED_GOALS:
        assert any(fragment in g.text.lower() for g in goals), fragment
    assert all(g.phase_plan in (2, 3) and g.measurement for g in goals)

    # A plan's status is where its latest transition took it (or its initial state).
    for plan in db.session.scalars(select(Plan)):
        latest = db.session.scalars(
            select(TransitionEvent)
            .where(TransitionEvent.subject_type == "plan", TransitionEvent.subject_id == plan.id)
            .order_by(TransitionEvent.occurred_at.desc(), TransitionEvent.id.desc())
            .limit(1)
        ).first()
        expected = latest.to_state if latest else initial_state(plan.workflow_name)
        assert plan.status == expected, plan.id
