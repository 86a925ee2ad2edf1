"""The demo's shipping documents: every shipment under way has its checklist, and the L/C order its L/C and
its documents half done; made once."""

import pytest

from tests.shipdocs_helpers import LC_SIGHT, confirmed_order, documents_team, make_shipment
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.trade.shipdocs.choices import DocumentStatus as S
from tradewind.trade.shipdocs.demo import CLERK, LOGISTICS, demo_shipdocs
from tradewind.trade.shipdocs.models import LetterOfCredit, ShipmentDocument


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


def test_the_demo_records_the_lc_and_leaves_its_documents_half_done(docs):
    fob = make_shipment(confirmed_order(docs))
    lc_order = confirmed_order(docs, incoterm="CIF", place="Rotterdam", terms=LC_SIGHT)
    members = {CLERK: docs["clerk"], LOGISTICS: docs["logistics"]}
    demo_shipdocs(workspace=docs["clerk"].workspace, members_by_email=members)
    letter = LetterOfCredit.objects.get(order=lc_order)
    assert K.INSPECTION_CERTIFICATE in letter.documents_required
    shipment = lc_order.shipments.get()
    statuses = dict(shipment.documents.values_list("kind", "status"))
    assert statuses[K.COMMERCIAL_INVOICE] == statuses[K.PACKING_LIST] == S.CHECKED
    assert statuses[K.BILL_OF_LADING] == S.DRAFTED and statuses[K.INSURANCE_POLICY] == S.TO_PREPARE
    done = sum(s != S.TO_PREPARE for s in statuses.values())
    assert 0 < done < len(statuses)  # half done
    assert shipment.documents.get(kind=K.COMMERCIAL_INVOICE).versions.count() == 1
    assert shipment.documents.get(kind=K.LC_PRESENTATION).due_on == letter.presentation_deadline(
        shipment.bl_date
    )
    assert fob.documents.filter(kind=K.COMMERCIAL_INVOICE).exists()
    count = ShipmentDocument.objects.count()
    demo_shipdocs(workspace=docs["clerk"].workspace, members_by_email=members)
    assert ShipmentDocument.objects.count() == count
