"""Exchange-rate look-ups inside the member's workspace (DESIGN §3.4): another workspace's id is a 404."""

import re

from django.http import Http404

from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.workspaces.access import get_in_workspace_or_404

CODE = re.compile(r"[A-Z]{3}")


def access_rate(membership, public_id) -> ExchangeRate:
    return get_in_workspace_or_404(ExchangeRate.objects.all(), membership, public_id=public_id)


def access_trading_currency(membership, code) -> TradingCurrency:
    """A trading currency of the workspace by its code (any case); its reporting currency is none."""
    code = str(code or "").upper()
    if not CODE.fullmatch(code):  # not even asked: PostgreSQL cannot take a NUL, say
        raise Http404
    return get_in_workspace_or_404(TradingCurrency.objects.all(), membership, code=code)
