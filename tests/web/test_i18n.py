"""The Dutch catalogue is complete, workflow words are translatable, the language switches."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from maatwerk.core import enums
from maatwerk.web import labels
from maatwerk.workflow import ENGINE
from tests.web.conftest import ROOT, TRANSLATIONS
from tests.web.helpers import text

NL_PO = TRANSLATIONS / "nl" / "LC_MESSAGES" / "messages.po"
# The domain modules whose error messages pages show (DomainError.detail).
DOMAIN_MODULES = [
    "maatwerk/plans/operations.py",
    "maatwerk/goals/operations.py",
    "maatwerk/outcomes/operations.py",
    "maatwerk/households/operations.py",
    "maatwerk/households/intake.py",
    "maatwerk/households/reading.py",
    "maatwerk/accounts/operations.py",
    "maatwerk/accounts/reading.py",
    "maatwerk/catalogue/reading.py",
    "maatwerk/catalogue/operations.py",
    "maatwerk/catalogue/goal_operations.py",
    "maatwerk/workflow.py",
    "maatwerk/monitoring/surveys.py",
    "maatwerk/reflection/operations.py",
    "maatwerk/portal/activation.py",
    "maatwerk/admin/access.py",
    "maatwerk/admin/accounts.py",
    "maatwerk/admin/organisations.py",
    "maatwerk/admin/setup.py",
]
DOMAIN_ERRORS = {"ValidationFailed", "Conflict", "Forbidden", "NotFound", "InvalidInput"}


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(s.strip() for s in strings)


@pytest.fixture(scope="module")
def dutch():
    """The Dutch catalogue: msgid -> message."""
    with NL_PO.open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    return {message.id: message for message in catalogue if message.id}


def _key(msgid):
    return msgid[0] if isinstance(msgid, tuple) else msgid


def test_every_extracted_message_has_a_dutch_translation(dutch, tmp_path: Path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("pybabel")),
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        extracted = [m for m in read_po(handle) if m.id]
    known = {_key(msgid): message for msgid, message in dutch.items()}
    missing = [m.id for m in extracted if _key(m.id) not in known]
    assert not missing, (
        f"Not in translations/nl (run the update in translations/README.md): {missing}"
    )
    untranslated = [m.id for m in extracted if not _translated(known[_key(m.id)])]
    assert not untranslated, f"Empty or fuzzy Dutch translations: {untranslated}"


def test_the_dutch_catalogue_has_no_fuzzy_or_empty_entries(dutch):
    bad = [msgid for msgid, message in dutch.items() if not _translated(message)]
    assert not bad


def _dutch_for(dutch, msgid: str) -> str:
    message = dutch.get(str(msgid))
    assert message is not None, f"{msgid!r} is not in the Dutch catalogue"
    assert _translated(message), f"{msgid!r} has no Dutch translation"
    return message.string


def test_every_guard_message_of_every_workflow_has_a_dutch_translation(dutch):
    in_labels = {str(m._args[0]) if hasattr(m, "_args") else str(m) for m in labels.GUARD_MESSAGES}
    for definition in ENGINE.definitions:
        for guard, message in definition.guard_messages.items():
            assert message in in_labels, (
                f"{definition.label}: guard {guard} message is not in maatwerk/web/labels.py"
            )
            _dutch_for(dutch, message)


def test_every_state_and_trigger_has_a_dutch_label(dutch):
    for definition in ENGINE.definitions:
        for state in definition.states:
            assert state in labels.STATES, f"{definition.label}: state {state} has no label"
            _dutch_for(dutch, labels.STATES[state]._args[0])
        for trigger in definition.triggers:
            assert trigger in labels.TRIGGERS, f"{definition.label}: trigger {trigger} has no label"
            _dutch_for(dutch, labels.TRIGGERS[trigger]._args[0])
    assert labels.TRIGGERS["start_exploration"]._args[0] == "Start exploring"
    assert _dutch_for(dutch, "Start exploring") == "Verkenning starten"


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        (labels.DOMAINS, enums.Domain),
        (labels.DOMAIN_TERMS, enums.Domain),
        (labels.CARRIERS, enums.Carrier),
        (labels.BARRIER_CATEGORIES, enums.BarrierCategory),
        (labels.POSITIONS, enums.MemberPosition),
        (labels.REFERRAL_SOURCES, enums.ReferralSource),
        (labels.CONSENT_PURPOSES, enums.ConsentPurpose),
        (labels.ROLES, enums.Role),
        (labels.PLAN_ROLES, enums.PlanRole),
        (labels.MOMENTS, enums.Moment),
        (labels.SECTORS, enums.Sector),
    ],
)
def test_every_code_shown_on_a_page_has_a_dutch_label(dutch, table, enum):
    for member in enum:
        assert member in table, f"{enum.__name__}.{member.name} has no label"
        _dutch_for(dutch, table[member]._args[0])


def test_every_plan_workflow_has_a_label(dutch):
    for definition in ENGINE.definitions:
        if definition.subject == "plan":
            _dutch_for(dutch, labels.WORKFLOWS[definition.name]._args[0])


def _domain_messages() -> set[str]:
    found = set()
    for module in DOMAIN_MODULES:
        tree = ast.parse((ROOT / module).read_text())
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            name = getattr(node.exc.func, "id", None) or getattr(node.exc.func, "attr", None)
            first = node.exc.args[0] if node.exc.args else None
            if name in DOMAIN_ERRORS and isinstance(first, ast.Constant):
                found.add(first.value)
    return found


def test_domain_error_messages_are_translatable(dutch):
    in_labels = {m._args[0] for m in labels.DOMAIN_MESSAGES}
    messages = _domain_messages()
    assert "The message is empty." in messages
    missing = sorted(messages - in_labels)
    assert not missing, f"Add to DOMAIN_MESSAGES in maatwerk/web/labels.py: {missing}"
    for message in messages:
        _dutch_for(dutch, message)


# The domain modules whose field messages (DomainError.fields) the professionals' pages
# show next to the message (maatwerk/web/plan_page.py form_error, maatwerk/web/intake.py).
FIELD_MODULES = [
    "maatwerk/plans/operations.py",
    "maatwerk/goals/operations.py",
    "maatwerk/outcomes/operations.py",
    "maatwerk/households/operations.py",
    "maatwerk/households/intake.py",
    "maatwerk/households/reading.py",
    "maatwerk/catalogue/reading.py",
    "maatwerk/catalogue/operations.py",
    "maatwerk/catalogue/goal_operations.py",
    "maatwerk/admin/accounts.py",
    "maatwerk/admin/organisations.py",
]
# What a value in an f-string message may look like: a number, a goal or action field.
SAMPLE_VALUES = ("300", "title", "description")


def _raised_messages(modules: list[str], *, fields: bool) -> list[ast.expr]:
    """The message (and field message) expressions of every domain error raised there."""
    found: list[ast.expr] = []
    for module in modules:
        for node in ast.walk(ast.parse((ROOT / module).read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in DOMAIN_ERRORS:
                continue
            found += node.args[:1]
            for keyword in node.keywords:
                if fields and keyword.arg == "fields" and isinstance(keyword.value, ast.Dict):
                    for value in keyword.value.values:
                        found += value.elts if isinstance(value, ast.List) else [value]
    return found


def _samples(expression: ast.expr) -> list[str]:
    if isinstance(expression, ast.Constant):
        return [expression.value]
    assert isinstance(expression, ast.JoinedStr), ast.unparse(expression)
    return [
        "".join(
            part.value if isinstance(part, ast.Constant) else value for part in expression.values
        )
        for value in SAMPLE_VALUES
    ]


def test_domain_messages_the_pages_show_have_no_english_left(app, dutch):
    """Every message and field message the plan and intake pages may show, constant or
    with a value in it (an f-string), comes out in Dutch from labels.translate."""
    english = []
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        from flask import session

        session["lang"] = "nl"
        shown = _raised_messages(DOMAIN_MODULES, fields=False)
        shown += _raised_messages(FIELD_MODULES, fields=True)
        for expression in shown:
            samples = _samples(expression)
            if not any(labels.translate(sample) != sample for sample in samples):
                english.append(samples[0])
    assert not english, f"Untranslated domain messages (DOMAIN_MESSAGES or PARAMETRISED): {english}"


def test_messages_with_a_value_are_translated_with_it(app):
    with app.test_request_context():
        from flask import session

        session["lang"] = "nl"
        assert labels.translate("At most 5000 characters.") == "Maximaal 5000 tekens."
        assert labels.translate("title is required.") == (
            "Vul “Doel, in de woorden van het gezin” in."
        )
        assert labels.translate("description is too long.") == "“Wat er gaat gebeuren” is te lang."
        # An unknown field name is not guessed at.
        assert labels.translate("colour is required.") == "colour is required."


def test_language_switch_changes_the_page_language(setting, login):
    client = login(setting.coordinator)
    dutch_page = text(client.get("/werk"))
    assert '<html lang="nl">' in dutch_page and "Mijn werk" in dutch_page
    response = client.post("/taal", data={"lang": "en", "next": "/werk"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/werk"
    page = text(client.get("/werk"))
    assert '<html lang="en">' in page
    assert "My work" in page and "My plans by status" in page and "Mijn werk" not in page
    plan = text(client.get(f"/werk/plannen/{setting.plan.id}"))
    assert "Start exploring" in plan and "Goals, in the family's order" in plan
    client.post("/taal", data={"lang": "nl", "next": "/werk"})
    assert '<html lang="nl">' in text(client.get("/werk"))


def test_language_switch_also_works_before_login(client, db_session):
    client.post("/taal", data={"lang": "en", "next": "/login"})
    page = text(client.get("/login"))
    assert '<html lang="en">' in page and "Username" in page


def test_language_switch_is_post_only_and_stays_on_this_site(client, db_session):
    assert client.get("/taal?lang=en").status_code == 405
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example", ""):
        response = client.post("/taal", data={"lang": "en", "next": target})
        assert response.headers["Location"] == "/"
    client.post("/taal", data={"lang": "xx", "next": "/login"})
    assert '<html lang="en">' in text(client.get("/login"))  # an unknown language is ignored


def test_refusal_messages_are_translated(setting, login):
    page = text(login(setting.member, lang="en").get(f"/werk/plannen/{setting.plan.id}"))
    assert "Only the coordinator can do this." in page
    page = text(login(setting.member).get(f"/werk/plannen/{setting.plan.id}"))
    assert "Alleen de regisseur kan dit doen." in page


def test_the_dutch_interface_says_je_not_u():
    """One form of address throughout: "je"/"jullie" (B1, DESIGN §1), never the formal
    "u"/"uw" that crept into the account pages once."""
    from babel.messages.pofile import read_po

    formal = re.compile(r"\b(?:[Uu]w|[Uu])\b")
    with NL_PO.open("rb") as po:
        catalogue = read_po(po)
    found = [
        text
        for message in catalogue
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if text and formal.search(text)
    ]
    assert not found, found
