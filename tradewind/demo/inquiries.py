"""Demo inquiries: some 25 in every state — new in the pool, assigned and overdue, answered, quoted, won,
lost to a competitor, spam, duplicates — from the demo's customers and from new buyers, for the demo
catalog's products. Made through the services (the clock, the history and the reminders are real)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tradewind.catalog.models import Product
from tradewind.core.money import Money
from tradewind.crm.models import Customer
from tradewind.trade.inquiries import services
from tradewind.trade.inquiries.models import Inquiry, LostReason

COMPETITORS = [
    (
        "Zhejiang Sunrise Kitchenware Co.",
        "CN",
        "www.sunrise-kitchen.example",
        "Cheapest on Alibaba; weak QC.",
    ),
    ("Guangdong Meilong Appliances", "CN", "www.meilong.example", "Strong in kettles and blenders."),
    ("Anatolia Cookware A.Ş.", "TR", "www.anatolia-cookware.example", "Close to EU buyers, short lead time."),
    ("Saigon Home Products JSC", "VN", "", "New; aggressive prices to the US."),
]

# buyer company, name, e-mail, country, source, platform ref, message, hours ago, what happens
NEW_BUYERS = [
    ("Lagos Home Imports Ltd", "Adebayo Okafor", "adebayo@lagoshome.example", "NG", "alibaba", "ALI-88231",
     "Please quote 3,000 pcs electric kettles, CIF Apapa. Need CE and SONCAP.", 3, "pool"),
    ("Casa Bonita SA de CV", "María López", "maria@casabonita.example", "MX", "made_in_china", "MIC-5521907",
     "Cotización de 1,200 juegos de ollas, FOB Ningbo por favor.", 30, "pool"),
    ("Nordic Kitchen AB", "Erik Lund", "erik@nordickitchen.example", "SE", "website", "",
     "We are a retailer in Stockholm looking for a stainless cookware supplier.", 50, "overdue"),
    ("Gulf Star Trading LLC", "Ahmed Saleh", "ahmed@gulfstar.example", "AE", "alibaba", "ALI-2026-90114",
     "Price for 20GP mixed cookware? Target USD 9.50 per set.", 70, "overdue"),
    ("Quick Cash Loans", "", "win@prize.example", "", "website", "", "You have won! Click here.", 20, "spam"),
    ("Melbourne Homewares Pty", "Olivia Chen", "olivia@melbhome.example", "AU", "global_sources", "GS-77120",
     "Samples of 3 kettle models first, then 2,000 pcs.", 26, "responded"),
]  # fmt: skip


def _product(workspace, n: int) -> Product | None:
    products = list(Product.objects.filter(workspace=workspace, status="active").order_by("sku")[:12])
    return products[n % len(products)] if products else None


def _items(workspace, n: int, currency: str = "USD") -> list[dict]:
    product = _product(workspace, n)
    quantity = Decimal(500 * (n % 6 + 1))
    if product is None:
        return [{"description": "Stainless steel cookware set", "quantity": quantity, "unit": "sets"}]
    price = Money(Decimal("4.5") + Decimal(n % 7), currency)
    return [{"product": product, "quantity": quantity, "target_price": price}]


def _received(hours_ago: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours_ago)


def demo_inquiries(*, workspace, members_by_email: dict) -> None:
    if Inquiry.objects.filter(workspace=workspace).exists():
        return
    manager = members_by_email["zhang.wei@haichao.example"]
    amy, kevin = members_by_email["amy.liu@haichao.example"], members_by_email["kevin.zhou@haichao.example"]
    marketing = members_by_email["lucy.xu@haichao.example"]
    services.inquiry_workspace_setup(workspace)
    services.inquiry_settings_update(
        actor=manager,
        round_robin=[amy, kevin],
        country_routes={"DE": amy},
        intake_origins="https://www.haichao.example",
    )
    rivals = [
        services.competitor_create(actor=manager, name=name, country=country, website=site, notes=notes)
        for name, country, site, notes in COMPETITORS
    ]
    reasons = list(LostReason.objects.filter(workspace=workspace))

    # From new buyers (the website form, platforms): some wait in the pool, some are late, one is spam.
    for n, (company, name, email, country, source, ref, message, ago, fate) in enumerate(NEW_BUYERS):
        actor = marketing if source != "website" else None
        fields = {
            "buyer_company": company, "buyer_name": name, "buyer_email": email, "buyer_country": country,
            "source": source, "platform_ref": ref, "message": message, "received_at": _received(ago),
            "items": _items(workspace, n),
        }  # fmt: skip
        if actor is None:
            inquiry = services.inquiry_create(actor=None, workspace=workspace, via="intake", **fields)
        else:
            inquiry = services.inquiry_create(actor=actor, **fields)
        if fate == "pool" and inquiry.assignee_id:
            services.inquiry_assign(actor=manager, inquiry=inquiry, assignee=None)
        elif fate == "spam":
            services.inquiry_close(actor=manager, inquiry=inquiry, closing="spam")
        elif fate == "responded":
            services.inquiry_mark_responded(inquiry=inquiry, at=_received(ago - 5), actor=inquiry.assignee)

    # From the demo's customers: the owner gets each; they go through every state.
    customers = list(
        Customer.objects.filter(workspace=workspace).select_related("owner").order_by("name")[:19]
    )
    fates = ["assigned", "responded", "quoted", "quoted", "won", "won", "lost", "lost", "lost", "duplicate"]
    first = None
    for n, customer in enumerate(customers):
        fate = fates[n % len(fates)]
        contact = customer.contacts.first()
        inquiry = services.inquiry_create(
            actor=customer.owner
            if customer.owner and customer.owner.role in ("sales", "manager")
            else manager,
            customer=customer,
            contact=contact,
            source=customer.source,
            message=f"Dear supplier, please send your best price for the items below, "
            f"{customer.incoterm or 'FOB'} {customer.named_place or 'Ningbo'}. "
            f"Regards, {contact.name if contact else customer.name}",
            destination_country=customer.country,
            incoterm=customer.incoterm,
            received_at=_received(6 + 31 * n),
            items=_items(workspace, n + 3, customer.currency or "USD"),
        )
        first = first or inquiry
        actor = inquiry.assignee or manager
        answered = _received(6 + 31 * n - 3)
        if fate != "assigned":
            services.inquiry_mark_responded(inquiry=inquiry, at=answered, actor=actor)
        if fate in ("quoted", "won"):
            services.inquiry_mark_quoted(actor=actor, inquiry=inquiry)
        if fate == "won":
            services.inquiry_mark_won(actor=actor, inquiry=inquiry)
        elif fate == "lost":
            reason = reasons[n % len(reasons)] if reasons else None
            rival = rivals[n % len(rivals)] if reason and "competitor" in reason.name.lower() else None
            services.inquiry_mark_lost(
                actor=actor, inquiry=inquiry, reason=reason, competitor=rival, note="Price gap ~6%"
            )
        elif fate == "duplicate" and first is not None and first.pk != inquiry.pk:
            services.inquiry_close(actor=manager, inquiry=inquiry, closing="duplicate", duplicate_of=first)
