"""Login throttling: per account and per client address, HTTP 429 on the login page and the
token endpoint, counters in the database (shared by every app process), atomic."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from maatwerk.accounts.models import ThrottleCounter
from maatwerk.accounts.throttle import hit, throttle_key
from maatwerk.core.db import db, utcnow
from tests.security.conftest import PASSWORD, login, whoami

OTHER_ADDRESS = {"REMOTE_ADDR": "198.51.100.20"}


@pytest.fixture
def limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ACCOUNT", 3)
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ADDRESS", 6)
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_PER_ACCOUNT_ALL", 8)
    monkeypatch.setitem(app.config, "LOGIN_THROTTLE_WINDOW_SECONDS", 900)


def test_too_many_failures_for_one_account_answer_429_even_with_the_right_password(
    client, setting, limits
):
    name = setting.coordinator.login
    for _ in range(3):
        assert login(client, name, "fout fout fout").status_code == 401
    throttled = login(client, name, PASSWORD)
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 900
    assert "Te veel pogingen" in throttled.get_data(as_text=True)
    assert whoami(client) is None


def test_someone_guessing_a_login_name_cannot_lock_its_owner_out(app, setting, limits):
    """The tight limit counts per account and address: the owner, elsewhere, gets in."""
    name = setting.coordinator.login
    attacker = app.test_client()
    for _ in range(5):
        login(attacker, name, "fout fout fout")
    assert login(attacker, name, PASSWORD).status_code == 429
    owner = app.test_client()
    assert login(owner, name, PASSWORD, environ_base=OTHER_ADDRESS).status_code == 302


def test_guessing_spread_over_many_addresses_meets_the_account_wide_limit(app, setting, limits):
    name = setting.coordinator.login
    client = app.test_client()
    statuses = [
        login(
            client, name, "fout fout fout", environ_base={"REMOTE_ADDR": f"203.0.113.{n}"}
        ).status_code
        for n in range(9)
    ]
    assert statuses == [401] * 8 + [429]
    fresh = {"REMOTE_ADDR": "192.0.2.99"}  # a new address, the right password: still held
    assert login(client, name, PASSWORD, environ_base=fresh).status_code == 429


def test_a_success_takes_back_one_failure_from_the_account_wide_count(app, setting, limits):
    """Failures elsewhere keep counting after the owner logs in (the owner does not reset
    an attack spread over addresses), but the owner's own success does not add to it."""
    name = setting.coordinator.login
    client = app.test_client()
    for n in range(6):
        addr = {"REMOTE_ADDR": f"203.0.113.{n}"}
        assert login(client, name, "fout fout fout", environ_base=addr).status_code == 401
    owner = app.test_client()
    assert login(owner, name, PASSWORD).status_code == 302
    statuses = [
        login(
            client, name, "fout fout fout", environ_base={"REMOTE_ADDR": f"203.0.113.{n}"}
        ).status_code
        for n in range(10, 13)
    ]
    assert statuses == [401, 401, 429]


def test_an_unknown_account_is_throttled_exactly_like_a_known_one(client, setting, limits):
    answers = [login(client, "bestaat.niet", "fout fout fout").status_code for _ in range(4)]
    known = [
        login(client, setting.member.login, "fout fout fout", environ_base=OTHER_ADDRESS)
        for _ in range(4)
    ]
    known = [response.status_code for response in known]
    assert answers == known == [401, 401, 401, 429]


