from tradewind.trade.shipdocs.api.router import router

__all__ = ["router"]
