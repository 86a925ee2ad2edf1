"""Chat's URLs in the outsider matrix (tests/test_tenancy.py): a private channel of the victim's owner with a
message and a reply in its thread, all carrying the marker; the customer and order rooms are reached through
the victim's customer and order."""

from tests.factories import png_upload
from tradewind.chat import services

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    # The pages (tradewind/chat/urls.py).
    "chat:home": "404",
    "chat:search": "404",
    "chat:channel_new": "404",
    "chat:direct_new": "404",
    "chat:customer_room": "404",
    "chat:order_room": "404",
    "chat:conversation": "404",
    "chat:messages": "404",
    "chat:send": "404",
    "chat:read": "404",
    "chat:join": "404",
    "chat:leave": "404",
    "chat:settings": "404",
    "chat:export": "404",
    "chat:thread": "404",
    "chat:edit": "404",
    "chat:delete": "404",
    "chat:react": "404",
    "chat:pin": "404",
    "chat:to_task": "404",
    "chat:log": "404",
    "chat:file": "404",
    "chat:file_thumbnail": "404",
    # The API (tradewind/chat/api/).
    "api:chat_conversation_list": "404",
    "api:chat_search": "404",
    "api:chat_conversation_export": "404",
    "api:chat_message_task": "404",
    "api:chat_message_log": "404",
    "api:chat_channel_directory": "404",
    "api:chat_channel_create": "404",
    "api:chat_conversation_detail": "404",
    "api:chat_conversation_update": "404",
    "api:chat_conversation_archive": "404",
    "api:chat_conversation_unarchive": "404",
    "api:chat_conversation_join": "404",
    "api:chat_conversation_leave": "404",
    "api:chat_conversation_members": "404",
    "api:chat_conversation_invite": "404",
    "api:chat_direct_open": "404",
    "api:chat_customer_room_open": "404",
    "api:chat_order_room_open": "404",
    "api:chat_conversation_notify": "404",
    "api:chat_conversation_read": "404",
    "api:chat_message_list": "404",
    "api:chat_message_send": "404",
    "api:chat_message_changes": "404",
    "api:chat_message_detail": "404",
    "api:chat_message_edit": "404",
    "api:chat_message_delete": "404",
    "api:chat_message_react": "404",
    "api:chat_message_pin": "404",
    "api:chat_message_unpin": "404",
    "api:chat_message_thread": "404",
    "api:chat_message_send_files": "404",
    "api:chat_file_download": "404",
    "api:chat_file_thumbnail": "404",
    "api:chat_card": "404",
}
PARAMS = {"conversation_id": "conversation_id", "message_id": "message_id", "file_id": "file_id"}


def build(*, owner, member, customer, order, product) -> dict:
    channel = services.channel_create(
        actor=owner, name=f"Pricing {MARKER}", topic=MARKER, is_private=True, members=[member]
    )
    root = services.message_send(actor=owner, conversation=channel, body=f"Floor price {MARKER}")
    services.message_send(actor=member, conversation=channel, body=f"Reply {MARKER}", thread_root=root)
    services.message_react(actor=member, message=root, emoji="👍")
    photo = services.message_send(
        actor=owner, conversation=channel, body=MARKER, files=[png_upload(f"{MARKER}.png")]
    )
    return {
        "conversation_id": channel.public_id,
        "message_id": root.public_id,
        "file_id": photo.files.get().public_id,
    }
