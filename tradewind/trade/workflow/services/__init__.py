"""The order workflow's services. Other apps call `fulfilment_flags_set` for the board's flags."""

from tradewind.trade.workflow.services.flags import fulfilment_flags_set

__all__ = ["fulfilment_flags_set"]
