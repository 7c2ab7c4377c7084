"""Edit conflicts on entries without a history (catalogue entries): two people edit the
same entry in two tabs; the second, refused on the old version, saves again what the page
offers, and neither change is lost (web/shown.py)."""

from __future__ import annotations

from maatwerk.catalogue.models import Intervention, OperationalGoal
from tests.web.helpers import hidden_value, served


def test_a_catalogue_edit_refused_as_stale_keeps_the_colleagues_rename(cat, login, db_session):
    path = f"/catalogi/interventies/{cat['kansen'].id}"
    tab_a, tab_b = login(cat["programme"]), login(cat["programme"])
    shown_a, shown_b = served(tab_a.get(path)), served(tab_b.get(path))
    form = {"domains": "cultural", "description": ""}

    def post(client, page, **fields):
        data = {
            **form,
            "name": cat["kansen"].name,
            "version": hidden_value(page, "version"),
            "shown": hidden_value(page, "shown"),
            **fields,
        }
        return client.post(path, data=data)

    assert post(tab_a, shown_a, name="Naam A").status_code == 302
    refused = post(tab_b, shown_b, description="Beschrijving B")
    assert refused.status_code == 409
    again = served(refused)
    assert 'value="Naam A"' in again  # left alone by B: what A made of it
    assert "Beschrijving B" in again  # B's own change kept
    saved = post(tab_b, again, name="Naam A", description="Beschrijving B")
    assert saved.status_code == 302
    db_session.expire_all()
    found = db_session.get(Intervention, cat["kansen"].id)
    assert (found.name, found.description) == ("Naam A", "Beschrijving B")


def test_a_goal_changed_on_both_sides_keeps_the_input_and_names_the_field(cat, login, db_session):
    goal = db_session.query(OperationalGoal).order_by(OperationalGoal.id).first()
    path = f"/catalogi/doelen/{goal.id}"
    tab_a, tab_b = login(cat["programme"]), login(cat["programme"])
    shown_b = served(tab_b.get(path))
    page_a = served(tab_a.get(path))
    base = {"programme_line": goal.programme_line.value, "phase_plan": str(goal.phase_plan)}
    first = {**base, "text": "Tekst A", "measurement": goal.measurement or ""}
    first |= {"version": hidden_value(page_a, "version"), "shown": hidden_value(page_a, "shown")}
    assert tab_a.post(path, data=first).status_code == 302
    second = {**base, "text": "Tekst B", "measurement": "Meting B"}
    second |= {"version": hidden_value(shown_b, "version"), "shown": hidden_value(shown_b, "shown")}
    refused = tab_b.post(path, data=second)
    assert refused.status_code == 409
    page = served(refused)
    assert "Tekst B" in page and "Meting B" in page
    assert "hebben allebei veranderd: Operationeel doel" in page
    db_session.expire_all()
    assert db_session.get(OperationalGoal, goal.id).text == "Tekst A"
