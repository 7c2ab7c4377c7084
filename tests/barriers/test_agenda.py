"""The programme's agenda: structural barriers grouped by category and by rule or law, with
counts, ages, organisations and operational goals; CSV and PDF without personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf
import pytest

from maatwerk.barriers.agenda import agenda_csv, build_agenda
from maatwerk.barriers.models import Barrier
from maatwerk.catalogue.models import OperationalGoal
from maatwerk.core.db import utcnow
from maatwerk.core.enums import ProgrammeLine
from maatwerk.core.errors import Forbidden
from tests.barriers.conftest import escalated, fire

RULES = [
    ("waiting_list", "Wachtlijst specialistische GGZ", 40),
    ("waiting_list", "Wachtlijst specialistische GGZ", 10),
    ("waiting_list", "", 5),
    ("rules", "Wet gemeentelijke schuldhulpverlening", 20),
    ("budget", "=cmd|' /C calc'!A0", 1),
]


@pytest.fixture
def structural(d, as_user, db_session):
    """Five structural barriers of various kinds and ages, and one still escalated."""
    coordinator, manager = as_user(d.s.coordinator), as_user(d.manager)
    ids = []
    for category, rule, age in RULES:
        barrier_id = escalated(
            coordinator,
            d,
            category=category,
            ruleConcerned=rule,
            description="Anna Test wacht al maanden",
            organisationIds=[d.s.ggz.id, d.other_org.id],
        )
        assert fire(manager, barrier_id, "make_structural", "Regionaal").status_code == 200
        barrier = db_session.get(Barrier, barrier_id)
        barrier.reported_at = utcnow() - dt.timedelta(days=age)
        ids.append(barrier_id)
    escalated(coordinator, d)
    goal = OperationalGoal(
        code="W3",
        text="Randvoorwaarden voor samenwerking",
        phase_plan=2,
        programme_line=ProgrammeLine.FIELD,
    )
    db_session.add(goal)
    db_session.commit()
    return ids, goal


def test_the_agenda_groups_by_category_and_rule(d, structural):
    ids, _ = structural
    agenda = build_agenda(d.programme)
    assert agenda.total_count == 5
    first = agenda.by_category[0]
    assert (first.category, first.count, first.oldest_age_days) == ("waiting_list", 3, 40)
    assert [(r.rule, r.count, r.oldest_age_days, r.average_age_days) for r in first.rules] == [
        ("Wachtlijst specialistische GGZ", 2, 40, 25),
        ("", 1, 5, 5),
    ]
    assert first.organisations == sorted([d.s.ggz.name, d.other_org.name, d.s.municipality.name])
    assert [g.category for g in agenda.by_category] == ["waiting_list", "rules", "budget"]
    by_rule = {g.rule: g.count for g in agenda.by_rule}
    assert by_rule["Wachtlijst specialistische GGZ"] == 2 and by_rule[""] == 1
    assert first.rules[0].barrier_references == [f"K-{ids[0]:04d}", f"K-{ids[1]:04d}"]


def test_only_the_programme_sees_the_agenda(d, structural, as_user):
    for user in (d.manager, d.s.coordinator):
        with pytest.raises(Forbidden):
            build_agenda(user)
        assert as_user(user).get("/api/v1/barrier-agenda").status_code == 403
    body = as_user(d.programme).get("/api/v1/barrier-agenda").get_json()
    assert body["totalCount"] == 5
    assert body["byCategory"][0]["rules"][0]["count"] == 2


def test_linked_operational_goals_show_on_the_agenda(d, structural, as_user):
    ids, goal = structural
    programme = as_user(d.programme)
    url = f"/api/v1/barriers/{ids[0]}"
    etag = programme.get(url).headers["ETag"]
    linked = programme.put(
        f"{url}/operational-goals", json={"operationalGoalIds": [goal.id]}, etag=etag
    )
    assert linked.status_code == 200, linked.get_json()
    assert [g["code"] for g in linked.get_json()["operationalGoals"]] == ["W3"]
    assert linked.headers["ETag"] != etag  # the links are part of the barrier's version
    manager = as_user(d.manager)
    refused = manager.put(
        f"{url}/operational-goals",
        json={"operationalGoalIds": [goal.id]},
        etag=manager.get(url).headers["ETag"],
    )
    assert refused.status_code == 403
    unknown = programme.put(
        f"{url}/operational-goals",
        json={"operationalGoalIds": [999999]},
        etag=linked.headers["ETag"],
    )
    assert unknown.status_code == 400
    agenda = programme.get("/api/v1/barrier-agenda").get_json()
    assert agenda["byCategory"][0]["operationalGoals"] == [
        {"id": goal.id, "code": "W3", "text": goal.text}
    ]


def test_csv_one_row_per_category_and_rule_without_personal_data(d, structural, login):
    response = login(d.programme).get("/knelpunten/agenda.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["rule_or_law"], r["count"]) for r in rows][:2] == [
        ("Wachtlijst specialistische GGZ", "2"),
        ("", "1"),
    ]
    assert rows[0]["oldest_age_days"] == "40" and rows[0]["average_age_days"] == "25"
    assert d.other_org.name in rows[0]["organisations"]
    assert rows[-1]["rule_or_law"].startswith("'=")  # no formula injection
    for word in ("Anna", "Test", d.s.household.reference, d.action.description):
        assert word not in text
    plain = agenda_csv(build_agenda(d.programme))
    assert plain.splitlines()[0].split(",")[:3] == ["category", "rule_or_law", "count"]


def test_pdf_for_the_steering_group_without_personal_data(d, structural, login):
    response = login(d.programme).get("/knelpunten/agenda.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    # Words, not lines: where a cell wraps depends on the font found (pdf_fonts).
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Wachtlijst specialistische GGZ" in text
    assert "Wet gemeentelijke schuldhulpverlening" in text
    for word in ("Anna", "Test", d.s.household.reference, "wacht al maanden"):
        assert word not in text


def test_agenda_pages_are_for_the_programme_only(d, structural, login):
    assert login(d.programme).get("/knelpunten/agenda").status_code == 200
    for user in (d.manager, d.s.coordinator):
        browser = login(user)
        for url in ("/knelpunten/agenda", "/knelpunten/agenda.csv", "/knelpunten/agenda.pdf"):
            assert browser.get(url).status_code == 403, (user.role, url)


def test_a_name_in_the_rule_never_reaches_the_agenda(d, as_user, login):
    barrier_id = escalated(
        as_user(d.s.coordinator), d, category="rules", ruleConcerned="Afspraak voor Anna Test"
    )
    fire(as_user(d.manager), barrier_id, "make_structural", "Overal")
    rules = [g.rule for g in build_agenda(d.programme).by_rule]
    assert rules == ["Afspraak voor [naam]"]
    text = login(d.programme).get("/knelpunten/agenda.csv").get_data(as_text=True)
    assert "Anna" not in text and "[naam]" in text
    body = as_user(d.programme).get(f"/api/v1/barriers/{barrier_id}").get_json()
    assert body["ruleConcerned"] == "Afspraak voor [naam]"
    team = as_user(d.s.coordinator).get(f"/api/v1/barriers/{barrier_id}").get_json()
    assert team["ruleConcerned"] == "Afspraak voor Anna Test"  # the team sees its own words


def test_agenda_files_count_in_words_and_name_their_charset_once(d, structural, login):
    browser = login(d.programme)
    csv_response = browser.get("/knelpunten/agenda.csv")
    assert csv_response.headers["Content-Type"] == "text/csv; charset=utf-8"
    response = browser.get("/knelpunten/agenda.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.data)).pages)
    text = " ".join(text.split())
    assert "1 knelpunten" not in text and "1 knelpunt," in text
    assert "5 structurele knelpunten" in text
    assert "Knelpunten" in text.split("Regel of wet", 1)[1][:30]  # the header on one line
