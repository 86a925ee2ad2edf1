from tradewind.trade.shipping.api.router import router

__all__ = ["router"]
