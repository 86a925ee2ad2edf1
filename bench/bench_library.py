"""Time the document library against the raw SQL for the same result, measured in the same run: folder pages
(`library:folder`), the API's list of a folder's documents, and searching (`library:search` and the API's
search), each request followed by its floor.

    TRADEWIND_DATA_DIR=/tmp/bench-library .venv/bin/python bench/bench_library.py [--n 30] [--warmup 3]

Fill the database with bench/generate_library.py first. Pages are requested with the Django test Client
(_pages.py: the whole stack, no network), `--warmup` times, then `--n` times, each followed by one run of
its floor — hand-written SQL (connection.cursor()) for everything the response shows:

- every request: the session row and the member's membership, user and workspace (`_pages.floor_auth`);
- HTML pages: the app shell as the page asks it today — the bell's unread count and the chat badge (the
  workspace switcher is loaded when it is opened, so `_pages.floor_shell`'s switcher query is left out);
- a folder page: the folder with its customer and parent, the access rules of its guard (the permission
  check), the breadcrumbs (one look-up by the ids of its path), the subfolders the member may read (the
  readable-folders rule in SQL), the first page of documents by name (51 rows: is there a next page?) with
  their current version's size, thumbnail and uploader, and their tags; on a customer's folder also what
  the page shows from elsewhere (quotations, orders, chat files, task attachments of the customer);
- the API list: the folder and its rules, the count (the API answers one) and the page of 50 with the
  current version's file and uploader and the tags;
- a search: the search form's member list (and the folder, uploader or customer a filter names), then
  the raw full-text query — every folded word as a substring of `library_document.search_text`, beside
  it the index condition TextIndex writes on this database (`search_text_doubled LIKE`, the stored
  column of the pg_trgm index; the FTS5 table's MATCH on SQLite), the readable-folders rule, the
  filters, newest changed first, one page (51 rows); the API's search also counts the matches and reads
  the page's tags.

Targets: folder pages and the API list p50 ≤ 3 × floor p50; searches p50 ≤ 2 × floor p50. The rows shown
(documents, subfolders, the API's count) are compared with the floor's once (`!!` on a mismatch), and each
scenario is requested once more with few rows — a folder of the same kind with one document, a search
that finds one document — for the query counts, which must not grow with the rows shown.

Who: member05 (sales: their customers' folders and the pool's; no finance), member15 (documents clerk:
every customer; finance read-only; key accounts). `--only TEXT` runs the scenarios whose name contains it;
`--show-queries` prints each page's SQL, `--explain` the plans of its three slowest queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import timeit
import uuid
from urllib.parse import urlencode

from _common import database_label, db_datetime, db_uuid, p50
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
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from generate_library import (
    BIG_FOLDER,
    CLERK_EMAIL,
    COLLEAGUE_EMAIL,
    DEEP_LEAF,
    FINANCE_SLIPS,
    KEY_ACCOUNTS,
    LIBRARY_SLUG,
    REP_EMAIL,
    SINGLE_FOLDER,
    SINGLE_TERM,
    TOPS,
)

from tradewind.core.text import search_doubled, search_words
from tradewind.core.text_index import fts_query
from tradewind.crm.models import Customer
from tradewind.crm.permissions import sees_every_customer
from tradewind.files.models import StoredFile
from tradewind.library.choices import FolderKind
from tradewind.library.models import Document, DocumentTag, DocumentVersion, Folder, FolderAccess
from tradewind.library.search import DOCUMENT_INDEX, KINDS
from tradewind.workspaces.models import Membership
from tradewind.workspaces.permissions import ADMINS

LISTING_TARGET = 3.0
SEARCH_TARGET = 2.0
PAGE = 50  # core.pagination.paginate and the API's default limit
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
FOLDER_LINK = re.compile(rf'/library/f/({UUID})/" data-testid="folder"')
DOCUMENT_ROW = re.compile(rf'<tr data-testid="document">.*?/library/d/({UUID})/', re.S)
FOUND_ROW = re.compile(rf'<tr data-testid="found">.*?/library/d/({UUID})/', re.S)
TRUE = "TRUE" if connection.vendor == "postgresql" else "1"
PG_TRIGRAM = re.compile(r"[^\W_]{3}")  # core/text_index.py: a word pg_trgm can look up


def public(value) -> str:
    """A UUID as the page shows it, from either backend's column."""
    return str(uuid.UUID(str(value)))


