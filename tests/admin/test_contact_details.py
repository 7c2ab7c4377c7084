"""A staff account's contact details: a name on one line, a phone number one can call."""

from __future__ import annotations

import pytest

from maatwerk.admin import accounts as ops
from maatwerk.core.errors import ValidationFailed


@pytest.mark.parametrize("phone", ["abc", "12", "06-1234-5678-9999-1"])
def test_a_phone_number_nobody_can_call_is_refused(world, phone):
    with pytest.raises(ValidationFailed) as refused:
        ops.update_account(
            world.professional,
            display_name="Test",
            email=None,
            phone=phone,
            actor=world.admin,
        )
    assert refused.value.fields == {"phone": ["Not a phone number."]}


@pytest.mark.parametrize(
    "phone", ["0599 123456", "06-12345678", "+31 50 123 4567", "+49 30 1234567"]
)
def test_dutch_and_foreign_numbers_are_kept_as_typed(world, phone):
    ops.update_account(
        world.professional, display_name="Test", email=None, phone=phone, actor=world.admin
    )
    assert world.professional.phone == phone


def test_a_name_is_one_line(world):
    ops.update_account(
        world.professional,
        display_name="Nieuw\nregel\u200b  hier ",
        email=None,
        phone=None,
        actor=world.admin,
    )
    assert world.professional.display_name == "Nieuw regel hier"
