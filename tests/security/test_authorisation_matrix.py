"""The authorisation matrix, generated from the app's route map: every route x every role
(tests/security/world.py) → the expected answer (letters: tests/security/matrix.py).

- A route that is not in EXPECTED fails the suite: add a row for every new endpoint.
- Reads (GET) run for every role; each answer also carries the security headers, and the
  whole sweep of a role changes nothing in the database (no state change on GET; only the
  audit trail, session rows and throttle counters may be written).
- State-changing calls run for every role too, each inside a savepoint that is rolled back;
  the body is BODIES[route] (ids filled from the world) or empty, so that the denial side is
  reached even where input is validated before access is checked.

- Household A's reference is in no answer (page, JSON, PDF) to a role that may not see A,
  lists included; the roles that may (SEES_HOUSEHOLD_A) do find it somewhere.

Row layout, one letter per role of tests/security/world.py, in five groups:
"family family_other | pro_team pro_colleague pro_other pro_withdrawn | manager
manager_other | programme expert admin | anonymous", e.g. "OH OHHH OH HHH L": the contexts
are the own household (family, pro_team), another household (family_other), the own
organisation but not on the team (pro_colleague, manager_other), another organisation
(pro_other), withdrawn consent (pro_withdrawn) and an escalated barrier (manager).
"""

from __future__ import annotations