# --- what the responses show -------------------------------------------------------------------------------


def shown_folder(response) -> list[tuple[str, str]]:
    html = response.content.decode()
    return [("f", f) for f in FOLDER_LINK.findall(html)] + [("d", d) for d in DOCUMENT_ROW.findall(html)]


def shown_found(response) -> list[str]:
    return FOUND_ROW.findall(response.content.decode())


def shown_api(response) -> list:
    data = json.loads(response.content)
    return [data["count"], *[item["id"] for item in data["items"]]]


# --- floors ------------------------------------------------------------------------------------------------


def floor_shell(cursor, who: Who) -> None:
    """The shell of every page: the bell's unread count and the chat badge (unread messages over the member's
    conversations)."""
    floor_unread(cursor, who)
    fetch(
        cursor,
        """SELECT COALESCE(SUM(c.last_seq - p.last_read_seq), 0) FROM chat_participant p
           JOIN chat_conversation c ON c.id = p.conversation_id
           WHERE p.membership_id = %s AND p.left_at IS NULL AND c.workspace_id = %s
             AND c.last_seq > p.last_read_seq""",
        [who.mid, who.wid],
    )


def readable(who: Who, folder: str = "fo", customer: str = "cu") -> tuple[str, list]:
    """permissions.readable_folders as a condition on a folder row joined to its customer (LEFT JOIN)."""
    m = who.membership
    where, params = [f"{folder}.deleted_at IS NULL"], []
    if not sees_every_customer(m):
        where.append(
            f"({folder}.customer_id IS NULL OR {customer}.owner_id IS NULL OR {customer}.owner_id = %s)"
        )
        params.append(who.mid)
    if m.role not in ADMINS:
        where.append(
            f"""({folder}.guard_id IS NULL OR {folder}.guard_id IN (
                 SELECT a.folder_id FROM library_folderaccess a WHERE a.role = %s OR a.membership_id = %s))"""
        )
        params += [m.role, who.mid]
    return " AND ".join(where), params


def floor_access_folder(cursor, who: Who, public_id) -> tuple:
    """access_folder: the folder (with its customer and parent) by public id, then the permission check —
    its guard's rules, unless the member is an owner or admin (the customer's owner is in the row)."""
    row = fetch(
        cursor,
        """SELECT f.id, f.name, f.kind, f.path, f.guard_id, f.customer_id, f.restricted, f.created_by_id,
                  f.deleted_at, cu.public_id, cu.name, cu.owner_id, p.public_id, p.name
           FROM library_folder f
           LEFT JOIN crm_customer cu ON cu.id = f.customer_id
           LEFT JOIN library_folder p ON p.id = f.parent_id
           WHERE f.workspace_id = %s AND f.public_id = %s""",
        [who.wid, db_uuid(public_id)],
    )[0]
    if row[4] is not None and who.membership.role not in ADMINS:
        fetch(
            cursor,
            "SELECT role, membership_id, can_write FROM library_folderaccess WHERE folder_id = %s",
            [row[4]],
        )
    return row


