"""Receivables' URLs in the tenancy matrix (tests/test_tenancy.py): a receipt on the victim's confirmed
order (USD 90, 100 % deposit) carrying the marker."""

from decimal import Decimal

from tests.factories import workspace_today

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "receivables:list": "404",
    "receivables:export": "404",
    "receivables:receipts": "404",
    "receivables:settings": "404",
    "receivables:receipt_create": "404",
    "receivables:receipt": "404",
    "receivables:receipt_reverse": "404",
    "api:receivables_order_milestones": "404",
    "api:receivables_order_receipts": "404",
    "api:receivables_receipt_create": "404",
    "api:receivables_receipt_list": "404",
    "api:receivables_receipt_detail": "404",
    "api:receivables_receipt_reverse": "404",
    "api:receivables_list": "404",
    "api:receivables_ageing": "404",
    "api:receivables_settings_detail": "404",
    "api:receivables_settings_update": "404",
}

PARAMS = {"receipt_id": "receipt_id"}


def build(*, owner, member, customer, order, product) -> dict:
    from tradewind.trade.receivables.services import receipt_record

    receipt = receipt_record(
        actor=owner, order=order, received_on=workspace_today(), amount=Decimal("50"), currency="USD",
        reference=f"REF {MARKER}", payer=f"Payer {MARKER}", note=MARKER,
    )  # fmt: skip
    return {"receipt_id": receipt.public_id}
