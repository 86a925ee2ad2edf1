"""The production and QC rules (DESIGN §3.1); the pages, the API and the demo all call these.

suppliers.py    the factories: create, change, archive, restore
production.py   an order's production at a supplier: its dates and status, progress updates with photos
risk.py         late for the delivery date: the order flagged at risk, the rep told, and cleared again
inspections.py  QC inspections: booking, result, report and photos, a manager accepting a failed one
"""

from tradewind.trade.production.services.inspections import (
    inspection_accept_risk,
    inspection_book,
    inspection_photos_add,
    inspection_record_result,
    inspection_report_attach,
    inspection_update,
)
from tradewind.trade.production.services.production import (
    production_create,
    production_progress_add,
    production_update,
    progress_photo_add,
)
from tradewind.trade.production.services.risk import production_risk_check
from tradewind.trade.production.services.suppliers import (
    supplier_archive,
    supplier_create,
    supplier_restore,
    supplier_update,
)

__all__ = [
    "inspection_accept_risk",
    "inspection_book",
    "inspection_photos_add",
    "inspection_record_result",
    "inspection_report_attach",
    "inspection_update",
    "production_create",
    "production_progress_add",
    "production_risk_check",
    "production_update",
    "progress_photo_add",
    "supplier_archive",
    "supplier_create",
    "supplier_restore",
    "supplier_update",
]
