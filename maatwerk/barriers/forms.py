"""Forms of the barrier pages: report, take a step, decide, link goals, set a budget."""

from __future__ import annotations

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
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from maatwerk.barriers.labels import CATEGORIES

REQUIRED = _l("Please fill this in.")


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
    amount = DecimalField(
        _l("Grant from the flexible budget (euros, optional)"),
        places=2,
        validators=[Optional(), NumberRange(min=0.01, max=10_000_000)],
    )


class GoalLinksForm(VersionedForm):
    """The operational goals a structural barrier stands in the way of."""

    goals = CheckboxesField(_l("Operational goals"), coerce=int)


class BudgetForm(FlaskForm):
    """Set an organisation's flexible budget for a year."""

    organisation_id = SelectField(_l("Organisation"), coerce=int, validate_choice=True)
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    amount = DecimalField(
        _l("Amount available (euros)"),
        places=2,
        validators=[InputRequired(REQUIRED), NumberRange(min=0, max=10_000_000)],
    )
