"""Chat's writes: conversations (channels, direct messages, customer and order rooms) and messages."""

from tradewind.chat.services.conversations import (  # noqa: F401
    channel_create,
    channel_invite,
    channel_join,
    channel_leave,
    channel_update,
    conversation_archive,
    conversation_mark_read,
    conversation_notify_set,
    conversation_unarchive,
    customer_room_open,
    direct_open,
    order_room_open,
)
from tradewind.chat.services.follow_up import message_log_on_timeline, message_to_task  # noqa: F401
from tradewind.chat.services.messages import (  # noqa: F401
    message_delete,
    message_edit,
    message_pin,
    message_react,
    message_send,
)
