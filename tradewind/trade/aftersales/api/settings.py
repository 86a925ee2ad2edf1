"""The workspace's after-sales rules under /api/v1/workspaces/{slug}/after-sales/settings."""

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.trade.aftersales import services
from tradewind.trade.aftersales.api.router import router
from tradewind.trade.aftersales.api.schemas import AftersalesSettingsOut, AftersalesSettingsPatch

PATH = "/workspaces/{slug}/after-sales/settings"


@router.get(PATH, response=AftersalesSettingsOut, summary="The after-sales rules")
def aftersales_settings_detail(request, slug: str):
    m = api_membership(request, slug)
    return services.aftersales_settings(m.workspace)


@router.patch(PATH, response=answers(AftersalesSettingsOut, 403), summary="Change the after-sales rules")
def aftersales_settings_update(request, slug: str, payload: AftersalesSettingsPatch):
    """Customer service and managers (403 for others)."""
    m = api_membership(request, slug)
    return services.aftersales_settings_update(actor=m, follow_up_days=payload.follow_up_days)
