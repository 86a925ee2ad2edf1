"""The managers' pages: the inquiry rules (clock, assignment, intake token, lost reasons), competitors."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.catalog.models import Category
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.trade.inquiries import forms, permissions, selectors, services
from tradewind.trade.inquiries.access import access_competitor, access_lost_reason
from tradewind.trade.inquiries.models import InquiryRoute, RoundRobinMember
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


def _require_manager(request):
    if not permissions.can_manage_inquiries(request.membership):
        raise Http404


def _workers(workspace):
    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related("user")
    return [m for m in members if permissions.can_work_inquiries(m)]


@workspace_view
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    _require_manager(request)
    me, workspace = request.membership, request.workspace
    settings = services.inquiry_settings(workspace)
    initial = {
        "response_target_hours": settings.response_target_hours,
        "reminder_lead_hours": settings.reminder_lead_hours,
        "business_start": settings.business_start,
        "business_end": settings.business_end,
        "business_days": sorted(settings.business_weekdays),
        "assignment_mode": settings.assignment_mode,
        "intake_origins": settings.intake_origins,
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    workers = _workers(workspace)
    by_id = {str(m.public_id): m for m in workers}
    categories = list(Category.objects.filter(workspace=workspace))
    if request.method == "POST" and form.is_valid():
        round_robin = [by_id[v] for v in request.POST.getlist("round_robin") if v in by_id]
        country_routes, category_routes = {}, {}
        for i in range(10):
            code, member = request.POST.get(f"country-{i}", ""), request.POST.get(f"country-{i}-member", "")
            if code and member in by_id:
                country_routes[code] = by_id[member]
        for category in categories:
            member = request.POST.get(f"category-{category.public_id}", "")
            if member in by_id:
                category_routes[category] = by_id[member]
        try:
            services.inquiry_settings_update(
                actor=me,
                round_robin=round_robin,
                country_routes=country_routes,
                category_routes=category_routes,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("inquiries:settings", slug=workspace.slug)
    routes = list(InquiryRoute.objects.filter(workspace=workspace).select_related("member", "category"))
    country_rows = [(r.country, str(r.member.public_id)) for r in routes if r.country]
    country_rows += [("", "")] * (10 - len(country_rows))
    category_member = {r.category_id: str(r.member.public_id) for r in routes if r.category_id}
    context = {
        "form": form,
        "settings": settings,
        "workers": workers,
        "round_robin": {
            str(r.member.public_id)
            for r in RoundRobinMember.objects.filter(workspace=workspace).select_related("member")
        },
        "country_rows": list(enumerate(country_rows[:10])),
        "countries": forms._countries(),
        "categories": [(c, category_member.get(c.pk, "")) for c in categories],
        "new_token": request.session.pop("inquiry_intake_token", None),
        "intake_url": request.build_absolute_uri(
            reverse("api:intake_inquiry_create", kwargs={"token": "TOKEN"})
        ),
        "lost_reasons": selectors.lost_reasons(membership=me),
    }
    return render(request, "inquiries/settings.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def token_regenerate(request):
    _require_manager(request)
    if request.POST.get("revoke") == "1":
        services.intake_token_revoke(actor=request.membership)
        messages.success(request, _("The intake is switched off."))
    else:
        # Shown once, on the next page; only its hash is kept.
        request.session["inquiry_intake_token"] = services.intake_token_regenerate(actor=request.membership)
        messages.success(request, _("A new intake token was made; the old one no longer works."))
    return redirect(reverse("inquiries:settings", args=[request.workspace.slug]) + "#intake")


@workspace_view
@require_POST
def lost_reason_add(request):
    _require_manager(request)
    try:
        services.lost_reason_create(actor=request.membership, name=request.POST.get("name", ""))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Reason added."))
    return redirect(reverse("inquiries:settings", args=[request.workspace.slug]) + "#lost-reasons")


@workspace_view
@require_POST
def lost_reason_delete(request, reason_id):
    _require_manager(request)
    reason = access_lost_reason(request.membership, reason_id)
    try:
        services.lost_reason_delete(actor=request.membership, reason=reason)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Reason deleted."))
    return redirect(reverse("inquiries:settings", args=[request.workspace.slug]) + "#lost-reasons")


@workspace_view
@require_http_methods(["GET", "POST"])
def competitor_list(request):
    me = request.membership
    form = forms.CompetitorForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            try:
                competitor = services.competitor_create(actor=me, **form.cleaned_data)
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("%(name)s added.") % {"name": competitor.name})
                return redirect("inquiries:competitors", slug=request.workspace.slug)
    context = {
        "competitors": selectors.competitors(membership=me),
        "form": form,
        "can_manage": permissions.can_manage_inquiries(me),
    }
    return render(request, "inquiries/competitors.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def competitor_edit(request, competitor_id):
    competitor = access_competitor(request.membership, competitor_id)
    _require_manager(request)
    initial = {k: getattr(competitor, k) for k in ("name", "country", "website", "notes")}
    form = forms.CompetitorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.competitor_update(actor=request.membership, competitor=competitor, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("inquiries:competitors", slug=request.workspace.slug)
    context = {"form": form, "competitor": competitor}
    return render(request, "inquiries/competitor_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def competitor_delete(request, competitor_id):
    competitor = access_competitor(request.membership, competitor_id)
    _require_manager(request)
    services.competitor_delete(actor=request.membership, competitor=competitor)
    messages.success(request, _("%(name)s deleted.") % {"name": competitor.name})
    return redirect("inquiries:competitors", slug=request.workspace.slug)