import datetime as dt
import re

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
    "GET /": "OO OOOO OO OOO O",
    "GET /account": "OO OOOO OO OOO L",
    "GET /account/tweestapsverificatie": "OO OOOO OO OOO L",
    "POST /account/tweestapsverificatie/bevestigen": "VV VVVV VV VVV L",
    "POST /account/tweestapsverificatie/herstelcodes": "VV VVVV VV VVV L",
    "POST /account/tweestapsverificatie/starten": "CC CCCC CC CCC L",
    "GET /account/wachtwoord": "OO OOOO OO OOO L",
    "POST /account/wachtwoord": "VV VVVV VV VVV L",
    "GET /account-instellen": "OO OOOO OO OOO O",
    "POST /account-instellen": "NN NNNN NN NNN V",
    "GET /activeren": "OO OOOO OO OOO O",
    "POST /activeren": "NN NNNN NN NNN V",
    "GET /api/v1/actions/<action_id>": "OH OHHH HH HHH L",
    "PATCH /api/v1/actions/<action_id>": "FH CHHH HH HHH L",
    "GET /api/v1/actions/<action_id>/transitions": "OH OHHH HH HHH L",
    "POST /api/v1/actions/<action_id>/transitions": "CH CHHH HH HHH L",
    "GET /api/v1/admin/accounts": "FF FFFF FF FFO L",
    "POST /api/v1/admin/accounts": "FF FFFF FF FFC L",
    "GET /api/v1/admin/accounts/<account_id>": "FF FFFF FF FFO L",
    "PATCH /api/v1/admin/accounts/<account_id>": "FF FFFF FF FFC L",
    "POST /api/v1/admin/accounts/<account_id>/deactivation": "FF FFFF FF FFC L",
    "POST /api/v1/admin/accounts/<account_id>/mfa-reset": "FF FFFF FF FFV L",
    "POST /api/v1/admin/accounts/<account_id>/reactivation": "FF FFFF FF FFV L",
    "POST /api/v1/admin/accounts/<account_id>/setup-codes": "FF FFFF FF FFC L",
    "GET /api/v1/admin/organisations": "FF FFFF FF FFO L",
    "POST /api/v1/admin/organisations": "FF FFFF FF FFC L",
    "GET /api/v1/admin/organisations/<organisation_id>": "FF FFFF FF FFO L",
    "PATCH /api/v1/admin/organisations/<organisation_id>": "FF FFFF FF FFC L",
    "DELETE /api/v1/admin/organisations/<organisation_id>": "FF FFFF FF FFV L",
    "GET /api/v1/areas": "OO OOOO OO OOO L",
    "GET /api/v1/areas/<area_id>": "OO OOOO OO OOO L",
    "POST /api/v1/areas": "FF FFFF FF CFF L",
    "PATCH /api/v1/areas/<area_id>": "FF FFFF FF CFF L",
    "POST /api/v1/auth/tokens": "VV VVVV VV VVV V",
    "DELETE /api/v1/auth/tokens/current": "VV VVVV VV VVV L",
    "GET /api/v1/barrier-agenda": "FF FFFF FF OFF L",
    "GET /api/v1/barriers": "OO OOOO OO OOO L",
    "GET /api/v1/barriers/<barrier_id>": "OH OHHH OH HHH L",
    "PATCH /api/v1/barriers/<barrier_id>": "FH VHHH FH HHH L",
    "PUT /api/v1/barriers/<barrier_id>/operational-goals": "FH FHHH FH HHH L",
    "GET /api/v1/barriers/<barrier_id>/transitions": "OH OHHH OH HHH L",
    "POST /api/v1/barriers/<barrier_id>/transitions": "FH CHHH CH HHH L",
    "GET /api/v1/case-reviews": "OO OOOO OO OOO L",
    "POST /api/v1/case-reviews": "FF FFFF FF CFF L",
    "GET /api/v1/case-reviews/<session_id>": "HH HHHH HH OOH L",
    "GET /api/v1/case-reviews/<session_id>/case-candidates": "HH HHHH HH OFH L",
    "GET /api/v1/case-reviews/<session_id>/cases": "HH HHHH HH OOH L",
    "POST /api/v1/case-reviews/<session_id>/cases": "HH HHHH HH VFH L",
    "DELETE /api/v1/case-reviews/<session_id>/cases/<case_id>": "HH HHHH HH VFH L",
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>": "HH HHHH HH OOH L",
    "POST /api/v1/case-reviews/<session_id>/cases/<case_id>/approval": "HH HHHH HH VFH L",
    "GET /api/v1/case-reviews/<session_id>/cases/<case_id>/review": "HH HHHH HH OHH L",
    "PUT /api/v1/case-reviews/<session_id>/cases/<case_id>/texts/<text_id>": "HH HHHH HH VFH L",
    "GET /api/v1/case-reviews/<session_id>/handout": "HH HHHH HH OOH L",
    "GET /api/v1/case-reviews/<session_id>/lessons": "HH HHHH HH OOH L",
    "POST /api/v1/case-reviews/<session_id>/lessons": "HH HHHH HH CCH L",
    "DELETE /api/v1/case-reviews/<session_id>/lessons/<lesson_id>": "HH HHHH HH CFH L",
    "POST /api/v1/case-reviews/<session_id>/participants": "HH HHHH HH CFH L",
    "DELETE /api/v1/case-reviews/<session_id>/participants/<user_id>": "HH HHHH HH CFH L",
    "GET /api/v1/case-reviews/<session_id>/participants/<user_id>": "HH HHHH HH OOH L",
    "GET /api/v1/case-reviews/<session_id>/transitions": "HH HHHH HH OOH L",
    "POST /api/v1/case-reviews/<session_id>/transitions": "HH HHHH HH CFH L",
    "GET /api/v1/consents/<consent_id>": "OH OHHH HH HHH L",
    "POST /api/v1/consents/<consent_id>/withdrawal": "CH CHHH HH HHH L",
    "GET /api/v1/docs": "OO OOOO OO OOO O",
    "GET /api/v1/docs/assets/<filename>": "OO OOOO OO OOO O",
    "GET /api/v1/exports/case-outcomes": "HH HHHH HH VHH L",
    "GET /api/v1/flexible-budgets": "OO OOOO OO OOO L",
    "POST /api/v1/flexible-budgets": "FF FFFF FC CFF L",
    "GET /api/v1/flexible-budgets/<budget_id>": "HH HHHH OH OHH L",
    "PATCH /api/v1/flexible-budgets/<budget_id>": "HH HHHH CH CHH L",
    "GET /api/v1/flexible-budgets/<budget_id>/grants": "HH HHHH OH OHH L",
    "GET /api/v1/goals/<goal_id>": "OH OHHH HH HHH L",
    "PATCH /api/v1/goals/<goal_id>": "CH FHHH HH HHH L",
    "GET /api/v1/goals/<goal_id>/transitions": "OH OHHH HH HHH L",
    "POST /api/v1/goals/<goal_id>/transitions": "CH CHHH HH HHH L",
    "GET /api/v1/households": "OO OOOO OO OOO L",
    "POST /api/v1/households": "FF CCVV FF FFF L",
    "GET /api/v1/households/<household_id>": "OH OHHH HH HHH L",
    "GET /api/v1/households/<household_id>/access-log": "OH OHHH HH HHH L",
    "GET /api/v1/households/<household_id>/consents": "OH OHHH HH HHH L",
    "POST /api/v1/households/<household_id>/consents": "CH CHHH HH HHH L",
    "GET /api/v1/households/<household_id>/export": "OH OHHH HH HHH L",
    "GET /api/v1/households/<household_id>/members": "OH OHHH HH HHH L",
    "POST /api/v1/households/<household_id>/members": "CH CHHH HH HHH L",
    "GET /api/v1/households/<household_id>/members/<member_id>": "OH OHHH HH HHH L",
    "PATCH /api/v1/households/<household_id>/members/<member_id>": "CH CHHH HH HHH L",
    "GET /api/v1/interventions": "OO OOOO OO OOO L",
    "GET /api/v1/interventions/<intervention_id>": "OO OOOO OO OOO L",
    "POST /api/v1/interventions": "FF FFFF FF CFF L",
    "PATCH /api/v1/interventions/<intervention_id>": "FF FFFF FF CFF L",
    "GET /api/v1/lessons": "FF OOOO OO OOF L",
    "GET /api/v1/lessons/<lesson_id>": "HH HHHH HH OOH L",
    "GET /api/v1/me": "OO OOOO OO OOO L",
    "GET /api/v1/monitoring/annual-report": "HH HHHH HH OHH L",
    "GET /api/v1/monitoring/indicators": "HH HHHH HH OHH L",
    "GET /api/v1/monitoring/indicators/<key>": "HH HHHH HH OHH L",
    "GET /api/v1/notifications": "OO OOOO OO OOO L",
    "GET /api/v1/openapi.json": "OO OOOO OO OOO O",
    "GET /api/v1/operational-goals": "OO OOOO OO OOO L",
    "GET /api/v1/operational-goals/<goal_id>": "OO OOOO OO OOO L",
    "POST /api/v1/operational-goals": "FF FFFF FF CFF L",
    "PATCH /api/v1/operational-goals/<goal_id>": "FF FFFF FF CFF L",
    "GET /api/v1/organisations": "OO OOOO OO OOO L",
    "GET /api/v1/organisations/<organisation_id>": "OO OOOO OO OOO L",
    "GET /api/v1/plans": "OO OOOO OO OOO L",
    "POST /api/v1/plans": "VH VHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>": "OH OHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/actions": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/actions": "CH CHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/barriers": "FH CHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/comments": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/comments": "CH CHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/goals": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/goals": "CH CHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/history": "OH OHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/outcome-scores": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/outcome-scores": "FH CHHH HH HHH L",
    # The world's score is the family's own: the team reads it, only the family corrects it.
    "GET /api/v1/plans/<plan_id>/outcome-scores/<score_id>": "OH OHHH HH HHH L",
    "PATCH /api/v1/plans/<plan_id>/outcome-scores/<score_id>": "CH FHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/pdf": "OH OHHH HH HHH L",
    "PUT /api/v1/plans/<plan_id>/priorities": "VH FHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/surveys": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/surveys": "CH FHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/team-members": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/team-members": "FH CHHH HH HHH L",
    "DELETE /api/v1/plans/<plan_id>/team-members/<membership_id>": "FH CHHH HH HHH L",
    "GET /api/v1/plans/<plan_id>/transitions": "OH OHHH HH HHH L",
    "POST /api/v1/plans/<plan_id>/transitions": "FH CHHH HH HHH L",
    "GET /api/v1/reflections": "HH HHHH HH OHH L",
    "POST /api/v1/reflections": "HH HHHH HH CHH L",
    "GET /api/v1/reflections/<session_id>": "HH HHHH HH OHH L",
    "PATCH /api/v1/reflections/<session_id>": "HH HHHH HH CHH L",
    # No decision on the goal in the world: taking it back is a 404 (never a silent 200).
    "DELETE /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": "HH HHHH HH HHH L",
    "PUT /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": "HH HHHH HH CHH L",
    "POST /api/v1/reflections/<session_id>/findings": "HH HHHH HH CHH L",
    "DELETE /api/v1/reflections/<session_id>/findings/<finding_id>": "HH HHHH HH CHH L",
    "GET /api/v1/survey-statements": "OO OOOO OO OOO L",
    "GET /api/v1/workflows": "OO OOOO OO OOO L",
    "GET /api/v1/workflows/<name>": "OO OOOO OO OOO L",
    "GET /api/v1/workflows/<name>/diagram.svg": "OO OOOO OO OOO L",
    "GET /beheerder": "FF FFFF FF FFO L",
    "GET /beheerder/accounts": "FF FFFF FF FFO L",
    "GET /beheerder/accounts/<account_id>": "FF FFFF FF FFO L",
    "POST /beheerder/accounts/<account_id>": "FF FFFF FF FFC L",
    "POST /beheerder/accounts/<account_id>/deactiveren": "FF FFFF FF FFC L",
    "POST /beheerder/accounts/<account_id>/heractiveren": "FF FFFF FF FFN L",
    "POST /beheerder/accounts/<account_id>/tweestapsverificatie-herstellen": "FF FFFF FF FFN L",
    "POST /beheerder/accounts/<account_id>/wachtwoord-herstellen": "FF FFFF FF FFC L",
    "GET /beheerder/accounts/nieuw": "FF FFFF FF FFO L",
    "POST /beheerder/accounts/nieuw": "FF FFFF FF FFC L",
    "GET /beheerder/organisaties": "FF FFFF FF FFO L",
    "GET /beheerder/organisaties/<organisation_id>": "FF FFFF FF FFO L",
    "POST /beheerder/organisaties/<organisation_id>": "FF FFFF FF FFC L",
    "POST /beheerder/organisaties/<organisation_id>/verwijderen": "FF FFFF FF FFN L",
    "GET /beheerder/organisaties/nieuw": "FF FFFF FF FFO L",
    "POST /beheerder/organisaties/nieuw": "FF FFFF FF FFC L",
    "GET /casusbesprekingen": "HH OOOO OO OOH L",
    "POST /casusbesprekingen": "HH HHHH HH CHH L",
    "GET /casusbesprekingen/<session_id>": "HH HHHH HH OOH L",
    "POST /casusbesprekingen/<session_id>/casussen": "HH HHHH HH NNH L",
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>": "HH HHHH HH OOH L",
    "GET /casusbesprekingen/<session_id>/casussen/<case_id>/beoordelen": "HH HHHH HH OHH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/goedkeuren": "HH HHHH HH NNH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/teksten/<text_id>": "HH HHHH HH VNH L",
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/verwijderen": "HH HHHH HH NNH L",
    "POST /casusbesprekingen/<session_id>/deelnemers": "HH HHHH HH CNH L",
    "POST /casusbesprekingen/<session_id>/deelnemers/<user_id>/verwijderen": "HH HHHH HH CNH L",
    "GET /casusbesprekingen/<session_id>/hand-out.pdf": "HH HHHH HH OOH L",
    "POST /casusbesprekingen/<session_id>/lessen": "HH HHHH HH CCH L",
    "POST /casusbesprekingen/<session_id>/lessen/<lesson_id>/verwijderen": "HH HHHH HH CNH L",
    "POST /casusbesprekingen/<session_id>/overgang": "HH HHHH HH NNH L",
    "GET /casusbesprekingen/<session_id>/projectie": "HH HHHH HH OOH L",
    "GET /healthz": "OO OOOO OO OOO O",
    "GET /kennisbank": "HH OOOO OO OOH L",
    "GET /knelpunten": "FF OOOO OO OFF L",
    "GET /knelpunten/<barrier_id>": "FF OHHH OH HFF L",
    "POST /knelpunten/<barrier_id>/besluit": "FF VHHH CH HFF L",
    "POST /knelpunten/<barrier_id>/doelen": "FF VHHH VH HFF L",
    "POST /knelpunten/<barrier_id>/stap": "FF CHHH CH HFF L",
    "GET /knelpunten/agenda": "FF FFFF FF OFF L",
    "GET /knelpunten/agenda.csv": "FF FFFF FF OFF L",
    "GET /knelpunten/agenda.pdf": "FF FFFF FF OFF L",
    "GET /knelpunten/melden/<plan_id>": "FF OHHH HH HFF L",
    "POST /knelpunten/melden/<plan_id>": "FF VHHH HH HFF L",
    "GET /login": "OO OOOO OO OOO O",
    "GET /wachtwoord-herstellen": "OO OOOO OO OOO O",
    "POST /wachtwoord-herstellen": "NN NNNN NN NNN V",
    "POST /login": "VV VVVV VV VVV V",
    "GET /login/code": "LL LLLL LL LLL L",
    "POST /login/code": "LL LLLL LL LLL L",
    "POST /logout": "LL LLLL LL LLL L",
    "GET /maatwerkbudget": "FF FFFF OO OFF L",
    "POST /maatwerkbudget": "FF FFFF VV VFF L",
    "GET /meldingen": "OO OOOO OO OOO L",
    "POST /meldingen/<notification_id>/openen": "HH HHHH CH HHH L",
    "POST /meldingen/gelezen": "NN NNNN CN NNN L",
    "GET /monitoring": "HH HHHH HH OHH L",
    "GET /monitoring/export.csv": "HH HHHH HH OHH L",
    "GET /monitoring/indicatoren/<key>": "HH HHHH HH OHH L",
    "GET /monitoring/jaarverslag.pdf": "HH HHHH HH OHH L",
    "POST /monitoring/vernieuwen": "HH HHHH HH CHH L",
    "GET /ons-plan": "OO HHHH HH HHH L",
    "GET /ons-plan/<plan_id>": "OH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/antwoord": "CH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/bericht": "VH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/bevestigen": "VH HHHH HH HHH L",
    "GET /ons-plan/<plan_id>/eigen-doel": "OH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/hoe-gaat-het": "NH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/eigen-doel": "VH HHHH HH HHH L",
    "GET /ons-plan/<plan_id>/pdf": "OH HHHH HH HHH L",
    "POST /ons-plan/<plan_id>/volgorde": "VH HHHH HH HHH L",
    "GET /ons-plan/downloaden": "OO HHHH HH HHH L",
    "GET /ons-plan/onze-gegevens.json": "OO HHHH HH HHH L",
    "GET /ons-plan/toestemming": "OO HHHH HH HHH L",
    "POST /ons-plan/toestemming/geven": "VV HHHH HH HHH L",
    "POST /ons-plan/toestemming/intrekken": "CH HHHH HH HHH L",
    "GET /ons-plan/wie-keek-er": "OO HHHH HH HHH L",
    "POST /portaal/activatiecode": "HH CHHH HH HHH L",
    "GET /portaal/code": "HH OOOO HH HHH L",
    "POST /portaal/herstelcode": "HH CHHH HH HHH L",
    "GET /portaal/activatiecode/<plan_id>": "HH OHHH HH HHH L",
    "GET /catalogi": "HH HHHH HH OHH L",
    "GET /catalogi/doelen": "HH HHHH HH OHH L",
    "GET /catalogi/doelen/<operational_goal_id>": "HH HHHH HH OHH L",
    "POST /catalogi/doelen/<operational_goal_id>": "HH HHHH HH CHH L",
    "POST /catalogi/doelen/<operational_goal_id>/status": "HH HHHH HH CHH L",
    "GET /catalogi/doelen/nieuw": "HH HHHH HH OHH L",
    "POST /catalogi/doelen/nieuw": "HH HHHH HH CHH L",
    "GET /catalogi/gebieden": "HH HHHH HH OHH L",
    "POST /catalogi/gebieden": "HH HHHH HH CHH L",
    "GET /catalogi/gebieden/<area_id>": "HH HHHH HH OHH L",
    "POST /catalogi/gebieden/<area_id>": "HH HHHH HH CHH L",
    "GET /catalogi/interventies": "HH HHHH HH OHH L",
    "GET /catalogi/interventies/<intervention_id>": "HH HHHH HH OHH L",
    "POST /catalogi/interventies/<intervention_id>": "HH HHHH HH CHH L",
    "POST /catalogi/interventies/<intervention_id>/status": "HH HHHH HH CHH L",
    "GET /catalogi/interventies/nieuw": "HH HHHH HH OHH L",
    "POST /catalogi/interventies/nieuw": "HH HHHH HH CHH L",
    "GET /reflectie": "HH HHHH HH OHH L",
    "POST /reflectie": "HH HHHH HH CHH L",
    "GET /reflectie/<session_id>": "HH HHHH HH OHH L",
    "POST /reflectie/<session_id>": "HH HHHH HH VHH L",
    "POST /reflectie/<session_id>/besluiten": "HH HHHH HH VHH L",
    "POST /reflectie/<session_id>/bevindingen": "HH HHHH HH VHH L",
    "POST /reflectie/<session_id>/bevindingen/<finding_id>/verwijderen": "HH HHHH HH CHH L",
    "GET /sociale-kaart": "OO OOOO OO OOO L",
    "GET /static/<filename>": "OO OOOO OO OOO O",
    "POST /taal": "NN NNNN NN NNN N",
    "GET /vragenlijst/<plan_id>": "OH OHHH HH HHH L",
    "POST /vragenlijst/<plan_id>": "VH VHHH HH HHH L",
    "GET /werk": "FF OOOO OO FFF L",
    "POST /werk/<kind>/<item_id>/overgang": "FF NHHH HH FFF L",
    "GET /werk/acties/<action_id>/bewerken": "FF OHHH HH FFF L",
    "POST /werk/acties/<action_id>/bewerken": "FF NHHH HH FFF L",
    "GET /werk/acties/<action_id>/knelpunt": "FF OHHH HH FFF L",
    "POST /werk/acties/<action_id>/knelpunt": "FF VHHH HH FFF L",
    "GET /werk/doelen/<goal_id>/bewerken": "FF OHHH HH FFF L",
    "POST /werk/doelen/<goal_id>/bewerken": "FF VHHH HH FFF L",
    "GET /werk/intake": "FF OOOO FF FFF L",
    "POST /werk/intake": "FF VVVV FF FFF L",
    "GET /werk/plannen/<plan_id>": "FF OHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/acties": "FF VHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/doelen": "FF VHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/overgang": "FF NHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/reacties": "FF CHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/scores": "FF VHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/scores/<score_id>/correctie": "FF NHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/team": "FF VHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/team/<membership_id>/einde": "FF CHHH HH FFF L",
    "POST /werk/plannen/<plan_id>/team/<membership_id>/regisseur": "FF CHHH HH FFF L",
}

