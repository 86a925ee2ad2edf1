"""The notification centre, preferences, chat webhooks, and (admins) deliveries that failed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.core.pagination import paginate
from tradewind.notifications import forms, selectors, settings_services
from tradewind.notifications.choices import EmailMode
from tradewind.notifications.delivery import delivery_retry
from tradewind.notifications.models import Delivery, Notification, WebhookChannel
from tradewind.notifications.services import notification_mark_read
from tradewind.notifications.webhooks.validation import secret_mask, url_mask
from tradewind.workspaces import permissions as workspace_permissions
from tradewind.workspaces.access import get_in_workspace_or_404, workspace_view


@workspace_view
@require_GET
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    page = paginate(
        selectors.notification_list(membership=request.membership, unread_only=unread_only), request
    )
    template = "notifications/list.html#notification-list" if request.htmx else "notifications/list.html"
    return render(request, template, {"page": page, "unread_only": unread_only})


@workspace_view
@require_POST
def notification_open(request, notification_id):
    """Mark read, then go to what the notification is about."""
    note = get_in_workspace_or_404(
        Notification.objects.all(),
        request.membership,
        recipient=request.membership,
        public_id=notification_id,
    )
    notification_mark_read(membership=request.membership, notification_ids=[note.pk])
    target = (
        note.url if note.url and url_has_allowed_host_and_scheme(note.url, {request.get_host()}) else None
    )
    return redirect(target or "notifications:list", **({} if target else {"slug": request.workspace.slug}))


@workspace_view
@require_POST
def notification_read_all(request):
    changed = notification_mark_read(membership=request.membership)
    messages.success(request, _("%(n)d notifications marked read.") % {"n": changed})
    return redirect("notifications:list", slug=request.workspace.slug)


@workspace_view
@require_http_methods(["GET", "POST"])
def preferences(request):
    user = request.user
    table = selectors.preference_table(membership=request.membership)
    quiet = forms.QuietHoursForm(
        request.POST or None,
        initial={"quiet_hours_start": user.quiet_hours_start, "quiet_hours_end": user.quiet_hours_end},
    )
    if request.method == "POST" and quiet.is_valid():
        choices = {
            row["kind"].code: (
                request.POST.get(f"email_{row['kind'].code}", row["email"]),
                request.POST.get(f"webhook_{row['kind'].code}") == "1",
            )
            for row in table
        }
        try:
            settings_services.preferences_save(membership=request.membership, choices=choices)
            settings_services.quiet_hours_save(
                user=user,
                start=quiet.cleaned_data["quiet_hours_start"],
                end=quiet.cleaned_data["quiet_hours_end"],
            )
        except ApplicationError as exc:
            form_add_service_error(quiet, exc)
        else:
            messages.success(request, _("Notification preferences saved."))
            return redirect("notifications:preferences", slug=request.workspace.slug)
    context = {"table": table, "quiet_form": quiet, "email_modes": EmailMode.choices}
    return render(request, "notifications/preferences.html", context, status=400 if quiet.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def webhooks(request):
    me = request.membership
    can_add_team = workspace_permissions.is_admin(me)
    form = forms.WebhookForm(request.POST or None, can_add_team=can_add_team)
    if request.method == "POST" and form.is_valid():
        try:
            settings_services.webhook_create(actor=me, **form.cleaned_data, ip=client_ip(request))
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Channel added. Send a test message to check it."))
            return redirect("notifications:webhooks", slug=request.workspace.slug)
    channels = WebhookChannel.objects.filter(
        workspace=request.workspace, owner__isnull=True
    ) | WebhookChannel.objects.filter(workspace=request.workspace, owner=me)
    rows = [
        {
            "hook": hook,
            "url": url_mask(hook.url),
            "secret": secret_mask(hook.secret) if hook.secret else "",
            "manageable": settings_services.can_manage_webhook(me, hook),
        }
        for hook in channels.order_by("owner_id", "name")
    ]
    return render(
        request,
        "notifications/webhooks.html",
        {"form": form, "rows": rows},
        status=400 if form.errors else 200,
    )


def _hook(request, webhook_id) -> WebhookChannel:
    hook = get_in_workspace_or_404(WebhookChannel.objects.all(), request.membership, public_id=webhook_id)
    if hook.owner_id not in (None, request.membership.pk):
        raise Http404  # someone else's personal channel
    return hook


@workspace_view
@require_POST
def webhook_delete(request, webhook_id):
    hook = _hook(request, webhook_id)
    try:
        settings_services.webhook_delete(actor=request.membership, hook=hook, ip=client_ip(request))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Channel removed."))
    return redirect("notifications:webhooks", slug=request.workspace.slug)


@workspace_view
@require_POST
def webhook_test(request, webhook_id):
    hook = _hook(request, webhook_id)
    try:
        settings_services.webhook_test(actor=request.membership, hook=hook)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Test message sent to %(name)s.") % {"name": hook.name})
    return redirect("notifications:webhooks", slug=request.workspace.slug)


@workspace_view
@require_GET
def deliveries(request):
    if not workspace_permissions.is_admin(request.membership):
        raise Http404
    page = paginate(selectors.delivery_problems(workspace=request.workspace), request)
    return render(request, "notifications/deliveries.html", {"page": page})


@workspace_view
@require_POST
def delivery_retry_view(request, delivery_id):
    if not workspace_permissions.is_admin(request.membership):
        raise Http404
    delivery = get_in_workspace_or_404(Delivery.objects.all(), request.membership, public_id=delivery_id)
    delivery_retry(delivery=delivery)
    messages.success(request, _("It will be sent again within a minute."))
    return redirect("notifications:deliveries", slug=request.workspace.slug)
