"""Benchmark: plan reads under concurrent load, Maatwerk against a minimal WSGI app.

Subject: gunicorn serving the real app (`maatwerk.wsgi:app`, else the factory
`maatwerk:create_app()`) in production configuration on the benchmark database. Floor:
benchmarks/floor_wsgi.py (raw psycopg, the same SELECTs, the same audit row and commit,
the same JSON; its docstring says exactly what it does) under the same gunicorn settings:
sync workers, 2 x cores + 1 of them (5 on this 2-core machine), no preloading, no access
log. Both serve GET /api/v1/plans/<id> on loopback ports.

Load: wrk (Debian package `wrk`), one Lua script for both that sends the coordinator's
bearer token and rotates over every plan the coordinator may see, and prints p50/p95/p99
latency in done(). The same connections, threads and duration for both, alternating floor
and subject twice after a short warm-up of each. Figure: requests per second of the subject
over the floor's (higher is better, target ≥ 0.25); both p95 latencies in `extra`. Before the
load, every plan's JSON from the floor is checked against the subject's; after it, every
audit event written during the run is checked on the hash chain. Both servers are stopped
at the end whatever happens.

    .venv/bin/python benchmarks/bench_throughput.py
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # puts the project root on sys.path

LOGIN = "regisseur.stadskanaal"  # professional, coordinator of several demo plans
PASSWORD = "maatwerk-demo"  # noqa: S105 - the published demo password
TARGET = 0.25
CONNECTIONS, THREADS = 20, 2
DURATION, WARMUP = 15, 3  # seconds per measured run, per warm-up run
PAIRS = 2  # floor, subject, floor, subject
WORKER_CLASS = "sync"
BENCH_DIR = Path(__file__).resolve().parent


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


WORKERS = 2 * _cores() + 1

LUA = """
local ids = {%(ids)s}
local token = "%(token)s"
local counter = 0

