"""What a document adds up to: its total, the packing summary with a container estimate, and its margins.

Margins are in the reporting currency: the line's amount at the document's recorded rate, its cost at
the rate of the cost's currency on the document's date. A line without a cost has no margin and is left
out of the document's margin (which says how many lines it covers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from tradewind.core.money import Money, currency_minor_units

PERCENT = Decimal("0.01")


def _round(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), ROUND_HALF_UP)


def document_totals(document, lines) -> None:
    """Set the document's total, its reporting-currency total and its packing from `lines`."""
    total = sum((line.total for line in lines), Decimal(0))
    document.total = total
    document.total_reporting = _round(total * document.rate, document.workspace.currency)
    document.cartons = sum(line.cartons or 0 for line in lines)
    document.cbm = sum((line.cbm or Decimal(0) for line in lines), Decimal(0))
    document.gross_kg = sum((line.gross_kg or Decimal(0) for line in lines), Decimal(0))


@dataclass(frozen=True)
class ContainerFit:
    kind: str  # "20GP", "40GP", "40HQ"
    count: int  # containers needed
    fill_percent: int  # how full the last one is by volume or weight, whichever binds


def container_estimate(cbm: Decimal, gross_kg: Decimal) -> list[ContainerFit]:
    """How many of each container the goods need, by volume and weight (capacities: CONTAINER_LOADS)."""
    if not cbm and not gross_kg:
        return []
    fits = []
    for kind, (capacity_cbm, capacity_kg) in settings.CONTAINER_LOADS.items():
        by_volume = float(cbm) / capacity_cbm
        by_weight = float(gross_kg) / capacity_kg
        need = max(by_volume, by_weight)
        count = max(1, math.ceil(need - 1e-9))
        fill = round((need - (count - 1)) * 100)
        fits.append(ContainerFit(kind, count, min(100, max(1, fill))))
    return fits


@dataclass
class LineMargin:
    line: object
    revenue: Money | None  # reporting currency
    cost: Money | None
    margin: Money | None
    percent: Decimal | None


@dataclass
class Margins:
    lines: list[LineMargin] = field(default_factory=list)
    revenue: Money | None = None
    cost: Money | None = None
    margin: Money | None = None
    percent: Decimal | None = None
    lines_without_cost: int = 0
    missing_rates: list[str] = field(default_factory=list)  # cost currencies without a rate that day


def document_margins(document, lines) -> Margins:
    """Each line's margin and the document's, in the reporting currency (see the module's note)."""
    from tradewind.fx.rates import RateMissing, rate_lookup

    reporting = document.workspace.currency
    rates: dict[str, Decimal | None] = {document.currency: document.rate}
    result = Margins()
    revenue_sum, cost_sum = Decimal(0), Decimal(0)
    for line in lines:
        revenue = line.total * document.rate
        cost = None
        if line.cost_amount is not None and line.cost_currency:
            if line.cost_currency not in rates:
                try:
                    rates[line.cost_currency] = rate_lookup(
                        document.workspace, line.cost_currency, document.issued_on
                    ).rate
                except RateMissing:
                    rates[line.cost_currency] = None
                    result.missing_rates.append(line.cost_currency)
            rate = rates[line.cost_currency]
            if rate is not None:
                cost = line.cost_amount * line.quantity * rate
        if cost is None:
            result.lines_without_cost += 1
            result.lines.append(
                LineMargin(line, Money(_round(revenue, reporting), reporting), None, None, None)
            )
            continue
        revenue_sum += revenue
        cost_sum += cost
        percent = ((revenue - cost) / revenue * 100).quantize(PERCENT, ROUND_HALF_UP) if revenue else None
        result.lines.append(
            LineMargin(
                line,
                Money(_round(revenue, reporting), reporting),
                Money(_round(cost, reporting), reporting),
                Money(_round(revenue - cost, reporting), reporting),
                percent,
            )
        )
    if result.lines_without_cost < len(result.lines):
        result.revenue = Money(_round(revenue_sum, reporting), reporting)
        result.cost = Money(_round(cost_sum, reporting), reporting)
        result.margin = Money(_round(revenue_sum - cost_sum, reporting), reporting)
        if revenue_sum:
            result.percent = ((revenue_sum - cost_sum) / revenue_sum * 100).quantize(PERCENT, ROUND_HALF_UP)
    return result