def floor_documents(cursor, folder_id: int, *, limit: int, with_file_details: bool = False) -> list[tuple]:
    """A folder's documents by name (selectors.documents), the current version's file and uploader, and the
    page's tags."""
    extra = (
        ", fi.original_name, fi.content_type, fi.sha256, v.number, v.comment, v.created_at"
        * with_file_details
    )
    rows = fetch(
        cursor,
        f"""SELECT d.id, d.public_id, d.name, d.version_count, d.updated_at, fi.size, v.public_id,
                   v.thumbnail_id, u.full_name, u.email {extra}
            FROM library_document d
            LEFT JOIN library_documentversion v ON v.id = d.current_id
            LEFT JOIN files_storedfile fi ON fi.id = v.file_id
            LEFT JOIN workspaces_membership m ON m.id = v.created_by_id
            LEFT JOIN accounts_user u ON u.id = m.user_id
            WHERE d.folder_id = %s AND d.deleted_at IS NULL
            ORDER BY d.name_key, d.id LIMIT {limit}""",
        [folder_id],
    )
    floor_tags(cursor, [r[0] for r in rows[:PAGE]])
    return rows


def floor_tags(cursor, ids: list[int]) -> None:
    if ids:
        fetch(
            cursor,
            f"""SELECT document_id, name FROM library_documenttag
                WHERE document_id IN ({", ".join(["%s"] * len(ids))}) ORDER BY name_key""",
            ids,
        )


def floor_related(cursor, who: Who, customer_id: int, customer_public) -> None:
    """related.related_files for a customer's folder: its quotations' and orders' PDFs, its rooms' chat files,
    its tasks' attachments (the newest 50 of each)."""
    fetch(
        cursor,
        "SELECT public_id, number, created_at FROM trade_quotation WHERE customer_id = %s "
        "ORDER BY id DESC LIMIT 50",
        [customer_id],
    )
    fetch(
        cursor,
        "SELECT public_id, number, created_at FROM trade_order WHERE customer_id = %s "
        "ORDER BY id DESC LIMIT 50",
        [customer_id],
    )
    fetch(
        cursor,
        """SELECT mf.public_id, sf.original_name, sf.size, mf.created_at, c.public_id FROM chat_messagefile mf
           JOIN chat_message m ON m.id = mf.message_id JOIN chat_conversation c ON c.id = m.conversation_id
           JOIN files_storedfile sf ON sf.id = mf.file_id
           WHERE m.deleted_at IS NULL AND c.customer_id = %s ORDER BY mf.id DESC LIMIT 50""",
        [customer_id],
    )
    fetch(
        cursor,
        """SELECT ta.public_id, sf.original_name, sf.size, ta.created_at, t.public_id, t.number
           FROM tasks_taskattachment ta JOIN tasks_task t ON t.id = ta.task_id
           JOIN files_storedfile sf ON sf.id = ta.file_id
           WHERE t.workspace_id = %s AND t.subject_kind = 'crm.customer' AND t.subject_id = %s
           ORDER BY ta.id DESC LIMIT 50""",
        [who.wid, customer_public],  # as the database returned it
    )


def floor_folder_page(cursor, who: Who, folder: Folder) -> list[tuple[str, str]]:
    """Everything the folder page shows after the session and the shell: the folder, crumbs, subfolders,
    documents (and a customer's files elsewhere)."""
    row = floor_access_folder(cursor, who, folder.public_id)
    folder_id, path, customer_public = row[0], row[3], row[9]
    ids = [int(i) for i in path.strip("/").split("/")]
    fetch(
        cursor,
        f"""SELECT id, public_id, name, kind FROM library_folder
            WHERE workspace_id = %s AND id IN ({", ".join(["%s"] * len(ids))})""",
        [who.wid, *ids],
    )
    condition, params = readable(who)
    subfolders = fetch(
        cursor,
        f"""SELECT fo.public_id, fo.name, fo.kind, fo.guard_id FROM library_folder fo
            LEFT JOIN crm_customer cu ON cu.id = fo.customer_id
            WHERE fo.workspace_id = %s AND fo.parent_id = %s AND {condition}
            ORDER BY fo.name_key, fo.id""",
        [who.wid, folder_id, *params],
    )
    documents = floor_documents(cursor, folder_id, limit=PAGE + 1)[:PAGE]
    if row[2] == FolderKind.CUSTOMER:
        floor_related(cursor, who, row[5], customer_public)
    return [("f", public(r[0])) for r in subfolders] + [("d", public(r[1])) for r in documents]


