"""A raw e-mail into what Tradewind keeps of it, with the standard library's e-mail package.

Chinese mail is where the standard decoders stumble, so decoding is ours:
- a charset is read as its superset: GB2312 and GBK as GB18030 (a "GB2312" message often holds GBK-only
  characters), Big5 as Big5-HKSCS; an unknown or lying charset falls back to UTF-8, then GB18030, then
  Latin-1 with replacement — and the message keeps a note, it is never dropped;
- encoded words (=?GB2312?B?…?=) in subjects, names and file names go through the same decoder, and raw
  8-bit headers (sent unencoded by old clients) are tried as UTF-8, then GB18030.
A message that cannot be parsed at all still becomes a message: its subject says so and its note why.

HTML is sanitised with nh3 (the Rust sanitiser ammonia): no scripts, no event handlers, no forms; what is
left is shown in a sandboxed frame whose content-security policy blocks remote images until the reader
asks for them (`has_remote_images` says whether there are any).
"""

from __future__ import annotations

import datetime as dt
import email
import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field
from email import policy
from email.header import Header, decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from django.utils import timezone

SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "iso-2022-jp": "iso2022_jp_ext",
}
FALLBACKS = ("utf-8", "gb18030")
SNIPPET = 200
SUBJECT_LENGTH = 500
REPLY_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|vs|回复|答复|转发|回覆|轉寄)\s*(\[\d+\])?\s*[:：]\s*)+", re.I
)

