"""The rate table's rules: the workspace's trading currencies, rates entered by hand, the ECB file import.
The UI and the API both call these; reading and converting is in fx/rates.py and fx/selectors.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.core.bulk import insert_rows
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.files.services import too_large_message
from tradewind.fx import permissions, rules
from tradewind.fx.choices import FxAuditAction, RateSource
from tradewind.fx.ecb import NO_RATE, ecb_parse, ecb_value
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.fx.rates import currency_require_used, trading_currencies
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.models import Workspace

MAX_ROW_ERRORS = 100  # said in the result; the rest are counted
BATCH = 1000


def _require_editor(actor) -> None:
    if not permissions.can_edit_rates(actor):
        raise PermissionDenied(_("Your role cannot change exchange rates; finance, managers and admins can."))


def _lock_table(actor) -> Workspace:
    """Writes to one workspace's rate table one after another (two imports at once would both insert the
    same day), by locking the workspace's row; answers it as it is now (its reporting currency)."""
    return Workspace.objects.select_for_update().get(pk=actor.workspace_id)


def _audit(actor, action: str, target: str, data: dict) -> None:
    audit_record(workspace=actor.workspace, actor=actor.user, action=action, target=target, data=data)


def _changed(actor) -> None:
    broadcast_on_commit(actor.workspace, "fx")


# --- trading currencies -----------------------------------------------------------------------------------


@transaction.atomic
def trading_currency_add(*, actor, code: str) -> TradingCurrency:
    """Add a currency the workspace quotes and invoices in. Not its reporting currency (that one needs no
    rate), not twice (409)."""
    _require_editor(actor)
    code = rules.currency_clean(code)
    workspace = _lock_table(actor)
    if code == workspace.currency:
        raise ValidationFailed(
            _("%(currency)s is the reporting currency: every rate is into it.") % {"currency": code},
            field="currency",
        )
    if TradingCurrency.objects.filter(workspace=workspace, code=code).exists():
        raise Conflict(
            _("The workspace trades in %(currency)s already.") % {"currency": code}, field="currency"
        )
    currency = TradingCurrency.objects.create(workspace=workspace, code=code, added_by=actor)
    _audit(actor, FxAuditAction.CURRENCY_ADDED, code, {"currency": code})
    _changed(actor)
    return currency


@transaction.atomic
def trading_currency_remove(*, actor, currency: TradingCurrency) -> None:
    """Stop trading in a currency: new quotations cannot use it. Its rates stay, so documents already in
    it still convert (and adding it again brings them back)."""
    _require_editor(actor)
    _lock_table(actor)
    code = currency.code
    currency.delete()
    _audit(actor, FxAuditAction.CURRENCY_REMOVED, code, {"currency": code})
    _changed(actor)


# --- rates entered by hand --------------------------------------------------------------------------------


def _rate_target(currency: str, reporting: str, rate: Decimal, on: dt.date) -> str:
    return f"1 {currency} = {rules.rate_display(rate)} {reporting} · {on.isoformat()}"


def _check_usual(workspace, currency: str, on: dt.date, rate: Decimal) -> None:
    """A rate far from the nearest other one within a month is refused until confirmed."""
    window = dt.timedelta(days=rules.UNUSUAL_WINDOW_DAYS)
    nearby = (
        ExchangeRate.objects.filter(
            workspace=workspace,
            reporting_currency=workspace.currency,
            currency=currency,
            on__gte=on - window,
            on__lte=on + window,
        )
        .exclude(on=on)
        .values_list("on", "rate")
    )
    closest = min(nearby, key=lambda row: abs(row[0] - on), default=None)
    if closest is None or not rules.change_is_unusual(rate, closest[1]):
        return
    raise ValidationFailed(
        _(
            "1 %(currency)s = %(rate)s %(reporting)s is far from the rate of %(date)s (%(other)s). Check "
            "that it is how many %(reporting)s one %(currency)s buys, and confirm it if it is right."
        )
        % {
            "currency": currency,
            "reporting": workspace.currency,
            "rate": rules.rate_display(rate),
            "date": date_format(closest[0]),
            "other": rules.rate_display(closest[1]),
        },
        field="rate",
        code="rate_unusual",
    )


