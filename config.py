"""Configuration classes; every setting can come from an environment variable."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused in production


class ConfigError(RuntimeError):
    """Raised when a configuration is unsafe or incomplete."""


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _roles(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    if value is None:
        return default
    return tuple(role.strip() for role in value.split(",") if role.strip())


STAFF_MFA_ROLES = ("professional", "manager", "programme", "admin")


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # PostgreSQL: a pooled connection idle for longer than this is pinged before use (a
    # stale one is replaced); one in steady use is not (maatwerk/core/db.py). 0: always.
    DATABASE_PING_AFTER_IDLE_SECONDS = _int("MAATWERK_DATABASE_PING_AFTER_IDLE", 30)
    DEMO_DATA = _bool("MAATWERK_DEMO_DATA", False)
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_TIME_LIMIT = None
    # The largest request body read (413 beyond it): the biggest legitimate one, a plan's
    # form or JSON, is a few kilobytes; nothing is uploaded.
    MAX_CONTENT_LENGTH = _int("MAATWERK_MAX_CONTENT_LENGTH", 1024 * 1024)
    # argon2id parameters: RFC 9106 low-memory profile, above the OWASP minimum.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4
    # Closed plans are erased this many days after closing (maatwerk retention run).
    RETENTION_DAYS = int(os.environ.get("MAATWERK_RETENTION_DAYS", str(7 * 365)))
    # Anonymisation (DESIGN §6): municipalities with fewer cases are shown as their region;
    # exports need k identical quasi-identifier combinations (10 when data leaves partners).
    CASE_PACK_MIN_AREA_CASES = int(os.environ.get("MAATWERK_CASE_PACK_MIN_AREA_CASES", "10"))
    EXPORT_K = int(os.environ.get("MAATWERK_EXPORT_K", "5"))
    EXPORT_K_EXTERNAL = int(os.environ.get("MAATWERK_EXPORT_K_EXTERNAL", "10"))
    EXPORT_MAX_SUPPRESSION = float(os.environ.get("MAATWERK_EXPORT_MAX_SUPPRESSION", "0.1"))
    ACTIVATION_CODE_LIFETIME_DAYS = int(os.environ.get("MAATWERK_ACTIVATION_DAYS", "14"))
    # A staff member's one-time code to choose a password (new account, "reset password").
    ACCOUNT_SETUP_CODE_LIFETIME_HOURS = _int("MAATWERK_SETUP_CODE_HOURS", 72)
    # A family member's password reset code (made by the coordinator).
    FAMILY_RESET_CODE_LIFETIME_HOURS = _int("MAATWERK_RESET_CODE_HOURS", 72)
    API_TOKEN_LIFETIME_SECONDS = int(os.environ.get("MAATWERK_API_TOKEN_LIFETIME", "28800"))
    WTF_CSRF_CHECK_DEFAULT = False  # checked in a before_request: not for bearer-token calls
    # Sessions (docs/SECURITY.md): a server-side record per login, checked on every request.
    SESSION_IDLE_TIMEOUT_SECONDS = _int("MAATWERK_SESSION_IDLE_TIMEOUT", 30 * 60)
    SESSION_ABSOLUTE_TIMEOUT_SECONDS = _int("MAATWERK_SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
    # Login throttling: failed attempts per account and per client address in a fixed window.
    LOGIN_THROTTLE_WINDOW_SECONDS = _int("MAATWERK_LOGIN_THROTTLE_WINDOW", 15 * 60)
    LOGIN_THROTTLE_PER_ACCOUNT = _int("MAATWERK_LOGIN_THROTTLE_PER_ACCOUNT", 5)
    LOGIN_THROTTLE_PER_ADDRESS = _int("MAATWERK_LOGIN_THROTTLE_PER_ADDRESS", 30)
    # Failures for one account from all addresses together (the per-account limit above
    # counts per account and address, so one attacker cannot lock its owner out).
    LOGIN_THROTTLE_PER_ACCOUNT_ALL = _int("MAATWERK_LOGIN_THROTTLE_PER_ACCOUNT_ALL", 50)
    # Two-step verification (TOTP) is required for these roles; anyone may switch it on.
    MFA_REQUIRED_ROLES: tuple[str, ...] = _roles("MAATWERK_MFA_REQUIRED_ROLES", ())
    MFA_ISSUER = os.environ.get("MAATWERK_MFA_ISSUER", "Maatwerk")
    # Strict-Transport-Security max-age; 0 sends no header (set behind TLS only).
    HSTS_SECONDS = _int("MAATWERK_HSTS_SECONDS", 0)
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted.
    TRUSTED_PROXIES = _int("MAATWERK_TRUSTED_PROXIES", 0)
    # Notification e-mail (no personal data, only a link to the app); off without a host.
    MAIL_SMTP_HOST = os.environ.get("MAATWERK_SMTP_HOST", "")
    MAIL_SMTP_PORT = int(os.environ.get("MAATWERK_SMTP_PORT", "25"))
    MAIL_SMTP_STARTTLS = _bool("MAATWERK_SMTP_STARTTLS", False)
    MAIL_SMTP_USERNAME = os.environ.get("MAATWERK_SMTP_USERNAME", "")
    MAIL_SMTP_PASSWORD = os.environ.get("MAATWERK_SMTP_PASSWORD", "")
    MAIL_SENDER = os.environ.get("MAATWERK_MAIL_SENDER", "maatwerk@localhost")
    # Where the app is reached from outside: links in e-mails point here.
    APP_BASE_URL = os.environ.get("MAATWERK_BASE_URL", "http://localhost:5000")
    # The programme's "update now" button: on PostgreSQL the rollup refresh runs in a
    # background thread of the app process (it takes minutes at national scale, longer
    # than a request may), on SQLite in the request. The nightly command is unaffected.
    MONITORING_REFRESH_IN_BACKGROUND = _bool("MAATWERK_MONITORING_REFRESH_IN_BACKGROUND", True)
    # The PDFs' TrueType font family (maatwerk/core/pdf_fonts.py): a directory with DejaVu
    # Sans, Noto Sans or Bitstream Vera files; empty: the system's DejaVu, else reportlab's Vera.
    PDF_FONT_DIR = os.environ.get("MAATWERK_PDF_FONT_DIR", "")
    API_TITLE = "Maatwerk API"
    API_VERSION = "1.0.0"
    OPENAPI_VERSION = "3.0.3"

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Refuse configurations that are unsafe for this environment."""


