"""The demo's chat: #general, #sales and #shipping, a customer room and an order room with the team's
usual mix of Chinese and English, a thread, mentions and an @channel, a photo and a file — all through the
services."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile

from tradewind.chat import services
from tradewind.chat.models import Conversation
from tradewind.trade.choices import OrderStatus
from tradewind.trade.models import Order

OWNER, MANAGER, AMY, KEVIN = ("chen.jie@haichao.example", "zhang.wei@haichao.example",
                              "amy.liu@haichao.example", "kevin.zhou@haichao.example")  # fmt: skip
MERCH, DOCS, LOGI, FINANCE = ("sun.min@haichao.example", "li.na@haichao.example", "zhao.lei@haichao.example",
                              "qian.fang@haichao.example")  # fmt: skip


def _say(conversation, who, body, **extra):
    return services.message_send(actor=who, conversation=conversation, body=body, **extra)


def _sample_photo() -> ContentFile:
    """A drawn "photo" of a gift box: the demo ships no image files."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 360), (236, 232, 224))
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 110, 360, 290), fill=(178, 34, 52), outline=(120, 20, 30), width=4)
    draw.rectangle((228, 110, 252, 290), fill=(232, 190, 80))
    draw.rectangle((120, 188, 360, 212), fill=(232, 190, 80))
    out = io.BytesIO()
    image.save(out, "PNG")
    return ContentFile(out.getvalue(), name="gift-box-sample.png")


def _packing_list() -> ContentFile:
    rows = [
        "carton_no,item,qty_per_carton,cartons,gross_kg,net_kg,cbm",
        "1-120,KT-1200 Kettle,8,120,1464.0,1296.0,9.84",
        "121-150,GB-01 Gift box,50,30,318.0,285.0,2.10",
    ]
    return ContentFile("\n".join(rows).encode(), name="packing-list-draft.csv")


def _at(member) -> str:
    return f"<@{member.public_id}>"


def demo_chat(*, workspace, members_by_email) -> None:
    if Conversation.objects.filter(workspace=workspace).exists():
        return  # the demo is made once
    m = members_by_email
    if not all(k in m for k in (OWNER, MANAGER, AMY, KEVIN, MERCH, DOCS, LOGI, FINANCE)):
        return
    everyone = [member for member in m.values() if member.is_active]
    general = services.channel_create(
        actor=m[OWNER], name="general", topic="公司通知 · Company news", members=everyone
    )
    _say(general, m[OWNER], "大家好！本周五下午 4 点开周会，请各位准备好本周的客户跟进和出货情况。 @channel")
    _say(general, m[AMY], "Noted 👍 I'll bring the Hausmann and Nordic follow-ups.")
    _say(general, m[FINANCE], "提醒：月底前请把本月的银行水单都交给财务。")

    sales = services.channel_create(
        actor=m[MANAGER], name="sales", topic="报价与客户跟进 · Quotes and follow-ups",
        members=[m[OWNER], m[AMY], m[KEVIN], m[MERCH]],
    )  # fmt: skip
    question = _say(sales, m[KEVIN], "**Kettle KT-1200** 的新报价是多少？客户要 FOB Ningbo，1,000 台。")
    _say(sales, m[MANAGER], "FOB Ningbo USD 12.50，超过 3,000 台可以到 11.90。", thread_root=question)
    _say(sales, m[KEVIN], f"收到，谢谢 {_at(m[MANAGER])}！我今天下午发出。", thread_root=question)
    _say(sales, m[AMY], f"{_at(m[MERCH])} can the factory do the new gift box by the end of the month?")
    _say(sales, m[MERCH], "可以，工厂说 25 号前能出样品。I'll send photos.")
    _say(sales, m[MERCH], "礼盒打样照片 · Gift box sample", files=[_sample_photo()])

    shipping = services.channel_create(
        actor=m[LOGI], name="shipping", topic="订舱、船期和单证 · Bookings, sailings, documents",
        members=[m[LOGI], m[DOCS], m[MERCH], m[AMY], m[KEVIN]],
    )  # fmt: skip
    _say(shipping, m[LOGI], "本周宁波到汉堡的船期：周四截关，周六开船。需要订舱的请今天告诉我。")
    _say(shipping, m[DOCS], f"{_at(m[LOGI])} 提单草稿收到了，收货人地址需要改，我已经发给货代。")
    _say(shipping, m[AMY], "Buyer asks for the ETA of the second container — can we confirm by tomorrow?")
    _say(shipping, m[DOCS], "装箱单草稿，请核对箱数和毛重。", files=[_packing_list()])

    orders = list(
        Order.objects.filter(workspace=workspace, status=OrderStatus.CONFIRMED)
        .select_related("customer", "workspace")
        .order_by("confirmed_at", "id")[:1]
    )
    if orders:
        order = orders[0]
        owner = order.owner or m[MANAGER]
        room = services.customer_room_open(actor=owner, customer=order.customer)
        _say(room, owner, f"{order.customer.name} 下周想视频会议看新品，谁有空参加？")
        _say(room, m[MANAGER], "周二上午 10 点（德国时间凌晨 3 点不行）——改成北京时间下午 4 点吧。")
        order_room = services.order_room_open(actor=owner, order=order)
        _say(order_room, m[MERCH], f"{order.number}：大货已完成 80%，预计下周三验货。")
        _say(order_room, m[LOGI], f"{_at(owner)} 已订舱，订舱号 EGLV142300581，下周六开船。")
        _say(order_room, owner, "Great, I'll tell the buyer. 谢谢！")
