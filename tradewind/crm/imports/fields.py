"""What a column of an import file can fill, and how header names and cell values are understood.

Headers are recognised in English and Chinese, including the layouts of Alibaba.com's customer export
and of our own export (its headers are the field labels below, in either language). Countries may be
ISO codes or names in English, Chinese or the country's own language (Deutschland, Schweiz, 日本);
sources and stages their codes or labels.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from babel import Locale
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradewind.core import geo
from tradewind.core.money import currency_lookup
from tradewind.crm.choices import Source, Stage
from tradewind.crm.imports import native_names


@dataclass(frozen=True)
class Target:
    code: str
    label: object  # lazy text
    many: bool = False  # several columns may fill it (values are joined or listed)


TARGETS = [
    Target("name", _("Company name")),
    Target("name_latin", _("Name in Latin script")),
    Target("country", _("Country")),
    Target("city", _("City")),
    Target("address", _("Address"), many=True),
    Target("website", _("Website")),
    Target("industry", _("Industry")),
    Target("source", _("Source")),
    Target("source_detail", _("Source detail")),
    Target("grade", _("Grade")),
    Target("stage", _("Stage")),
    Target("tags", _("Tags"), many=True),
    Target("products", _("Products of interest"), many=True),
    Target("incoterm", _("Preferred Incoterm")),
    Target("named_place", _("Named place")),
    Target("payment_terms", _("Payment terms")),
    Target("currency", _("Currency")),
    Target("notes", _("Notes"), many=True),
    Target("contact_name", _("Contact name"), many=True),  # "First name" + "Last name"
    Target("contact_title", _("Job title")),
    Target("contact_emails", _("E-mails"), many=True),
    Target("contact_phones", _("Phones"), many=True),
    Target("contact_whatsapp", "WhatsApp"),
    Target("contact_wechat", _("WeChat")),
]
TARGETS_BY_CODE = {t.code: t for t in TARGETS}
# Columns of our own export that fill no field. An exported file imported again leaves them out: by
# their words alone "Last contact" and "Other contacts" would be taken for contact names.
EXPORT_ONLY = {
    "other_contacts": _("Other contacts"),
    "owner": pgettext_lazy("customer", "Owner"),
    "next_follow_up": _("Next follow-up"),
    "last_contact": _("Last contact (%(zone)s)"),
    "added": _("Added (%(zone)s)"),
}
PROFILE_TARGETS = (
    "name", "name_latin", "country", "city", "address", "website", "industry", "source", "source_detail",
    "stage", "products", "incoterm", "named_place", "payment_terms", "currency", "notes",
)  # fmt: skip
CONTACT_TARGETS = (
    "contact_name", "contact_title", "contact_emails", "contact_phones", "contact_whatsapp", "contact_wechat",
)  # fmt: skip

# Header names as people and other systems write them, per target (compared after `header_key`).
_SYNONYMS = {
    "name": [
        "company", "company name", "companyname", "customer", "customer name", "client", "client name",
        "account", "account name", "organization", "organisation", "buyer company", "business name",
        "公司", "公司名称", "公司名", "名称", "客户名称", "客户名", "客户", "客户公司", "单位名称",
        "企业名称",
        "买家公司", "买家公司名称", "公司全称",
    ],
    "name_latin": [
        "english name", "company name english", "company english name", "latin name", "英文名", "英文名称",
        "公司英文名", "公司英文名称", "英文公司名",
    ],
    "country": [
        "country", "country region", "country/region", "nation", "国家", "国家/地区", "国家地区", "国别",
    ],
    "city": ["city", "town", "城市", "所在城市"],
    "address": ["address", "street", "street address", "company address", "地址", "公司地址", "详细地址"],
    "website": [
        "website", "web site", "web", "url", "homepage", "home page", "company website", "网址", "网站",
        "公司网址", "公司网站", "官网",
    ],
    "industry": ["industry", "business type", "行业", "所属行业", "主营行业", "公司类型", "客户类型"],
    "source": [
        "source", "lead source", "customer source", "channel", "来源", "客户来源", "渠道", "来源渠道",
    ],
    "source_detail": ["source detail", "来源详情", "来源说明", "展会名称"],
    "grade": [
        "grade", "level", "rating", "customer grade", "customer level", "等级", "客户等级", "级别",
        "客户分级",
        "客户级别",
    ],
    "stage": ["stage", "status", "customer stage", "customer status", "阶段", "客户阶段", "状态", "客户状态"],
    "tags": [
        "tags", "tag", "labels", "label", "customer group", "group", "标签", "客户标签", "客户分组", "分组",
    ],
    "products": [
        "products", "product", "products of interest", "interested products", "product interest", "产品",
        "意向产品", "感兴趣的产品", "采购产品", "需求产品", "询盘产品",
    ],
    "incoterm": ["incoterm", "incoterms", "trade terms", "price terms", "贸易术语", "价格条款", "成交方式"],
    "named_place": ["named place", "指定地点"],
    "payment_terms": ["payment terms", "payment", "payment term", "付款方式", "付款条件", "支付方式"],
    "currency": ["currency", "币种", "货币"],
    "notes": [
        "notes", "note", "remarks", "remark", "comments", "comment", "memo", "description", "备注", "说明",
        "描述", "备忘", "客户备注",
    ],
    "contact_name": [
        "contact", "contact name", "contact person", "name", "full name", "first name", "last name",
        "buyer name", "buyer", "联系人", "联系人姓名", "姓名", "联系人名称", "买家姓名", "买家", "名字",
    ],
    "contact_title": ["title", "job title", "position", "job", "role", "职位", "职务", "头衔", "岗位"],
    "contact_emails": [
        "email", "e-mail", "email address", "e-mail address", "mail", "emails", "邮箱", "电子邮箱",
        "电子邮件",
        "邮件", "联系邮箱", "邮箱地址",
    ],
    "contact_phones": [
        "phone", "phones", "tel", "telephone", "mobile", "mobile phone", "cell", "cellphone", "cell phone",
        "phone number", "mobile number", "tel no", "电话", "手机", "手机号", "手机号码", "联系电话", "座机",
        "固话", "移动电话", "电话号码",
    ],
    "contact_whatsapp": ["whatsapp", "whats app", "whatsapp number"],
    "contact_wechat": ["wechat", "we chat", "weixin", "wechat id", "微信", "微信号"],
}  # fmt: skip

# When no header matches exactly: words a header may contain, most specific first
# ("Buyer E-mail Address" is an e-mail column, not an address).
_CONTAINS = [
    ("contact_whatsapp", ["whatsapp"]),
    ("contact_wechat", ["wechat", "微信"]),
    ("contact_emails", ["email", "邮箱", "邮件"]),
    ("website", ["website", "网址", "网站"]),
    ("contact_phones", ["phone", "mobile", "tel", "电话", "手机"]),
    ("country", ["country", "国家"]),
    ("city", ["city", "城市"]),
    ("address", ["address", "地址"]),
    ("contact_title", ["jobtitle", "position", "职位", "职务"]),
    ("contact_name", ["contact", "联系人", "姓名"]),
    ("source", ["source", "来源"]),
    ("grade", ["grade", "等级", "级别"]),
    ("stage", ["stage", "阶段"]),
    ("tags", ["tag", "标签"]),
    ("products", ["product", "产品"]),
    ("notes", ["remark", "note", "备注"]),
    ("name", ["company", "customer", "公司", "客户"]),
]

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def header_key(text: str) -> str:
    """A header or a value, compared without case, width, accents, spaces and punctuation."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _NOT_WORD.sub("", text)


