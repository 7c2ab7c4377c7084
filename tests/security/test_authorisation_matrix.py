"""The authorisation matrix, generated from the app's route map: every route x every role
(tests/security/world.py) → the expected answer (letters: tests/security/matrix.py).

- A route that is not in EXPECTED fails the suite: add a row for every new endpoint.
- Reads (GET) run for every role; each answer also carries the security headers, and the
  whole sweep of a role changes nothing in the database (no state change on GET; only the
  audit trail, session rows and throttle counters may be written).
- State-changing calls run for every role too, each inside a savepoint that is rolled back;
  the body is BODIES[route] (ids filled from the world) or empty, so that the denial side is
  reached even where input is validated before access is checked.

Row layout: "family family_other | pro_team pro_other pro_withdrawn | manager programme
expert admin | anonymous", e.g. "OH OHH HHHH L".
"""

from __future__ import annotations

import pytest

from tests.security.matrix import (
    WRITES,
    call,
    client_for,
    expand,
    fill,
    format_row,
    letter,
    matches,
    parse_table,
    routes,
    same_cookie,
    snapshot,
    undone,
)
from tests.security.test_headers import check_headers
from tests.security.world import PASSWORD, ROLES, build_world

EXPECTED_ROWS: dict[str, str] = {
    "GET /": "OO OOO OOOO O",
    "GET /account": "OO OOO OOOO L",
    "GET /account/tweestapsverificatie": "OO OOO OOOO L",
    "POST /account/tweestapsverificatie/bevestigen": "VV VVV VVVV L",
    "POST /account/tweestapsverificatie/herstelcodes": "VV VVV VVVV L",
    "POST /account/tweestapsverificatie/starten": "CC CCC CCCC L",
    "GET /account/wachtwoord": "OO OOO OOOO L",
    "POST /account/wachtwoord": "VV VVV VVVV L",
    "GET /activeren": "OO OOO OOOO O",
    "POST /activeren": "NN NNN NNNN V",
    "GET /api/v1/actions/<action_id>": "OH OHH HHHH L",
    "PATCH /api/v1/actions/<action_id>": "FH CHH HHHH L",
    "GET /api/v1/actions/<action_id>/transitions": "OH OHH HHHH L",
    "POST /api/v1/actions/<action_id>/transitions": "CH CHH HHHH L",
    "GET /api/v1/areas": "OO OOO OOOO L",
    "GET /api/v1/areas/<area_id>": "OO OOO OOOO L",
    "POST /api/v1/auth/tokens": "VV VVV VVVV V",
    "DELETE /api/v1/auth/tokens/current": "VV VVV VVVV L",
    "GET /api/v1/barrier-agenda": "FF FFF FOFF L",
    "GET /api/v1/barriers": "OO OOO OOOO L",
    "GET /api/v1/barriers/<barrier_id>": "OH OHH OHHH L",
    "PATCH /api/v1/barriers/<barrier_id>": "FH VHH FHHH L",
    "PUT /api/v1/barriers/<barrier_id>/operational-goals": "FH FHH FHHH L",
    "GET /api/v1/barriers/<barrier_id>/transitions": "OH OHH OHHH L",
    "POST /api/v1/barriers/<barrier_id>/transitions": "FH CHH CHHH L",
    "GET /api/v1/case-reviews": "OO OOO OOOO L",
    "POST /api/v1/case-reviews": "FF FFF FCFF L",
    "GET /api/v1/case-reviews/<session_id>": "HH HHH HOOH L",
    "GET /api/v1/case-reviews/<session_id>/case-candidates": "HH HHH HOFH L",
    "GET /api/v1/case-reviews/<session_id>/cases": "HH HHH HOOH L",
    "POST /api/v1/case-reviews/<session_id>/cases": "HH HHH HVFH L",
    "DELETE /api/v1/case-reviews/<session_id>/cases/<case_id>": "HH HHH HVFH L",
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>": "HH HHH HOOH L",
    "POST /api/v1/case-reviews/<session_id>/cases/<case_id>/approval": "HH HHH HVFH L",
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>/review": "HH HHH HOHH L",
    "PUT /api/v1/case-reviews/<session_id>/cases/<case_id>/texts/<text_id>": "HH HHH HVFH L",
    "GET /api/v1/case-reviews/<session_id>/handout": "HH HHH HOOH L",
    "GET /api/v1/case-reviews/<session_id>/lessons": "HH HHH HOOH L",
    "POST /api/v1/case-reviews/<session_id>/lessons": "HH HHH HCCH L",
    "DELETE /api/v1/case-reviews/<session_id>/lessons/<lesson_id>": "HH HHH HCFH L",
    "POST /api/v1/case-reviews/<session_id>/participants": "HH HHH HCFH L",
    "DELETE /api/v1/case-reviews/<session_id>/participants/<user_id>": "HH HHH HCFH L",
    "GET /api/v1/case-reviews/<session_id>/transitions": "HH HHH HOOH L",
    "POST /api/v1/case-reviews/<session_id>/transitions": "HH HHH HCFH L",
    "GET /api/v1/consents/<consent_id>": "OH OHH HHHH L",
    "POST /api/v1/consents/<consent_id>/withdrawal": "CH CHH HHHH L",
    "GET /api/v1/docs": "OO OOO OOOO O",
    "GET /api/v1/docs/assets/<filename>": "OO OOO OOOO O",
    "GET /api/v1/exports/case-outcomes": "HH HHH HVHH L",
    "GET /api/v1/flexible-budgets": "OO OOO OOOO L",
    "POST /api/v1/flexible-budgets": "FF FFF FCFF L",
    "GET /api/v1/flexible-budgets/<budget_id>": "HH HHH OOHH L",
    "PATCH /api/v1/flexible-budgets/<budget_id>": "HH HHH CCHH L",
    "GET /api/v1/flexible-budgets/<budget_id>/grants": "HH HHH OOHH L",
    "GET /api/v1/goals/<goal_id>": "OH OHH HHHH L",
    "PATCH /api/v1/goals/<goal_id>": "CH FHH HHHH L",
    "GET /api/v1/goals/<goal_id>/transitions": "OH OHH HHHH L",
    "POST /api/v1/goals/<goal_id>/transitions": "CH CHH HHHH L",
    "GET /api/v1/households": "OO OOO OOOO L",
    "POST /api/v1/households": "FF CVV FFFF L",
    "GET /api/v1/households/<household_id>": "OH OHH HHHH L",
    "GET /api/v1/households/<household_id>/access-log": "OH OHH HHHH L",
    "GET /api/v1/households/<household_id>/consents": "OH OHH HHHH L",
    "POST /api/v1/households/<household_id>/consents": "CH CHH HHHH L",
    "GET /api/v1/households/<household_id>/export": "OH OHH HHHH L",
    "GET /api/v1/households/<household_id>/members": "OH OHH HHHH L",
    "POST /api/v1/households/<household_id>/members": "CH CHH HHHH L",
    "GET /api/v1/households/<household_id>/members/<member_id>": "OH OHH HHHH L",
    "PATCH /api/v1/households/<household_id>/members/<member_id>": "CH CHH HHHH L",
    "GET /api/v1/interventions": "OO OOO OOOO L",
    "GET /api/v1/interventions/<intervention_id>": "OO OOO OOOO L",
    "GET /api/v1/lessons": "FF OOO OOOF L",
    "GET /api/v1/lessons/<lesson_id>": "HH HHH HOOH L",
    "GET /api/v1/me": "OO OOO OOOO L",
    "GET /api/v1/monitoring/annual-report": "HH HHH HOHH L",
    "GET /api/v1/monitoring/indicators": "HH HHH HOHH L",
    "GET /api/v1/monitoring/indicators/<key>": "HH HHH HOHH L",
    "GET /api/v1/notifications": "OO OOO OOOO L",
    "GET /api/v1/openapi.json": "OO OOO OOOO O",
    "GET /api/v1/operational-goals": "OO OOO OOOO L",
    "GET /api/v1/operational-goals/<goal_id>": "OO OOO OOOO L",
    "GET /api/v1/organisations": "OO OOO OOOO L",
    "GET /api/v1/organisations/<organisation_id>": "OO OOO OOOO L",
    "GET /api/v1/plans": "OO OOO OOOO L",
    "POST /api/v1/plans": "VH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>": "OH OHH HHHH L",
    "GET /api/v1/plans/<plan_id>/actions": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/actions": "CH CHH HHHH L",
    "POST /api/v1/plans/<plan_id>/barriers": "FH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>/comments": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/comments": "CH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>/goals": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/goals": "CH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>/history": "OH OHH HHHH L",
    "GET /api/v1/plans/<plan_id>/outcome-scores": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/outcome-scores": "FH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>/pdf": "OH OHH HHHH L",
    "PUT /api/v1/plans/<plan_id>/priorities": "VH FHH HHHH L",
    "GET /api/v1/plans/<plan_id>/surveys": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/surveys": "CH FHH HHHH L",
    "GET /api/v1/plans/<plan_id>/team-members": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/team-members": "FH CHH HHHH L",
    "DELETE /api/v1/plans/<plan_id>/team-members/<membership_id>": "FH CHH HHHH L",
    "GET /api/v1/plans/<plan_id>/transitions": "OH OHH HHHH L",
    "POST /api/v1/plans/<plan_id>/transitions": "FH CHH HHHH L",
    "GET /api/v1/reflections": "HH HHH HOHH L",
    "POST /api/v1/reflections": "HH HHH HCHH L",
    "GET /api/v1/reflections/<session_id>": "HH HHH HOHH L",
    "PATCH /api/v1/reflections/<session_id>": "HH HHH HCHH L",
    "DELETE /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": "HH HHH HNHH L",
    "PUT /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": "HH HHH HCHH L",
    "POST /api/v1/reflections/<session_id>/findings": "HH HHH HCHH L",
    "DELETE /api/v1/reflections/<session_id>/findings/<finding_id>": "HH HHH HCHH L",
    "GET /api/v1/survey-statements": "OO OOO OOOO L",
    "GET /api/v1/workflows": "OO OOO OOOO L",
    "GET /api/v1/workflows/<name>": "OO OOO OOOO L",
    "GET /api/v1/workflows/<name>/diagram.svg": "OO OOO OOOO L",
    "GET /casusbesprekingen": "HH OOO OOOH L",
    "POST /casusbesprekingen": "HH HHH HCHH L",
    "GET /casusbesprekingen/<session_id>": "HH HHH HOOH L",
    "POST /casusbesprekingen/<session_id>/casussen": "HH HHH HNNH L",
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>": "HH HHH HOOH L",
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>/beoordelen": "HH HHH HOHH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/goedkeuren": "HH HHH HNNH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/teksten/<text_id>": "HH HHH HNNH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/verwijderen": "HH HHH HNNH L",
    "POST /casusbesprekingen/<session_id>/deelnemers": "HH HHH HCNH L",
    "POST /casusbesprekingen/<session_id>/deelnemers/<user_id>/verwijderen": "HH HHH HCNH L",
    "GET /casusbesprekingen/<session_id>/hand-out.pdf": "HH HHH HOOH L",
    "POST /casusbesprekingen/<session_id>/lessen": "HH HHH HCCH L",
    "POST /casusbesprekingen/<session_id>/overgang": "HH HHH HNNH L",
    "GET /casusbesprekingen/<session_id>/projectie": "HH HHH HOOH L",
    "GET /healthz": "OO OOO OOOO O",
    "GET /kennisbank": "HH OOO OOOH L",
    "GET /knelpunten": "FF OOO OOFF L",
    "GET /knelpunten/<barrier_id>": "FF OHH OHFF L",
    "POST /knelpunten/<barrier_id>/besluit": "FF VHH CHFF L",
    "POST /knelpunten/<barrier_id>/doelen": "FF VHH VHFF L",
    "POST /knelpunten/<barrier_id>/stap": "FF CHH CHFF L",
    "GET /knelpunten/agenda": "FF FFF FOFF L",
    "GET /knelpunten/agenda.csv": "FF FFF FOFF L",
    "GET /knelpunten/agenda.pdf": "FF FFF FOFF L",
    "GET /knelpunten/melden/<plan_id>": "FF OHH HHFF L",
    "POST /knelpunten/melden/<plan_id>": "FF VHH HHFF L",
    "GET /login": "OO OOO OOOO O",
    "POST /login": "VV VVV VVVV V",
    "GET /login/code": "LL LLL LLLL L",
    "POST /login/code": "LL LLL LLLL L",
    "POST /logout": "LL LLL LLLL L",
    "GET /maatwerkbudget": "FF FFF OOFF L",
    "POST /maatwerkbudget": "FF FFF VVFF L",
    "GET /meldingen": "OO OOO OOOO L",
    "POST /meldingen/<notification_id>/openen": "HH HHH CHHH L",
    "POST /meldingen/gelezen": "NN NNN CNNN L",
    "GET /monitoring": "HH HHH HOHH L",
    "GET /monitoring/export.csv": "HH HHH HOHH L",
    "GET /monitoring/indicatoren/<key>": "HH HHH HOHH L",
    "GET /monitoring/jaarverslag.pdf": "HH HHH HOHH L",
    "POST /monitoring/vernieuwen": "HH HHH HCHH L",
    "GET /ons-plan": "OO HHH HHHH L",
    "GET /ons-plan/<plan_id>": "OH HHH HHHH L",
    "POST /ons-plan/<plan_id>/antwoord": "CH HHH HHHH L",
    "POST /ons-plan/<plan_id>/bericht": "VH HHH HHHH L",
    "POST /ons-plan/<plan_id>/bevestigen": "VH HHH HHHH L",
    "GET /ons-plan/<plan_id>/eigen-doel": "OH HHH HHHH L",
    "POST /ons-plan/<plan_id>/hoe-gaat-het": "NH HHH HHHH L",
    "POST /ons-plan/<plan_id>/eigen-doel": "VH HHH HHHH L",
    "GET /ons-plan/<plan_id>/pdf": "OH HHH HHHH L",
    "POST /ons-plan/<plan_id>/volgorde": "VH HHH HHHH L",
    "GET /ons-plan/downloaden": "OO HHH HHHH L",
    "GET /ons-plan/onze-gegevens.json": "OO HHH HHHH L",
    "GET /ons-plan/toestemming": "OO HHH HHHH L",
    "POST /ons-plan/toestemming/geven": "VV HHH HHHH L",
    "POST /ons-plan/toestemming/intrekken": "CH HHH HHHH L",
    "GET /ons-plan/wie-keek-er": "OO HHH HHHH L",
    "POST /portaal/activatiecode": "HH CHH HHHH L",
    "GET /portaal/activatiecode/<plan_id>": "HH OHH HHHH L",
    "GET /reflectie": "HH HHH HOHH L",
    "POST /reflectie": "HH HHH HCHH L",
    "GET /reflectie/<session_id>": "HH HHH HOHH L",
    "POST /reflectie/<session_id>": "HH HHH HVHH L",
    "POST /reflectie/<session_id>/besluiten": "HH HHH HVHH L",
    "POST /reflectie/<session_id>/bevindingen": "HH HHH HVHH L",
    "POST /reflectie/<session_id>/bevindingen/<finding_id>/verwijderen": "HH HHH HCHH L",
    "GET /sociale-kaart": "OO OOO OOOO L",
    "GET /static/<filename>": "OO OOO OOOO O",
    "POST /taal": "NN NNN NNNN N",
    "GET /vragenlijst/<plan_id>": "OH OHH HHHH L",
    "POST /vragenlijst/<plan_id>": "VH VHH HHHH L",
    "GET /werk": "FF OOO OFFF L",
    "POST /werk/<kind>/<item_id>/overgang": "FF NHH HFFF L",
    "GET /werk/acties/<action_id>/bewerken": "FF OHH HFFF L",
    "POST /werk/acties/<action_id>/bewerken": "FF CHH HFFF L",
    "GET /werk/acties/<action_id>/knelpunt": "FF OHH HFFF L",
    "POST /werk/acties/<action_id>/knelpunt": "FF VHH HFFF L",
    "GET /werk/doelen/<goal_id>/bewerken": "FF OHH HFFF L",
    "POST /werk/doelen/<goal_id>/bewerken": "FF VHH HFFF L",
    "GET /werk/intake": "FF OOO FFFF L",
    "POST /werk/intake": "FF VVV FFFF L",
    "GET /werk/plannen/<plan_id>": "FF OHH HFFF L",
    "POST /werk/plannen/<plan_id>/acties": "FF VHH HFFF L",
    "POST /werk/plannen/<plan_id>/doelen": "FF VHH HFFF L",
    "POST /werk/plannen/<plan_id>/overgang": "FF NHH HFFF L",
    "POST /werk/plannen/<plan_id>/reacties": "FF CHH HFFF L",
    "POST /werk/plannen/<plan_id>/scores": "FF VHH HFFF L",
    "POST /werk/plannen/<plan_id>/team": "FF VHH HFFF L",
    "POST /werk/plannen/<plan_id>/team/<membership_id>/einde": "FF CHH HFFF L",
}

