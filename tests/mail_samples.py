"""Raw e-mails as buyers' and colleagues' clients send them, for the mail tests."""

from __future__ import annotations

import base64
import email.utils
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText


def plain(
    *,
    sender="Hans Müller <hans@hausmann.de>",
    to="rep@mail.test.example",
    subject="Inquiry: kettles",
    body="Please quote 2,000 pcs.",
    message_id=None,
    in_reply_to="",
    references="",
    date="Mon, 07 Dec 2026 09:30:00 +0100",
    cc="",
) -> bytes:
    message = MIMEText(body, "plain", "utf-8")
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = Header(subject, "utf-8")
    message["Date"] = date
    message["Message-ID"] = message_id or email.utils.make_msgid(domain="hausmann.de")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    return message.as_bytes()


def gbk() -> bytes:
    """A Chinese client's message declared GB2312 that holds a GBK-only character (镕)."""
    body = "您好，请报价：电热水壶 2000 个，朱镕基路仓库交货。".encode("gbk")
    subject = "=?GB2312?B?" + base64.b64encode("询价：电热水壶（镕）".encode("gbk")).decode() + "?="
    return (
        b"From: =?GB2312?B?" + base64.b64encode("王经理".encode("gbk")) + b"?= <wang@shanghai-trade.cn>\r\n"
        b"To: rep@mail.test.example\r\n"
        b"Subject: " + subject.encode() + b"\r\n"
        b"Date: Mon, 07 Dec 2026 10:00:00 +0800\r\n"
        b"Message-ID: <gbk-1@shanghai-trade.cn>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="gb2312"\r\n'
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


def big5() -> bytes:
    body = "您好，請報價：不鏽鋼保溫杯 5000 個，台北交貨。".encode("big5")
    return (
        b"From: buyer@taipei-import.tw\r\n"
        b"To: rep@mail.test.example\r\n"
        b"Subject: =?big5?B?" + base64.b64encode("詢價：保溫杯".encode("big5")) + b"?=\r\n"
        b"Date: Mon, 07 Dec 2026 11:00:00 +0800\r\n"
        b"Message-ID: <big5-1@taipei-import.tw>\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=big5\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


def raw_8bit_header() -> bytes:
    """An old client that put GBK bytes straight into the Subject, unencoded."""
    return (
        b"From: old@client.cn\r\nTo: rep@mail.test.example\r\n"
        b"Subject: " + "样品已寄出".encode("gbk") + b"\r\n"
        b"Message-ID: <raw8@client.cn>\r\nDate: Mon, 07 Dec 2026 12:00:00 +0800\r\n"
        b"Content-Type: text/plain; charset=gbk\r\n\r\n" + "快递单号 SF123".encode("gbk") + b"\r\n"
    )


def iso2022jp() -> bytes:
    body = "見積もりをお願いします。".encode("iso2022_jp")
    return (
        b"From: tanaka@osaka-shoji.jp\r\nTo: rep@mail.test.example\r\n"
        b"Subject: =?ISO-2022-JP?B?" + base64.b64encode("見積依頼".encode("iso2022_jp")) + b"?=\r\n"
        b"Message-ID: <jp-1@osaka-shoji.jp>\r\nDate: Mon, 07 Dec 2026 13:00:00 +0900\r\n"
        b"Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
        + body
        + b"\r\n"
    )


def with_attachment(*, size: int = 1000, name="报价单 Q-2026-0042.pdf", html=None) -> bytes:
    message = MIMEMultipart("mixed")
    message["From"] = "Hans Müller <hans@hausmann.de>"
    message["To"] = "rep@mail.test.example"
    message["Subject"] = "Signed PI attached"
    message["Date"] = "Mon, 07 Dec 2026 14:00:00 +0100"
    message["Message-ID"] = email.utils.make_msgid(domain="hausmann.de")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("See the PI attached.", "plain", "utf-8"))
    alternative.attach(MIMEText(html or "<p>See the <b>PI</b> attached.</p>", "html", "utf-8"))
    message.attach(alternative)
    pdf = b"%PDF-1.4\n" + b"0" * max(0, size - 16) + b"\n%%EOF\n"
    part = MIMEApplication(pdf, "pdf")
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    message.attach(part)
    return message.as_bytes()


def malformed() -> bytes:
    """A multipart message whose boundary never comes, with a broken base64 part."""
    return (
        b"From: broken@spam.example\r\nTo: rep@mail.test.example\r\nSubject: broken\r\n"
        b"Message-ID: <broken-1@spam.example>\r\n"
        b'Content-Type: multipart/mixed; boundary="XYZ"\r\n\r\n'
        b"--XYZ\r\nContent-Type: text/plain; charset=no-such-charset\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n%%%not base64%%%\r\n"
    )
