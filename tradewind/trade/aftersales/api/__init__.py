from tradewind.trade.aftersales.api.router import router

__all__ = ["router"]
