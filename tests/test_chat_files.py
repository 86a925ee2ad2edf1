"""Files in the chat: sent with a message (images with a thumbnail), from the composer and the API;
refused when of a type not accepted, a program in disguise, too many or too big — with nothing stored;
downloaded only by who reads the conversation; gone with a deleted message; found by "with a file"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import png_upload
from tests.test_chat_api import ChatApi, one
from tradewind.chat import services
from tradewind.chat.files import FILES_PER_MESSAGE
from tradewind.chat.models import Message, MessageFile
from tradewind.chat.search import MessageSearch, message_search
from tradewind.core.errors import ValidationFailed
from tradewind.files.models import StoredFile
from tradewind.workspaces.choices import Role

SCRIPT = {"HTTP_X_TRADEWIND_CHAT": "1"}


def pdf(name="PI-2026-0007.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")


@pytest.fixture
def people(member_factory):
    return {r: member_factory(role) for r, role in [("amy", Role.SALES), ("kevin", Role.SALES)]}


@pytest.fixture
def channel(people):
    channel = services.channel_create(actor=people["amy"], name="Shipping", is_private=True)
    services.channel_invite(actor=people["amy"], conversation=channel, members=[people["kevin"]])
    return channel


def file_url(name, conversation, sent) -> str:
    return reverse(name, args=[conversation.workspace.slug, conversation.public_id, sent.public_id])


def test_a_message_carries_files_and_an_image_gets_a_thumbnail(people, channel):
    message = services.message_send(
        actor=people["amy"], conversation=channel, body="", files=[png_upload("carton.png"), pdf()]
    )
    image, document = message.files.order_by("id")
    assert message.has_files and message.body == ""  # files alone are a message
    assert image.is_image and image.thumbnail.content_type == "image/jpeg"
    assert not document.is_image and document.file.original_name == "PI-2026-0007.pdf"
    assert document.file.content_type == "application/pdf"


@pytest.mark.parametrize(
    "files, says",
    [
        ([SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + b"\x00" * 60)], "not accepted"),
        ([SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 60)], "programs are not accepted"),
        ([pdf(f"{i}.pdf") for i in range(FILES_PER_MESSAGE + 1)], "at most 10 files"),
        ([SimpleUploadedFile("empty.pdf", b"")], "is empty"),
    ],
)
def test_refused_files_store_nothing(people, channel, files, says):
    with pytest.raises(ValidationFailed) as refused:
        services.message_send(actor=people["amy"], conversation=channel, body="docs", files=files)
    assert says in str(refused.value.message)
    assert not Message.objects.filter(conversation=channel).exists()
    assert not StoredFile.objects.exists()


def test_files_over_the_limit_together_are_refused(people, channel, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4" + b"x" * 600_000) for i in range(2)]
    with pytest.raises(ValidationFailed, match="limit is 1 MB"):
        services.message_send(actor=people["amy"], conversation=channel, body="", files=big)
    assert not StoredFile.objects.exists()


def test_a_deleted_message_takes_its_files_with_it(people, channel, django_capture_on_commit_callbacks):
    message = services.message_send(actor=people["amy"], conversation=channel, body="x", files=[png_upload()])
    with django_capture_on_commit_callbacks(execute=True):
        services.message_delete(actor=people["amy"], message=message)
    assert not MessageFile.objects.exists() and not StoredFile.objects.exists()
    message.refresh_from_db()
    assert not message.has_files


def test_search_finds_messages_with_a_file(people, channel):
    services.message_send(actor=people["amy"], conversation=channel, body="packing list draft")
    with_file = services.message_send(
        actor=people["amy"], conversation=channel, body="packing list", files=[pdf()]
    )
    found = message_search(membership=people["kevin"], search=MessageSearch(q="packing", has_file=True))
    assert list(found) == [with_file]


def test_the_composer_sends_files_and_the_page_shows_them(client_for, people, channel, member_factory):
    amy = client_for(people["amy"])
    answer = amy.post(
        reverse("chat:send", args=[channel.workspace.slug, channel.public_id]),
        {"body": "", "client_key": "f-1", "files": [png_upload("carton.png"), pdf()]},
        **SCRIPT,
    )
    assert answer.status_code == 200
    image, document = MessageFile.objects.order_by("id")
    html = answer.content.decode()
    assert file_url("chat:file_thumbnail", channel, image) in html and "PI-2026-0007.pdf" in html
    kevin = client_for(people["kevin"])
    thumbnail = kevin.get(file_url("chat:file_thumbnail", channel, image))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    download = kevin.get(file_url("chat:file", channel, document))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert kevin.get(file_url("chat:file_thumbnail", channel, document)).status_code == 404  # not an image
    stranger = client_for(member_factory(Role.SALES, workspace=channel.workspace))
    assert stranger.get(file_url("chat:file", channel, document)).status_code == 404  # a private channel


def test_a_refused_file_is_said_in_the_readers_language(client_for, people, channel):
    amy = client_for(people["amy"])
    answer = amy.post(
        reverse("chat:send", args=[channel.workspace.slug, channel.public_id]),
        {"body": "see", "files": [SimpleUploadedFile("macro.exe", b"MZ")]},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
        **SCRIPT,
    )
    assert answer.status_code == 400 and "不接受" in answer.content.decode()
    assert not Message.objects.exists()


def test_the_api_sends_files_once_per_key_and_serves_them(people, channel):
    api = ChatApi(people["amy"])
    path = one(channel) + "/messages/files"
    files = {"files": [png_upload("carton.png"), pdf()], "body": "the carton", "client_key": "k-9"}
    sent = api.client.post(api.base + path, files)
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert [f["is_image"] for f in body["files"]] == [True, False] and body["body"] == "the carton"
    again = api.client.post(api.base + path, {"files": [pdf()], "client_key": "k-9"})
    assert again.status_code == 200 and MessageFile.objects.count() == 2  # a retry stores nothing
    kevin = ChatApi(people["kevin"])
    listed = kevin.get(one(channel) + "/messages").json()["items"][0]["files"]
    assert kevin.client.get(listed[0]["thumbnail"]).status_code == 200
    assert kevin.client.get(listed[1]["download"])["Content-Type"] == "application/pdf"
    assert listed[1]["thumbnail"] is None
    found = kevin.get("/search", {"has_file": "true"}).json()["items"]
    assert [m["id"] for m in found] == [body["id"]]


def test_the_api_refuses_a_type_not_accepted_and_a_foreign_conversation(people, channel, member_factory):
    api = ChatApi(people["amy"])
    refused = api.client.post(
        api.base + one(channel) + "/messages/files", {"files": [SimpleUploadedFile("x.exe", b"MZ")]}
    )
    assert refused.status_code == 422 and not Message.objects.exists()
    outsider = ChatApi(member_factory(Role.SALES, workspace=channel.workspace))
    foreign = outsider.client.post(outsider.base + one(channel) + "/messages/files", {"files": [pdf()]})
    assert foreign.status_code == 404 and not StoredFile.objects.exists()
