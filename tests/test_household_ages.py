"""Ages: a date of birth must be possible (not ahead, not over 120 years back)."""

from __future__ import annotations

import datetime as dt

import pytest

from maatwerk.core.errors import ValidationFailed
from maatwerk.households.ages import OLDEST_AGE, birth_date_problem
from maatwerk.households.operations import add_member
from tests.plans.flow import make_setting

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("born", "problem"),
    [
        (None, None),
        (TODAY, None),
        (dt.date(1906, 12, 7), None),  # exactly 120 today
        (dt.date(1905, 12, 8), None),  # 120 until tomorrow
        (dt.date(1905, 12, 7), "too_long_ago"),  # 121 today
        (dt.date(1800, 1, 1), "too_long_ago"),
        (TODAY + dt.timedelta(days=1), "future"),
    ],
)
def test_birth_date_problem(born, problem):
    found = birth_date_problem(born, TODAY)
    assert found == problem


def test_oldest_age_is_the_documented_120():
    assert OLDEST_AGE == 120


def test_add_member_refuses_a_birth_year_typed_wrong(db_session):
    s = make_setting()
    with pytest.raises(ValidationFailed) as refused:
        add_member(
            s.household,
            given_name="Opa",
            family_name="Test",
            position="other_adult",
            actor=s.coordinator,
            date_of_birth=dt.date(1800, 3, 1),
        )
    assert refused.value.fields == {"dateOfBirth": ["More than 120 years back."]}
