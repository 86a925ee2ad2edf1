"""Delivering a prepared webhook request, with every failure reported as a WebhookError."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request

from django.utils.translation import gettext as _

from tradewind.notifications.webhooks.errors import WebhookError
from tradewind.notifications.webhooks.platforms import platform_module
from tradewind.notifications.webhooks.request import PreparedRequest, body_excerpt

USER_AGENT = "Tradewind-Webhook/1"
DELIVERY_HEADER = "X-Tradewind-Delivery"
# Platforms answer in a few dozen bytes; reading more would only let a bad endpoint fill our memory.
MAX_ANSWER_BYTES = 64 * 1024


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as an error, never followed.

    The address was checked when it was saved; following a Location header would let the far end
    send us (and the message) to an address that was never checked, such as an internal service.
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


def _opener() -> urllib.request.OpenerDirector:
    # Built per call so proxy settings from the environment (which operators behind a corporate
    # proxy rely on) are read as they are now.
    return urllib.request.build_opener(_RefuseRedirects)


def send(request: PreparedRequest, *, timeout: float = 10, delivery_id: str | None = None) -> None:
    """POST `request`; raise WebhookError unless the platform accepted the message.

    `delivery_id` goes out as the X-Tradewind-Delivery header so a receiver can discard repeats.
    Messages never include the URL: it carries the robot's token.
    """
    # urllib would also open file: and ftp: addresses; a webhook is only ever http(s).
    if not request.url.lower().startswith(("https://", "http://")):
        raise WebhookError(_("The webhook address is not valid."))
    headers = {**request.headers, "User-Agent": USER_AGENT}
    if delivery_id:
        headers[DELIVERY_HEADER] = str(delivery_id)
    outgoing = urllib.request.Request(  # noqa: S310 - scheme checked above
        request.url, data=request.body, headers=headers, method="POST"
    )
    try:
        with _opener().open(outgoing, timeout=timeout) as response:
            answer = response.read(MAX_ANSWER_BYTES)
    except urllib.error.HTTPError as exc:
        raise _status_error(request, exc) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout_error(timeout) from exc
        raise WebhookError(_("Could not reach the webhook: %(reason)s") % {"reason": exc.reason}) from exc
    except TimeoutError as exc:
        raise _timeout_error(timeout) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise WebhookError(_("Could not reach the webhook: %(reason)s") % {"reason": exc}) from exc
    except ValueError as exc:  # an address urllib cannot use at all
        raise WebhookError(_("The webhook address is not valid.")) from exc
    detail = platform_module(request.platform).response_error(answer)
    if detail:
        raise WebhookError(_("The platform did not accept the message: %(detail)s") % {"detail": detail})


def _timeout_error(timeout: float) -> WebhookError:
    return WebhookError(_("The webhook did not answer within %(seconds)s seconds.") % {"seconds": timeout})


def _status_error(request: PreparedRequest, exc: urllib.error.HTTPError) -> WebhookError:
    try:
        if 300 <= exc.code < 400:
            return WebhookError(_("The webhook answered with a redirect, which Tradewind does not follow."))
        try:
            answer = exc.read(MAX_ANSWER_BYTES)
        except (OSError, http.client.HTTPException):
            answer = b""
        # Platforms explain a 4xx in the body ("invalid_payload", {"code": 9499, "msg": ...}).
        detail = platform_module(request.platform).response_error(answer) if answer else None
        return WebhookError(
            _("The webhook answered with HTTP %(status)s: %(detail)s")
            % {"status": exc.code, "detail": detail or body_excerpt(answer) or exc.reason}
        )
    finally:
        exc.close()
