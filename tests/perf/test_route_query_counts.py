"""Constant cost per request: the number of SQL statements of every GET route of the app
(API and pages), generated from the route map, does not depend on the size of a plan or on
the number of households, and stays within its recorded bound.

- A GET route that is not in COUNTS fails the suite: add a row for every new endpoint.
- Each (route, role) of COUNTS is requested in the small world, again after `grow_deep`
  (the same plan, household, sessions and budget much bigger) and again after `grow_wide`
  (more than a page of households, plans, barriers, sessions, lessons ... the user sees,
  and as many the user does not see): tests/perf/world.py. The three counts must be equal:
  a list costs the same with 1 item as with a full page (no N+1), and the same with one
  page as with several.
- COUNTS[route][role] is the most statements the request may cost on SQLite and on
  PostgreSQL: today's count. A request above it fails (a regression); one below it is
  reported, so that the bound can be lowered.
- VARIES names the few requests whose count legitimately differs between the worlds, with
  the exact difference; STATUS the requests answered other than 200 by design.
- The table of every count is printed and written to test-artifacts/query-counts-<db>.md;
  docs/QUERY_COUNTS.md explains it.
"""

from __future__ import annotations

from pathlib import Path

from maatwerk.accounts import sessions
from tests.perf.counting import difference, get_routes, measure, probes
from tests.perf.world import PAGED, build_small, grow_deep, grow_wide, list_sizes

