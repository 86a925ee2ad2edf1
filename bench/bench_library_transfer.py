"""Upload and download of a large file through the library (issue 14): throughput beside the raw copy, and
the server's memory while it happens.

    TRADEWIND_DATA_DIR=/tmp/bench-transfer .venv/bin/tradewind migrate
    TRADEWIND_DATA_DIR=/tmp/bench-transfer .venv/bin/python bench/bench_library_transfer.py [--mb 50] [--n 3]

For each storage — the data directory's disk, then moto's S3 server (the one the tests use, started here on
a free port) — the bench starts `tradewind serve --no-worker` (one web process) on SQLite in
TRADEWIND_DATA_DIR and, `--n` times:
- uploads a `--mb` MB file through the API (multipart, streamed from disk by this process) and downloads it
  again (following the presigned redirect on S3), checking the bytes' SHA-256;
- does the same copy with the raw client: `shutil.copyfile` on disk, boto3's upload_file/download_file on S3.
The ratio is the server's throughput over the raw client's (1.0 = as fast as the raw copy; the target asks
for none in particular, only that it is shown). While the server works, its web process's resident memory
is sampled every 20 ms: the peak minus the memory before says whether a file passes through memory whole
(it would grow by the file's size) or in blocks (flat).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import _common  # starts Django and guards the database: before any model
import psutil

from tradewind.accounts.models import User
from tradewind.accounts.services import api_token_create
from tradewind.library import services as library
from tradewind.workspaces.models import Membership
from tradewind.workspaces.services import workspace_create

MB = 1024 * 1024
SLUG = "bench-transfer"
KEY, SECRET, REGION = "bench", "bench-secret", "us-east-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_answering(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: {process.args[0]} ended:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"bench: {url} did not answer in {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# --- the data ---------------------------------------------------------------------------------------------


def prepare() -> tuple[str, str]:
    """The bench workspace (made again each run), a documents clerk's API token and a folder: (token, id)."""
    _common.require_migrated()
    from _bulk import drop_workspaces

    drop_workspaces([SLUG], email_suffix="@bench-transfer.example")
    user = User.objects.create_user(email="clerk@bench-transfer.example", password=uuid.uuid4().hex)
    workspace = workspace_create(
        user=user, name="Bench transfer", slug=SLUG, country="CN", time_zone="Asia/Shanghai", currency="USD"
    )
    member = Membership.objects.get(workspace=workspace, user=user)
    folder = library.folder_create(actor=member, name="Catalogs")
    _token, raw = api_token_create(membership=member, name="bench", expires_at=None, ip=None)
    return raw, str(folder.public_id)


def big_file(folder: Path, mb: int) -> tuple[Path, str]:
    """A PDF-looking file of random bytes (a PDF is what a catalog is; random so nothing compresses it)."""
    path = folder / "catalog-2027.pdf"
    digest = hashlib.sha256()
    with path.open("wb") as f:
        head = b"%PDF-1.4\n"
        f.write(head)
        digest.update(head)
        for _ in range(mb):
            block = os.urandom(MB)
            f.write(block)
            digest.update(block)
    return path, digest.hexdigest()


# --- the server's memory ----------------------------------------------------------------------------------


class MemoryWatch:
    """The largest resident set of the server's web processes while a transfer runs (every 20 ms)."""

    def __init__(self, server_pid: int):
        root = psutil.Process(server_pid)
        self.processes = [p for p in root.children(recursive=True) if "worker" not in " ".join(p.cmdline())]
        self.processes = self.processes or [root]

    def rss(self) -> int:
        total = 0
        for p in self.processes:
            with contextlib.suppress(psutil.Error):  # a process that just ended
                total += p.memory_info().rss
        return total

    def during(self, work):
        before = self.rss()
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], self.rss())
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            result = work()
        finally:
            done.set()
            sampler.join()
        return result, before, peak[0]


# --- the transfers ----------------------------------------------------------------------------------------


