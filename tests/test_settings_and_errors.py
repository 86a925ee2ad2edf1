import hashlib
import re
import secrets
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.processes import PYTHON

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args, env_extra: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "TRADEWIND_DATA_DIR": str(tmp_path),
        "HOME": str(tmp_path),
        **env_extra,
    }
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        env_extra={
            "TRADEWIND_ENV": "production",
            "TRADEWIND_SECRET_KEY": secrets.token_urlsafe(60),
            "TRADEWIND_ALLOWED_HOSTS": "trade.example.com",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    result = _manage(
        "check",
        tmp_path=tmp_path,
        env_extra={"TRADEWIND_ENV": "production", "TRADEWIND_ALLOWED_HOSTS": "x.example"},
    )
    assert result.returncode != 0
    assert "TRADEWIND_SECRET_KEY" in result.stderr


def test_secrets_can_come_from_files(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(secrets.token_urlsafe(60))
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        env_extra={
            "TRADEWIND_ENV": "production",
            "TRADEWIND_SECRET_KEY_FILE": str(secret_file),
            "TRADEWIND_ALLOWED_HOSTS": "trade.example.com",
        },
    )
    assert result.returncode == 0, result.stderr


def test_a_malformed_setting_stops_the_process_with_its_name(tmp_path):
    result = _manage("check", tmp_path=tmp_path, env_extra={"TRADEWIND_OPEN_SIGNUP": "maybe"})
    assert result.returncode != 0 and "TRADEWIND_OPEN_SIGNUP" in result.stderr


def test_object_storage_needs_its_bucket_and_a_known_kind(tmp_path):
    result = _manage("check", tmp_path=tmp_path, env_extra={"TRADEWIND_STORAGE": "s3"})
    assert result.returncode != 0 and "TRADEWIND_S3_BUCKET" in result.stderr
    result = _manage("check", tmp_path=tmp_path, env_extra={"TRADEWIND_STORAGE": "ftp"})
    assert result.returncode != 0 and "TRADEWIND_STORAGE" in result.stderr
    result = _manage(
        "check", tmp_path=tmp_path, env_extra={"TRADEWIND_STORAGE": "s3", "TRADEWIND_S3_BUCKET": "files"}
    )
    assert result.returncode == 0, result.stderr


def test_a_sealing_key_that_is_not_a_fernet_key_stops_the_process(tmp_path):
    result = _manage("check", tmp_path=tmp_path, env_extra={"TRADEWIND_SEALING_KEYS": "too-short"})
    assert result.returncode != 0 and "TRADEWIND_SEALING_KEYS" in result.stderr


@pytest.mark.urls("tests.boom_urls")
def test_a_500_shows_a_friendly_page_without_a_stack_trace(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = response.content.decode()
    assert response.status_code == 500
    assert "secret-internal-detail" not in body and "Traceback" not in body
    assert "服务器出错了" in body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_404_page_in_both_languages(db, language):
    from django.utils import translation

    response = Client().get("/no/such/page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    with translation.override(language):
        expected = translation.gettext("This page does not exist, or you do not have access to it.")
    assert expected in response.content.decode()


def test_vendored_files_match_their_recorded_hashes():
    vendor = Path(settings.PACKAGE_DIR) / "static" / "vendor"
    rows = re.findall(
        r"\| `([^`]+)` \|[^|]*\|[^|]*\|[^|]*\| `([0-9a-f]{64})` \|", (vendor / "README.md").read_text()
    )
    assert len(rows) >= 2
    for relative, digest in rows:
        assert hashlib.sha256((vendor / relative).read_bytes()).hexdigest() == digest, relative


def test_no_template_loads_assets_from_another_host():
    offenders = []
    for template in Path(settings.PACKAGE_DIR).rglob("*.html"):
        # What the browser loads by itself (scripts, images, frames, stylesheets) — not a link a person
        # follows, such as a customer's WhatsApp chat.
        if re.search(r'(?:\bsrc="|<link\b[^>]*\bhref=")(?:https?:)?//', template.read_text()):
            offenders.append(str(template))
    assert offenders == []


def test_every_setting_is_documented_in_env_example():
    source = (ROOT / "tradewind" / "settings.py").read_text()
    knobs = set(re.findall(r'env_(?:str|bool|int|list|choice)\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^#?\s*TRADEWIND_([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert knobs - documented == set()