BODIES: dict[str, dict] = {
    # API (JSON): valid input, so that only access and state decide.
    "PATCH /api/v1/actions/<action_id>": {"description": "Samen bellen"},
    "POST /api/v1/actions/<action_id>/transitions": {"trigger": "cancel", "reason": "Klaar"},
    "PATCH /api/v1/barriers/<barrier_id>": {"description": "Andere omschrijving"},
    "PUT /api/v1/barriers/<barrier_id>/operational-goals": {
        "operationalGoalIds": ["<operational_goal_id>"]
    },
    "POST /api/v1/barriers/<barrier_id>/transitions": {
        "trigger": "make_structural",
        "reason": "Een landelijke regel",
    },
    "POST /api/v1/case-reviews": {"title": "Nieuwe bespreking"},
    "POST /api/v1/case-reviews/<session_id>/cases": {"planId": "<plan_id>"},
    "PUT /api/v1/case-reviews/<session_id>/cases/<case_id>/texts/<text_id>": {
        "text": "Een andere tekst"
    },
    "POST /api/v1/case-reviews/<session_id>/lessons": {
        "title": "Samen werkt",
        "description": "Eén gesprek met iedereen",
        "effect": "worked",
    },
    "POST /api/v1/case-reviews/<session_id>/participants": {"userId": "<member_user_id>"},
    "POST /api/v1/case-reviews/<session_id>/transitions": {"trigger": "publish"},
    "POST /api/v1/flexible-budgets": {
        "organisationId": "<organisation_id>",
        "year": 2030,
        "amountAvailable": "100.00",
    },
    "PATCH /api/v1/flexible-budgets/<budget_id>": {"amountAvailable": "600.00"},
    "PATCH /api/v1/goals/<goal_id>": {"title": "Rust over geld"},
    "POST /api/v1/goals/<goal_id>/transitions": {"trigger": "achieve"},
    "POST /api/v1/households": {
        "reference": "HH-MATRIX-1",
        "areaId": "<area_id>",
        "members": [{"givenName": "Piet", "position": "parent"}],
        "consents": [
            {
                "organisationId": "<organisation_id>",
                "purpose": "plan_sharing",
                "givenByMemberIndex": 0,
            }
        ],
    },
    "POST /api/v1/households/<household_id>/consents": {
        "organisationId": "<outsider_organisation_id>",
        "purpose": "plan_sharing",
        "givenByMemberId": "<family_member_id>",
    },
    "POST /api/v1/households/<household_id>/members": {"givenName": "Piet", "position": "child"},
    "PATCH /api/v1/households/<household_id>/members/<member_id>": {"familyName": "Test-Bakker"},
    "POST /api/v1/plans": {"householdId": "<household_id>"},
    "POST /api/v1/plans/<plan_id>/actions": {"description": "Samen bellen", "carrier": "family"},
    "POST /api/v1/plans/<plan_id>/barriers": {"category": "rules", "description": "Een regel"},
    "POST /api/v1/plans/<plan_id>/comments": {"body": "Hallo"},
    "POST /api/v1/plans/<plan_id>/goals": {"domain": "social", "title": "Meer vrienden"},
    "POST /api/v1/plans/<plan_id>/outcome-scores": {
        "domain": "social",
        "score": 3,
        "scoredBy": "professional",
        "moment": "intake",
    },
    "PUT /api/v1/plans/<plan_id>/priorities": {"goalIds": ["<goal_id>"]},
    "POST /api/v1/plans/<plan_id>/surveys": {
        "respondent": "family",
        "moment": "evaluation",
        "answers": {"own_priorities": 4},
    },
    "POST /api/v1/plans/<plan_id>/team-members": {"userId": "<outsider_user_id>"},
    "POST /api/v1/plans/<plan_id>/transitions": {"trigger": "start_prioritising"},
    "POST /api/v1/reflections": {"year": 2031, "group": "managers"},
    "PATCH /api/v1/reflections/<session_id>": {"summary": "Kort verslag"},
    "PUT /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": {"decision": "keep"},
    "POST /api/v1/reflections/<session_id>/findings": {"side": "wij", "text": "Samen"},
    # Pages (form fields).
    "POST /casusbesprekingen": {"title": "Nieuwe bespreking"},
    "POST /casusbesprekingen/<session_id>/casussen": {"plan_id": "<plan_id>"},
    "POST /casusbesprekingen/<session_id>/deelnemers": {"user_id": "<member_user_id>"},
    "POST /casusbesprekingen/<session_id>/lessen": {
        "title": "Samen werkt",
        "description": "Eén gesprek met iedereen",
        "effect": "worked",
    },
    "POST /casusbesprekingen/<session_id>/overgang": {"trigger": "publish"},
    "POST /knelpunten/<barrier_id>/besluit": {
        "decision-decision": "Akkoord",
        "decision-version": "<barrier_version>",
    },
    "POST /knelpunten/<barrier_id>/doelen": {
        "goals-version": "<barrier_version>",
        "goals-goals": "<operational_goal_id>",
    },
    "POST /knelpunten/<barrier_id>/stap": {
        "trigger": "make_structural",
        "make_structural-trigger": "make_structural",
        "make_structural-version": "<barrier_version>",
        "make_structural-reason": "Een landelijke regel",
    },
    "POST /ons-plan/<plan_id>/antwoord": {
        "kind": "action",
        "item_id": "<action_id>",
        "answer": "yes",
        "version": "<plan_version>",
    },
    # The world's family already scored this domain at the start: a second answer is refused
    # with a message (N), which still proves the family reaches the handler and no one else.
    "POST /ons-plan/<plan_id>/hoe-gaat-het": {"domain": "economic", "score": "4"},
    "POST /ons-plan/toestemming/intrekken": {
        "consent_id": "<consent_id>",
        "consent_version": "<consent_version>",
        "confirm": "yes",
    },
    "POST /portaal/activatiecode": {"member_id": "<child_member_id>"},
    "POST /reflectie": {"year": "2031", "group": "managers"},
    "POST /werk/plannen/<plan_id>/reacties": {
        "comment-body": "Hallo",
        "comment-plan_version": "<plan_version>",
    },
}

