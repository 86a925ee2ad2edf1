"""The workflow a new workspace starts with (admins edit it): deposit → production → QC → booking →
shipped → documents → balance → delivered → closed, each with its owner role, procedure and target.

Texts are stored in the language of whoever sets the workspace up (they are the team's own procedure from
then on, edited like any text), so they are lazy here and made text at setup. Stage names carry a context:
"Closed" or "Shipped" as a stage reads differently elsewhere.
"""

from django.utils.translation import gettext_lazy, pgettext_lazy

from tradewind.workspaces.choices import Role

# key, name, owner role, SLA days, may run beside the next, checklist
DEFAULT_STAGES = [
    (
        "deposit",
        pgettext_lazy("order stage", "Deposit received"),
        Role.FINANCE,
        7,
        False,
        [
            gettext_lazy("Deposit matched to the PI (amount, payer, reference)"),
            gettext_lazy("Bank charges noted"),
            gettext_lazy("Sales rep told the deposit is in"),
        ],
    ),
    (
        "production",
        pgettext_lazy("order stage", "Production"),
        Role.MERCHANDISER,
        30,
        False,
        [
            gettext_lazy("Purchase order placed with the factory"),
            gettext_lazy("Materials, packaging and shipping marks confirmed"),
            gettext_lazy("Pre-production sample approved by the buyer"),
            gettext_lazy("Ready date agreed with the factory"),
        ],
    ),
    (
        "qc",
        pgettext_lazy("order stage", "QC inspection"),
        Role.MERCHANDISER,
        5,
        True,
        [
            gettext_lazy("Inspection booked (own QC or third party)"),
            gettext_lazy("Inspection report received and filed"),
            gettext_lazy("Result shared with the buyer where agreed"),
        ],
    ),
    (
        "booking",
        pgettext_lazy("order stage", "Booking"),
        Role.LOGISTICS,
        7,
        False,
        [
            gettext_lazy("Space booked with the forwarder (booking number recorded)"),
            gettext_lazy("Container loading planned with the factory"),
            gettext_lazy("Export customs papers ready"),
        ],
    ),
    (
        "shipped",
        pgettext_lazy("order stage", "Shipped"),
        Role.LOGISTICS,
        7,
        False,
        [
            gettext_lazy("Goods loaded; container and seal numbers recorded"),
            gettext_lazy("Export customs cleared"),
            gettext_lazy("B/L draft checked and confirmed with the carrier"),
            gettext_lazy("ETD and ETA told to the buyer"),
        ],
    ),
    (
        "documents",
        pgettext_lazy("order stage", "Shipping documents"),
        Role.DOCUMENTS,
        7,
        False,
        [
            gettext_lazy("Commercial invoice and packing list issued"),
            gettext_lazy("Certificate of origin and other certificates obtained"),
            gettext_lazy("Documents checked against the PI (and the L/C)"),
            gettext_lazy("Copies sent to the buyer"),
        ],
    ),
    (
        "balance",
        pgettext_lazy("order stage", "Balance received"),
        Role.FINANCE,
        14,
        False,
        [
            gettext_lazy("Balance received and matched"),
            gettext_lazy("Original documents released or telex release made"),
        ],
    ),
    (
        "delivered",
        pgettext_lazy("order stage", "Delivered"),
        Role.SALES,
        45,
        False,
        [
            gettext_lazy("Arrival confirmed with the buyer"),
            gettext_lazy("Buyer received the goods in good order"),
        ],
    ),
    (
        "closed",
        pgettext_lazy("order stage", "Closed"),
        Role.SALES,
        14,
        False,
        [
            gettext_lazy("After-sales follow-up planned"),
            gettext_lazy("Order reviewed: what to repeat, what to change"),
        ],
    ),
]
