"""E-mail (issue 15): the sync of a 100k-message mailbox beside a plain imaplib fetch of the same messages in
the same run, its memory as it goes, and the customer page of a buyer with 5k e-mails beside its SQL floor.

    TRADEWIND_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tradewind_bench_mail \\
      TRADEWIND_DATA_DIR=/tmp/bench-mail .venv/bin/python -m django migrate --settings=tradewind.settings
    … .venv/bin/python bench/generate_crm.py              # 100k customers, 300k contacts (64 s)
    … .venv/bin/python bench/bench_mail.py [--messages 100000] [--key-account 5000] [--n 20]

A private Dovecot (tests/mailservers.py) gets one account whose Maildir is written directly: `--messages`
e-mails over two years — 70% from the workspace's contacts (company and free-mail addresses), the rest from
strangers; Chinese, English and mixed; a tenth in GBK; a fifth with an HTML part; 3% with a 30 KB PDF; a
third answering an earlier one (threads) — and `--key-account` of them from one buyer of the busy rep's.

1. Floor: imaplib signs in, selects INBOX, lists the UIDs, reads their sizes and fetches every message in
   the sync's batches (100 messages or 20 MB), keeping nothing.
2. The sync: `mailbox_sync` of a mailbox of the busy rep's on that account, as the worker runs it — parsed,
   matched against the 100k customers, threaded, stored with attachments, on the timelines. The resident
   memory is sampled every half second.
3. The key account's customer page (its timeline and e-mail panel among the rest) against the raw SQL of
   what it shows (bench_crm_pages' profile floor plus the e-mail panel's rows and count), and the same page
   for a customer with one e-mail for the query count.
Targets: sync throughput as a ratio to the floor (reported), memory flat; the page ≤ 3× its floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import imaplib
import os
import random
import subprocess
import threading
import time
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from _bulk import vacuum_analyze
from _common import CRM_BUSY_EMAIL, CRM_SLUG, database_label, db_uuid, p50, require_migrated
from _pages import Scenario, fetch, floor_shell, print_query_counts, print_ratios, run, sign_in
from bench_crm_pages import floor_profile, floor_profile_head, shown_timeline

from tests.mailservers import dovecot_running
from tradewind.activity.models import Activity
from tradewind.core.sealed import seal
from tradewind.crm.models import Contact, Customer
from tradewind.mail.choices import MailboxKind, Security, SyncState
from tradewind.mail.models import MailAttachment, Mailbox, MailMessage, MailThread
from tradewind.mail.services import mailbox_sync

SUBJECTS = [
    "Inquiry: {n} pcs electric kettles", "询价：不锈钢保温杯 {n} 只", "Re: PI-2026-{n:04d} 付款确认",
    "Quotation request — LED panels {n} units", "关于订单 PO-{n} 的出货时间",
    "Sample feedback / 样品反馈 #{n}", "Shipping documents for B/L {n}", "Price list 2027 — please advise",
    "投诉：第 {n} 批货物包装破损",
]  # fmt: skip
LINES = [
    "Please quote FOB Ningbo for the quantity above, delivery within 45 days.",
    "我们需要 CE 和 RoHS 证书，请一并提供报价单。",
    "The last shipment arrived two days late; please confirm the new ETA.",
    "付款已安排 30% 定金，余款见提单副本付清。",
    "Kindly send the packing list and the commercial invoice before Friday.",
    "请确认唛头和外箱尺寸，客户要求每箱 6 只。",
]
PDF = b"%PDF-1.4\n" + os.urandom(30 * 1024) + b"\n%%EOF\n"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--key-account", type=int, default=5_000, help="e-mails from one buyer")
    parser.add_argument("--n", type=int, default=20, help="page requests timed")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


# --- the mailbox ---------------------------------------------------------------------------------------


def _message(i: int, rng: random.Random, sender: str, to: str, earlier: list[str]) -> tuple[bytes, str]:
    n = rng.randint(1, 9999)
    subject = rng.choice(SUBJECTS).format(n=n)
    body = "\n".join(rng.choice(LINES) for _ in range(rng.randint(3, 30)))
    charset = "gbk" if rng.random() < 0.1 else "utf-8"
    text = MIMEText(body, "plain", charset)
    if rng.random() < 0.2 or rng.random() < 0.03:
        message = MIMEMultipart("mixed")
        alternative = MIMEMultipart("alternative")
        alternative.attach(text)
        html = "".join(f"<p>{line}</p>" for line in body.splitlines())
        alternative.attach(MIMEText(f"<html><body>{html}</body></html>", "html", "utf-8"))
        message.attach(alternative)
        if rng.random() < 0.15:
            pdf = MIMEApplication(PDF, "pdf")
            pdf.add_header("Content-Disposition", "attachment", filename=f"PI-2026-{n:04d}.pdf")
            message.attach(pdf)
    else:
        message = text
    message_id = f"<bench-{i}@mail.bench.invalid>"
    message["From"] = sender
    message["To"] = to
    message["Subject"] = Header(subject, "utf-8")
    sent = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i * 7 + rng.randint(0, 6))
    message["Date"] = email.utils.format_datetime(sent)
    message["Message-ID"] = message_id
    if earlier and rng.random() < 0.33:
        original = rng.choice(earlier)
        message["In-Reply-To"] = original
        message["References"] = original
    return message.as_bytes(), message_id


def fill_maildir(root: Path, address: str, args, key_email: str) -> int:
    """Write the account's Maildir directly (APPEND of 100k messages would take longer than the sync)."""
    rng = random.Random(args.seed)
    contacts = list(
        Contact.objects.filter(customer__workspace__slug=CRM_SLUG)
        .exclude(emails=[])
        .values_list("emails", flat=True)[:20_000]
    )
    known = [emails[0] for emails in contacts]
    maildir = root / "mail" / address / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    key_every = max(1, args.messages // max(1, args.key_account))
    earlier: list[str] = []
    total = 0
    for i in range(args.messages):
        if args.key_account and i % key_every == 0 and i // key_every < args.key_account:
            sender = f"Key Buyer <{key_email}>"
        elif rng.random() < 0.7:
            sender = rng.choice(known)
        else:
            sender = (
                f"buyer{rng.randint(1, 50_000)}@{rng.choice(['gmail.com', 'outlook.com', 'newco.example'])}"
            )
        raw, message_id = _message(i, rng, sender, address, earlier[-500:])
        earlier.append(message_id)
        (maildir / "cur" / f"{1_700_000_000 + i}.M{i}P1.bench:2,S").write_bytes(raw)
        total += len(raw)
    if os.geteuid() == 0:  # Dovecot's mail processes run as nobody (tests/mailservers.py)
        subprocess.run(["chown", "-R", "nobody:nogroup", str(root / "mail" / address)], check=True)
    return total


# --- 1. the floor -------------------------------------------------------------------------------------------


def _bodies(client, batch: list[int]) -> int:
    _status, answer = client.uid("FETCH", ",".join(map(str, batch)), "(UID INTERNALDATE BODY.PEEK[])")
    return sum(1 for item in answer if isinstance(item, tuple))


def imaplib_fetch(server, account) -> tuple[int, float]:
    from tradewind.mail.services.sync import BATCH_MESSAGES

    started = time.perf_counter()
    client = imaplib.IMAP4(server.host, server.port)
    client.login(*account)
    client.select("INBOX", readonly=True)
    _status, data = client.uid("SEARCH", None, "UID 1:*", "SINCE", "01-Jan-2020")
    uids = [int(u) for u in data[0].split()]
    fetched = 0
    for start in range(0, len(uids), 1000):
        chunk = uids[start : start + 1000]
        client.uid("FETCH", ",".join(map(str, chunk)), "(UID RFC822.SIZE)")  # as the sync asks
        # The sync's batches: no message here comes near its 20 MB, so BATCH_MESSAGES decides.
        for at in range(0, len(chunk), BATCH_MESSAGES):
            fetched += _bodies(client, chunk[at : at + BATCH_MESSAGES])
    client.logout()
    return fetched, time.perf_counter() - started


# --- 2. the sync ---------------------------------------------------------------------------------------


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def sync(server, account, owner) -> tuple[int, float, list[tuple[float, float]]]:
    Mailbox.objects.filter(owner=owner, address=account[0]).delete()
    mailbox = Mailbox.objects.create(
        workspace_id=owner.workspace_id, kind=MailboxKind.PERSONAL, owner=owner, address=account[0],
        imap_host=server.host, imap_port=server.port, imap_security=Security.NONE, smtp_host=server.host,
        smtp_port=25, smtp_security=Security.NONE, username=account[0], password_sealed=seal(account[1]),
        sync_folders=["INBOX"], sync_since=dt.date(2020, 1, 1), state=SyncState.NEW,
    )  # fmt: skip
    samples: list[tuple[float, float]] = []
    done = threading.Event()
    started = time.perf_counter()

    def sample():
        while not done.wait(0.5):
            samples.append((time.perf_counter() - started, rss_mb()))

    sampler = threading.Thread(target=sample, daemon=True)
    samples.append((0.0, rss_mb()))
    sampler.start()
    report = mailbox_sync(mailbox_id=mailbox.pk)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    mailbox.refresh_from_db()
    if mailbox.state != SyncState.OK:
        raise SystemExit(f"the sync failed: {mailbox.last_error}")
    return report.stored, elapsed, samples


# --- 3. the customer page ------------------------------------------------------------------------------


def floor_mail_panel(cursor, customer) -> None:
    fetch(
        cursor,
        """SELECT m.public_id, m.subject, m.snippet, m.sent_at, m.direction, m.from_name, m.from_address,
                  t.public_id
           FROM mail_mailmessage m JOIN mail_mailthread t ON t.id = m.thread_id
           WHERE m.workspace_id = %s AND m.customer_id = %s ORDER BY m.sent_at DESC, m.id DESC LIMIT 11""",
        [customer.workspace_id, customer.pk],
    )
    fetch(cursor, "SELECT count(*) FROM mail_mailmessage WHERE customer_id = %s", [customer.pk])


def main() -> None:
    args = arguments()
    require_migrated()
    busy = sign_in(CRM_BUSY_EMAIL, CRM_SLUG)
    owner = busy.membership
    mine = Customer.objects.filter(workspace_id=owner.workspace_id, owner=owner)
    key = next(c for c in mine.order_by("id")[:500] if c.contacts.exclude(emails=[]).exists())
    key_email = key.contacts.exclude(emails=[]).first().emails[0]
    MailMessage.objects.filter(workspace_id=owner.workspace_id).delete()  # a second run starts clean

    with dovecot_running() as server:
        account = server.add_user()
        started = time.perf_counter()
        size = fill_maildir(server.root, account[0], args, key_email)
        took = time.perf_counter() - started
        print(f"{args.messages:,} messages ({size / 1e6:,.0f} MB) written in {took:.0f} s")
        started = time.perf_counter()
        client = imaplib.IMAP4(server.host, server.port)
        client.login(*account)
        client.select("INBOX")  # Dovecot indexes the new Maildir once
        client.logout()
        print(f"Dovecot indexed them in {time.perf_counter() - started:.1f} s (not counted)")
        fetched, floor_seconds = imaplib_fetch(server, account)
        stored, sync_seconds, samples = sync(server, account, owner)

    customers = Customer.objects.filter(workspace_id=owner.workspace_id).count()
    print(f"\n{database_label()} · {args.messages:,} messages, {customers:,} customers")
    print(f"{'':28} {'messages':>10} {'seconds':>9} {'per second':>11}")
    for label, count, seconds in (("imaplib fetch (floor)", fetched, floor_seconds),
                                  ("mailbox_sync", stored, sync_seconds)):  # fmt: skip
        print(f"{label:28} {count:>10,} {seconds:>9.1f} {count / seconds:>11,.0f}")
    share = (stored / sync_seconds) / (fetched / floor_seconds)
    print(f"sync throughput = {100 * share:.1f}% of the floor's ({1 / share:.1f}× its time)")
    matched = MailMessage.objects.filter(workspace_id=owner.workspace_id, customer__isnull=False).count()
    print(f"matched to a customer: {matched:,} of {stored:,}")
    peak = max(r for _t, r in samples)
    quarter = [samples[min(len(samples) - 1, int(len(samples) * q))][1] for q in (0.1, 0.25, 0.5, 0.75, 1.0)]
    along = " / ".join(f"{r:.0f}" for r in quarter)
    print(
        f"resident memory: start {samples[0][1]:.0f} MB, peak {peak:.0f} MB; at 10/25/50/75/100%: {along} MB"
    )

    # As autovacuum would after a sync this size: the planner took the 5k e-mails of one customer for one
    # row (statistics of the empty table) and sorted them all for the panel's newest ten, 41 ms not 1 ms.
    vacuum_analyze(MailMessage, MailThread, MailAttachment, Activity)
    key.refresh_from_db()
    small = next(c for c in mine.exclude(pk=key.pk).filter(mail_messages__isnull=False).distinct()[:50])
    w = f"/w/{CRM_SLUG}/customers"
    scenario = Scenario(
        name=f"Customer, {MailMessage.objects.filter(customer=key).count():,} e-mails",
        who=busy,
        url=f"{w}/{key.public_id}/",
        shown=shown_timeline,
        head=lambda c: (floor_shell(c, busy), floor_profile_head(c, busy, key), floor_mail_panel(c, key)),
        content=lambda c: floor_profile(c, busy, key),
        small_who=busy,
        small_url=f"{w}/{small.public_id}/",
    )
    result = run(scenario, n=args.n, warmup=args.warmup)
    print()
    print_ratios([result], 3.0)
    print_query_counts([result])
    print(f"(page p50 {1000 * p50(result.page):.1f} ms; {db_uuid(key.public_id)})")


if __name__ == "__main__":
    main()
