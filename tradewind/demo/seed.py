"""Believable demo data: a Ningbo exporter and its team. Idempotent: running it again changes nothing
but the demo password (so the printed credentials always work)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation

from tradewind.accounts.models import User
from tradewind.workspaces import services
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace

COMPANY = {
    "slug": "haichao",
    "name": "宁波海潮进出口有限公司 Ningbo Haichao Import & Export Co., Ltd.",
    "country": "CN",
    "time_zone": "Asia/Shanghai",
    "currency": "USD",
}
# A second, smaller workspace so the workspace switcher has something to switch to.
EUROPE_OFFICE = {
    "slug": "haichao-europe",
    "name": "Haichao Europe GmbH (Hamburg)",
    "country": "DE",
    "time_zone": "Europe/Berlin",
    "currency": "EUR",
}

TEAM = [
    # email, name, role, language, time zone ("" = the workspace's)
    ("chen.jie@haichao.example", "陈杰 Chen Jie", Role.OWNER, "zh-hans", ""),
    ("wang.li@haichao.example", "王丽 Wang Li", Role.ADMIN, "zh-hans", ""),
    ("zhang.wei@haichao.example", "张伟 Zhang Wei", Role.MANAGER, "zh-hans", ""),
    ("amy.liu@haichao.example", "刘艾米 Amy Liu", Role.SALES, "en", ""),
    ("kevin.zhou@haichao.example", "周凯文 Kevin Zhou", Role.SALES, "zh-hans", ""),
    ("sun.min@haichao.example", "孙敏 Sun Min", Role.MERCHANDISER, "zh-hans", ""),
    ("li.na@haichao.example", "李娜 Li Na", Role.DOCUMENTS, "zh-hans", ""),
    ("zhao.lei@haichao.example", "赵磊 Zhao Lei", Role.LOGISTICS, "zh-hans", ""),
    ("grace.he@haichao.example", "何雅 Grace He", Role.SERVICE, "en", ""),
    ("lucy.xu@haichao.example", "徐露 Lucy Xu", Role.MARKETING, "en", ""),
    ("qian.fang@haichao.example", "钱芳 Qian Fang", Role.FINANCE, "zh-hans", ""),
    ("hans.becker@haichao.example", "Hans Becker", Role.VIEWER, "en", "Europe/Berlin"),
]
EUROPE_TEAM = [
    ("hans.becker@haichao.example", Role.OWNER),
    ("chen.jie@haichao.example", Role.ADMIN),
    ("amy.liu@haichao.example", Role.SALES),
]


@dataclass
class DemoResult:
    workspace: Workspace
    users: list[tuple[str, str, str]]  # email, name, role
    created: bool


def _user(email: str, name: str, language: str, time_zone: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=name, language=language, time_zone=time_zone)
    user.set_password(password)
    user.save()
    return user


def _workspace(profile: dict, owner: User) -> tuple[Workspace, bool]:
    existing = Workspace.objects.filter(slug=profile["slug"]).first()
    if existing:
        return existing, False
    # Made as its owner would make it: what setup writes (the order workflow's stages and procedures, the
    # documents' rules …) in the owner's language, as from the sign-up form.
    with translation.override(owner.language):
        return services.workspace_create(user=owner, **profile), True


@transaction.atomic
def demo_seed(*, password: str) -> DemoResult:
    users = {email: _user(email, name, lang, tz, password) for email, name, _role, lang, tz in TEAM}
    workspace, created = _workspace(COMPANY, users[TEAM[0][0]])
    for email, _name, role, _lang, _tz in TEAM:
        Membership.objects.get_or_create(workspace=workspace, user=users[email], defaults={"role": role})
    from tradewind.chat.demo import demo_chat
    from tradewind.demo.catalog import demo_catalog
    from tradewind.demo.customers import demo_customers
    from tradewind.demo.fulfilment import demo_fulfilment, demo_order_team
    from tradewind.demo.fx import demo_fx
    from tradewind.demo.inquiries import demo_inquiries
    from tradewind.demo.tasks import demo_tasks
    from tradewind.demo.trade import demo_trade
    from tradewind.library.demo import demo_library
    from tradewind.mail.demo import demo_mail
    from tradewind.trade.aftersales.demo import demo_aftersales
    from tradewind.trade.production.demo import demo_production
    from tradewind.trade.receivables.demo import demo_receivables
    from tradewind.trade.shipdocs.demo import demo_shipdocs
    from tradewind.trade.shipping.demo import demo_shipping

    members = {
        m.user.email: m
        for m in Membership.objects.filter(workspace=workspace).select_related("user", "workspace")
    }
    demo_tasks(workspace=workspace, members_by_email=members)
    demo_customers(workspace=workspace, members_by_email=members)
    demo_catalog(workspace=workspace, members_by_email=members)
    demo_fx(workspace=workspace, entered_by=members["qian.fang@haichao.example"])  # before any quotation
    demo_inquiries(workspace=workspace, members_by_email=members)
    demo_order_team(workspace=workspace, members_by_email=members)  # before orders are confirmed
    demo_trade(workspace=workspace, members_by_email=members)
    # Fulfilment, in the order the work happens; the workflow's stages last, from what happened.
    demo_production(workspace=workspace, members_by_email=members)
    demo_shipping(workspace=workspace, members_by_email=members)
    demo_shipdocs(workspace=workspace, members_by_email=members)
    demo_receivables(workspace=workspace, members_by_email=members)
    demo_aftersales(workspace=workspace, members_by_email=members)
    demo_fulfilment(workspace=workspace, members_by_email=members)
    demo_chat(workspace=workspace, members_by_email=members)
    demo_library(workspace=workspace, members_by_email=members)
    demo_mail(workspace=workspace, members_by_email=members)
    europe, _ = _workspace(EUROPE_OFFICE, users[EUROPE_TEAM[0][0]])
    for email, role in EUROPE_TEAM:
        Membership.objects.get_or_create(workspace=europe, user=users[email], defaults={"role": role})
    europe_owner = Membership.objects.get(workspace=europe, user=users[EUROPE_TEAM[0][0]])
    demo_fx(workspace=europe, entered_by=europe_owner)
    return DemoResult(
        workspace=workspace,
        users=[(email, name, Role(role).label) for email, name, role, _l, _t in TEAM],
        created=created,
    )


def print_credentials(result: DemoResult, *, password: str, url: str) -> None:
    state = "created" if result.created else "already there, unchanged"
    print(f"\nDemo workspace “{result.workspace.name}” ({state}).")
    print(f"Open {url} and sign in with any of these accounts — password: {password}")
    print("(set TRADEWIND_DEMO_PASSWORD to choose another)\n")
    for email, name, role in result.users:
        print(f"  {email:<32} {role!s:<18} {name}")
    print()
