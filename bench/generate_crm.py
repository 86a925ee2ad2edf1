"""Fill the customers bench (issue 4): workspace "bench-crm" with 40 members, 100k customers in 37 countries
and many scripts (Chinese, Latin with diacritics, Cyrillic, Arabic, Japanese, Korean, Vietnamese), 300k
contacts, 1M timeline entries, tags and 20k tasks about customers; plus two small neighbour workspaces.

    TRADEWIND_DATA_DIR=/tmp/bench-crm-sqlite .venv/bin/python bench/generate_crm.py [--scale 0.05]

Every derived row is computed by the application's own code, as if each customer had been saved through
the services: name_key, search_text, zone, the duplicate-check keys (CustomerKey) and the name tokens
(CustomerNameToken) come from `customer_index` (crm/imports/derived.py) — the pure function the import
uses, which mirrors `services.customer_reindex` — and the generator checks a sample of customers against
`customer_reindex` itself at the end (in a transaction it rolls back).

Rows go in with COPY (PostgreSQL) or executemany (SQLite). Re-running replaces the bench CRM data and only
it: the workspaces bench-crm* and the users under @*.crm-bench.invalid, with everything pointing at them.
PostgreSQL gets VACUUM ANALYZE afterwards; SQLite is left as the application leaves it (no ANALYZE).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import unicodedata
import uuid
import zoneinfo
from dataclasses import dataclass
from types import SimpleNamespace

import phonenumbers
from _bulk import ID_RANDOM, Writer, drop_workspaces, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import (
    CRM_BUSY_EMAIL,
    CRM_EMAIL_DOMAIN,
    CRM_LIGHT_EMAIL,
    CRM_MANAGER_EMAIL,
    CRM_NEIGHBOUR_SLUGS,
    CRM_SLUG,
    CRM_SLUGS,
    database_label,
)
from _crm_words import (
    AR_BRANDS,
    AR_FORMS,
    AR_INDUSTRY,
    CHANNELS,
    CITIES,
    COUNTRIES,
    COUNTRY_CODES,
    COUNTRY_WEIGHTS,
    EN_FORMS,
    EN_INDUSTRY,
    EN_WORDS,
    FAIRS,
    FREE_MAIL,
    INDUSTRIES,
    JA_INDUSTRY,
    JA_NAMES,
    KO_BRANDS,
    KO_INDUSTRY,
    LATIN,
    LATIN_PERSON_SURNAMES,
    NEXT_STEPS,
    OUTCOMES,
    OWNERSHIP_EVENTS,
    PERSON,
    PRODUCTS,
    RU_BRANDS,
    RU_FORMS,
    RU_INDUSTRY,
    SOURCE_WEIGHTS,
    SOURCES,
    SUMMARIES,
    SYL_A,
    SYL_B,
    TAG_NAMES,
    TLD,
    VI_BRANDS,
    VI_INDUSTRY,
    ZH_CHARS,
    ZH_CITIES,
    ZH_FORMS,
    ZH_INDUSTRY,
)
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from tradewind.accounts.models import User
from tradewind.activity.models import Activity
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import CONTACT_CHANNELS, Channel, Source, Stage
from tradewind.crm.derived import customer_index
from tradewind.crm.models import (
    Contact,
    CrmSettings,
    Customer,
    CustomerGrade,
    CustomerKey,
    CustomerNameToken,
    CustomerTag,
    Tag,
)
from tradewind.crm.selectors import grades
from tradewind.tasks.models import Task
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Sequence, Workspace
from tradewind.workspaces.setup import workspace_setup

UTC = dt.UTC
PASSWORD = "bench-password-2026"  # every bench user's; printed at the end
CHUNK = 5_000  # customers written per round (with their contacts, keys, tokens and tags)


@dataclass
class Size:
    members: int
    customers: int
    contacts: int
    timeline: int
    tags: int
    tasks: int
    big_accounts: int  # customers with thousands of timeline entries

    def scaled(self, scale: float) -> Size:
        def s(n, low):
            return max(low, int(n * scale))

        return Size(
            members=self.members,
            customers=s(self.customers, 300),
            contacts=s(self.contacts, 900),
            timeline=s(self.timeline, 3_000),
            tags=self.tags,
            tasks=s(self.tasks, 60),
            big_accounts=max(3, int(self.big_accounts * min(1.0, scale * 4))),
        )


MAIN_SIZE = Size(
    members=40,
    customers=100_000,
    contacts=300_000,
    timeline=1_000_000,
    tags=16,
    tasks=20_000,
    big_accounts=30,
)
NEIGHBOUR_SIZE = Size(
    members=6, customers=2_000, contacts=6_000, timeline=20_000, tags=6, tasks=400, big_accounts=1
)

# --- who ---------------------------------------------------------------------------------------------------
# rep01 owner, rep02 the busy sales rep, rep03 admin, rep04–06 managers, rep07–33 sales/marketing,
# rep34–38 the roles that serve orders, rep39 a viewer, rep40 a sales rep who joined last week.
SUPPORT_ROLES = [Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.SERVICE, Role.FINANCE]
MEMBER_NAMES = [
    "Amy Liu 刘",
    "Kevin Zhou 周",
    "Grace He 何",
    "Lucy Xu 徐",
    "Hans Chen 陈",
    "Sofia Wang 王",
    "Omar Zhang 张",
    "Mei Li 李",
    "Jun Zhao 赵",
    "Priya Sun 孙",
    "Ivan Guo 郭",
    "Lena Ma 马",
]


def role_of(i: int, members: int) -> str:
    if i == 1:
        return Role.OWNER
    if i in (2, members):
        return Role.SALES
    if i == 3:
        return Role.ADMIN
    if i in (4, 5, 6):
        return Role.MANAGER
    if members - 6 <= i <= members - 2:
        return SUPPORT_ROLES[(i - (members - 6)) % len(SUPPORT_ROLES)]
    if i == members - 1:
        return Role.VIEWER
    return Role.MARKETING if i % 9 == 0 else Role.SALES


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize(
        "NFKD", text.lower().replace("ß", "ss").replace("ł", "l").replace("ı", "i")
    )
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


class Phones:
    """Valid-looking mobile numbers of a country, unique in the run: the country's example number with its
    trailing digits replaced by a counter (spread out by a multiplier). How many trailing digits may vary
    is found once per country by checking samples with phonenumbers."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.plan = {}
        self.counter = {}

    def _plan(self, country: str):
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
        national = str(example.national_number)
        for keep in range(2, len(national) - 3):
            ok = all(
                phonenumbers.is_valid_number(
                    phonenumbers.parse(
                        f"+{example.country_code}{national[:keep]}"
                        + "".join(self.rng.choice("0123456789") for _ in range(len(national) - keep))
                    )
                )
                for _ in range(30)
            )
            if ok:
                return example.country_code, national[:keep], len(national) - keep
        return example.country_code, national[:-4], 4

    def next(self, country: str) -> str:
        if country not in self.plan:
            self.plan[country] = self._plan(country)
            self.counter[country] = 0
        code, prefix, digits = self.plan[country]
        self.counter[country] += 1
        value = (self.counter[country] * 7_919 + 13) % 10**digits
        return f"+{code}{prefix}{value:0{digits}d}"