@cache
def _synonyms() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, words in _SYNONYMS.items():
        for word in words:
            found.setdefault(header_key(word), code)
    # Our own export's headers (the labels above) in every language we speak.
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for target in TARGETS:
                found.setdefault(header_key(str(target.label)), target.code)
    return found


_ZONE_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def _without_zone(header: str) -> str:
    """ "Last contact (Asia/Shanghai)" -> "Last contact" (full-width brackets too)."""
    return _ZONE_SUFFIX.sub("", unicodedata.normalize("NFKC", str(header or "")))


@cache
def _export_only() -> frozenset[str]:
    found = set()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            found |= {header_key(_without_zone(str(label) % {"zone": ""})) for label in EXPORT_ONLY.values()}
    return frozenset(found)


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Column index (as text) -> target for the headers we recognise. A target that takes one column
    goes to the first column that names it; our export's own columns (EXPORT_ONLY) go nowhere."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    synonyms = _synonyms()
    ignored = _export_only()

    def assign(index: int, code: str) -> None:
        if code in taken and not TARGETS_BY_CODE[code].many:
            return
        mapping[str(index)] = code
        taken.add(code)

    pending = []
    for index, header in enumerate(headers):
        key = header_key(header)
        if not key or header_key(_without_zone(header)) in ignored:
            continue
        if key in synonyms:
            assign(index, synonyms[key])
        else:
            pending.append((index, key))
    for index, key in pending:
        for code, words in _CONTAINS:
            if any(header_key(w) in key for w in words):
                assign(index, code)
                break
    if "name" not in taken:
        # A lone "Name" column in a file without a company column names the company.
        for index, header in enumerate(headers):
            if header_key(header) in ("name", "名称") and mapping.get(str(index)) == "contact_name":
                mapping[str(index)] = "name"
                break
    return mapping


