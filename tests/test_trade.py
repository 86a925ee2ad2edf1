"""The trade's vocabulary in core/trade.py: Incoterms® 2020 and their names, transport modes, and the
crm reading it from there without any change to what customers store."""

import pytest
from django.utils import translation

from tradewind.core.trade import (
    ANY_MODE,
    INCOTERMS,
    WATER_ONLY,
    ContainerType,
    Incoterm,
    PaymentMethod,
    TransportMode,
    incoterm_choices,
    incoterm_parse,
    incoterms_for,
)


def test_the_eleven_rules_of_2020_in_two_families():
    assert list(INCOTERMS) == ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"]
    assert set(ANY_MODE) | set(WATER_ONLY) == set(Incoterm.values) and not set(ANY_MODE) & set(WATER_ONLY)
    assert "DAT" not in INCOTERMS  # replaced by DPU in 2020
    assert INCOTERMS["FOB"].water_only and not INCOTERMS["FCA"].water_only
    # What the price includes: main carriage from C and D rules, insurance only with CIP and CIF.
    assert {c for c, r in INCOTERMS.items() if r.seller_pays_main_carriage} == {
        "CPT", "CIP", "DAP", "DPU", "DDP", "CFR", "CIF"
    }  # fmt: skip
    assert {c for c, r in INCOTERMS.items() if r.seller_insures} == {"CIP", "CIF"}
    assert [c for c, r in INCOTERMS.items() if r.seller_clears_import] == ["DDP"]


def test_stored_values_and_labels_are_unchanged():
    # The crm's customer column keeps these choices: a different label would be a migration.
    assert Incoterm.choices == [(c, c) for c in INCOTERMS]
    from tradewind.crm.models import Customer

    assert Customer._meta.get_field("incoterm").choices == Incoterm.choices


def test_names_and_descriptions_in_both_languages():
    fob = INCOTERMS["FOB"]
    english = {code: (str(r.name), str(r.description)) for code, r in INCOTERMS.items()}
    assert (str(fob.name), str(fob.place)) == ("Free On Board", "named port of shipment")
    assert dict(incoterm_choices())["CIF"] == "CIF — Cost, Insurance and Freight"
    with translation.override("zh-hans"):
        assert str(fob.name) == "船上交货" and str(fob.place) == "指定装运港"
        assert dict(incoterm_choices())["EXW"] == "EXW — 工厂交货"
        assert dict(incoterm_choices())["DPU"] == "DPU — 卸货地交货"
        for code, rule in INCOTERMS.items():  # every name and description has its Chinese
            assert (str(rule.name), str(rule.description)) != english[code], code
            assert "\u4e00" <= str(rule.description)[0] <= "\u9fff", code
        assert str(TransportMode.AIR.label) == "空运"
        assert str(PaymentMethod.LC.label) == "L/C（信用证）"
        assert str(ContainerType.HQ40.label) == "40 尺高柜（40HQ）"


def test_which_rules_fit_a_transport_mode():
    assert incoterms_for(TransportMode.SEA) == ANY_MODE + WATER_ONLY
    assert incoterms_for(TransportMode.INLAND_WATERWAY) == ANY_MODE + WATER_ONLY
    for mode in (TransportMode.AIR, TransportMode.RAIL, TransportMode.ROAD, TransportMode.COURIER):
        assert "FOB" not in incoterms_for(mode) and "FCA" in incoterms_for(mode)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("FOB Ningbo", ("FOB", "Ningbo")),
        ("cif, hamburg", ("CIF", "hamburg")),
        ("FCA Incoterms 2020 Shenzhen", ("FCA", "Shenzhen")),
        ("FOB Ningbo, Incoterms® 2020", ("FOB", "Ningbo")),
        ("DAP (Incoterms 2020) Lagos", ("DAP", "Lagos")),
        ("FOB宁波", ("FOB", "宁波")),
        ("Fob - Shanghai port", ("FOB", "Shanghai port")),
        ("EXW", ("EXW", "")),
        ("fobnb", None),
        ("DAT Rotterdam", None),
        ("", None),
    ],
)
def test_reading_an_incoterm_with_its_named_place(text, parsed):
    assert incoterm_parse(text) == parsed


def test_the_customer_form_offers_the_rules_by_name(workspace):
    from tradewind.crm.forms import CustomerForm

    form = CustomerForm(workspace=workspace)
    assert form.fields["incoterm"].choices[0] == ("", "—")
    assert ("FOB", "FOB — Free On Board") in form.fields["incoterm"].choices
    with translation.override("zh-hans"):
        form = CustomerForm(workspace=workspace)
        assert ("FOB", "FOB — 船上交货") in form.fields["incoterm"].choices
