"""No personal data in the application's logs.

tests/security/conftest.py writes every record of the application's loggers during the whole
test session to a log file of this run (session_log()), and runs this module last. The scan
looks for the seeded personal data of the demo and the test fixtures (full names, family
names, e-mail addresses, login names and phone numbers of people) and for anything shaped
like an e-mail address or a phone number: Dutch mobile and landline numbers, national or
international (+31, 0031) and foreign numbers with a country code (phonenumbers'
PhoneNumberMatcher for region NL, valid numbers only).
"""

from __future__ import annotations

import random
import re
import shutil

import phonenumbers
import pytest

from maatwerk.demo.content import STAFF, email_for, phone_for
from maatwerk.demo.families import household_specs
from maatwerk.demo.loader import SEED
from tests.security.conftest import ROOT, session_log
from tests.security.world import PHONES

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# People in the test fixtures (tests/plans/flow.py, tests/casereview, tests/monitoring).
FIXTURE_PEOPLE = [
    "Anna Test",
    "Bert Test",
    "Kees Test",
    "Mohammed El Amrani",
    "Sanne Test",
    "Daan Test",
    "Zwaantje Brouwersma",
    "Ria Regisseur",
    "Uma Uitlogger",
    "Vera Vertrokken",
    "anna.test@example.nl",
    "06-12345678",
    "0599 123 456",
    "Hoofdstraat 12",
    *PHONES,
]


def seeded_personal_data() -> list[str]:
    """Names, e-mail addresses, logins and phones of the demo people and the fixtures' people."""
    seeds = set(FIXTURE_PEOPLE)
    for login, (name, _role, _organisation) in STAFF.items():
        seeds |= {name, email_for(login), login, phone_for(login)}
    for household in household_specs(random.Random(SEED)):  # replays the demo
        seeds.add(household.family_name)
        seeds.add(household.login)
        for member in household.members:
            seeds.add(f"{member.given_name} {member.family_name}")
    return sorted(seeds)


def phone_numbers(text: str) -> list[str]:
    """Every valid phone number in text, Dutch (national or international) or foreign."""
    return [match.raw_string for match in phonenumbers.PhoneNumberMatcher(text, "NL")]


def find_personal_data(text: str, seeds: list[str]) -> list[str]:
    """Every seed (as a whole word) and every e-mail or phone shape found in text."""
    found = [seed for seed in seeds if re.search(rf"(?<![\w.]){re.escape(seed)}(?![\w])", text)]
    found += EMAIL.findall(text)
    found += phone_numbers(text)
    return found


@pytest.mark.parametrize(
    ("planted", "expected"),
    [
        ("login refused for Marieke Hofstede", "Marieke Hofstede"),
        ("mail sent to marieke@example.org", "marieke@example.org"),
        ("call from 06 1234 5678", "06 1234 5678"),
        ("call from +31 6 1234 5678", "+31 6 1234 5678"),
        ("call from 0598-123456", "0598-123456"),
        ("call from +31 20 123 4567", "+31 20 123 4567"),
        ("call from 0031 50 123 4567", "0031 50 123 4567"),
        ("call from (050) 123 45 67", "(050) 123 45 67"),
        ("call from +49 30 12345678", "+49 30 12345678"),
    ],
)
def test_the_scanner_finds_a_planted_item(planted, expected):
    line = f"2026-09-01 10:00:00,123 WARNING maatwerk.accounts {planted} (user 41)"
    assert expected in find_personal_data(line, seeded_personal_data())


def test_the_scanner_finds_every_seeded_phone_and_not_log_noise():
    seeds = seeded_personal_data()
    assert "Marieke Hofstede" in seeds and "Jansen" in seeds and len(seeds) > 100
    staff_phones = [phone_for(login) for login in STAFF]
    assert {p[:3] for p in staff_phones} >= {"059", "+31", "06-"}, staff_phones
    for phone in [*PHONES, *staff_phones]:
        assert phone_numbers(f"user 7 changed phone to {phone}.") == [phone], phone
    noise = (
        "2026-09-01 10:00:00,123 INFO werkzeug 127.0.0.1 - - [01/Sep/2026 10:00:00] "
        '"GET /werk/plannen/12?versie=3 HTTP/1.1" 200 - request 5f3a9c01d2e4 user 41 '
        "took 0.0123 s, 1234567 bytes, audit event 20260901 chain 0598123"
    )
    assert find_personal_data(noise, seeds) == []


def test_the_logs_of_the_whole_suite_hold_no_personal_data():
    path = session_log()
    if path is None or not path.exists():
        pytest.skip("the session log was not configured")
    text = path.read_text(encoding="utf-8", errors="replace")
    assert text.strip(), "nothing was logged: the log configuration does not work"
    found = find_personal_data(text, seeded_personal_data())
    if not found:
        return
    # The run's log is removed when the run ends: keep a copy to look at.
    kept = ROOT / "test-artifacts" / "logs" / f"{path.parent.name}.log"
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, kept)
    lines = [line for line in text.splitlines() if any(item in line for item in found)]
    pytest.fail(
        f"personal data in the log (copy: {kept}): {sorted(set(found))}\n" + "\n".join(lines[:20])
    )
