"""Conversations under /api/v1/workspaces/{slug}/chat/…: mine with their unread counts, the directory of
public channels, channels made, changed, archived, joined, left and invited to, direct messages, the rooms of
a customer and of an order, read markers and notification levels. The same services, rules and permissions
as the pages: a conversation one may not read is a 404, as if missing."""

from uuid import UUID

from django.db.models import Exists, OuterRef
from django.http import Http404
from ninja import Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers, file_answer
from tradewind.chat import selectors, services
from tradewind.chat.access import access_conversation
from tradewind.chat.api.answers import channel_out, conversations_out, members_out
from tradewind.chat.api.router import router
from tradewind.chat.api.schemas import (
    ChannelIn,
    ChannelOut,
    ChannelPatch,
    ConversationOut,
    DirectIn,
    MembersIn,
    NotifyIn,
    ParticipantOut,
    ReadMarkerIn,
)
from tradewind.chat.models import Participant
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.trade.access import access_order
from tradewind.workspaces.models import Membership

BASE = "/workspaces/{slug}/chat"
ONE = BASE + "/conversations/{conversation_id}"


def _answer(m, public_id) -> dict:
    """The conversation as the caller now sees it (read again after a change, with their participation)."""
    conversation = access_conversation(m, public_id)
    return conversations_out(m, [(conversation, conversation.participant)])[0]


def _members(m, ids) -> list[Membership]:
    """The members a body names, each of the caller's workspace, or 404 as any id of a record the caller
    cannot see (an inactive member is found, and the service refuses it with its message)."""
    wanted = set(ids)
    found = list(
        Membership.objects.select_related("user").filter(workspace_id=m.workspace_id, public_id__in=wanted)
    )
    if len(found) != len(wanted):
        raise Http404
    return found


@router.get(
    BASE + "/conversations",
    response=list[ConversationOut],
    summary="My conversations",
    url_name="chat_conversation_list",
)
def chat_conversation_list(request, slug: str):
    """The channels, direct messages and rooms you take part in, the latest activity first, each with how
    many messages came after your read marker."""
    m = api_membership(request, slug)
    return conversations_out(
        m, [(row.conversation, row.participant) for row in selectors.my_conversations(m)]
    )


@router.get(
    BASE + "/channels",
    response=list[ChannelOut],
    summary="The directory of public channels",
    url_name="chat_channel_directory",
)
@paginate(PageWithCount)
def chat_channel_directory(request, slug: str):
    """Every public channel (anyone may join), archived ones last; `taking_part` says if you are in it."""
    m = api_membership(request, slug)
    mine = Participant.objects.filter(conversation=OuterRef("pk"), membership=m, left_at__isnull=True)
    return MappedRows(selectors.public_channels(m).annotate(taking_part=Exists(mine)), channel_out)


@router.post(
    BASE + "/channels",
    response=answers(ConversationOut, 403, 409, status=201),
    summary="Create a channel",
    url_name="chat_channel_create",
)
def chat_channel_create(request, slug: str, payload: ChannelIn):
    """You and the members you name take part. 409: a channel has the name already; 403: a viewer."""
    m = api_membership(request, slug)
    channel = services.channel_create(
        actor=m,
        name=payload.name,
        topic=payload.topic,
        description=payload.description,
        is_private=payload.is_private,
        members=_members(m, payload.members),
    )
    return Status(201, _answer(m, channel.public_id))


@router.get(ONE, response=ConversationOut, summary="One conversation", url_name="chat_conversation_detail")
def chat_conversation_detail(request, slug: str, conversation_id: UUID):
    return _answer(api_membership(request, slug), conversation_id)


