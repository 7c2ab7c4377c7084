"""Forms of the catalogue pages (Flask-WTF: every form carries the CSRF token)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from maatwerk.core.enums import AreaKind, Domain, ProgrammeLine
from maatwerk.web import labels
from maatwerk.web.forms import REQUIRED, MultiCheckboxField

PLACE_KINDS = (AreaKind.VILLAGE, AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD)
# Domain errors name API fields; the forms name them in snake_case.
FORM_FIELDS = {
    "organisationIds": "organisation_ids",
    "areaIds": "area_ids",
    "programmeLine": "programme_line",
    "phasePlan": "phase_plan",
    "parentId": "parent_id",
}


class VersionForm(FlaskForm):
    """A form built on one version of the catalogue entry it changes."""

    version = HiddenField()
    shown = HiddenField()  # what the form showed of the entry (web/shown.py)

    @property
    def built_on(self) -> int | None:
        """The version the form was built on; None when missing or not a number."""
        value = str(self.version.data or "")
        return int(value) if value.isdigit() and len(value) < 10 else None


class InterventionForm(VersionForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    domains = MultiCheckboxField(_l("Life domains"), validators=[DataRequired(REQUIRED)])
    organisation_ids = MultiCheckboxField(_l("Offered by"), coerce=int, validate_choice=False)
    area_ids = MultiCheckboxField(_l("Where"), coerce=int, validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.domains.choices = [(d.value, labels.label("domain", d)) for d in Domain]


class OperationalGoalForm(VersionForm):
    code = StringField(
        _l("Code"),
        validators=[
            Optional(),
            Length(max=10),
            Regexp(r"^[A-Za-z]{1,5}-[0-9]{1,4}$", message=_l("A code such as OD-18.")),
        ],
    )
    text = TextAreaField(
        _l("Operational goal"), validators=[DataRequired(REQUIRED), Length(max=5000)]
    )
    programme_line = SelectField(_l("Programme line"), validators=[DataRequired(REQUIRED)])
    phase_plan = IntegerField(
        _l("Phase plan"), validators=[InputRequired(REQUIRED), NumberRange(min=1, max=100)]
    )
    measurement = TextAreaField(_l("How it is measured"), validators=[Length(max=5000)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from maatwerk.monitoring.labels import LINES

        super().__init__(*args, **kwargs)
        self.programme_line.choices = [(line.value, str(LINES[line])) for line in ProgrammeLine]


class AreaForm(FlaskForm):
    parent_id = SelectField(_l("Lies in"), coerce=int, validate_choice=False)
    kind = SelectField(_l("Kind"), validators=[DataRequired(REQUIRED)])
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=120)])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, str(KINDS[k])) for k in PLACE_KINDS]


class RenameAreaForm(VersionForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), Length(max=120)])


class RetireForm(VersionForm):
    """Retire an entry (retired=1) or offer it again (retired=0)."""

    retired = HiddenField(validators=[DataRequired(), Regexp(r"^[01]$")])


KINDS = {
    AreaKind.MUNICIPALITY: _l("Municipality"),
    AreaKind.VILLAGE: _l("Village"),
    AreaKind.DISTRICT: _l("District"),
    AreaKind.NEIGHBOURHOOD: _l("Neighbourhood"),
}


def show_errors(form: FlaskForm, fields: dict[str, list[str]], message: str) -> None:
    """Put a domain error's messages on the form's fields (the rest above the form)."""
    unplaced = []
    for name, messages in fields.items():
        field = getattr(form, FORM_FIELDS.get(name, name), None)
        translated = [labels.translate(m) for m in messages]
        if field is None or not hasattr(field, "errors"):
            unplaced += translated
        else:
            field.errors = [*field.errors, *translated]
    form.form_errors = [*form.form_errors, labels.translate(message), *unplaced]