PAGE = 25  # the API's default page size; the pages show 25 to 50
KNOWLEDGE_BASE_PAGE = 50
BACKENDS = ("sqlite", "postgresql")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# "METHOD /route": {role: (SQLite, PostgreSQL)}: the most statements one request may cost,
# today's count. Roles are those of tests/security/world.py; each route is requested as
# the role(s) it is for. An audit event costs 1 statement on PostgreSQL and 4 on SQLite
# (3 without households): PostgreSQL locks the chain's head, computes the hash and writes
# the event, its household index and the new head in one statement
# (maatwerk/audit/operations.py).
COUNTS: dict[str, dict[str, tuple[int, int]]] = {
    # The dashboard, as /werk below.
    "GET /": {
        "pro_team": (21, 18),
        "family": (3, 3),
        "admin": (3, 3),
        "manager": (19, 14),
        "programme": (3, 3),
        "anonymous": (0, 0),
    },
    "GET /account": {"pro_team": (4, 4)},
    "GET /account-instellen": {"anonymous": (0, 0)},
    "GET /account/tweestapsverificatie": {"pro_team": (4, 4)},
    "GET /account/wachtwoord": {"pro_team": (4, 4)},
    "GET /activeren": {"anonymous": (0, 0)},
    "GET /wachtwoord-herstellen": {"anonymous": (0, 0)},
    "GET /api/v1/actions/<action_id>": {"pro_team": (11, 8), "family": (13, 10)},
    "GET /api/v1/actions/<action_id>/transitions": {"pro_team": (8, 5), "family": (9, 6)},
    # The administrator's: a page of accounts or organisations costs the same however many.
    "GET /api/v1/admin/accounts": {"admin": (5, 5)},
    "GET /api/v1/admin/accounts/<account_id>": {"admin": (4, 4)},
    "GET /api/v1/admin/organisations": {"admin": (5, 5)},
    "GET /api/v1/admin/organisations/<organisation_id>": {"admin": (4, 4)},
    "GET /api/v1/areas": {"pro_team": (6, 6)},
    "GET /api/v1/areas/<area_id>": {"pro_team": (5, 5)},
    "GET /api/v1/barrier-agenda": {"programme": (10, 8)},
    "GET /api/v1/barriers": {
        "pro_team": (14, 11),
        "family": (15, 12),
        "manager": (14, 11),
        "programme": (14, 11),
    },
    "GET /api/v1/barriers/<barrier_id>": {"pro_team": (13, 10), "manager": (13, 10)},
    "GET /api/v1/barriers/<barrier_id>/transitions": {"pro_team": (13, 10), "manager": (13, 10)},
    "GET /api/v1/case-reviews": {"programme": (12, 12), "expert": (12, 12), "pro_team": (4, 4)},
    "GET /api/v1/case-reviews/<session_id>": {"programme": (18, 18), "expert": (18, 18)},
    "GET /api/v1/case-reviews/<session_id>/case-candidates": {"programme": (27, 24)},
    "GET /api/v1/case-reviews/<session_id>/cases": {"programme": (22, 19), "expert": (22, 19)},
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>": {
        "programme": (22, 19),
        "expert": (22, 19),
    },
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>/review": {"programme": (22, 19)},
    "GET /api/v1/case-reviews/<session_id>/handout": {"programme": (22, 19), "expert": (22, 19)},
    "GET /api/v1/case-reviews/<session_id>/lessons": {"programme": (18, 18), "expert": (18, 18)},
    "GET /api/v1/case-reviews/<session_id>/participants/<user_id>": {
        "programme": (18, 18),
        "expert": (18, 18),
    },
    "GET /api/v1/case-reviews/<session_id>/transitions": {
        "programme": (18, 18),
        "expert": (18, 18),
    },
    "GET /api/v1/consents/<consent_id>": {"pro_team": (13, 10), "family": (13, 10)},
    "GET /api/v1/docs": {"anonymous": (0, 0)},
    "GET /api/v1/docs/assets/<filename>": {"anonymous": (0, 0)},
    "GET /api/v1/exports/case-outcomes": {"programme": (13, 11)},
    "GET /api/v1/flexible-budgets": {"manager": (5, 5), "programme": (5, 5)},
    "GET /api/v1/flexible-budgets/<budget_id>": {"manager": (5, 5), "programme": (5, 5)},
    "GET /api/v1/flexible-budgets/<budget_id>/grants": {"manager": (11, 8), "programme": (10, 7)},
    "GET /api/v1/goals/<goal_id>": {"pro_team": (8, 5), "family": (9, 6)},
    "GET /api/v1/goals/<goal_id>/transitions": {"pro_team": (8, 5), "family": (9, 6)},
    "GET /api/v1/households": {"pro_team": (13, 10), "family": (14, 11)},
    "GET /api/v1/households/<household_id>": {"pro_team": (12, 9), "family": (12, 9)},
    "GET /api/v1/households/<household_id>/access-log": {"pro_team": (14, 11), "family": (14, 11)},
    "GET /api/v1/households/<household_id>/consents": {"pro_team": (12, 9), "family": (12, 9)},
    "GET /api/v1/households/<household_id>/export": {"pro_team": (36, 33), "family": (36, 33)},
    "GET /api/v1/households/<household_id>/members": {"pro_team": (12, 9), "family": (12, 9)},
    "GET /api/v1/households/<household_id>/members/<member_id>": {"pro_team": (12, 9)},
    "GET /api/v1/interventions": {"pro_team": (8, 8)},
    "GET /api/v1/interventions/<intervention_id>": {"pro_team": (7, 7)},
    "GET /api/v1/lessons": {"pro_team": (10, 10), "programme": (10, 10)},
    "GET /api/v1/lessons/<lesson_id>": {"programme": (9, 9), "expert": (10, 10)},
    "GET /api/v1/me": {"pro_team": (4, 4), "family": (4, 4)},
    "GET /api/v1/monitoring/annual-report": {"programme": (16, 14)},
    "GET /api/v1/monitoring/indicators": {"programme": (8, 8)},
    "GET /api/v1/monitoring/indicators/<key>": {"programme": (8, 8)},
    "GET /api/v1/notifications": {"pro_team": (6, 6), "manager": (6, 6)},
    "GET /api/v1/openapi.json": {"anonymous": (0, 0)},
    "GET /api/v1/operational-goals": {"pro_team": (5, 5)},
    "GET /api/v1/operational-goals/<goal_id>": {"pro_team": (4, 4)},
    "GET /api/v1/organisations": {"pro_team": (5, 5)},
    "GET /api/v1/organisations/<organisation_id>": {"pro_team": (4, 4)},
    "GET /api/v1/plans": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>": {"pro_team": (11, 8), "family": (12, 9)},
    "GET /api/v1/plans/<plan_id>/actions": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>/comments": {"pro_team": (18, 15), "family": (19, 16)},
    "GET /api/v1/plans/<plan_id>/goals": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>/history": {"pro_team": (18, 15), "family": (19, 16)},
    "GET /api/v1/plans/<plan_id>/outcome-scores": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>/outcome-scores/<score_id>": {"pro_team": (8, 5), "family": (9, 6)},
    "GET /api/v1/plans/<plan_id>/pdf": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>/surveys": {"pro_team": (19, 16), "family": (20, 17)},
    "GET /api/v1/plans/<plan_id>/team-members": {"pro_team": (17, 14), "family": (18, 15)},
    "GET /api/v1/plans/<plan_id>/transitions": {"pro_team": (16, 13), "family": (17, 14)},
    "GET /api/v1/reflections": {"programme": (7, 7)},
    "GET /api/v1/reflections/<session_id>": {"programme": (7, 7)},
    "GET /api/v1/survey-statements": {"pro_team": (3, 3)},
    "GET /api/v1/workflows": {"pro_team": (3, 3)},
    "GET /api/v1/workflows/<name>": {"pro_team": (3, 3)},
    "GET /api/v1/workflows/<name>/diagram.svg": {"pro_team": (3, 3)},
    "GET /beheerder": {"admin": (9, 9)},
    "GET /beheerder/accounts": {"admin": (6, 6)},
    "GET /beheerder/accounts/<account_id>": {"admin": (4, 4)},
    "GET /beheerder/accounts/nieuw": {"admin": (4, 4)},
    "GET /beheerder/organisaties": {"admin": (5, 5)},
    "GET /beheerder/organisaties/<organisation_id>": {"admin": (4, 4)},
    "GET /beheerder/organisaties/nieuw": {"admin": (3, 3)},
    "GET /casusbesprekingen": {"programme": (12, 12), "expert": (12, 12), "pro_team": (5, 5)},
    "GET /casusbesprekingen/<session_id>": {"programme": (22, 22), "expert": (21, 21)},
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>": {
        "programme": (22, 19),
        "expert": (22, 19),
    },
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>/beoordelen": {"programme": (22, 19)},
    "GET /casusbesprekingen/<session_id>/hand-out.pdf": {"programme": (22, 19), "expert": (22, 19)},
    "GET /casusbesprekingen/<session_id>/projectie": {"programme": (22, 19), "expert": (22, 19)},
    "GET /healthz": {"anonymous": (1, 1)},
    "GET /kennisbank": {"pro_team": (13, 13), "programme": (13, 13)},
    "GET /knelpunten": {"manager": (14, 11), "pro_team": (14, 11), "programme": (14, 11)},
    "GET /knelpunten/<barrier_id>": {"manager": (14, 11), "pro_team": (13, 10)},
    "GET /knelpunten/agenda": {"programme": (10, 8)},
    "GET /knelpunten/agenda.csv": {"programme": (13, 9)},
    "GET /knelpunten/agenda.pdf": {"programme": (13, 9)},
    "GET /knelpunten/melden/<plan_id>": {"pro_team": (18, 15)},
    "GET /login": {"anonymous": (0, 0)},
    "GET /login/code": {"anonymous": (0, 0)},
    "GET /maatwerkbudget": {"manager": (6, 6), "programme": (6, 6)},
    "GET /meldingen": {"manager": (7, 7), "pro_team": (7, 7)},
    # The programme's catalogue pages (Catalogi): the overview counts each catalogue; the
    # intervention form lists the organisations and the municipalities with their places.
    "GET /catalogi": {"programme": (6, 6)},
    "GET /catalogi/doelen": {"programme": (4, 4)},
    "GET /catalogi/doelen/<operational_goal_id>": {"programme": (4, 4)},
    "GET /catalogi/doelen/nieuw": {"programme": (3, 3)},
    "GET /catalogi/gebieden": {"programme": (6, 6)},
    "GET /catalogi/gebieden/<area_id>": {"programme": (4, 4)},
    "GET /catalogi/interventies": {"programme": (7, 7)},
    "GET /catalogi/interventies/<intervention_id>": {"programme": (10, 10)},
    "GET /catalogi/interventies/nieuw": {"programme": (6, 6)},
    "GET /monitoring": {"programme": (8, 8)},
    "GET /monitoring/export.csv": {"programme": (11, 9)},
    "GET /monitoring/indicatoren/<key>": {"programme": (8, 8)},
    "GET /monitoring/jaarverslag.pdf": {"programme": (16, 14)},
    "GET /ons-plan": {"family": (34, 28)},
    "GET /ons-plan/<plan_id>": {"family": (34, 28)},
    "GET /ons-plan/<plan_id>/eigen-doel": {"family": (18, 15)},
    "GET /ons-plan/<plan_id>/pdf": {"family": (18, 15)},
    "GET /ons-plan/downloaden": {"family": (18, 15)},
    "GET /ons-plan/onze-gegevens.json": {"family": (37, 34)},
    "GET /ons-plan/toestemming": {"family": (13, 10)},
    "GET /ons-plan/wie-keek-er": {"family": (16, 13)},
    "GET /portaal/activatiecode/<plan_id>": {"pro_team": (21, 18)},
    # Nothing kept for display in the world (no code was just made): the "shown" notice.
    "GET /portaal/code": {"pro_team": (4, 4)},
    "GET /reflectie": {"programme": (7, 7)},
    "GET /reflectie/<session_id>": {"programme": (8, 8)},
    "GET /sociale-kaart": {"pro_team": (10, 10)},
    "GET /static/<filename>": {"anonymous": (0, 0)},
    "GET /vragenlijst/<plan_id>": {"family": (19, 16), "pro_team": (18, 15)},
    # The dashboard reads the previous visit and records this one on the session row; +1
    # since the family's (and others') new messages are counted per plan in one grouped
    # statement ("2 new messages" under "Changed since your last visit").
    "GET /werk": {"pro_team": (21, 18), "manager": (19, 14)},
    "GET /werk/acties/<action_id>/bewerken": {"pro_team": (25, 19)},
    "GET /werk/acties/<action_id>/knelpunt": {"pro_team": (25, 19)},
    "GET /werk/doelen/<goal_id>/bewerken": {"pro_team": (22, 16)},
    "GET /werk/intake": {"pro_team": (6, 6)},
    "GET /werk/plannen/<plan_id>": {"pro_team": (27, 24)},
}

