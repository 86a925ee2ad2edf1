"""The Simplified Chinese catalog is complete, compiled, and actually used by the app."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from tradewind.core.compile_messages import LOCALE_DIR, compile_catalog
from tradewind.workspaces.choices import Role

PO_PATH = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# printf-style placeholders as Python's % operator reads them: %(name)s, %(n)d, %s, %5.2f …
# ("%%" is a literal percent sign, not a placeholder).
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*\d*(?:\.\d+)?(?P<conv>[diouxXeEfFgGcrsa%])")

# The role names of the glossary (/work/shared/GLOSSARY.md, "People and roles").
ROLE_NAMES_ZH = {
    Role.OWNER: "所有者",
    Role.ADMIN: "管理员",
    Role.MANAGER: "业务经理",
    Role.SALES: "业务员",
    Role.MERCHANDISER: "跟单员",
    Role.DOCUMENTS: "单证员",
    Role.LOGISTICS: "物流",
    Role.SERVICE: "客服",
    Role.MARKETING: "市场",
    Role.FINANCE: "财务",
    Role.VIEWER: "只读成员",
}


def placeholders(text: str) -> Counter:
    return Counter(
        (m.group("name"), m.group("conv")) for m in PLACEHOLDER.finditer(text) if m.group("conv") != "%"
    )


def as_tuple(value) -> tuple[str, ...]:
    """A message's id or string: one text, or a tuple of them for a plural message."""
    return value if isinstance(value, tuple) else (value,)


@pytest.fixture(scope="module")
def catalog():
    with PO_PATH.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def messages(catalog):
    return [m for m in catalog if m.id]


def test_catalog_header_is_simplified_chinese_with_one_plural_form(catalog):
    assert str(catalog.locale) == "zh_Hans"
    assert catalog.num_plurals == 1
    assert catalog.plural_expr == "0"
    assert not catalog.fuzzy


def test_every_message_is_translated_and_none_is_fuzzy(messages):
    assert len(messages) > 200  # the whole catalog was read, not an empty or truncated file
    untranslated = [m.id for m in messages if not all(s.strip() for s in as_tuple(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_of_every_translation_match_its_msgid(messages):
    mismatched = []
    for message in messages:
        ids = as_tuple(message.id)
        expected = placeholders(ids[-1])  # the plural msgid carries the count placeholder, if any
        for string in as_tuple(message.string):
            if placeholders(string) != expected:
                mismatched.append((ids[0], string))
    assert mismatched == []


def test_placeholder_pattern_sees_what_python_formats():
    assert placeholders("Wait %(minutes)d minutes, %(name)s and %s; 100%% sure") == Counter(
        {("minutes", "d"): 1, ("name", "s"): 1, (None, "s"): 1}
    )
    assert placeholders("请等待 %(minutes)d 分钟") != placeholders("请等待 %(minute)d 分钟")


def test_committed_mo_is_compiled_from_the_current_po():
    assert MO_PATH.exists(), "run: python -m tradewind.core.compile_messages"
    assert MO_PATH.read_bytes() == compile_catalog(PO_PATH), (
        "the .mo is stale: run python -m tradewind.core.compile_messages"
    )


def test_gettext_returns_chinese_for_zh_hans():
    with translation.override("zh-hans"):
        assert translation.gettext("Sign in") == "登录"
        assert translation.gettext("Sign out everywhere") == "在所有设备上退出登录"
        assert translation.gettext("Page %(n)s") % {"n": 3} == "第 3 页"
        assert {role: str(role.label) for role in Role} == ROLE_NAMES_ZH
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"
        assert str(Role.MERCHANDISER.label) == "Merchandiser"


SIGN_IN_ZH = "登录"
FORGOT_PASSWORD_ZH = "忘记密码？"


@pytest.mark.parametrize(
    ("accept_language", "html_lang", "expected", "absent"),
    [
        (
            "zh-Hans",
            "zh-Hans",
            [f"<h1>{SIGN_IN_ZH}</h1>", FORGOT_PASSWORD_ZH, "邮箱", "密码"],
            ["Sign in", "Forgot your password?"],
        ),
        (
            "en",
            "en",
            ["<h1>Sign in</h1>", "Forgot your password?", "E-mail", "Password"],
            [SIGN_IN_ZH, FORGOT_PASSWORD_ZH],
        ),
    ],
)
def test_sign_in_page_is_rendered_in_the_browser_language(
    db, client, accept_language, html_lang, expected, absent
):
    response = client.get("/accounts/sign-in/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{html_lang}">' in html
    for text in expected:
        assert text in html
    for text in absent:
        assert text not in html
