"""The workspace's sales settings under /api/v1/workspaces/{slug}/sales-settings: the letterhead its
documents print and the rules its quotations follow. Every member reads them (the approval rules are no
secret: a rep reads them in the reasons a quotation needs approval); managers and admins change them."""

from __future__ import annotations

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.trade import services
from tradewind.trade.api.answers import SalesSettingsOut, places_text
from tradewind.trade.api.router import router
from tradewind.trade.api.schemas import SalesSettingsPatch

PATH = "/workspaces/{slug}/sales-settings"
TEXTS = ("legal_name", "legal_name_zh", "address", "phone", "email", "website", "bank_details")
THRESHOLDS = ("approval_discount_percent", "approval_margin_percent", "approval_total_amount")


def _settings_out(settings, workspace) -> dict:
    return {
        **{field: getattr(settings, field) for field in TEXTS},
        "has_logo": settings.logo_id is not None,
        "reporting_currency": workspace.currency,
        **{field: places_text(getattr(settings, field), 2) for field in THRESHOLDS},
        "fx_risk_percent": places_text(settings.fx_risk_percent, 2),
        "validity_days": settings.validity_days,
        "expiry_reminder_days": settings.expiry_reminder_days,
    }


@router.get(PATH, response=SalesSettingsOut, summary="Sales settings")
def sales_settings_detail(request, slug: str):
    """The letterhead (company, address, bank details) and the rules: when a quotation needs a manager's
    approval, when a currency's move is a risk, how long quotations are valid."""
    m = api_membership(request, slug)
    return _settings_out(services.trade_settings(m.workspace), m.workspace)


@router.patch(PATH, response=answers(SalesSettingsOut, 403), summary="Change the sales settings")
def sales_settings_update(request, slug: str, payload: SalesSettingsPatch):
    """Change the fields you send (managers and admins; each change is in the audit log). A text sent as
    null is emptied; a threshold sent as null switches its rule off. The logo is changed on the page."""
    m = api_membership(request, slug)
    changes = payload.dict(exclude_unset=True)
    for field in TEXTS:
        if field in changes and changes[field] is None:
            changes[field] = ""
    settings = services.trade_settings_update(actor=m, **changes)
    return _settings_out(settings, m.workspace)
