"""Domain errors; the web and API layers translate them to responses."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class of errors raised by domain operations."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        fields: dict[str, list[str]] | None = None,
        audit: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.fields = fields or {}
        # A denied attempt to audit after the request's changes are rolled back.
        self.audit = audit


class ValidationFailed(DomainError):
    """Input that breaks a domain rule: a bad request, field by field."""

    status = 400
    title = "Invalid input"


class NotFound(DomainError):
    """The object does not exist or the user may not know it exists."""

    status = 404
    title = "Not found"


class Forbidden(DomainError):
    """The user may see the object but not do this."""

    status = 403
    title = "Forbidden"


class Conflict(DomainError):
    """The change conflicts with the current state."""

    status = 409
    title = "Conflict"
