"""Concurrency soak: 50 clients edit the same few demo plans through the HTTP API of two
gunicorn servers (3 workers in all) on one PostgreSQL database, first steadily, then while
a worker and a whole server are SIGKILLed and the server is started again.

Each client reads a goal or action (its ETag), changes it with If-Match and, on 412, tries
again from the current version; some post comments. Afterwards: no 5xx at all, no answer
other than the expected ones (conflicts are 412), every acknowledged change is in the plan's
history with the value written, the plan versions have no gaps, and the audit chain
verifies (`maatwerk audit verify`). Connection errors while a process is down are counted;
a change whose answer was lost is retried with the same ETag (If-Match makes that safe).

MAATWERK_SOAK_SECONDS (default 60) is the steady phase; the phase with the kills lasts half
of it (at least 15 s, longer until the restarted server has served for a few seconds).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from tests.scale.conftest import Bearer, Server, api_token, maatwerk_command

SOAK_SECONDS = float(os.environ.get("MAATWERK_SOAK_SECONDS", "60"))
KILL_PHASE_SECONDS = max(15.0, SOAK_SECONDS / 2)
CLIENTS = 50
FAMILY_CLIENTS = 10  # the others work as the coordinator
COMMENT_SHARE = 0.1
MAX_TRIES = 8  # per change: the first attempt and retries after 412
COORDINATOR = "regisseur.stadskanaal"
FAMILY = "gezin.jansen"
PLANS = 3
EXPECTED = {
    ("GET", 200),
    ("PATCH", 200),
    ("PATCH", 412),
    ("POST", 201),
}


@dataclass(frozen=True)
class Target:
    """A goal or action that a role may edit; `key` is the field whose values are unique."""

    kind: str  # "goal" | "action"
    id: int
    plan_id: int
    role: str  # "coordinator" | "family"

    @property
    def url(self) -> str:
        return f"/api/v1/{self.kind}s/{self.id}"

    @property
    def key(self) -> str:
        return "title" if self.kind == "goal" else "description"

    @property
    def date(self) -> str:
        return "targetDate" if self.kind == "goal" else "dueDate"

    @property
    def history_prefix(self) -> str:
        return f"{self.kind}s.{self.id}."


@dataclass
class Ack:
    target: Target
    version: int
    values: dict[str, Any]
    server: str
    recovered: bool = False  # acknowledged by a retry's 412 showing our own value


@dataclass
class Tally:
    """What the clients saw, shared by the threads (under one lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    answers: Counter = field(default_factory=Counter)
    by_server: Counter = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    conflicts: int = 0
    connection_errors: int = 0
    uncertain: int = 0
    gave_up: int = 0

    def answer(self, method: str, kind: str, server: Server, response: requests.Response) -> None:
        status = response.status_code
        with self.lock:
            self.answers[(method, kind, status)] += 1
            self.by_server[(server.name, status // 100)] += 1
            where = f"{method} {response.request.path_url} on {server.name}: {status}"
            if status >= 500:
                self.server_errors.append(f"{where} {response.text[:300]}")
            elif (method, status) not in EXPECTED:
                self.unexpected.append(f"{where} {response.text[:300]}")

    def add(self, name: str, amount: int = 1) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + amount)


@dataclass
class World:
    """The demo plans, targets and tokens of the soak."""

    servers: list[Server]
    tokens: dict[str, str]
    plans: list[int]
    targets: dict[str, list[Target]]
    comment_plans: dict[str, list[int]]


def editable_targets(
    server: Server, coordinator: Bearer, family: Bearer, family_plan: int
) -> tuple[list[int], dict[str, list[Target]]]:
    """A few of the coordinator's open plans (the Jansen family's first) and what each role
    may edit on them: the professionals' proposed goals and actions; the family's own
    goals. A plan without a proposed goal or action gets one."""
    listed = coordinator(server, "GET", "/api/v1/plans", params={"pageSize": 50})
    assert listed.status_code == 200, listed.text[:300]
    open_plans = [
        p["id"]
        for p in listed.json()["items"]
        if p["status"] in ("prioritising", "active", "evaluating", "exploring")
    ]
    assert family_plan in open_plans
    plans = [family_plan, *[p for p in open_plans if p != family_plan][: PLANS - 1]]
    targets: dict[str, list[Target]] = {"coordinator": [], "family": []}
    for plan_id in plans:
        goals = coordinator(server, "GET", f"/api/v1/plans/{plan_id}/goals").json()
        proposals = [
            g for g in goals if g["status"] == "proposed" and g["proposedBy"] == "professional"
        ]
        if not proposals:
            created = coordinator(
                server,
                "POST",
                f"/api/v1/plans/{plan_id}/goals",
                json={"domain": "economic", "title": "Schulden op een rij"},
            )
            assert created.status_code == 201, created.text[:300]
            proposals = [created.json()]
        targets["coordinator"] += [
            Target("goal", g["id"], plan_id, "coordinator") for g in proposals
        ]
        # Only a proposed action's description is the team's to rewrite: once the family
        # agreed, what it is stays as agreed (409).
        actions = coordinator(server, "GET", f"/api/v1/plans/{plan_id}/actions").json()
        proposed = [a for a in actions if a["status"] == "proposed"]
        if not proposed:
            created = coordinator(
                server,
                "POST",
                f"/api/v1/plans/{plan_id}/actions",
                json={"description": "Samen de post doornemen", "carrier": "family"},
            )
            assert created.status_code == 201, created.text[:300]
            proposed = [created.json()]
        targets["coordinator"] += [
            Target("action", a["id"], plan_id, "coordinator") for a in proposed
        ][:2]
        if plan_id == family_plan:
            targets["family"] += [
                Target("goal", g["id"], plan_id, "family")
                for g in goals
                if g["status"] in ("proposed", "accepted")
            ][:3]
    assert targets["coordinator"] and targets["family"]
    return plans, targets


@pytest.fixture(scope="module")
def world(start_servers) -> World:
    servers = start_servers(2, 1)
    a = servers[0]
    tokens = {"coordinator": api_token(a, COORDINATOR), "family": api_token(a, FAMILY)}
    family = Bearer(tokens["family"])
    family_plan = family(a, "GET", "/api/v1/plans").json()["items"][0]["id"]
    plans, targets = editable_targets(a, Bearer(tokens["coordinator"]), family, family_plan)
    return World(
        servers=servers,
        tokens=tokens,
        plans=plans,
        targets=targets,
        comment_plans={"coordinator": plans, "family": [family_plan]},
    )


class SoakClient:
    """One client thread: a role, its own HTTP sessions, a random choice of server."""

    def __init__(self, index: int, world: World, tally: Tally, phase: str) -> None:
        self.index = index
        self.world = world
        self.tally = tally
        self.phase = phase
        self.role = "family" if index < FAMILY_CLIENTS else "coordinator"
        self.http = Bearer(world.tokens[self.role])
        self.rng = random.Random(f"{phase}-{index}")
        self.seq = 0

    def server(self, avoid: Server | None = None) -> Server:
        choices = [s for s in self.world.servers if s is not avoid] or self.world.servers
        return self.rng.choice(choices)

    def call(
        self, method: str, kind: str, path: str, **kwargs: Any
    ) -> tuple[requests.Response | None, Server | None]:
        """One request; on a connection error (a process is down) try another server.
        Only what is safe to repeat is repeated: reads, and changes with their If-Match (a
        change that got in before the answer was lost then meets a 412). A comment whose
        answer was lost is not posted twice: None."""
        server = self.server()
        for _attempt in range(4):
            try:
                response = self.http(server, method, path, **kwargs)
            except (requests.ConnectionError, requests.Timeout):
                self.tally.add("connection_errors")
                if method == "POST":
                    return None, None
                time.sleep(0.05 + self.rng.random() * 0.2)
                server = self.server(avoid=server)
                continue
            self.tally.answer(method, kind, server, response)
            return response, server
        return None, None

    def run(self, clock: Clock) -> None:
        while time.monotonic() < clock.deadline:
            self.seq += 1
            if self.rng.random() < COMMENT_SHARE:
                self.comment()
            else:
                self.edit(self.rng.choice(self.world.targets[self.role]), clock)

    def unique(self, attempt: int) -> str:
        return f"Soak {self.phase} c{self.index:02d} n{self.seq} p{attempt}"

    def comment(self) -> None:
        plan_id = self.rng.choice(self.world.comment_plans[self.role])
        body = self.unique(0)
        response, _ = self.call(
            "POST", "comment", f"/api/v1/plans/{plan_id}/comments", json={"body": body}
        )
        if response is not None and response.status_code == 201:
            with self.tally.lock:
                self.tally.comments.append((plan_id, response.json()["id"], body))
        elif response is None:
            self.tally.add("uncertain")

    def edit(self, target: Target, clock: Clock) -> None:
        read, _ = self.call("GET", target.kind, target.url)
        if read is None or read.status_code != 200:
            return
        etag = read.headers["ETag"]
        for attempt in range(MAX_TRIES):
            if time.monotonic() > clock.deadline + 5:
                return
            day = dt.date(2027, 1, 1) + dt.timedelta(days=self.rng.randrange(365))
            values = {target.key: self.unique(attempt), target.date: day.isoformat()}
            response, server = self.call("PATCH", target.kind, target.url, etag=etag, json=values)
            if response is None:
                self.tally.add("uncertain")
                return
            if response.status_code == 200:
                self.acknowledge(target, response.json(), values, server)
                return
            if response.status_code != 412:
                return
            self.tally.add("conflicts")
            body = response.json()
            current = body.get("current")
            if current is not None and current.get(target.key) == values[target.key]:
                # Our change got in on an attempt whose answer was lost; this is the proof.
                self.acknowledge(target, current, values, server, recovered=True)
                return
            if "ETag" in response.headers:
                etag = response.headers["ETag"]  # the 412 carries the current version
            else:  # caught inside the UPDATE: read again
                reread, _ = self.call("GET", target.kind, target.url)
                if reread is None or reread.status_code != 200:
                    return
                etag = reread.headers["ETag"]
            time.sleep(self.rng.random() * 0.02)
        self.tally.add("gave_up")

    def acknowledge(
        self,
        target: Target,
        body: dict[str, Any],
        values: dict[str, Any],
        server: Server | None,
        *,
        recovered: bool = False,
    ) -> None:
        assert body[target.key] == values[target.key], (target, body, values)
        ack = Ack(target, body["version"], values, server.name if server else "?", recovered)
        with self.tally.lock:
            self.tally.acks.append(ack)


@dataclass
class Clock:
    """When the clients stop; the kill phase may move it (bounded)."""

    deadline: float


def run_clients(world: World, tally: Tally, phase: str, seconds: float):
    """Start every client; returns the clock and the threads."""
    clock = Clock(time.monotonic() + seconds)
    clients = [SoakClient(i, world, tally, phase) for i in range(CLIENTS)]
    threads = [
        threading.Thread(target=c.run, args=(clock,), name=f"soak-{i}", daemon=True)
        for i, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    return clock, threads


def join(threads: list[threading.Thread], clock: Clock) -> None:
    """Wait for the clients (each finishes its change within seconds of the deadline)."""
    for thread in threads:
        thread.join(timeout=max(1.0, clock.deadline - time.monotonic() + 60))
    assert not any(t.is_alive() for t in threads), "clients did not stop"


# --- checks afterwards -------------------------------------------------------------------


def history_states(
    client: Bearer, server: Server, plan_id: int
) -> tuple[list[int], dict[str, dict[str, Any]]]:
    """The plan's versions (oldest first) and, per path prefix + unique value, the state of
    that goal or action at the version where the value was written."""
    answer = client(server, "GET", f"/api/v1/plans/{plan_id}/history")
    assert answer.status_code == 200, answer.text[:300]
    entries = list(reversed(answer.json()))
    state: dict[str, Any] = {}
    written: dict[str, dict[str, Any]] = {}
    for entry in entries:
        for change in entry["changes"]:
            state[change["path"]] = change["after"]
        for change in entry["changes"]:
            path = change["path"]
            if path.endswith((".title", ".description")) and change["after"] is not None:
                prefix = path.rsplit(".", 1)[0] + "."
                fields = {p[len(prefix) :]: v for p, v in state.items() if p.startswith(prefix)}
                written[prefix + str(change["after"])] = {**fields, "_version": entry["version"]}
    return [e["version"] for e in entries], written


def check(world: World, tally: Tally, phase: str) -> dict[str, Any]:
    """The promises of the soak; returns figures for the report."""
    checking = time.monotonic()
    assert not tally.server_errors, "5xx answers:\n" + "\n".join(tally.server_errors[:20])
    assert not tally.unexpected, "unexpected answers:\n" + "\n".join(tally.unexpected[:20])
    assert len(tally.acks) >= 10, f"hardly any change got through: {len(tally.acks)}"
    a = world.servers[0]
    coordinator = Bearer(world.tokens["coordinator"])

    lost = []
    for plan_id in world.plans:
        versions, written = history_states(coordinator, a, plan_id)
        assert versions == list(range(versions[0], versions[0] + len(versions))), (
            f"plan {plan_id}: versions not contiguous"
        )
        for ack in (k for k in tally.acks if k.target.plan_id == plan_id):
            target = ack.target
            seen = written.get(target.history_prefix + ack.values[target.key])
            if seen is None or seen.get(target.date) != ack.values[target.date]:
                lost.append(f"{target.url} v{ack.version} {ack.values} -> history {seen}")
    assert not lost, f"{len(lost)} acknowledged changes not in the history:\n" + "\n".join(
        lost[:20]
    )

    history_seconds = time.monotonic() - checking
    per_target: dict[Target, list[Ack]] = defaultdict(list)
    for ack in tally.acks:
        per_target[ack.target].append(ack)
    for target, acks in per_target.items():
        versions = [k.version for k in acks]
        assert len(versions) == len(set(versions)), f"{target.url}: two writers won one version"
        final = coordinator(a, "GET", target.url).json()
        newest = max(acks, key=lambda k: k.version)
        assert final["version"] >= newest.version
        if final["version"] == newest.version:
            assert final[target.key] == newest.values[target.key], target.url

    for plan_id in world.plans:
        listed = coordinator(a, "GET", f"/api/v1/plans/{plan_id}/comments").json()
        stored = {c["id"]: c["body"] for c in listed}
        for plan, comment_id, body in tally.comments:
            if plan == plan_id:
                assert stored.get(comment_id) == body, f"comment {comment_id} lost"

    verifying = time.monotonic()
    verified = maatwerk_command(["audit", "verify"], a.env, timeout=120)
    assert verified.returncode == 0, verified.stdout[-1000:] + verified.stderr[-2000:]
    return {
        "phase": phase,
        "acknowledged": len(tally.acks),
        "recovered": sum(k.recovered for k in tally.acks),
        "conflicts": tally.conflicts,
        "comments": len(tally.comments),
        "connection_errors": tally.connection_errors,
        "uncertain": tally.uncertain,
        "gave_up": tally.gave_up,
        "answers": sum(tally.answers.values()),
        "by_server": dict(tally.by_server),
        "audit": verified.stdout.strip()[-200:],
        "check_seconds": round(time.monotonic() - checking, 1),
        "history_seconds": round(history_seconds, 1),
        "verify_seconds": round(time.monotonic() - verifying, 1),
    }


def test_soak_steady(world):
    tally = Tally()
    clock, threads = run_clients(world, tally, "steady", SOAK_SECONDS)
    join(threads, clock)
    report = check(world, tally, "steady")
    print(report)
    assert report["conflicts"] > 0  # they really raced
    assert all(report["by_server"].get((s.name, 2), 0) > 0 for s in world.servers)


def test_soak_while_a_worker_and_a_server_are_killed(world):
    a, b = world.servers
    tally = Tally()
    events: dict[str, Any] = {}
    started = time.monotonic()
    clock, threads = run_clients(world, tally, "kill", KILL_PHASE_SECONDS)
    planned = clock.deadline

    # A worker of A dies mid-request: its master replaces it.
    time.sleep(KILL_PHASE_SECONDS * 0.15)
    victim = a.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    events["worker_killed_at"] = round(time.monotonic() - started, 1)
    # The whole of B dies (master and worker, as a crashed host) and is started again.
    time.sleep(KILL_PHASE_SECONDS * 0.15)
    b.kill()
    events["server_killed_at"] = round(time.monotonic() - started, 1)
    time.sleep(1)
    b.start()
    events["server_back_at"] = round(time.monotonic() - started, 1)
    with tally.lock:
        before_restart = tally.by_server[(b.name, 2)]
    # The restarted server serves for at least 5 s more (at most 30 s past the plan).
    clock.deadline = min(max(planned, time.monotonic() + 5), planned + 30)
    join(threads, clock)
    events["seconds"] = round(time.monotonic() - started, 1)

    a.wait_ready(30)  # A has its 2 workers again
    assert victim not in a.worker_pids()
    assert b.starts == 2
    with tally.lock:
        assert tally.by_server[(b.name, 2)] > before_restart, "restarted B served nothing"
    report = check(world, tally, "kill")
    report.update(events)
    print(report)
