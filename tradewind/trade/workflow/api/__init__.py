from tradewind.trade.workflow.api.router import router

__all__ = ["router"]