@router.patch(
    ONE,
    response=answers(ConversationOut, 403, 409),
    summary="Rename a channel or change its topic",
    url_name="chat_conversation_update",
)
def chat_conversation_update(request, slug: str, conversation_id: UUID, payload: ChannelPatch):
    """Channels only, by their creator and the leads (403 otherwise). 409: the name is taken."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    services.channel_update(actor=m, conversation=conversation, **payload.dict(exclude_unset=True))
    return _answer(m, conversation_id)


@router.post(
    ONE + "/archive",
    response=answers(ConversationOut, 403),
    summary="Archive a channel",
    url_name="chat_conversation_archive",
)
def chat_conversation_archive(request, slug: str, conversation_id: UUID):
    """It is read, searched and exported as before; nobody posts in it. Its creator and the leads."""
    m = api_membership(request, slug)
    services.conversation_archive(actor=m, conversation=access_conversation(m, conversation_id))
    return _answer(m, conversation_id)


@router.post(
    ONE + "/unarchive",
    response=answers(ConversationOut, 403),
    summary="Bring back an archived channel",
    url_name="chat_conversation_unarchive",
)
def chat_conversation_unarchive(request, slug: str, conversation_id: UUID):
    m = api_membership(request, slug)
    services.conversation_unarchive(actor=m, conversation=access_conversation(m, conversation_id))
    return _answer(m, conversation_id)


@router.post(
    ONE + "/join",
    response=answers(ConversationOut, 403, 409),
    summary="Join a public channel",
    url_name="chat_conversation_join",
)
def chat_conversation_join(request, slug: str, conversation_id: UUID):
    """What was said before you joined is history, not unread. 403: not a public channel; 409: archived."""
    m = api_membership(request, slug)
    services.channel_join(actor=m, conversation=access_conversation(m, conversation_id))
    return _answer(m, conversation_id)


@router.post(
    ONE + "/leave",
    response=answers(None, 409, status=204),
    summary="Leave a channel",
    url_name="chat_conversation_leave",
)
def chat_conversation_leave(request, slug: str, conversation_id: UUID):
    """409: a direct message or a room (mute it instead). A private channel is then a 404 for you."""
    m = api_membership(request, slug)
    services.channel_leave(actor=m, conversation=access_conversation(m, conversation_id))
    return Status(204, None)


@router.get(
    ONE + "/members",
    response=list[ParticipantOut],
    summary="Who takes part",
    url_name="chat_conversation_members",
)
@paginate(PageWithCount)
def chat_conversation_members(request, slug: str, conversation_id: UUID):
    """The participants, in order of joining. A customer or order room is read by whoever may see the
    customer: its participants are those who opened it or wrote in it."""
    conversation = access_conversation(api_membership(request, slug), conversation_id)
    return MappedRows(selectors.taking_part([conversation]), page_out=members_out)


@router.post(
    ONE + "/members",
    response=answers(list[ParticipantOut], 403, 409),
    summary="Invite members to a channel",
    url_name="chat_conversation_invite",
)
def chat_conversation_invite(request, slug: str, conversation_id: UUID, payload: MembersIn):
    """Answers the members invited. To a private channel, its members and keepers invite; to a public one,
    anyone. 409: not a channel (a room follows who may see its customer); 422: an inactive member."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    invited = services.channel_invite(
        actor=m, conversation=conversation, members=_members(m, payload.members)
    )
    return members_out(invited)


@router.post(
    BASE + "/direct",
    response=answers(ConversationOut, 403),
    summary="Open a direct message",
    url_name="chat_direct_open",
)
def chat_direct_open(request, slug: str, payload: DirectIn):
    """The conversation of exactly you and these members, made the first time: a pair or a group (up to
    eight people) has one history."""
    m = api_membership(request, slug)
    conversation = services.direct_open(actor=m, members=_members(m, payload.members))
    return _answer(m, conversation.public_id)


@router.post(
    BASE + "/customers/{customer_id}/room",
    response=answers(ConversationOut, 403),
    summary="Open a customer's room",
    url_name="chat_customer_room_open",
)
def chat_customer_room_open(request, slug: str, customer_id: UUID):
    """Made the first time someone opens it; read by whoever may see the customer's details (a handover
    moves the room with the customer). A customer whose details you do not see is a 404."""
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    if not can_see_details(m, customer):
        raise Http404
    conversation = services.customer_room_open(actor=m, customer=customer)
    return _answer(m, conversation.public_id)


@router.post(
    BASE + "/orders/{order_id}/room",
    response=answers(ConversationOut, 403),
    summary="Open an order's room",
    url_name="chat_order_room_open",
)
def chat_order_room_open(request, slug: str, order_id: UUID):
    """Read by whoever may see the order."""
    m = api_membership(request, slug)
    conversation = services.order_room_open(actor=m, order=access_order(m, order_id))
    return _answer(m, conversation.public_id)


@router.put(
    ONE + "/notify",
    response=answers(ConversationOut, 403),
    summary="Set my notification level",
    url_name="chat_conversation_notify",
)
def chat_conversation_notify(request, slug: str, conversation_id: UUID, payload: NotifyIn):
    """For this conversation: all messages, mentions only, or muted. Setting it makes you take part."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    services.conversation_notify_set(actor=m, conversation=conversation, notify=payload.notify)
    return _answer(m, conversation_id)


@router.post(
    ONE + "/read",
    response=answers(ConversationOut, 403),
    summary="Mark read up to a number",
    url_name="chat_conversation_read",
)
def chat_conversation_read(request, slug: str, conversation_id: UUID, payload: ReadMarkerIn):
    """Your marker moves forward to `seq` (at most the latest); never back."""
    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    services.conversation_mark_read(actor=m, conversation=conversation, seq=payload.seq)
    return _answer(m, conversation_id)


@router.get(
    ONE + "/export",
    response=answers(None, 403),
    summary="Export a conversation as CSV",
    url_name="chat_conversation_export",
    openapi_extra=file_answer("text/csv"),
)
def chat_conversation_export(request, slug: str, conversation_id: UUID):
    """Every message in order (administrators; audited)."""
    from django.http import StreamingHttpResponse

    from tradewind.chat.exports import conversation_export
    from tradewind.core.net import client_ip

    m = api_membership(request, slug)
    conversation = access_conversation(m, conversation_id)
    lines = conversation_export(actor=m, conversation=conversation, ip=client_ip(request))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chat-{conversation.public_id}.csv"'
    return response
