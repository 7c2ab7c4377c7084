"""gunicorn configuration for production: `gunicorn -c deploy/gunicorn.conf.py`.

Every setting can be changed by an environment variable (docs/DEPLOYMENT.md). The app is
stateless: sessions, login throttling, API tokens, monitoring rollups and the audit trail
live in the database, so any number of these servers, on any number of hosts, can share
one PostgreSQL (tests/scale/ proves it with two servers and one database).
"""

from __future__ import annotations

import os

# Under this file the app runs in production unless told otherwise (config.py then refuses
# to start without a real SECRET_KEY and DATABASE_URL, or with demo data switched on).
os.environ.setdefault("MAATWERK_ENV", "production")

wsgi_app = "maatwerk.wsgi:app"


def _cores() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# --- where it listens -------------------------------------------------------------------
# Loopback by default: a reverse proxy on the same host terminates TLS and forwards here.
# Several addresses: separate them with commas ("127.0.0.1:8000,unix:/run/maatwerk.sock").
bind = [
    address.strip()
    for address in os.environ.get(
        "MAATWERK_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}"
    ).split(",")
    if address.strip()
]

# --- how many requests at once ------------------------------------------------------------
# Sync workers: one request per worker at a time. Requests mostly wait for PostgreSQL, and a
# login spends ~0.1 s of CPU on argon2id, so gunicorn's rule of thumb of 2 * cores + 1 keeps
# every core busy while some workers wait. A sync worker uses one database connection at a
# time (its pool opens no more than it needs), so PostgreSQL sees about workers * hosts
# connections (* threads with gthread): keep that under max_connections (docs/DEPLOYMENT.md).
# WEB_CONCURRENCY is the name hosting platforms commonly set.
workers = _int("MAATWERK_WORKERS", _int("WEB_CONCURRENCY", 2 * _cores() + 1))
# More than one thread switches to the gthread worker (threads share the worker's pool).
threads = _int("MAATWERK_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# --- time limits --------------------------------------------------------------------------
# A worker silent for this long is killed and replaced. The slowest ordinary requests are the
# annual report PDF and the programme's "refresh now" of the monitoring rollups (seconds on
# a year of data); 60 s leaves room for those and still ends a stuck request.
timeout = _int("MAATWERK_TIMEOUT", 60)
# On a restart or SIGTERM, running requests get this long to finish.
graceful_timeout = _int("MAATWERK_GRACEFUL_TIMEOUT", 30)
# Keep-alive toward the proxy (used by gthread workers; sync workers close each connection).
keepalive = _int("MAATWERK_KEEPALIVE", 5)
# Replace each worker after this many requests (bounded memory over weeks of running);
# jitter keeps the workers from restarting together.
max_requests = _int("MAATWERK_MAX_REQUESTS", 2000)
max_requests_jitter = _int("MAATWERK_MAX_REQUESTS_JITTER", 200)

# --- loading the app ------------------------------------------------------------------------
# preload_app: the master imports the app once and forks the workers from it, so a broken
# configuration (the production checks in config.py, a broken workflow definition) stops the
# master at start with one clear message instead of workers failing one by one in a loop;
# workers start fast (a killed worker is replaced in milliseconds) and share the imported
# code's memory. The price: new code needs a full restart (SIGHUP only replaces workers,
# with the preloaded code), which a deployment does anyway. No database connection may cross
# the fork: create_app() opens none, and post_fork below drops any pooled connection that
# an import may have made, without closing the parent's socket.
preload_app = os.environ.get("MAATWERK_PRELOAD", "1").strip().lower() not in {"0", "false", "no"}


def post_fork(server, worker):
    """Each worker starts with its own, empty connection pool."""
    app = getattr(server.app, "callable", None) if preload_app else None
    if app is None:
        return
    from maatwerk.core.db import db

    with app.app_context():
        db.engine.dispose(close=False)


# --- logs -----------------------------------------------------------------------------------
# Access log to stdout, minimal: time, method, path WITHOUT the query string (search words
# such as the knowledge base's `q` could name someone), status, bytes, milliseconds and the
# request id (the same id is in the audit trail and the X-Request-ID header). No client
# address, user agent or referrer (a referrer is a full URL, query string included): the
# audit trail records who did what from where for household data, with its own safeguards.
# Paths carry ids and fixed names only (DESIGN §8; routes hold no names or codes).
accesslog = os.environ.get("MAATWERK_ACCESS_LOG", "-") or None
access_log_format = "%(t)s %(m)s %(U)s %(s)s %(B)s %(M)sms %({x-request-id}o)s"
errorlog = os.environ.get("MAATWERK_ERROR_LOG", "-")
loglevel = os.environ.get("MAATWERK_LOG_LEVEL", "info")

# --- behind a reverse proxy --------------------------------------------------------------
# gunicorn believes X-Forwarded-Proto (https) only from these addresses. The client address
# for throttling and the audit trail comes from X-Forwarded-For through the app's own
# ProxyFix: set MAATWERK_TRUSTED_PROXIES to the number of proxies in front (config.py). Keep
# both pointed at the same proxies; never list addresses that untrusted clients can use.
forwarded_allow_ips = os.environ.get("MAATWERK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request limits: the API's largest bodies are JSON of a few kilobytes.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# --- process handling -----------------------------------------------------------------------
# Heartbeat files in memory, not on a possibly slow disk (containers: /dev/shm).
worker_tmp_dir = os.environ.get("MAATWERK_WORKER_TMP_DIR") or (
    "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # tmpfs, not a temp file
)
proc_name = os.environ.get("MAATWERK_PROC_NAME", "maatwerk")
# gunicorn ≥ 25.1 opens a control socket in the home folder by default; several servers on
# one host would share that path. Off unless a path is given (older versions ignore these).
_control = os.environ.get("MAATWERK_CONTROL_SOCKET", "").strip()
control_socket_disable = not _control
if _control:
    control_socket = _control
