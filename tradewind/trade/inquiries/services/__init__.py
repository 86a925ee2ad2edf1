"""The inquiry rules (DESIGN §3.1); the pages, the API, the intake, the worker and the demo all call these.

inquiries.py  the fields' rules, create (with the assignment rule), change, assign, claim, link or create
              the customer (through the CRM's duplicate check), attachments
states.py     answered, quoted, won, lost, closed as spam or duplicate, reopened — and the hooks the
              quotation and order code calls (inquiry_mark_responded / _quoted / _won)
clock.py      the first-response clock in business hours, its reminders, time to first response
customers.py  what the CRM's changes do: a merged customer's inquiries move, a logged reply answers them
intake.py     the public intake: its token, throttling, where a visitor is sent back to
settings.py   the workspace's rules, competitors, lost reasons
"""

from tradewind.trade.inquiries.services.clock import inquiry_clock, time_to_first_response
from tradewind.trade.inquiries.services.common import SUBJECT, business_calendar, inquiry_settings
from tradewind.trade.inquiries.services.customers import (
    inquiries_customer_move,
    inquiries_respond_from_timeline,
)
from tradewind.trade.inquiries.services.inquiries import (
    INQUIRY_FIELDS,
    customer_data_from,
    inquiry_assign,
    inquiry_attachment_add,
    inquiry_attachment_remove,
    inquiry_check_editable,
    inquiry_claim,
    inquiry_create,
    inquiry_create_customer,
    inquiry_link_customer,
    inquiry_update,
)
from tradewind.trade.inquiries.services.intake import (
    inquiry_intake,
    intake_redirect,
    intake_settings_for,
    intake_throttle,
    intake_token_regenerate,
    intake_token_revoke,
)
from tradewind.trade.inquiries.services.settings import (
    competitor_create,
    competitor_delete,
    competitor_update,
    inquiry_settings_update,
    inquiry_workspace_setup,
    lost_reason_create,
    lost_reason_delete,
    lost_reason_update,
    lost_reasons_ensure,
)
from tradewind.trade.inquiries.services.states import (
    inquiry_close,
    inquiry_mark_lost,
    inquiry_mark_quoted,
    inquiry_mark_responded,
    inquiry_mark_won,
    inquiry_reopen,
    inquiry_respond,
)

__all__ = [
    "INQUIRY_FIELDS",
    "SUBJECT",
    "business_calendar",
    "competitor_create",
    "competitor_delete",
    "competitor_update",
    "customer_data_from",
    "inquiries_customer_move",
    "inquiries_respond_from_timeline",
    "inquiry_assign",
    "inquiry_attachment_add",
    "inquiry_attachment_remove",
    "inquiry_check_editable",
    "inquiry_claim",
    "inquiry_clock",
    "inquiry_close",
    "inquiry_create",
    "inquiry_create_customer",
    "inquiry_intake",
    "inquiry_link_customer",
    "inquiry_mark_lost",
    "inquiry_mark_quoted",
    "inquiry_mark_responded",
    "inquiry_mark_won",
    "inquiry_reopen",
    "inquiry_respond",
    "inquiry_settings",
    "inquiry_settings_update",
    "inquiry_update",
    "inquiry_workspace_setup",
    "intake_redirect",
    "intake_settings_for",
    "intake_throttle",
    "intake_token_regenerate",
    "intake_token_revoke",
    "lost_reason_create",
    "lost_reason_delete",
    "lost_reason_update",
    "lost_reasons_ensure",
    "time_to_first_response",
]
