"""The workflow a new workspace starts with (admins edit it): deposit → production → QC → booking →
shipped → documents → balance → delivered → closed, each with its owner role, procedure and target.

Texts are stored in the workspace's language when it is set up (they are the team's own procedure from
then on, edited like any text), so they are marked for translation here and translated at setup.
"""

from django.utils.translation import gettext_noop as N_

from tradewind.workspaces.choices import Role

# key, name, owner role, SLA days, may run beside the next, checklist
DEFAULT_STAGES = [
    (
        "deposit",
        N_("Deposit received"),
        Role.FINANCE,
        7,
        False,
        [
            N_("Deposit matched to the PI (amount, payer, reference)"),
            N_("Bank charges noted"),
            N_("Sales rep told the deposit is in"),
        ],
    ),
    (
        "production",
        N_("Production"),
        Role.MERCHANDISER,
        30,
        False,
        [
            N_("Purchase order placed with the factory"),
            N_("Materials, packaging and shipping marks confirmed"),
            N_("Pre-production sample approved by the buyer"),
            N_("Ready date agreed with the factory"),
        ],
    ),
    (
        "qc",
        N_("QC inspection"),
        Role.MERCHANDISER,
        5,
        True,
        [
            N_("Inspection booked (own QC or third party)"),
            N_("Inspection report received and filed"),
            N_("Result shared with the buyer where agreed"),
        ],
    ),
    (
        "booking",
        N_("Booking"),
        Role.LOGISTICS,
        7,
        False,
        [
            N_("Space booked with the forwarder (booking number recorded)"),
            N_("Container loading planned with the factory"),
            N_("Export customs papers ready"),
        ],
    ),
    (
        "shipped",
        N_("Shipped"),
        Role.LOGISTICS,
        7,
        False,
        [
            N_("Goods loaded; container and seal numbers recorded"),
            N_("Export customs cleared"),
            N_("B/L draft checked and confirmed with the carrier"),
            N_("ETD and ETA told to the buyer"),
        ],
    ),
    (
        "documents",
        N_("Shipping documents"),
        Role.DOCUMENTS,
        7,
        False,
        [
            N_("Commercial invoice and packing list issued"),
            N_("Certificate of origin and other certificates obtained"),
            N_("Documents checked against the PI (and the L/C)"),
            N_("Copies sent to the buyer"),
        ],
    ),
    (
        "balance",
        N_("Balance received"),
        Role.FINANCE,
        14,
        False,
        [
            N_("Balance received and matched"),
            N_("Original documents released or telex release made"),
        ],
    ),
    (
        "delivered",
        N_("Delivered"),
        Role.SALES,
        45,
        False,
        [
            N_("Arrival confirmed with the buyer"),
            N_("Buyer received the goods in good order"),
        ],
    ),
    (
        "closed",
        N_("Closed"),
        Role.SALES,
        14,
        False,
        [
            N_("After-sales follow-up planned"),
            N_("Order reviewed: what to repeat, what to change"),
        ],
    ),
]
