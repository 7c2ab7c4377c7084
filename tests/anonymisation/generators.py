"""Generators for valid Dutch identifiers in the forms people write them (seeded, no I/O).

Faker's nl_NL phone numbers and plates are often invalid, so phones, BSNs, plates and dates
of birth are made here; every phone number is checked with ``phonenumbers`` and every BSN with
the elfproef before use.
"""

from __future__ import annotations

import datetime as dt
import random

import phonenumbers
from stdnum.nl import bsn as stdnum_bsn

MOBILE_PREFIX = "06"
# Area codes: the Veenkolonien and surroundings first, a few big cities for variety.
AREA_CODES_3 = ["010", "020", "030", "040", "050", "053", "055", "058", "070", "073", "076"]
AREA_CODES_4 = ["0591", "0592", "0594", "0596", "0597", "0598", "0599", "0511", "0521", "0524"]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_SHORT = ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt."]
PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"
SIDECODES = [
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
]


def _valid(national: str) -> bool:
    return phonenumbers.is_valid_number(phonenumbers.parse(national, "NL"))


def mobile_digits(rng: random.Random) -> str:
    while True:
        national = "06" + str(rng.randint(1, 5)) + "".join(rng.choices("0123456789", k=7))
        if _valid(national):
            return national


def landline_digits(rng: random.Random) -> str:
    while True:
        area = rng.choice(AREA_CODES_3 + AREA_CODES_4 * 2)
        rest = str(rng.randint(2, 9)) + "".join(rng.choices("0123456789", k=9 - len(area)))
        if _valid(area + rest):
            return area + rest


def format_mobile(d: str, rng: random.Random) -> str:
    """d = "06xxxxxxxx"."""
    sub = d[2:]
    forms = [
        f"06-{sub}",
        f"06 {sub[:4]} {sub[4:]}",
        f"06 {sub[:2]} {sub[2:4]} {sub[4:6]} {sub[6:]}",
        d,
        f"+31 6 {sub}",
        f"+31 (0)6 {sub[:4]} {sub[4:]}",
        f"+316{sub}",
        f"0031 6 {sub}",
        f"0031-6-{sub}",
        f"06 - {sub}",
        f"(06) {sub}",
        f"06-{sub[:2]} {sub[2:4]} {sub[4:6]} {sub[6:]}",
    ]
    return rng.choice(forms)


def format_landline(d: str, rng: random.Random) -> str:
    area = d[:3] if d[:3] in AREA_CODES_3 else d[:4]
    sub = d[len(area) :]
    if len(sub) == 7:
        grouped = [f"{sub[:3]} {sub[3:]}", f"{sub[:3]} {sub[3:5]} {sub[5:]}", sub]
    else:
        grouped = [f"{sub[:3]} {sub[3:]}", f"{sub[:2]} {sub[2:4]} {sub[4:]}", sub]
    body = rng.choice(grouped)
    forms = [
        f"{area}-{sub}",
        f"{area} {body}",
        f"({area}) {body}",
        f"({area}) {sub}",
        f"{area}-{body}",
        f"+31 {area[1:]} {body}",
        f"+31 (0){area[1:]} {sub}",
        f"0031 {area[1:]} {sub}",
        f"{area} - {sub}",
    ]
    return rng.choice(forms)


def phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return format_mobile(mobile_digits(rng), rng)
    return format_landline(landline_digits(rng), rng)


def bsn(rng: random.Random) -> str:
    while True:
        digits = "".join(rng.choices("0123456789", k=8))
        if digits[0] == "0":
            continue
        total = sum(int(c) * w for c, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check == 10:
            continue
        number = digits + str(check)
        if stdnum_bsn.is_valid(number):
            break
    forms = [
        number,
        f"{number[:4]}.{number[4:6]}.{number[6:]}",
        f"{number[:3]}.{number[3:6]}.{number[6:]}",
        f"{number[:3]} {number[3:6]} {number[6:]}",
        f"{number[:3]}-{number[3:6]}-{number[6:]}",
        f"{number[:4]} {number[4:6]} {number[6:]}",
    ]
    return rng.choice(forms)


def plate(rng: random.Random) -> str:
    code = rng.choice(SIDECODES)
    out = "".join(
        rng.choice(PLATE_LETTERS) if c == "X" else str(rng.randint(0, 9)) if c == "9" else c
        for c in code
    )
    return out if rng.random() < 0.75 else out.replace("-", "")


def iban(fake, rng: random.Random) -> str:
    compact = fake.iban()
    form = rng.random()
    if form < 0.45:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    if form < 0.9:
        return compact
    return compact.lower()


def postcode(fake, rng: random.Random) -> str:
    code = fake.postcode().replace(" ", "")
    form = rng.random()
    if form < 0.5:
        return f"{code[:4]} {code[4:]}"
    if form < 0.85:
        return code
    return code.lower()


def date_text(date: dt.date, rng: random.Random, *, with_year: bool = True) -> str:
    if not with_year:
        return rng.choice(
            [f"{date.day} {MONTHS[date.month - 1]}", f"{date.day}e {MONTHS[date.month - 1]}"]
        )
    forms = [
        f"{date.day:02d}-{date.month:02d}-{date.year}",
        f"{date.day}-{date.month}-{date.year}",
        f"{date.day:02d}/{date.month:02d}/{date.year}",
        f"{date.day}.{date.month}.{date.year}",
        f"{date.day} {MONTHS[date.month - 1]} {date.year}",
        f"{date.day:02d}-{date.month:02d}-{date.year % 100:02d}",
    ]
    if date.month <= 10:
        forms.append(f"{date.day} {MONTHS_SHORT[date.month - 1]} {date.year}")
    return rng.choice(forms)


def birth_date(rng: random.Random, first_year: int, last_year: int) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def house_number(rng: random.Random) -> str:
    n = str(rng.choice([rng.randint(1, 30), rng.randint(1, 250)]))
    extra = rng.random()
    if extra < 0.15:
        return n + rng.choice("abc")
    if extra < 0.22:
        return f"{n}-{int(n) + 2}"
    if extra < 0.28:
        return f"{n} {rng.choice('AB')}"
    if extra < 0.32:
        return f"{n}-{rng.choice(['II', 'bis', 'hs'])}"
    return n