@transaction.atomic
def rate_set(
    *, actor, currency: str, on: dt.date, rate: Decimal | str, confirm: bool = False
) -> ExchangeRate:
    """Set the rate of `currency` on the day `on`: `rate` units of the reporting currency for one unit of
    it (a new rate, or the day's rate changed). The currency must be one the workspace trades in, not the
    reporting currency; the rate above 0 and below a billion, with at most 10 decimals; the day at most a
    month ahead. A rate more than 5 % from the nearest one within a month needs `confirm`."""
    _require_editor(actor)
    currency = rules.currency_clean(currency)
    on = rules.rate_date_clean(on)
    rate = rules.rate_clean(rate)
    workspace = _lock_table(actor)
    if currency == workspace.currency:
        raise ValidationFailed(
            _("%(currency)s is the reporting currency: its rate is always 1.") % {"currency": currency},
            field="currency",
        )
    currency_require_used(workspace, currency)
    if not confirm:
        _check_usual(workspace, currency, on, rate)
    existing = ExchangeRate.objects.filter(
        workspace=workspace, reporting_currency=workspace.currency, currency=currency, on=on
    ).first()
    if existing is not None and existing.rate == rate and existing.source == RateSource.MANUAL:
        return existing
    previous = existing.rate if existing is not None else None
    if existing is None:
        existing = ExchangeRate(
            workspace=workspace, reporting_currency=workspace.currency, currency=currency, on=on
        )
    existing.rate, existing.source, existing.entered_by = rate, RateSource.MANUAL, actor
    existing.save()
    data = {"currency": currency, "on": on.isoformat(), "rate": str(rate)}
    if previous is not None:
        data["previous"] = str(previous)
    _audit(actor, FxAuditAction.RATE_SET, _rate_target(currency, workspace.currency, rate, on), data)
    _changed(actor)
    return existing


@transaction.atomic
def rate_delete(*, actor, rate: ExchangeRate) -> None:
    """Delete a rate. Documents that recorded it keep their own copy; new conversions for its day use the
    rate before it (within the age limit) or find none."""
    _require_editor(actor)
    _lock_table(actor)
    target = _rate_target(rate.currency, rate.reporting_currency, rate.rate, rate.on)
    data = {"currency": rate.currency, "on": rate.on.isoformat(), "rate": str(rate.rate)}
    rate.delete()
    _audit(actor, FxAuditAction.RATE_DELETED, target, data)
    _changed(actor)


# --- the ECB file -----------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int  # the line in the file
    message: str


