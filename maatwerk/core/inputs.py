"""Checks on every request's input before a handler sees it.

- Text with the NUL character (U+0000) or a lone surrogate (U+D800-U+DFFF, which JSON can
  spell as "\\ud800" and no UTF-8 text can hold) is refused: the database cannot store it
  (the write would fail as a server error), and no name, goal or message holds it
  legitimately. A page's form is the exception: there the character is dropped from what
  was typed (pasted text may carry one), so the form goes through instead of being lost.
- An API body that is not JSON Python can read (nested too deep, an integer of thousands of
  digits) is a 400, like any malformed JSON.
- A body sent to the API is JSON: another media type is a 415, not a list of "missing"
  fields.
The size of a body is capped by Flask's MAX_CONTENT_LENGTH (config.py): 413.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from maatwerk.core.errors import ValidationFailed

NUL = "\x00"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
NUL_MESSAGE = "Text may not contain the NUL character."
SURROGATE_MESSAGE = "Text may not contain an invalid character (a lone surrogate)."
UNREADABLE_JSON = "The body is not valid JSON."
# The code points no stored text may hold: NUL and the UTF-16 surrogates.
FORBIDDEN = re.compile("[\x00\ud800-\udfff]")
NUL_ONLY = re.compile("\x00")


def holds(value: Any, pattern: re.Pattern[str] = FORBIDDEN) -> bool:
    """True when a string anywhere in a JSON-like value (keys included) matches the pattern:
    by default, holds NUL or a surrogate."""
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, dict):
        return any(holds(k, pattern) or holds(v, pattern) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(holds(item, pattern) for item in value)
    return False


def json_body() -> Any:
    """The request's JSON body; a body Python cannot read (nested too deep, an integer of
    thousands of digits, malformed) is a 400, never a server error."""
    if not request.get_data(cache=True):
        return None
    try:
        return request.get_json()
    except (ValueError, RecursionError):
        raise BadRequest(UNREADABLE_JSON) from None
    except BadRequest as error:
        raise BadRequest(UNREADABLE_JSON) from error


def _refused_fields() -> dict[str, bool]:
    """The names of the request's inputs (path, query, form, JSON body) that hold NUL or a
    surrogate, each with whether it holds NUL."""
    inputs: list[tuple[str, Any]] = [("path", request.path)]
    inputs += [(name, [name, value]) for name, value in request.args.items(multi=True)]
    if request.method in BODY_METHODS:
        if request.is_json:
            body = json_body()
            if isinstance(body, dict):
                inputs += [(name, [name, value]) for name, value in body.items()]
            else:
                inputs.append(("body", body))
        else:
            inputs += [(name, [name, value]) for name, value in request.form.items(multi=True)]
    return {name: holds(value, NUL_ONLY) for name, value in inputs if holds(value)}


def _drop_from_form() -> None:
    """A page's form: NUL or a surrogate pasted into a field (no keyboard types one) is
    dropped from the text instead of refusing the form, so what someone typed is never
    lost to an error page. Links (path, query) and the API's JSON are still refused."""
    items = list(request.form.items(multi=True))
    if not any(holds(name) or holds(value) for name, value in items):
        return
    # werkzeug's Request.form is a cached property: the cleaned form replaces it.
    request.form = ImmutableMultiDict(  # type: ignore[misc]
        [(FORBIDDEN.sub("", name), FORBIDDEN.sub("", value)) for name, value in items]
    )


def safe_name(name: str) -> str:
    """An input's name fit to repeat in an answer (without the characters refused)."""
    return FORBIDDEN.sub("", name[:100])


def check_request_input() -> None:
    """Refuse NUL and surrogates in any input, and a non-JSON body to the API (before the
    handler)."""
    from api.core import is_api_request

    has_body = request.content_length or "chunked" in request.headers.get("Transfer-Encoding", "")
    api = is_api_request()
    if api and request.method in BODY_METHODS and has_body and not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).")
    if not api and request.method in BODY_METHODS and not request.is_json:
        _drop_from_form()
    fields = _refused_fields()
    if fields:
        message = NUL_MESSAGE if any(fields.values()) else SURROGATE_MESSAGE
        raise ValidationFailed(message, fields={safe_name(name): [message] for name in fields})


# The largest value an integer column holds (PostgreSQL's integer): an id, page or year in a
# query string beyond it cannot match anything, and the database would refuse it with an
# error (SQLite: OverflowError) rather than an answer.
MAX_INT = 2**31 - 1
MAX_PAGE = 100000


def query_int(name: str, *, minimum: int = 1, maximum: int = MAX_INT) -> int | None:
    """A page's integer query parameter, None when absent, not a number or out of bounds
    (a query string is a link, not a form: what does not parse is left out)."""
    text = (request.args.get(name) or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def page_number() -> int:
    """The ?page= of a list: 1 unless a number from 1 to 100000."""
    return query_int("page", maximum=MAX_PAGE) or 1


def init_input_checks(app: Flask) -> None:
    app.before_request(check_request_input)
