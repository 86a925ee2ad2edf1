"""The supported chat platforms and how to build a message for each.

Each platform module provides:
- HOSTS: the hosts its webhook addresses live on (validation allows only these in production);
- build(url=, secret=, title=, text=, link=, now=) -> PreparedRequest, in the platform's own format;
- response_error(body) -> str | None: what the platform said when a 2xx answer still means "refused".
"""

from __future__ import annotations

import time
from types import ModuleType

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.notifications.webhooks.platforms import dingtalk, feishu, slack, wecom
from tradewind.notifications.webhooks.request import PreparedRequest
from tradewind.notifications.webhooks.text import link_clean, one_line

PLATFORMS: dict[str, ModuleType] = {
    "wecom": wecom,
    "dingtalk": dingtalk,
    "feishu": feishu,
    "slack": slack,
}


def platform_module(platform: str) -> ModuleType:
    try:
        return PLATFORMS[platform]
    except KeyError:
        raise ValidationFailed(_("Choose a supported chat platform."), field="platform") from None


def build_request(
    platform: str,
    *,
    url: str,
    secret: str,
    title: str,
    text: str,
    link: str | None,
    now: float | None = None,
) -> PreparedRequest:
    """The request that posts one notification to a group on `platform`.

    `secret` signs the request where the platform supports it (DingTalk, Feishu) and is ignored
    elsewhere; `now` (Unix seconds) fixes the signature's timestamp, for tests.
    """
    return platform_module(platform).build(
        url=url,
        secret=secret or "",
        title=one_line(title),
        text=(text or "").strip(),
        link=link_clean(link),
        now=time.time() if now is None else now,
    )
