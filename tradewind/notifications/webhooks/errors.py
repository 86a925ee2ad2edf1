"""The one error a delivery attempt raises."""

from __future__ import annotations

from tradewind.core.errors import ApplicationError


class WebhookError(ApplicationError):
    """The platform could not be reached or refused the message; `message` says why, in the user's language.

    It is an ApplicationError so a "send a test message" action shows it instead of failing with a 500.
    """

    code = "webhook_failed"
    status = 502
