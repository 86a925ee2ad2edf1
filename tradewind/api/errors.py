"""Every API error is JSON: {"code": stable machine word, "message": human text, "fields": {...}}."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from tradewind.core.errors import ApplicationError


def _body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return body


# Where a value came from, and the names endpoints give their schema parameters: not fields a client
# sends. Only dropped at the head of a location, so a field called "body" (a chat message, a comment)
# keeps its name.
_LOCATIONS = {"body", "query", "path", "form"}
_PARAMETERS = {"payload", "filters"}


def _field_name(loc) -> str:
    """("query", "filters", "role", "str-enum[Role]") -> "role";
    ("body", "payload", "lines", 0, "qty") -> "lines.0.qty"; ("body", "payload", "body") -> "body"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if parts and parts[0] in _PARAMETERS:
        parts = parts[1:]
    return ".".join(p for p in parts if "[" not in p) or "__all__"


def _too_big_body() -> dict:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    message = _("The request is too large (more than %(mb)s MB).") % {"mb": limit}
    return _body("too_large", message)


def install_error_handlers(api) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request, exc: ApplicationError):
        body = {**_body(exc.code, exc.message, exc.fields), **exc.details()}
        return api.create_response(request, body, status=exc.status)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            fields.setdefault(_field_name(error.get("loc", ())), []).append(error.get("msg", ""))
        first = next(iter(fields))
        message = _("Check the field “%(field)s”: %(error)s") % {"field": first, "error": fields[first][0]}
        return api.create_response(request, _body("validation_error", message, fields), status=422)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return api.create_response(
            request,
            _body("not_authenticated", _("Sign in or send a valid API token (Authorization: Bearer …).")),
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, _body("not_found", _("Not found.")), status=404)

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, _body("permission_denied", _("You may not do this.")), status=403)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return api.create_response(request, _too_big_body(), status=413)

    @api.exception_handler(MultiPartParserError)
    def broken_upload(request, exc):
        message = _("The upload could not be read (a broken multipart/form-data body).")
        return api.create_response(request, _body("bad_request", message), status=400)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        # ninja says "Cannot parse request body" for a body it could not read: say why, in their language.
        if isinstance(exc.__cause__, RequestDataTooBig):
            return api.create_response(request, _too_big_body(), status=413)
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):  # JSON or UTF-8
            message = _("The body is not valid JSON (UTF-8).")
            return api.create_response(request, _body("bad_request", message), status=400)
        code = {
            400: "bad_request",
            401: "not_authenticated",
            403: "permission_denied",
            404: "not_found",
            405: "method_not_allowed",
            429: "throttled",
        }.get(exc.status_code, "error")
        return api.create_response(request, _body(code, str(exc)), status=exc.status_code)
