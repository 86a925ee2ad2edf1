"""E-mail templates: kept per name and language, checked for variables Tradewind does not know, and filled
for a customer (its primary contact, its name, the rep's name and the mailbox's signature)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.mail.models import Mailbox, MailTemplate
from tradewind.mail.templates_render import template_check, template_fill
from tradewind.workspaces.choices import Role


def _editor(actor) -> None:
    if not actor.is_active or actor.role == Role.VIEWER:
        raise PermissionDenied(_("Viewers do not write templates."))


def template_save(
    *, actor, name: str, language: str, subject: str, body: str, template: MailTemplate | None = None
) -> MailTemplate:
    _editor(actor)
    name, language, subject = " ".join(name.split())[:120], language.strip()[:10], " ".join(subject.split())
    errors = []
    if not name:
        errors.append(ValidationFailed(_("Give the template a name."), field="name"))
    if not language:
        errors.append(ValidationFailed(_("Say which language the template is in."), field="language"))
    if not subject:
        errors.append(ValidationFailed(_("Give the e-mail a subject."), field="subject"))
    if errors:
        raise ValidationFailed.all_of(errors)
    template_check(subject, field="subject")
    template_check(body, field="body")
    template = template or MailTemplate(workspace=actor.workspace, created_by=actor)
    template.name, template.language, template.subject, template.body = name, language, subject[:300], body
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ValidationFailed(
            _("A template of this name in this language exists already."), field="name"
        ) from None
    return template


def template_delete(*, actor, template: MailTemplate) -> None:
    _editor(actor)
    template.delete()


def template_values(
    *, actor, customer=None, mailbox: Mailbox | None = None, extra: dict | None = None
) -> dict:
    """What a template's variables stand for, for this customer and sender."""
    contact = customer.contacts.order_by("-is_primary", "name").first() if customer is not None else None
    values = {
        "contact_name": contact.name if contact else "",
        "company": customer.name if customer is not None else "",
        "rep_name": actor.user.display_name,
        "signature": mailbox.signature if mailbox is not None else "",
    }
    values.update({k: v for k, v in (extra or {}).items() if v})
    return values


def template_apply(*, template: MailTemplate, values: dict) -> tuple[str, str]:
    """(subject, body) filled."""
    return template_fill(template.subject, values), template_fill(template.body, values)
