"""Fill the chat bench (issue 13): workspace "bench-chat" with 200 members, 2,000 conversations (channels
public and private, direct messages of 2–8 people, customer rooms, order rooms) and 1M messages in Chinese,
English and both mixed, with threads, mentions, reactions, edits, deletions, pins and read markers.

    TRADEWIND_DATA_DIR=/tmp/bench-chat .venv/bin/python bench/generate_chat.py [--scale 0.05] [--seed 2026]

The customers (500) and orders (150) the rooms belong to are made through the CRM's and trade's own services
(`customer_create`, `order_create`, `order_confirm`), so they are what the app writes. The chat itself is
written raw — conversations, participants, messages, mentions, reactions, revisions — with COPY
(PostgreSQL) or executemany (SQLite), as the services leave it:

- each conversation numbers its messages 1..n in time order (thread replies included), `last_seq` = n and
  `last_message_at` = the newest message's time; message ids follow time across the workspace, so one
  conversation's rows are spread over the table as they would be after two years of use;
- a thread reply points at its thread's first message, which counts its replies (`reply_count`,
  `last_reply_at`); mentions are `<@member public id>` tokens in the text with a `Mention` row for each member
  named who may read the conversation; `@channel` / `@所有人` set `mentions_channel`; an edit keeps the text
  it replaced (`MessageRevision`); a deleted message has no text, reactions or revisions left;
- participants are who may read: everybody in #general, the sales team in #sales, a customer's owner (or
  reps, for a pool customer) and the support roles in its rooms; their read markers are at the end for most,
  a few messages behind for some, far behind for a few, and never before their own last message.

- attachments (50k at full scale) on the ~5% of messages written as "file attached", photos with a
  thumbnail: rows only (StoredFile and MessageFile), no content, as no bench downloads a file.

Not written: notifications for past mentions and direct messages, and the customer timeline entries of the
rooms.

Re-running replaces the chat bench data and only it: the workspace bench-chat and the users under
@bench-chat.chat-bench.invalid, with everything pointing at them. PostgreSQL gets VACUUM ANALYZE afterwards;
SQLite is left without ANALYZE. The run ends with checks against the services and selectors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import time
import uuid
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from _bulk import ID_RANDOM, Writer, drop_workspaces, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import database_label
from _crm_words import COUNTRY_CODES, COUNTRY_WEIGHTS
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from generate_crm import Names, ascii_slug
from generate_sales import DISCHARGE, KINDS, PORTS

from tradewind.accounts.models import User
from tradewind.chat import selectors
from tradewind.chat import services as chat_services
from tradewind.chat.choices import ConversationKind, NotifyLevel
from tradewind.chat.models import (
    Conversation,
    Mention,
    Message,
    MessageFile,
    MessageRevision,
    Participant,
    Reaction,
)
from tradewind.crm.models import Customer
from tradewind.crm.services import customer_create
from tradewind.files.models import StoredFile
from tradewind.trade.lines import LineInput
from tradewind.trade.models import Order
from tradewind.trade.services import order_confirm, order_create
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace
from tradewind.workspaces.setup import workspace_setup

CHAT_SLUG = "bench-chat"
CHAT_EMAIL_SUFFIX = f"@{CHAT_SLUG}.chat-bench.invalid"
PASSWORD = "bench-password-2026"
BUSY_EMAIL = f"member002{CHAT_EMAIL_SUFFIX}"  # a sales rep in ~250 conversations: the pages are timed as them
LIGHT_EMAIL = f"member200{CHAT_EMAIL_SUFFIX}"  # joined last week: #general and one direct message
MANAGER_EMAIL = f"member005{CHAT_EMAIL_SUFFIX}"
BIG_CHANNEL = "sales"  # the timed channel: ~10% of all messages
ALL_HANDS = "general"  # every member
WELCOME = (
    "欢迎新同事加入销售部！Please welcome our new colleague"  # #general's newest message: one search hit
)
SMALL_BODY = (
    "欢迎加入！Welcome aboard — ping me if you need the price lists."  # the one-message DM, to member200
)

# Members: a trade team of 200. Index 1 is the owner, 2 the busy rep, 200 the rep who joined last week.
ROLE_PLAN = [
    (Role.OWNER, 1), (Role.SALES, 1), (Role.ADMIN, 2), (Role.MANAGER, 12), (Role.SALES, 98),
    (Role.MARKETING, 10), (Role.MERCHANDISER, 25), (Role.DOCUMENTS, 10), (Role.LOGISTICS, 12),
    (Role.SERVICE, 10), (Role.FINANCE, 10), (Role.VIEWER, 8), (Role.SALES, 1),
]  # fmt: skip
LEADS = {Role.OWNER, Role.ADMIN, Role.MANAGER}
SUPPORT = {Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.SERVICE, Role.FINANCE}
REPS = {Role.SALES, Role.MARKETING}
ROOM_SUPPORT = [Role.MERCHANDISER, Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.FINANCE]

EN_GIVEN = ["Amy", "Kevin", "Grace", "Lucy", "Hans", "Sofia", "Omar", "Mei", "Jun", "Priya", "Ivan",
            "Lena", "Tony", "Cindy", "Jack", "Wendy", "Eric", "Linda", "Frank", "Helen", "Leo", "Nina", "Sam",
            "Vivian", "Alan", "Cathy", "Ben", "Iris", "Ryan", "Zoe"]  # fmt: skip
SURNAMES = [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
            ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
            ("Hu", "胡"), ("Zhu", "朱"), ("Gao", "高"), ("Lin", "林"), ("He", "何"), ("Guo", "郭"),
            ("Ma", "马"), ("Luo", "罗")]  # fmt: skip
ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
            "超", "秀英", "霞", "平", "刚", "桂英", "晨", "婷", "宇", "欣", "浩", "佳"]  # fmt: skip

# --- the text of the messages ------------------------------------------------------------------------------

ZH = [
    "{customer}的{product_zh}报价已经发出，等客户回复。",
    "{order} 客户已经签回，定金{pct}%下周到账。",
    "{port_zh}这周船期紧张，{container}要提前订舱。",
    "验货报告出来了，{product_zh}有{n}箱外箱破损，工厂在返工。",
    "明天上午十点开会讨论{customer}的年度合同，大家准备一下。",
    "样品今天寄出，DHL单号 {tracking}。",
    "客户要求把交期提前到{date}，工厂说最快{days}天。",
    "汇率今天又跌了，美元报价要不要调一下？",
    "{product_zh}的包装要改成中性包装，唛头用客户给的。",
    "提单草稿已经确认，等尾款到了就放单。",
    "报价单里的单价是含税还是不含税？",
    "这个客户是从广交会过来的，对价格比较敏感。",
    "工厂说原材料涨价了，{product_zh}的报价下个月要上调{pct}%。",
    "{customer}投诉上一批{product_zh}有色差，麻烦品质部看一下照片。",
    "尾款{amount}美元已经到账，可以安排放单了。",
    "这周五之前要把{order}的报关资料准备好。",
    "新的价格表已经更新到系统里了，报价请用最新的。",
    "我下午去工厂看大货，有问题随时联系。",
    "{dest_zh}那边清关要原产地证，单证这边记得出。",
    "客户问能不能做{qty}个起订，低于MOQ要加价吗？",
    "报价有效期到月底，超过要重新核价。",
    "货代说{port_zh}到{dest_zh}的运费又涨了，{container}现在{amount}美元。",
    "这个{product_zh}的认证（CE/ROHS）报告找一下发给客户。",
    "今天的会议纪要我发在群里了，大家看一下。",
]
EN = [
    "Quotation for {customer} sent: {product_en} at USD {price}/pc FOB {port}.",
    "Can someone check the packing list for {order}? Carton count doesn't match the invoice.",
    "ETD moved to {date}, the vessel {vessel} is delayed.",
    "Deposit for {order} received ({pct}%). Production can start.",
    "Customer asks for a discount on {qty} pcs — what's our floor price?",
    "Booking confirmed: {container} from {port} to {dest}, cut-off {date}.",
    "QC passed for {order}; shipping marks as per the buyer's artwork.",
    "Meeting with {customer} moved to {weekday} at {clock}.",
    "Does anyone have the latest price list for {product_en}?",
    "Please see the **updated** terms: T/T 30/70 against B/L copy.",
    "L/C draft from {bank} has a discrepancy in the port of discharge.",
    "Samples of {product_en} arrived at {customer}; they like the colour but want a thicker carton.",
    "Reminder: price validity ends on {date}.",
    "Freight quote for {container} {port} → {dest}: USD {amount}, transit {days} days.",
    "{customer} wants to add {qty} pcs to {order} — can the factory still do it?",
    "Balance for {order} still not in. I'll chase the buyer today.",
    "Inspection booked for {weekday}, factory in Yuyao.",
    "The buyer's forwarder needs the HS code for {product_en}: `{hs}`.",
    "Uploaded the signed PI for {order}.",
    "Who's covering {customer} while I'm at the fair next week?",
    "Telex release done for {order}, B/L {tracking}.",
    "New inquiry from {customer}: {qty} pcs of {product_en}, target price USD {price}.",
]
MIXED = [
    "{customer}的PO收到了，qty {qty} pcs，ETD {date}。",
    "这个{product_zh}的MOQ是{qty}，price USD {price} FOB {port}。",
    "明天跟{customer} call一下，确认一下spec。",
    "B/L draft已经发给客户confirm了。",
    "invoice和packing list我今天下午发，麻烦check一下HS code {hs}。",
    "sample已经寄出，tracking {tracking}。",
    "尾款还没到，客户说payment下周安排。",
    "{order}的booking已经confirm，{container}，cut-off {date}。",
    "客户说price太高了，competitor报到USD {price}。",
    "QC report里面有{n}个defect，要不要跟工厂claim？",
    "{customer}的L/C到了，我check一下有没有discrepancy。",
    "这周的shipping schedule发群里了，大家看一下ETD。",
    "报价用最新的price list，别用old version。",
    "{product_zh} ({product_en}) 的新款sample下周到。",
    "客户要OEM logo，artwork已经发给工厂了。",
]
SHORT = [
    "好的", "收到", "收到，谢谢！", "我来跟进", "辛苦了", "稍等，我查一下", "明白", "OK", "好的👌",
    "Thanks!", "OK, on it.", "Will follow up tomorrow.", "👍", "Noted.", "Sure", "Done ✅", "Got it, thanks.",
    "ok 收到 👍", "thanks 🙏", "+1", "同意", "没问题", "I'll check.", "马上", "Great, thanks!",
]  # fmt: skip
FILES = [
    "报价单见附件。", "PI attached, please check.", "验货照片如下：", "Packing list draft attached.",
    "提单草稿在附件里，麻烦确认。", "Updated price list (xlsx) attached.", "工厂发来的大货照片。",
    "The buyer's artwork, final version.", "invoice和packing list见附件。",
]  # fmt: skip
LIST_HEADS = ["今天要跟进的：", "To do before the fair:", "Open points for {order}:", "出货前要确认："]
LIST_ITEMS = ["确认唛头", "check the HS code", "订舱 {container}", "send the PI", "催尾款", "update the ETD",
              "样品寄出", "book the inspection", "准备报关资料", "confirm carton size"]  # fmt: skip
LINKS = ["https://www.alibaba.com/product-detail/{n}.html", "https://track.dhl.com/?id={tracking}"]
EMOJI = ["👍", "❤️", "😂", "🎉", "✅", "👀", "🙏", "🔥", "👌", "😅"]
EMOJI_WEIGHTS = [40, 8, 8, 6, 14, 6, 8, 4, 4, 2]
CHANNEL_WORDS = ["@channel", "@所有人"]
ZH_PORTS = {"Ningbo": "宁波", "Shanghai": "上海", "Shenzhen": "深圳", "Qingdao": "青岛", "Xiamen": "厦门"}
ZH_DEST = {"Hamburg": "汉堡", "Rotterdam": "鹿特丹", "Felixstowe": "费利克斯托", "Los Angeles": "洛杉矶",
           "Sydney": "悉尼", "Tokyo": "东京", "Vancouver": "温哥华"}  # fmt: skip
VESSELS = ["MSC Aurora", "EVER GIVEN", "CMA CGM Rhone", "COSCO Pride", "Maersk Essen", "ONE Harmony"]
BANKS = ["Deutsche Bank", "HSBC", "Standard Chartered", "Emirates NBD", "BNP Paribas", "Bank of China"]
CONTAINERS = ["20GP", "40GP", "40HQ", "一个40HQ", "两个20GP", "LCL 8 CBM"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# The channels: a few everybody knows, then topic × region.
CHANNEL_FIXED = [
    (ALL_HANDS, "公司通知 · Company news"), (BIG_CHANNEL, "报价与客户跟进 · Quotes and follow-ups"),
    ("shipping", "订舱、船期和单证 · Bookings, sailings, documents"), ("qc", "验货 · Inspections"),
    ("报价", "报价讨论"), ("订舱", "船期与订舱"), ("单证", "单证与报关"), ("财务", "收款与汇率"),
    ("样品", "样品寄送"), ("展会", "广交会 / Canton Fair"), ("random", "Anything goes"),
]  # fmt: skip
CHANNEL_TOPICS = ["pricing", "samples", "shipping", "qc", "docs", "payments", "sourcing", "leads", "claims",
                  "amazon", "packaging", "新品", "工厂", "客诉", "物流"]  # fmt: skip
CHANNEL_REGIONS = ["eu", "us", "uk", "mena", "latam", "asean", "japan", "korea", "africa", "oceania",
                   "russia", "canada", "india", "nordics", "中东", "欧洲"]  # fmt: skip

# Attachments (issue 13: 50k at full scale) hang on the "file" messages.
ATTACHMENTS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Size:
    members: int
    customers: int
    orders: int
    conversations: int
    messages: int
    attachments: int

    def scaled(self, scale: float) -> Size:
        def s(n, low):
            return max(low, int(n * scale))

        return Size(
            members=self.members,
            customers=s(self.customers, 25),
            orders=s(self.orders, 8),
            conversations=s(self.conversations, 60),
            messages=s(self.messages, 20_000),
            attachments=s(self.attachments, 1_000),
        )


FULL = Size(
    members=200, customers=500, orders=150, conversations=2_000, messages=1_000_000, attachments=ATTACHMENTS
)


def _names(text: str) -> list[str]:
    return text.split()


CONVERSATION_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id kind name topic description is_private customer_id "
    "order_id direct_key created_by_id archived_at last_seq last_message_at"
)
PARTICIPANT_COLUMNS = _names(
    "workspace_id conversation_id membership_id joined_at last_read_seq notify left_at"
)
MESSAGE_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id conversation_id seq author_id body thread_root_id "
    "reply_count last_reply_at client_key mentions_channel edited_at deleted_at deleted_by_id pinned_at "
    "pinned_by_id has_files"
)
# Message search (being built): the folded text under a trigram index, when the model has it.
SEARCH_TEXT = "search_text" in {f.name for f in Message._meta.concrete_fields}
if SEARCH_TEXT:
    from tradewind.chat.search import MESSAGE_INDEX, message_search_text

    MESSAGE_COLUMNS.append("search_text")
STORED_FILE_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id storage_name original_name size content_type sha256 "
    "uploaded_by_id"
)
MESSAGE_FILE_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id message_id file_id thumbnail_id"
)
EDITED, DELETED, PINNED, AT_CHANNEL, FILE = 1, 2, 4, 8, 16


# --- people ------------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Person:
    index: int  # 1..200
    membership: Membership
    role: str
    weight: float  # how much they talk
    reach: float = 1.0  # how likely they are to be in a conversation
    new: bool = False  # joined last week: wrote nothing before

    @property
    def id(self) -> int:
        return self.membership.pk

    @property
    def writes(self) -> bool:
        return self.role != Role.VIEWER and not self.new


def make_people(rng: random.Random, ws: Workspace, size: Size, now: dt.datetime) -> list[Person]:
    roles = [role for role, count in ROLE_PLAN for _ in range(count)]
    assert len(roles) == size.members, len(roles)
    password = make_password(PASSWORD)
    users = []
    for i in range(1, size.members + 1):
        en, (py, zh) = EN_GIVEN[i % len(EN_GIVEN)], SURNAMES[(i * 7) % len(SURNAMES)]
        name = f"{en} {py} {zh}" if i % 5 else f"{zh}{ZH_GIVEN[i % len(ZH_GIVEN)]}"
        users.append(
            User(
                email=f"member{i:03d}{CHAT_EMAIL_SUFFIX}",
                full_name=name,
                password=password,
                language="en" if i % 3 else "zh-hans",
                date_joined=now - dt.timedelta(days=7 if i == size.members else 900),
            )
        )
    users = User.objects.bulk_create(users)
    members = Membership.objects.bulk_create(
        [Membership(workspace=ws, user=u, role=roles[i]) for i, u in enumerate(users)]
    )
    User.objects.filter(id__in=[u.id for u in users]).update(last_workspace=ws)
    Membership.objects.filter(pk=members[-1].pk).update(created_at=now - dt.timedelta(days=7))
    people = []
    for i, (m, role) in enumerate(zip(members, roles, strict=True), 1):
        reach = rng.lognormvariate(0, 0.5) * (0.3 if role == Role.VIEWER else 1)
        people.append(Person(i, m, role, weight=rng.paretovariate(1.6), reach=reach))
    busy, light = people[1], people[-1]
    busy.weight, busy.reach = max(p.weight for p in people), 3.0  # member002: in ~250 conversations
    light.weight, light.reach, light.new = 0.01, 0.01, True  # member200: joined last week
    return people


def weighted_sample(rng: random.Random, people: list[Person], k: int) -> list[Person]:
    """k distinct people, the busier ones more likely (Efraimidis–Spirakis)."""
    k = min(k, len(people))
    keyed = sorted(people, key=lambda p: -(rng.random() ** (1.0 / p.reach)))
    return keyed[:k]


# --- customers and orders, through the services ------------------------------------------------------------


def make_customers_and_orders(rng, people: list[Person], size: Size) -> tuple[list[Customer], list[Order]]:
    started = time.monotonic()
    names = Names(rng)
    owners = [p for p in people if p.role in REPS | {Role.MANAGER} and p.index != size.members]
    manager = next(p for p in people if p.role == Role.MANAGER)
    busy = people[1]
    customers = []
    for i in range(size.customers):
        country = rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0]
        name, latin, domain = names.company(country)
        person, handle = names.person(country)
        r = rng.random()
        if r < 0.2:
            actor, owner = manager, None  # the pool
        else:
            actor, owner = (busy if r < 0.28 else rng.choice(owners)), "me"
        customer = customer_create(
            actor=actor.membership,
            data={"name": name, "name_latin": latin, "country": country, "industry": "Home appliances",
                  "source": "alibaba" if i % 3 else "trade_fair", "stage": "customer"},
            contacts=[{"name": person, "emails": [f"{handle}{i}@{ascii_slug(domain) or 'buyer'}.example"]}],
            owner=owner,
            confirm_duplicates=True,
        )  # fmt: skip
        customers.append(customer)
    print(
        f"  {len(customers):,} customers through crm.services.customer_create: "
        f"{time.monotonic() - started:.1f}s"
    )
    started = time.monotonic()
    orders = []
    by_id = {p.id: p for p in people}
    terms = [
        {"percent": "30", "method": "tt", "event": "deposit", "days": None},
        {"percent": "70", "method": "tt", "event": "against_bl_copy", "days": None},
    ]
    keepers = {Role.OWNER, Role.ADMIN, Role.MANAGER, Role.SALES}  # trade.permissions.ORDER_KEEPERS, reps
    for customer in rng.sample(customers, min(size.orders, len(customers))):
        owner = by_id.get(customer.owner_id)
        actor = owner.membership if owner and owner.role in keepers else manager.membership
        kind = rng.choice(KINDS)
        try:
            order = order_create(
                actor=actor, customer=customer, currency="USD", incoterm="FOB", incoterm_place="Ningbo",
                payment_terms=terms,
                lines=[LineInput(name=kind[0], quantity=Decimal(rng.choice([500, 1000, 2400, 5000])),
                                 unit_price=Decimal(str(round(rng.uniform(*kind[4]), 2))))],
            )  # fmt: skip
            order = order_confirm(actor=actor, order=order)
        except Exception as error:
            print(f"  !! orders through trade.services failed ({error!r}): customer rooms only")
            return customers, orders
        orders.append(order)
    print(
        f"  {len(orders):,} orders through trade.services.order_create + order_confirm: "
        f"{time.monotonic() - started:.1f}s"
    )
    return customers, orders


# --- conversations -----------------------------------------------------------------------------------------


@dataclass(eq=False)
class Conv:
    id: int
    kind: str
    name: str = ""
    topic: str = ""
    is_private: bool = False
    customer: Customer | None = None
    order: Order | None = None
    direct_key: str = ""
    members: list[Person] = field(default_factory=list)  # participants (who may read)
    first_day: int = -730  # days before today
    last_day: int = 0
    n: int = 0  # messages
    weight: float = 1.0
    languages: tuple = (0.45, 0.3, 0.25)  # zh, en, mixed
    # generated
    times: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    roots: list = field(default_factory=list)  # local index of the thread's first message, or -1
    flags: list = field(default_factory=list)
    mentions: dict = field(default_factory=dict)  # local index -> [Person]
    reactions: dict = field(default_factory=dict)  # local index -> [(Person, emoji)]
    replies: dict = field(default_factory=dict)  # local index of a root -> (count, last reply time)
    ids: list = field(default_factory=list)
    created_at: float = 0.0
    archived_at: float | None = None

    @property
    def writers(self) -> list[Person]:
        return [p for p in self.members if p.writes] or self.members


LANGUAGE_PROFILES = [(0.7, 0.1, 0.2), (0.15, 0.65, 0.2), (0.4, 0.3, 0.3), (0.45, 0.3, 0.25)]


def plan_conversations(rng, people, customers, orders, size: Size, first_id: int) -> list[Conv]:
    n = size.conversations
    by_id = {p.id: p for p in people}
    busy, light = people[1], people[-1]
    writers = [p for p in people if p.writes and p is not light]
    support = {role: [p for p in people if p.role == role] for role in SUPPORT}
    leads = [p for p in people if p.role in LEADS]
    reps = [p for p in people if p.role in REPS and p is not light]
    convs: list[Conv] = []

    def add(**kw) -> Conv:
        c = Conv(id=first_id + len(convs), **kw)
        convs.append(c)
        return c

    # Channels: 10%.
    n_channels = max(6, n // 10)
    add(kind=ConversationKind.CHANNEL, name=ALL_HANDS, topic=CHANNEL_FIXED[0][1], members=list(people),
        weight=0, languages=(0.5, 0.25, 0.25))  # fmt: skip
    sales_team = [p for p in people if p.role in REPS | LEADS and p is not light]
    add(kind=ConversationKind.CHANNEL, name=BIG_CHANNEL, topic=CHANNEL_FIXED[1][1], members=sales_team,
        weight=0, languages=(0.45, 0.3, 0.25))  # fmt: skip
    names = [name for name, _topic in CHANNEL_FIXED[2:]]
    combos = [f"{t}-{r}" for t in CHANNEL_TOPICS for r in CHANNEL_REGIONS]
    rng.shuffle(combos)
    names += combos
    for k in range(n_channels - 2):
        name = names[k] if k < len(names) else f"project-{k}"
        private = rng.random() < 0.3
        count = max(3, min(len(people) - 1, int(rng.lognormvariate(2.2 if private else 2.9, 0.7))))
        members = weighted_sample(rng, [p for p in people if p is not light], count)
        if rng.random() < 0.35 and busy not in members:
            members.append(busy)
        topic = next((t for nm, t in CHANNEL_FIXED if nm == name), "")
        add(kind=ConversationKind.CHANNEL, name=name, topic=topic, is_private=private, members=members,
            weight=1.5 * rng.lognormvariate(0, 1.4), languages=rng.choice(LANGUAGE_PROFILES))  # fmt: skip

    # Customer rooms (20%) and order rooms (7.5%): the people who may see the customer.
    def room_people(customer) -> list[Person]:
        chosen = [by_id[customer.owner_id]] if customer.owner_id else rng.sample(reps, rng.randint(1, 3))
        for role in rng.sample(ROOM_SUPPORT, rng.randint(1, 3)):
            chosen.append(weighted_sample(rng, support[role], 1)[0])
        if rng.random() < 0.3:
            chosen.append(rng.choice(leads))
        return list(dict.fromkeys(chosen))

    n_customer_rooms = min(len(customers), max(4, n // 5))
    room_customers = [c for c in customers if c.owner_id == busy.id][: n_customer_rooms // 10]
    room_customers += [c for c in customers if c not in room_customers][
        : n_customer_rooms - len(room_customers)
    ]
    for customer in room_customers:
        foreign = customer.country != "CN"
        add(kind=ConversationKind.CUSTOMER, customer=customer, members=room_people(customer),
            weight=0.8 * rng.lognormvariate(0, 1.2),
            languages=(0.45, 0.25, 0.3) if foreign else (0.7, 0.05, 0.25))  # fmt: skip
    for order in orders[: max(2, n * 3 // 40)]:
        add(kind=ConversationKind.ORDER, order=order, members=room_people(order.customer),
            weight=rng.lognormvariate(0, 1.0), languages=rng.choice(LANGUAGE_PROFILES))  # fmt: skip

    # Direct messages: the rest; pairs mostly, groups of 3–8. The busy rep writes to many.
    keys = set()
    small = add(kind=ConversationKind.DIRECT, members=[busy, light], weight=0, languages=(0.5, 0.3, 0.2))
    small.direct_key = ".".join(str(pk) for pk in sorted([busy.id, light.id]))
    keys.add(small.direct_key)
    while len(convs) < n:
        group = rng.random() < 0.25
        count = rng.randint(3, 8) if group else 2
        members = weighted_sample(rng, writers, count)
        if rng.random() < 0.04 and busy not in members:
            members[0] = busy
        key = ".".join(str(pk) for pk in sorted({p.id for p in members}))
        if key in keys or len(set(members)) < 2:
            continue
        keys.add(key)
        add(kind=ConversationKind.DIRECT, direct_key=key, members=members,
            weight=(0.5 if group else 0.3) * rng.lognormvariate(0, 1.3),
            languages=rng.choice(LANGUAGE_PROFILES))  # fmt: skip

    # Messages per conversation: the big channel 10%, #general 3%, the one-message DM 1, the rest by weight
    # (a long tail: a few busy rooms, many quiet direct messages).
    total = size.messages
    big = next(c for c in convs if c.name == BIG_CHANNEL)
    general = next(c for c in convs if c.name == ALL_HANDS)
    big.n, general.n, small.n = total // 10, total * 3 // 100, 1
    rest = [c for c in convs if c.weight > 0]
    left = total - big.n - general.n - small.n
    weights = sum(c.weight for c in rest)
    cap = big.n * 6 // 10
    for c in rest:
        c.n = min(cap, int(left * c.weight / weights))
    shortfall = left - sum(c.n for c in rest)
    for c in sorted(rest, key=lambda c: -c.weight):
        if shortfall <= 0:
            break
        extra = min(shortfall, cap - c.n)
        c.n += extra
        shortfall -= extra
    # Time spans: the fixed channels over two years to now; others started some time in the last two years
    # and were last used recently (quiet ones longer ago).
    for c in convs:
        if c in (big, general):
            c.first_day, c.last_day = -730, 0
        elif c is small:
            c.first_day = c.last_day = -3
        else:
            c.first_day = -rng.randint(20, 730)
            c.last_day = -min(int(rng.expovariate(1 / 12)), -c.first_day - 1)
    return convs


# --- messages ----------------------------------------------------------------------------------------------

# Minutes of a Shanghai day, weighted: the office hours, lunch, the evening calls with Europe and America.
_HOURS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1, 4, 10, 10, 9, 5, 8, 10, 10, 9, 7, 4, 3, 3, 3, 2, 1]
_CUM_MINUTES = list(itertools.accumulate(_HOURS[m // 60] for m in range(1440)))


class Slots(dict):
    """`str.format_map` fills each {slot} with a random value from its pool."""

    def __init__(self, rng: random.Random, pools: dict):
        super().__init__()
        self.rng, self.pools = rng, pools

    def __missing__(self, key):
        return self.rng.choice(self.pools[key])


def slot_pools(rng, customers, orders, people) -> dict:
    today = dt.date.today()
    days = [today + dt.timedelta(days=d) for d in range(-30, 90)]
    return {
        "customer": [c.name_latin or c.name for c in customers] + [c.name for c in customers],
        "order": [o.number for o in orders] or ["PI-2026-0001"],
        "product_zh": [k[1] for k in KINDS],
        "product_en": [k[0].lower() for k in KINDS],
        "port": PORTS,
        "port_zh": list(ZH_PORTS.values()),
        "dest": DISCHARGE,
        "dest_zh": list(ZH_DEST.values()),
        "container": CONTAINERS,
        "qty": [f"{q:,}" for q in (200, 300, 500, 800, 1000, 1200, 2000, 2400, 3000, 5000, 10000)],
        "price": [f"{rng.uniform(0.5, 60):.2f}" for _ in range(200)],
        "amount": [f"{rng.randint(800, 60000):,}" for _ in range(200)],
        "pct": ["10", "20", "30", "5", "8", "15"],
        "n": [str(k) for k in range(2, 40)],
        "days": [str(k) for k in (7, 10, 15, 20, 25, 30, 35, 45)],
        "date": [f"{d:%m/%d}" for d in days] + [f"{d.month}月{d.day}日" for d in days],
        "tracking": [f"{rng.randrange(10**9, 10**10)}" for _ in range(300)],
        "vessel": VESSELS,
        "bank": BANKS,
        "hs": [k[3] for k in KINDS],
        "weekday": WEEKDAYS,
        "clock": ["9:00", "10:30", "14:00", "15:30", "16:00", "20:00"],
    }


def text(rng: random.Random, slots: Slots, languages) -> tuple[str, int]:
    """A message's text, and FILE when it is one that carries a file."""
    r = rng.random()
    if r < 0.22:
        return rng.choice(SHORT), 0
    if r < 0.27:
        return rng.choice(FILES), FILE
    if r < 0.285:  # a small Markdown list
        head = rng.choice(LIST_HEADS).format_map(slots)
        items = "\n".join(f"- {rng.choice(LIST_ITEMS).format_map(slots)}" for _ in range(rng.randint(2, 5)))
        return f"{head}\n{items}", 0
    pool = rng.choices((ZH, EN, MIXED), weights=languages)[0]
    sentences = 1 if rng.random() < 0.8 else rng.randint(2, 4)
    body = " ".join(rng.choice(pool).format_map(slots) for _ in range(sentences))
    if rng.random() < 0.01:
        body += " " + rng.choice(LINKS).format_map(slots)
    return body, 0


