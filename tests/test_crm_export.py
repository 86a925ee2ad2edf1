"""Customer export: the reader's time zone and language in both formats, phones, countries, the sheet."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from tests.factories import UserFactory
from tradewind.crm import services
from tradewind.crm.imports import exports
from tradewind.crm.imports.fields import guess_mapping
from tradewind.crm.imports.reading import iter_rows, read_layout
from tradewind.crm.models import Customer
from tradewind.workspaces.choices import Role

LAST_CONTACT = dt.datetime(2026, 11, 27, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai
ADDED = dt.datetime(2026, 11, 26, 20, 0, tzinfo=dt.UTC)  # the 27th in Shanghai


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu", time_zone="Asia/Shanghai"))


@pytest.fixture
def customer(rep):
    customer = services.customer_create(
        actor=rep,
        data={"name": "Windy City Imports", "country": "US"},
        contacts=[
            {"name": "Joe", "emails": ["joe@windy.example"], "phones": ["+1 312-555-0147"]},
            {"name": "Ann", "emails": ["ann@windy.example"], "phones": ["+13125550188"]},
        ],
    )
    Customer.objects.filter(pk=customer.pk).update(last_contact_at=LAST_CONTACT, created_at=ADDED)
    return customer


def csv_table(lines) -> list[dict]:
    return list(csv.DictReader(io.StringIO("".join(lines).lstrip("\ufeff"))))


def xlsx_sheet(handle):
    return openpyxl.load_workbook(handle).active


def export_url(workspace):
    return f"/w/{workspace.slug}/customers/export/"


def test_csv_and_xlsx_give_times_in_the_readers_zone_and_name_it(workspace, rep, customer, client_for):
    client = client_for(rep)
    body = b"".join(client.get(export_url(workspace), {"format": "csv"}).streaming_content).decode()
    (row,) = csv_table([body])
    assert row["Last contact (Asia/Shanghai)"] == "2026-11-27 09:30"
    assert row["Added (Asia/Shanghai)"] == "2026-11-27"
    response = client.get(export_url(workspace), {"format": "xlsx"})
    sheet = xlsx_sheet(io.BytesIO(b"".join(response.streaming_content)))
    header, values = (list(r) for r in sheet.iter_rows(values_only=True))
    cells = dict(zip(header, values, strict=True))
    assert cells["Last contact (Asia/Shanghai)"] == "2026-11-27 09:30"
    assert cells["Added (Asia/Shanghai)"] == "2026-11-27"


def test_the_csv_keeps_the_zone_and_language_it_was_asked_in_while_it_streams(rep, customer):
    with timezone.override("Asia/Shanghai"), translation.override("zh-hans"):
        lines = exports.export_csv(rep, Customer.objects.all())
    # Written later, as a streaming response is: after the view, with the zone and language reset.
    (row,) = csv_table(list(lines))
    assert [v for k, v in row.items() if "Asia/Shanghai" in k] == ["2026-11-27 09:30", "2026-11-27"]
    assert row["国家/地区"] == "US" and "美国" in row.values() and row["负责人"] == "Amy Liu"


def test_phones_one_rule_in_csv_and_plain_text_in_xlsx(rep, customer):
    with timezone.override("Asia/Shanghai"):
        (row,) = csv_table(exports.export_csv(rep, Customer.objects.all()))
        sheet = xlsx_sheet(exports.export_xlsx(rep, Customer.objects.all()))
    # CSV: every phone starting with "+" is guarded alike (formula injection), whatever its punctuation.
    assert row["Phones"] == "'+1 312-555-0147"
    assert row["Other contacts"] == "Ann ann@windy.example +1 312-555-0188"  # displayed like the main one
    assert (row["Country"], row["Country name"]) == ("US", "United States")
    header = [c.value for c in sheet[1]]
    phones = sheet.cell(row=2, column=header.index("Phones") + 1)
    assert phones.value == "+1 312-555-0147" and phones.data_type == "s"  # text, no apostrophe
    assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
    assert not sheet.cell(row=2, column=1).font.b


def test_an_export_with_several_contacts_and_a_last_contact_imports_again_as_it_was(rep, customer):
    with timezone.override("Asia/Shanghai"):
        header = next(iter(csv.reader(exports.export_csv(rep, Customer.objects.all()))))
    mapping = guess_mapping([h.lstrip("\ufeff") for h in header])
    # The export's own columns fill nothing: "Last contact" and "Other contacts" are no contact names.
    assert list(mapping.values()).count("contact_name") == 1
    assert "country" in mapping.values() and list(mapping.values()).count("country") == 1
    with translation.override("zh-hans"), timezone.override("Asia/Shanghai"):
        zh = exports.headers()
    assert list(guess_mapping(zh).values()).count("contact_name") == 1


def test_the_formula_guard_comes_off_when_the_csv_is_imported_again(rep, customer):
    Customer.objects.filter(pk=customer.pk).update(name="=Windy City Imports")
    body = "".join(exports.export_csv(rep, Customer.objects.all())).encode()
    assert "'=Windy City Imports" in body.decode()
    opener = lambda: io.BytesIO(body)  # noqa: E731
    layout = read_layout(opener, "customers.csv")
    ((_number, cells),) = list(iter_rows(opener, layout))
    row = dict(zip(layout.headers, cells, strict=True))
    assert (row["Company name"], row["Phones"]) == ("=Windy City Imports", "+1 312-555-0147")