def floor_api_list(cursor, who: Who, folder: Folder) -> list:
    """GET …/library/folders/{id}/documents: the folder and its rules, the count, the first 50."""
    row = floor_access_folder(cursor, who, folder.public_id)
    count = fetch(
        cursor, "SELECT COUNT(*) FROM library_document WHERE folder_id = %s AND deleted_at IS NULL", [row[0]]
    )[0][0]
    rows = floor_documents(cursor, row[0], limit=PAGE, with_file_details=True)
    return [count, *[public(r[1]) for r in rows]]


# --- search ------------------------------------------------------------------------------------------------


class Query:
    """A search as the page or the API takes it: words and filters."""

    def __init__(self, q: str = "", *, folder: Folder | None = None, kind: str = "", uploader=None,
                 customer: Customer | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None):  # fmt: skip
        self.q, self.folder, self.kind, self.uploader = q, folder, kind, uploader
        self.customer, self.date_from, self.date_to = customer, date_from, date_to

    def few(self) -> Query:
        """The same filters, the word that one document holds: the query count's "few rows" (none, when the
        filters leave that document out)."""
        return Query(SINGLE_TERM, folder=self.folder, kind=self.kind, uploader=self.uploader,
                     customer=self.customer, date_from=self.date_from, date_to=self.date_to)  # fmt: skip

    def params(self) -> dict:
        found = {
            "q": self.q,
            "folder": self.folder and str(self.folder.public_id),
            "kind": self.kind,
            "uploader": self.uploader and str(self.uploader.public_id),
            "customer": self.customer and str(self.customer.public_id),
            "date_from": self.date_from and self.date_from.isoformat(),
            "date_to": self.date_to and self.date_to.isoformat(),
        }
        return {k: v for k, v in found.items() if v}


def text_condition(
    words: list[str], column: str = "d.search_text", id_column: str = "d.id"
) -> tuple[str, list]:
    """The substring rule and the index condition beside it, as core/text_index.py writes them here."""
    where = [f"{column} LIKE %s" for _ in words]
    params = [f"%{w}%" for w in words]
    doubled = [search_doubled(w) for w in words]
    if connection.vendor == "postgresql":
        indexed = [d for d in doubled if PG_TRIGRAM.search(d)]
        # The stored doubled column when the index keeps one (TextIndex.stored), else the expression.
        doubled_column = f"{column}_doubled" if DOCUMENT_INDEX.stored else f"tw_search_doubled({column})"
        where += [f"{doubled_column} LIKE %s" for _ in indexed]
        params += [f"%{d}%" for d in indexed]
    else:
        indexed = [d for d in doubled if len(d) >= 3]
        if indexed:
            fts = DOCUMENT_INDEX.fts_table
            where.append(f"{id_column} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)")
            params.append(fts_query(indexed))
    return " AND ".join(where) or TRUE, params


def floor_search_head(cursor, who: Who, query: Query, *, page: bool) -> None:
    """Around the results: on the page the shell and the form's member choices; the folder, uploader and
    customer a filter names."""
    if page:
        floor_shell(cursor, who)
        fetch(
            cursor,
            """SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
               JOIN accounts_user u ON u.id = m.user_id
               WHERE m.workspace_id = %s AND m.is_active = %s ORDER BY u.full_name""",
            [who.wid, True],
        )
    if query.folder is not None:
        floor_access_folder(cursor, who, query.folder.public_id)
    if query.uploader is not None:
        fetch(
            cursor,
            "SELECT id, role, is_active FROM workspaces_membership "
            "WHERE workspace_id = %s AND public_id = %s",
            [who.wid, db_uuid(query.uploader.public_id)],
        )
    if query.customer is not None:
        fetch(
            cursor,
            "SELECT id, name, owner_id FROM crm_customer WHERE workspace_id = %s AND public_id = %s",
            [who.wid, db_uuid(query.customer.public_id)],
        )


