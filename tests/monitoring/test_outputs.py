"""What the programme sees, on every output: pages, the API, CSV and the PDF.

No small cell leaks, also not through totals (checked independently on each output); no
household reference or member name anywhere.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

import pypdf

from maatwerk.monitoring.labels import DASH
from maatwerk.monitoring.models import AreaScope
from tests.monitoring.conftest import bearer, login
from tests.monitoring.world import SECRET_FAMILY, SECRET_GIVEN

SECRETS = (SECRET_GIVEN, SECRET_FAMILY, "HH-GEHEIM")


def assert_anonymous(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def check_json_breakdowns(detail: dict) -> int:
    """Independent check: in every table, a total never has exactly one hidden entry and
    no visible figure rests on fewer than 10 households. Returns the tables checked."""
    checked = 0
    for breakdown in detail["breakdowns"]:
        total, rows = breakdown["total"], breakdown["rows"]
        equations = [(total, rows)] + [(r, r["children"]) for r in rows if r["children"]]
        for head, parts in equations:
            for index, figure in enumerate(head["figures"]):
                entries = [figure] + [p["figures"][index] for p in parts]
                hidden = [e for e in entries if e["suppressed"]]
                assert len(hidden) != 1, (breakdown["dimension"], head["label"])
                checked += 1
        for line in [total, *rows, *(c for r in rows for c in r["children"])]:
            for figure in line["figures"]:
                assert figure["suppressed"] or figure["households"] >= 10
                if figure["suppressed"]:
                    assert figure["value"] is None and figure["households"] is None
                    assert figure["shown"] == "< 10"
    return checked


def test_api_breakdown_protects_small_cells_and_totals(app, crowd):
    w = crowd.world
    client = app.test_client()
    headers = bearer(client, w.programme)
    response = client.get("/api/v1/monitoring/indicators/plans_started?year=2024", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert check_json_breakdowns(body) > 3
    areas = next(b for b in body["breakdowns"] if b["dimension"] == "area")
    assert areas["total"]["figures"][0]["value"] == 40
    m1 = next(r for r in areas["rows"] if r["key"] == f"municipality:{w.m1.id}")
    assert m1["figures"][0]["value"] == 29
    children = {c["key"]: c["figures"][0] for c in m1["children"]}
    assert children[f"place:{w.v1.id}"]["value"] == 14
    assert children[f"place:{w.v2.id}"]["suppressed"]  # 3 households
    # The smallest other cell goes too, or 29 - 14 would give the 3 away.
    assert children[f"direct:{w.m1.id}"]["suppressed"]
    assert_anonymous(response.get_data(as_text=True))


def test_api_overview_and_filters(app, crowd):
    w = crowd.world
    client = app.test_client()
    headers = bearer(client, w.programme)
    body = client.get("/api/v1/monitoring/indicators?year=2024", headers=headers).get_json()
    goals = {g["code"]: g for g in body["goals"]}
    assert body["minimumHouseholds"] == 10 and body["previousYear"] == 2023
    started = goals["OD-08"]["indicators"][0]["series"][0]
    assert started["current"]["value"] == 40 and started["previous"]["value"] == 10
    assert started["trend"] == "up"
    for goal in body["goals"]:
        for indicator in goal["indicators"]:
            for series in indicator["series"]:
                for figure in (series["current"], series["previous"]):
                    assert (
                        figure["suppressed"]
                        or figure["households"] is None
                        or (figure["households"] >= 10)
                    )
    # A village with 3 households: its cell is suppressed, also in the overview.
    village = client.get(
        f"/api/v1/monitoring/indicators?year=2024&areaId={w.v2.id}", headers=headers
    ).get_json()
    od08 = next(g for g in village["goals"] if g["code"] == "OD-08")
    assert od08["indicators"][0]["series"][0]["current"]["shown"] == "< 10"
    # A village whose cell was hidden to protect another: hidden here too (no differencing).
    direct = client.get(
        f"/api/v1/monitoring/indicators?year=2024&areaId={w.v1.id}", headers=headers
    ).get_json()
    od08 = next(g for g in direct["goals"] if g["code"] == "OD-08")
    assert od08["indicators"][0]["series"][0]["current"]["value"] == 14
    bad = client.get("/api/v1/monitoring/indicators?year=1900", headers=headers)
    assert bad.status_code == 400
    assert bad.headers["Content-Type"].startswith("application/problem+json")
    # An unknown area or intervention is a bad filter, named as the query names it.
    for name in ("areaId", "interventionId"):
        unknown = client.get(f"/api/v1/monitoring/indicators?{name}=999999", headers=headers)
        assert unknown.status_code == 400
        assert unknown.mimetype == "application/problem+json"
        assert [p["name"] for p in unknown.get_json()["invalidParams"]] == [name]


def test_csv_export_protects_every_table(app, crowd):
    client = login(app, crowd.world.programme)
    response = client.get("/monitoring/export.csv?year=2024")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert_anonymous(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    # Rebuild every table from the CSV and check it independently.
    tables: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        tables[(row["indicator"], row["series"], row["breakdown"])].append(row)
        if row["shown"] == "< 10":
            assert row["value"] == "" and row["households"] == "< 10"
        elif row["households"] not in ("", DASH):
            assert int(row["households"].replace(".", "").replace(",", "")) >= 10
    checked = 0
    for lines in tables.values():
        total = next(r for r in lines if r["level"] == "total")
        tops = [r for r in lines if r["level"] == "1"]
        groups = [(total, tops)]
        current = None
        children: dict[int, list[dict]] = defaultdict(list)
        for r in lines:
            if r["level"] == "1":
                current = id(r)
                groups.append((r, children[current]))
            elif r["level"] == "2":
                children[current].append(r)
        for head, parts in groups:
            if not parts:
                continue
            hidden = sum(1 for r in [head, *parts] if r["shown"] == "< 10")
            assert hidden != 1, (head["indicator"], head["label"])
            checked += 1
    assert checked > 20
    started = [r for r in rows if r["indicator"] == "plans_started" and r["level"] == "total"]
    assert started[0]["value"] == "40"


def test_dashboard_and_indicator_pages(app, crowd):
    w = crowd.world
    client = login(app, w.programme)
    page = client.get("/monitoring?year=2024")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "OD-08" in html and "OD-17" in html and "&lt; 10" in html
    assert_anonymous(html)
    detail = client.get("/monitoring/indicatoren/plans_started?year=2024")
    assert detail.status_code == 200
    html = detail.get_data(as_text=True)
    assert "<svg" in html and ">40<" in html and w.v1.name in html
    assert_anonymous(html)
    filtered = client.get(
        f"/monitoring/indicatoren/plans_started?year=2024&areaId={w.m1.id}&domain=social"
    )
    assert filtered.status_code == 200
    assert client.get("/monitoring/indicatoren/nope").status_code == 404


def test_annual_report_pdf_contains_the_figures_and_no_one(app, crowd):
    from maatwerk.core.db import db
    from maatwerk.reflection.operations import add_finding, create_session, record_decision

    w = crowd.world
    goal = w.goals["OD-08"]
    session = create_session(year=2024, group="steering_group", actor=w.programme)
    add_finding(session, side="zij", text="Ons verhaal vertellen", actor=w.programme)
    record_decision(session, goal, decision="add_to_phase_plan", phase_plan=3, actor=w.programme)
    db.session.commit()
    client = login(app, w.programme)
    response = client.get("/monitoring/jaarverslag.pdf?year=2024")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "2024" in text and "40" in text and "< 10" in text
    assert "OD-08" in text and "Ons verhaal vertellen" in text
    assert "phase plan 3" in text.lower() or "faseplan 3" in text.lower()
    assert_anonymous(text)
    api = app.test_client()
    pdf = api.get("/api/v1/monitoring/annual-report?year=2024", headers=bearer(api, w.programme))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"


def test_area_scope_values():
    assert {s.value for s in AreaScope} == {"total", "municipality", "place", "direct"}
