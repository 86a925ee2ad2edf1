"""Demo data for production and QC: three factories around Ningbo, production on the demo's confirmed
orders — one of them late for its delivery date (at risk), one made at two factories — and a QC
inspection that failed and then passed on re-inspection. Made through the services, as the merchandiser
would (the rep of the late order is told)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order
from tradewind.trade.production import services
from tradewind.trade.production.models import Supplier

SUPPLIERS = [
    {
        "name": "Ningbo Haishu Kitchenware Factory", "contact_person": "王建国 Wang Jianguo",
        "phone": "+86 574 8736 2210", "email": "sales@haishu-kitchen.example",
        "city": "Ningbo", "country": "CN",
        "notes": "Stainless steel kettles and pots. BSCI audited 2025. MOQ 1,000 pcs per model; 30% deposit.",
    },
    {
        "name": "Yuyao Huatai Plastic Products Co., Ltd.", "contact_person": "陈丽 Chen Li",
        "phone": "+86 574 6258 1130", "email": "chenli@huatai-plastic.example",
        "city": "Yuyao", "country": "CN",
        "notes": "Injection moulding: kettle bases, lids, handles. Own mould shop; 25 days for a new mould.",
    },
    {
        "name": "Cixi Jiadian Small Appliance Factory", "contact_person": "周海 Zhou Hai",
        "phone": "+86 574 6301 7788", "email": "zhouhai@cixi-jiadian.example",
        "city": "Cixi", "country": "CN",
        "notes": "Final assembly and packing. CE/GS testing arranged through the factory's TÜV contact.",
    },
]  # fmt: skip


def _photo(name: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A small picture standing in for a photo from the factory floor."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(image)
    for x in range(40, 480, 90):  # cartons on a pallet
        draw.rectangle([x, 180, x + 70, 320], outline=(255, 255, 255), width=4)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def demo_production(*, workspace, members_by_email) -> None:
    if Supplier.objects.filter(workspace=workspace).exists():
        return  # made already
    merchandiser = members_by_email["sun.min@haichao.example"]
    today = timezone.localdate()

    def day(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    ningbo, yuyao, cixi = (services.supplier_create(actor=merchandiser, **values) for values in SUPPLIERS)
    orders = list(Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED).order_by("id"))
    if not orders:
        return

    # The first order: made in Ningbo, well under way, a failed pre-shipment inspection and its pass.
    first = orders[0]
    delivery = first.delivery_date or day(40)
    production = services.production_create(
        actor=merchandiser, order=first, supplier=ningbo, goods="Electric kettles, all models of the PI",
        planned_start=day(-14), planned_ready=delivery - dt.timedelta(days=7), actual_start=day(-12),
    )  # fmt: skip
    services.production_progress_add(
        actor=merchandiser, production=production, progress=40, note="Bodies stamped, heating elements in.",
        photos=[_photo("stamping-line.jpg", (70, 110, 150))],
    )  # fmt: skip
    services.production_progress_add(
        actor=merchandiser, production=production, progress=85,
        note="Assembly done for 1,700 pcs; packing started. Gift boxes arrived from the printer.",
        photos=[_photo("packing.jpg", (150, 120, 80)), _photo("gift-boxes.jpg", (180, 60, 60))],
    )  # fmt: skip
    failed = services.inspection_book(
        actor=merchandiser, order=first, production=production, agency="sgs",
        inspector="Lily Xu (SGS Ningbo)", inspected_on=day(-5),
        notes="AQL II, major 2.5 / minor 4.0, as the buyer asked.",
    )  # fmt: skip
    services.inspection_record_result(
        actor=merchandiser, inspection=failed, result="fail",
        defects="Major: 9 of 200 lids do not close flush (limit 7). Minor: scratches on 5 bodies.",
        photos=[_photo("lid-gap.jpg", (90, 90, 90))],
    )  # fmt: skip
    again = services.inspection_book(
        actor=merchandiser, order=first, production=production, agency="sgs",
        inspector="Lily Xu (SGS Ningbo)", inspected_on=day(-1),
        notes="Re-inspection after the lid hinges were reworked.",
    )  # fmt: skip
    services.inspection_record_result(
        actor=merchandiser, inspection=again, result="pass_remarks",
        defects="Lids within limits now; 2 minor scratches, accepted.",
        report=SimpleUploadedFile("SGS-reinspection-report.pdf", b"%PDF-1.4\n% demo report\n"),
    )  # fmt: skip

    # The second order: the factory moved its ready date past the delivery date — the order is at risk.
    if len(orders) > 1:
        second = orders[1]
        delivery = second.delivery_date or day(35)
        late = services.production_create(
            actor=merchandiser, order=second, supplier=cixi, goods="Kettles, assembly and packing",
            planned_start=day(-6), planned_ready=delivery - dt.timedelta(days=5), actual_start=day(-5),
        )  # fmt: skip
        services.production_progress_add(
            actor=merchandiser, production=late, progress=20, expected_ready=delivery + dt.timedelta(days=9),
            note="Thermostats from the supplier are 2 weeks late; the factory now expects the goods later.",
        )  # fmt: skip
        services.inspection_book(
            actor=merchandiser, order=second, production=late, agency="own", inspector="孙敏 Sun Min",
            kind="during", inspected_on=day(4),
        )  # fmt: skip

    # The third: two factories — the plastic parts in Yuyao, the assembly in Cixi.
    if len(orders) > 2:
        third = orders[2]
        services.production_create(
            actor=merchandiser, order=third, supplier=yuyao, goods="Bases and lids (plastic parts)",
            planned_start=day(3), planned_ready=day(20),
        )  # fmt: skip
        services.production_create(
            actor=merchandiser, order=third, supplier=cixi, goods="Assembly and packing",
            planned_start=day(18), planned_ready=day(32),
        )  # fmt: skip