def floor_search(cursor, who: Who, query: Query, *, count: bool = False) -> list:
    """The matching documents the member may read, the latest changed first: one page (51 rows on the page;
    on the API 50, with the count and the page's tags)."""
    words = search_words(query.q)[:10]
    condition, params = readable(who)
    where = ["d.workspace_id = %s", "d.deleted_at IS NULL", condition]
    values = [who.wid, *params]
    text, text_params = text_condition(words)
    if words:
        where.append(text)
        values += text_params
    if query.folder is not None:
        where.append("fo.path LIKE %s")
        values.append(f"{query.folder.path}%")
    if query.kind:
        exact = [p for p in KINDS[query.kind] if not p.endswith("/")]
        prefixes = [p for p in KINDS[query.kind] if p.endswith("/")]
        alternatives = [f"fi.content_type IN ({', '.join(['%s'] * len(exact))})"] if exact else []
        alternatives += ["fi.content_type LIKE %s" for _ in prefixes]
        where.append(f"({' OR '.join(alternatives)})")
        values += exact + [f"{p}%" for p in prefixes]
    if query.uploader is not None:
        where.append("v.created_by_id = %s")
        values.append(query.uploader.pk)
    if query.customer is not None:
        where.append("fo.customer_id = %s")
        values.append(query.customer.pk)
    zone = who.zone if not count else dt.UTC  # the page answers in the member's zone, the API in UTC
    if query.date_from:
        where.append("d.updated_at >= %s")
        values.append(db_datetime(dt.datetime.combine(query.date_from, dt.time(), tzinfo=zone)))
    if query.date_to:
        where.append("d.updated_at < %s")
        end = dt.datetime.combine(query.date_to + dt.timedelta(days=1), dt.time(), tzinfo=zone)
        values.append(db_datetime(end))
    tables = """library_document d JOIN library_folder fo ON fo.id = d.folder_id
                LEFT JOIN crm_customer cu ON cu.id = fo.customer_id
                LEFT JOIN library_documentversion v ON v.id = d.current_id
                LEFT JOIN files_storedfile fi ON fi.id = v.file_id"""
    found = fetch(
        cursor,
        f"""SELECT d.id, d.public_id, d.name, d.updated_at, fo.public_id, fo.name, fo.kind, fi.size,
                   v.public_id, v.text_status, v.thumbnail_id
            FROM {tables} WHERE {" AND ".join(where)}
            ORDER BY d.updated_at DESC, d.id DESC LIMIT {PAGE if count else PAGE + 1}""",
        values,
    )[:PAGE]
    if not count:
        return [public(r[1]) for r in found]
    total = fetch(cursor, f"SELECT COUNT(*) FROM {tables} WHERE {' AND '.join(where)}", values)[0][0]
    floor_tags(cursor, [r[0] for r in found])
    return [total, *[public(r[1]) for r in found]]


# --- finding the bench's folders ---------------------------------------------------------------------------


def live_documents(folder: Folder) -> int:
    return Document.objects.filter(folder=folder, deleted_at__isnull=True).count()


