"""Time the chat (issue 13) against the raw SQL for the same result, measured in the same run: a conversation
page, its older history and its catch-up fragment, the message search when the app has it, and the
throughput of sending messages against raw INSERTs of the same rows.

    TRADEWIND_DATA_DIR=/tmp/bench-chat .venv/bin/python bench/bench_chat.py [--n 30] [--sends 300]

Fill the database with bench/generate_chat.py first. Pages are requested with the Django test Client
(_pages.py: whole stack, no network), `--warmup` times, then `--n` times, each followed by its floor:
hand-written SQL for everything the response shows — the session and membership check, on the page the
app shell (the bell's and the chat badge's counts), the conversation and the member's participation, the
conversation list with its direct messages' names, the composer's member list, and the messages with their
authors, reactions, files, the names of those mentioned and the cards of the objects they name. Targets
(issue 13): page p50 ≤ 3 × floor p50, query counts that do not grow with the rows shown (the same pages of
a one-message conversation, a one-row fragment).

Who: member002, a sales rep taking part in ~250 conversations; the timed conversation is #sales (100,000
messages at full scale, 124 members). Older history: `…/messages/?before=<seq>` a tenth of the way from the
start; catch-up: `…/messages/?after=<seq>` 60 numbers before the end (what a client that slept missed).

Sending (`--sends`, 0 to skip): N messages through `chat.services.message_send` (each its own transaction, as
a request does; with a client key, as the page sends) into #sales, into a customer room and into a direct
message, beside raw INSERTs of the same rows (values prepared beforehand, one transaction each) and the
same INSERT with the bookkeeping a correct send cannot skip (the conversation's row locked, its last number
and time moved, the sender's read marker moved). Target (issue 13): service ≥ 20% of the raw INSERT's rate.
Also the send through the page (`…/send/` with `X-Tradewind-Chat: 1`). Everything sent is deleted again
(messages, mentions, notifications, deliveries; numbers and read markers put back) unless `--keep`.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import sys
import time
import timeit
import uuid
from dataclasses import dataclass

from _common import database_label, db_datetime, db_uuid, p50, percentile, serving_loop
from _pages import (
    Result,
    Scenario,
    Who,
    fetch,
    floor_unread,
    print_queries,
    print_query_counts,
    print_ratios,
    run,
    sign_in,
)
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from generate_chat import BIG_CHANNEL, BUSY_EMAIL, CHAT_SLUG, MANAGER_EMAIL, SMALL_BODY

from tradewind.chat import services
from tradewind.chat.choices import ConversationKind
from tradewind.chat.models import Conversation, Message, Participant
from tradewind.chat.references import references_in
from tradewind.crm.permissions import sees_every_customer
from tradewind.notifications.models import Delivery, Notification
from tradewind.workspaces.models import Membership

TARGET_RATIO = 3.0
SEND_TARGET = 0.20  # the service's rate ≥ 20% of the raw INSERT's
PAGE = 50
MENTION = re.compile(r"<@([0-9a-fA-F-]{36})>")
WELCOME_WORD = "欢迎新同事"  # in #general's newest message (generate_chat.WELCOME): a search with one hit
SHOWN = re.compile(r'<article class="chat-message[^"]*" id="m(\d+)"')
ROOMS = (ConversationKind.CUSTOMER, ConversationKind.ORDER)
UUID_KEY = re.compile(r"[0-9a-fA-F-]{36}")


def shown_seqs(response) -> list[int]:
    return [int(s) for s in SHOWN.findall(response.content.decode())]


# --- floors ------------------------------------------------------------------------------------------------


def floor_conversation(cursor, who: Who, conversation: Conversation) -> None:
    """access_conversation: the conversation (with the customer or order a room belongs to) and the member's
    participation."""
    fetch(
        cursor,
        """SELECT c.id, c.kind, c.name, c.topic, c.is_private, c.archived_at, c.last_seq, c.created_by_id,
                  cu.name, cu.owner_id, o.number, oc.owner_id
           FROM chat_conversation c
           LEFT JOIN crm_customer cu ON cu.id = c.customer_id
           LEFT JOIN trade_order o ON o.id = c.order_id LEFT JOIN crm_customer oc ON oc.id = o.customer_id
           WHERE c.workspace_id = %s AND c.public_id = %s""",
        [who.wid, db_uuid(conversation.public_id)],
    )
    fetch(
        cursor,
        "SELECT id, last_read_seq, notify, left_at FROM chat_participant "
        "WHERE conversation_id = %s AND membership_id = %s",
        [conversation.pk, who.mid],
    )


def visible_rooms(who: Who, customer: str = "cu", order_customer: str = "oc") -> tuple[str, list]:
    """The rooms a member may read (chat.permissions.can_read: crm's can_see_details), as SQL."""
    if sees_every_customer(who.membership):
        return "TRUE" if connection.vendor == "postgresql" else "1", []
    return (
        f"""(c.kind NOT IN ('customer', 'order')
             OR (c.kind = 'customer' AND ({customer}.owner_id IS NULL OR {customer}.owner_id = %s))
             OR (c.kind = 'order'
                 AND ({order_customer}.owner_id IS NULL OR {order_customer}.owner_id = %s)))""",
        [who.mid, who.mid],
    )


def floor_shell(cursor, who: Who) -> None:
    """The shell of every page: the bell's unread count and the chat badge (unread messages over the
    conversations the member reads)."""
    floor_unread(cursor, who)
    condition, params = visible_rooms(who)
    fetch(
        cursor,
        f"""SELECT COALESCE(SUM(c.last_seq - p.last_read_seq), 0) FROM chat_participant p
            JOIN chat_conversation c ON c.id = p.conversation_id
            LEFT JOIN crm_customer cu ON cu.id = c.customer_id
            LEFT JOIN trade_order o ON o.id = c.order_id LEFT JOIN crm_customer oc ON oc.id = o.customer_id
            WHERE p.membership_id = %s AND p.left_at IS NULL AND c.workspace_id = %s
              AND c.last_seq > p.last_read_seq AND {condition}""",
        [who.mid, who.wid, *params],
    )


def floor_page_head(cursor, who: Who, conversation: Conversation) -> None:
    """The conversation page around its messages: shell, conversation, the conversation list (every
    conversation the member takes part in, newest first, with what labels it and its unread count), the
    other people of its direct messages, the composer's member list."""
    floor_shell(cursor, who)
    floor_conversation(cursor, who, conversation)
    condition, params = visible_rooms(who)
    rows = fetch(
        cursor,
        f"""SELECT c.id, c.public_id, c.kind, c.name, c.last_seq - p.last_read_seq, cu.name, o.number
            FROM chat_participant p JOIN chat_conversation c ON c.id = p.conversation_id
            LEFT JOIN crm_customer cu ON cu.id = c.customer_id
            LEFT JOIN trade_order o ON o.id = c.order_id LEFT JOIN crm_customer oc ON oc.id = o.customer_id
            WHERE p.membership_id = %s AND p.left_at IS NULL AND c.workspace_id = %s AND {condition}
            ORDER BY c.last_message_at DESC, c.id DESC""",
        [who.mid, who.wid, *params],
    )
    direct = [r[0] for r in rows if r[2] == ConversationKind.DIRECT]
    if direct:
        fetch(
            cursor,
            f"""SELECT p.conversation_id, u.full_name, u.email FROM chat_participant p
                JOIN workspaces_membership m ON m.id = p.membership_id
                JOIN accounts_user u ON u.id = m.user_id
                WHERE p.conversation_id IN ({", ".join(["%s"] * len(direct))}) AND p.membership_id <> %s""",
            [*direct, who.mid],
        )
    fetch(
        cursor,
        """SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
           JOIN accounts_user u ON u.id = m.user_id
           WHERE m.workspace_id = %s AND m.is_active = %s ORDER BY u.full_name""",
        [who.wid, True],
    )


MESSAGE_COLUMNS = """m.id, m.seq, m.public_id, m.body, m.created_at, m.edited_at, m.deleted_at, m.pinned_at,
    m.reply_count, m.author_id, u.full_name, u.email, m.has_files"""
MESSAGE_FROM = """chat_message m LEFT JOIN workspaces_membership a ON a.id = m.author_id
    LEFT JOIN accounts_user u ON u.id = a.user_id"""


def floor_messages(cursor, who: Who, conversation_id: int, *, before=None, after=None) -> list[int]:
    """A page of top-level messages by number (selectors.history) with authors, their reactions and the
    names of those mentioned in them; returns the numbers shown, in order."""
    if after is not None:
        rows = fetch(
            cursor,
            f"""SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM}
                WHERE m.conversation_id = %s AND m.thread_root_id IS NULL AND m.seq > %s
                ORDER BY m.seq LIMIT {PAGE}""",
            [conversation_id, after],
        )
    else:
        below = "AND m.seq < %s" if before is not None else ""
        rows = fetch(
            cursor,
            f"""SELECT {MESSAGE_COLUMNS} FROM {MESSAGE_FROM}
                WHERE m.conversation_id = %s AND m.thread_root_id IS NULL {below}
                ORDER BY m.seq DESC LIMIT {PAGE}""",
            [conversation_id, *([before] if before is not None else [])],
        )[::-1]
    if rows:
        fetch(
            cursor,
            f"""SELECT message_id, emoji, membership_id FROM chat_reaction
                WHERE message_id IN ({", ".join(["%s"] * len(rows))}) ORDER BY id""",
            [r[0] for r in rows],
        )
    with_files = [r[0] for r in rows if r[12]]
    if with_files:  # the files shown under their messages: name, size, type, whether a thumbnail
        fetch(
            cursor,
            f"""SELECT mf.message_id, mf.public_id, mf.thumbnail_id, f.original_name, f.size, f.content_type
                FROM chat_messagefile mf JOIN files_storedfile f ON f.id = mf.file_id
                WHERE mf.message_id IN ({", ".join(["%s"] * len(with_files))}) ORDER BY mf.id""",
            with_files,
        )
    named = {str(uuid.UUID(t)) for r in rows for t in MENTION.findall(r[3] or "")}
    if named:
        fetch(
            cursor,
            f"""SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
                JOIN accounts_user u ON u.id = m.user_id
                WHERE m.workspace_id = %s AND m.public_id IN ({", ".join(["%s"] * len(named))})""",
            [who.wid, *[db_uuid(uuid.UUID(t)) for t in named]],
        )
    floor_cards(cursor, who, [r[3] for r in rows if r[6] is None])
    return [r[1] for r in rows]


def floor_cards(cursor, who: Who, bodies: list[str]) -> None:
    """The cards of the objects the messages name (a task, quotation, order or customer: its state now),
    one query per kind named, with what the card shows and what its visibility check reads. Which
    objects are named is the app's own parser (references_in: Python, no SQL)."""
    wanted: dict[str, set[str]] = {}
    for body in bodies:
        for ref in references_in(body, who.slug):
            wanted.setdefault(ref.kind, set()).add(ref.key)
    for kind, keys in wanted.items():
        ids = [db_uuid(uuid.UUID(k)) for k in keys if UUID_KEY.fullmatch(k)]
        names = [k for k in keys if not UUID_KEY.fullmatch(k)]
        if kind == "customer":
            sql = """SELECT c.public_id, c.name, c.stage, c.country, c.owner_id, u.full_name, u.email
                     FROM crm_customer c LEFT JOIN workspaces_membership o ON o.id = c.owner_id
                     LEFT JOIN accounts_user u ON u.id = o.user_id
                     WHERE c.workspace_id = %s AND c.public_id IN ({ids})"""
            names = []
        elif kind == "task":
            names = [int(k) for k in names if k.isdigit()]
            sql = """SELECT t.public_id, t.number, t.title, t.status, t.due_date, u.full_name, u.email
                     FROM tasks_task t LEFT JOIN workspaces_membership a ON a.id = t.assignee_id
                     LEFT JOIN accounts_user u ON u.id = a.user_id
                     WHERE t.workspace_id = %s AND (t.number IN ({names}) OR t.public_id IN ({ids}))"""
        else:
            table = "trade_order" if kind == "order" else "trade_quotation"
            sql = f"""SELECT d.public_id, d.number, d.status, d.total, d.currency, c.name, c.owner_id
                      FROM {table} d JOIN crm_customer c ON c.id = d.customer_id
                      WHERE d.workspace_id = %s AND (d.number IN ({{names}}) OR d.public_id IN ({{ids}}))"""
        marks = {
            "names": ", ".join(["%s"] * len(names)) or "NULL",
            "ids": ", ".join(["%s"] * len(ids)) or "NULL",
        }
        fetch(cursor, sql.format(**marks), [who.wid, *names, *ids])


# --- search (when the app has it) --------------------------------------------------------------------------


def find_search():
    """The app's message search, if it has one: `selectors.message_search` or `chat.search.message_search`,
    and the search page's URL name."""
    from tradewind.chat import selectors

    found = getattr(selectors, "message_search", None)
    if found is None:
        try:
            from tradewind.chat import search as search_module
        except ImportError:
            return None
        found = getattr(search_module, "message_search", None)
    if found is None:
        return None
    try:
        reverse("chat:search", args=[CHAT_SLUG])
    except NoReverseMatch:
        return None
    return found


def fold(text: str) -> str:
    from tradewind.core.text import fold as app_fold

    return app_fold(text)


def floor_search(cursor, who: Who, words: list[str]) -> list[tuple[str, int]]:
    """The search page's results in three narrow steps: the conversations the member reads (public channels,
    their channels and direct messages, the rooms of customers they see); the newest 50 messages there (one
    more: is there a next page?) that are not deleted and contain every word of the folded search text —
    the same conditions as the app, its trigram index included (core/text_index.py: the doubled text on
    PostgreSQL, the FTS5 table on SQLite); then what the page shows of them: conversation, room, author and
    the names mentioned."""
    from tradewind.core.text import search_doubled

    condition, params = visible_rooms(who)
    taking_part = "SELECT conversation_id FROM chat_participant WHERE membership_id = %s AND left_at IS NULL"
    readable = [
        r[0]
        for r in fetch(
            cursor,
            f"""SELECT c.id FROM chat_conversation c
                LEFT JOIN crm_customer cu ON cu.id = c.customer_id
                LEFT JOIN trade_order o ON o.id = c.order_id
                LEFT JOIN crm_customer oc ON oc.id = o.customer_id
                WHERE c.workspace_id = %s
                  AND ((c.kind = 'channel' AND (c.is_private = %s OR c.id IN ({taking_part})))
                       OR (c.kind = 'direct' AND c.id IN ({taking_part}))
                       OR (c.kind IN ('customer', 'order') AND {condition}))""",
            [who.wid, False, who.mid, who.mid, *params],
        )
    ]
    where = ["m.search_text LIKE %s" for _ in words]
    values = [f"%{w}%" for w in words]
    doubled = [search_doubled(w) for w in words]
    if connection.vendor == "postgresql":
        indexed = [d for d in doubled if re.search(r"[^\W_]{3}", d)]
        where += ["tw_search_doubled(m.search_text) LIKE %s" for _ in indexed]
        values += [f"%{d}%" for d in indexed]
        among, among_params = "m.conversation_id = ANY(%s)", [readable]
    else:
        indexed = [d for d in doubled if len(d) >= 3]
        if indexed:
            where.append("m.id IN (SELECT rowid FROM chat_message_search WHERE chat_message_search MATCH %s)")
            values.append(" AND ".join('"' + d.replace('"', '""') + '"' for d in indexed))
        among, among_params = f"m.conversation_id IN ({', '.join(['%s'] * len(readable))})", readable
    rows = fetch(
        cursor,
        f"""SELECT m.id, m.seq, m.body, m.created_at, m.conversation_id, m.author_id FROM chat_message m
            WHERE m.workspace_id = %s AND {among} AND m.deleted_at IS NULL AND {" AND ".join(where)}
            ORDER BY m.id DESC LIMIT {PAGE + 1}""",
        [who.wid, *among_params, *values],
    )[:PAGE]
    public_ids = {}
    if rows:
        conversations = {r[4] for r in rows}
        found = fetch(
            cursor,
            f"""SELECT c.id, c.public_id, c.kind, c.name, cu.name, o.number FROM chat_conversation c
                LEFT JOIN crm_customer cu ON cu.id = c.customer_id
                LEFT JOIN trade_order o ON o.id = c.order_id
                WHERE c.id IN ({", ".join(["%s"] * len(conversations))})""",
            list(conversations),
        )
        public_ids = {r[0]: str(uuid.UUID(str(r[1]))) for r in found}
        authors = {r[5] for r in rows if r[5] is not None}
        fetch(
            cursor,
            f"""SELECT m.id, u.full_name, u.email FROM workspaces_membership m
                JOIN accounts_user u ON u.id = m.user_id
                WHERE m.id IN ({", ".join(["%s"] * len(authors))})""",
            list(authors),
        )
    named = {str(uuid.UUID(t)) for r in rows for t in MENTION.findall(r[2] or "")}
    if named:
        fetch(
            cursor,
            f"""SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
                JOIN accounts_user u ON u.id = m.user_id
                WHERE m.workspace_id = %s AND m.public_id IN ({", ".join(["%s"] * len(named))})""",
            [who.wid, *[db_uuid(uuid.UUID(t)) for t in named]],
        )
    return [(public_ids[r[4]], r[1]) for r in rows]


def search_head(cursor, who: Who) -> None:
    """The search page around its results: the shell, and the form's "written by" choices."""
    floor_shell(cursor, who)
    fetch(
        cursor,
        """SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
           JOIN accounts_user u ON u.id = m.user_id
           WHERE m.workspace_id = %s AND m.is_active = %s ORDER BY u.full_name""",
        [who.wid, True],
    )


def shown_results(response) -> list[tuple[str, int]]:
    """The results a search page shows, as (conversation public id, number): read from each result's link
    (no query: _pages.run counts the queries around it)."""
    return [
        (c, int(n)) for c, n in re.findall(r"/chat/([0-9a-f-]{36})/\?at=(\d+)", response.content.decode())
    ]


# --- sending -----------------------------------------------------------------------------------------------


@dataclass
class SendResult:
    name: str
    members: int
    service: list[float]
    view: list[float]
    insert: list[float]
    insert_kept: list[float]

    @staticmethod
    def rate(times: list[float]) -> float:
        return len(times) / sum(times) if times else 0.0


def send_bodies(n: int, seed: int = 13) -> list[str]:
    import random

    from generate_chat import EN, MIXED, SHORT, ZH

    rng = random.Random(seed)
    slots = ["Hausmann GmbH", "PI-2026-0042", "3,000", "宁波", "12.50", "40HQ"]

    def fill(_match) -> str:
        return rng.choice(slots)

    return [re.sub(r"\{[a-z_]+\}", fill, rng.choice(rng.choice((ZH, EN, MIXED, SHORT)))) for _ in range(n)]


INSERT_COLUMNS = (
    "public_id, created_at, updated_at, workspace_id, conversation_id, seq, author_id, body, thread_root_id, "
    "reply_count, last_reply_at, client_key, mentions_channel, edited_at, deleted_at, deleted_by_id, "
    "pinned_at, pinned_by_id, has_files"
)


def has_search_text() -> bool:
    return "search_text" in {f.name for f in Message._meta.concrete_fields}


def time_sends(name: str, conversation: Conversation, author: Membership, n: int, who: Who) -> SendResult:
    """n messages through the service, through the page, as raw INSERTs and as INSERT + bookkeeping, in
    blocks of 25 taking turns (so a change in the machine's load falls on all four alike)."""
    bodies = send_bodies(n * 4)
    search = has_search_text()
    if search:
        from tradewind.chat.search import message_search_text
    columns = INSERT_COLUMNS + (", search_text" if search else "")
    marks = ", ".join(["%s"] * (19 + search))
    insert_sql = f"INSERT INTO chat_message ({columns}) VALUES ({marks})"
    participant = Participant.objects.get(conversation=conversation, membership=author)
    url = reverse("chat:send", args=[CHAT_SLUG, conversation.public_id])
    service, view, insert, kept = [], [], [], []
    members = Participant.objects.filter(conversation=conversation, left_at__isnull=True).count()

    def raw_row(body: str, seq: int) -> list:
        now = db_datetime(timezone.now())
        row = [db_uuid(uuid.uuid4()), now, now, conversation.workspace_id, conversation.pk, seq, author.pk,
               body, None, 0, None, str(uuid.uuid4()), False, None, None, None, None, None,
               False]  # fmt: skip
        return [*row, message_search_text(body)] if search else row

    lock_sql = "SELECT last_seq FROM chat_conversation WHERE id = %s" + (
        " FOR UPDATE" if connection.vendor == "postgresql" else ""
    )
    k = 0
    block = 25
    while len(service) < n:
        todo = min(block, n - len(service))
        for _ in range(todo):  # the service, as a request calls it (its own transaction; a client key)
            body = bodies[k]
            k += 1
            started = time.perf_counter()
            services.message_send(
                actor=author, conversation=conversation, body=body, client_key=str(uuid.uuid4())
            )
            service.append(time.perf_counter() - started)
        for _ in range(todo):  # the page's composer: the whole request
            body = bodies[k]
            k += 1
            started = time.perf_counter()
            response = who.client.post(
                url, {"body": body, "client_key": str(uuid.uuid4())}, headers={"X-Tradewind-Chat": "1"}
            )
            view.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"POST {url} answered {response.status_code}: {response.content[:200]!r}")
        # Raw rows, prepared beforehand (the numbers continue after the service's).
        last = Conversation.objects.filter(pk=conversation.pk).values_list("last_seq", flat=True).get()
        rows = [raw_row(bodies[k + j], last + 1 + j) for j in range(todo)]
        k += todo
        with connection.cursor() as cursor:
            for row in rows:
                started = time.perf_counter()
                with transaction.atomic():
                    cursor.execute(insert_sql, row)
                insert.append(time.perf_counter() - started)
        last += todo
        rows = [raw_row(bodies[k + j], last + 1 + j) for j in range(todo)]
        k += todo
        with connection.cursor() as cursor:
            for row in rows:
                started = time.perf_counter()
                with transaction.atomic():
                    cursor.execute(lock_sql, [conversation.pk])
                    cursor.execute(insert_sql, row)
                    cursor.execute(
                        "UPDATE chat_conversation SET last_seq = %s, last_message_at = %s, updated_at = %s "
                        "WHERE id = %s",
                        [row[5], row[1], row[1], conversation.pk],
                    )
                    cursor.execute(
                        "UPDATE chat_participant SET last_read_seq = %s WHERE id = %s AND last_read_seq < %s",
                        [row[5], participant.pk, row[5]],
                    )
                kept.append(time.perf_counter() - started)
        # The raw rows moved no number: the next service call must find the conversation's end.
        Conversation.objects.filter(pk=conversation.pk).update(last_seq=last + todo)
    return SendResult(name, members, service, view, insert, kept)