def generate(rng: random.Random, c: Conv, slots: Slots, today_start: float, today_weekday: int, now: float):
    """The conversation's messages in time order, with threads, mentions, reactions, edits and deletions."""
    n = c.n
    if n == 0:
        return
    span = c.last_day - c.first_day + 1
    day_weights = [0.3 if (today_weekday + c.first_day + d) % 7 >= 5 else 1.0 for d in range(span)]
    days = rng.choices(range(span), weights=day_weights, k=n)
    minutes = rng.choices(range(1440), cum_weights=_CUM_MINUTES, k=n)
    base = today_start + c.first_day * 86400
    times = sorted(
        min(now - 30, base + d * 86400 + m * 60 + rng.random() * 60)
        for d, m in zip(days, minutes, strict=True)
    )
    writers = c.writers
    cum = list(itertools.accumulate(p.weight for p in writers))
    authors = rng.choices(writers, cum_weights=cum, k=n)
    direct_pair = c.kind == ConversationKind.DIRECT and len(c.members) == 2
    p_reply = 0.02 if direct_pair else 0.05 if c.kind == ConversationKind.DIRECT else 0.17
    p_mention = 0.01 if direct_pair else 0.045
    readers = c.members
    recent: list[int] = []  # the latest top-level messages: where replies go
    c.times, c.authors = times, authors
    bodies, roots, flags = [None] * n, [-1] * n, [0] * n
    for i in range(n):
        author = authors[i]
        body, flag = text(rng, slots, c.languages)
        if recent and rng.random() < p_reply:
            root = recent[-1 - min(int(rng.expovariate(0.35)), len(recent) - 1)]
            roots[i] = root
            count, _last = c.replies.get(root, (0, 0))
            c.replies[root] = (count + 1, times[i])
        else:
            recent.append(i)
            if len(recent) > 30:
                recent.pop(0)
        r = rng.random()
        if r < 0.005:  # deleted: no text, nothing hangs on it
            bodies[i], flags[i] = "", DELETED
            continue
        if rng.random() < p_mention and len(readers) > 2:
            named = [
                p for p in rng.sample(readers, min(len(readers), rng.choice((1, 1, 1, 2)))) if p is not author
            ]
            if named:
                tokens = " ".join(f"<@{p.membership.public_id}>" for p in named)
                body = f"{tokens} {body}" if rng.random() < 0.7 else f"{body} {tokens}"
                c.mentions[i] = named
        if c.kind != ConversationKind.DIRECT and rng.random() < 0.003:
            body += " " + rng.choice(CHANNEL_WORDS)
            flag |= AT_CHANNEL
        if r < 0.025:
            flag |= EDITED
        if roots[i] == -1 and rng.random() < 0.001:
            flag |= PINNED
        if rng.random() < 0.06:
            reactors = rng.sample(readers, min(len(readers), rng.randint(1, 4)))
            chosen = {(p.id, rng.choices(EMOJI, weights=EMOJI_WEIGHTS)[0]): p for p in reactors}
            c.reactions[i] = [(p, emoji) for (_id, emoji), p in chosen.items()]
        bodies[i], flags[i] = body, flag
    c.bodies, c.roots, c.flags = bodies, roots, flags


