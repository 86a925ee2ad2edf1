"""The public intake: POST /api/v1/intake/{token}/inquiries — no account, no session, no CSRF token.

A website's inquiry form posts here with the workspace's intake token in the path, as JSON or as a plain
HTML form (application/x-www-form-urlencoded or multipart/form-data, text fields only). The rules are in
services/intake.py: attempts counted per IP and per token (429 with Retry-After), an unknown token a 404,
input validated strictly (unknown fields refused), and a form's visitor sent back (303) only to a `next`
page on one of the origins the workspace listed; otherwise the answer is JSON.
"""

import json
from typing import Annotated

from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict, WithJsonSchema
from pydantic import ValidationError as PydanticValidationError

from tradewind.api.responses import answers
from tradewind.api.schemas import CountryCodeOrBlank, Input, text
from tradewind.catalog.choices import Unit
from tradewind.core.errors import Throttled, ValidationFailed
from tradewind.core.net import client_ip
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import Source
from tradewind.trade.inquiries import services
from tradewind.trade.inquiries.api.router import router
from tradewind.trade.inquiries.api.schemas import PORT, Quantity


def _one_of(values, description: str):
    return Annotated[
        str, WithJsonSchema({"type": "string", "enum": list(values), "description": description})
    ]


class IntakeIn(Input):
    """What a website form sends. Empty fields are as good as missing."""

    model_config = ConfigDict(extra="forbid", from_attributes=False)
    company: text(200) = ""
    name: text(120) = ""
    email: text(254, required=True) = Field(description="The buyer's e-mail address (name@domain).")
    phone: text(40) = ""
    country: CountryCodeOrBlank = Field("", description="The buyer's country.")
    message: text(20_000, required=True) = Field(description="What the buyer asks.")
    product: text(300) = Field("", description="The product asked for, in the buyer's words.")
    quantity: Quantity | None = None
    unit: _one_of(["", *Unit.values], "The quantity's unit; empty: pieces.") = ""
    destination_port: Annotated[str, Field(pattern=PORT, max_length=5)] = ""
    incoterm: _one_of(["", *Incoterm.values], "Incoterms® 2020") = ""
    source: _one_of(Source.values, "Where the buyer wrote from; default: website.") = Source.WEBSITE
    platform_ref: text(100) = Field("", description="The platform's inquiry id, if it came from one.")
    next: text(2000) = Field(
        "", description="Form posts: where to send the visitor afterwards (an origin the workspace listed)."
    )

    def service_values(self) -> dict:
        values = self.dict(exclude={"next"})
        values["unit"] = values["unit"] or ""
        return values


class IntakeOut(Schema):
    reference: str = Field(description="The inquiry's number, for the buyer's reference.")


_SCHEMA = IntakeIn.model_json_schema(ref_template="#/components/schemas/{model}")
REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": _SCHEMA},
        "application/x-www-form-urlencoded": {"schema": _SCHEMA},
    },
}
# The service's names of what the form calls company, email, product …
FIELD_NAMES = {
    "buyer_company": "company", "buyer_name": "name", "buyer_email": "email", "buyer_phone": "phone",
    "buyer_country": "country", "items.0.description": "product", "items.0.quantity": "quantity",
    "items.0.unit": "unit",
}  # fmt: skip
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _read(request) -> tuple[dict, bool]:
    """The body as a dict, and whether it came from a form."""
    if request.content_type in FORM_TYPES:
        return {key: request.POST.get(key) for key in request.POST}, True
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise HttpError(400, _("The body is not valid JSON (UTF-8).")) from None
        return data, False
    raise HttpError(400, _("Send the inquiry as JSON or as a form."))


def _validated(data, *, form: bool) -> IntakeIn:
    if form:
        data = {key: (None if key == "quantity" and value == "" else value) for key, value in data.items()}
    try:
        return IntakeIn.model_validate(data)
    except PydanticValidationError as error:
        raise NinjaValidationError(
            [{"loc": e["loc"], "msg": e["msg"], "type": e["type"]} for e in error.errors()]
        ) from None


@router.post(
    "/intake/{token}/inquiries",
    auth=None,
    response=answers(IntakeOut, 429, status=201) | {303: None},
    summary="Public intake: an inquiry from a website form",
    openapi_extra={
        "requestBody": REQUEST_BODY,
        "responses": {"303": {"description": "A form post with an allowed `next`: the visitor goes there."}},
    },
)
def intake_inquiry_create(request, token: str):
    """No authentication: the workspace's intake token (Inquiries › Settings) is in the path. Send JSON, or
    post a plain HTML form; a form with a `next` page on an origin the workspace listed is answered 303 to
    it. 404: no such token. 429: too many attempts from this address or for this token (Retry-After)."""
    try:
        services.intake_throttle(token=token, ip=client_ip(request))
    except Throttled as error:
        response = JsonResponse({"code": error.code, "message": str(error.message)}, status=429)
        response["Retry-After"] = str(error.extra.get("retry_after", 60))
        return response
    settings = services.intake_settings_for(token)
    data, form = _read(request)
    payload = _validated(data, form=form)
    try:
        inquiry = services.inquiry_intake(settings=settings, **payload.service_values())
    except ValidationFailed as error:
        for each in error.each():  # named as the form names them
            each.field = FIELD_NAMES.get(each.field, each.field)
        raise
    target = services.intake_redirect(settings, payload.next) if form else None
    if target:
        return HttpResponseRedirect(target, status=303)
    return JsonResponse({"reference": inquiry.number}, status=201)