class DevelopmentConfig(Config):
    """Local use: SQLite file in the instance folder, demo data allowed."""

    ENV_NAME = "development"
    DEMO_DATA = _bool("MAATWERK_DEMO_DATA", True)


class TestConfig(Config):
    """Test suite: the database URL is set by the test fixtures."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    WTF_CSRF_ENABLED = False
    # Cheap hashes keep the suite fast; production uses the class defaults.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    # A test's data lives in its own uncommitted transaction, which no thread can see.
    MONITORING_REFRESH_IN_BACKGROUND = False


class ProductionConfig(Config):
    """Production: PostgreSQL, a real secret key, no demo data, secure cookies."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    MFA_REQUIRED_ROLES = _roles("MAATWERK_MFA_REQUIRED_ROLES", STAFF_MFA_ROLES)
    HSTS_SECONDS = _int("MAATWERK_HSTS_SECONDS", 365 * 24 * 60 * 60)
    DEMO_DATA = _bool("MAATWERK_DEMO_DATA", False)

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Refuse to start with a default secret, no database or demo data."""
        problems = []
        secret = settings.get("SECRET_KEY") or ""
        if secret == DEFAULT_SECRET_KEY or len(secret) < 32:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if not settings.get("SQLALCHEMY_DATABASE_URI"):
            problems.append("DATABASE_URL must be set")
        if settings.get("DEMO_DATA"):
            problems.append("MAATWERK_DEMO_DATA must be off in production")
        if not settings.get("SESSION_COOKIE_SECURE"):
            problems.append("session cookies must be Secure in production")
        if problems:
            raise ConfigError("Refusing to start in production: " + "; ".join(problems) + ".")


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the configuration class named by MAATWERK_ENV (default: development)."""
    name = os.environ.get("MAATWERK_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(f"Unknown MAATWERK_ENV {name!r}; use one of {sorted(CONFIGS)}") from None


def default_sqlite_uri(instance_path: str) -> str:
    """SQLite file in the instance folder."""
    return "sqlite:///" + str(Path(instance_path) / "maatwerk.sqlite")