@dataclass
class Snapshot:
    """What sending changes, to put back afterwards."""

    message_id: int
    notification_id: int
    delivery_id: int
    conversations: dict
    markers: dict


def snapshot(conversations: list[Conversation]) -> Snapshot:
    def top(model) -> int:
        return model.objects.order_by("-id").values_list("id", flat=True).first() or 0

    return Snapshot(
        message_id=top(Message),
        notification_id=top(Notification),
        delivery_id=top(Delivery),
        conversations={
            c.pk: Conversation.objects.filter(pk=c.pk)
            .values("last_seq", "last_message_at", "updated_at")
            .get()
            for c in conversations
        },
        markers=dict(
            Participant.objects.filter(conversation__in=conversations).values_list("id", "last_read_seq")
        ),
    )


def restore(snap: Snapshot, workspace_id: int) -> None:
    """Delete what the sends wrote and put the numbers and markers back."""
    with transaction.atomic(), connection.cursor() as cursor:
        new = "SELECT id FROM chat_message WHERE workspace_id = %s AND id > %s"
        for table in ("chat_mention", "chat_reaction", "chat_messagerevision"):
            cursor.execute(
                f"DELETE FROM {table} WHERE message_id IN ({new})", [workspace_id, snap.message_id]
            )
        cursor.execute(
            "DELETE FROM chat_message WHERE workspace_id = %s AND id > %s", [workspace_id, snap.message_id]
        )
        Delivery.objects.filter(workspace_id=workspace_id, id__gt=snap.delivery_id).delete()
        Notification.objects.filter(workspace_id=workspace_id, id__gt=snap.notification_id).delete()
        for pk, values in snap.conversations.items():
            Conversation.objects.filter(pk=pk).update(**values)
        for pk, last in snap.markers.items():
            Participant.objects.filter(pk=pk).exclude(last_read_seq=last).update(last_read_seq=last)
    flush_queue()