BODIES: dict[str, dict] = {
    # API (JSON): valid input, so that only access and state decide.
    "POST /api/v1/admin/accounts": {
        "login": "matrix.api",
        "displayName": "Matrix API",
        "role": "programme",
    },
    "PATCH /api/v1/admin/accounts/<account_id>": {"displayName": "Andere naam"},
    "POST /api/v1/admin/organisations": {"name": "Matrix API", "sector": "care"},
    "PATCH /api/v1/admin/organisations/<organisation_id>": {"sector": "care"},
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
    "POST /api/v1/areas": {"parentId": "<area_id>", "name": "Nieuw dorp", "kind": "village"},
    "PATCH /api/v1/areas/<area_id>": {"name": "Andere gemeente"},
    "POST /api/v1/interventions": {"name": "Matrix-interventie", "domains": ["social"]},
    "PATCH /api/v1/interventions/<intervention_id>": {"description": "Anders"},
    "POST /api/v1/operational-goals": {
        "text": "Een nieuw doel",
        "programmeLine": "field",
        "phasePlan": 2,
    },
    "PATCH /api/v1/operational-goals/<goal_id>": {"text": "Een ander doel"},
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
    "PATCH /api/v1/plans/<plan_id>/outcome-scores/<score_id>": {"score": 3},
    "PUT /api/v1/plans/<plan_id>/priorities": {"goalIds": ["<goal_id>"]},
    "POST /api/v1/plans/<plan_id>/surveys": {
        "respondent": "family",
        "moment": "evaluation",
        "answers": {"own_priorities": 4},
    },
    # A colleague of the coordinator (account_id): their organisation has the family's
    # consent, so the coordinator's call changes the team (the outsider's has none: 409).
    "POST /api/v1/plans/<plan_id>/team-members": {"userId": "<account_id>"},
    "POST /api/v1/plans/<plan_id>/transitions": {"trigger": "start_prioritising"},
    "POST /api/v1/reflections": {"year": 2031, "group": "managers"},
    "PATCH /api/v1/reflections/<session_id>": {"summary": "Kort verslag"},
    "PUT /api/v1/reflections/<session_id>/decisions/<operational_goal_id>": {"decision": "keep"},
    "POST /api/v1/reflections/<session_id>/findings": {"side": "wij", "text": "Samen"},
    # Pages (form fields).
    "POST /werk/plannen/<plan_id>/scores/<score_id>/correctie": {
        "score": "3",
        "was_score": "2",  # the family's score of the world, given today
        "was_on": dt.date.today().isoformat(),
    },
    "POST /catalogi/doelen/<operational_goal_id>": {
        "version": "1",
        "text": "Een ander doel",
        "programme_line": "field",
        "phase_plan": "2",
    },
    "POST /catalogi/doelen/<operational_goal_id>/status": {"version": "1", "retired": "1"},
    "POST /catalogi/doelen/nieuw": {
        "text": "Een nieuw doel",
        "programme_line": "field",
        "phase_plan": "2",
    },
    "POST /catalogi/gebieden": {"parent_id": "<area_id>", "kind": "village", "name": "Nieuw"},
    "POST /catalogi/gebieden/<area_id>": {"version": "1", "name": "Andere gemeente"},
    "POST /catalogi/interventies/<intervention_id>": {
        "version": "1",
        "name": "Andere naam",
        "domains": "social",
    },
    "POST /catalogi/interventies/<intervention_id>/status": {"version": "1", "retired": "1"},
    "POST /catalogi/interventies/nieuw": {"name": "Matrix-interventie", "domains": "social"},
    "POST /beheerder/accounts/<account_id>": {
        "display_name": "Andere naam",
        "version": "<account_version>",
    },
    "POST /beheerder/accounts/<account_id>/deactiveren": {"step-version": "<account_version>"},
    "POST /beheerder/accounts/<account_id>/heractiveren": {"step-version": "<account_version>"},
    "POST /beheerder/accounts/<account_id>/tweestapsverificatie-herstellen": {
        "step-version": "<account_version>"
    },
    "POST /beheerder/accounts/<account_id>/wachtwoord-herstellen": {
        "step-version": "<account_version>"
    },
    "POST /beheerder/accounts/nieuw": {
        "login": "matrix.pagina",
        "display_name": "Matrix pagina",
        "role": "programme",
    },
    "POST /beheerder/organisaties/<organisation_id>": {
        "name": "Gemeente Matrix",
        "sector": "municipality",
        "version": "<organisation_version>",
    },
    "POST /beheerder/organisaties/<organisation_id>/verwijderen": {
        "delete-version": "<organisation_version>"
    },
    "POST /beheerder/organisaties/nieuw": {"name": "Matrix pagina", "sector": "care"},
    "POST /casusbesprekingen": {"title": "Nieuwe bespreking"},
    "POST /casusbesprekingen/<session_id>/casussen": {"plan_id": "<plan_id>"},
    "POST /casusbesprekingen/<session_id>/deelnemers": {"user_id": "<member_user_id>"},
    "POST /casusbesprekingen/<session_id>/deelnemers/<user_id>/verwijderen": {
        "version": "<case_review_version>"
    },
    "POST /casusbesprekingen/<session_id>/lessen/<lesson_id>/verwijderen": {
        "version": "<case_review_version>"
    },
    "POST /casusbesprekingen/<session_id>/casussen/<case_id>/verwijderen": {
        "version": "<case_review_version>"
    },
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
    "POST /portaal/herstelcode": {"member_id": "<family_member_id>"},
    "POST /reflectie": {"year": "2031", "group": "managers"},
    "POST /werk/plannen/<plan_id>/team/<membership_id>/einde": {"plan_version": "<plan_version>"},
    "POST /werk/plannen/<plan_id>/team/<membership_id>/regisseur": {
        "plan_version": "<plan_version>"
    },
    "POST /werk/plannen/<plan_id>/reacties": {
        "comment-body": "Hallo",
        "comment-plan_version": "<plan_version>",
    },
}

