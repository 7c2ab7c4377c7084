"""No personal data in the application's logs.

tests/security/conftest.py writes every record of the application's loggers during the whole
test session to test-artifacts/logs/test-session.log, and runs this module last. The scan
looks for the seeded personal data of the demo and the test fixtures (full names, family
names, e-mail addresses, login names of people) and for anything shaped like an e-mail
address or a Dutch phone number.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from maatwerk.demo.content import STAFF, email_for
from maatwerk.demo.families import household_specs
from maatwerk.demo.loader import SEED
from tests.security.conftest import LOG_FILE

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<!\d)(?:\+31|0031|0)[ -]?6[ -]?(?:\d[ -]?){8}(?!\d)")
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
    "Hoofdstraat 12",
]


def seeded_personal_data() -> list[str]:
    """Names, e-mail addresses and logins of the demo people and the fixtures' people."""
    seeds = set(FIXTURE_PEOPLE)
    for login, (name, _role, _organisation) in STAFF.items():
        seeds |= {name, email_for(login), login}
    for household in household_specs(random.Random(SEED)):  # replays the demo
        seeds.add(household.family_name)
        seeds.add(household.login)
        for member in household.members:
            seeds.add(f"{member.given_name} {member.family_name}")
    return sorted(seeds)


def find_personal_data(text: str, seeds: list[str]) -> list[str]:
    """Every seed (as a whole word) and every e-mail or phone shape found in text."""
    found = [seed for seed in seeds if re.search(rf"(?<![\w.]){re.escape(seed)}(?![\w])", text)]
    found += EMAIL.findall(text)
    found += [match.group(0) for match in PHONE.finditer(text)]
    return found


def test_the_scanner_finds_what_it_looks_for():
    seeds = seeded_personal_data()
    assert "Marieke Hofstede" in seeds and "Jansen" in seeds and len(seeds) > 100
    planted = "login refused for Marieke Hofstede (marieke@example.org, 06 1234 5678)"
    assert len(find_personal_data(planted, seeds)) == 3
    assert find_personal_data("GET /werk/plannen/12 HTTP/1.1 200 user 41", seeds) == []


def test_the_logs_of_the_whole_suite_hold_no_personal_data():
    path = Path(LOG_FILE)
    if not path.exists():
        pytest.skip("the session log was not configured")
    text = path.read_text(encoding="utf-8", errors="replace")
    assert text.strip(), "nothing was logged: the log configuration does not work"
    found = find_personal_data(text, seeded_personal_data())
    lines = [line for line in text.splitlines() if any(item in line for item in found)]
    assert not found, f"personal data in {path}: {sorted(set(found))}\n" + "\n".join(lines[:20])