def upload(base: str, token: str, folder_id: str, path: Path) -> str:
    """POST the file as multipart/form-data, read from disk in 1 MB blocks; the new document's id."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(tail)

    def body():
        yield head
        with path.open("rb") as f:
            yield from iter(lambda: f.read(MB), b"")
        yield tail

    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
    connection.putrequest("POST", f"/api/v1/workspaces/{SLUG}/library/folders/{folder_id}/documents")
    for name, value in (
        ("Authorization", f"Bearer {token}"),
        ("Content-Type", f"multipart/form-data; boundary={boundary}"),
        ("Content-Length", str(length)),
    ):
        connection.putheader(name, value)
    connection.endheaders()
    for chunk in body():
        connection.send(chunk)
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    if answer.status != 201:
        sys.exit(f"bench: upload answered {answer.status}: {data[:500]!r}")
    return json.loads(data)["id"]


def download(base: str, token: str, document_id: str, into: Path) -> str:
    """GET the document (following a presigned redirect) into a file; the SHA-256 of what came."""
    request = urllib.request.Request(
        f"{base}/api/v1/workspaces/{SLUG}/library/documents/{document_id}/download",
        headers={"Authorization": f"Bearer {token}"},
    )
    digest = hashlib.sha256()
    # urllib follows the redirect without the Authorization header's help: the presigned URL is the key.
    with urllib.request.urlopen(request, timeout=300) as answer, into.open("wb") as f:
        for block in iter(lambda: answer.read(MB), b""):
            digest.update(block)
            f.write(block)
    return digest.hexdigest()


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def raw_local(src: Path, scratch: Path) -> tuple[float, float]:
    up, _ = timed(lambda: shutil.copyfile(src, scratch / "raw-up"))
    down, _ = timed(lambda: shutil.copyfile(scratch / "raw-up", scratch / "raw-down"))
    return up, down


def raw_s3(endpoint: str, src: Path, scratch: Path) -> tuple[float, float]:
    import boto3

    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET, region_name=REGION
    )
    bucket = "raw-" + uuid.uuid4().hex[:8]
    client.create_bucket(Bucket=bucket)
    up, _ = timed(lambda: client.upload_file(str(src), bucket, "raw"))
    down, _ = timed(lambda: client.download_file(bucket, "raw", str(scratch / "raw-down")))
    return up, down


def run_storage(
    label: str, env: dict, raw, *, token: str, folder_id: str, files: list[tuple[Path, str, int]]
):
    """For each (file, its SHA-256, times) the rows of its transfers: (upload s, raw upload s, memory
    growth, download s, raw download s, memory growth)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    scratch = Path(tempfile.mkdtemp(prefix="bench-transfer-"))
    log = scratch / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "tradewind", "serve", "--no-worker", "--no-migrate", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_answering(base + "/healthz", server, log)
        # One small transfer first: what a web process loads once (boto3, the API) is not the file's doing.
        warm = scratch / "warm-up.pdf"
        warm.write_bytes(b"%PDF-1.4\n" + os.urandom(2 * MB))
        download(base, token, upload(base, token, folder_id, warm), scratch / "down")
        watch = MemoryWatch(server.pid)
        return [
            transfers(
                label, base, raw, watch, token=token, folder_id=folder_id, src=src, sha=sha, n=n, into=scratch
            )
            for src, sha, n in files
        ]
    finally:
        stop(server)
        shutil.rmtree(scratch, ignore_errors=True)


def transfers(label, base, raw, watch, *, token, folder_id, src, sha, n, into):
    rows = []
    scratch = into
    for _ in range(n):
        (up_s, document_id), up_before, up_peak = watch.during(
            lambda: timed(lambda: upload(base, token, folder_id, src))
        )
        (down_s, got), down_before, down_peak = watch.during(
            lambda document_id=document_id: timed(
                lambda: download(base, token, document_id, scratch / "down")
            )
        )
        if got != sha:
            sys.exit(f"bench: {label}: the downloaded file is not the uploaded one")
        raw_up, raw_down = raw(src)
        rows.append((up_s, raw_up, up_peak - up_before, down_s, raw_down, down_peak - down_before))
        (scratch / "down").unlink(missing_ok=True)
    return rows


