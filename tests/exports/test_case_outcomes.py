"""GET /exports/case-outcomes: every export is checked for k and l here, by grouping the rows
independently of the code under test; consent gating, pseudonyms, roles, audit and refusals."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pytest
from sqlalchemy import delete, select

from maatwerk.audit.models import AuditEvent
from maatwerk.core.enums import Domain, Role
from maatwerk.outcomes.models import OutcomeScore
from tests.exports.conftest import build_population, staff

URL = "/api/v1/exports/case-outcomes"
QUASI = ("area", "householdType", "childCountBand", "oldestParentAgeBand")
SENSITIVE = (
    "closureStatus",
    "outcomeChangeEconomic",
    "outcomeChangeSocial",
    "outcomeChangeCultural",
    "outcomeChangePedagogical",
    "outcomeChangeMental",
)
COLUMNS = {"pseudonym", *QUASI, *SENSITIVE}


def assert_k_anonymous_and_l_diverse(rows: list[dict], k: int, l: int = 2) -> None:  # noqa: E741
    """Group the released rows on their quasi-identifiers, as an attacker would."""
    assert rows, "an export without rows proves nothing"
    classes: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        classes[tuple(row[q] for q in QUASI)].append(row)
    for key, members in classes.items():
        assert len(members) >= k, (key, len(members))
        for attribute in SENSITIVE:
            # A missing value (null; an empty CSV cell) is no value: a lone score among
            # missing ones would tell anyone who knows that household was scored.
            values = {str(m[attribute]) for m in members if m[attribute] not in (None, "")}
            assert not values or len(values) >= l, (key, attribute, values)


@pytest.fixture
def programme(db_session):
    user = staff(Role.PROGRAMME)
    db_session.commit()
    return user


def test_the_json_export_is_k_anonymous_and_l_diverse(population, programme, as_user):
    response = as_user(programme).get(URL)
    assert response.status_code == 200
    body = response.get_json()
    assert body["k"] == 5 and body["l"] == 2
    rows = body["records"]
    assert_k_anonymous_and_l_diverse(rows, k=5)
    assert all(set(row) == COLUMNS for row in rows)
    # Households without (or with withdrawn) learning consent are not in it at all.
    assert body["recordCount"] + body["suppressedCount"] == len(population.consenting)
    assert response.headers["X-Suppressed-Count"] == str(body["suppressedCount"])
    assert all(population.hidden_area not in str(row["area"]) for row in rows)
    assert set(body["generalisation"]) == set(QUASI)


@pytest.mark.parametrize("k", [5, 7, 10])
def test_every_k_is_met(population, programme, as_user, k):
    body = as_user(programme).get(URL, query_string={"k": k}).get_json()
    assert body["k"] == k
    assert_k_anonymous_and_l_diverse(body["records"], k=k)


def test_external_exports_use_at_least_ten(population, programme, as_user):
    body = as_user(programme).get(URL, query_string={"external": "true"}).get_json()
    assert body["k"] == 10
    assert_k_anonymous_and_l_diverse(body["records"], k=10)


def _refused_k(response, at_least: int) -> None:
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["invalidParams"] == [{"name": "k", "reason": f"At least {at_least}."}]
    assert "records" not in problem


@pytest.mark.parametrize("k", [2, 3, 4])
def test_the_caller_cannot_lower_k_below_the_configuration(population, programme, as_user, k):
    """DESIGN §6: k is a setting (5 by default); a lower k is refused, not applied or
    silently raised, and nothing is exported or audited as an export."""
    response = as_user(programme).get(URL, query_string={"k": k})
    _refused_k(response, 5)


def test_an_external_export_cannot_lower_k_below_the_external_setting(
    population, programme, as_user
):
    response = as_user(programme).get(URL, query_string={"k": 5, "external": "true"})
    _refused_k(response, 10)
    assert (
        as_user(programme).get(URL, query_string={"k": 12, "external": "true"}).get_json()["k"]
        == 12
    )


def test_the_configured_k_is_the_default_and_the_floor(
    population, programme, as_user, app, monkeypatch
):
    monkeypatch.setitem(app.config, "EXPORT_K", 7)
    body = as_user(programme).get(URL).get_json()
    assert body["k"] == 7
    assert_k_anonymous_and_l_diverse(body["records"], k=7)
    _refused_k(as_user(programme).get(URL, query_string={"k": 6}), 7)


def test_k_below_two_is_refused(population, programme, as_user):
    response = as_user(programme).get(URL, query_string={"k": 1})
    assert response.status_code == 400
    assert response.get_json()["invalidParams"][0]["name"] == "k"


def test_the_csv_export_is_k_anonymous_and_l_diverse(population, programme, as_user):
    response = as_user(programme).get(URL, query_string={"format": "csv", "k": 6})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert set(rows[0]) == COLUMNS
    assert_k_anonymous_and_l_diverse(rows, k=6)
    suppressed = int(response.headers["X-Suppressed-Count"])
    assert len(rows) + suppressed == len(population.consenting)


def test_pseudonyms_are_fresh_per_export_and_never_identifiers(population, programme, as_user):
    api = as_user(programme)
    first = [r["pseudonym"] for r in api.get(URL).get_json()["records"]]
    second = [r["pseudonym"] for r in api.get(URL).get_json()["records"]]
    assert len(set(first)) == len(first)
    assert not set(first) & set(second)
    identifiers = {str(h.id) for h in population.consenting} | {
        h.reference for h in population.consenting
    }
    assert not any(p in identifiers or p.removeprefix("R-") in identifiers for p in first)


def test_no_free_text_or_names_leave(population, programme, as_user):
    text = as_user(programme).get(URL, query_string={"format": "csv"}).get_data(as_text=True)
    assert "Ouder" not in text and "Kind" not in text and "Familie" not in text
    assert "EXP-" not in text


def test_only_the_programme_exports(population, programme, as_user, db_session):
    org = population.organisation
    others = [
        staff(Role.PROFESSIONAL, org),
        staff(Role.MANAGER, org),
        staff(Role.EXPERIENCE_EXPERT),
    ]
    others.append(staff(Role.ADMIN))
    db_session.commit()
    for user in others:
        assert as_user(user).get(URL).status_code == 404, user.role
        denied = db_session.scalars(select(AuditEvent).where(AuditEvent.user_id == user.id)).all()
        assert [(e.action.value, e.outcome.value) for e in denied] == [("export", "denied")]


def test_every_export_is_audited_with_its_households(population, programme, as_user, db_session):
    body = as_user(programme).get(URL).get_json()
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.user_id == programme.id, AuditEvent.action == "export")
    ).one()
    assert event.object_type == "case_outcomes" and event.outcome.value == "success"
    consenting = {h.id for h in population.consenting}
    assert len(event.household_ids) == body["recordCount"]
    assert set(event.household_ids) <= consenting
    assert not set(event.household_ids) & {h.id for h in population.excluded}


def test_too_few_households_is_a_clear_refusal(db_session, programme, as_user):
    build_population(consenting=4, seed=3)
    db_session.commit()
    response = as_user(programme).get(URL)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["title"] == "Anonymity thresholds not met"
    assert "Nothing was exported" in problem["detail"]
    assert "records" not in problem
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.user_id == programme.id, AuditEvent.action == "export")
    ).one()
    assert event.outcome.value == "denied" and event.household_ids == []


def test_a_uniform_outcome_is_left_out_not_released(db_session, programme, as_user):
    """Enough households, but all with the same closure status: that column is not
    2-diverse in any group, so it is null everywhere; the rest is released."""
    population = build_population(consenting=20, seed=11)
    for household in population.consenting:
        household.plans[0].closed_at = None
    db_session.commit()
    response = as_user(programme).get(URL)
    assert response.status_code == 200
    body = response.get_json()
    assert {row["closureStatus"] for row in body["records"]} == {None}
    assert body["suppressedValueCount"] >= body["recordCount"]
    assert response.headers["X-Suppressed-Value-Count"] == str(body["suppressedValueCount"])
    assert_k_anonymous_and_l_diverse(body["records"], k=5)


def test_a_lone_score_among_missing_scores_is_not_released(db_session, programme, as_user):
    """The review's case: in a group, one household has an economic score change and the
    others none. Anyone who knows that household was evaluated would learn its change."""
    population = build_population(consenting=20, seed=5)
    lone = population.consenting[0].plans[0]
    db_session.execute(
        delete(OutcomeScore).where(
            OutcomeScore.domain == Domain.ECONOMIC, OutcomeScore.plan_id != lone.id
        )
    )
    db_session.commit()
    db_session.expire_all()  # the plans' loaded score lists still hold the deleted rows
    body = as_user(programme).get(URL).get_json()
    assert {row["outcomeChangeEconomic"] for row in body["records"]} == {None}
    # The lone change was left out (counted), or its household was not released at all.
    assert body["suppressedValueCount"] == 1 or body["recordCount"] < 20
    assert_k_anonymous_and_l_diverse(body["records"], k=5)