def as_dt(t: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(t, tz=dt.UTC)


@dataclass
class Written:
    messages: int = 0
    replies: int = 0
    mentions: list = field(default_factory=list)
    reactions: list = field(default_factory=list)
    revisions: list = field(default_factory=list)
    file_messages: list = field(default_factory=list)  # message ids: where the attachments will go
    languages: Counter = field(default_factory=Counter)


def message_rows(w: Writer, rng: random.Random, convs: list[Conv], ws_id: int, first_id: int, out: Written):
    """Every message of the workspace in time order (ids follow time), as COPY rows; collects the mentions,
    reactions and revisions that hang on them."""
    order = sorted((t, ci, i) for ci, c in enumerate(convs) for i, t in enumerate(c.times))
    for c in convs:
        c.ids = [0] * c.n
    next_message = first_id
    fold = message_search_text if SEARCH_TEXT else None
    for t, ci, i in order:
        c = convs[ci]
        mid = next_message
        next_message += 1
        c.ids[i] = mid
        author, body, flag, root = c.authors[i], c.bodies[i], c.flags[i], c.roots[i]
        created = as_dt(t)
        updated = created
        edited_at = deleted_at = pinned_at = None
        deleted_by = pinned_by = None
        if flag & DELETED:
            deleted_at = as_dt(t + rng.uniform(20, 600))
            deleted_by, updated = author.id, deleted_at
        if flag & EDITED:
            edited_at = as_dt(t + rng.uniform(15, 900))
            updated = edited_at
            before = body[:-1] if len(body) > 3 else body + "?"
            out.revisions.append((ws_id, mid, before, w.dt(edited_at)))
        if flag & PINNED:
            pinned_at = as_dt(t + rng.uniform(60, 86400))
            pinned_by, updated = rng.choice(c.writers).id, max(updated, pinned_at)
        has_files = bool(flag & FILE) and not flag & DELETED
        if has_files:
            out.file_messages.append((mid, author.id, created, body))
        count, last_reply = c.replies.get(i, (0, None))
        key = "" if rng.random() < 0.15 else str(uuid.UUID(int=rng.getrandbits(128), version=4))
        for p in c.mentions.get(i, ()):
            out.mentions.append((ws_id, mid, p.id))
        for p, emoji in c.reactions.get(i, ()):
            out.reactions.append((ws_id, mid, p.id, emoji, w.dt(as_dt(t + rng.uniform(10, 7200)))))
        if root >= 0:
            out.replies += 1
        out.messages += 1
        row = (
            mid, w.uuid(new_uuid()), w.dt(created), w.dt(updated), ws_id, c.id, i + 1, author.id, body,
            c.ids[root] if root >= 0 else None, count, w.dt(as_dt(last_reply)) if last_reply else None, key,
            bool(flag & AT_CHANNEL), w.dt(edited_at), w.dt(deleted_at), deleted_by, w.dt(pinned_at),
            pinned_by, has_files,
        )  # fmt: skip
        yield (*row, fold(body)) if fold else row


def participant_rows(w: Writer, rng: random.Random, convs: list[Conv], ws_id: int, light: Person, now):
    for c in convs:
        last_own: dict[int, int] = {}
        for i, a in enumerate(c.authors):
            last_own[a.id] = i + 1
        created = as_dt(c.created_at)
        for p in c.members:
            if c.kind == ConversationKind.DIRECT:
                notify = NotifyLevel.ALL
            else:
                r = rng.random()
                notify = (
                    NotifyLevel.MUTE if r < 0.05 else NotifyLevel.ALL if r < 0.15 else NotifyLevel.MENTIONS
                )
            r = rng.random()
            if r < 0.7:
                read = c.n
            elif r < 0.93:
                read = c.n - min(c.n, int(rng.expovariate(1 / 8)) + 1)
            else:
                read = c.n - min(c.n, rng.randint(50, 2000))
            if c.name == BIG_CHANNEL and p.index == 2:
                read = max(0, c.n - 12)  # the busy rep has a few unread in #sales: "jump to first unread"
            read = max(read, last_own.get(p.id, 0))
            joined = created
            if p is light:
                joined = now - dt.timedelta(days=7)
                before = sum(1 for t in c.times if t < joined.timestamp())
                read = max(read, before)
            yield (ws_id, c.id, p.id, w.dt(joined), read, notify, None)


def conversation_rows(w: Writer, rng: random.Random, convs: list[Conv], ws_id: int, people, today_start, now):
    for c in convs:
        if c.n:
            c.created_at = c.times[0] - rng.uniform(600, 86400)
            last = as_dt(c.times[-1])
        else:
            c.created_at = today_start + c.first_day * 86400
            last = None
        created = as_dt(c.created_at)
        if (
            c.kind == ConversationKind.CHANNEL
            and c.name not in (ALL_HANDS, BIG_CHANNEL)
            and rng.random() < 0.1
        ):
            end = c.times[-1] if c.n else c.created_at
            if now.timestamp() - end > 90 * 86400:
                c.archived_at = end + 30 * 86400
        creator = rng.choice(c.writers)
        updated = max(created, last or created, as_dt(c.archived_at) if c.archived_at else created)
        yield (
            c.id, w.uuid(new_uuid()), w.dt(created), w.dt(updated), ws_id, c.kind, c.name, c.topic, "",
            c.is_private, c.customer.pk if c.customer else None, c.order.pk if c.order else None,
            c.direct_key, creator.id, w.dt(as_dt(c.archived_at)) if c.archived_at else None, c.n, w.dt(last),
        )  # fmt: skip


def index_drop() -> bool:
    """Drop the messages' search index if it is there (MESSAGE_INDEX.install builds it again)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [MESSAGE_INDEX.pg_index])
        if not cursor.fetchone()[0]:
            return False
    MESSAGE_INDEX.uninstall(connection)
    return True


# What the "file" texts carry: photos get a thumbnail, as the upload service makes one.
FILE_KINDS = [
    ("PI-{n}.pdf", "application/pdf", 180_000, False), ("packing-list-{n}.xlsx", XLSX, 42_000, False),
    ("IMG_{n}.jpg", "image/jpeg", 2_400_000, True), ("验货照片-{n}.jpg", "image/jpeg", 1_900_000, True),
    ("B-L-draft-{n}.pdf", "application/pdf", 95_000, False),
]  # fmt: skip


def attachments_write(w: Writer, rng: random.Random, out: Written, size: Size, ws_id: int) -> int:
    """`size.attachments` files (50k at full scale) on the "file attached" messages (~5% of all, each has at
    least one): the StoredFile rows as the upload service writes them (storage names in its layout) and the
    messages' links, a thumbnail row for each photo. Rows only: no content is written, as no bench
    downloads a file."""
    if not out.file_messages:
        return 0
    first_file, first_link = next_id(StoredFile), next_id(MessageFile)
    files, links = [], []
    for i in range(size.attachments):
        mid, author_id, created, _body = out.file_messages[i % len(out.file_messages)]
        name, content_type, bytes_, photo = rng.choice(FILE_KINDS)
        stored = [(name.format(n=i + 1), content_type, int(bytes_ * rng.uniform(0.3, 1.7)))]
        if photo:
            stored.append((name.format(n=i + 1).replace(".jpg", "-thumbnail.jpg"), "image/jpeg", 18_000))
        ids = []
        for original, kind, nbytes in stored:
            public_id = new_uuid()
            ids.append(first_file + len(files))
            files.append((
                ids[-1], w.uuid(public_id), w.dt(created), w.dt(created), ws_id,
                f"w/{ws_id}/files/{public_id.hex[:2]}/{public_id.hex}", original, nbytes, kind,
                f"{rng.getrandbits(256):064x}", author_id,
            ))  # fmt: skip
        links.append((
            first_link + len(links), w.uuid(new_uuid()), w.dt(created), w.dt(created), ws_id, mid, ids[0],
            ids[1] if photo else None,
        ))  # fmt: skip
    w.insert(StoredFile, STORED_FILE_COLUMNS, files)
    w.insert(MessageFile, MESSAGE_FILE_COLUMNS, links)
    return len(links)


# --- build -------------------------------------------------------------------------------------------------


def build(w: Writer, rng: random.Random, size: Size, now: dt.datetime) -> dict:
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    ws = Workspace.objects.create(
        name="Bench Chat 基准沟通", slug=CHAT_SLUG, country="CN", time_zone=zone.key, currency="USD"
    )
    workspace_setup(ws)
    started = time.monotonic()
    people = make_people(rng, ws, size, now)
    print(f"  {len(people)} members: {time.monotonic() - started:.1f}s")
    customers, orders = make_customers_and_orders(rng, people, size)

    started = time.monotonic()
    first_conversation, first_message = next_id(Conversation), next_id(Message)
    convs = plan_conversations(rng, people, customers, orders, size, first_conversation)
    slots = Slots(rng, slot_pools(rng, customers, orders, people))
    local_today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    today_start, weekday = local_today.timestamp(), local_today.weekday()
    for c in convs:
        if c.customer is not None or c.order is not None:  # a room talks mostly about its own customer/order
            own = dict(slots.pools)
            customer = c.customer or c.order.customer
            own["customer"] = [customer.name_latin or customer.name, customer.name] * 4 + own["customer"][:4]
            if c.order is not None:
                own["order"] = [c.order.number] * 8 + own["order"][:2]
            generate(rng, c, Slots(rng, own), today_start, weekday, now.timestamp())
        elif c.n == 1 and c.kind == ConversationKind.DIRECT and people[-1] in c.members:
            c.times, c.authors = [now.timestamp() - 3 * 86400], [people[1]]
            c.bodies, c.roots, c.flags = [f"<@{people[-1].membership.public_id}> {SMALL_BODY}"], [-1], [0]
            c.mentions[0] = [people[-1]]
        else:
            generate(rng, c, slots, today_start, weekday, now.timestamp())
        if (
            c.name == ALL_HANDS and c.n
        ):  # the owner welcomes member200 (a search with one hit, naming someone)
            last = c.n - 1
            c.authors[last], c.flags[last] = people[0], 0
            c.bodies[last] = f"{WELCOME} <@{people[-1].membership.public_id}> 🎉"
            c.mentions[last] = [people[-1]]
            c.reactions.pop(last, None)
    print(
        f"  {len(convs):,} conversations, {sum(c.n for c in convs):,} messages made: "
        f"{time.monotonic() - started:.1f}s"
    )

    started = time.monotonic()
    w.insert(
        Conversation, CONVERSATION_COLUMNS, conversation_rows(w, rng, convs, ws.id, people, today_start, now)
    )
    out = Written()
    # PostgreSQL: the search index (a GIN over the doubled text) is built after the load, as a restore does —
    # kept up row by row through a million COPY rows it costs several times more.
    rebuild_index = SEARCH_TEXT and w.pg and index_drop()
    w.insert(Message, MESSAGE_COLUMNS, message_rows(w, rng, convs, ws.id, first_message, out))
    print(f"  {out.messages:,} messages written: {time.monotonic() - started:.1f}s")
    if rebuild_index:
        started = time.monotonic()
        MESSAGE_INDEX.install(connection)
        print(f"  message search index ({MESSAGE_INDEX.pg_index}) built: {time.monotonic() - started:.1f}s")
    started = time.monotonic()
    w.insert(Participant, PARTICIPANT_COLUMNS, participant_rows(w, rng, convs, ws.id, people[-1], now))
    w.insert(Mention, ["workspace_id", "message_id", "membership_id"], out.mentions)
    w.insert(Reaction, ["workspace_id", "message_id", "membership_id", "emoji", "created_at"], out.reactions)
    w.insert(MessageRevision, ["workspace_id", "message_id", "body", "replaced_at"], out.revisions)
    attachments = attachments_write(w, rng, out, size, ws.id)
    print(f"  participants, mentions, reactions, revisions: {time.monotonic() - started:.1f}s")
    print(f"  attachments: {attachments:,} on {len(out.file_messages):,} “file” messages")
    return {"workspace": ws, "people": people, "convs": convs, "out": out}


# --- checks against the services and selectors -------------------------------------------------------------


def check(ws: Workspace, people: list[Person]) -> None:
    started = time.monotonic()
    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT COUNT(*) FROM chat_conversation c
               LEFT JOIN (SELECT conversation_id, MAX(seq) AS top, COUNT(*) AS n, MAX(created_at) AS newest
                          FROM chat_message WHERE workspace_id = %s GROUP BY conversation_id) m
                 ON m.conversation_id = c.id
               WHERE c.workspace_id = %s
                 AND (c.last_seq <> COALESCE(m.top, 0) OR COALESCE(m.n, 0) <> c.last_seq
                     OR (m.newest IS NOT NULL AND c.last_message_at <> m.newest))""",
            [ws.id, ws.id],
        )
        if bad := cursor.fetchone()[0]:
            problems.append(
                f"{bad} conversations whose last_seq / last_message_at differ from their messages"
            )
        cursor.execute(
            """SELECT COUNT(*) FROM chat_message r
               LEFT JOIN (SELECT thread_root_id, COUNT(*) AS n, MAX(created_at) AS newest FROM chat_message
                          WHERE workspace_id = %s AND thread_root_id IS NOT NULL GROUP BY thread_root_id) t
                 ON t.thread_root_id = r.id
               WHERE r.workspace_id = %s AND (r.reply_count <> COALESCE(t.n, 0)
                     OR (t.newest IS NOT NULL AND r.last_reply_at <> t.newest))""",
            [ws.id, ws.id],
        )
        if bad := cursor.fetchone()[0]:
            problems.append(f"{bad} thread roots whose reply_count / last_reply_at differ from their replies")
        cursor.execute(
            """SELECT COUNT(*) FROM chat_message r JOIN chat_message m ON m.id = r.thread_root_id
               WHERE r.workspace_id = %s
                 AND (m.thread_root_id IS NOT NULL OR m.conversation_id <> r.conversation_id
                     OR m.seq >= r.seq)""",
            [ws.id],
        )
        if bad := cursor.fetchone()[0]:
            problems.append(f"{bad} replies pointing at a reply, another conversation or a later message")
        cursor.execute(
            """SELECT COUNT(*) FROM chat_participant p JOIN chat_conversation c ON c.id = p.conversation_id
               WHERE c.workspace_id = %s AND p.last_read_seq > c.last_seq""",
            [ws.id],
        )
        if bad := cursor.fetchone()[0]:
            problems.append(f"{bad} read markers past the conversation's end")
        cursor.execute(
            """SELECT COUNT(*) FROM chat_mention x JOIN chat_message m ON m.id = x.message_id
               LEFT JOIN chat_participant p
                 ON p.conversation_id = m.conversation_id AND p.membership_id = x.membership_id
               WHERE x.workspace_id = %s AND p.id IS NULL""",
            [ws.id],
        )
        if bad := cursor.fetchone()[0]:
            problems.append(f"{bad} mentions of members who do not take part")
    # Mentions: every <@id> in a sampled text has its Mention row, and no other (messages._mentioned).
    sample = list(Message.objects.filter(workspace=ws, body__contains="<@").order_by("id")[:300])
    by_public = {str(p.membership.public_id): p.id for p in people}
    rows = set(Mention.objects.filter(message__in=sample).values_list("message_id", "membership_id"))
    expected = {(m.pk, by_public[t]) for m in sample for t in re.findall(r"<@([0-9a-f-]{36})>", m.body)}
    if rows != expected:
        problems.append(
            f"mention rows of 300 sampled messages: {len(rows)}, tokens in their text: {len(expected)}"
        )
    # The selectors read the same pages as plain SQL; unread counts agree.
    busy = people[1].membership
    big = Conversation.objects.get(workspace=ws, kind=ConversationKind.CHANNEL, name=BIG_CHANNEL)
    with connection.cursor() as cursor:
        for label, selector_kwargs, sql, params in [
            ("newest", {}, "ORDER BY seq DESC LIMIT 50", []),
            (
                "before",
                {"before": big.last_seq // 10},
                "AND seq < %s ORDER BY seq DESC LIMIT 50",
                [big.last_seq // 10],
            ),
            (
                "after",
                {"after": big.last_seq - 60},
                "AND seq > %s ORDER BY seq LIMIT 50",
                [big.last_seq - 60],
            ),
        ]:
            cursor.execute(
                f"SELECT id FROM chat_message WHERE conversation_id = %s AND thread_root_id IS NULL {sql}",
                [big.pk, *params],
            )
            ids = sorted(r[0] for r in cursor.fetchall())
            got = [m.pk for m in selectors.history(big, **selector_kwargs)]
            if got != ids:
                problems.append(f"selectors.history ({label}) differs from the SQL: {len(got)} vs {len(ids)}")
        cursor.execute(
            """SELECT COALESCE(SUM(c.last_seq - p.last_read_seq), 0) FROM chat_participant p
               JOIN chat_conversation c ON c.id = p.conversation_id
               WHERE p.membership_id = %s AND p.left_at IS NULL AND c.last_seq > p.last_read_seq""",
            [busy.pk],
        )
        unread_sql = cursor.fetchone()[0]
    if selectors.unread_total(busy) != unread_sql:
        problems.append(f"unread_total {selectors.unread_total(busy)} != SQL {unread_sql}")
    # A message sent through the service now gets the next number and moves the sender's marker (rolled back).
    try:
        with transaction.atomic():
            sent = chat_services.message_send(actor=busy, conversation=big, body="检查 check")
            big.refresh_from_db()
            marker = Participant.objects.get(conversation=big, membership=busy).last_read_seq
            if not (sent.seq == big.last_seq and marker == sent.seq and sent.seq == Message.objects.filter(
                    conversation=big).count()):  # fmt: skip
                problems.append(f"message_send gave seq {sent.seq}, last_seq {big.last_seq}, marker {marker}")
            raise _RollBack
    except _RollBack:
        pass
    if problems:
        raise SystemExit("!! checks failed:\n  " + "\n  ".join(problems))
    print(
        f"Checks passed ({time.monotonic() - started:.1f}s): last_seq = max(seq) = the number of messages "
        "and last_message_at = the newest in every conversation; reply counts; replies in their root's "
        "conversation; "
        "read markers within range; mentions only of participants, one row per <@id> (300 sampled); "
        "selectors.history (newest, before, after) = the SQL; unread_total = the SQL; message_send numbers "
        "the next message and moves the sender's marker (rolled back)."
    )


class _RollBack(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count (e.g. 0.05)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")
    rng = random.Random(args.seed)
    ID_RANDOM.seed(f"chat-{args.seed}")
    started = time.monotonic()
    print(f"Database: {database_label()}; scale {args.scale}")
    drop_workspaces((CHAT_SLUG,), email_suffix=CHAT_EMAIL_SUFFIX)
    now = timezone.now()
    w = Writer()
    size = FULL.scaled(args.scale)
    built = build(w, rng, size, now)
    chat_tables = (
        Conversation,
        Participant,
        Message,
        Mention,
        Reaction,
        MessageRevision,
        StoredFile,
        MessageFile,
    )
    reset_sequences(*chat_tables)
    vacuum_analyze(*chat_tables, Membership, User)
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    convs, out = built["convs"], built["out"]
    kinds = Counter(c.kind for c in convs)
    private = sum(1 for c in convs if c.kind == ConversationKind.CHANNEL and c.is_private)
    groups = sum(1 for c in convs if c.kind == ConversationKind.DIRECT and len(c.members) > 2)
    big = next(c for c in convs if c.name == BIG_CHANNEL)
    busy_in = sum(1 for c in convs if built["people"][1] in c.members)
    print(
        f"Conversations: {kinds[ConversationKind.CHANNEL]:,} channels ({private:,} private), "
        f"{kinds[ConversationKind.DIRECT]:,} direct ({groups:,} groups of 3–8), "
        f"{kinds[ConversationKind.CUSTOMER]:,} customer rooms, "
        f"{kinds[ConversationKind.ORDER]:,} order rooms; "
        f"#{BIG_CHANNEL}: {big.n:,} messages, {len(big.members)} members; {out.replies:,} thread replies; "
        f"member002 takes part in {busy_in:,}"
    )
    check(built["workspace"], built["people"])
    print(
        f"Done in {time.monotonic() - started:.1f}s. Busy member: {BUSY_EMAIL}, light member: {LIGHT_EMAIL}, "
        f"password {PASSWORD}"
    )


if __name__ == "__main__":
    main()
