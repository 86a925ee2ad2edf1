"""A page's button runs one service: its refusal is shown on the page it returns to, as messages in the
reader's language (every problem, not only the first); its success as one message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages

from tradewind.core.errors import ApplicationError


def service_run(request, action: Callable[[], Any], *, success: str = "") -> tuple[bool, Any]:
    """(True, what `action` answered), or (False, None) once its refusal is in the messages."""
    try:
        result = action()
    except ApplicationError as error:
        for each in error.each():
            messages.error(request, str(each.message))
        return False, None
    if success:
        messages.success(request, success)
    return True, result
