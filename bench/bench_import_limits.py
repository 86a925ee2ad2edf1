"""The import files an outside review sent, timed: how long the upload request takes and how long the
worker takes to refuse each one (both were minutes inside the request before).

    TRADEWIND_DATA_DIR=/tmp/bench-limits .venv/bin/tradewind migrate
    TRADEWIND_DATA_DIR=/tmp/bench-limits .venv/bin/python bench/bench_import_limits.py

The files, written to a temporary folder:
- zip bomb: an .xlsx of about 2 MB whose sheet unpacks to 2 GB (deflated zeros, honest sizes);
- 200,000 columns: a CSV whose header row names 200,000 columns (~2 MB), and one row below it;
- long cell: a CSV with one cell of 1,000,000 characters.
The request is the Django test client's POST of the upload form (the same middleware and view as
production); the worker's part runs here, in this process (huey immediate off, called directly).
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path

from _common import database_label
from django.test import Client
from huey.contrib.djhuey import HUEY

from tradewind.accounts.models import User
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.models import ImportJob
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace

SLUG = "bench-limits"
EMAIL = "rep@bench-limits.invalid"
MB = 1024 * 1024


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"\x00" * MB
            for _ in range(2048):
                sheet.write(chunk)


def wide_csv(path: Path) -> None:
    path.write_text(",".join(f"Column {i}" for i in range(200_000)) + "\nMüller GmbH,DE\n", encoding="utf-8")


def long_cell(path: Path) -> None:
    path.write_text("Company,Notes\nMüller GmbH," + "x" * 1_000_000 + "\n", encoding="utf-8")


def main() -> None:
    print(f"database: {database_label()}")
    Workspace.objects.filter(slug=SLUG).delete()
    User.objects.filter(email=EMAIL).delete()
    workspace = Workspace.objects.create(
        name="Bench Limits", slug=SLUG, country="CN", time_zone="Asia/Shanghai", currency="USD"
    )
    rep = Membership.objects.create(
        workspace=workspace, user=User.objects.create(email=EMAIL, full_name="Bench Rep"), role=Role.SALES
    )
    client = Client()
    client.force_login(rep.user)
    HUEY.immediate = False  # the request only queues the reading; it is timed separately below
    folder = Path(tempfile.mkdtemp(prefix="tw-bench-limits-"))
    cases = [("zip bomb", "bomb.xlsx", zip_bomb), ("200,000 columns", "wide.csv", wide_csv)]
    cases.append(("1,000,000-character cell", "long.csv", long_cell))
    try:
        for label, name, write in cases:
            path = folder / name
            write(path)
            with path.open("rb") as f:
                t = time.perf_counter()
                response = client.post(f"/w/{SLUG}/customers/imports/", {"file": f})
                request_s = time.perf_counter() - t
            job = ImportJob.objects.filter(workspace=workspace).latest("created_at")
            t = time.perf_counter()
            imports.import_inspect(job.pk)
            worker_s = time.perf_counter() - t
            job.refresh_from_db()
            message = job.errors[0]["message"] if job.errors else ""
            print(
                f"{label}: {path.stat().st_size / MB:.1f} MB file; request {request_s * 1000:.0f} ms "
                f"({response.status_code}); worker {worker_s * 1000:.0f} ms -> {job.status}: {message[:110]}"
            )
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        Workspace.objects.filter(slug=SLUG).delete()
        User.objects.filter(email=EMAIL).delete()


if __name__ == "__main__":
    main()
