"""Audit actions come from a registry each app fills; the API audits with the client's IP as the UI does."""

import pytest
from django.db import models
from django.test import Client
from django.utils import translation

from tradewind.accounts.services import api_token_create
from tradewind.crm.choices import CrmAuditAction
from tradewind.notifications.choices import NotificationAuditAction
from tradewind.workspaces.audit import (
    audit_action_choices,
    audit_action_label,
    audit_actions_register,
    audit_record,
)
from tradewind.workspaces.forms import AuditFilterForm
from tradewind.workspaces.models import AuditEntry


def test_every_app_registers_its_actions_and_labels_follow_the_reader(owner):
    codes = dict(audit_action_choices())
    assert {"sign_in", "workspace_created", "webhook_created", "customer_claimed", "import_discarded"} <= set(
        codes
    )
    with translation.override("zh-hans"):
        assert audit_action_label(CrmAuditAction.CUSTOMERS_MERGED) == "合并客户"
    assert audit_action_label("gone_in_a_later_version") == "gone_in_a_later_version"
    form_codes = {code for code, _label in AuditFilterForm().fields["action"].choices}
    assert "customer_claimed" in form_codes and "" in form_codes
    entry = audit_record(workspace=owner.workspace, actor=owner.user, action=CrmAuditAction.EXPORT)
    assert entry.action_label == "Exported data"


def test_an_unregistered_action_or_a_clashing_code_is_a_programming_error(owner):
    with pytest.raises(ValueError):
        audit_record(workspace=owner.workspace, actor=owner.user, action="made_up")

    class Clash(models.TextChoices):
        SIGN_IN = "sign_in", "Something else"

    with pytest.raises(ValueError):
        audit_actions_register(Clash)
    assert not AuditEntry.objects.filter(action="made_up").exists()


def test_webhooks_added_and_removed_through_the_api_are_audited_with_the_ip(owner):
    _t, raw = api_token_create(membership=owner, name="script", expires_at=None, ip=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="203.0.113.9")
    base = f"/api/v1/workspaces/{owner.workspace.slug}/webhooks"
    r = api.post(
        base,
        {"platform": "slack", "name": "Sales", "url": "https://hooks.slack.com/services/T000/B000/XXXX"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert api.delete(f"{base}/{r.json()['id']}").status_code == 204
    for action in (NotificationAuditAction.WEBHOOK_CREATED, NotificationAuditAction.WEBHOOK_DELETED):
        assert AuditEntry.objects.get(action=action).ip == "203.0.113.9"
