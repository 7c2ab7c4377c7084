"""BSN, IBAN, phone numbers, e-mail, postcodes and licence plates."""

from __future__ import annotations

import pytest

from maatwerk.anonymisation import scrub


def clean(text: str) -> str:
    return scrub(text).text


@pytest.mark.parametrize(
    "bsn", ["123456782", "123.456.782", "1234.56.782", "123 456 782", "123-456-782", "111222333"]
)
def test_bsn_with_elfproef(bsn):
    assert clean(f"BSN {bsn} bekend.") == "BSN [bsn] bekend."
    assert clean(f"nummer {bsn}.") == "nummer [bsn]."


def test_bsn_over_a_line_break_and_after_a_cue():
    assert clean("zoon 123 456\n782.") == "zoon [bsn]."
    # after a cue also when the elfproef fails (a typo is still a BSN)
    assert clean("BSN: 123456789") == "BSN: [bsn]"


def test_nine_digits_failing_elfproef_still_go_as_number():
    assert clean("Referentie 123456789.") == "Referentie [nummer]."


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "NL91 ABNA\n0417 1643 00",
        "NL20INGB0001234567",
        "DE89 3704 0044 0532 0130 00",
    ],
)
def test_iban(iban):
    assert clean(f"Rekening {iban}, t.n.v. het gezin.") == "Rekening [iban], t.n.v. het gezin."


def test_dutch_shaped_iban_with_wrong_checksum():
    assert clean("Rekening NL00ABNA0417164300.") == "Rekening [iban]."


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "06 12 34 56 78",
        "0612345678",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "+31612345678",
        "0031 6 12345678",
        "(050) 123 4567",
        "050-1234567",
        "050 - 123 45 67",
        "0598-123456",
        "(0598) 61 23 45",
        "0598 123456",
        "+31 598 123456",
        "06 - 1234\n5678",
        "+32 470 12 34 56",
    ],
)
def test_phone_forms(phone):
    assert clean(f"Bel {phone} na 16.00 uur.") == "Bel [telefoon] na 16.00 uur."


def test_phone_numbers_in_a_list():
    assert clean("Tel: 06-12345678/0598-123456.") == "Tel: [telefoon]/[telefoon]."


@pytest.mark.parametrize(
    "email",
    ["jan.devries@ziggo.nl", "SANNE.DEBOER@GMAIL.COM", "p.bakker (at) gmail.com", "a+b@x-y.nl"],
)
def test_email(email):
    assert clean(f"Mail {email} graag.") == "Mail [e-mail] graag."


@pytest.mark.parametrize("postcode", ["9641 AB", "9641AB", "9641ab", "9641 ab", "1012 SS"])
def test_postcode(postcode):
    assert clean(f"Postcode {postcode} Veendam.") == "Postcode [postcode] [plaats]."


@pytest.mark.parametrize(
    "text",
    ["In 2024 en 2025.", "Schuld 1500 en meer.", "Liep in 2019 af.", "Sinds 2012 op de lijst."],
)
def test_not_a_postcode(text):
    assert "[postcode]" not in clean(text)


@pytest.mark.parametrize(
    "plate",
    ["12-ABC-3", "AB-123-C", "12ABC3", "81-PF-UX", "1-TXB-22", "ks-12-tx", "GJ-62-TK", "999-XX-9"],
)
def test_licence_plates(plate):
    assert (
        clean(f"Auto met kenteken {plate} staat stil.")
        == "Auto met kenteken [kenteken] staat stil."
    )


@pytest.mark.parametrize("text", ["Groep 7-8 en klas 2B.", "COVID-19 en MBO-4.", "Ab-12-Cd code."])
def test_not_a_licence_plate(text):
    assert "[kenteken]" not in clean(text)