class Names:
    """Company and person names per culture, with a Latin-script name where the name is not Latin."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def brand(self) -> str:
        return self.rng.choice(SYL_A) + self.rng.choice(SYL_B)

    def company(self, country: str) -> tuple[str, str, str]:
        """(name, name_latin, a word for the web domain)"""
        r = self.rng
        culture = COUNTRIES[country][1]
        if culture == "zh":
            city = r.choice(CITIES["CN"])
            (c1, p1), (c2, p2) = r.sample(ZH_CHARS, 2)
            industry, industry_en = r.choice(ZH_INDUSTRY)
            name = f"{city}{c1}{c2}{industry}{r.choice(ZH_FORMS)}"
            brand = p1 + p2.lower()
            return name, f"{ZH_CITIES[city]} {brand} {industry_en} Co., Ltd.", brand
        if culture in ("ru", "uk"):
            (b, bl), (ind, indl) = r.choice(RU_BRANDS), r.choice(RU_INDUSTRY)
            form, form_l = r.choice(RU_FORMS[culture])
            if r.random() < 0.5:
                return f"{form} «{b}-{ind}»", f"{bl}-{indl} {form_l}", bl + indl
            return f'{form} "{b}{ind.lower()}"', f"{bl}{indl.lower()} {form_l}", bl + indl
        if culture == "ar":
            (b, bl), (ind, indl), (form, form_l) = (
                r.choice(AR_BRANDS),
                r.choice(AR_INDUSTRY),
                r.choice(AR_FORMS),
            )
            extra = r.choice(["", "", " " + self.brand()])
            return f"{form} {b} {ind}{extra}", f"{bl} {indl}{extra} {form_l}", bl + extra
        if culture == "ja":
            (n, nl), (ind, indl) = r.choice(JA_NAMES), r.choice(JA_INDUSTRY)
            b = self.brand()
            return f"株式会社{n}{ind}", f"{nl} {indl} {b} Co., Ltd.", nl + b
        if culture == "ko":
            (b, bl), (ind, indl) = r.choice(KO_BRANDS), r.choice(KO_INDUSTRY)
            x = self.brand()
            return f"주식회사 {b}{ind} {x}", f"{bl} {indl} {x} Co., Ltd.", bl + x
        if culture == "vi":
            b, (ind, indl) = r.choice(VI_BRANDS), r.choice(VI_INDUSTRY)
            return f"Công ty TNHH {ind} {b}", f"{ascii_slug(b).title()} {indl} Co., Ltd.", b
        if culture == "en":
            forms = EN_FORMS.get(country, EN_FORMS["default"])
            first = self.brand() if r.random() < 0.6 else r.choice(EN_WORDS)
            second = r.choice(EN_WORDS) + " " if r.random() < 0.3 else ""
            return f"{first} {second}{r.choice(EN_INDUSTRY)} {r.choice(forms)}", "", first + second
        surnames, industries, forms = LATIN[culture]
        pattern = r.random()
        if pattern < 0.45:
            head = r.choice(surnames)
        elif pattern < 0.6:
            head = f"{r.choice(surnames)} & {r.choice(surnames)}"
        else:
            head = self.brand()
        city = f" {r.choice(CITIES[country])}" if country in CITIES and r.random() < 0.2 else ""
        return f"{head} {r.choice(industries)}{city} {r.choice(forms)}", "", head

    def person(self, country: str) -> tuple[str, str]:
        """(name as written, an ASCII handle for e-mail addresses)"""
        r = self.rng
        culture = COUNTRIES[country][1]
        if culture in PERSON and culture != "latin":
            given, family = PERSON[culture]
            g, f = r.choice(given), r.choice(family)
            if culture in ("zh", "ja", "ko"):
                return f"{f}{g}", f"user{r.randrange(10**6)}"
            return f"{g} {f}", ascii_slug(g)[:1] + ascii_slug(f) or f"user{r.randrange(10**6)}"
        given = r.choice(PERSON["latin"][0])
        family = r.choice(LATIN[culture][0] if culture in LATIN else LATIN_PERSON_SURNAMES)
        return f"{given} {family}", f"{ascii_slug(given)}.{ascii_slug(family)}"


def _names(text: str) -> list[str]:
    return text.split()


# The columns written, in the order of the generated rows.
CUSTOMER_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id name name_latin country city address website "
    "industry source source_detail grade_id stage owner_id languages time_zone zone products "
    "typical_volume incoterm named_place payment_terms currency destination_port packaging "
    "certifications price_sensitivity notes last_contact_at next_follow_up_on owned_since "
    "return_warned_at search_text name_key"
)
CONTACT_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id customer_id name title emails phones "
    "whatsapp wechat skype linkedin is_primary notes"
)
TIMELINE_COLUMNS = _names("public_id created_at workspace_id subject_kind subject_id kind actor_id at data")
TASK_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id number board_id title description status "
    "blocked_reason priority assignee_id created_by_id due_date due_time due_at position "
    "completed_at subject_kind subject_id recurrence recurrence_weekdays recurrence_month_day "
    "series_id"
)


@dataclass
class Built:
    workspace: Workspace
    members: list[Membership]
    customers: int = 0


def build_workspace(
    w: Writer,
    rng: random.Random,
    *,
    slug: str,
    name: str,
    size: Size,
    now: dt.datetime,
    main: bool,
    extra_users: tuple[User, ...] = (),
) -> Built:
    started = time.monotonic()
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    ws = Workspace.objects.create(name=name, slug=slug, country="CN", time_zone=zone.key, currency="USD")
    today = now.astimezone(zone).date()
    password = make_password(PASSWORD)
    names = Names(rng)
    phones = Phones(rng)

    # --- people and rules -------------------------------------------------------------------------------
    users = User.objects.bulk_create(
        [
            User(
                email=f"rep{i:02d}@{slug}.{CRM_EMAIL_DOMAIN}",
                full_name=f"{MEMBER_NAMES[i % len(MEMBER_NAMES)]} {i:02d}",
                password=password,
                language="en" if i % 3 else "zh-hans",
                date_joined=now - dt.timedelta(days=900 if i < size.members else 7),
            )
            for i in range(1, size.members + 1)
        ]
    )
    members = Membership.objects.bulk_create(
        [Membership(workspace=ws, user=u, role=role_of(i, size.members)) for i, u in enumerate(users, 1)]
        + [Membership(workspace=ws, user=u, role=Role.SALES) for u in extra_users]
    )
    User.objects.filter(id__in=[u.id for u in users]).update(last_workspace=ws)
    member_names = {m.id: u.full_name for m, u in zip(members, users, strict=False)}
    own = [m.id for m in members[: size.members] if m.role in (Role.SALES, Role.MARKETING, Role.MANAGER)]
    busy_id = members[1].id
    light_id = members[size.members - 1].id
    regular_owners = [m for m in own if m not in (busy_id, light_id)]
    workspace_setup(ws)
    grade_rows = sorted(grades(ws), key=lambda g: g.position)
    grade_ids = [g.id for g in grade_rows]
    tags = Tag.objects.bulk_create([Tag(workspace=ws, name=n) for n in TAG_NAMES[: size.tags]])
    tag_ids = [t.id for t in tags]

    # --- customers, with their contacts, keys, name tokens and tags, in rounds ---------------------------
    n = size.customers
    first_customer = next_id(Customer)
    first_contact = next_id(Contact)
    span = dt.timedelta(days=3 * 365)
    c_created: list[dt.datetime] = []
    c_last: list[dt.datetime | None] = []
    c_owner: list[int | None] = []
    c_public: list[uuid.UUID] = []
    c_contacts: list[tuple[int, int]] = []  # (first contact id, count)
    c_people: list[list[tuple[uuid.UUID, str]]] = []  # each customer's contacts: (public id, name)
    c_culture: list[str] = []
    domains_used: set[str] = set()
    contacts_per = size.contacts / n
    contact_id = first_contact

    def plan_owner(i: int) -> int | None:
        if main and i >= n - 5:
            return light_id  # the light rep's five customers: the last rows
        r = rng.random()
        if r < 0.30:
            return None
        if main and r < 0.36:
            return busy_id
        return rng.choice(regular_owners)

    def one_customer(i: int):
        nonlocal contact_id
        country = rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0]
        culture = COUNTRIES[country][1]
        company, latin, domain_word = names.company(country)
        created = now - span + span * ((i + rng.random()) / n)
        if main and i >= n - 5:
            created = now - dt.timedelta(days=6) + dt.timedelta(minutes=i - n)
        owner = plan_owner(i)
        grade = rng.choices([None, *grade_ids], weights=[10, 10, 25, 35, 20])[0]
        domain = ""
        if rng.random() < 0.75:
            base = ascii_slug(domain_word) or f"co{i}"
            domain = f"{base}.{TLD[country]}"
            k = 2
            while domain in domains_used:
                domain = f"{base}{k}.{TLD[country]}"
                k += 1
            domains_used.add(domain)
        website = (f"www.{domain}" if rng.random() < 0.7 else f"https://{domain}/") if domain else ""
        # Follow-up state: owned customers mostly have a planned date, from 60 days ago to 90 ahead.
        next_fu = None
        last_contact = None
        if owner is not None:
            if rng.random() < 0.85:
                next_fu = today + dt.timedelta(days=rng.randint(-60, 90))
            last_contact = now - dt.timedelta(days=rng.uniform(0.2, 120))
        elif rng.random() < 0.8:
            last_contact = now - dt.timedelta(days=rng.uniform(60, 700))
        if last_contact is not None and last_contact < created:
            last_contact = created + (now - created) * rng.random()
        time_zone = ""
        if COUNTRIES[country][2] and rng.random() < 0.25:
            time_zone = rng.choice(COUNTRIES[country][2])
        city = rng.choice(CITIES[country]) if country in CITIES else ""
        profile = SimpleNamespace(
            name=company, name_latin=latin, city=city, website=website, country=country, time_zone=time_zone
        )
        # Contacts: 1–6, about `contacts_per` on average; the first is the primary one.
        count = max(1, min(6, round(rng.gauss(contacts_per, 1.0))))
        contacts = []
        taken = set()
        for k in range(count):
            person, handle = names.person(country)
            while person in taken:  # one name per customer: the contacts' order is then the app's
                person, handle = names.person(country)
            taken.add(person)
            emails = []
            r = rng.random()
            if domain and r < 0.6:
                emails.append(f"{handle}@{domain}")
            elif r < 0.92:
                free = rng.choice(FREE_MAIL.get(culture, FREE_MAIL["default"]))
                emails.append(f"{handle}{rng.randrange(10**5)}@{free}")
            if domain and rng.random() < 0.1:
                emails.append(f"sales@{domain}")
            nums = [phones.next(country)] if rng.random() < 0.85 else []
            if rng.random() < 0.25:
                nums.append(phones.next(country))
            whatsapp = ""
            if rng.random() < 0.4:
                whatsapp = nums[0] if nums and rng.random() < 0.6 else phones.next(country)
            contacts.append(
                {
                    "id": contact_id,
                    "name": person,
                    "title": rng.choice(["Purchasing manager", "Buyer", "CEO", "采购经理", "QC", ""]),
                    "emails": sorted(set(emails), key=emails.index),
                    "phones": nums,
                    "whatsapp": whatsapp,
                    "wechat": f"wx_{handle}"[:60] if culture == "zh" and rng.random() < 0.6 else "",
                    "is_primary": k == 0,
                }
            )
            contact_id += 1
        keys, tokens = customer_index(profile, contacts)
        c_created.append(created)
        c_last.append(last_contact)
        c_owner.append(owner)
        public = new_uuid()
        c_public.append(public)
        c_contacts.append((contacts[0]["id"], len(contacts)))
        c_people.append([(new_uuid(), c["name"]) for c in contacts])
        c_culture.append(culture)
        source = rng.choices(SOURCES, weights=SOURCE_WEIGHTS)[0]
        updated = created + (now - created) * rng.random()
        row = (
            first_customer + i,
            w.uuid(public),
            w.dt(created),
            w.dt(updated),
            ws.id,
            company,
            latin,
            country,
            city,
            f"{rng.randint(1, 400)} {city or 'Main'} Road" if rng.random() < 0.5 else "",
            website,
            rng.choice(INDUSTRIES),
            source,
            rng.choice(FAIRS) if source == Source.TRADE_FAIR else "",
            grade,
            rng.choices(Stage.values, weights=[30, 25, 35, 10])[0],
            owner,
            {"zh": "zh", "ru": "ru", "uk": "uk, ru", "ar": "ar, en", "ja": "ja", "ko": "ko"}.get(
                culture, "en"
            ),
            time_zone,
            profile.zone,
            rng.choice(PRODUCTS) if rng.random() < 0.7 else "",
            rng.choice(["1×40HQ a month", "2,000 pcs per order", "5–10k USD", ""]),
            rng.choice(["", *Incoterm.values]),
            "",
            rng.choice(["T/T 30/70", "L/C at sight", "D/P", ""]),
            rng.choice(["USD", "EUR", "CNY", ""]),
            "",
            "",
            rng.choice(["CE", "RoHS, REACH", "FDA", "SASO", ""]),
            rng.choice(["", "low", "medium", "high"]),
            "Met at the fair; wants a price list every quarter." if rng.random() < 0.1 else "",
            w.dt(last_contact),
            w.plain(next_fu),
            w.dt(created if owner else None),
            None,
            profile.search_text,
            profile.name_key,
        )
        contact_rows = [
            (
                c["id"],
                w.uuid(person[0]),
                w.dt(created),
                w.dt(created),
                ws.id,
                first_customer + i,
                c["name"],
                c["title"],
                json.dumps(c["emails"]),
                json.dumps(c["phones"]),
                c["whatsapp"],
                c["wechat"],
                "",
                "",
                c["is_primary"],
                "",
            )
            for c, person in zip(contacts, c_people[i], strict=True)
        ]
        key_rows = [
            (ws.id, first_customer + i, kind, value[:200])
            for kind, values in keys.items()
            for value in values
        ]
        token_rows = [(ws.id, first_customer + i, t) for t in tokens]
        tag_rows = []
        if tag_ids and rng.random() < 0.4:
            tag_rows = [(ws.id, first_customer + i, t) for t in rng.sample(tag_ids, rng.choice((1, 1, 2)))]
        return row, contact_rows, key_rows, token_rows, tag_rows

    for start in range(0, n, CHUNK):
        batch = [one_customer(i) for i in range(start, min(n, start + CHUNK))]
        w.insert(Customer, CUSTOMER_COLUMNS, (b[0] for b in batch))
        w.insert(Contact, CONTACT_COLUMNS, (r for b in batch for r in b[1]))
        w.insert(
            CustomerKey, ["workspace_id", "customer_id", "kind", "value"], (r for b in batch for r in b[2])
        )
        w.insert(
            CustomerNameToken, ["workspace_id", "customer_id", "token"], (r for b in batch for r in b[3])
        )
        w.insert(CustomerTag, ["workspace_id", "customer_id", "tag_id"], (r for b in batch for r in b[4]))
    if main:  # the light rep's five: one overdue, one today, one in 3 days, one in 30, one unplanned
        plan = [
            today - dt.timedelta(days=1),
            today,
            today + dt.timedelta(days=3),
            today + dt.timedelta(30),
            None,
        ]
        for k, due in enumerate(plan):
            Customer.objects.filter(pk=first_customer + n - 5 + k).update(next_follow_up_on=due)
    customer_time = time.monotonic() - started

    # --- timeline: a "created" entry per customer, then a long tail; a few key accounts with thousands ----
    counts = [0] * n
    extra = max(0, size.timeline - n)
    big = rng.sample(range(n - 5 if main else n), size.big_accounts)
    if main:  # a third of the key accounts are the busy rep's
        mine = [i for i in range(n - 5) if c_owner[i] == busy_id]
        big = big[: size.big_accounts - size.big_accounts // 3] + rng.sample(mine, size.big_accounts // 3)
    big_share = int(extra * 0.09)
    for i in big:
        counts[i] = big_share // len(big)
    rest = extra - sum(counts)
    mean = rest / n
    for i in range(n):
        counts[i] += round(rng.expovariate(1 / mean)) if mean > 0 else 0
    channel_names = [c for c, _w in CHANNELS]
    channel_weights = [w_ for _c, w_ in CHANNELS]

    def timeline():
        # As the app writes them (crm/timeline_events.py): an activity per entry about the customer.
        for i in range(n):
            created = c_created[i]
            owner = c_owner[i]
            subject = w.uuid(c_public[i])
            people = c_people[i]
            actor = owner or rng.choice(own)
            yield (
                w.uuid(new_uuid()), w.dt(created), ws.id, "crm.customer", subject, "crm.created", actor,
                w.dt(created), '{"channel": "system"}',
            )  # fmt: skip
            end = c_last[i] or now
            newest_contact_done = False
            for _ in range(counts[i]):
                channel = rng.choices(channel_names, weights=channel_weights)[0]
                if channel == Channel.WECHAT and c_culture[i] != "zh":
                    channel = Channel.WHATSAPP
                if not newest_contact_done and channel in CONTACT_CHANNELS and c_last[i] is not None:
                    at = c_last[i]  # the newest contact is the customer's last_contact_at
                    newest_contact_done = True
                else:
                    at = created + (end - created) * rng.random()
                summary = rng.choice(SUMMARIES[channel])
                if channel == Channel.OWNERSHIP:
                    before = rng.choice(own)
                    kind = f"crm.{OWNERSHIP_EVENTS[summary]}"
                    data = {
                        "channel": channel,
                        "from": member_names.get(before, ""),
                        "to": member_names.get(owner, "the pool"),
                        "reason": "",
                    }
                else:
                    kind = "crm.interaction"
                    talked = channel in CONTACT_CHANNELS
                    data = {
                        "channel": channel,
                        "summary": summary,
                        "outcome": rng.choice(OUTCOMES) if talked and rng.random() < 0.4 else "",
                        "next_step": rng.choice(NEXT_STEPS) if talked and rng.random() < 0.3 else "",
                    }
                    if channel in CONTACT_CHANNELS and rng.random() < 0.7:
                        public_id, name = rng.choice(people)
                        data["contact"] = {"id": str(public_id), "name": name}
                yield (
                    w.uuid(new_uuid()), w.dt(at), ws.id, "crm.customer", subject, kind,
                    owner if owner and rng.random() < 0.8 else rng.choice(own), w.dt(at), json.dumps(data),
                )  # fmt: skip

    w.insert(
        Activity,
        TIMELINE_COLUMNS,
        timeline(),
    )

    # --- tasks about customers (the profile lists them) -------------------------------------------------
    first_task = next_id(Task)
    about = [rng.randrange(n) for _ in range(max(0, size.tasks - 10 * len(big)))]
    about += [i for i in big for _ in range(10)]

    def tasks():
        for k, i in enumerate(about):
            created = c_created[i] + (now - c_created[i]) * rng.random()
            open_ = rng.random() < 0.3
            due = (created + dt.timedelta(days=rng.randint(1, 20))).astimezone(zone)
            yield (
                first_task + k, w.uuid(new_uuid()), w.dt(created), w.dt(created), ws.id, k + 1, None,
                f"Follow up with {rng.choice(['the buyer', 'QC', 'accounts'])} about the samples",
                "", "todo" if open_ else "done", "", "normal", c_owner[i] or rng.choice(own), rng.choice(own),
                w.plain(due.date()), None, w.dt(due.replace(hour=23, minute=59, second=59)), 0.0,
                None if open_ else w.dt(created + dt.timedelta(days=2)), "crm.customer", w.uuid(c_public[i]),
                "", "", None, None,
            )  # fmt: skip

    w.insert(
        Task,
        TASK_COLUMNS,
        tasks(),
    )
    Sequence.objects.update_or_create(workspace=ws, key="task", defaults={"last": len(about)})
    print(
        f"  {slug}: {len(members)} members, {n:,} customers "
        f"({sum(o is None for o in c_owner):,} in the pool), "
        f"{contact_id - first_contact:,} contacts, {n + sum(counts):,} timeline entries "
        f"(longest {max(counts) + 1:,}), {len(about):,} tasks — customers {customer_time:.1f}s, "
        f"all {time.monotonic() - started:.1f}s"
    )
    return Built(workspace=ws, members=members, customers=n)


def check_derived(workspace: Workspace, rng: random.Random, sample: int = 25) -> None:
    """Recompute a sample of customers with services.customer_reindex (rolled back) and compare: the
    duplicate check and search must work on generated data exactly as on data saved through the app."""
    from tradewind.crm.services import customer_reindex

    ids = list(Customer.objects.filter(workspace=workspace).values_list("id", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))

    def state(pk):
        c = Customer.objects.values("name_key", "search_text", "zone").get(pk=pk)
        keys = set(CustomerKey.objects.filter(customer_id=pk).values_list("kind", "value"))
        tokens = set(CustomerNameToken.objects.filter(customer_id=pk).values_list("token", flat=True))
        return c, keys, tokens

    same = 0
    for pk in chosen:
        before = state(pk)
        with transaction.atomic():
            customer_reindex(Customer.objects.get(pk=pk))
            after = state(pk)
            transaction.set_rollback(True)
        if before == after:
            same += 1
        else:
            print(f"!! customer {pk}: generated {before} but customer_reindex gives {after}")
    print(f"Derived rows match services.customer_reindex for {same} of {len(chosen)} sampled customers.")
    if same != len(chosen):
        raise SystemExit(1)


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
    ID_RANDOM.seed(f"crm-{args.seed}")  # its own ids: the tasks generator writes activity rows too
    started = time.monotonic()
    print(f"Database: {database_label()}; scale {args.scale}")
    drop_workspaces(CRM_SLUGS, email_suffix=f".{CRM_EMAIL_DOMAIN}")
    now = timezone.now()
    w = Writer()
    built = build_workspace(
        w,
        rng,
        slug=CRM_SLUG,
        name="Bench Trading 基准贸易",
        size=MAIN_SIZE.scaled(args.scale),
        now=now,
        main=True,
    )
    busy_user = User.objects.get(email=CRM_BUSY_EMAIL)
    for k, slug in enumerate(CRM_NEIGHBOUR_SLUGS):
        build_workspace(
            w,
            rng,
            slug=slug,
            name=f"Bench CRM neighbour {'AB'[k]}",
            size=NEIGHBOUR_SIZE.scaled(max(args.scale, 0.25)),
            now=now,
            main=False,
            extra_users=(busy_user,) if k == 0 else (),  # the busy rep's switcher lists two workspaces
        )
    reset_sequences(Customer, Contact, Task)
    vacuum_analyze(
        Customer, Contact, CustomerKey, CustomerNameToken, CustomerTag, Activity, Task, Tag,
        CustomerGrade, CrmSettings, Membership, User, Workspace,
    )  # fmt: skip
    check_derived(built.workspace, rng)
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    print(
        f"Done in {time.monotonic() - started:.1f}s. Busy rep: {CRM_BUSY_EMAIL}, "
        f"light rep: {CRM_LIGHT_EMAIL}, "
        f"manager: {CRM_MANAGER_EMAIL}, password {PASSWORD}"
    )


if __name__ == "__main__":
    main()
