"""The exchange-rates page: the reporting and trading currencies, the latest rates, the history; entering
a rate, importing the ECB's file, adding and removing currencies (finance, managers, admins)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.money import currency_name
from tradewind.core.pagination import paginate
from tradewind.fx import forms, permissions, rules, selectors, services
from tradewind.fx.access import access_rate, access_trading_currency
from tradewind.fx.models import ExchangeRate
from tradewind.fx.rates import trading_currencies
from tradewind.workspaces.access import workspace_view


def _require_editor(request) -> None:
    if not permissions.can_edit_rates(request.membership):
        raise PermissionDenied


def _rates_url(request) -> str:
    return reverse("fx:rates", args=[request.workspace.slug])


def _history(request, currencies: list[str]) -> dict:
    """The history table: its filter form, the page of rates, whether a filter is set."""
    form = forms.RateFilterForm(request.GET or None, currencies=currencies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.RateFilters(
        currency=data.get("currency") or "", date_from=data.get("date_from"), date_to=data.get("date_to")
    )
    return {
        "filter_form": form,
        "page": paginate(selectors.rate_list(membership=request.membership, filters=filters), request),
        "filtered": any(data.values()),
        "can_edit": permissions.can_edit_rates(request.membership),
        "rates_url": _rates_url(request),
    }


def _history_currencies(workspace, trading: list[str]) -> list[str]:
    """The trading currencies and any other that has rates (one no longer traded in, say)."""
    rated = (
        ExchangeRate.objects.filter(workspace_id=workspace.pk, reporting_currency=workspace.currency)
        .values_list("currency", flat=True)
        .distinct()
    )
    return sorted(set(trading) | set(rated))


def _page(request, *, status: int = 200, **parts):
    """The whole page; `parts` replace its forms (bound, with their errors) or add an import's result."""
    workspace = request.workspace
    trading = trading_currencies(workspace)
    context = {
        "reporting": workspace.currency,
        "reporting_name": currency_name(workspace.currency),
        "currencies": selectors.currency_states(workspace=workspace, today=timezone.localdate()),
        "max_age": settings.FX_RATE_MAX_AGE_DAYS,
        "other_reporting_rates": selectors.rates_of_other_reporting_currencies(workspace=workspace),
        "currency_form": forms.CurrencyAddForm(used=[workspace.currency, *trading]),
        "rate_form": forms.RateForm(currencies=trading, reporting=workspace.currency),
        "import_form": forms.ImportForm(),
        "result": None,
        **_history(request, _history_currencies(workspace, trading)),
        **parts,
    }
    return render(request, "fx/rates.html", context, status=status)


@workspace_view
@require_GET
def rates(request):
    if request.htmx:
        currencies = _history_currencies(request.workspace, trading_currencies(request.workspace))
        return render(request, "fx/rates.html#rate-history", _history(request, currencies))
    return _page(request)


@workspace_view
@require_POST
def rate_set(request):
    _require_editor(request)
    workspace = request.workspace
    form = forms.RateForm(
        request.POST, currencies=trading_currencies(workspace), reporting=workspace.currency
    )
    if form.is_valid():
        values = form.cleaned_data
        try:
            rate = services.rate_set(
                actor=request.membership,
                currency=values["currency"],
                on=values["on"],
                rate=values["rate"],
                confirm=values["confirm"],
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
            form.needs_confirm = error.code == "rate_unusual"
        else:
            messages.success(
                request,
                _("Saved: 1 %(currency)s = %(rate)s %(reporting)s on %(date)s.")
                % {
                    "currency": rate.currency,
                    "rate": rules.rate_display(rate.rate),
                    "reporting": rate.reporting_currency,
                    "date": date_format(rate.on),
                },
            )
            return redirect(_rates_url(request))
    return _page(request, rate_form=form, status=400)


@workspace_view
@require_POST
def rate_delete(request, rate_id):
    rate = access_rate(request.membership, rate_id)
    _require_editor(request)
    services.rate_delete(actor=request.membership, rate=rate)
    messages.success(
        request,
        _("Deleted the %(currency)s rate of %(date)s.")
        % {"currency": rate.currency, "date": date_format(rate.on)},
    )
    back = request.POST.get("back", "")
    return redirect(back if back.startswith(_rates_url(request) + "?") else _rates_url(request))


@workspace_view
@require_POST
def rates_import(request):
    _require_editor(request)
    form = forms.ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.rates_import_ecb(actor=request.membership, data=upload.read(), name=upload.name)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            return _page(request, result=result)
    return _page(request, import_form=form, status=400)


@workspace_view
@require_POST
def currency_add(request):
    _require_editor(request)
    workspace = request.workspace
    form = forms.CurrencyAddForm(request.POST, used=[workspace.currency, *trading_currencies(workspace)])
    if form.is_valid():
        try:
            currency = services.trading_currency_add(actor=request.membership, code=form.cleaned_data["code"])
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(currency)s added: enter its rates or import them from the ECB's file.")
                % {"currency": currency.code},
            )
            return redirect(_rates_url(request))
    return _page(request, currency_form=form, status=400)


@workspace_view
@require_POST
def currency_remove(request, currency):
    trading = access_trading_currency(request.membership, currency)
    _require_editor(request)
    services.trading_currency_remove(actor=request.membership, currency=trading)
    messages.success(request, _("%(currency)s removed; its rates are kept.") % {"currency": trading.code})
    return redirect(_rates_url(request))
