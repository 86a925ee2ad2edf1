"""Chat webhooks: each platform's wire format and signature, delivery failures, address checks, masking.

A local HTTP server stands in for the platforms. Nothing here needs the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote_plus, urlsplit

import pytest
from django.utils import translation

from tradewind.core.errors import ValidationFailed
from tradewind.notifications.webhooks.errors import WebhookError
from tradewind.notifications.webhooks.platforms import build_request
from tradewind.notifications.webhooks.sender import send
from tradewind.notifications.webhooks.validation import secret_mask, url_mask, webhook_url_clean

NOW = 1_700_000_000.5
DINGTALK_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab"
FEISHU_SECRET = "fs-secret-9QwErTy"
SUCCESS = {
    "wecom": b'{"errcode":0,"errmsg":"ok"}',
    "dingtalk": b'{"errcode":0,"errmsg":"ok"}',
    "feishu": b'{"code":0,"data":{},"msg":"success"}',
    "slack": b"ok",
}


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query)


@dataclass
class Receiver:
    """What the stand-in platform got, and what it answers next."""

    base_url: str
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    body: bytes = b"ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0

    def answer(self, status: int = 200, body: bytes = b"ok", **headers: str) -> None:
        self.status, self.body, self.headers = status, body, headers


@pytest.fixture
def receiver(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            state.requests.append(
                Received("POST", parts.path, parts.query, dict(self.headers.items()), self.rfile.read(length))
            )
            if state.delay:
                time.sleep(state.delay)
            self.send_response(state.status)
            for name, value in state.headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Receiver(base_url=f"http://127.0.0.1:{server.server_port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _deliver(receiver, platform, path, *, secret="", title="New inquiry", text="Hello", link=None, **kw):
    receiver.answer(200, SUCCESS[platform])
    request = build_request(
        platform, url=receiver.base_url + path, secret=secret, title=title, text=text, link=link, now=NOW
    )
    send(request, **kw)
    assert len(receiver.requests) == 1
    got = receiver.requests[0]
    assert got.method == "POST"
    assert got.headers["Content-Type"] == "application/json; charset=utf-8"
    return got


def _message(platform, url, *, secret="", title="T", text="x", link=None):
    return build_request(platform, url=url, secret=secret, title=title, text=text, link=link, now=NOW)


# --- independent signature implementations, written from the platforms' docs -----------------------


def dingtalk_expected_sign(timestamp: str, secret: str) -> str:
    # 加签: HmacSHA256 with the secret as key over "timestamp\nsecret", then Base64.
    mac = hmac.HMAC(secret.encode("utf-8"), (timestamp + "\n" + secret).encode("utf-8"), "sha256")
    return base64.standard_b64encode(mac.digest()).decode()


def feishu_expected_sign(timestamp: str, secret: str) -> str:
    # 签名校验: "timestamp\nsecret" is the HmacSHA256 key, the message is empty, then Base64.
    mac = hmac.HMAC((timestamp + "\n" + secret).encode("utf-8"), digestmod=hashlib.sha256)
    return base64.standard_b64encode(mac.digest()).decode()


# --- formats ---------------------------------------------------------------------------------------


def test_wecom_sends_a_markdown_message(receiver):
    with translation.override("en"):
        got = _deliver(
            receiver,
            "wecom",
            "/cgi-bin/webhook/send?key=693a91f6-7xxx",
            title="Inquiry from Hamburg",
            text="200 pcs, FOB Ningbo",
            link="https://tradewind.example/w/haitian/inquiries/abc",
            delivery_id="d-42",
        )
    assert got.path == "/cgi-bin/webhook/send"
    assert got.params == {"key": ["693a91f6-7xxx"]}
    assert got.headers["X-Tradewind-Delivery"] == "d-42"
    assert got.json == {
        "msgtype": "markdown",
        "markdown": {
            "content": "**Inquiry from Hamburg**\n200 pcs, FOB Ningbo\n"
            "[Open in Tradewind](https://tradewind.example/w/haitian/inquiries/abc)"
        },
    }


def test_no_delivery_header_without_an_id(receiver):
    got = _deliver(receiver, "slack", "/services/T/B/x")
    assert "X-Tradewind-Delivery" not in got.headers


def test_dingtalk_signed_markdown_message(receiver):
    got = _deliver(
        receiver,
        "dingtalk",
        "/robot/send?access_token=abc123",
        secret=DINGTALK_SECRET,
        title="报价已接受",
        text="Q-2026-0042\n客户已确认",
        link="https://tradewind.example/q/42",
    )
    assert got.path == "/robot/send"
    params = got.params
    assert params["access_token"] == ["abc123"]
    timestamp = params["timestamp"][0]
    assert timestamp == "1700000000500"  # milliseconds
    assert params["sign"] == [dingtalk_expected_sign(timestamp, DINGTALK_SECRET)]
    # The Base64 signature is URL-encoded exactly once in the raw query ("=" padding becomes %3D).
    raw_sign = dict(pair.split("=", 1) for pair in got.query.split("&"))["sign"]
    assert raw_sign == quote_plus(dingtalk_expected_sign(timestamp, DINGTALK_SECRET))
    assert "%3D" in raw_sign
    markdown = got.json["markdown"]
    assert got.json["msgtype"] == "markdown"
    assert markdown["title"] == "报价已接受"
    assert markdown["text"].startswith("**报价已接受**\n\nQ-2026-0042\n\n客户已确认\n\n[")
    assert markdown["text"].endswith("](https://tradewind.example/q/42)")


def test_dingtalk_without_secret_leaves_the_url_alone(receiver):
    got = _deliver(receiver, "dingtalk", "/robot/send?access_token=abc123")
    assert got.params == {"access_token": ["abc123"]}


def test_feishu_signed_post_message(receiver):
    got = _deliver(
        receiver,
        "feishu",
        "/open-apis/bot/v2/hook/5e3d587e-d78e",
        secret=FEISHU_SECRET,
        title="Shipment departed",
        text="Vessel: MSC Anna\nETA Hamburg 12 May",
        link="https://tradewind.example/s/7",
    )
    body = got.json
    assert got.path == "/open-apis/bot/v2/hook/5e3d587e-d78e"
    assert body["timestamp"] == "1700000000"  # seconds
    assert body["sign"] == feishu_expected_sign(body["timestamp"], FEISHU_SECRET)
    assert body["sign"] != dingtalk_expected_sign(body["timestamp"], FEISHU_SECRET)
    assert body["msg_type"] == "post"
    post = body["content"]["post"]["zh_cn"]
    assert post["title"] == "Shipment departed"
    assert post["content"][:2] == [
        [{"tag": "text", "text": "Vessel: MSC Anna"}],
        [{"tag": "text", "text": "ETA Hamburg 12 May"}],
    ]
    [link] = post["content"][2]
    assert link["tag"] == "a" and link["href"] == "https://tradewind.example/s/7" and link["text"]


def test_feishu_without_secret_has_no_signature(receiver):
    got = _deliver(receiver, "feishu", "/open-apis/bot/v2/hook/x")
    assert "sign" not in got.json and "timestamp" not in got.json


def test_slack_sends_a_mrkdwn_section(receiver):
    got = _deliver(
        receiver,
        "slack",
        "/services/T000/B000/XXXXXXXXXXXXXXXX",
        title="Order <confirmed> & paid",
        text="PI-2026-0042 <!channel>",
        link="https://tradewind.example/o/42?a=1",
    )
    assert got.json == {
        "text": "Order &lt;confirmed&gt; &amp; paid: PI-2026-0042 &lt;!channel&gt;",
        "blocks": [
            {
                "type": "section",
                "text": {
                    "type": "mrkdwn",
                    "text": "*<https://tradewind.example/o/42?a=1|Order &lt;confirmed&gt; &amp; paid>*\n"
                    "PI-2026-0042 &lt;!channel&gt;",
                },
            }
        ],
    }


def test_markdown_text_cannot_smuggle_links_or_mentions():
    request = build_request(
        "wecom",
        url="http://127.0.0.1/x",
        secret="",
        title="[Pay here](http://phish.example)",
        text="<@all> see [invoice](http://phish.example)",
        link="javascript:alert(1)",
    )
    content = json.loads(request.body)["markdown"]["content"]
    assert "[" not in content and "<" not in content
    assert "javascript" not in content


def test_long_text_is_cut_to_each_platform_limit():
    long_text = "询盘" * 5000
    wecom = build_request("wecom", url="http://h/x", secret="", title="T", text=long_text, link=None)
    content = json.loads(wecom.body)["markdown"]["content"]
    assert len(content.encode()) <= 4096 and content.endswith("…")

    slack = json.loads(_message("slack", "http://h/x", text=long_text).body)
    assert len(slack["blocks"][0]["text"]["text"]) <= 3000 and slack["text"].endswith("…")

    feishu = build_request(
        "feishu", url="http://h/x", secret="s", title="T", text=long_text, link="https://a.b/c"
    )
    assert len(feishu.body) <= 20 * 1024
    assert json.loads(feishu.body)["content"]["post"]["zh_cn"]["content"][-1][0]["tag"] == "a"

    title = build_request("dingtalk", url="http://h/x", secret="", title="x" * 500, text="", link=None)
    assert len(json.loads(title.body)["markdown"]["title"]) <= 100


def test_unknown_platform_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        build_request("teams", url="http://h/x", secret="", title="T", text="", link=None)
    assert caught.value.field == "platform"


def test_prepared_request_repr_hides_the_token():
    url = "https://qyapi.weixin.qq.com/x?key=SECRETKEY"
    request = build_request("wecom", url=url, secret="", title="T", text="", link=None)
    assert "SECRETKEY" not in repr(request)


# --- failures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "answer", "message"),
    [
        ("wecom", b'{"errcode":93000,"errmsg":"invalid webhook url"}', "93000 invalid webhook url"),
        ("dingtalk", b'{"errcode":310000,"errmsg":"sign not match"}', "310000 sign not match"),
        ("feishu", b'{"code":19021,"data":{},"msg":"sign match fail"}', "19021 sign match fail"),
        ("feishu", b'{"StatusCode":9499,"StatusMessage":"Bad Request"}', "9499 Bad Request"),
        ("slack", b"no_text", "no_text"),
        ("wecom", b"<html>gateway</html>", "<html>gateway</html>"),
    ],
)
def test_platform_refusals_raise_with_the_platform_message(receiver, platform, answer, message):
    receiver.answer(200, answer)
    request = _message(platform, receiver.base_url + "/hook")
    with pytest.raises(WebhookError) as caught:
        send(request)
    assert message in str(caught.value.message)
    assert len(receiver.requests) == 1


def test_feishu_legacy_success_answer_is_accepted(receiver):
    receiver.answer(200, b'{"Extra":null,"StatusCode":0,"StatusMessage":"success"}')
    send(_message("feishu", receiver.base_url + "/h"))


def test_non_2xx_raises_with_status_and_body(receiver):
    receiver.answer(400, b"invalid_payload")
    request = _message("slack", receiver.base_url + "/h")
    with pytest.raises(WebhookError) as caught:
        send(request)
    assert "400" in str(caught.value.message) and "invalid_payload" in str(caught.value.message)

    receiver.answer(500, b"")
    with pytest.raises(WebhookError) as caught:
        send(request)
    assert "500" in str(caught.value.message)


def test_redirects_are_not_followed(receiver):
    receiver.answer(302, b"", Location=receiver.base_url + "/elsewhere")
    request = _message("slack", receiver.base_url + "/h")
    with pytest.raises(WebhookError) as caught:
        send(request)
    assert "redirect" in str(caught.value.message)
    assert [got.path for got in receiver.requests] == ["/h"]


def test_timeout_raises(receiver):
    receiver.answer(200, b"ok")
    receiver.delay = 1.0
    request = _message("slack", receiver.base_url + "/h")
    with pytest.raises(WebhookError) as caught:
        send(request, timeout=0.2)
    assert "0.2" in str(caught.value.message)


def test_unreachable_host_raises():
    with socket.socket() as sock:  # a port that was free a moment ago refuses connections
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    request = _message("slack", f"http://127.0.0.1:{port}/h")
    with pytest.raises(WebhookError):
        send(request, timeout=2)


def test_sender_refuses_non_http_schemes():
    request = _message("slack", "file:///etc/passwd")
    with pytest.raises(WebhookError):
        send(request)


# --- address validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("slack", "http://hooks.slack.com/services/T/B/x"),
        ("wecom", "https://10.0.0.1/cgi-bin/webhook/send?key=x"),
        ("wecom", "https://127.0.0.1/cgi-bin/webhook/send?key=x"),
        ("feishu", "https://[::1]/open-apis/bot/v2/hook/x"),
        ("feishu", "https://[::ffff:127.0.0.1]/open-apis/bot/v2/hook/x"),
        ("dingtalk", "https://169.254.169.254/latest/meta-data/"),
        ("dingtalk", "https://0.0.0.0/robot/send"),
        ("slack", "https://example.com/services/T/B/x"),
        ("slack", "https://hooks.slack.com.evil.example/services/T/B/x"),
        ("slack", "https://hooks.slack.com@evil.example/services/T/B/x"),
        ("slack", "https://hooks.slack.com:8443/services/T/B/x"),
        ("wecom", "not a url"),
        ("wecom", "https://"),
        ("wecom", "ftp://qyapi.weixin.qq.com/x"),
        ("wecom", "javascript:alert(1)"),
        ("wecom", "https://[::1/x"),
        ("wecom", "https://qyapi.weixin.qq.com:99999/x"),
        ("wecom", ""),
    ],
)
def test_production_refuses_unsafe_or_foreign_addresses(platform, url, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("93.184.216.34"))
    with pytest.raises(ValidationFailed) as caught:
        webhook_url_clean(platform, url, production=True)
    assert caught.value.field == "url"
    assert str(caught.value.message)


def _resolver(*addresses):
    def getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in addresses]

    return getaddrinfo


def test_production_accepts_an_official_host_with_public_addresses(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("101.91.22.57"))
    url = " https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6 "
    assert webhook_url_clean("wecom", url, production=True) == url.strip()
    assert webhook_url_clean("feishu", "https://open.larksuite.com/open-apis/bot/v2/hook/x", production=True)


def test_production_refuses_an_official_host_resolving_to_a_private_address(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", _resolver("101.91.22.57", "10.1.2.3"))
    with pytest.raises(ValidationFailed):
        webhook_url_clean("slack", "https://hooks.slack.com/services/T/B/x", production=True)


def test_production_refuses_a_host_that_does_not_resolve(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(ValidationFailed) as caught:
        webhook_url_clean("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=x", production=True)
    assert caught.value.field == "url"


def test_development_accepts_a_local_receiver(receiver):
    url = receiver.base_url + "/robot/send?access_token=x"
    assert webhook_url_clean("dingtalk", url, production=False) == url
    assert webhook_url_clean("slack", "http://localhost:8080/hook", production=False)
    with pytest.raises(ValidationFailed):
        webhook_url_clean("slack", "garbage", production=False)


def test_validation_messages_are_translated():
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        webhook_url_clean("slack", "http://hooks.slack.com/services/T/B/x", production=True)
    assert "https://" in str(caught.value.message)


# --- masking ----------------------------------------------------------------------------------------


def test_secret_mask_shows_only_the_last_four_characters():
    assert secret_mask("SECa1b2c3d4e5f6a7b83f9a") == "••••••3f9a"
    assert secret_mask("short") == "••••••"
    assert secret_mask("") == ""
    assert secret_mask(None) == ""


@pytest.mark.parametrize(
    ("url", "hidden", "shown"),
    [
        (
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
            "693a91f6",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=••••••5aaa",
        ),
        (
            "https://oapi.dingtalk.com/robot/send?access_token=bf73c0ffee1234567890abcdef",
            "bf73c0ffee",
            "https://oapi.dingtalk.com/robot/send?access_token=••••••cdef",
        ),
        (
            "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd",
            "5e3d587e",
            "https://open.feishu.cn/open-apis/bot/v2/hook/••••••86fd",
        ),
        (
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd",
            "XXXXXXXX",
            "https://hooks.slack.com/services/••••••/••••••/••••••abcd",
        ),
        ("https://user:pw@example.com:8443/a/b#frag", "pw", "https://example.com:8443/a/b"),
    ],
)
def test_url_mask_keeps_the_host_and_hides_the_token(url, hidden, shown):
    assert url_mask(url) == shown
    assert hidden not in url_mask(url)


def test_url_mask_of_garbage_reveals_nothing():
    assert url_mask("https://[::1/x?key=SECRET") == "••••••"
    assert url_mask("") == "••••••"