def report(label: str, rows, bigger, mb: int) -> None:
    """Medians of the runs; memory: the largest growth at `mb` and at three times that size. The file
    passes in blocks when the growth does not follow the size (a whole file in memory would add 2 × mb)."""

    def med(i):
        return statistics.median(r[i] for r in rows)

    for name, at in (("upload", 0), ("download", 3)):
        ours, raw = med(at), med(at + 1)
        grew, grew_big = max(r[at + 2] for r in rows), max(r[at + 2] for r in bigger)
        flat = grew_big < grew + 0.25 * (2 * mb * MB)
        print(
            f"{label:5} {name:9} {mb / ours:7.1f} MB/s  raw {mb / raw:7.1f} MB/s  {raw / ours:5.2f}   "
            f"+{grew / MB:5.1f} MB   +{grew_big / MB:5.1f} MB   {'flat' if flat else 'GROWS WITH THE FILE'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--n", type=int, default=3)
    options = parser.parse_args()
    token, folder_id = prepare()
    work = Path(tempfile.mkdtemp(prefix="bench-transfer-src-"))
    src, sha = big_file(work, options.mb)
    (work / "big").mkdir()
    big, big_sha = big_file(work / "big", 3 * options.mb)
    files = [(src, sha, options.n), (big, big_sha, 1)]
    env = {
        **os.environ,
        "TRADEWIND_WEB_WORKERS": "1",
        "TRADEWIND_LIBRARY_FILE_MAX_MB": str(3 * options.mb + 10),
    }
    print(
        f"a {options.mb} MB file {options.n} times, medians; memory also with a {3 * options.mb} MB file once"
    )
    print(f"database {_common.database_label()}")
    print(f"{'store':5} {'transfer':9} {'ours':>12}  {'raw client':>16}  ratio   memory   ×3 file   ")
    print("-" * 92)

    local_rows = run_storage(
        "disk",
        {**env, "TRADEWIND_STORAGE": "local"},
        lambda f: raw_local(f, work),
        token=token,
        folder_id=folder_id,
        files=files,
    )
    report("disk", *local_rows, options.mb)

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto_log = work / "moto.log"
    with moto_log.open("wb") as out:
        moto = subprocess.Popen(
            [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_answering(endpoint, moto, moto_log)
        import boto3

        bucket = "bench-" + uuid.uuid4().hex[:8]
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=KEY,
            aws_secret_access_key=SECRET,
            region_name=REGION,
        ).create_bucket(Bucket=bucket)
        s3_env = {
            **env,
            "TRADEWIND_STORAGE": "s3",
            "TRADEWIND_S3_BUCKET": bucket,
            "TRADEWIND_S3_ENDPOINT_URL": endpoint,
            "TRADEWIND_S3_REGION": REGION,
            "TRADEWIND_S3_ACCESS_KEY_ID": KEY,
            "TRADEWIND_S3_SECRET_ACCESS_KEY": SECRET,
        }
        s3_rows = run_storage(
            "s3",
            s3_env,
            lambda f: raw_s3(endpoint, f, work),
            token=token,
            folder_id=folder_id,
            files=files,
        )
        report("s3", *s3_rows, options.mb)
    finally:
        stop(moto)
        shutil.rmtree(work, ignore_errors=True)
    print(
        "(ratio: the raw client's time over ours, 1.00 = as fast as the raw copy — shutil.copyfile on disk,"
    )
    print(" boto3 upload_file/download_file on S3; memory: the web process's peak resident set during a")
    print(" transfer minus before it, for the file and for one three times its size)")


if __name__ == "__main__":
    main()