# Query strings for routes that need one (none yet).
QUERIES: dict[str, str] = {
    # A k no world meets: the refusal reads every household with learning consent in the
    # same statements as a released export (only the audit event differs), so the count is
    # the same in every world (without it the small world is refused, the others released).
    "GET /api/v1/exports/case-outcomes": "?k=1000",
}

# Requests answered with something other than 200 by design: {route: {role: status}}.
STATUS: dict[str, dict[str, int]] = {
    "GET /": {"family": 302, "admin": 302},  # the family's is /ons-plan, the admin's /beheerder
    "GET /login/code": {"anonymous": 302},  # no login waits for its second step: /login
    # k=1000 (QUERIES): no world has that many households with learning consent.
    "GET /api/v1/exports/case-outcomes": {"programme": 422},
}

# Routes whose count legitimately differs between the worlds, with the reason:
# {route: {role: (deep - small, wide - small)}}, exact differences.
VARIES: dict[str, dict[str, tuple[int, int]]] = {
    # The history shows the newest 15 revisions; the organisations, users and interventions
    # they name are looked up in one query per kind named (maatwerk/web/history_words.py).
    # Small: the newest include an action (its lead organisation, assignee); deep and wide:
    # they are goal edits, comments, barriers and scores.
    "GET /werk/plannen/<plan_id>": {"pro_team": (-2, -2)},
}