EXPECTED = parse_table(EXPECTED_ROWS)
# Who may see household A at all: its family, its team (with consent) and the manager its
# barrier was escalated to (the plan context needed to decide).
SEES_HOUSEHOLD_A = {"family", "pro_team", "manager"}


def test_every_route_of_the_app_is_in_the_matrix(app):
    present = {route.key: route for route in routes(app)}
    unknown = sorted(set(present) - set(EXPECTED))
    assert not unknown, (
        "Routes the authorisation matrix does not know. Add a row per route to EXPECTED_ROWS "
        "in tests/security/test_authorisation_matrix.py (and a body to BODIES when the route "
        "validates input before it checks access):\n"
        + "\n".join(f'    "{key}": "?? ???? ?? ??? ?",' for key in unknown)
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
    reference = re.compile(
        rb"(?<![\w-])" + re.escape(world.ids["household_reference"].encode()) + rb"(?!\d)"
    )
    wrong, showing_a = [], []
    for route in routes(app):
        if route.method != "GET" or route.key not in EXPECTED:
            continue
        response = call(client, route, fill(route, world))
        check_headers(response, static=route.pattern.startswith("/static/"))
        got = letter(response)
        if not matches(EXPECTED[route.key][role], got):
            wrong.append((route.key, EXPECTED[route.key][role], got, response.status_code))
        if reference.search(response.get_data()):
            showing_a.append(route.key)
    assert not wrong, _report(wrong, role)
    if role in SEES_HOUSEHOLD_A:
        assert showing_a, f"{role} found household A's reference nowhere: the check is blind"
    else:
        assert not showing_a, f"{role} sees household A's reference in {showing_a}"
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
