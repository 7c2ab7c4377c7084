"""Forms of the professionals' pages (Flask-WTF: every form carries the CSRF token)."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
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
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from maatwerk.core.enums import BarrierCategory, Carrier, Domain, MemberPosition, Moment
from maatwerk.goals.dates import too_far_ahead
from maatwerk.households.ages import OLDEST_AGE, age_on
from maatwerk.web import labels

REQUIRED = _l("Fill this in.")
MEMBER_ROWS = 4
MAX_MEMBER_ROWS = 12


def _optional_int(value: object) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)  # type: ignore[arg-type]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (works without JavaScript, unlike a multiple select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def not_in_future(form: Form, field: DateField) -> None:
    if field.data is not None and field.data > dt.date.today():
        raise ValidationError(_l("This date lies in the future."))


def plausible_birth_date(form: Form, field: DateField) -> None:
    if field.data is not None and age_on(field.data, dt.date.today()) > OLDEST_AGE:
        raise ValidationError(_l("This date lies more than 120 years back: check the year."))


def within_reach(form: Form, field: DateField) -> None:
    if too_far_ahead(field.data) and field.data != field.object_data:
        raise ValidationError(_l("This date lies more than 10 years ahead: check the year."))


def not_in_past(form: Form, field: DateField) -> None:
    # A date that has passed since it was set (object_data: the edited object's) does not
    # stop anyone from saving the rest of the form; only a new date must lie ahead.
    if field.data is not None and field.data < dt.date.today() and field.data != field.object_data:
        raise ValidationError(_l("This date lies in the past."))


class VersionedForm(FlaskForm):
    """A form built on one version of the plan (and of the object it edits)."""

    plan_version = HiddenField()
    version = HiddenField()

    @property
    def built_on(self) -> tuple[int | None, int | None]:
        """(plan version, object version) the form was built on; None when missing."""
        return _version(self.plan_version.data), _version(self.version.data)


def _version(value: object) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


class TransitionForm(VersionedForm):
    """Fire a workflow trigger on the plan, a goal, an action or a barrier."""

    trigger = HiddenField(validators=[DataRequired(), Length(max=60)])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


class CommentForm(VersionedForm):
    body = TextAreaField(_l("Message"), validators=[DataRequired(REQUIRED), Length(max=5000)])


class GoalForm(VersionedForm):
    """Propose a goal or change a proposal (the family accepts it)."""

    domain = SelectField(_l("Life domain"), validators=[DataRequired(REQUIRED)])
    title = StringField(
        _l("Goal, in the family's words"), validators=[DataRequired(REQUIRED), Length(max=300)]
    )
    why_it_matters = TextAreaField(_l("Why it matters"), validators=[Length(max=5000)])
    strengths = TextAreaField(_l("Strengths to use"), validators=[Length(max=5000)])
    target_date = DateField(_l("Target date"), validators=[Optional(), not_in_past, within_reach])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.domain.choices = [(d.value, labels.label("domain", d)) for d in Domain]


class ActionForm(VersionedForm):
    """Propose an action or change one."""

    description = TextAreaField(
        _l("What will be done"), validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    goal_ids = MultiCheckboxField(_l("For which goals"), coerce=int, validate_choice=False)
    carrier = RadioField(_l("Who carries it"), validators=[DataRequired(REQUIRED)])
    lead_organisation_id = SelectField(
        _l("Lead organisation"), coerce=_optional_int, validate_choice=False
    )
    participating_ids = MultiCheckboxField(
        _l("Participating organisations"), coerce=int, validate_choice=False
    )
    intervention_id = SelectField(_l("Intervention"), coerce=_optional_int, validate_choice=False)
    assigned_user_id = SelectField(
        _l("Assigned professional"), coerce=_optional_int, validate_choice=False
    )
    due_date = DateField(_l("Due date"), validators=[Optional(), not_in_past, within_reach])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.carrier.choices = [(c.value, labels.label("carrier", c)) for c in Carrier]

    def validate_lead_organisation_id(self, field: SelectField) -> None:
        if self.carrier.data == Carrier.PROFESSIONAL.value and field.data is None:
            raise ValidationError(_l("An action carried by a professional needs a lead."))


class ScoreForm(VersionedForm):
    """The professional's 1-5 score for one life domain."""

    domain = SelectField(_l("Life domain"), validators=[DataRequired(REQUIRED)])
    moment = RadioField(_l("Moment"), validators=[DataRequired(REQUIRED)])
    score = RadioField(_l("Score"), coerce=int, validators=[InputRequired(REQUIRED)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.domain.choices = [(d.value, labels.label("domain", d)) for d in Domain]
        self.moment.choices = [(m.value, labels.label("moment", m)) for m in Moment]
        self.score.choices = [(n, labels.label("score", n)) for n in range(1, 6)]


class ScoreCorrectionForm(FlaskForm):
    """The right professional score, on the score the table showed (`was_score`)."""

    score = RadioField(
        _l("The right score"),
        coerce=int,
        choices=[SelectChoice(n, str(n)) for n in range(1, 6)],
        validators=[InputRequired(_l("Choose a score from 1 to 5."))],
    )
    was_score = RadioField(
        coerce=int,
        choices=[SelectChoice(n, str(n)) for n in range(1, 6)],
        validators=[InputRequired(_l("Choose a score from 1 to 5."))],
    )


class TeamMemberForm(VersionedForm):
    # The first choice is an empty placeholder (plan_context.fill_team_choices).
    user_id = SelectField(
        _l("Professional"),
        coerce=_optional_int,
        validators=[DataRequired(_l("Choose a professional."))],
    )


class BarrierForm(VersionedForm):
    """Report what blocks an action, and to whom it may be escalated."""

    category = RadioField(_l("What kind of barrier"), validators=[DataRequired(REQUIRED)])
    rule_concerned = StringField(_l("Rule or law concerned"), validators=[Length(max=300)])
    description = TextAreaField(
        _l("What blocks"), validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    proposed_solution = TextAreaField(_l("Proposed solution"), validators=[Length(max=5000)])
    escalate_to = MultiCheckboxField(
        _l("Organisations to escalate to"), coerce=int, validate_choice=False
    )
    escalate_now = BooleanField(_l("Escalate now to the managers of these organisations"))
    block_action = BooleanField(_l("Mark the action as blocked"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [
            (c.value, labels.label("barrier_category", c)) for c in BarrierCategory
        ]


class MemberForm(Form):
    """One row of the intake's member table; an empty row is skipped."""

    class Meta:
        def get_translations(self, form):  # WTForms' own messages in the user's language
            from flask_wtf.i18n import translations

            return translations

    given_name = StringField(_l("Given name"), validators=[Length(max=100)])
    family_name = StringField(_l("Family name"), validators=[Length(max=100)])
    date_of_birth = DateField(
        _l("Date of birth"), validators=[Optional(), not_in_future, plausible_birth_date]
    )
    position = SelectField(_l("Position"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.position.choices = [(p.value, labels.label("position", p)) for p in MemberPosition]

    @property
    def is_blank(self) -> bool:
        return (
            not (self.given_name.data or "").strip() and not (self.family_name.data or "").strip()
        )

    def validate(self, extra_validators=None) -> bool:
        if self.is_blank:  # an empty row is skipped, whatever its selects say
            return True
        return super().validate(extra_validators)

    def validate_given_name(self, field: StringField) -> None:
        if not (field.data or "").strip() and not self.is_blank:
            raise ValidationError(REQUIRED)


class IntakeForm(FlaskForm):
    """A new household with its members, consents and plan; the coordinator is the user."""

    reference = StringField(
        _l("Reference"),
        validators=[
            DataRequired(REQUIRED),
            Length(max=40),
            Regexp(
                r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                message=_l("Letters, digits, '.', '_' and '-' only: a code, never a name."),
            ),
        ],
    )
    # Unknown ids are refused by the domain ("Unknown area."), with the form kept.
    area_id = SelectField(
        _l("Area"), coerce=_optional_int, validate_choice=False, validators=[DataRequired(REQUIRED)]
    )
    referral_source = SelectField(_l("Referred by"))
    referred_on = DateField(_l("Referral date"), validators=[Optional(), not_in_future])
    members = FieldList(FormField(MemberForm), min_entries=MEMBER_ROWS, max_entries=MAX_MEMBER_ROWS)
    consent_given_by = SelectField(_l("Consent given by"), coerce=int, validate_choice=False)
    plan_sharing = MultiCheckboxField(_l("Share the plan with"), coerce=int, validate_choice=False)
    learning = MultiCheckboxField(
        _l("Anonymous learning (case reviews) with"), coerce=int, validate_choice=False
    )
    workflow = RadioField(_l("Kind of plan"), validators=[DataRequired(REQUIRED)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.referral_source.choices = [
            (code, str(text)) for code, text in labels.REFERRAL_SOURCES.items()
        ]
        self.workflow.choices = [(code, str(text)) for code, text in labels.WORKFLOWS.items()]
        self.consent_given_by.choices = [
            (i, _l("Member %(number)s", number=i + 1)) for i in range(len(self.members))
        ]

    def filled_members(self) -> list[tuple[int, MemberForm]]:
        """(row index, row) of the rows that name a person."""
        return [(i, row.form) for i, row in enumerate(self.members) if not row.form.is_blank]

    def validate_members(self, field: FieldList) -> None:
        if not self.filled_members():
            raise ValidationError(_l("Add at least one member of the household."))

    def validate_consent_given_by(self, field: SelectField) -> None:
        filled = {i for i, _ in self.filled_members()}
        if (self.plan_sharing.data or self.learning.data) and field.data not in filled:
            raise ValidationError(_l("Choose the member who gave the consent."))
