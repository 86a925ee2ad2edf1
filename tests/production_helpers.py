"""What the production tests share: a confirmed order of the `setup` workspace (tests/sales.py) with a
delivery date, images and not-images to upload, an API client. The fixtures are in production_fixtures.py."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import png_upload, workspace_today
from tests.sales import quote
from tradewind.accounts.services import api_token_create
from tradewind.trade import services as trade


def confirmed_order(setup, *, delivery_in_days: int | None = 40, customer=None):
    """A confirmed order of the rep's customer (or `customer`), due `delivery_in_days` from today."""
    extra = {"customer": customer} if customer is not None else {}
    quotation = quote(setup, **extra)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    delivery = None if delivery_in_days is None else workspace_today() + dt.timedelta(days=delivery_in_days)
    order = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation, delivery_date=delivery)
    return trade.order_confirm(actor=setup["rep"], order=order)


def png(name: str = "photo.png", size=(60, 40)) -> SimpleUploadedFile:
    return png_upload(name, size)


def pdf_named_png() -> SimpleUploadedFile:
    """A document dressed up as a photo: its bytes say PDF."""
    return SimpleUploadedFile("defect.png", b"%PDF-1.4 not an image", content_type="image/png")


def days(n: int) -> dt.date:
    return workspace_today() + dt.timedelta(days=n)


def api_client(member) -> Client:
    _token, raw = api_token_create(membership=member, name="t", expires_at=None, ip=None)
    return Client(headers={"Authorization": f"Bearer {raw}"})
