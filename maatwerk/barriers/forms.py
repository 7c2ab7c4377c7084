"""Forms of the barrier pages: report, take a step, decide, link goals, set a budget."""

from __future__ import annotations

import decimal
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget, TextInput

from maatwerk.barriers.budget import format_euros
from maatwerk.barriers.labels import CATEGORIES

REQUIRED = _l("Please fill this in.")
NOT_AN_AMOUNT = _l("Enter an amount in euros, for example 1.000,50.")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:[.,][0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+")
_FRACTION = re.compile(r"[0-9]{1,2}")


def parse_euros(typed: str) -> decimal.Decimal:
    """An amount as people type it, on the Dutch pages (1000,50 or 1.000,50) and the English
    ones (1000.50 or 1,000.50); ValueError for anything else. Euros have two decimals, so a
    separator followed by exactly three digits groups thousands (1.000 and 1,000 are a
    thousand), never a fraction; a typed amount is never rounded (0.001 is refused, not
    read as 1 or 0)."""
    text = typed.replace("\u20ac", "").replace(" ", "").replace("\u00a0", "")
    whole, fraction = text, ""
    last = max(text.rfind(","), text.rfind("."))
    if last >= 0 and len(text) - last - 1 in (1, 2):
        whole, fraction = text[:last], text[last + 1 :]
    if fraction and not _FRACTION.fullmatch(fraction):
        raise ValueError(typed)  # digits of other scripts, or signs: not an amount
    if _GROUPED.fullmatch(whole):
        separators = {c for c in whole if c in ".,"}
        if len(separators) != 1 or (fraction and text[last] in separators):
            raise ValueError(typed)  # 1.000.000 or 1,000 but never 1.000,000 nor 1,000,5
        whole = whole.replace(separators.pop(), "")
    elif not _PLAIN.fullmatch(whole):
        raise ValueError(typed)
    return decimal.Decimal(f"{whole}.{fraction or '0'}").quantize(decimal.Decimal("0.01"))


class EuroField(DecimalField):
    """An amount in euros (parse_euros), typed in a text field: a number field would let
    the browser drop "1.000,50" and send nothing."""

    widget = TextInput()

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist:
            return
        try:
            self.data = parse_euros(str(valuelist[0]))
        except (decimal.InvalidOperation, ValueError):
            self.data = None
            raise ValueError(str(NOT_AN_AMOUNT)) from None


class EuroRange:
    """Between min and max euros, said once, in euros as the page writes them."""

    def __init__(self, min: str, max: str) -> None:
        self.min, self.max = decimal.Decimal(min), decimal.Decimal(max)

    def __call__(self, form: FlaskForm, field: EuroField) -> None:
        if field.data is None:
            if field.process_errors:
                raise StopValidation()  # not an amount: that message says enough
            return
        if not self.min <= field.data <= self.max:
            raise StopValidation(
                _(
                    "Enter an amount from %(min)s to %(max)s.",
                    min=_euros(self.min),
                    max=_euros(self.max),
                )
            )


def _euros(value: decimal.Decimal) -> str:
    return format_euros(int(value * 100))


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes (organisations, operational goals)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class VersionedForm(FlaskForm):
    """Carries the version of the barrier the page showed (a stale page is refused)."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class ReportForm(FlaskForm):
    """Report a barrier on a plan, optionally on one of its actions."""

    category = RadioField(
        _l("What kind of barrier"),
        choices=[SelectChoice(code.value, text) for code, text in CATEGORIES.items()],
        validators=[DataRequired(REQUIRED)],
    )
    rule_concerned = StringField(
        _l("Rule, law or budget concerned"), validators=[Optional(), Length(max=300)]
    )
    description = TextAreaField(
        _l("What blocks the help that fits"), validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    proposed_solution = TextAreaField(
        _l("Proposed solution"), validators=[Optional(), Length(max=5000)]
    )
    action_id = SelectField(_l("Action concerned"), coerce=int, validate_choice=True)
    organisations = CheckboxesField(_l("Organisations whose decision is needed"), coerce=int)
    block_action = BooleanField(_l("Mark the action as blocked"), default=True)
    escalate_now = BooleanField(_l("Escalate to their managers now"))


class StepForm(VersionedForm):
    """Escalate, make structural, resolve: a trigger with its reason."""

    trigger = HiddenField(validators=[DataRequired()])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])
    organisations = CheckboxesField(_l("Escalate to the managers of"), coerce=int)


class DecisionForm(VersionedForm):
    """A manager's decision, with an optional grant from the flexible budget."""

    decision = TextAreaField(_l("Decision"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    amount = EuroField(
        _l("Grant from the flexible budget (euros, optional)"),
        places=2,
        validators=[Optional(), EuroRange("0.01", "10000000")],
    )


class GoalLinksForm(VersionedForm):
    """The operational goals a structural barrier stands in the way of."""

    goals = CheckboxesField(_l("Operational goals"), coerce=int)


class BudgetForm(FlaskForm):
    """Set an organisation's flexible budget for a year."""

    organisation_id = SelectField(_l("Organisation"), coerce=int, validate_choice=True)
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    amount = EuroField(
        _l("Amount available (euros)"),
        places=2,
        validators=[InputRequired(REQUIRED), EuroRange("0", "10000000")],
    )
    # The yearly amounts the page showed, "organisation-year-cents" each: an amount set or
    # changed by someone else since is not overwritten unseen (agenda_views.budget_page).
    # Grants change what remains, not the amount: they do not count as a change here.
    seen = HiddenField()

    def seen_amount(self, organisation_id: int, year: int) -> int | None:
        """The yearly amount in cents the page showed for it (None: it showed none)."""
        for part in (self.seen.data or "").split(","):
            bits = part.split("-")
            readable = len(bits) == 3 and all(b.isascii() and b.isdigit() for b in bits)
            if readable and (int(bits[0]), int(bits[1])) == (organisation_id, year):
                return int(bits[2])
        return None
