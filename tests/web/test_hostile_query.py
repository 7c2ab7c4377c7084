"""A page's integer query parameters (page numbers, ids to preselect or filter on) beyond any
stored number show the page as without them, never a server error (maatwerk/core/inputs.py
query_int and page_number); a percent-encoded surrogate in a form body stays text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from maatwerk.core.enums import Role
from maatwerk.plans.models import Comment
from tests.admin.conftest import account
from tests.conftest import browser_login
from tests.plans.flow import make_setting

HUGE = "99999999999999999999"


@pytest.fixture
def people(db_session):
    setting = make_setting()
    people = {
        "coordinator": setting.coordinator,
        "admin": account(Role.ADMIN),
        "manager": account(Role.MANAGER, setting.ggz),
        "family": setting.family,
    }
    db_session.commit()
    return setting, people


@pytest.mark.parametrize(
    ("who", "path", "name"),
    [
        ("coordinator", "/knelpunten", "page"),
        ("coordinator", "/meldingen", "page"),
        ("admin", "/beheerder/accounts", "page"),
        ("admin", "/beheerder/accounts", "organisation"),
        ("admin", "/beheerder/organisaties", "page"),
        ("manager", "/maatwerkbudget", "budget"),
        ("family", "/ons-plan/wie-keek-er", "voor"),
    ],
)
def test_a_huge_integer_in_the_query_shows_the_page_without_it(app, people, who, path, name):
    _setting, users = people
    client = browser_login(app, users[who])
    plain = client.get(path)
    answer = client.get(path, query_string={name: HUGE})
    assert plain.status_code == 200, path
    assert answer.status_code == 200, (path, name)


def test_a_huge_action_to_preselect_shows_the_report_form(app, people):
    setting, users = people
    client = browser_login(app, users["coordinator"])
    url = f"/knelpunten/melden/{setting.plan.id}"
    assert client.get(url, query_string={"action": HUGE}).status_code == 200


def test_a_percent_encoded_surrogate_in_a_form_stays_text(app, people, db_session):
    setting, users = people
    client = browser_login(app, users["coordinator"])
    answer = client.post(
        f"/werk/plannen/{setting.plan.id}/reacties",
        data="comment-body=a%ED%A0%80b",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code < 500
    for body in db_session.scalars(select(Comment.body)):
        assert not any("\ud800" <= c <= "\udfff" for c in body)
