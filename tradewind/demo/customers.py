"""Demo customers: buyers in many countries and scripts, some owned, some in the public pool."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tradewind.activity.models import Activity
from tradewind.crm import services
from tradewind.crm.models import Customer
from tradewind.crm.selectors import grades

# name, country, city, grade, stage, source, owner (e-mail local part or None = pool), contact, e-mail, phone
CUSTOMERS = [
    (
        "Müller Haushaltswaren GmbH",
        "DE",
        "Hamburg",
        "A",
        "customer",
        "trade_fair",
        "amy.liu",
        "Hans Müller",
        "h.mueller@mueller-haushalt.de",
        "+49 40 30123456",
    ),
    (
        "ACME Home Products Inc.",
        "US",
        "Chicago",
        "A",
        "customer",
        "alibaba",
        "amy.liu",
        "Jennifer Brooks",
        "jbrooks@acmehome.com",
        "+1 312 555 0147",
    ),
    (
        "Casa Bella S.r.l.",
        "IT",
        "Milano",
        "B",
        "prospect",
        "trade_fair",
        "kevin.zhou",
        "Giulia Rossi",
        "giulia@casabella.it",
        "+39 02 8734 1122",
    ),
    (
        "Maison & Cuisine SARL",
        "FR",
        "Lyon",
        "B",
        "prospect",
        "website",
        "kevin.zhou",
        "Camille Martin",
        "c.martin@maison-cuisine.fr",
        "+33 4 72 00 11 22",
    ),
    (
        "Al Noor Trading LLC",
        "AE",
        "Dubai",
        "B",
        "customer",
        "made_in_china",
        "amy.liu",
        "Ahmed Al Mansoori",
        "ahmed@alnoor-trading.ae",
        "+971 4 355 1200",
    ),
    (
        "مؤسسة الرياض للأدوات المنزلية",
        "SA",
        "Riyadh",
        "C",
        "lead",
        "alibaba",
        None,
        "Faisal Al-Harbi",
        "faisal@riyadh-home.sa",
        "+966 11 465 2233",
    ),
    (
        "ООО «ДомСтиль»",
        "RU",
        "Moscow",
        "C",
        "lead",
        "customs_data",
        "kevin.zhou",
        "Ирина Петрова",
        "i.petrova@domstyle.ru",
        "+7 495 123-45-67",
    ),
    (
        "Polska Kuchnia Sp. z o.o.",
        "PL",
        "Warszawa",
        "C",
        "prospect",
        "global_sources",
        None,
        "Piotr Nowak",
        "p.nowak@polskakuchnia.pl",
        "+48 22 123 45 67",
    ),
    (
        "Hogar Feliz S.A. de C.V.",
        "MX",
        "Guadalajara",
        "B",
        "prospect",
        "trade_fair",
        "amy.liu",
        "Lucía Hernández",
        "lucia@hogarfeliz.mx",
        "+52 33 3615 0000",
    ),
    (
        "Casa Brasil Utilidades Ltda",
        "BR",
        "São Paulo",
        "C",
        "lead",
        "cold_outreach",
        None,
        "João Silva",
        "joao@casabrasil.com.br",
        "+55 11 3456-7890",
    ),
    (
        "Kitchen Pro Pty Ltd",
        "AU",
        "Melbourne",
        "A",
        "customer",
        "referral",
        "kevin.zhou",
        "Olivia Smith",
        "olivia@kitchenpro.com.au",
        "+61 3 9123 4567",
    ),
    (
        "Nihon Daidokoro K.K. 日本台所株式会社",
        "JP",
        "Osaka",
        "B",
        "prospect",
        "trade_fair",
        "amy.liu",
        "Sato Kenji",
        "k.sato@daidokoro.jp",
        "+81 6 6123 4567",
    ),
    (
        "Seoul Living Co., Ltd. 서울리빙",
        "KR",
        "Seoul",
        "C",
        "lead",
        "alibaba",
        None,
        "Kim Min-jun",
        "minjun@seoulliving.kr",
        "+82 2 312 3456",
    ),
    (
        "Hollandse Huishoud B.V.",
        "NL",
        "Rotterdam",
        "B",
        "customer",
        "website",
        "kevin.zhou",
        "Daan de Vries",
        "daan@hollandsehuishoud.nl",
        "+31 10 123 4567",
    ),
    (
        "Cape Kitchenware (Pty) Ltd",
        "ZA",
        "Cape Town",
        "D",
        "dormant",
        "trade_fair",
        None,
        "Thabo Nkosi",
        "thabo@capekitchen.co.za",
        "+27 21 123 4567",
    ),
    (
        "Istanbul Ev Gereçleri A.Ş.",
        "TR",
        "İstanbul",
        "C",
        "prospect",
        "made_in_china",
        "amy.liu",
        "Mehmet Yılmaz",
        "mehmet@istanbulev.com.tr",
        "+90 212 123 45 67",
    ),
    (
        "Nordic Hem AB",
        "SE",
        "Göteborg",
        "B",
        "customer",
        "referral",
        "kevin.zhou",
        "Erik Lindqvist",
        "erik@nordichem.se",
        "+46 31 123 45 67",
    ),
    (
        "Lagos Home Mart Ltd",
        "NG",
        "Lagos",
        "D",
        "lead",
        "cold_outreach",
        None,
        "Chinedu Okafor",
        "chinedu@lagoshomemart.ng",
        "+234 803 123 4567",
    ),
    (
        "香港美居贸易有限公司 HK Meiju Trading",
        "HK",
        "Hong Kong",
        "B",
        "customer",
        "referral",
        "amy.liu",
        "陈美玲 May Chan",
        "may@meiju.hk",
        "+852 2123 4567",
    ),
    (
        "Vietnam Gia Dung JSC",
        "VN",
        "Hồ Chí Minh",
        "C",
        "prospect",
        "trade_fair",
        None,
        "Nguyễn Văn An",
        "an.nguyen@giadung.vn",
        "+84 28 3823 4567",
    ),
]

NOTES = [
    (
        "email",
        "Sent the 2027 catalogue and the revised price list (FOB Ningbo).",
        "Asked for samples of the 3-ply pans",
    ),
    ("call", "Talked about the Q1 order: 2×40HQ, T/T 30/70.", "Waiting for their PO"),
    ("whatsapp", "Shared photos of the new carton marks.", "Approved"),
    ("visit", "Visited them at the Canton Fair booth 12.1F23.", "Interested in induction range"),
]


# Cities outside their country's main time zone: the profile's override, as a rep would set it.
ZONE_OVERRIDES = {"Chicago": "America/Chicago"}


def demo_customers(*, workspace, members_by_email: dict) -> None:
    if Customer.objects.filter(workspace=workspace).exists():
        return
    manager = members_by_email["zhang.wei@haichao.example"]
    by_code = {g.code: g for g in grades(workspace)}
    now = timezone.now()
    for i, (name, country, city, grade, stage, source, owner, contact, email, phone) in enumerate(CUSTOMERS):
        actor = members_by_email[f"{owner}@haichao.example"] if owner else manager
        customer = services.customer_create(
            actor=actor,
            data={
                "name": name,
                "country": country,
                "city": city,
                "time_zone": ZONE_OVERRIDES.get(city, ""),
                "stage": stage,
                "source": source,
                "products": "Stainless steel cookware; kitchen utensils",
                "incoterm": "FOB",
                "named_place": "Ningbo",
                "payment_terms": "T/T 30% deposit, 70% against B/L copy",
            },
            contacts=[{"name": contact, "emails": [email], "phones": [phone]}],
            grade=by_code[grade],
            tags=["kitchenware"] + (["VIP"] if grade == "A" else []),
            owner=actor if owner else None,
            confirm_duplicates=True,
        )
        # Known to the team for a while: created before the calls logged below, not "today".
        since = now - dt.timedelta(days=40 + 3 * i)
        Customer.objects.filter(pk=customer.pk).update(created_at=since)
        Activity.objects.filter(
            subject_kind="crm.customer", subject_id=customer.public_id, kind="crm.created"
        ).update(at=since)
        if owner is None:
            continue
        channel, summary, outcome = NOTES[i % len(NOTES)]
        services.timeline_log(
            actor=actor,
            customer=customer,
            channel=channel,
            summary=summary,
            outcome=outcome,
            at=now - dt.timedelta(days=3 + i),
        )
        # Some follow-ups due today or overdue, so the follow-up page has work on it.
        due = timezone.localdate() + dt.timedelta(days=(i % 5) - 2)
        Customer.objects.filter(pk=customer.pk).update(next_follow_up_on=due)
