from django.urls import path

from tradewind.chat.views import actions, files, pages, rooms, settings

app_name = "chat"

ONE = "chat/<uuid:conversation_id>/"
MESSAGE = ONE + "m/<uuid:message_id>/"

urlpatterns = [
    path("chat/", pages.chat_home, name="home"),
    path("chat/search/", pages.search, name="search"),
    path("chat/new/", actions.channel_new, name="channel_new"),
    path("chat/direct/", actions.direct_new, name="direct_new"),
    path("chat/customer/<uuid:customer_id>/", rooms.customer_room, name="customer_room"),
    path("chat/order/<uuid:order_id>/", rooms.order_room, name="order_room"),
    path(ONE, pages.conversation, name="conversation"),
    path(ONE + "messages/", pages.messages, name="messages"),
    path(ONE + "send/", actions.send, name="send"),
    path(ONE + "read/", actions.mark_read, name="read"),
    path(ONE + "join/", actions.join, name="join"),
    path(ONE + "leave/", actions.leave, name="leave"),
    path(ONE + "settings/", settings.settings, name="settings"),
    path(ONE + "export/", actions.export, name="export"),
    path(ONE + "files/<uuid:file_id>/", files.download, name="file"),
    path(ONE + "files/<uuid:file_id>/thumbnail/", files.thumbnail, name="file_thumbnail"),
    path(MESSAGE + "thread/", pages.thread, name="thread"),
    path(MESSAGE + "edit/", actions.edit, name="edit"),
    path(MESSAGE + "delete/", actions.delete, name="delete"),
    path(MESSAGE + "react/", actions.react, name="react"),
    path(MESSAGE + "pin/", actions.pin, name="pin"),
    path(MESSAGE + "task/", actions.to_task, name="to_task"),
    path(MESSAGE + "log/", actions.log_on_timeline, name="log"),
]
