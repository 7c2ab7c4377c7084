"""Login, second-step, password and two-step verification forms."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, ValidationError
from wtforms.validators import DataRequired, EqualTo, Length

from maatwerk.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem
from maatwerk.core.errors import ValidationFailed


class LoginForm(FlaskForm):
    """Login name and password."""

    login = StringField(
        _l("Username"), validators=[DataRequired(_l("Fill this in.")), Length(max=80)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Fill this in.")), Length(max=MAX_PASSWORD_LENGTH)],
    )


class CodeForm(FlaskForm):
    """A code from the authenticator app, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(_l("Fill this in.")), Length(max=20)])


class ConfirmForm(FlaskForm):
    """A button with only the CSRF token."""


def password_refusal(problem: str | None) -> str:
    """Plain words for a refused new password."""
    if problem == "too_common":
        return _("This password is used by many people and is easy to guess. Choose another one.")
    if problem == "too_long":
        return _("Use at most %(num)d characters.", num=MAX_PASSWORD_LENGTH)
    return _("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)


def refusal_of(error: ValidationFailed) -> str:
    """Plain words for a domain refusal of a password (ValidationFailed on 'password')."""
    problem = {
        "The password is too common.": "too_common",
        "The password is too long.": "too_long",
    }.get(error.detail, "too_short")
    return password_refusal(problem)


class NewPassword:
    """Validator of a new password: the policy of maatwerk.accounts.passwords."""

    def __call__(self, form: FlaskForm, field: PasswordField) -> None:
        login = getattr(current_user, "login", None)
        problem = password_problem(field.data or "", login=login)
        if problem is not None:
            raise ValidationError(password_refusal(problem))


class ChangePasswordForm(FlaskForm):
    """The current password and the new one, twice."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Fill this in.")), Length(max=MAX_PASSWORD_LENGTH)],
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(_l("Fill this in.")), NewPassword()]
    )
    repeat_password = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Fill this in.")),
            EqualTo("new_password", _l("The two new passwords are not the same.")),
        ],
    )