def test_every_get_route_has_a_count(app):
    present = {route.key for route in get_routes(app)}
    unknown = sorted(present - set(COUNTS))
    assert not unknown, (
        "GET routes without a query count. Add a row per route to COUNTS in "
        "tests/perf/test_route_query_counts.py (the role to request it as, and its count):\n"
        + "\n".join(f'    "{key}": {{"<role>": (0, 0)}},' for key in unknown)
    )
    gone = sorted(set(COUNTS) - present)
    assert not gone, f"Rows for routes that no longer exist: {gone}"
    assert not (set(QUERIES) | set(STATUS) | set(VARIES)) - present


def _table(rows: list[tuple[str, str, int, int, int, int]]) -> str:
    lines = ["| route | role | small | deep | wide | bound |", "|---|---|---:|---:|---:|---:|"]
    lines += [f"| `{k}` | {r} | {s} | {d} | {w} | {b} |" for k, r, s, d, w, b in rows]
    return "\n".join(lines)


def _check_growth(sizes: dict[str, dict[str, int]]) -> None:
    """The worlds are what the test needs: no list empty when small, every paged list
    beyond a page when wide, every other list bigger when grown."""
    empty = [key for key, n in sizes["small"].items() if n < 1]
    assert not empty, f"Lists empty in the small world: {empty}"
    paged = {f"{role} {pattern}" for role, pattern in PAGED}
    short = [key for key in paged if sizes["wide"][key] <= PAGE]
    assert not short, f"Lists within one page in the wide world: {short} ({sizes['wide']})"
    assert sizes["wide"]["programme /api/v1/lessons"] > KNOWLEDGE_BASE_PAGE
    same = [
        key
        for key in set(sizes["small"]) - paged
        if max(sizes["deep"][key], sizes["wide"][key]) <= sizes["small"][key]
    ]
    assert not same, f"Lists the growth did not grow: {same}"


