from tradewind.trade.production.api.router import router

__all__ = ["router"]
