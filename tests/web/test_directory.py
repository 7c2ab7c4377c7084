"""The service directory: interventions and organisations by text, life domain and area."""

from __future__ import annotations

import pytest

from maatwerk.accounts.operations import create_organisation
from maatwerk.catalogue.models import Area, Intervention, InterventionDomain
from maatwerk.core.db import db
from maatwerk.core.enums import AreaKind, Domain, Sector
from tests.web.helpers import text


@pytest.fixture
def catalogue(setting, db_session):
    town = Area(name="Kanaaldorp", kind=AreaKind.MUNICIPALITY)
    village = Area(name="Sluisje", kind=AreaKind.VILLAGE, parent=town)
    other = Area(name="Heidestad", kind=AreaKind.MUNICIPALITY)
    db.session.add_all([town, village, other])
    budget = create_organisation("Budgetmaatjes Kanaal", Sector.WELFARE)
    sport = create_organisation("Sportclub Heide", Sector.OTHER)
    db.session.add_all(
        [
            Intervention(
                name="Schuldhulp Samen",
                description="Samen de schulden op een rij.",
                organisations=[budget],
                areas=[village],
                domain_links=[InterventionDomain(domain=Domain.ECONOMIC)],
            ),
            Intervention(
                name="Sporten voor iedereen",
                description="Meedoen aan sport.",
                organisations=[sport],
                areas=[other],
                domain_links=[InterventionDomain(domain=Domain.SOCIAL)],
            ),
            Intervention(
                name="Opvoedsteun overal",
                description="Hulp bij opvoeden, in de hele regio.",
                organisations=[budget],
                domain_links=[InterventionDomain(domain=Domain.PEDAGOGICAL)],
            ),
        ]
    )
    db_session.commit()
    return {"town": town, "village": village, "other": other}


def _names(page: str) -> set[str]:
    return {
        name
        for name in ("Schuldhulp Samen", "Sporten voor iedereen", "Opvoedsteun overal")
        if name in page
    }


def test_everything_is_listed_without_a_search(setting, login, catalogue):
    page = text(login(setting.coordinator).get("/sociale-kaart"))
    assert _names(page) == {"Schuldhulp Samen", "Sporten voor iedereen", "Opvoedsteun overal"}
    assert "Budgetmaatjes Kanaal" in page and "Sportclub Heide" in page


def test_search_by_text(setting, login, catalogue):
    page = text(login(setting.coordinator).get("/sociale-kaart?q=SCHULD"))
    assert _names(page) == {"Schuldhulp Samen"}
    assert "Budgetmaatjes Kanaal" in page and "Sportclub Heide" not in page
    # The name of a providing organisation finds its interventions too.
    page = text(login(setting.coordinator).get("/sociale-kaart?q=sportclub"))
    assert _names(page) == {"Sporten voor iedereen"}


def test_search_by_domain(setting, login, catalogue):
    page = text(login(setting.coordinator).get("/sociale-kaart?domain=social"))
    assert _names(page) == {"Sporten voor iedereen"}
    assert "Mensen om je heen" in page


def test_search_by_area_includes_its_villages_and_region_wide_offers(setting, login, catalogue):
    client = login(setting.coordinator)
    by_town = text(client.get(f"/sociale-kaart?area={catalogue['town'].id}"))
    assert _names(by_town) == {"Schuldhulp Samen", "Opvoedsteun overal"}
    by_village = text(client.get(f"/sociale-kaart?area={catalogue['village'].id}"))
    assert _names(by_village) == {"Schuldhulp Samen", "Opvoedsteun overal"}
    elsewhere = text(client.get(f"/sociale-kaart?area={catalogue['other'].id}&domain=economic"))
    assert _names(elsewhere) == set()
    assert "Geen interventies gevonden" in elsewhere


def test_bad_parameters_are_ignored(setting, login, catalogue):
    response = login(setting.coordinator).get("/sociale-kaart?area=abc&domain=nonsense&q=%25")
    assert response.status_code == 200
    assert _names(text(response)) == set()  # '%' is searched literally


def test_the_family_may_use_the_directory_too(setting, login, catalogue):
    assert login(setting.family).get("/sociale-kaart").status_code == 200


def test_a_neighbourhood_is_in_the_area_filter_and_finds_around_it(setting, login, catalogue):
    harbour = Area(name="Havenbuurt", kind=AreaKind.NEIGHBOURHOOD, parent=catalogue["village"])
    db.session.add(harbour)
    db.session.add(
        Intervention(
            name="Buurtkamer Haven",
            organisations=[],
            areas=[harbour],
            domain_links=[InterventionDomain(domain=Domain.SOCIAL)],
        )
    )
    db.session.commit()
    client = login(setting.coordinator)
    page = client.get("/sociale-kaart").get_data(as_text=True)
    assert f'<option value="{harbour.id}">Sluisje \u203a Havenbuurt</option>' in page
    # The neighbourhood: its own offer, its village's and the region-wide one.
    by_harbour = text(client.get(f"/sociale-kaart?area={harbour.id}"))
    assert f'<option value="{harbour.id}" selected>' in by_harbour
    assert _names(by_harbour) == {"Schuldhulp Samen", "Opvoedsteun overal"}
    assert "Buurtkamer Haven" in by_harbour
    # The municipality includes what its neighbourhoods offer.
    assert "Buurtkamer Haven" in text(client.get(f"/sociale-kaart?area={catalogue['town'].id}"))
    assert "Buurtkamer Haven" not in text(
        client.get(f"/sociale-kaart?area={catalogue['other'].id}")
    )