@dataclass
class ImportResult:
    """What an import did. Counts are of rates (a currency on a day): `skipped` are those of currencies the
    workspace does not trade in and days without a rate ("N/A"); `missing_currencies` are the workspace's
    currencies the file has no column for."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_currencies: list[str] = field(default_factory=list)
    missing_currencies: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # the first MAX_ROW_ERRORS
    error_count: int = 0
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    def error(self, row: int, message: str) -> None:
        self.errors.append(RowError(row, message))

    def finish(self) -> ImportResult:
        """The errors by line, the first MAX_ROW_ERRORS of them kept."""
        self.error_count = len(self.errors)
        self.errors = sorted(self.errors, key=lambda e: e.row)[:MAX_ROW_ERRORS]
        return self


def _not_a_rate(code: str, text: str) -> str:
    return _("%(currency)s: “%(value)s” is not a rate.") % {"currency": code, "value": text[:20]}


def _file_rates(parsed, reporting: str, importing: list[str], result: ImportResult) -> dict:
    """(currency, day) -> (rate into the reporting currency, line) from the ECB's euro rates: for a EUR
    reporting currency 1 / value; else value(reporting) / value(currency), and value(reporting) for the euro
    itself."""
    earliest, latest = rules.EARLIEST, timezone.localdate() + dt.timedelta(days=rules.DAYS_AHEAD)
    wanted: dict[tuple[str, dt.date], tuple[Decimal, int]] = {}
    for row in parsed.rows:
        if not earliest <= row.on <= latest:
            result.error(
                row.number, _("%(date)s is not a date rates can have.") % {"date": row.on.isoformat()}
            )
            continue
        if reporting == "EUR":
            euro = Decimal(1)
        else:
            try:
                euro = ecb_value(row.cells[reporting])
            except ValueError:
                result.error(row.number, _not_a_rate(reporting, row.cells[reporting]))
                continue
            if euro is None:  # no rate of the reporting currency that day: nothing can be converted
                result.skipped += len(importing)
                continue
        for code in importing:
            if code == "EUR":
                value = Decimal(1)
            else:
                try:
                    value = ecb_value(row.cells[code])
                except ValueError:
                    result.error(row.number, _not_a_rate(code, row.cells[code]))
                    continue
                if value is None:
                    result.skipped += 1
                    continue
            rate = rules.rate_from_file(euro / value)
            if rate is None:
                result.error(row.number, _not_a_rate(code, row.cells.get(code, "")))
                continue
            wanted[(code, row.on)] = (rate, row.number)
    return wanted


@transaction.atomic
def rates_import_ecb(*, actor, data: bytes, name: str = "") -> ImportResult:
    """Import the ECB's reference rates (eurofxref.csv, eurofxref-hist.csv, or their ZIP) for the currencies
    the workspace trades in, turned into rates into its reporting currency. A day's rate that is already
    there with the same value is left alone (importing a file twice changes nothing); another value is
    replaced. Rows that cannot be read are reported by line and the others imported; a file that is not an
    ECB file, or lacks the reporting currency (unless that is the euro), changes nothing."""
    _require_editor(actor)
    limit = settings.FX_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ValidationFailed(too_large_message(name, len(data), limit), field="file")
    parsed = ecb_parse(data, max_bytes=limit)
    workspace = _lock_table(actor)
    reporting = workspace.currency
    used = trading_currencies(workspace)
    if not used:
        raise ValidationFailed(
            _(
                "The workspace trades only in %(currency)s, its reporting currency: add the currencies you "
                "quote in first, then import their rates."
            )
            % {"currency": reporting},
            field="file",
        )
    if reporting != "EUR" and reporting not in parsed.currencies:
        raise ValidationFailed(
            _(
                "The file has no rates for %(currency)s, the reporting currency. ECB rates are for one euro "
                "and are turned into %(currency)s rates through the euro's; enter %(currency)s rates by hand "
                "instead."
            )
            % {"currency": reporting},
            field="file",
        )
    result = ImportResult()
    for line, message in parsed.errors:
        result.error(line, message)
    importing = [c for c in used if c == "EUR" or c in parsed.currencies]
    result.missing_currencies = [c for c in used if c not in importing]
    result.skipped_currencies = [c for c in parsed.currencies if c not in used and c != reporting]
    for row in parsed.rows:
        result.skipped += sum(1 for c in result.skipped_currencies if row.cells[c].upper() not in NO_RATE)
    wanted = _file_rates(parsed, reporting, importing, result)
    if not wanted:
        return result.finish()
    days = [on for _code, on in wanted]
    result.first_day, result.last_day = min(days), max(days)
    existing = {
        (currency, on): (pk, rate)
        for pk, currency, on, rate in ExchangeRate.objects.filter(
            workspace=workspace,
            reporting_currency=reporting,
            currency__in=importing,
            on__gte=result.first_day,
            on__lte=result.last_day,
        ).values_list("pk", "currency", "on", "rate")
    }
    now = timezone.now()
    new, changed = [], []
    for (currency, on), (rate, _line) in wanted.items():
        found = existing.get((currency, on))
        if found is None:
            new.append(
                {
                    "workspace_id": workspace.pk,
                    "reporting_currency": reporting,
                    "currency": currency,
                    "on": on,
                    "rate": rate,
                    "source": RateSource.ECB_CSV,
                    "entered_by_id": actor.pk,
                }
            )
        elif found[1] != rate:
            changed.append(
                ExchangeRate(
                    pk=found[0], rate=rate, source=RateSource.ECB_CSV, entered_by=actor, updated_at=now
                )
            )
    result.unchanged = len(wanted) - len(new) - len(changed)
    insert_rows(ExchangeRate, new)  # the history since 1999 is some 7,000 days a currency
    ExchangeRate.objects.bulk_update(
        changed, ["rate", "source", "entered_by", "updated_at"], batch_size=BATCH
    )
    result.created, result.updated = len(new), len(changed)
    if new or changed:
        _audit(
            actor,
            FxAuditAction.RATES_IMPORTED,
            (name or "ECB")[:200],
            {
                "created": result.created,
                "updated": result.updated,
                "from": result.first_day.isoformat(),
                "to": result.last_day.isoformat(),
                "currencies": importing,
            },
        )
        _changed(actor)
    return result.finish()
