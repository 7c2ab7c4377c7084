"""One set of words per audience for the life domains: the family's portal and the family's
PDF say the same, and every professionals' page says the professionals' words, which are
the family's except for the people around the family."""

from __future__ import annotations

import pytest

from maatwerk.core.enums import Domain
from maatwerk.goals.operations import add_goal
from maatwerk.plans.pdf_labels import Words
from maatwerk.portal import labels as portal_labels
from maatwerk.web import labels as web_labels
from tests.plans.test_pdf import pdf_text
from tests.web.helpers import text

DUTCH = {
    Domain.ECONOMIC: "Geld en werk",
    Domain.SOCIAL: "Mensen om ons heen",
    Domain.CULTURAL: "Leren en meedoen",
    Domain.PEDAGOGICAL: "Kinderen en opvoeden",
    Domain.MENTAL: "Gezondheid en rust",
}


def _in(app, language: str, read):
    with app.test_request_context():
        from flask import session

        session["lang"] = language
        return read()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_family_pdf_uses_the_portals_words(app, language):
    for domain in Domain:
        portal = _in(app, language, lambda d=domain: str(portal_labels.DOMAINS[d.value]))
        pdf = _in(app, "nl", lambda d=domain: Words(language).of("domain", d.value))
        assert pdf == portal, domain
        if language == "nl":
            assert portal == DUTCH[domain]


def test_the_professionals_words_are_the_familys_but_for_the_people_around_them(app):
    from maatwerk.casereview.labels import cr_label

    for domain in Domain:
        pro = _in(app, "nl", lambda d=domain: web_labels.label("domain", d))
        assert _in(app, "nl", lambda d=domain: cr_label("domain", d)) == pro
        if domain is Domain.SOCIAL:
            assert pro == "Mensen om je heen"
        else:
            assert pro == DUTCH[domain]


def test_the_pages_and_the_pdf_show_the_same_words(setting, login, db_session):
    add_goal(setting.plan, domain="pedagogical", title="Vaste bedtijden", actor=setting.family)
    add_goal(setting.plan, domain="mental", title="Beter slapen", actor=setting.family)
    db_session.commit()
    pro = text(login(setting.coordinator).get(f"/werk/plannen/{setting.plan.id}"))
    family = login(setting.family)
    portal = text(family.get(f"/ons-plan/{setting.plan.id}"))
    pdf = pdf_text(family.get(f"/ons-plan/{setting.plan.id}/pdf").get_data())
    for words in (DUTCH[Domain.PEDAGOGICAL], DUTCH[Domain.MENTAL]):
        assert words in pro and words in portal and words in pdf
    for other in ("Kinderen en opvoeding", "Opvoeden", "Rust in je hoofd"):
        assert other not in pro and other not in portal and other not in pdf