def smallest_like(who: Who, folder: Folder) -> Folder:
    """A folder of the same shape (kind, guarded or not, a customer's or not) that the member reads, with the
    fewest documents (at least one): the "few rows" side of the query counts."""
    condition, params = readable(who)
    shape = ["fo.kind = %s", f"fo.guard_id IS {'NOT ' if folder.guard_id else ''}NULL",
             f"fo.customer_id IS {'NOT ' if folder.customer_id else ''}NULL"]  # fmt: skip
    with connection.cursor() as cursor:
        rows = fetch(
            cursor,
            f"""SELECT fo.id, COUNT(d.id) FROM library_folder fo
                LEFT JOIN crm_customer cu ON cu.id = fo.customer_id
                JOIN library_document d ON d.folder_id = fo.id AND d.deleted_at IS NULL
                WHERE fo.workspace_id = %s AND {condition} AND {" AND ".join(shape)}
                GROUP BY fo.id ORDER BY CASE WHEN fo.id = %s THEN 1 ELSE 0 END, COUNT(d.id), fo.id LIMIT 1""",
            [who.wid, *params, folder.kind, folder.pk],  # itself only when there is no other
        )
    return Folder.objects.get(pk=rows[0][0]) if rows else Folder.objects.get(name=SINGLE_FOLDER)


def few_subfolders(who: Who) -> Folder:
    """An open team folder with subfolders and no documents, the fewest subfolders: the Customers folder's
    "few rows" side."""
    condition, params = readable(who, folder="sub")
    with connection.cursor() as cursor:
        rows = fetch(
            cursor,
            f"""SELECT fo.id FROM library_folder fo
                JOIN library_folder sub ON sub.parent_id = fo.id
                LEFT JOIN crm_customer cu ON cu.id = sub.customer_id
                WHERE fo.workspace_id = %s AND fo.kind = %s AND fo.guard_id IS NULL AND fo.customer_id IS NULL
                  AND fo.deleted_at IS NULL AND {condition}
                  AND NOT EXISTS (SELECT 1 FROM library_document d WHERE d.folder_id = fo.id)
                GROUP BY fo.id ORDER BY COUNT(sub.id), fo.id LIMIT 1""",
            [who.wid, FolderKind.TEAM, *params],
        )
    return Folder.objects.get(pk=rows[0][0])


def biggest_customer_folder(owner: Membership) -> Folder:
    with connection.cursor() as cursor:
        rows = fetch(
            cursor,
            """SELECT fo.id FROM library_folder fo JOIN crm_customer cu ON cu.id = fo.customer_id
               JOIN library_document d ON d.folder_id = fo.id AND d.deleted_at IS NULL
               WHERE fo.workspace_id = %s AND fo.kind = %s AND cu.owner_id = %s AND fo.deleted_at IS NULL
               GROUP BY fo.id ORDER BY COUNT(d.id) DESC, fo.id LIMIT 1""",
            [owner.workspace_id, FolderKind.CUSTOMER, owner.pk],
        )
    return Folder.objects.get(pk=rows[0][0])


# --- running -----------------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30, help="timed requests per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--search-n", type=int, help="timed requests per search (default: --n; a common word takes seconds)"
    )
    parser.add_argument("--only", default="", help="run the scenarios whose name contains this text")
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's three slowest queries"
    )
    return parser.parse_args()


def table_counts(workspace_id: int) -> str:
    parts = []
    for model in (Folder, FolderAccess, Document, DocumentVersion, DocumentTag, StoredFile):
        rows = model.objects.filter(workspace_id=workspace_id).count()
        parts.append(f"{model._meta.db_table} {rows:,}")
    texts = DocumentVersion.objects.filter(workspace_id=workspace_id, text_status="done").count()
    return "; ".join(parts) + f"; versions with text {texts:,}"