def test_query_counts_are_constant_and_bounded(
    app, db_session, client, count_queries, backend, monkeypatch
):
    # The session row's last_seen_at is written at most once a minute: never while counting.
    monkeypatch.setattr(sessions, "TOUCH_SECONDS", 10**9)
    world = build_small(client)
    wanted = probes(app, world, COUNTS, QUERIES)
    small = measure(app, world, wanted, count_queries)
    sizes = {"small": list_sizes(app, world)}
    grow_deep(world)
    deep = measure(app, world, wanted, count_queries)
    sizes["deep"] = list_sizes(app, world)
    grow_wide(world)
    wide = measure(app, world, wanted, count_queries)
    sizes["wide"] = list_sizes(app, world)
    _check_growth(sizes)

    problems, lower, rows = [], [], []
    for probe in wanted:
        at = (probe.key, probe.role)
        bound = COUNTS[probe.key][probe.role][BACKENDS.index(backend)]
        counts = tuple(m[at].count for m in (small, deep, wide))
        rows.append((*at, *counts, bound))
        expected_status = STATUS.get(probe.key, {}).get(probe.role, 200)
        for name, m in zip(("small", "deep", "wide"), (small, deep, wide), strict=True):
            if m[at].status != expected_status:
                problems.append(f"{probe.role} {probe.url} [{name}]: status {m[at].status}")
        varies = VARIES.get(probe.key, {}).get(probe.role)
        if varies is not None:
            if (counts[1] - counts[0], counts[2] - counts[0]) != varies:
                problems.append(
                    f"{probe.role} {probe.key}: {counts}, expected exactly small "
                    f"{varies[0]:+d} (deep) and {varies[1]:+d} (wide)"
                )
        else:
            for name, before, after in (("deep", small, deep), ("wide", deep, wide)):
                if after[at].count != before[at].count:
                    problems.append(
                        f"{probe.role} {probe.key}: {before[at].count} -> {after[at].count} "
                        f"statements after growing {name}:\n{difference(before[at], after[at])}"
                    )
        if max(counts) > bound:
            problems.append(f"{probe.role} {probe.key}: {max(counts)} statements, bound {bound}")
        elif max(counts) < bound:
            lower.append(f"{probe.role} {probe.key}: {max(counts)} < bound {bound}")

    table = _table(rows)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"query-counts-{backend}.md").write_text(table + "\n", encoding="utf-8")
    print(f"\nSQL statements per request ({backend}):\n{table}")
    if lower:
        print("Below their bound (lower COUNTS):\n" + "\n".join(lower))
    assert not problems, "\n".join(problems)
