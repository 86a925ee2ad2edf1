"""What each operation can answer, said once.

Two kinds of refusal reach an API client, and both must be in the OpenAPI document:

- the ones a service makes (403 "your role cannot…", 409 "started already"): an endpoint names them with
  `answers(TaskOut, 403, status=201)`, next to the call that raises them;
- the ones the framework makes for every operation of a kind — 401 without a valid token or session, 403
  for a session write without the CSRF token, 404 for a path naming a workspace or record the caller may
  not see, 422 for a parameter or body that does not validate, 400 for a body that is not JSON, 413 for one
  over the size limit. `document_framework_errors` adds those to the generated document from the operation
  itself, so a new endpoint cannot forget them.

All of them carry the one error body, `ErrorOut` (see tradewind/api/errors.py, which produces it).
"""

from __future__ import annotations

from typing import Any

from tradewind.api.schemas import ErrorOut

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
UNSAFE_METHODS = {"post", "put", "patch", "delete"}

DESCRIPTIONS = {
    400: "The body could not be read (not JSON, or a broken upload).",
    401: "No valid API token (Authorization: Bearer …) and no session.",
    403: "Your role may not do this (or, with a session, the CSRF token is missing).",
    404: "Not found — also what a record you may not see, or another workspace, answers.",
    409: "The record's state does not allow this now.",
    413: "The request is larger than the server accepts.",
    422: "A field is missing or not valid; `fields` names each one.",
    429: "Too many attempts; wait and try again.",
}


def answers(ok: Any = None, *errors: int, status: int = 200) -> dict[int, Any]:
    """The `response=` of an endpoint: its success body under `status`, and the shared error body for each
    refusal its service can make. Merge a more specific body with `|`: `answers(X, 409) | {409: DupOut}`."""
    return {status: ok, **dict.fromkeys(errors, ErrorOut)}


def file_answer(*types: str) -> dict:
    """`openapi_extra=` of an endpoint answering a file download of one of `types`."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {
            "200": {
                "description": "The file, as a download (Content-Disposition: attachment).",
                "content": dict.fromkeys(types, binary),
            },
            "302": {
                "description": "With an object store (TRADEWIND_STORAGE=s3), a file of 1 MB or more "
                "(TRADEWIND_S3_REDIRECT_MIN_KB): a presigned URL in Location, valid a few minutes, that "
                "gives the same file and headers straight from the store."
            },
        }
    }


def _can_fail_validation(parameter: dict) -> bool:
    """A path parameter that is any string (the workspace slug) cannot be refused by validation."""
    schema = {k: v for k, v in (parameter.get("schema") or {}).items() if k not in ("title", "description")}
    return parameter.get("in") != "path" or schema != {"type": "string"}


def framework_statuses(path: str, method: str, operation: dict, session_scheme: str | None) -> set[int]:
    """The statuses the framework itself can answer for this operation."""
    statuses: set[int] = set()
    security = operation.get("security") or []
    if security:
        statuses.add(401)
        if method in UNSAFE_METHODS and any(session_scheme in requirement for requirement in security):
            statuses.add(403)  # CSRF check of a session caller
    if "{" in path:
        statuses.add(404)
    if "requestBody" in operation:
        statuses |= {400, 413, 422}
    if any(_can_fail_validation(p) for p in operation.get("parameters", [])):
        statuses.add(422)
    return statuses


def _session_scheme(document: dict) -> str | None:
    schemes = document.get("components", {}).get("securitySchemes", {})
    return next((name for name, s in schemes.items() if s.get("in") == "cookie"), None)


def document_framework_errors(document: dict) -> dict:
    """Add to an OpenAPI document (in place) the framework's refusals of every operation, with ErrorOut."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
    session = _session_scheme(document)
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(framework_statuses(path, method, operation, session)):
                responses.setdefault(
                    status, {"description": DESCRIPTIONS[status], "content": _json(ERROR_REF)}
                )
            for status, response in responses.items():
                if (
                    int(status) in DESCRIPTIONS
                    and response.get("content", {}).get("application/json", {}).get("schema") == ERROR_REF
                ):
                    response["description"] = DESCRIPTIONS[int(status)]
            operation["responses"] = dict(sorted(responses.items(), key=lambda item: int(item[0])))
    return document


def _json(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}