HTML_TAGS = {
    *("a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd", "del"),
    *("div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li"),
    *("ol", "p", "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table", "tbody"),
    *("td", "tfoot", "th", "thead", "tr", "tt", "u", "ul"),
}
HTML_ATTRIBUTES = {
    "*": {"style", "align", "valign", "width", "height", "bgcolor", "color", "dir", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt"},
    "font": {"face", "size"},
    "table": {"border", "cellpadding", "cellspacing"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    content_id: str = ""


@dataclass
class Parsed:
    key: str
    subject: str
    from_name: str
    from_address: str
    to: list[list[str]]
    cc: list[list[str]]
    sent_at: dt.datetime
    in_reply_to: str
    references: list[str]
    text: str
    html: str
    has_remote_images: bool
    attachments: list[Attachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    size: int = 0

    @property
    def snippet(self) -> str:
        source = self.text or re.sub(r"<[^>]+>", " ", self.html)
        return " ".join(html_lib.unescape(source).split())[:SNIPPET]

    @property
    def thread_subject(self) -> str:
        """The subject without its Re:/Fwd:/回复: prefixes: replies share it."""
        return REPLY_PREFIX.sub("", self.subject).strip().casefold()


def bytes_text(data: bytes, charset: str | None, notes: list[str] | None = None) -> str:
    """`data` decoded by its declared charset (read as its superset), else by the fallbacks."""
    declared = (charset or "").strip().strip('"').lower()
    tried = [SUPERSETS.get(declared, declared)] if declared else []
    for name in (*tried, *FALLBACKS):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    if notes is not None:
        notes.append(
            f"text in an unreadable charset ({declared or 'none declared'}), shown with replacements"
        )
    return data.decode("latin-1", errors="replace")


def header_text(value, notes: list[str] | None = None) -> str:
    """A header's text: encoded words decoded with our charsets, raw 8-bit bytes guessed."""
    if value is None:
        return ""
    if not isinstance(value, Header):  # a Header: 8-bit bytes the parser could not name, kept as bytes
        value = str(value)
    parts = []
    try:
        chunks = decode_header(value)
    except (ValueError, LookupError, AssertionError):
        chunks = [(str(value), None)]
    for chunk, charset in chunks:
        if isinstance(chunk, bytes):
            parts.append(bytes_text(chunk, charset, notes))
        else:
            # An unencoded header with 8-bit bytes arrives as surrogate escapes: back to bytes, then guessed.
            try:
                chunk.encode("utf-8")
                parts.append(chunk)
            except UnicodeEncodeError:
                parts.append(bytes_text(chunk.encode("ascii", "surrogateescape"), None, notes))
    text = "".join(parts)
    return " ".join(text.split())


def _addresses(message: Message, name: str, notes: list[str]) -> list[list[str]]:
    values = [header_text(v, notes) for v in message.get_all(name, [])]
    return [[n.strip(), a.strip().lower()] for n, a in getaddresses(values) if a and "@" in a]


def _message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value or "")


def _sent_at(message: Message, received_at: dt.datetime | None) -> dt.datetime:
    try:
        when = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        when = None
    if when is None:
        return received_at or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


def html_clean(source: str) -> tuple[str, bool]:
    """Safe HTML and whether it shows remote images (blocked until the reader asks)."""
    import nh3

    remote = False

    def keep(tag: str, attribute: str, value: str) -> str | None:
        nonlocal remote
        if tag == "img" and attribute == "src" and value.lower().startswith(("http:", "https:", "//")):
            remote = True
        return value

    cleaned = nh3.clean(
        source,
        tags=HTML_TAGS,
        attributes=HTML_ATTRIBUTES,
        clean_content_tags={"script", "style", "title", "head"},
        url_schemes={"http", "https", "mailto", "cid", "data"},
        attribute_filter=keep,
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned, remote


def _part_text(part: Message, notes: list[str]) -> str:
    payload = part.get_payload(decode=True) or b""
    return bytes_text(payload, part.get_content_charset(), notes)


def _file_name(part: Message, notes: list[str]) -> str:
    try:
        name = part.get_filename()
    except (LookupError, ValueError, TypeError):
        name = None
    return header_text(name, notes) if name else ""


def message_parse(raw: bytes, *, received_at: dt.datetime | None = None) -> Parsed:
    """Everything kept of `raw`; never raises for a broken message (it is kept with a note)."""
    notes: list[str] = []
    try:
        message = email.message_from_bytes(raw, policy=policy.compat32)
    except Exception as exc:  # whatever the parser trips on, the message is kept
        message = Message()
        notes.append(f"unreadable message: {exc.__class__.__name__}")
    for defect in message.defects:
        notes.append(f"MIME: {defect.__class__.__name__}")
    text, html_parts, attachments = [], [], []
    try:
        parts = list(message.walk())
    except Exception as exc:
        parts = [message]
        notes.append(f"unreadable structure: {exc.__class__.__name__}")
    for part in parts:
        if part.is_multipart():
            continue
        try:
            disposition = (part.get_content_disposition() or "").lower()
            content_type = part.get_content_type()
            name = _file_name(part, notes)
            if disposition != "attachment" and not name and content_type == "text/plain":
                text.append(_part_text(part, notes))
            elif disposition != "attachment" and not name and content_type == "text/html":
                html_parts.append(_part_text(part, notes))
            elif content_type != "message/delivery-status" and (
                name or disposition in ("attachment", "inline")
            ):
                data = part.get_payload(decode=True) or b""
                if data:
                    cid = (part.get("Content-ID") or "").strip().strip("<>")
                    attachments.append(Attachment(name or "attachment", content_type, data, cid))
        except Exception as exc:  # one broken part must not lose the others
            notes.append(f"unreadable part: {exc.__class__.__name__}")
    html_source = "\n".join(html_parts)
    html, remote = html_clean(html_source) if html_source else ("", False)
    from_name, from_address = ("", "")
    senders = _addresses(message, "From", notes)
    if senders:
        from_name, from_address = senders[0]
    subject = header_text(message.get("Subject"), notes)[:SUBJECT_LENGTH]
    references = _message_ids(str(message.get("References", "")))
    in_reply_to = next(iter(_message_ids(str(message.get("In-Reply-To", "")))), "")
    message_id = next(iter(_message_ids(str(message.get("Message-ID", "")))), "")
    sent_at = _sent_at(message, received_at)
    if not message_id:
        digest = hashlib.sha256()
        for piece in (str(message.get("Date", "")), from_address, subject, raw[:4096].hex()):
            digest.update(piece.encode())
        message_id = "sha256:" + digest.hexdigest()
    return Parsed(
        key=message_id[:300],
        subject=subject,
        from_name=from_name[:200],
        from_address=from_address[:254],
        to=_addresses(message, "To", notes),
        cc=_addresses(message, "Cc", notes),
        sent_at=sent_at,
        in_reply_to=in_reply_to[:300],
        references=references,
        text="\n".join(text).strip(),
        html=html,
        has_remote_images=remote,
        attachments=attachments,
        notes=list(dict.fromkeys(notes)),
        size=len(raw),
    )