function init(args)
  counter = math.random(0, #ids - 1)
end

function request()
  counter = counter + 1
  local id = ids[(counter %% #ids) + 1]
  return wrk.format("GET", "/api/v1/plans/" .. id, {["Authorization"] = "Bearer " .. token})
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d p99_us=%%d mean_us=%%d " ..
    "non2xx=%%d connect=%%d read=%%d write=%%d timeout=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


# --- the servers ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn() -> str | None:
    candidate = Path(sys.executable).with_name("gunicorn")
    return str(candidate) if candidate.exists() else shutil.which("gunicorn")


class Server:
    """One gunicorn master with its workers, in its own process group."""

    def __init__(self, name: str, app: str, env: dict[str, str], workdir: Path) -> None:
        self.name, self.port = name, _free_port()
        self.log = workdir / f"{name}.log"
        command = [
            _gunicorn() or "gunicorn",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--worker-class",
            WORKER_CLASS,
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log),
            app,
        ]
        # Run from an empty folder: gunicorn would read a gunicorn.conf.py from the cwd.
        self.process = subprocess.Popen(
            command,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, seconds: float = 90) -> None:
        """Until the server answers (401 without a token) or the time is up."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.tail()}")
            try:
                _request(f"{self.base}/api/v1/plans/1", timeout=5)
                return
            except urllib.error.HTTPError:
                return  # it answered
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"{self.name} did not answer within {seconds:.0f} s: {self.tail()}")

    def tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to this server's process group, SIGKILL after 15 s."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


def _request(
    url: str,
    *,
    data: dict | None = None,
    token: str | None = None,
    method: str | None = None,
    timeout: float = 30,
):
    headers = {"Accept": "application/json"}
    body = None
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, data=body, headers=headers, method=method
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.read(), dict(response.headers)


def _environment(workdir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MAATWERK_", "FLASK_")) and key not in ("DATABASE_URL", "SECRET_KEY")
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(common.ROOT), str(BENCH_DIR)]),
        MAATWERK_ENV="production",
        DATABASE_URL=common.psycopg_url(),
        SECRET_KEY=secrets.token_urlsafe(30),  # 40 characters
        MAATWERK_MFA_REQUIRED_ROLES="",  # no second step for the benchmark's token
        MAATWERK_INSTANCE_PATH=str(workdir / "instance"),
        FLOOR_DATABASE_URL=common.psycopg_url(),
    )
    return env


def _subject_app() -> str:
    if (common.ROOT / "maatwerk" / "wsgi.py").exists():
        return "maatwerk.wsgi:app"
    return "maatwerk:create_app()"


# --- the load --------------------------------------------------------------------------------


def _wrk(url: str, script: Path, seconds: int) -> dict[str, float]:
    """One wrk run; its done() line as numbers."""
    command = [
        "wrk",
        f"--threads={THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={script}",
        url,
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    line = next((x for x in run.stdout.splitlines() if x.startswith("WRK_RESULT ")), None)
    if run.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({run.returncode}): {run.stdout[-800:]} {run.stderr[-800:]}"
        )
    numbers = dict(part.split("=") for part in line.split()[1:])
    result = {key: float(value) for key, value in numbers.items()}
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _same_documents(subject: Server, floor: Server, token: str, ids: list[int]) -> dict:
    """The floor's JSON for every plan against the subject's (parsed; bytes reported).

    Other work may change a plan between the two reads: a pair is compared once both show
    the same plan version (the plan's version moves with every change of its goals,
    actions or team), within a few tries."""
    same_bytes, compared, changing = True, 0, []
    for plan_id in ids:
        for _ in range(20):
            _, mine, _ = _request(f"{subject.base}/api/v1/plans/{plan_id}", token=token)
            _, floors, _ = _request(f"{floor.base}/api/v1/plans/{plan_id}", token=token)
            theirs, ours = json.loads(mine), json.loads(floors)
            if theirs["version"] == ours["version"]:
                if theirs != ours:
                    raise RuntimeError(f"the floor's plan {plan_id} differs from Maatwerk's")
                same_bytes = same_bytes and mine == floors
                compared += 1
                break
        else:
            changing.append(plan_id)
    return {"plans_compared": compared, "changing_meanwhile": changing, "same_bytes": same_bytes}


def _last_event_id() -> int:
    import psycopg

    with psycopg.connect(common.psycopg_url()) as conn:
        return conn.execute("SELECT coalesce(max(id), 0) FROM audit_events").fetchone()[0]


def _chain_since(first_id: int) -> dict[str, Any]:
    """Recompute the hash and the link of every event after first_id (both servers')."""
    import psycopg

    from maatwerk.audit.models import HASHED_FIELDS
    from maatwerk.audit.operations import event_hash

    columns = ", ".join(HASHED_FIELDS)
    with psycopg.connect(common.psycopg_url()) as conn:
        previous = conn.execute("SELECT hash FROM audit_events WHERE id = %s", (first_id,))
        expected = (previous.fetchone() or [None])[0]
        rows = conn.execute(
            f"SELECT id, prev_hash, hash, {columns} FROM audit_events WHERE id > %s ORDER BY id",
            (first_id,),
        ).fetchall()
    for row in rows:
        fields = dict(zip(HASHED_FIELDS, row[3:], strict=True))
        if expected is not None and row[1] != expected:
            return {"events": len(rows), "ok": False, "broken_at": row[0], "problem": "link"}
        if event_hash(row[1], fields) != row[2]:
            return {"events": len(rows), "ok": False, "broken_at": row[0], "problem": "hash"}
        expected = row[2]
    return {"events": len(rows), "ok": True}


def main() -> list[common.Result]:
    if shutil.which("wrk") is None:
        print(
            "bench_throughput: the load generator `wrk` is missing; install it with "
            "`apt-get install -y wrk` (Debian package wrk).",
            file=sys.stderr,
        )
        sys.exit(2)
    if _gunicorn() is None:
        print(
            "bench_throughput: gunicorn is missing; `.venv/bin/pip install 'gunicorn>=23,<28'`.",
            file=sys.stderr,
        )
        sys.exit(2)
    first_event = _last_event_id()
    servers: list[Server] = []
    token = None
    with tempfile.TemporaryDirectory(prefix="maatwerk-throughput-") as folder:
        workdir = Path(folder)
        try:
            env = _environment(workdir)
            subject = Server("subject", _subject_app(), env, workdir)
            servers.append(subject)
            floor = Server("floor", "floor_wsgi:app", env, workdir)
            servers.append(floor)
            subject.wait_ready()
            floor.wait_ready()
            _, body, _ = _request(
                f"{subject.base}/api/v1/auth/tokens", data={"login": LOGIN, "password": PASSWORD}
            )
            token = json.loads(body)["token"]
            _, body, _ = _request(f"{subject.base}/api/v1/plans?pageSize=50", token=token)
            ids = [item["id"] for item in json.loads(body)["items"]]
            if not ids:
                raise RuntimeError(f"{LOGIN} sees no plans in {common.BENCH_DATABASE_URL}")
            checked = _same_documents(subject, floor, token, ids)
            script = workdir / "plans.lua"
            script.write_text(LUA % {"ids": ", ".join(map(str, ids)), "token": token})
            print(
                f"{len(ids)} plans, {WORKERS} {WORKER_CLASS} workers each, wrk {THREADS} threads "
                f"x {CONNECTIONS} connections, {PAIRS} x {DURATION} s each",
                flush=True,
            )
            for server in (floor, subject):
                _wrk(server.base, script, WARMUP)
            runs: dict[str, list[dict[str, float]]] = {"floor": [], "subject": []}
            for _ in range(PAIRS):
                for server in (floor, subject):
                    run = _wrk(server.base, script, DURATION)
                    runs[server.name].append(run)
                    print(
                        f"  {server.name:7s} {run['rps']:8.1f} req/s"
                        f"  p50 {run['p50_us'] / 1e3:6.1f} ms"
                        f"  p95 {run['p95_us'] / 1e3:6.1f} ms"
                        f"  p99 {run['p99_us'] / 1e3:6.1f} ms"
                        f"  non-2xx {run['non2xx']:.0f}  socket errors "
                        f"{run['connect'] + run['read'] + run['write'] + run['timeout']:.0f}",
                        flush=True,
                    )
        finally:
            if token is not None:  # the benchmark's token dies with the run
                try:
                    _request(
                        f"{subject.base}/api/v1/auth/tokens/current", token=token, method="DELETE"
                    )
                except OSError as error:
                    print(f"could not revoke the token: {error}", file=sys.stderr)
            for server in reversed(servers):
                server.stop()
    chain = _chain_since(first_event)
    ratios = [s["rps"] / f["rps"] for s, f in zip(runs["subject"], runs["floor"], strict=True)]
    subject_rps = statistics.median(r["rps"] for r in runs["subject"])
    floor_rps = statistics.median(r["rps"] for r in runs["floor"])
    errors = sum(r["non2xx"] + r["timeout"] for rs in runs.values() for r in rs)
    result = common.Result(
        name="plan reads under load, GET /api/v1/plans/<id> (requests/s)",
        floor="minimal WSGI app (benchmarks/floor_wsgi.py)",
        subject_seconds=1 / subject_rps,
        floor_seconds=1 / floor_rps,
        ratio=statistics.median(ratios),
        target=TARGET,
        higher_is_better=True,
        extra={
            "subject_rps": round(subject_rps, 1),
            "floor_rps": round(floor_rps, 1),
            "subject_p95_ms": round(
                statistics.median(r["p95_us"] for r in runs["subject"]) / 1e3, 2
            ),
            "floor_p95_ms": round(statistics.median(r["p95_us"] for r in runs["floor"]) / 1e3, 2),
            "subject_p50_ms": round(
                statistics.median(r["p50_us"] for r in runs["subject"]) / 1e3, 2
            ),
            "floor_p50_ms": round(statistics.median(r["p50_us"] for r in runs["floor"]) / 1e3, 2),
            "subject_p99_ms": round(
                statistics.median(r["p99_us"] for r in runs["subject"]) / 1e3, 2
            ),
            "floor_p99_ms": round(statistics.median(r["p99_us"] for r in runs["floor"]) / 1e3, 2),
            "ratios": [round(r, 3) for r in ratios],
            "runs": runs,
            "server": f"gunicorn {WORKERS} {WORKER_CLASS} workers ({_cores()} cores), no preload",
            "subject_app": _subject_app(),
            "load": f"wrk {THREADS} threads x {CONNECTIONS} connections, {PAIRS} x {DURATION} s",
            "plans": ids,
            "documents": checked,
            "audit_chain": chain,
            "errors": errors,
        },
    )
    results = [result]
    ok = common.report(results, file_name="throughput.json")
    print(
        f"p95: subject {result.extra['subject_p95_ms']} ms,"
        f" floor {result.extra['floor_p95_ms']} ms; audit chain over {chain['events']} new"
        f" events: {'ok' if chain['ok'] else chain}",
        flush=True,
    )
    if not chain["ok"] or errors:
        print("the run is not valid: errors during the load or a broken audit chain", flush=True)
        ok = False
    if not ok:
        sys.exit(1)
    return results


if __name__ == "__main__":
    main()
