import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import workspace_today
from tests.receiver import Receiver
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.notifications import settings_services
from tradewind.notifications.choices import DeliveryStatus, EmailMode, EmailState
from tradewind.notifications.delivery import MAX_ATTEMPTS, deliveries_send_due, delivery_retry
from tradewind.notifications.digest import digests_queue
from tradewind.notifications.models import (
    Delivery,
    Notification,
    NotificationPreference,
    Reminder,
    WebhookChannel,
)
from tradewind.notifications.quiet_hours import quiet_hours_release
from tradewind.notifications.reminders import reminders_fire_due
from tradewind.notifications.services import notification_mark_read, notify
from tradewind.tasks import services as task_services
from tradewind.workspaces.choices import Role


def _notify(recipients, **kw):
    return notify(recipients=recipients, kind="tasks.assigned", title=lambda: "Hello", url="/x/", **kw)


def test_notify_skips_the_actor_inactive_members_and_duplicates(sales, member_factory):
    other, gone = member_factory(), member_factory()
    gone.is_active = False
    gone.save()
    created = _notify([sales, other, other, gone], actor=sales)
    assert [n.recipient for n in created] == [other]


def test_title_is_rendered_in_each_readers_language(sales, member_factory):
    from django.utils.translation import gettext as _

    zh = member_factory()
    zh.user.language = "zh-hans"
    zh.user.save()
    notify(recipients=[sales, zh], kind="tasks.assigned", title=lambda: _("Sign in"))
    assert Notification.objects.get(recipient=sales).title == "Sign in"
    assert Notification.objects.get(recipient=zh).title == "登录"


def test_email_immediately_by_default_and_digest_when_chosen(sales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([sales])
    assert Delivery.objects.filter(channel="email", recipient=sales).count() == 1
    deliveries_send_due()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [sales.user.email]
    NotificationPreference.objects.create(
        workspace=sales.workspace, membership=sales, kind="tasks.assigned", email=EmailMode.DIGEST
    )
    _notify([sales])
    assert Notification.objects.filter(email_state=EmailState.DIGEST_PENDING).count() == 1
    assert Delivery.objects.filter(channel="email").count() == 1


def test_daily_digest_goes_out_once_after_eight_local(sales):
    NotificationPreference.objects.create(
        workspace=sales.workspace, membership=sales, kind="tasks.assigned", email=EmailMode.DIGEST
    )
    _notify([sales])
    _notify([sales])
    shanghai_7am = dt.datetime(2026, 12, 1, 23, 0, tzinfo=dt.UTC)  # 07:00 in Asia/Shanghai
    assert digests_queue(now=shanghai_7am) == 0
    nine = shanghai_7am + dt.timedelta(hours=2)
    assert digests_queue(now=nine) == 1
    assert digests_queue(now=nine) == 0
    digest = Delivery.objects.get(key__startswith="digest:")
    assert digest.payload["text"].count("Hello") == 2
    _notify([sales])  # arrives after today's digest: waits for tomorrow's
    assert digests_queue(now=nine + dt.timedelta(hours=1)) == 0
    assert digests_queue(now=nine + dt.timedelta(days=1)) == 1


def test_quiet_hours_hold_non_urgent_messages_until_morning(sales):
    from tradewind.accounts.models import User

    user = User(time_zone="Europe/Berlin", quiet_hours_start=dt.time(22), quiet_hours_end=dt.time(7))
    late = dt.datetime(2026, 12, 1, 22, 30, tzinfo=dt.UTC)  # 23:30 in Berlin
    assert quiet_hours_release(user=user, zone_name="UTC", now=late) == dt.datetime(
        2026, 12, 2, 6, 0, tzinfo=dt.UTC
    )
    noon = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)
    assert quiet_hours_release(user=user, zone_name="UTC", now=noon) == noon
    sales.user.quiet_hours_start, sales.user.quiet_hours_end = dt.time(0), dt.time(23, 59)
    sales.user.save()
    _notify([sales])
    _notify([sales], urgent=True)
    times = sorted(Delivery.objects.values_list("next_attempt_at", flat=True))
    assert times[0] <= timezone.now() < times[1], "the urgent one goes now, the other waits"


def test_personal_and_team_webhooks_in_their_formats(sales, admin, member_factory):
    with Receiver() as receiver:
        WebhookChannel.objects.create(
            workspace=sales.workspace, owner=sales, platform="slack", name="mine", url=receiver.url
        )
        WebhookChannel.objects.create(
            workspace=sales.workspace,
            owner=None,
            platform="wecom",
            name="team",
            url=receiver.url,
            kinds=["tasks.assigned"],
            language="en",
        )
        receiver.body = b'{"errcode": 0, "errmsg": "ok"}'
        _notify([sales, admin])
        deliveries_send_due()
        shapes = sorted(
            "blocks" if "blocks" in r["json"] else r["json"]["msgtype"] for r in receiver.requests
        )
    # One Slack message for the member's own channel, one WeCom message for the team (not one per recipient).
    assert shapes == ["blocks", "markdown"]
    # The receiver answered in WeCom's format, which Slack's sender rightly does not take as success.
    assert Delivery.objects.get(webhook__owner=sales).last_error
    assert Delivery.objects.get(webhook__name="team").status == DeliveryStatus.SENT


