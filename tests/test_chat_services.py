"""Chat's rules: who takes part and reads, numbering and idempotent sending, threads, mentions, edits and
deletes, reactions, read markers."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.factories import CustomerFactory
from tradewind.chat import selectors, services
from tradewind.chat.choices import ConversationKind, NotifyLevel
from tradewind.chat.models import Mention, Message, MessageRevision
from tradewind.chat.permissions import can_read
from tradewind.chat.services.conversations import participant_of
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "sun": member_factory(Role.MERCHANDISER),
        "viewer": member_factory(Role.VIEWER),
    }


def reads(member, conversation) -> bool:
    return can_read(member, conversation, participant_of(conversation, member))


def test_a_public_channel_is_read_by_all_and_a_private_one_by_its_members(people):
    general = services.channel_create(actor=people["amy"], name="#General", topic="Everything")
    assert general.name == "General" and reads(people["kevin"], general)
    secret = services.channel_create(
        actor=people["amy"], name="Pricing", is_private=True, members=[people["sun"]]
    )
    assert reads(people["sun"], secret) and not reads(people["kevin"], secret)
    with pytest.raises(PermissionDenied):
        services.channel_join(actor=people["kevin"], conversation=secret)
    services.channel_join(actor=people["kevin"], conversation=general)
    assert participant_of(general, people["kevin"]).left_at is None


def test_invitations_to_a_private_channel_come_from_inside_and_never_into_an_archive(people):
    secret = services.channel_create(actor=people["amy"], name="Pricing", is_private=True)
    with pytest.raises(PermissionDenied):  # not inside, not a lead
        services.channel_invite(actor=people["kevin"], conversation=secret, members=[people["kevin"]])
    services.channel_invite(actor=people["amy"], conversation=secret, members=[people["sun"]])
    services.channel_invite(actor=people["sun"], conversation=secret, members=[people["kevin"]])  # inside now
    assert reads(people["kevin"], secret)
    services.conversation_archive(actor=people["amy"], conversation=secret)
    with pytest.raises(Conflict):
        services.channel_invite(actor=people["amy"], conversation=secret, members=[people["owner"]])
    assert participant_of(secret, people["owner"]) is None


def test_channel_names_are_unique_whatever_the_case_and_never_empty(people):
    services.channel_create(actor=people["amy"], name="Shipping")
    with pytest.raises(Conflict):
        services.channel_create(actor=people["kevin"], name="shipping")
    with pytest.raises(ValidationFailed):
        services.channel_create(actor=people["kevin"], name="  # ")


def test_messages_are_numbered_and_a_retry_with_its_key_is_stored_once(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    services.channel_join(actor=people["kevin"], conversation=channel)
    first = services.message_send(actor=people["amy"], conversation=channel, body="报价已发 **Hausmann**")
    again = services.message_send(actor=people["kevin"], conversation=channel, body="ok", client_key="k-1")
    retry = services.message_send(actor=people["kevin"], conversation=channel, body="ok", client_key="k-1")
    assert (first.seq, again.seq) == (1, 2) and retry.pk == again.pk
    assert Message.objects.filter(conversation=channel).count() == 2
    channel.refresh_from_db()
    assert channel.last_seq == 2
    assert [m.seq for m in selectors.changes_after(channel, 1)] == [2]


def test_bad_messages_change_nothing(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    with pytest.raises(ValidationFailed):
        services.message_send(actor=people["amy"], conversation=channel, body="   ")
    with pytest.raises(ValidationFailed):
        services.message_send(actor=people["amy"], conversation=channel, body="x" * 8001)
    with pytest.raises(PermissionDenied):
        services.message_send(actor=people["viewer"], conversation=channel, body="hello")
    secret = services.channel_create(actor=people["amy"], name="Secret", is_private=True)
    with pytest.raises(PermissionDenied):
        services.message_send(actor=people["kevin"], conversation=secret, body="hello")
    services.conversation_archive(actor=people["amy"], conversation=channel)
    with pytest.raises(Conflict):
        services.message_send(actor=people["amy"], conversation=channel, body="hello")
    assert not Message.objects.exists()


def test_a_reply_joins_the_thread_of_its_message(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    root = services.message_send(actor=people["amy"], conversation=channel, body="Who books the vessel?")
    reply = services.message_send(actor=people["amy"], conversation=channel, body="Zhao", thread_root=root)
    nested = services.message_send(actor=people["amy"], conversation=channel, body="ok", thread_root=reply)
    root.refresh_from_db()
    assert nested.thread_root_id == root.pk and root.reply_count == 2
    assert [m.seq for m in selectors.history(channel)] == [root.seq]
    assert selectors.thread(root) == [reply, nested]


def test_mentions_reach_only_those_who_may_read(people):
    secret = services.channel_create(
        actor=people["amy"], name="Pricing", is_private=True, members=[people["sun"]]
    )
    body = f"<@{people['sun'].public_id}> <@{people['kevin'].public_id}> please check @channel"
    message = services.message_send(actor=people["amy"], conversation=secret, body=body)
    assert set(Mention.objects.filter(message=message).values_list("membership", flat=True)) == {
        people["sun"].pk
    }
    assert message.mentions_channel


def told(member) -> list[str]:
    return list(Notification.objects.filter(recipient=member).order_by("id").values_list("kind", flat=True))


def test_who_is_told_once_the_message_is_committed(people, django_capture_on_commit_callbacks):
    amy, kevin, sun, owner = people["amy"], people["kevin"], people["sun"], people["owner"]
    channel = services.channel_create(actor=amy, name="Sales", members=[kevin, sun, owner])
    services.conversation_notify_set(actor=owner, conversation=channel, notify=NotifyLevel.ALL)
    services.conversation_notify_set(actor=sun, conversation=channel, notify=NotifyLevel.MUTE)
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=amy, conversation=channel, body="a quiet update")
    assert (told(kevin), told(sun), told(owner), told(amy)) == ([], [], ["chat.message"], [])
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(
            actor=amy, conversation=channel, body=f"<@{kevin.public_id}> <@{sun.public_id}> the PI"
        )
    assert told(kevin) == ["chat.mention"] and told(sun) == []  # muted: not even for a mention
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=amy, conversation=channel, body="@channel cut-off is Thursday")
    assert told(kevin) == ["chat.mention", "chat.mention"] and told(sun) == []
    assert told(owner) == ["chat.message", "chat.message", "chat.mention"]
    dm = services.direct_open(actor=kevin, members=[sun])
    with django_capture_on_commit_callbacks(execute=True):
        services.message_send(actor=kevin, conversation=dm, body="在吗？")
    (note,) = Notification.objects.filter(recipient=sun)
    assert note.kind == "chat.message" and note.message == "在吗？"


def test_a_message_deleted_before_the_worker_tells_nobody(people, django_capture_on_commit_callbacks):
    dm = services.direct_open(actor=people["amy"], members=[people["kevin"]])
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        message = services.message_send(actor=people["amy"], conversation=dm, body="oops")
    services.message_delete(actor=people["amy"], message=message)
    for callback in waiting:
        callback()
    assert told(people["kevin"]) == []


def test_edits_keep_history_and_deletes_leave_a_placeholder(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    services.channel_join(actor=people["kevin"], conversation=channel)
    message = services.message_send(actor=people["amy"], conversation=channel, body="ETD 12 May")
    with pytest.raises(PermissionDenied):
        services.message_edit(actor=people["kevin"], message=message, body="ETD 15 May")
    services.message_edit(actor=people["amy"], message=message, body="ETD 15 May")
    assert message.edited_at and MessageRevision.objects.get(message=message).body == "ETD 12 May"
    with pytest.raises(PermissionDenied):
        services.message_delete(actor=people["kevin"], message=message)
    services.message_delete(actor=people["owner"], message=message)  # an administrator may
    message.refresh_from_db()
    assert message.deleted_at and message.body == "" and not MessageRevision.objects.filter(message=message)
    assert AuditEntry.objects.filter(action="chat_message_removed").exists()


def test_reactions_toggle_and_pins(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    message = services.message_send(actor=people["amy"], conversation=channel, body="Deposit in")
    assert services.message_react(actor=people["amy"], message=message, emoji="👍") is True
    assert services.message_react(actor=people["amy"], message=message, emoji="👍") is False
    with pytest.raises(ValidationFailed):
        services.message_react(actor=people["amy"], message=message, emoji="two words")
    services.message_pin(actor=people["amy"], message=message)
    assert message.pinned_at is not None


def test_direct_messages_have_one_history_per_group_of_at_most_eight(people, member_factory):
    dm = services.direct_open(actor=people["amy"], members=[people["kevin"]])
    assert services.direct_open(actor=people["kevin"], members=[people["amy"]]).pk == dm.pk
    assert dm.kind == ConversationKind.DIRECT and not reads(people["sun"], dm)
    with pytest.raises(ValidationFailed):
        services.direct_open(actor=people["amy"], members=[member_factory() for _ in range(8)])
    with pytest.raises(ValidationFailed):
        services.direct_open(actor=people["amy"], members=[people["amy"]])


def test_a_customer_room_follows_who_may_see_the_customer(people):
    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    room = services.customer_room_open(actor=people["amy"], customer=customer)
    assert services.customer_room_open(actor=people["owner"], customer=customer).pk == room.pk
    assert not reads(people["kevin"], room)
    with pytest.raises(PermissionDenied):
        services.customer_room_open(actor=people["kevin"], customer=customer)
    customer.owner = people["kevin"]  # handed over: the room goes with the customer
    customer.save(update_fields=["owner"])
    room.refresh_from_db()
    assert reads(people["kevin"], room) and not reads(people["amy"], room)
    assert room.pk not in {r.conversation.pk for r in selectors.my_conversations(people["amy"])}


def test_unread_counts_and_read_markers(people):
    channel = services.channel_create(actor=people["amy"], name="Sales")
    services.channel_join(actor=people["kevin"], conversation=channel)
    for text in ("one", "two", "three"):
        services.message_send(actor=people["amy"], conversation=channel, body=text)
    (row,) = selectors.my_conversations(people["kevin"])
    assert row.unread == 3
    services.conversation_mark_read(actor=people["kevin"], conversation=channel, seq=2)
    services.conversation_mark_read(actor=people["kevin"], conversation=channel, seq=1)  # never backwards
    assert selectors.my_conversations(people["kevin"])[0].unread == 1
    assert selectors.my_conversations(people["amy"])[0].unread == 0  # who writes has read
    services.conversation_notify_set(actor=people["kevin"], conversation=channel, notify=NotifyLevel.MUTE)
    with pytest.raises(ValidationFailed):
        services.conversation_notify_set(actor=people["kevin"], conversation=channel, notify="loud")


def test_sending_too_fast_is_refused_with_a_clear_message(people, settings):
    from tradewind.core.errors import Throttled

    settings.CHAT_SEND_PER_MINUTE = 2
    channel = services.channel_create(actor=people["amy"], name="Sales")
    services.message_send(actor=people["amy"], conversation=channel, body="one")
    services.message_send(actor=people["amy"], conversation=channel, body="two")
    with pytest.raises(Throttled) as refused:
        services.message_send(actor=people["amy"], conversation=channel, body="three")
    assert "too fast" in str(refused.value.message) and Message.objects.count() == 2


def test_a_message_becomes_a_task_or_a_note_on_the_customers_timeline(people):
    from tests.factories import timeline_of
    from tradewind.core.subjects import subjects_resolve

    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    room = services.customer_room_open(actor=people["amy"], customer=customer)
    message = services.message_send(
        actor=people["amy"], conversation=room, body="Buyer wants samples by Friday"
    )
    task = services.message_to_task(actor=people["amy"], message=message)
    assert task.title == "Buyer wants samples by Friday" and task.assignee == people["amy"]
    assert "Buyer wants samples by Friday" in task.description
    (ref,) = subjects_resolve(people["amy"], [task.subject]).values()
    assert ref.url.endswith(f"?at={message.seq}#m{message.seq}")
    assert subjects_resolve(people["kevin"], [task.subject]) == {}  # Kevin may not read Amy's customer's room
    services.message_log_on_timeline(actor=people["amy"], message=message)
    assert any(
        "Buyer wants samples by Friday" in entry.data.get("summary", "") for entry in timeline_of(customer)
    )
    channel = services.channel_create(actor=people["amy"], name="Sales")
    elsewhere = services.message_send(actor=people["amy"], conversation=channel, body="hello")
    with pytest.raises(ValidationFailed):
        services.message_log_on_timeline(actor=people["amy"], message=elsewhere)


def test_a_deactivated_member_drops_out_of_every_conversation(people, django_capture_on_commit_callbacks):
    from tradewind.chat.selectors import taking_part
    from tradewind.workspaces.services import membership_deactivate

    amy, kevin = people["amy"], people["kevin"]
    channel = services.channel_create(actor=amy, name="Pricing", is_private=True, members=[kevin])
    dm = services.direct_open(actor=amy, members=[kevin])
    membership_deactivate(actor=people["owner"], target=kevin)
    kevin.refresh_from_db()
    assert not reads(kevin, channel) and not reads(kevin, dm)
    assert kevin.pk not in {p.membership_id for p in taking_part([channel])}
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(actor=amy, conversation=dm, body=f"<@{kevin.public_id}> still there?")
    assert not Mention.objects.filter(message=message).exists() and told(kevin) == []
    with pytest.raises(PermissionDenied):
        services.message_send(actor=kevin, conversation=channel, body="I left the company")


@pytest.mark.postgres_pass  # SQLite takes one writer at a time: only PostgreSQL's row lock is tested here
@pytest.mark.django_db(transaction=True)
def test_senders_at_once_get_every_number_once_and_a_raced_retry_is_stored_once(people):
    """Eight requests at the same instant: the numbers are 1…8 with none twice or skipped, and the two that
    carry the same client key (a retry racing the original) store one message and both answer with it."""
    if connection.vendor != "postgresql":
        pytest.skip("the row lock is PostgreSQL's")
    amy = people["amy"]
    channel = services.channel_create(actor=amy, name="Sales")
    keys = ["same", "same", "a", "b", "c", "d", "e", "f"]
    start = threading.Barrier(len(keys))

    def send(key: str) -> tuple[int, bool]:
        try:
            start.wait(5)
            sent = services.message_send(actor=amy, conversation=channel, body=f"offer {key}", client_key=key)
            return sent.pk, sent.replayed
        finally:
            connection.close()

    with ThreadPoolExecutor(len(keys)) as pool:
        answers = list(pool.map(send, keys))
    assert answers[0][0] == answers[1][0] and sorted([answers[0][1], answers[1][1]]) == [False, True]
    stored = list(Message.objects.filter(conversation=channel).order_by("seq").values_list("seq", flat=True))
    channel.refresh_from_db()
    assert stored == list(range(1, 8)) and channel.last_seq == 7
