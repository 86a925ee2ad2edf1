"""The settings pages: the document rules and the certificate-of-origin table (everyone reads them; the
documents clerk and the leads change them)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.catalog.models import Category
from tradewind.core import geo
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.trade import PaymentMethod
from tradewind.trade.shipdocs import forms, permissions, selectors, services
from tradewind.trade.shipdocs.access import access_origin_rule, access_rule
from tradewind.trade.shipdocs.choices import RuleTrigger
from tradewind.workspaces.access import workspace_view


def _require_manager(request):
    if not permissions.can_manage_rules(request.membership):
        raise Http404


def _values_text(rule) -> str:
    """What the rule matches, as a reader names it: "CIF, CIP", "Viet Nam, Thailand", "“wood”, “pallet”"."""
    values = list(rule.values or [])
    if rule.trigger == RuleTrigger.PAYMENT_METHOD:
        labels = dict(PaymentMethod.choices)
        values = [str(labels.get(v, v)) for v in values]
    elif rule.trigger == RuleTrigger.DESTINATION:
        values = [geo.country_name(v) or v for v in values]
    elif rule.trigger == RuleTrigger.PACKING_KEYWORD:
        values = [f"“{v}”" for v in values]
    elif rule.trigger == RuleTrigger.PRODUCT_CATEGORY:
        values = [rule.category.name] if rule.category else []
    return ", ".join(values)


def _rule_rows(workspace):
    return [(rule, _values_text(rule)) for rule in selectors.rules(workspace=workspace)]


@workspace_view
@require_GET
def rule_list(request):
    context = {
        "rows": _rule_rows(request.workspace),
        "can_manage": permissions.can_manage_rules(request.membership),
    }
    return render(request, "shipdocs/rules.html", context)


def _rule_form_page(request, rule=None):
    _require_manager(request)
    me, workspace = request.membership, request.workspace
    categories = list(Category.objects.filter(workspace=workspace))
    initial = forms.RuleForm.initial_for(rule) if rule else {"is_active": True}
    form = forms.RuleForm(request.POST or None, initial=initial, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            if rule is None:
                services.rule_create(actor=me, **form.service_values())
            else:
                services.rule_update(actor=me, rule=rule, **form.service_values())
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved. Open shipments' checklists follow the rules in a moment."))
            return redirect("shipdocs:rules", slug=workspace.slug)
    context = {"form": form, "rule": rule}
    return render(request, "shipdocs/rule_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def rule_create(request):
    return _rule_form_page(request)


@workspace_view
@require_http_methods(["GET", "POST"])
def rule_edit(request, document_rule_id):
    rule = access_rule(request.membership, document_rule_id)
    return _rule_form_page(request, rule)


@workspace_view
@require_POST
def rule_delete(request, document_rule_id):
    rule = access_rule(request.membership, document_rule_id)
    _require_manager(request)
    services.rule_delete(actor=request.membership, rule=rule)
    messages.success(request, _("Rule deleted."))
    return redirect("shipdocs:rules", slug=request.workspace.slug)


@workspace_view
@require_http_methods(["GET", "POST"])
def origin_list(request):
    me = request.membership
    form = forms.OriginForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request)
        if form.is_valid():
            try:
                services.origin_rule_create(actor=me, **form.cleaned_data)
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("shipdocs:origin", slug=request.workspace.slug)
    context = {
        "origins": selectors.origin_rules(workspace=request.workspace),
        "form": form,
        "can_manage": permissions.can_manage_rules(me),
    }
    return render(request, "shipdocs/origin.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def origin_edit(request, origin_rule_id):
    origin = access_origin_rule(request.membership, origin_rule_id)
    _require_manager(request)
    initial = {"country": origin.country, "origin_type": origin.origin_type, "notes": origin.notes}
    form = forms.OriginForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.origin_rule_update(actor=request.membership, origin=origin, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("shipdocs:origin", slug=request.workspace.slug)
    context = {"form": form, "origin": origin}
    return render(request, "shipdocs/origin_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def origin_delete(request, origin_rule_id):
    origin = access_origin_rule(request.membership, origin_rule_id)
    _require_manager(request)
    services.origin_rule_delete(actor=request.membership, origin=origin)
    messages.success(request, _("Row deleted."))
    return redirect("shipdocs:origin", slug=request.workspace.slug)
