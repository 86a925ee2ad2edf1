"""One family of errors for rules a user can break.

Services raise these with a translated, user-facing message; views render the message, the API
maps `code` and `status` to a JSON body. Anything else escaping a service is a bug (a 500).
"""

from __future__ import annotations


class ApplicationError(Exception):
    code = "invalid"
    status = 400

    def __init__(self, message, *, field: str | None = None, code: str | None = None, also=(), **extra):
        super().__init__(str(message))
        self.message = message
        self.field = field
        if code:
            self.code = code
        self.also: list[ApplicationError] = list(also)  # more refusals of the same input, said at once
        self.extra = extra

    @classmethod
    def all_of(cls, errors: list[ApplicationError]) -> ApplicationError:
        """One error for several of a form: the first, carrying the others (so nobody fixes one field per
        submit)."""
        first, *rest = errors
        return cls(first.message, field=first.field, code=first.code, also=rest)

    def each(self):
        yield self
        yield from self.also

    @property
    def fields(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for error in self.each():
            if error.field:
                fields.setdefault(error.field, []).append(str(error.message))
        return fields

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
