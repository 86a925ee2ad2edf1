"""The demo's library: the team's folders (catalogs, certificates, contract templates — the templates kept
to the documents clerk, the sales team and the leads), a contract template with three versions, a link to
the catalog sent to a buyer, and a customer's and an order's folders holding their papers. Small PDFs drawn
by WeasyPrint, all through the services."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.html import escape

from tradewind.library import services
from tradewind.library.models import Folder
from tradewind.library.services.shares import share_create
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order
from tradewind.workspaces.choices import Role

OWNER, MANAGER, AMY, DOCS, LOGI = ("chen.jie@haichao.example", "zhang.wei@haichao.example",
                                   "amy.liu@haichao.example", "li.na@haichao.example",
                                   "zhao.lei@haichao.example")  # fmt: skip


def _pdf(name: str, title: str, *lines: str) -> ContentFile:
    from weasyprint import HTML  # imported when a PDF is made: Pango loads with it

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = (
        "<html><head><meta charset='utf-8'><style>body{font-family:'Noto Sans CJK SC',sans-serif;"
        f"font-size:11pt}}h1{{font-size:16pt}}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return ContentFile(HTML(string=html).write_pdf(), name=name)


def demo_library(*, workspace, members_by_email) -> None:
    if Folder.objects.filter(workspace=workspace).exists():
        return  # the demo is made once
    m = members_by_email
    if not all(k in m for k in (OWNER, MANAGER, AMY, DOCS, LOGI)):
        return
    docs, manager = m[DOCS], m[MANAGER]
    catalogs = services.folder_create(actor=m[AMY], name="产品目录 Catalogs")
    catalog = services.document_upload(
        actor=m[AMY], folder=catalogs, comment="2026 edition",
        upload=_pdf("Haichao catalog 2026.pdf", "Haichao Trading — Catalog 2026",
                    "KT-1200 Electric kettle 1.7 L, stainless steel, CE / GS / RoHS.",
                    "GB-01 Gift box, red, 50 per carton. MOQ 1,000 pcs. FOB Ningbo."),
    )  # fmt: skip
    share_create(actor=m[AMY], document=catalog.document, days=30, language="en")  # sent to a buyer
    certificates = services.folder_create(actor=docs, name="证书 Certificates")
    services.document_upload(
        actor=docs, folder=certificates,
        upload=_pdf("CE certificate KT-1200.pdf", "EC Declaration of Conformity",
                    "Product: Electric kettle KT-1200. Directives 2014/35/EU, 2014/30/EU.",
                    "产品：电热水壶 KT-1200，符合欧盟低电压和电磁兼容指令。"),
    )  # fmt: skip
    templates = services.folder_create(actor=manager, name="合同模板 Contract templates")
    services.folder_access_set(
        actor=manager, folder=templates, restricted=True,
        rules=[(Role.DOCUMENTS, True), (Role.SALES, False)],
    )  # fmt: skip
    contract = "Sales contract template (EN-ZH).pdf"
    for body, comment in (
        ("Payment: 30% deposit, 70% against copy of B/L.", "first version"),
        ("Payment: 30% deposit by T/T, 70% against copy of B/L within 7 days.", "payment terms made exact"),
        (
            "Disputes: CIETAC arbitration, Shanghai. 争议提交上海国际经济贸易仲裁委员会仲裁。",
            "arbitration clause",
        ),
    ):
        services.document_upload(
            actor=docs, folder=templates, comment=comment,
            upload=_pdf(contract, "Sales Contract 销售合同", "Seller: Ningbo Haichao Trading Co., Ltd.",
                        body),
        )  # fmt: skip
    order = (
        Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED)
        .select_related("customer")
        .order_by("id")
        .first()
    )
    if order is None:
        return
    customer_folder = services.customer_folder(order.customer)
    services.document_upload(
        actor=m[AMY] if order.customer.owner_id == m[AMY].pk else docs, folder=customer_folder,
        upload=_pdf("NDA signed.pdf", f"Non-disclosure agreement — {order.customer.name}",
                    "Signed by both parties. Valid three years."),
    )  # fmt: skip
    order_folder = services.order_folder(order)
    services.document_upload(
        actor=docs, folder=order_folder,
        upload=_pdf(f"报关单 {order.number}.pdf", f"出口货物报关单 Export customs declaration {order.number}",
                    "申报口岸：宁波海关。贸易方式：一般贸易。",
                    "Port of declaration: Ningbo Customs. Terms: FOB Ningbo."),
    )  # fmt: skip
    services.document_upload(
        actor=m[LOGI], folder=order_folder,
        upload=ContentFile(b"carton_no,item,qty,gross_kg\n1-120,KT-1200 Kettle,960,1464.0\n",
                           name=f"Packing list {order.number}.csv"),
    )  # fmt: skip
