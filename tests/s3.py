"""A real S3-compatible server for the storage tests (loaded with `pytest_plugins`): moto's standalone
server, started once per test process on a free port, and a fresh bucket per test that asks for one.

Not a mock of boto3: the code under test speaks HTTP to the server exactly as it would to AWS or MinIO —
multipart uploads, ranged and streamed reads, presigned URLs fetched by a plain HTTP client."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.processes import free_port
from tradewind.files.backends import storage_backend

KEY, SECRET, REGION = "tradewind-test", "tradewind-test-secret", "us-east-1"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """The server's endpoint URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    program = Path(sys.executable).parent / "moto_server"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(program), "-H", "127.0.0.1", "-p", str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not _answers(endpoint):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the S3 server did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    yield endpoint
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET, region_name=REGION
    )


@pytest.fixture
def s3_storage_factory(s3_server, settings):
    """switch() points the default storage at a new, empty bucket on the test server (as
    TRADEWIND_STORAGE=s3 would) and returns the bucket's name."""

    def switch() -> str:
        bucket = f"tw-{uuid.uuid4().hex[:12]}"
        s3_client(s3_server).create_bucket(Bucket=bucket)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": storage_backend(
                kind="s3",
                bucket=bucket,
                endpoint_url=s3_server,
                region=REGION,
                access_key=KEY,
                secret_key=SECRET,
                prefix="tradewind",
            ),
        }
        return bucket

    return switch


@pytest.fixture
def s3_storage(s3_storage_factory):
    """The default storage on a new bucket of the test server; the bucket's name."""
    return s3_storage_factory()
