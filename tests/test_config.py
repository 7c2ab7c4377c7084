"""Configuration: production refuses unsafe settings; development defaults to SQLite."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from config import (
    DEFAULT_SECRET_KEY,
    ConfigError,
    DevelopmentConfig,
    ProductionConfig,
    config_from_env,
)
from maatwerk import create_app

PG_URL = "postgresql://maatwerk@db.example:5432/maatwerk"


@pytest.fixture(autouse=True)
def _instance_in_tmp(monkeypatch, tmp_path: Path) -> None:
    """Keep the repository's instance/ folder out of these tests."""
    monkeypatch.setenv("MAATWERK_INSTANCE_PATH", str(tmp_path))


def production(**overrides):
    settings = {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "SQLALCHEMY_DATABASE_URI": PG_URL,
        "DEMO_DATA": False,
    }
    settings.update(overrides)
    return create_app(ProductionConfig, settings)


@pytest.mark.parametrize(
    "secret",
    [DEFAULT_SECRET_KEY, None, "", "x" * 31],
    ids=["default", "missing", "empty", "short"],
)
def test_production_refuses_a_weak_secret_key(secret):
    with pytest.raises(ConfigError, match="SECRET_KEY must be set to a random value of at least"):
        production(SECRET_KEY=secret)


def test_production_refuses_a_missing_database_url():
    with pytest.raises(ConfigError, match="DATABASE_URL must be set"):
        production(SQLALCHEMY_DATABASE_URI="")


def test_production_refuses_demo_data():
    with pytest.raises(ConfigError, match="MAATWERK_DEMO_DATA must be off in production"):
        production(DEMO_DATA=True)


def test_production_names_every_problem_at_once():
    with pytest.raises(ConfigError) as info:
        production(SECRET_KEY=None, SQLALCHEMY_DATABASE_URI="", DEMO_DATA=True)
    message = str(info.value)
    assert message.startswith("Refusing to start in production:")
    for part in ("SECRET_KEY", "DATABASE_URL", "MAATWERK_DEMO_DATA"):
        assert part in message


def test_production_accepts_a_proper_configuration():
    app = production()
    assert app.config["ENV_NAME"] == "production"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["DEMO_DATA"] is False
    assert app.config["SQLALCHEMY_DATABASE_URI"] == PG_URL.replace(
        "postgresql://", "postgresql+psycopg://"
    )


def test_production_refusal_from_the_environment(tmp_path: Path):
    """Settings really come from environment variables (read when config.py loads)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "MAATWERK_DEMO_DATA"}
    }
    env.update(MAATWERK_ENV="production", MAATWERK_INSTANCE_PATH=str(tmp_path))
    code = "from maatwerk import create_app; create_app()"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "ConfigError: Refusing to start in production" in result.stderr
    assert "SECRET_KEY" in result.stderr and "DATABASE_URL" in result.stderr

    env.update(SECRET_KEY=secrets.token_urlsafe(48), DATABASE_URL=PG_URL)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_development_defaults_to_sqlite_in_the_instance_folder(tmp_path: Path):
    app = create_app(DevelopmentConfig, {"SQLALCHEMY_DATABASE_URI": ""})
    assert app.instance_path == str(tmp_path)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/maatwerk.sqlite"


def test_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("MAATWERK_ENV", "staging")
    with pytest.raises(ConfigError, match="Unknown MAATWERK_ENV 'staging'"):
        config_from_env()
