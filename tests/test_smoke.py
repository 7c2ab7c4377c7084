"""Smoke test of the fixtures: both backends, rollback between tests."""

from sqlalchemy import func, select

from maatwerk.accounts.models import Organisation
from maatwerk.core.enums import Sector


def test_insert_is_rolled_back_first(db_session):
    db_session.add(Organisation(name="Tijdelijk", sector=Sector.OTHER))
    db_session.commit()
    assert db_session.scalar(select(func.count(Organisation.id))) == 1


def test_insert_is_rolled_back_second(db_session):
    assert db_session.scalar(select(func.count(Organisation.id))) == 0


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
