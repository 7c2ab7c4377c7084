"""Edit conflicts on entries without a history (catalogue entries): two people edit the
same entry in two tabs; the second, refused on the old version, saves again what the page
offers, and neither change is lost (web/shown.py)."""

from __future__ import annotations

import html

from maatwerk.catalogue.models import Intervention, OperationalGoal
from tests.web.helpers import hidden


def _hidden(page: str, name: str) -> str:
    return html.unescape(hidden(page, name) or "")


def text(response) -> str:
    """The page as served (hidden values still escaped, as a browser reads them)."""
    return response.get_data(as_text=True)


def test_a_catalogue_edit_refused_as_stale_keeps_the_colleagues_rename(cat, login, db_session):
    path = f"/catalogi/interventies/{cat['kansen'].id}"
    tab_a, tab_b = login(cat["programme"]), login(cat["programme"])
    shown_a, shown_b = text(tab_a.get(path)), text(tab_b.get(path))
    form = {"domains": "cultural", "description": ""}

    def post(client, page, **fields):
        data = {
            **form,
            "name": cat["kansen"].name,
            "version": _hidden(page, "version"),
            "shown": _hidden(page, "shown"),
            **fields,
        }
        return client.post(path, data=data)

    assert post(tab_a, shown_a, name="Naam A").status_code == 302
    refused = post(tab_b, shown_b, description="Beschrijving B")
    assert refused.status_code == 409
    again = text(refused)
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
    shown_b = text(tab_b.get(path))
    page_a = text(tab_a.get(path))
    base = {"programme_line": goal.programme_line.value, "phase_plan": str(goal.phase_plan)}
    first = {**base, "text": "Tekst A", "measurement": goal.measurement or ""}
    first |= {"version": _hidden(page_a, "version"), "shown": _hidden(page_a, "shown")}
    assert tab_a.post(path, data=first).status_code == 302
    second = {**base, "text": "Tekst B", "measurement": "Meting B"}
    second |= {"version": _hidden(shown_b, "version"), "shown": _hidden(shown_b, "shown")}
    refused = tab_b.post(path, data=second)
    assert refused.status_code == 409
    page = text(refused)
    assert "Tekst B" in page and "Meting B" in page
    assert "hebben allebei veranderd: Operationeel doel" in page
    db_session.expire_all()
    assert db_session.get(OperationalGoal, goal.id).text == "Tekst A"
