"""Login form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    """Login name and password."""

    login = StringField(_l("Gebruikersnaam"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(), Length(max=1024)])