def main() -> None:
    args = arguments()
    slug = LIBRARY_SLUG
    rep, clerk = sign_in(REP_EMAIL, slug), sign_in(CLERK_EMAIL, slug)
    colleague = Membership.objects.get(workspace_id=rep.wid, user__email=COLLEAGUE_EMAIL)
    ws = rep.wid
    named = {f.name: f for f in Folder.objects.filter(workspace_id=ws, name__in=[
        BIG_FOLDER, KEY_ACCOUNTS, FINANCE_SLIPS, DEEP_LEAF, SINGLE_FOLDER])}  # fmt: skip
    big, key_accounts, slips = named[BIG_FOLDER], named[KEY_ACCOUNTS], named[FINANCE_SLIPS]
    deep = named[DEEP_LEAF]
    customers_top = Folder.objects.get(workspace_id=ws, kind=FolderKind.CUSTOMERS)
    own_customer = biggest_customer_folder(rep.membership)
    their_customer = biggest_customer_folder(colleague)
    shipping_name = next(name for name, theme, _rules in TOPS if theme == "shipping")
    shipping = Folder.objects.get(workspace_id=ws, parent__isnull=True, name=shipping_name)
    customer = Customer.objects.get(pk=own_customer.customer_id)
    w = f"/w/{slug}/library"
    api = f"/api/v1/workspaces/{slug}/library"

    def folder_url(folder: Folder) -> str:
        return reverse("library:folder", args=[slug, folder.public_id])

    def listing(name: str, who: Who, folder: Folder) -> Scenario:
        small = smallest_like(who, folder) if folder.kind != FolderKind.CUSTOMERS else few_subfolders(who)
        return Scenario(
            name=name, who=who, url=folder_url(folder), shown=shown_folder,
            head=lambda c: floor_shell(c, who),
            content=lambda c: floor_folder_page(c, who, folder), small_who=who, small_url=folder_url(small),
        )  # fmt: skip

    def api_list(name: str, who: Who, folder: Folder) -> Scenario:
        small = smallest_like(who, folder)
        return Scenario(
            name=name, who=who, url=f"{api}/folders/{folder.public_id}/documents", shown=shown_api,
            head=lambda c: None, content=lambda c: floor_api_list(c, who, folder), small_who=who,
            small_url=f"{api}/folders/{small.public_id}/documents",
        )  # fmt: skip

    def search(name: str, who: Who, query: Query) -> Scenario:
        url = f"{w}/search/?{urlencode(query.params())}"
        return Scenario(
            name=name, who=who, url=url, shown=shown_found,
            head=lambda c: floor_search_head(c, who, query, page=True),
            content=lambda c: floor_search(c, who, query), small_who=who,
            small_url=f"{w}/search/?{urlencode(query.few().params())}",
        )  # fmt: skip

    def api_search(name: str, who: Who, query: Query) -> Scenario:
        return Scenario(
            name=name, who=who, url=f"{api}/search?{urlencode(query.params())}", shown=shown_api,
            head=lambda c: floor_search_head(c, who, query, page=False),
            content=lambda c: floor_search(c, who, query, count=True), small_who=who,
            small_url=f"{api}/search?{urlencode(query.few().params())}",
        )  # fmt: skip

    today = timezone.now().astimezone(rep.zone).date()
    listings = [
        listing("Big folder (rep)", rep, big),
        listing("Big folder (clerk)", clerk, big),
        listing(f"Deep folder, {deep.depth} levels (rep)", rep, deep),
        listing("Restricted: key accounts (rep)", rep, key_accounts),
        listing("Restricted: bank slips (clerk)", clerk, slips),
        listing("Customer folder, own (rep)", rep, own_customer),
        listing("Customer folder, other's (clerk)", clerk, their_customer),
        listing("Customers: subfolders (rep)", rep, customers_top),
        listing("Customers: subfolders (clerk)", clerk, customers_top),
        api_list("API list: big folder (rep)", rep, big),
        api_list("API list: key accounts (rep)", rep, key_accounts),
        api_list("API list: customer (clerk)", clerk, their_customer),
    ]
    searches = [
        search("“报关” (rep)", rep, Query("报关")),
        search("“报关” (clerk)", clerk, Query("报关")),
        search("“装箱单” (rep)", rep, Query("装箱单")),
        search("“防爆认证” rare (rep)", rep, Query("防爆认证")),
        search("“hamburg” (rep)", rep, Query("hamburg")),
        search("“muller” → Müller (rep)", rep, Query("muller")),
        search("“weissenfels” rare (rep)", rep, Query("weissenfels")),
        search("“hamburg 40hq” (rep)", rep, Query("hamburg 40hq")),
        search("“报关 宁波” (rep)", rep, Query("报关 宁波")),
        search("“报关” in Shipping (rep)", rep, Query("报关", folder=shipping)),
        search("“hamburg”, PDF (rep)", rep, Query("hamburg", kind="pdf")),
        search("“装箱单”, last 90 days (rep)", rep, Query("装箱单", date_from=today - dt.timedelta(days=90))),
        search("Excel by clerk, no words (rep)", rep, Query(kind="excel", uploader=clerk.membership)),
        api_search("API “muller” (rep)", rep, Query("muller")),
        api_search("API “报关” (clerk)", clerk, Query("报关")),
        api_search("API “报关”, customer (rep)", rep, Query("报关", customer=customer)),
    ]
    if args.only:
        listings = [s for s in listings if args.only.lower() in s.name.lower()]
        searches = [s for s in searches if args.only.lower() in s.name.lower()]

    search_n = args.search_n or args.n
    load = os.getloadavg()
    cpu = min(timeit.repeat("sum(range(10**6))", number=1, repeat=20)) * 1000
    print(f"Database: {database_label()}")
    print(
        f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"{timezone.now():%Y-%m-%d %H:%M} UTC; CPU reference (sum(range(10**6))) {cpu:.1f} ms; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"Rows of {slug}: {table_counts(ws)}")
    print(
        f"Folders: big {live_documents(big):,} documents; deep {live_documents(deep):,} "
        f"at depth {deep.depth}; "
        f"key accounts {live_documents(key_accounts):,}; bank slips {live_documents(slips):,}; the rep's "
        f"customer folder {live_documents(own_customer):,}, "
        f"the colleague's {live_documents(their_customer):,}; "
        f"Customers holds {Folder.objects.filter(parent=customers_top, deleted_at__isnull=True).count():,} "
        f"folders. n={args.n} (searches {search_n}) after {args.warmup} warm-ups"
    )
    results: dict[str, list[Result]] = {"listings": [], "searches": []}
    for group, scenarios, n in (("listings", listings, args.n), ("searches", searches, search_n)):
        for s in scenarios:
            results[group].append(run(s, n=n, warmup=args.warmup))
            r = results[group][-1]
            print(
                f"  {s.name}: page p50 {p50(r.page) * 1000:.1f} ms, floor {p50(r.floor) * 1000:.1f} ms",
                flush=True,
            )
    width = 34
    everything = results["listings"] + results["searches"]
    if results["listings"]:
        print("\nFolder pages and the API list")
        print_ratios(results["listings"], LISTING_TARGET, width=width)
    if results["searches"]:
        print("\nSearch (page: library:search; API: …/library/search)")
        print_ratios(results["searches"], SEARCH_TARGET, width=width)
    print()
    print_query_counts(everything, width=width)
    mismatched = [r.name for r in everything if not r.match]
    if mismatched:
        print(f"\n!! rows differ from the floor: {', '.join(mismatched)}")
    within = sum(r.ratio <= LISTING_TARGET for r in results["listings"])
    found = sum(r.ratio <= SEARCH_TARGET for r in results["searches"])
    constant = [r.name for r in everything if r.queries > r.small_queries]
    load = os.getloadavg()
    print(
        f"\nSummary: {within} of {len(results['listings'])} listings within {LISTING_TARGET:g}×, {found} of "
        f"{len(results['searches'])} searches within {SEARCH_TARGET:g}× of their SQL floor; query counts "
        f"{'GROW with the rows shown: ' + ', '.join(constant) if constant else 'independent of the rows'}. "
        f"Load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}."
    )
    if args.show_queries or args.explain:
        print_queries(everything, explain_top=3 if args.explain else 0, show=args.show_queries)


if __name__ == "__main__":
    main()
