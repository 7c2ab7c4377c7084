"""The one name normaliser: look-alike names are one name, and are stored cleaned."""

from __future__ import annotations

import pytest

from maatwerk.core.names import clean_name, name_in, name_key

LOOK_ALIKES = [
    "GGZ  Veenkoloniën",  # two spaces
    "GGZ Veenkolonie\u0308n",  # e and a combining diaeresis
    "GGZ Veenkoloniën\u200b",  # zero-width space
    "\ufeffGGZ\u00a0Veen\u00adkoloniën",  # byte-order mark, no-break space, soft hyphen
    " GGZ\tVeenkoloniën\n",
]


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_look_alikes_are_stored_cleaned_and_compare_equal(name):
    assert clean_name(name) == "GGZ Veenkoloniën"
    assert name_key(name) == name_key("ggz veenkoloniën")
    assert name_in(name, ["Anders", "GGZ VEENKOLONIËN"])


@pytest.mark.parametrize("name", [None, "", "   ", "\u200b", "\u200b \u2060\x07"])
def test_a_name_of_only_invisible_characters_is_empty(name):
    assert clean_name(name) == ""


def test_different_names_stay_different():
    assert not name_in("GGZ Veenkolonien", ["GGZ Veenkoloniën"])
    assert clean_name("Café  de Hoek") == "Café de Hoek"
