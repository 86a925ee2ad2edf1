"""The e-mail templates page: the workspace's templates, adding one (its variables checked), deleting one."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.mail import services
from tradewind.mail.access import access_template
from tradewind.mail.forms import TemplateForm
from tradewind.mail.models import MailTemplate
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.choices import Role


def _to_list(request):
    return redirect(reverse("mail:templates", args=[request.workspace.slug]))


@workspace_view
@require_http_methods(["GET", "POST"])
def templates(request):
    me = request.membership
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Template saved."))
            return _to_list(request)
    context = {
        "form": form,
        "templates": MailTemplate.objects.filter(workspace_id=me.workspace_id),
        "can_write": me.role != Role.VIEWER,
    }
    return render(request, "mail/templates.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def template_delete(request, mail_template_id):
    template = access_template(request.membership, mail_template_id)
    service_run(
        request,
        lambda: services.template_delete(actor=request.membership, template=template),
        success=_("Template deleted."),
    )
    return _to_list(request)
