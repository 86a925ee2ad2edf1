"""Opening a mailbox's IMAP and SMTP connections, with each way it can fail told apart in the member's
language: the server's name (DNS), reaching it, the certificate, the password, a folder that is not there.

Certificates are checked as a browser checks them. A server whose certificate no authority signed (an
in-house server) is refused unless an administrator ticked "accept a self-signed certificate" for that
mailbox; the name is then not checked either, since such certificates rarely carry the right one.
"""

from __future__ import annotations

import base64
import imaplib
import re
import smtplib
import socket
import ssl
from contextlib import contextmanager, suppress

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.mail.choices import Security

TIMEOUT = 20  # seconds, for connecting and for each answer


class MailServerRefused(ValidationFailed):
    """A connection or a command the server refused; `field` is the form field to correct."""


def tls_context(allow_self_signed: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if allow_self_signed:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _refusal(exc: BaseException, *, host: str, port: int, side: str) -> MailServerRefused:
    """The member's words for what went wrong opening `host`:`port` (side: "imap" or "smtp")."""
    field = f"{side}_host"
    if isinstance(exc, socket.gaierror):
        return MailServerRefused(
            _("The server “%(host)s” was not found. Check its name.") % {"host": host},
            field=field,
            code="dns",
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailServerRefused(
            _(
                "The certificate of %(host)s is not signed by an authority this server trusts (a self-signed "
                "certificate?). An administrator can accept it for this mailbox."
            )
            % {"host": host},
            field=field,
            code="certificate",
        )
    if isinstance(exc, ssl.SSLError):
        return MailServerRefused(
            _(
                "A secure connection to %(host)s:%(port)d failed (%(reason)s). Check the port and the "
                "security setting: 993 and 465 are SSL/TLS, 143 and 587 STARTTLS."
            )
            % {"host": host, "port": port, "reason": exc.reason or exc.__class__.__name__},
            field=f"{side}_security",
            code="tls",
        )
    if isinstance(exc, TimeoutError | ConnectionError | OSError):
        return MailServerRefused(
            _(
                "%(host)s did not answer on port %(port)d. Check the port, or whether a firewall is in "
                "the way."
            )
            % {"host": host, "port": port},
            field=f"{side}_port",
            code="unreachable",
        )
    return MailServerRefused(
        _("%(host)s answered something unexpected: %(reason)s") % {"host": host, "reason": str(exc)[:200]},
        field=field,
        code="protocol",
    )


def _password_refused(host: str) -> MailServerRefused:
    return MailServerRefused(
        _(
            "%(host)s refused the user name or the password. Many providers want an app password "
            "(授权码 / client password) here, not the web mail's password."
        )
        % {"host": host},
        field="password",
        code="password",
    )


@contextmanager
def imap_session(
    *, host: str, port: int, security: str, username: str, password: str, allow_self_signed: bool = False
):
    """A signed-in IMAP connection for the block, logged out after it."""
    try:
        if security == Security.TLS:
            client = imaplib.IMAP4_SSL(
                host, port, ssl_context=tls_context(allow_self_signed), timeout=TIMEOUT
            )
        else:
            client = imaplib.IMAP4(host, port, timeout=TIMEOUT)
            if security == Security.STARTTLS:
                client.starttls(ssl_context=tls_context(allow_self_signed))
    except (OSError, imaplib.IMAP4.error) as exc:
        raise _refusal(exc, host=host, port=port, side="imap") from None
    try:
        try:
            client.login(username, password)
        except imaplib.IMAP4.error:
            raise _password_refused(host) from None
        except OSError as exc:
            raise _refusal(exc, host=host, port=port, side="imap") from None
        yield client
    finally:
        with suppress(OSError, imaplib.IMAP4.error):  # the connection is gone already: nothing to close
            client.logout()


@contextmanager
def smtp_session(
    *, host: str, port: int, security: str, username: str, password: str, allow_self_signed: bool = False
):
    """A signed-in SMTP connection for the block."""
    try:
        if security == Security.TLS:
            client = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=tls_context(allow_self_signed))
        else:
            client = smtplib.SMTP(host, port, timeout=TIMEOUT)
            if security == Security.STARTTLS:
                client.starttls(context=tls_context(allow_self_signed))
    except (OSError, smtplib.SMTPException) as exc:
        raise _refusal(exc, host=host, port=port, side="smtp") from None
    try:
        try:
            client.login(username, password)
        except smtplib.SMTPAuthenticationError:
            raise _password_refused(host) from None
        except smtplib.SMTPNotSupportedError:
            raise MailServerRefused(
                _("%(host)s offers no sign-in on this port; try 465 (SSL/TLS) or 587 (STARTTLS).")
                % {"host": host},
                field="smtp_port",
                code="no_auth",
            ) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise _refusal(exc, host=host, port=port, side="smtp") from None
        yield client
    finally:
        with suppress(OSError, smtplib.SMTPException):  # the connection is gone already
            client.quit()


# --- folder names ------------------------------------------------------------------------------------------
# IMAP names folders in "modified UTF-7" (RFC 3501 §5.1.3): 已发送 is "&XfJT0ZAB-" on the wire.


def folder_decode(name: str) -> str:
    def piece(match: re.Match) -> str:
        inner = match.group(1)
        if not inner:
            return "&"
        data = inner.replace(",", "/")
        data += "=" * (-len(data) % 4)
        return base64.b64decode(data).decode("utf-16-be")

    return re.sub(r"&([A-Za-z0-9+,]*)-", piece, name)


def folder_encode(name: str) -> str:
    out, pending = [], []

    def flush():
        if pending:
            raw = base64.b64encode("".join(pending).encode("utf-16-be")).decode().rstrip("=")
            out.append("&" + raw.replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def quoted(name: str) -> str:
    """A folder name as an IMAP command argument."""
    encoded = folder_encode(name)
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


LIST_LINE = re.compile(rb'\((?P<flags>[^)]*)\) (?:"(?P<sep>[^"]*)"|NIL) (?P<name>.+)$')


def folders_list(client: imaplib.IMAP4) -> list[tuple[str, set[str]]]:
    """The account's folders: (name, flags such as \\Sent), in the server's order."""
    status, lines = client.list()
    if status != "OK":
        return []
    found = []
    for line in lines:
        if not isinstance(line, bytes):
            continue
        match = LIST_LINE.match(line)
        if not match:
            continue
        raw = match.group("name").strip()
        if raw.startswith(b'"') and raw.endswith(b'"'):
            raw = raw[1:-1].replace(b'\\"', b'"').replace(b"\\\\", b"\\")
        flags = {f.decode().lower() for f in match.group("flags").split()}
        found.append((folder_decode(raw.decode("ascii", "replace")), flags))
    return found


def folder_select(client: imaplib.IMAP4, name: str) -> int:
    """Open `name` read-only; its UIDVALIDITY. A folder that is not there is said as such."""
    status, _data = client.select(quoted(name), readonly=True)
    if status != "OK":
        raise MailServerRefused(
            _("The folder “%(folder)s” is not on the server.") % {"folder": name},
            field="sync_folders",
            code="folder",
        )
    validity = client.untagged_responses.get("UIDVALIDITY", [b"0"])[-1]
    return int(validity)
