"""Edit conflicts on entries without a history (organisations, staff accounts): two people
edit the same entry in two tabs; the second, refused on the old version, saves again what
the page offers, and neither change is lost (web/shown.py)."""

from __future__ import annotations

from maatwerk.accounts.models import Organisation, User
from tests.admin.conftest import login_client
from tests.web.helpers import hidden_value, served


def test_an_organisation_conflict_can_be_saved_and_keeps_both_changes(app, world, db_session):
    url = f"/beheerder/organisaties/{world.organisation.id}"
    tab_a, tab_b = login_client(app, world.admin), login_client(app, world.admin)
    page_a, page_b = served(tab_a.get(url)), served(tab_b.get(url))

    def post(client, page, **fields):
        data = {
            "name": world.organisation.name,
            "sector": "welfare",
            "version": hidden_value(page, "version"),
            "shown": hidden_value(page, "shown"),
            **fields,
        }
        return client.post(url, data=data)

    assert post(tab_a, page_a, name="Welzijn Nieuw").status_code == 302
    refused = post(tab_b, page_b, sector="care")
    assert refused.status_code == 409
    again = served(refused)
    assert hidden_value(again, "version") == str(world.organisation.version)  # no endless 409
    saved = post(tab_b, again, name="Welzijn Nieuw", sector="care")
    assert saved.status_code == 302, served(saved)[:500]
    db_session.expire_all()
    found = db_session.get(Organisation, world.organisation.id)
    assert (found.name, found.sector.value) == ("Welzijn Nieuw", "care")


def test_an_account_conflict_can_be_saved_and_keeps_both_changes(app, world, db_session):
    url = f"/beheerder/accounts/{world.professional.id}"
    tab_a, tab_b = login_client(app, world.admin), login_client(app, world.admin)
    page_a, page_b = served(tab_a.get(url)), served(tab_b.get(url))
    person = world.professional

    def post(client, page, **fields):
        data = {
            "display_name": person.display_name,
            "email": person.email or "",
            "phone": person.phone or "",
            "version": hidden_value(page, "version"),
            "shown": hidden_value(page, "shown"),
            **fields,
        }
        return client.post(url, data=data)

    assert post(tab_a, page_a, display_name="Nieuwe Naam").status_code == 302
    refused = post(tab_b, page_b, email="nieuw@example.org")
    assert refused.status_code == 409
    again = served(refused)
    assert 'value="Nieuwe Naam"' in again
    saved = post(tab_b, again, display_name="Nieuwe Naam", email="nieuw@example.org")
    assert saved.status_code == 302, served(saved)[:500]
    db_session.expire_all()
    found = db_session.get(User, person.id)
    assert (found.display_name, found.email) == ("Nieuwe Naam", "nieuw@example.org")
