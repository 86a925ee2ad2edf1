"""Which webhook addresses may be saved, and how addresses and secrets are shown once saved."""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import SplitResult, parse_qsl, urlsplit

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.notifications.webhooks.platforms import platform_module

MAX_URL_LENGTH = 500  # the length of WebhookChannel.url
MASK = "••••••"
_HOSTNAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")
# Path segments shown as they are by url_mask: words such as "cgi-bin", "hook", "services", "v2".
# Anything else (tokens contain digits or are long) is masked.
_PLAIN_SEGMENT = re.compile(r"[A-Za-z][A-Za-z_-]{0,19}|v\d")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def webhook_url_clean(platform: str, url: str, *, production: bool) -> str:
    """The webhook address, stripped, if it may be saved for `platform`; ValidationFailed otherwise.

    In production the address must be https, on one of the platform's own hosts, and resolve only
    to public addresses. The host allowlist is the real defence: without it, anyone who can set up a
    webhook could make the server POST to any address it can reach (an internal admin page, a cloud
    metadata service) and read the answer back in the error message; the address checks are a second
    line should a platform host ever resolve somewhere private. Development allows http and local
    addresses so a local receiver can stand in for the platform.
    """
    module = platform_module(platform)
    url = (url or "").strip()
    parts = _parse(url)
    if not production:
        return url
    if parts.scheme != "https":
        raise ValidationFailed(_("The webhook address must start with https://."), field="url")
    host = parts.hostname.rstrip(".")
    literal = _literal_address(host)
    if literal is not None and not _is_public(literal):
        raise _private_error()
    if host not in module.HOSTS or parts.port not in (None, 443):
        raise ValidationFailed(
            _("For this platform the webhook address must be on %(hosts)s.")
            % {"hosts": ", ".join(sorted(module.HOSTS))},
            field="url",
        )
    for address in _resolve(host, parts.port or 443):
        if not _is_public(address):
            raise _private_error()
    return url


def secret_mask(value: str | None) -> str:
    """A secret as it may be shown again: its last four characters at most ("••••••3f9a")."""
    value = str(value or "")
    if not value:
        return ""
    # Four characters of a short secret would give most of it away.
    return MASK + value[-4:] if len(value) >= 12 else MASK


def url_mask(url: str | None) -> str:
    """A webhook address as it may be shown again: scheme and host, with tokens in the path and every
    query value masked. Whoever has the full URL can post to the group, so it is shown once, on entry."""
    try:
        parts = urlsplit(str(url or "").strip())
        port = parts.port
    except ValueError:
        return MASK
    if not parts.scheme or not parts.hostname:
        return MASK
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = f"{host}:{port}" if port else host
    segments = parts.path.split("/")
    path = "/".join(seg if _PLAIN_SEGMENT.fullmatch(seg) else secret_mask(seg) for seg in segments)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = "&".join(f"{key}={secret_mask(value)}" for key, value in pairs)
    return f"{parts.scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def _malformed_error() -> ValidationFailed:
    return ValidationFailed(
        _("Enter a valid webhook address, as shown in the robot's settings on the chat platform."),
        field="url",
    )


def _private_error() -> ValidationFailed:
    return ValidationFailed(
        _("The webhook address points to a private or reserved network address."), field="url"
    )


def _parse(url: str) -> SplitResult:
    if not url or len(url) > MAX_URL_LENGTH or any(char.isspace() or ord(char) < 32 for char in url):
        raise _malformed_error()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise _malformed_error() from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _malformed_error()
    # user:password@ is never part of a webhook address and can hide the real host from a reader
    # ("https://hooks.slack.com@attacker.example/").
    if parts.username is not None or parts.password is not None:
        raise _malformed_error()
    if _literal_address(parts.hostname) is None and not _HOSTNAME.fullmatch(parts.hostname):
        raise _malformed_error()
    return parts


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return None


def _is_public(address: IPAddress) -> bool:
    # IPv6 forms that carry an IPv4 address are judged by that address (::ffff:10.0.0.1, 2002:0a00:1::).
    if isinstance(address, ipaddress.IPv6Address):
        address = address.ipv4_mapped or address.sixtofour or address
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(host: str, port: int) -> list[IPAddress]:
    # An address that cannot be resolved now cannot be checked, so it is refused rather than trusted.
    try:
        results = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        results = []
    # Each result is (family, type, proto, canonname, sockaddr); sockaddr starts with the address.
    addresses = [address for result in results if (address := _literal_address(str(result[4][0])))]
    if not addresses:
        raise ValidationFailed(_("The webhook host could not be found. Check the address."), field="url")
    return addresses