def header_signature(headers: list[str]) -> str:
    """The same layout (header row) gives the same signature: the key of a remembered mapping."""
    joined = "\x1f".join(header_key(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


# --- values -----------------------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "america": "US", "unitedstatesofamerica": "US", "uk": "GB", "greatbritain": "GB",
    "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "uae": "AE", "emirates": "AE",
    "korea": "KR", "southkorea": "KR", "republicofkorea": "KR", "russia": "RU", "vietnam": "VN",
    "turkey": "TR", "turkiye": "TR", "holland": "NL", "thenetherlands": "NL", "czechrepublic": "CZ",
    "ivorycoast": "CI", "hongkong": "HK", "macau": "MO", "macao": "MO", "taiwan": "TW", "iran": "IR",
    "syria": "SY", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD",
    "palestine": "PS", "brunei": "BN", "burma": "MM", "capeverde": "CV", "swaziland": "SZ",
    "macedonia": "MK", "ksa": "SA", "saudi": "SA", "drc": "CD", "drcongo": "CD", "mainlandchina": "CN",
    "prc": "CN", "阿联酋": "AE", "美国": "US", "英国": "GB", "韩国": "KR", "南韩": "KR", "俄罗斯": "RU",
    "香港": "HK", "中国香港": "HK", "澳门": "MO", "中国澳门": "MO", "台湾": "TW", "中国台湾": "TW",
    "沙特": "SA", "中国大陆": "CN", "大陆": "CN", "德国": "DE", "捷克共和国": "CZ", "刚果金": "CD",
    # Short local names CLDR does not have (it has the long ones: المملكة العربية السعودية, ไทย).
    "السعودية": "SA", "ประเทศไทย": "TH", "الامارات": "AE", "الإمارات": "AE",
}  # fmt: skip


@cache
def _countries() -> dict[str, str]:
    names: dict[str, str] = {}
    codes = geo.country_codes()
    for country in pycountry.countries:
        code = country.alpha_2
        for name in (
            code,
            country.alpha_3,
            country.name,
            getattr(country, "official_name", ""),
            getattr(country, "common_name", ""),
        ):
            if name:
                names.setdefault(header_key(name), code)
    for locale in ("en", "zh_Hans", "zh_Hant"):
        for code, name in Locale.parse(locale).territories.items():
            if code in codes:
                names.setdefault(header_key(name), code)
    for name, code in native_names.NAMES.items():
        names.setdefault(header_key(name), code)  # never instead of an English or Chinese name
    for alias, code in _COUNTRY_ALIASES.items():
        names[header_key(alias)] = code
    return names


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """ "DE", "DEU", "Germany", "德国", "Deutschland", "United States", "USA" -> the ISO code; None when
    unknown."""
    return _countries().get(header_key(value))


_SOURCE_ALIASES = {
    Source.ALIBABA: ["alibaba", "alibaba.com", "阿里巴巴", "阿里", "阿里国际站", "国际站", "阿里巴巴国际站"],
    Source.MADE_IN_CHINA: ["made in china", "madeinchina", "mic", "中国制造网", "中国制造"],
    Source.GLOBAL_SOURCES: ["global sources", "globalsources", "环球资源", "环球资源网"],
    Source.WEBSITE: ["website", "own website", "web", "网站", "官网", "独立站", "自建站"],
    Source.TRADE_FAIR: [
        "trade fair", "trade show", "exhibition", "fair", "expo", "canton fair", "展会", "广交会", "展览会",
    ],
    Source.REFERRAL: ["referral", "referred", "recommendation", "转介绍", "介绍", "推荐", "老客户介绍"],
    Source.COLD_OUTREACH: ["cold outreach", "cold email", "cold call", "开发信", "主动开发", "陌拜"],
    Source.CUSTOMS_DATA: ["customs data", "customs", "海关数据", "海关"],
    Source.OTHER: ["other", "others", "其他"],
}  # fmt: skip


@cache
def _sources() -> dict[str, str]:
    found = {}
    for code, words in _SOURCE_ALIASES.items():
        found[header_key(code)] = code
        for word in words:
            found[header_key(word)] = code
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for code, label in Source.choices:
                found.setdefault(header_key(str(label)), code)
    return found


@lru_cache(maxsize=1024)
def source_code(value: str) -> str | None:
    return _sources().get(header_key(value))


_STAGE_ALIASES = {
    Stage.LEAD: ["lead", "new", "inquiry", "线索", "询盘", "新客户", "潜在"],
    Stage.PROSPECT: ["prospect", "potential", "潜在客户", "意向客户", "跟进中", "意向"],
    Stage.CUSTOMER: ["customer", "client", "won", "deal", "成交客户", "成交", "老客户", "已成交", "客户"],
    Stage.DORMANT: ["dormant", "inactive", "lost", "休眠", "休眠客户", "流失", "沉睡"],
}  # fmt: skip


@cache
def _stages() -> dict[str, str]:
    found = {}
    for code, words in _STAGE_ALIASES.items():
        found[header_key(code)] = code
        for word in words:
            found[header_key(word)] = code
    for language in ("en", "zh-hans"):
        with translation.override(language):
            for code, label in Stage.choices:
                found.setdefault(header_key(str(label)), code)
    return found


@lru_cache(maxsize=1024)
def stage_code(value: str) -> str | None:
    return _stages().get(header_key(value))


def currency_code(value: str) -> str:
    """A currency code from "usd", "US$", "美元" … (core/money.py knows how people write them); unknown
    text is returned upper-cased for the profile check to refuse."""
    return currency_lookup(value) or value.strip().upper()
