"""Real mail servers for the mail tests (loaded with `pytest_plugins`): Debian's Dovecot for IMAP — a private
instance per test process, on free ports, plain and TLS with a self-signed certificate — and aiosmtpd for
SMTP, with AUTH, keeping what it receives. Not mocks of imaplib or smtplib: the code under test talks to
them over sockets as it would to Exmail or Gmail.

Dovecot comes from `apt-get install dovecot-imapd` (.ci/run installs it)."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import imaplib
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.processes import free_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# Wrong passwords are tested on purpose: no delay after one, no growing penalty for 127.0.0.1.
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
first_valid_uid = 1
default_internal_user = {internal_user}
default_login_user = {internal_user}
mail_max_userip_connections = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


def self_signed(root: Path) -> None:
    """A certificate for 127.0.0.1 that no one vouches for (the "self-signed" case of the mailbox test)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mail.test.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (root / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (root / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


@dataclass
class ImapServer:
    root: Path
    port: int
    tls_port: int
    host: str = "127.0.0.1"

    def add_user(self, address: str | None = None, password: str | None = None) -> tuple[str, str]:
        """A new mail account (a fresh, empty mailbox): (address, password)."""
        address = address or f"rep-{uuid.uuid4().hex[:10]}@mail.test.example"
        password = password or uuid.uuid4().hex
        # A file per account: Dovecot reads it at each sign-in (one shared file is re-read only when its
        # modification time moves on by a second).
        entry = self.root / "users" / address
        entry.write_text(f"{address}:{{PLAIN}}{password}\n")
        entry.chmod(0o644)
        return address, password

    def imap(self, address: str, password: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(address, password)
        return client

    def deliver(self, account: tuple[str, str], raw: bytes, folder: str = "INBOX") -> None:
        """Put a message in the account's folder, as the account's own client would (IMAP APPEND)."""
        client = self.imap(*account)
        try:
            if folder != "INBOX":
                client.create(folder)
            client.append(folder, None, imaplib.Time2Internaldate(time.time()), raw)
        finally:
            client.logout()


@contextlib.contextmanager
def dovecot_running():
    """A private Dovecot on free ports, stopped and removed afterwards (the tests' fixture, the bench)."""
    if not Path(DOVECOT).exists():
        raise RuntimeError("Dovecot is missing: apt-get install -y dovecot-imapd (.ci/run installs it).")
    # Not under pytest's temporary folder: it is private to us (0700), and Dovecot's own users read here.
    root = Path(tempfile.mkdtemp(prefix="tradewind-dovecot-"))
    root.chmod(0o755)
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    os.chmod(root / "mail", 0o777)  # noqa: S103 - the mail processes run as the internal user
    (root / "users").mkdir()
    (root / "users").chmod(0o755)
    self_signed(root)
    # As root (CI), Dovecot's own users run its processes and nobody owns the mail; as anyone else, they do.
    user = getpass.getuser()
    root_run = user == "root"
    server = ImapServer(root=root, port=free_port(), tls_port=free_port())
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            internal_user="dovenull" if root_run else user,
            mail_uid="nobody" if root_run else user,
            mail_gid="nogroup" if root_run else user,
            port=server.port,
            tls_port=server.tls_port,
        )
    )
    subprocess.run([DOVECOT, "-c", str(root / "dovecot.conf")], check=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                imaplib.IMAP4(server.host, server.port, timeout=1).logout()
                break
            except OSError:
                if time.monotonic() > deadline:
                    log = root / "dovecot.log"
                    text = log.read_text(errors="replace") if log.exists() else ""
                    raise RuntimeError(f"Dovecot did not start: {text[-2000:]}") from None
                time.sleep(0.1)
        yield server
    finally:
        subprocess.run(["doveadm", "-c", str(root / "dovecot.conf"), "stop"], check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def imap_server():
    try:
        with dovecot_running() as server:
            yield server
    except RuntimeError as exc:
        pytest.fail(str(exc))


@dataclass
class SmtpServer:
    host: str
    port: int
    accounts: dict[str, str] = field(default_factory=dict)
    received: list = field(default_factory=list)  # (envelope sender, recipients, raw bytes)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_user(self, address: str, password: str) -> None:
        self.accounts[address] = password

    def sent_to(self, address: str) -> list[bytes]:
        with self.lock:
            return [raw for _sender, recipients, raw in self.received if address in recipients]

    def sent_with_id(self, message_id: str) -> list[bytes]:
        """What arrived with this Message-ID (the server is shared by a process's tests)."""
        with self.lock:
            return [raw for _s, _r, raw in self.received if f"Message-ID: {message_id}".encode() in raw]


@pytest.fixture(scope="session")
def smtp_server():
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    server = SmtpServer(host="127.0.0.1", port=free_port())

    class Keep:
        async def handle_DATA(self, smtp, session, envelope):
            with server.lock:
                server.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    def authenticator(smtp, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            if server.accounts.get(login) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    controller = Controller(
        Keep(),
        hostname=server.host,
        port=server.port,
        authenticator=authenticator,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    yield server
    controller.stop()
