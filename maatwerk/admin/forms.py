"""The administrator's forms and the public "set up your account" form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from maatwerk.accounts.forms import NewPassword
from maatwerk.accounts.passwords import MAX_PASSWORD_LENGTH

REQUIRED = _l("Fill this in.")


class VersionForm(FlaskForm):
    """A button that acts on the version of the account or organisation the page showed."""

    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])


class OrganisationForm(VersionForm):
    """Name and sector of an organisation (the version only when editing)."""

    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    sector = SelectField(_l("Sector"), validators=[DataRequired(REQUIRED)])
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])
    shown = HiddenField()  # what the form showed of the organisation (web/shown.py)


class AccountEditForm(VersionForm):
    """What the administrator may change of an account."""

    display_name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    email = StringField(_l("E-mail address"), validators=[Optional(), Length(max=254)])
    phone = StringField(_l("Phone number"), validators=[Optional(), Length(max=40)])
    shown = HiddenField()  # what the form showed of the account (web/shown.py)


class AccountCreateForm(AccountEditForm):
    """A new staff account: login, role and organisation are fixed from now on."""

    login = StringField(_l("Username"), validators=[DataRequired(REQUIRED), Length(max=80)])
    role = SelectField(_l("Role"), validators=[DataRequired(REQUIRED)])
    organisation = SelectField(_l("Organisation"), coerce=str, validators=[Optional()])
    version = HiddenField()


class SetupForm(FlaskForm):
    """Login, the setup code from the administrator and a new password, twice."""

    login = StringField(_l("Username"), validators=[DataRequired(REQUIRED), Length(max=80)])
    code = StringField(_l("Setup code"), validators=[DataRequired(REQUIRED), Length(max=40)])
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH), NewPassword()],
    )
    repeat_password = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("password", _l("The two new passwords are not the same.")),
        ],
    )
