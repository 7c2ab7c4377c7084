"""The professionals' pages (werkomgeving), the error pages and the pages' i18n helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, g, request
from flask_babel import format_date, format_datetime
from markupsafe import Markup, escape

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "translations"


def init_i18n(app: Flask) -> None:
    """Read the catalogues from translations/ at the project root."""
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    app.extensions["babel"].translation_directories = [str(TRANSLATIONS)]


def bdi(value: object) -> Markup:
    """User text (a name, a goal, a message) isolated from the page's own direction: an
    Arabic name in a Dutch sentence keeps the words around it in their place."""
    if value is None or value == "":
        return Markup("")
    return Markup("<bdi>%s</bdi>") % escape(value)


def error_items(form: Any) -> list[tuple[str, str, str]]:
    """(the id of the input to go to, its label, its first error) for every field with an
    error, nested fields included, then the form's own errors (no id): the summary at the
    top of a form that came back with mistakes (templates/_error_summary.html)."""
    items: list[tuple[str, str, str]] = []

    def first_input(field: Any) -> str:
        if field.type in ("FieldList", "FormField"):
            for sub in field:
                return first_input(sub)
            return ""
        if field.type in ("RadioField", "MultiCheckboxField"):
            return f"{field.id}-0"
        return field.id

    def walk(field: Any) -> None:
        if field.type in ("CSRFTokenField", "HiddenField"):
            return
        if field.type in ("FieldList", "FormField"):
            for message in field.errors if isinstance(field.errors, list) else []:
                if isinstance(message, str):
                    items.append((first_input(field), str(field.label.text), message))
            for sub in field:
                walk(sub)
        elif field.errors:
            items.append((first_input(field), str(field.label.text), str(field.errors[0])))

    for field in form:
        walk(field)
    items += [("", "", str(message)) for message in getattr(form, "form_errors", [])]
    return items


def init_web(app: Flask) -> None:
    """Register the professionals' blueprint, the web error pages and template helpers.

    Call after the API is initialised: the error pages take over from the API's
    handlers for requests outside /api.
    """
    from maatwerk.web import dashboard, directory, intake, items, plan_page, scores  # noqa: F401
    from maatwerk.web.common import bp
    from maatwerk.web.errors import init_error_pages
    from maatwerk.web.labels import change_summary, label, translate

    app.register_blueprint(bp)
    init_error_pages(app)
    init_i18n(app)

    def has_endpoint(name: str) -> bool:
        return name in app.view_functions

    app.jinja_env.filters["bdi"] = bdi
    app.jinja_env.globals.update(
        error_items=error_items,
        label=label,
        change_summary=change_summary,
        translate=translate,
        format_date=format_date,
        format_datetime=format_datetime,
        has_endpoint=has_endpoint,
    )

    @app.before_request
    def _fresh_locale():
        # The locale is cached on g; an app context held open across requests (tests)
        # must not keep the previous request's language.
        g.pop("_flask_babel", None)

    @app.context_processor
    def _languages():
        from maatwerk.web.errors import same_site_referrer

        if request.method == "GET":
            here = request.full_path.rstrip("?")
        else:  # a page answering a POST: come back to where the form was
            here = same_site_referrer() or "/"
        return {"languages": [("nl", "Nederlands"), ("en", "English")], "current_path": here}
