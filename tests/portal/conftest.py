"""Fixtures of the portal tests: a plan in prioritising with proposals, and clients that
are logged in as one of its people (in English, so the tests do not depend on the
Dutch catalogue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from maatwerk.core.db import db
from maatwerk.goals.models import Action, Goal
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.workflow import fire_transition
from tests.plans.flow import Setting, make_setting

PASSWORD = "correct horse battery"


@dataclass
class Story:
    """A plan in prioritising: two goals of the family, one proposed goal, one proposed step."""

    s: Setting
    own: Goal
    second: Goal
    proposed: Goal
    step: Action


def make_story() -> Story:
    s = make_setting()
    fire_transition(s.plan, "start_exploration", actor=s.coordinator)
    own = add_goal(
        s.plan,
        domain="economic",
        title="We willen zonder schulden leven",
        why_it_matters="De brieven maken ons bang.",
        strengths="We houden een schriftje bij.",
        actor=s.family,
    )
    second = add_goal(s.plan, domain="mental", title="Rust in mijn hoofd", actor=s.family)
    proposed = add_goal(
        s.plan, domain="pedagogical", title="Vaste tijden voor de kinderen", actor=s.coordinator
    )
    fire_transition(s.plan, "start_prioritising", actor=s.coordinator)
    step = add_action(
        s.plan,
        description="Samen alle schulden op een rij zetten",
        carrier="professional",
        lead_organisation=s.municipality,
        participating=[s.ggz],
        assigned_user=s.coordinator,
        goals=[own],
        due_date=dt.date(2030, 11, 15),
        actor=s.coordinator,
    )
    return Story(s, own, second, proposed, step)


@pytest.fixture
def story(db_session) -> Story:
    """The plan of the portal tests, committed."""
    story = make_story()
    db_session.commit()
    return story


def log_in(app, user, *, lang: str = "en"):
    """A new test client logged in as the user (password login, English pages)."""
    client = app.test_client()
    response = client.post("/login", data={"login": user.login, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


def guest_client(app, *, lang: str = "en"):
    """A test client that is not logged in (English pages)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = lang
    return client


@pytest.fixture
def guest(app, db_session):
    """A visitor who is not logged in, reading English."""
    return guest_client(app)


@pytest.fixture
def as_user(app, db_session):
    """as_user(user) -> a test client logged in as that user."""
    return lambda user, **kwargs: log_in(app, user, **kwargs)


def refresh(*objects) -> None:
    """Re-read objects after requests changed them."""
    for obj in objects:
        db.session.refresh(obj)
