"""The servers of the mail providers a trade team uses, to pre-fill the connection form.

A member picks one (or "other" and types the servers); the form is filled and stays editable. Most of them
want an app password (客户端专用密码 / 授权码) instead of the web-mail password when two-step sign-in is on;
the hint says so in the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tradewind.mail.choices import Security


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    imap: tuple[str, int, str]
    smtp: tuple[str, int, str]
    hint: str = ""
    sent_folder: str = "Sent"


TLS, STARTTLS = Security.TLS, Security.STARTTLS

PROVIDERS = [
    Provider(
        "exmail", _("Tencent Exmail (腾讯企业邮)"), ("imap.exmail.qq.com", 993, TLS),
        ("smtp.exmail.qq.com", 465, TLS),
        _("Use a client-specific password (客户端专用密码) if safe login is on."), "Sent Messages",
    ),
    Provider(
        "aliyun", _("Aliyun Mail (阿里企业邮)"), ("imap.qiye.aliyun.com", 993, TLS),
        ("smtp.qiye.aliyun.com", 465, TLS), sent_folder="已发送",
    ),
    Provider(
        "163", "163.com", ("imap.163.com", 993, TLS), ("smtp.163.com", 465, TLS),
        _("Turn on IMAP/SMTP in the web mail's settings and use its authorisation code (授权码)."), "已发送",
    ),
    Provider(
        "126", "126.com", ("imap.126.com", 993, TLS), ("smtp.126.com", 465, TLS),
        _("Turn on IMAP/SMTP in the web mail's settings and use its authorisation code (授权码)."), "已发送",
    ),
    Provider(
        "qq", "QQ Mail", ("imap.qq.com", 993, TLS), ("smtp.qq.com", 465, TLS),
        _("Turn on IMAP/SMTP in the web mail's settings and use its authorisation code (授权码)."),
        "Sent Messages",
    ),
    Provider(
        "gmail", "Gmail / Google Workspace", ("imap.gmail.com", 993, TLS), ("smtp.gmail.com", 465, TLS),
        _("Use an app password (Google account → Security → App passwords)."), "[Gmail]/Sent Mail",
    ),
    Provider(
        "outlook", "Outlook / Microsoft 365", ("outlook.office365.com", 993, TLS),
        ("smtp.office365.com", 587, STARTTLS), _("Use an app password if your account has two-step sign-in."),
        "Sent Items",
    ),
    Provider(
        "zoho", "Zoho Mail", ("imap.zoho.com", 993, TLS), ("smtp.zoho.com", 465, TLS),
        _("Use an application-specific password if two-factor sign-in is on."),
    ),
]  # fmt: skip

BY_KEY = {p.key: p for p in PROVIDERS}


def provider_for(address: str) -> Provider | None:
    """The provider an address's domain plainly belongs to (gmail.com → Gmail); None when it is a company
    domain, whose provider only its administrator knows."""
    domain = address.rpartition("@")[2].lower()
    by_domain = {
        "gmail.com": "gmail", "163.com": "163", "126.com": "126", "qq.com": "qq", "foxmail.com": "qq",
        "outlook.com": "outlook", "hotmail.com": "outlook", "live.com": "outlook", "zoho.com": "zoho",
    }  # fmt: skip
    return BY_KEY.get(by_domain.get(domain, ""))