def test_a_successful_login_clears_the_account_counter(client, setting, limits):
    name = setting.coordinator.login
    for _ in range(2):
        login(client, name, "fout fout fout")
    assert login(client, name, PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(2):
        assert login(client, name, "fout fout fout").status_code == 401


def test_one_address_trying_many_accounts_is_throttled(client, setting, limits):
    statuses = [
        login(client, f"gok{n}", "fout fout fout", environ_base=OTHER_ADDRESS).status_code
        for n in range(7)
    ]
    assert statuses == [401] * 6 + [429]
    # Another address is not affected.
    assert login(client, setting.family.login, PASSWORD).status_code == 302


def test_successful_logins_do_not_use_up_the_address(app, setting, limits):
    # An office behind one address: many people log in in the morning.
    for _ in range(4):
        for user in (setting.coordinator, setting.member):
            client = app.test_client()
            assert login(client, user.login, PASSWORD).status_code == 302


def test_the_token_endpoint_is_throttled_with_a_problem_answer(client, setting, limits):
    body = {"login": setting.coordinator.login, "password": "fout fout fout"}
    for _ in range(3):
        assert client.post("/api/v1/auth/tokens", json=body).status_code == 401
    throttled = client.post("/api/v1/auth/tokens", json=body | {"password": PASSWORD})
    assert throttled.status_code == 429
    assert throttled.mimetype == "application/problem+json"
    assert throttled.get_json()["status"] == 429
    assert int(throttled.headers["Retry-After"]) > 0


def test_the_page_and_the_api_share_the_counter(client, setting, limits):
    name = setting.coordinator.login
    login(client, name, "fout fout fout")
    client.post("/api/v1/auth/tokens", json={"login": name, "password": "fout fout fout"})
    login(client, name, "fout fout fout")
    assert login(client, name, PASSWORD).status_code == 429


def test_counters_live_in_the_database_without_names_or_addresses(client, setting, limits):
    login(client, setting.coordinator.login, "fout fout fout")
    keys = db.session.scalars(select(ThrottleCounter.key)).all()
    assert throttle_key("login-account", setting.coordinator.login) in keys
    pair = f"{setting.coordinator.login}\n127.0.0.1"
    assert throttle_key("login-account-address", pair) in keys
    assert throttle_key("login-address", "127.0.0.1") in keys
    for key in keys:
        assert setting.coordinator.login not in key and "127.0.0.1" not in key


def test_the_window_ends(client, setting, limits):
    name = setting.coordinator.login
    for _ in range(3):
        login(client, name, "fout fout fout")
    assert login(client, name, PASSWORD).status_code == 429
    db.session.execute(
        update(ThrottleCounter).values(window_start=utcnow() - dt.timedelta(seconds=901))
    )
    db.session.commit()
    assert login(client, name, PASSWORD).status_code == 302


def test_hits_count_up_in_one_window_and_restart_after_it(db_session):
    key = f"test:{uuid.uuid4().hex}"
    assert [hit(key, 60)[0] for _ in range(4)] == [1, 2, 3, 4]
    db.session.execute(
        update(ThrottleCounter)
        .where(ThrottleCounter.key == key)
        .values(window_start=utcnow() - dt.timedelta(seconds=61))
    )
    count, started = hit(key, 60)
    assert count == 1
    assert utcnow() - started < dt.timedelta(seconds=5)


THREADS, PER_THREAD = 8, 10


def test_concurrent_attempts_are_all_counted_on_postgresql(backend, database_url):
    """Separate connections (as separate app processes would have) never lose a count."""
    if backend != "postgresql":
        pytest.skip("SQLite serialises writers itself; concurrency is tested on PostgreSQL")
    name = f"maatwerk_throttle_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(database_url).set(drivername="postgresql+psycopg", database=name)
    engine = create_engine(url, pool_size=THREADS, max_overflow=0)
    try:
        ThrottleCounter.__table__.create(engine)
        start = threading.Barrier(THREADS)
        seen: list[int] = []
        errors: list[BaseException] = []

        def attempt() -> None:
            try:
                start.wait()
                for _ in range(PER_THREAD):
                    with Session(engine) as session:
                        seen.append(hit("login-account:shared", 900, session=session)[0])
                        session.commit()
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert sorted(seen) == list(range(1, THREADS * PER_THREAD + 1))
    finally:
        engine.dispose()
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
