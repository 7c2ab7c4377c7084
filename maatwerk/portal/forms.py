"""Forms of the family portal and of account activation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from maatwerk.accounts.operations import MIN_PASSWORD_LENGTH
from maatwerk.core.enums import Domain
from maatwerk.goals.operations import MAX_TEXT, MAX_TITLE
from maatwerk.plans.operations import MAX_COMMENT_LENGTH
from maatwerk.portal.labels import DOMAINS

# WTForms fills in the limit (Length's message is formatted with min, max and length).
TOO_LONG = _l("Make it shorter: at most %(max)d characters.")


def _choice(value: str, label: object) -> object:
    """A radio choice: SelectChoice from WTForms 3.3 on (tuples are deprecated there)."""
    try:
        from wtforms.fields.choices import SelectChoice
    except ImportError:  # pragma: no cover - older WTForms
        return (value, label)
    return SelectChoice(value, label)


class ActivationForm(FlaskForm):
    """The code from the coordinator, and the login name and password the member chooses."""

    code = StringField(
        _l("Your activation code"),
        validators=[DataRequired(_l("Fill in the code you got.")), Length(max=40)],
    )
    login = StringField(
        _l("Choose a login name"),
        validators=[
            DataRequired(_l("Choose a login name.")),
            Length(min=3, max=80, message=_l("Use 3 to 80 characters.")),
            Regexp(
                r"^[A-Za-z0-9._@-]+$",
                message=_l(
                    "Use only the letters a to z, numbers, dots, @ or dashes. No spaces "
                    "and no letters with accents or from other alphabets."
                ),
            ),
        ],
    )
    password = PasswordField(
        _l("Choose a password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=1024,
                message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH),
            ),
        ],
    )


class ResetPasswordForm(FlaskForm):
    """The reset code from the coordinator, the account's login name and a new password."""

    code = StringField(
        _l("Your reset code"),
        validators=[DataRequired(_l("Fill in the code you got.")), Length(max=40)],
    )
    login = StringField(
        _l("Your login name"),
        validators=[DataRequired(_l("Fill in your login name.")), Length(max=80)],
    )
    password = PasswordField(
        _l("Choose a new password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=1024,
                message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH),
            ),
        ],
    )


class ActivationCodeForm(FlaskForm):
    """The coordinator picks a household member (by id)."""

    member_id = IntegerField(validators=[InputRequired()])


class GoalForm(FlaskForm):
    """A goal in the family's own words, its domain chosen by picture."""

    domain = RadioField(
        _l("What is it about?"),
        choices=[_choice(d.value, DOMAINS[d.value]) for d in Domain],
        validators=[InputRequired(_l("Choose a picture."))],
    )
    title = StringField(
        _l("What do you want to achieve?"),
        validators=[
            DataRequired(_l("Write down what you want to achieve.")),
            Length(max=MAX_TITLE, message=TOO_LONG),
        ],
    )
    why_it_matters = TextAreaField(
        _l("Why does this matter to you?"),
        validators=[Length(max=MAX_TEXT, message=TOO_LONG)],
    )
    strengths = TextAreaField(
        _l("What are you good at? What can help?"),
        validators=[Length(max=MAX_TEXT, message=TOO_LONG)],
    )


class CommentForm(FlaskForm):
    """A message to the team."""

    body = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(_l("Write a message first.")),
            Length(max=MAX_COMMENT_LENGTH, message=TOO_LONG),
        ],
    )
