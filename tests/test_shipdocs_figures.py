"""The commercial invoice and the packing list: computed once (figures.py) for both PDFs, they agree with
each other and with the order to the cent and to the carton; rendered in English and Chinese."""

import subprocess
from decimal import Decimal

import pytest

from tests.shipdocs_helpers import confirmed_order, documents_team, make_shipment
from tests.test_catalog_services import kettle
from tradewind.trade.lines import LineInput
from tradewind.trade.shipdocs.figures import shipment_figures
from tradewind.trade.shipdocs.pdf import shipment_pdf, shipment_pdf_html


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


@pytest.fixture
def order(docs):
    """1,000 kettles at EUR 12.4567 less 3.5 % (12,020.72) and 250 jugs at 19.99 (4,997.50): 17,018.22."""
    jug = kettle(
        docs["manager"],
        sku="JG-250",
        name_en="Glass jug",
        name_zh="玻璃壶",
        units_per_carton=10,
        carton_gross_kg=Decimal("11.25"),
        carton_net_kg=Decimal("9.80"),
    )
    return confirmed_order(
        docs,
        incoterm="CIF",
        place="Hamburg",
        lines=[
            LineInput(product=docs["product"], quantity="1000", unit_price="12.4567", discount_percent="3.5"),
            LineInput(product=jug, quantity="250", unit_price="19.99"),
        ],
    )


def pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()


def test_a_shipment_of_the_whole_order_invoices_its_total_to_the_cent_and_packs_its_cartons(order):
    shipment = make_shipment(order, containers=[("40HQ", "MSCU1234565", "SL-88001", 192, "1683.05", "12.5")])
    figures = shipment_figures(shipment)
    assert order.total == Decimal("17018.22")
    assert figures.total == order.total  # to the cent
    assert [r.amount for r in figures.rows] == [line.total for line in order.lines.all()]
    assert figures.cartons == order.cartons == 167 + 25  # to the carton (1000 / 6 makes 166⅔: 167)
    assert figures.gross_kg == order.gross_kg == Decimal("1402.80") + Decimal("281.25")
    assert figures.cbm == order.cbm
    assert figures.net_kg == Decimal("1202.40") + Decimal("245.00") and figures.net_complete
    assert figures.warnings() == []


def test_partial_shipments_price_and_pack_what_they_carry(order):
    kettles, jugs = order.lines.all()
    first = shipment_figures(make_shipment(order, goods=[(kettles, "600", None), (jugs, "250", None)]))
    second = shipment_figures(make_shipment(order, goods=[(kettles, "400", None)], sequence=2))
    assert first.total == Decimal("7212.43") + Decimal("4997.50") and second.total == Decimal("4808.29")
    assert first.total + second.total == order.total  # here the split rounds the same way
    assert first.cartons + second.cartons == order.cartons  # 100 + 25, and 67 (66⅔)
    # Cartons shipping recorded for a line win over the computed ones.
    third = shipment_figures(make_shipment(order, goods=[(kettles, "12", 3)], sequence=3))
    assert third.cartons == 3 and third.rows[0].gross_kg == Decimal("25.20")


def test_what_does_not_add_up_is_said(order, docs):
    shipment = make_shipment(order, containers=[("40HQ", "MSCU1234565", "SL-1", 190, "1683.05", "12.5")])
    assert shipment_figures(shipment).warnings() == [
        "The containers hold 190 cartons but the goods make 192."
    ]
    tooling = confirmed_order(docs, lines=[LineInput(name="Tooling", quantity="1", unit_price="800")])
    warnings = shipment_figures(make_shipment(tooling)).warnings()
    assert warnings == ["Lines 1 have no packing data (units and gross weight per carton)."]
    assert "No goods" in shipment_figures(make_shipment(tooling, goods=[], sequence=2)).warnings()[0]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_invoice_and_packing_list_pdfs_print_the_same_figures(order, language):
    shipment = make_shipment(
        order,
        containers=[("40HQ", "MSCU1234565", "SL-88001", 192, "1683.05", "12.5")],
        vessel="MSC Aurora",
        voyage="FE512W",
        bl_number="MEDU1234567",
    )
    invoice = pdf_text(shipment_pdf(shipment, kind="invoice", language=language))
    packing = pdf_text(shipment_pdf(shipment, kind="packing_list", language=language))
    assert "17,018.22" in invoice and "12,020.72" in invoice and "4,997.50" in invoice
    assert "MEDU1234567" in invoice and "CIF Hamburg" in invoice
    assert "192" in packing and "1683.05" in packing and "MSCU1234565" in packing and "SL-88001" in packing
    assert "COMMERCIAL INVOICE" in invoice or "商业发票" in invoice
    if language == "zh-hans":
        assert "玻璃壶" in invoice + packing or "Glass jug" in invoice  # the line as the order wrote it


def test_the_same_figures_give_the_cached_pdf_and_a_change_a_new_one(order):
    shipment = make_shipment(order)
    first = shipment_pdf(shipment, kind="invoice", language="en")
    assert shipment_pdf(shipment, kind="invoice", language="en") == first  # from the cache
    line = shipment.lines.first()
    line.quantity = Decimal("6")
    line.save()
    assert "72.12" in pdf_text(shipment_pdf(shipment, kind="invoice", language="en"))  # 6 × 12.4567 − 3.5 %
    assert "12,020.72" in pdf_text(first)
    html = shipment_pdf_html(shipment, kind="packing_list", language="en")
    assert "PACKING LIST" in html