EXPECTED = parse_table(EXPECTED_ROWS)


def test_every_route_of_the_app_is_in_the_matrix(app):
    present = {route.key: route for route in routes(app)}
    unknown = sorted(set(present) - set(EXPECTED))
    assert not unknown, (
        "Routes the authorisation matrix does not know. Add a row per route to EXPECTED_ROWS "
        "in tests/security/test_authorisation_matrix.py (and a body to BODIES when the route "
        "validates input before it checks access):\n"
        + "\n".join(f'    "{key}": "?? ??? ???? ?",' for key in unknown)
    )
    gone = sorted(set(EXPECTED) - set(present))
    assert not gone, f"Rows for routes that no longer exist: {gone}"
    assert not set(BODIES) - set(present), sorted(set(BODIES) - set(present))


@pytest.fixture
def world(client, db_session):
    return build_world(client)


def _report(wrong: list[tuple[str, str, str, int]], role: str) -> str:
    lines = [
        f"{role}: {key} expected {want}, got {got} ({status})" for key, want, got, status in wrong
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("role", ROLES)
def test_reads_match_the_matrix_and_change_nothing(app, db_session, world, role):
    client = client_for(app, world, role, PASSWORD)
    before = snapshot(db_session)
    wrong = []
    for route in routes(app):
        if route.method != "GET" or route.key not in EXPECTED:
            continue
        response = call(client, route, fill(route, world))
        check_headers(response, static=route.pattern.startswith("/static/"))
        got = letter(response)
        if not matches(EXPECTED[route.key][role], got):
            wrong.append((route.key, EXPECTED[route.key][role], got, response.status_code))
    assert not wrong, _report(wrong, role)
    after = snapshot(db_session)
    changed = sorted(name for name in before if before[name] != after[name])
    assert not changed, f"GET requests as {role} changed the tables {changed}"


@pytest.mark.parametrize("role", ROLES)
def test_state_changes_match_the_matrix(app, db_session, world, role):
    client = client_for(app, world, role, PASSWORD)
    baseline = snapshot(db_session)
    wrong = []
    for route in routes(app):
        if route.method not in WRITES or route.key not in EXPECTED:
            continue
        body = expand(BODIES.get(route.key, {}), world, as_text=not route.api)
        with undone(db_session), same_cookie(client):
            response = call(client, route, fill(route, world), body)
            got = letter(response)
            if got == "O":
                got = "C" if snapshot(db_session) != baseline else "N"
        check_headers(response)
        if not matches(EXPECTED[route.key][role], got):
            wrong.append((route.key, EXPECTED[route.key][role], got, response.status_code))
    assert not wrong, _report(wrong, role)


def observed_rows(app, db_session, world) -> list[str]:
    """The table as the app answers now (to write EXPECTED_ROWS; see the module docstring)."""
    clients = {role: client_for(app, world, role, PASSWORD) for role in ROLES}
    baseline = snapshot(db_session)
    rows = []
    for route in routes(app):
        letters = {}
        body = expand(BODIES.get(route.key, {}), world, as_text=not route.api)
        for role in ROLES:
            if route.method == "GET":
                letters[role] = letter(call(clients[role], route, fill(route, world)))
                continue
            with undone(db_session), same_cookie(clients[role]):
                got = letter(call(clients[role], route, fill(route, world), body))
                if got == "O":
                    got = "C" if snapshot(db_session) != baseline else "N"
            letters[role] = got
        rows.append(format_row(route.key, letters))
    return rows