def flush_queue() -> None:
    """Drop the worker jobs the sends queued (deliveries_send after each notification), when the queue is
    the bench's own file."""
    from pathlib import Path

    huey = settings.HUEY
    if huey.get("huey_class") == "huey.SqliteHuey" and Path(huey["filename"]).parent == settings.DATA_DIR:
        from huey.contrib.djhuey import HUEY

        HUEY.flush()


# --- set-up and report -------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30, help="timed requests per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sends", type=int, default=300, help="messages per send scenario (0: skip)")
    parser.add_argument("--only", default="", help="run the page scenarios whose name contains this text")
    parser.add_argument("--keep", action="store_true", help="keep the messages the send scenarios wrote")
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's three slowest queries"
    )
    return parser.parse_args()


def cpu_reference() -> float:
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=20)) * 1000


def main() -> None:
    args = arguments()
    # Stopped from outside (SIGTERM): leave through `finally`, which deletes what the run wrote.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with serving_loop():  # the server's realtime hop, as `tradewind serve` has it
        bench(args)


def bench(args: argparse.Namespace) -> None:
    slug = CHAT_SLUG
    w = f"/w/{slug}/chat"
    busy, manager = sign_in(BUSY_EMAIL, slug), sign_in(MANAGER_EMAIL, slug)
    big = Conversation.objects.get(workspace_id=busy.wid, kind=ConversationKind.CHANNEL, name=BIG_CHANNEL)
    small = Conversation.objects.get(workspace_id=busy.wid, kind=ConversationKind.DIRECT,
                                     messages__body__endswith=SMALL_BODY)  # fmt: skip
    top_level = Message.objects.filter(conversation=big, thread_root__isnull=True)
    deep = big.last_seq // 10
    after = big.last_seq - 60

    def page(name, who, conversation, small_conversation):
        return Scenario(
            name=name, who=who, url=f"{w}/{conversation.public_id}/", shown=shown_seqs,
            head=lambda c: floor_page_head(c, who, conversation),
            content=lambda c: floor_messages(c, who, conversation.pk),
            small_who=who, small_url=f"{w}/{small_conversation.public_id}/",
        )  # fmt: skip

    def fragment(name, query, small_query, **kw):
        # Few rows: the same fragment of the one-message direct message (its message names someone, as
        # most pages of #sales have a message that does: the same queries).
        return Scenario(
            name=name, who=busy, url=f"{w}/{big.public_id}/messages/?{query}", shown=shown_seqs,
            head=lambda c: floor_conversation(c, busy, big),
            content=lambda c: floor_messages(c, busy, big.pk, **kw),
            small_who=busy, small_url=f"{w}/{small.public_id}/messages/?{small_query}",
        )  # fmt: skip

    scenarios = [
        page(f"Page: #{BIG_CHANNEL}, newest 50", busy, big, small),
        fragment(f"Older: before {deep:,}", f"before={deep}", "before=2", before=deep),
        fragment(f"Catch-up: after {after:,}", f"after={after}", "after=0", after=after),
    ]
    search = find_search()
    searches = ["报价", "尾款", "packing list", "telex", "hamburg 40hq", "xyzzy"]
    if search is None:
        print(
            "Search: skipped — tradewind.chat has no message_search (selectors or search.py) with a "
            "chat:search page yet."
        )
    else:
        url = reverse("chat:search", args=[slug])
        for who, label in ((busy, "rep"), (manager, "manager")):
            for q in searches if who is busy else searches[:2]:
                words = fold(q).split()
                scenarios.append(
                    Scenario(
                        name=f"Search “{q}” ({label})",
                        who=who,
                        url=f"{url}?q={q}",
                        shown=shown_results,
                        head=lambda c, who=who: search_head(c, who),
                        content=lambda c, who=who, words=words: floor_search(c, who, words),
                        small_who=who,
                        small_url=f"{url}?q={WELCOME_WORD}",  # one hit
                    )
                )
    if args.only:
        scenarios = [s for s in scenarios if args.only.lower() in s.name.lower()]

    load_before = os.getloadavg()
    cpu = cpu_reference()
    print(f"Database: {database_label()}")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {timezone.now():%Y-%m-%d %H:%M} UTC; CPU reference "
        f"(sum(range(10**6))) {cpu:.1f} ms; load average {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f}"
    )
    messages = Message.objects.filter(workspace_id=busy.wid).count()
    taking_part = Participant.objects.filter(membership=busy.membership, left_at__isnull=True).count()
    print(
        f"Data: {messages:,} messages in {Conversation.objects.filter(workspace_id=busy.wid).count():,} "
        f"conversations; #{BIG_CHANNEL} {big.last_seq:,} messages ({top_level.count():,} top-level), "
        f"member002 takes part in {taking_part:,} conversations; n={args.n} after {args.warmup} warm-ups"
    )
    results: list[Result] = []
    for s in scenarios:
        results.append(run(s, n=args.n, warmup=args.warmup))
        print(f"  {s.name}: page p50 {p50(results[-1].page) * 1000:.1f} ms", flush=True)

    sends: list[SendResult] = []
    load_sends = os.getloadavg()
    if args.sends > 0:
        room = (
            Conversation.objects.filter(workspace_id=busy.wid, kind=ConversationKind.CUSTOMER,
                                        customer__owner=busy.membership)
            .order_by("-last_seq").first()
        )  # fmt: skip
        direct = (
            Conversation.objects.filter(workspace_id=busy.wid, kind=ConversationKind.DIRECT,
                                        participants__membership=busy.membership)
            .exclude(pk=small.pk).order_by("-last_seq").first()
        )  # fmt: skip
        targets = [(f"#{BIG_CHANNEL}", big), ("customer room", room), ("direct message", direct)]
        targets = [(n, c) for n, c in targets if c is not None]
        snap = snapshot([c for _n, c in targets])
        print(
            f"Sending {args.sends} messages each way into {', '.join(n for n, _c in targets)} …", flush=True
        )
        try:
            # One author sends them all: the per-member limit (CHAT_SEND_PER_MINUTE) is lifted for the run;
            # its counting (two cache calls a message) stays in what is timed.
            with override_settings(CHAT_SEND_PER_MINUTE=10**9):
                for name, conversation in targets:
                    sends.append(time_sends(name, conversation, busy.membership, args.sends, busy))
                    print(f"  {name}: {SendResult.rate(sends[-1].service):.0f} messages/s", flush=True)
        finally:
            if not args.keep:
                restore(snap, busy.wid)
    load_after = os.getloadavg()

    if results:
        print()
        print_ratios(results, TARGET_RATIO, width=30)
        print()
        print_query_counts(results, width=30)
    if sends:
        print()
        head = (
            f"{'send into':16} {'people':>6} {'service/s':>9} {'p50':>6} {'p95':>6} {'page/s':>7} {'p50':>6} "
            f"{'INSERT/s':>8} {'p50':>6} {'+keep/s':>7} {'p50':>6} {'service/INSERT':>14}  target ≥ "
            f"{SEND_TARGET:.0%}"
        )
        print(head)
        print("-" * len(head))
        for s in sends:
            ratio = SendResult.rate(s.service) / SendResult.rate(s.insert)
            rate = SendResult.rate
            print(
                f"{s.name:16} {s.members:>6} {rate(s.service):>9.0f} {p50(s.service) * 1000:>6.1f} "
                f"{percentile(s.service, 95) * 1000:>6.1f} {rate(s.view):>7.0f} "
                f"{p50(s.view) * 1000:>6.1f} {SendResult.rate(s.insert):>8.0f} {p50(s.insert) * 1000:>6.2f} "
                f"{SendResult.rate(s.insert_kept):>7.0f} {p50(s.insert_kept) * 1000:>6.2f} {ratio:>13.1%}  "
                f"{'OK' if ratio >= SEND_TARGET else 'UNDER TARGET'}"
            )
        print(
            f"(messages/s over {args.sends} each, one transaction each; ms per message. service: "
            "chat.services.message_send with a client key; page: POST …/send/ through the test Client (the "
            "whole request: session, access, service, the message rendered back); INSERT: the same row "
            "prepared beforehand; +keep: INSERT with the row lock, the conversation's number and time and "
            "the sender's read marker. Load average before the sends "
            f"{load_sends[0]:.2f} {load_sends[1]:.2f} {load_sends[2]:.2f})"
        )
    mismatched = [r.name for r in results if not r.match]
    if mismatched:
        print(f"\n!! rows differ from the floor: {', '.join(mismatched)}")
    parts = []
    if results:
        within = sum(r.ratio <= TARGET_RATIO for r in results)
        constant = all(r.queries <= r.small_queries for r in results)
        parts.append(
            f"{within} of {len(results)} pages within {TARGET_RATIO:g}× their SQL floor; query counts "
            f"{'independent of the rows shown' if constant else 'GROW with the rows shown'}"
        )
    if sends:
        ratios = ", ".join(
            f"{s.name} {SendResult.rate(s.service) / SendResult.rate(s.insert):.1%}" for s in sends
        )
        parts.append(f"send/INSERT {ratios} (target ≥ {SEND_TARGET:.0%})")
    print(
        f"\nSummary: {'; '.join(parts)}. Load average at the end {load_after[0]:.2f} {load_after[1]:.2f} "
        f"{load_after[2]:.2f}."
    )
    print(
        "Reproduce: TRADEWIND_DATABASE_URL=… TRADEWIND_DATA_DIR=… .venv/bin/python bench/generate_chat.py"
        f" && .venv/bin/python bench/bench_chat.py --n {args.n} --sends {args.sends}"
    )
    if args.show_queries or args.explain:
        print_queries(results, explain_top=3 if args.explain else 0, show=args.show_queries)


if __name__ == "__main__":
    main()
