import subprocess

import pytest

from tests.processes import PYTHON


@pytest.mark.slow
@pytest.mark.sqlite_pass  # the demo starts on SQLite whatever the pass
def test_demo_creates_believable_data_once_and_prints_the_credentials(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TRADEWIND_DEMO_PASSWORD": "harbour-demo-77"}
    command = [PYTHON, "-m", "tradewind", "demo", "--no-serve", "--data-dir", str(tmp_path)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    assert "harbour-demo-77" in first.stdout and "chen.jie@haichao.example" in first.stdout
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert second.returncode == 0, second.stderr
    assert "already there" in second.stdout

    count = subprocess.run(
        [
            PYTHON,
            "-m",
            "tradewind",
            "shell",
            "-c",
            "from tradewind.workspaces.models import Membership, Workspace;"
            "from django.contrib.auth import get_user_model;"
            "print(Workspace.objects.count(), Membership.objects.count(), get_user_model().objects.count(),"
            " len(set(Membership.objects.values_list('role', flat=True))));"
            "from django.db.models import Exists, OuterRef;"
            "from tradewind.activity.models import Activity as T;"
            "earlier = T.objects.filter(subject_id=OuterRef('subject_id'), at__lt=OuterRef('at'));"
            "created = T.objects.filter(kind='crm.created');"
            "print(created.count(), created.filter(Exists(earlier)).count());"
            "from tradewind.library.models import Document, Folder;"
            "print(Folder.objects.filter(kind__in=['customer', 'order']).count(),"
            " Folder.objects.filter(restricted=True).count(),"
            " Document.objects.filter(version_count=3).count(), end=' ');"
            "from tradewind.mail.models import MailMessage;"
            "print(MailMessage.objects.filter(customer__isnull=False).count())",
        ],
        env={**env, "TRADEWIND_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    *_, line, history, library = count.stdout.strip().splitlines()
    workspaces, memberships, users, roles = map(int, line.split())
    created, created_after_a_call = map(int, history.split())
    assert created >= 15 and created_after_a_call == 0, "each customer's history starts with its creation"
    assert (workspaces, memberships, users) == (2, 15, 12)
    assert roles == 11, "every role is represented"
    # The library: a customer's and an order's folder, the contract templates kept to some, three versions;
    # the e-mail threads on customers' timelines.
    *library, mail = map(int, library.split())
    assert library == [2, 1, 1] and mail >= 6


def test_help_lists_the_commands():
    result = subprocess.run([PYTHON, "-m", "tradewind", "help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for command in ("serve", "worker", "demo"):
        assert f"tradewind {command}" in result.stdout
