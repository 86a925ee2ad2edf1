from tradewind.trade.receivables.api.router import router

__all__ = ["router"]
