"""Reading raw e-mails: Chinese and Japanese charsets (GB2312 that is really GBK, Big5, raw 8-bit headers,
ISO-2022-JP), encoded words, attachments with Chinese names, threads' keys, safe HTML with remote images
held back, and a broken message kept with a note instead of a crash."""

from tests import mail_samples as samples
from tradewind.mail.parsing import message_parse


def test_gb2312_that_is_really_gbk_and_big5_read_right():
    chinese = message_parse(samples.gbk())
    assert chinese.subject == "询价：电热水壶（镕）"
    assert "朱镕基路" in chinese.text and chinese.from_name == "王经理"
    assert chinese.from_address == "wang@shanghai-trade.cn" and not chinese.notes
    taiwan = message_parse(samples.big5())
    assert taiwan.subject == "詢價：保溫杯" and "不鏽鋼保溫杯" in taiwan.text


def test_raw_8bit_headers_and_iso_2022_jp():
    old = message_parse(samples.raw_8bit_header())
    assert old.subject == "样品已寄出" and "SF123" in old.text
    japanese = message_parse(samples.iso2022jp())
    assert japanese.subject == "見積依頼" and "見積もり" in japanese.text


def test_addresses_dates_ids_and_the_thread_subject():
    parsed = message_parse(
        samples.plain(
            subject="回复: RE: Fwd: Inquiry: kettles",
            cc="Anna <Anna@Hausmann.de>, bad-address",
            message_id="<abc@hausmann.de>",
            references="<one@x> <two@x>",
            in_reply_to="<two@x>",
        )
    )
    assert parsed.key == "<abc@hausmann.de>" and parsed.in_reply_to == "<two@x>"
    assert parsed.references == ["<one@x>", "<two@x>"]
    assert parsed.cc == [["Anna", "anna@hausmann.de"]]
    assert parsed.from_name == "Hans Müller" and parsed.sent_at.isoformat() == "2026-12-07T09:30:00+01:00"
    assert parsed.thread_subject == "inquiry: kettles"


def test_a_message_without_an_id_gets_a_stable_key():
    raw = samples.plain().replace(b"Message-ID:", b"X-Old-ID:")
    assert message_parse(raw).key.startswith("sha256:") and message_parse(raw).key == message_parse(raw).key


def test_attachments_keep_their_chinese_names_and_html_is_made_safe():
    html = (
        '<p onclick="steal()">Hi<script>alert(1)</script><img src="https://tracker.example/p.gif">'
        '<a href="javascript:alert(1)">x</a><img src="cid:logo"></p><form><input></form>'
    )
    parsed = message_parse(samples.with_attachment(html=html))
    (attachment,) = parsed.attachments
    assert attachment.name == "报价单 Q-2026-0042.pdf" and attachment.data.startswith(b"%PDF")
    assert parsed.text == "See the PI attached."
    assert "script" not in parsed.html and "onclick" not in parsed.html and "javascript" not in parsed.html
    assert "<form" not in parsed.html and 'src="cid:logo"' in parsed.html
    assert parsed.has_remote_images


def test_a_broken_message_is_kept_with_a_note():
    parsed = message_parse(samples.malformed())
    assert parsed.subject == "broken" and parsed.key == "<broken-1@spam.example>"
    assert parsed.notes  # said, not raised
    garbage = message_parse(b"\x00\xff not a message at all")
    assert garbage.key.startswith("sha256:") and garbage.notes