def test_a_failing_webhook_is_retried_with_back_off_then_shown_to_admins(workspace, sales, admin, client_for):
    with Receiver(status=500, body=b"down") as receiver:
        WebhookChannel.objects.create(
            workspace=workspace, owner=sales, platform="slack", name="mine", url=receiver.url
        )
        NotificationPreference.objects.create(
            workspace=workspace, membership=sales, kind="tasks.assigned", email=EmailMode.OFF
        )
        _notify([sales])
        deliveries_send_due()
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING and "500" in delivery.last_error
        assert delivery.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)
        later = timezone.now()
        for _attempt in range(2, MAX_ATTEMPTS + 1):
            later += dt.timedelta(hours=7)
            deliveries_send_due(now=later)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS
        assert len(receiver.requests) == MAX_ATTEMPTS
    page = client_for(admin).get(f"/w/{workspace.slug}/notifications/deliveries/")
    assert "500" in page.content.decode()
    assert client_for(sales).get(f"/w/{workspace.slug}/notifications/deliveries/").status_code == 404
    delivery_retry(delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0


def test_webhook_rules(sales, admin, settings):
    settings.PRODUCTION = True
    with pytest.raises(ValidationFailed) as err:
        settings_services.webhook_create(
            actor=sales, platform="slack", name="x", url="http://hooks.slack.com/x"
        )
    assert err.value.field == "url"
    with pytest.raises(ValidationFailed):
        settings_services.webhook_create(
            actor=sales, platform="dingtalk", name="x", url="https://10.0.0.1/robot"
        )
    with pytest.raises(PermissionDenied):
        settings_services.webhook_create(
            actor=sales,
            platform="wecom",
            name="x",
            url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1",
            team=True,
        )
    assert not WebhookChannel.objects.exists()


def test_webhook_page_never_shows_the_full_url_or_secret(workspace, sales, client_for):
    client = client_for(sales)
    secret_url = "http://127.0.0.1:9/robot/send?access_token=SECRET-TOKEN-123456"
    r = client.post(
        f"/w/{workspace.slug}/notifications/webhooks/",
        {
            "platform": "dingtalk",
            "name": "Sales group",
            "url": secret_url,
            "secret": "SEC-SIGNING-abcdef",
            "language": "en",
        },
    )
    assert r.status_code == 302
    html = client.get(f"/w/{workspace.slug}/notifications/webhooks/").content.decode()
    assert "Sales group" in html and "SECRET-TOKEN" not in html and "SEC-SIGNING" not in html


def test_a_bad_webhook_url_gets_a_clear_message(workspace, sales, client_for, settings):
    settings.PRODUCTION = True
    r = client_for(sales).post(
        f"/w/{workspace.slug}/notifications/webhooks/",
        {"platform": "slack", "name": "x", "url": "http://127.0.0.1/x", "language": "en"},
    )
    assert r.status_code == 400 and "https://" in r.content.decode()


def test_preferences_page_saves_choices_and_quiet_hours(workspace, sales, client_for):
    client = client_for(sales)
    data = {
        "email_tasks.comment": "off",
        "webhook_tasks.assigned": "1",
        "quiet_hours_start": "22:00",
        "quiet_hours_end": "07:30",
    }
    assert client.post(f"/w/{workspace.slug}/notifications/preferences/", data).status_code == 302
    pref = NotificationPreference.objects.get(membership=sales, kind="tasks.comment")
    assert pref.email == "off" and pref.webhook is False
    sales.user.refresh_from_db()
    assert sales.user.quiet_hours_end == dt.time(7, 30)
    r = client.post(f"/w/{workspace.slug}/notifications/preferences/", {"quiet_hours_start": "22:00"})
    assert r.status_code == 400


def test_notification_centre_lists_opens_and_marks_read(workspace, sales, member_factory, client_for):
    colleague = member_factory(Role.MANAGER)
    task = task_services.task_create(actor=colleague, title="Chase balance payment", assignee=sales)
    client = client_for(sales)
    html = client.get(f"/w/{workspace.slug}/notifications/").content.decode()
    assert "Chase balance payment" in html
    assert "data-unread-count >1<" in client.get(f"/w/{workspace.slug}/").content.decode().replace("\n", "")
    note = Notification.objects.get(recipient=sales)
    r = client.post(f"/w/{workspace.slug}/notifications/{note.public_id}/open/")
    assert r["Location"] == f"/w/{workspace.slug}/tasks/{task.public_id}/"
    note.refresh_from_db()
    assert note.read_at is not None
    task_services.task_comment_add(actor=colleague, task=task, body="ping")
    assert client.post(f"/w/{workspace.slug}/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=sales, read_at__isnull=True).exists()


def test_someone_elses_notification_is_404(workspace, sales, member_factory, client_for):
    other = member_factory()
    _notify([other])
    note = Notification.objects.get(recipient=other)
    assert (
        client_for(sales).post(f"/w/{workspace.slug}/notifications/{note.public_id}/open/").status_code == 404
    )
    assert notification_mark_read(membership=sales, notification_ids=[note.pk]) == 0


def test_a_reminder_fires_once_even_if_run_twice(sales, member_factory):
    manager = member_factory(Role.MANAGER)
    soon = timezone.now() + dt.timedelta(hours=30)
    local = soon.astimezone(dt.timezone(dt.timedelta(hours=8)))
    task = task_services.task_create(
        actor=manager,
        title="Send PI",
        assignee=sales,
        due_date=local.date(),
        due_time=local.time().replace(microsecond=0),
    )
    reminder = Reminder.objects.get(target_id=task.public_id, kind="tasks.due_soon")
    late = reminder.fire_at + dt.timedelta(seconds=1)
    assert reminders_fire_due(now=late) == 1
    assert reminders_fire_due(now=late) == 0
    Reminder.objects.filter(pk=reminder.pk).update(
        processed_at=None
    )  # as if the commit was lost and it re-ran
    reminders_fire_due(now=late)
    assert Notification.objects.filter(recipient=sales, kind="tasks.due_soon").count() == 1


def test_a_reminder_for_a_moved_deadline_stays_silent(sales, member_factory):
    manager = member_factory(Role.MANAGER)
    task = task_services.task_create(
        actor=manager, title="x", assignee=sales, due_date=workspace_today() + dt.timedelta(days=3)
    )
    stale = Reminder.objects.get(target_id=task.public_id, kind="tasks.due_now")
    Reminder.objects.filter(pk=stale.pk).update(fire_at=timezone.now() - dt.timedelta(minutes=1))
    reminders_fire_due()
    assert not Notification.objects.filter(kind="tasks.due_soon").exists()


def test_due_soon_lead_time_follows_the_workspace_setting(workspace, sales, member_factory):
    workspace.task_reminder_lead_hours = 48
    workspace.save()
    manager = member_factory(Role.MANAGER)
    task = task_services.task_create(
        actor=manager, title="x", assignee=sales, due_date=workspace_today() + dt.timedelta(days=5)
    )
    plan = {r.kind: r.fire_at for r in Reminder.objects.filter(target_id=task.public_id)}
    assert plan["tasks.due_now"] - plan["tasks.due_soon"] == dt.timedelta(hours=48)


def test_unread_count_is_pushed_to_the_members_sockets(
    sales, django_capture_on_commit_callbacks, monkeypatch
):
    pushed = []
    monkeypatch.setattr("tradewind.core.realtime._send_many", pushed.extend)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([sales])
    assert (
        f"membership.{sales.pk}",
        {"type": "realtime.event", "topic": "notifications", "payload": {"unread": 1}},
    ) in pushed


def test_api_notifications(workspace, sales, client_for):
    _notify([sales])
    _notify([sales])
    client = client_for(sales)
    base = f"/api/v1/workspaces/{workspace.slug}"
    assert client.get(f"{base}/notifications/unread-count").json() == {"unread": 2}
    items = client.get(f"{base}/notifications?unread=true").json()["items"]
    assert len(items) == 2
    r = client.post(
        f"{base}/notifications/read", data={"ids": [items[0]["id"]]}, content_type="application/json"
    )
    assert r.json() == {"unread": 1}
    r = client.post(f"{base}/notifications/read", data={}, content_type="application/json")
    assert r.json() == {"unread": 0}
    prefs = client.get(f"{base}/notification-preferences").json()
    assert {p["kind"] for p in prefs["kinds"]} >= {"tasks.assigned", "tasks.overdue"}
    r = client.put(
        f"{base}/notification-preferences",
        data={
            "kinds": [{"kind": "tasks.assigned", "email": "digest", "webhook": False}],
            "quiet_hours": {"start": "22:00:00", "end": "07:00:00"},
        },
        content_type="application/json",
    )
    assert r.status_code == 200
    assert NotificationPreference.objects.get(membership=sales, kind="tasks.assigned").email == "digest"
    r = client.put(
        f"{base}/notification-preferences",
        data={"kinds": [{"kind": "tasks.assigned", "email": "carrier-pigeon"}]},
        content_type="application/json",
    )
    assert r.status_code == 422 and r.json()["fields"]


def test_api_webhooks_are_masked_and_personal(workspace, sales, member_factory, client_for):
    base = f"/api/v1/workspaces/{workspace.slug}"
    r = client_for(sales).post(
        f"{base}/webhooks",
        data={
            "platform": "feishu",
            "name": "mine",
            "url": "http://127.0.0.1:9/open-apis/bot/v2/hook/abcdef123456",
            "secret": "s3cr3t-signing-key",
        },
        content_type="application/json",
    )
    assert r.status_code == 201
    body = r.json()
    assert "abcdef123456" not in body["url"] and "s3cr3t" not in body["secret"]
    other = member_factory()
    assert client_for(other).get(f"{base}/webhooks").json() == []
    assert client_for(other).delete(f"{base}/webhooks/{body['id']}").status_code == 404
    assert client_for(sales).delete(f"{base}/webhooks/{body['id']}").status_code == 204
    assert Client().get(f"{base}/webhooks").status_code == 401
