"""One family of errors for rules a user can break.

Services raise these with a translated, user-facing message; views render the message, the API
maps `code` and `status` to a JSON body. Anything else escaping a service is a bug (a 500).
"""

from __future__ import annotations


class ApplicationError(Exception):
    code = "invalid"
    status = 400

    def __init__(self, message, *, field: str | None = None, code: str | None = None, **extra):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code
        self.extra = extra

    @property
    def fields(self) -> dict[str, list[str]]:
        return {self.field: [str(self.message)]} if self.field else {}

    def details(self) -> dict:
        """More for API clients (e.g. the matches of a duplicate check); merged into the error body."""
        return {}


class ValidationFailed(ApplicationError):
    """Input that cannot be accepted; `field` names the offending field when there is one."""

    code = "validation_error"
    status = 422


class PermissionDenied(ApplicationError):
    code = "permission_denied"
    status = 403


class NotFound(ApplicationError):
    code = "not_found"
    status = 404


class Conflict(ApplicationError):
    code = "conflict"
    status = 409


class Throttled(ApplicationError):
    code = "throttled"
    status = 429
