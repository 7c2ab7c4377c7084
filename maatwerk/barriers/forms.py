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
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from maatwerk.barriers.budget import format_euros
from maatwerk.barriers.labels import CATEGORIES

REQUIRED = _l("Please fill this in.")
NOT_AN_AMOUNT = _l("Enter an amount in euros, for example 1.000,50.")
_DUTCH_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


class EuroField(DecimalField):
    """An amount in euros, as people type it on a Dutch page: 1000,50 or 1.000,50 (and
    1000.50, with a point, as the English pages and the API write it)."""

    def process_formdata(self, valuelist: list) -> None:
        if not valuelist:
            return
        text = str(valuelist[0]).replace("\u20ac", "").replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _DUTCH_THOUSANDS.fullmatch(text):
            text = text.replace(".", "")  # 1.000: a thousand, not one
        try:
            value = decimal.Decimal(text)
            if not value.is_finite():
                raise decimal.InvalidOperation
            value = value.quantize(decimal.Decimal("0.01"))
        except (decimal.InvalidOperation, ValueError):
            self.data = None
            raise ValueError(str(NOT_AN_AMOUNT)) from None
        self.data = value


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
