"""Plan detail and list endpoints cost a constant number of queries, whatever the size."""

from __future__ import annotations

from maatwerk.core.enums import Carrier, Domain
from maatwerk.goals.operations import add_action, add_goal
from maatwerk.plans.operations import add_comment, add_team_member
from tests.plans.flow import earlier_plan


def grow(setting, goals: int, actions_per_goal: int) -> None:
    plan = setting.plan
    for n in range(goals):
        goal = add_goal(plan, domain=list(Domain)[n % 5], title=f"Doel {n}", actor=setting.family)
        for m in range(actions_per_goal):
            add_action(
                plan,
                description=f"Actie {n}.{m}",
                carrier=Carrier.PROFESSIONAL,
                goals=[goal],
                lead_organisation=setting.municipality,
                participating=[setting.ggz],
                assigned_user=setting.member,
                actor=setting.member,
            )
        add_comment(plan, f"Bericht {n}", actor=setting.family)


def count(count_queries, api, url):
    with count_queries() as counter:
        response = api.get(url)
    assert response.status_code == 200, response.get_json()
    return counter.count


DETAIL_URLS = ["", "/goals", "/actions", "/team-members", "/comments", "/transitions", "/history"]


def test_plan_detail_endpoints_are_constant(setting, as_user, count_queries, db_session):
    api = as_user(setting.member)
    base = f"/api/v1/plans/{setting.plan.id}"
    grow(setting, 1, 1)
    db_session.commit()
    small = {url: count(count_queries, api, base + url) for url in DETAIL_URLS}
    grow(setting, 12, 3)
    db_session.commit()
    large = {url: count(count_queries, api, base + url) for url in DETAIL_URLS}
    assert large == small


def _staffed(plan, setting) -> None:
    add_team_member(plan, setting.member, actor=setting.coordinator)
    add_goal(plan, domain=Domain.MENTAL, title="Rust", actor=setting.family)


def test_plan_list_is_constant(setting, as_user, count_queries, db_session):
    api = as_user(setting.coordinator)
    grow(setting, 2, 2)
    db_session.commit()
    small = count(count_queries, api, "/api/v1/plans?pageSize=100")
    for _ in range(30):
        earlier_plan(setting.household, setting.coordinator, lambda plan: _staffed(plan, setting))
    db_session.commit()
    response = api.get("/api/v1/plans?pageSize=100")
    assert response.get_json()["totalCount"] == 31
    assert count(count_queries, api, "/api/v1/plans?pageSize=100") == small
