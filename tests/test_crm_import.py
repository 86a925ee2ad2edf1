"""Customer import (CSV in UTF-8 and GBK, XLSX) and export (CSV, XLSX): services, worker, pages, API."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import MembershipFactory, UserFactory, timeline_of
from tradewind.accounts.services import api_token_create
from tradewind.activity.kinds import activity_text
from tradewind.core.errors import ValidationFailed
from tradewind.crm import services
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.imports import selectors as import_selectors
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.batch import customers_import_batch
from tradewind.crm.imports.fields import country_code, guess_mapping
from tradewind.crm.imports.models import ImportJob, ImportMapping
from tradewind.crm.imports.rows import RowReader
from tradewind.crm.imports.services import run as import_run
from tradewind.crm.models import Contact, Customer, CustomerKey, CustomerNameToken
from tradewind.crm.selectors import crm_settings, grades
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry

ALIBABA_HEADERS = ["Company Name", "Country/Region", "Contact Name", "Email", "Tel", "Mobile", "Website"]


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


@pytest.fixture
def rep2(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Kevin Zhou"))


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER, user=UserFactory(full_name="Boss Wang"))


def csv_file(rows, *, encoding="utf-8", name="customers.csv", delimiter=","):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(rows, *, name="customers.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def uploaded(actor, upload, worker, **options) -> ImportJob:
    """Uploaded and read by the worker: columns guessed ("uploaded"), or refused with the reason."""
    with worker():
        job = imports.import_upload(actor=actor, upload=upload, **options)
    job.refresh_from_db()
    return job


def upload_and_import(actor, upload, worker, *, choices=None, mapping=None, **options):
    job = uploaded(actor, upload, worker)
    with worker():
        job = imports.import_map(actor=actor, job=job, mapping=mapping or job.mapping, **options)
    with worker():
        job = imports.import_start(actor=actor, job=job, choices=choices)
    job.refresh_from_db()
    return job


ALIBABA_ROWS = [
    ALIBABA_HEADERS,
    ["Müller Haushaltswaren GmbH", "Germany", "Hans Müller", "h.mueller@mueller-haushalt.de", "040 30123456",
     "", "www.mueller-haushalt.de"],
    ["Acme Trading LLC", "United States", "John Smith", "john@acme-trading.com", "+1 212 555 0147", "", ""],
    ["Gulf Star General Trading", "阿联酋", "Ahmed Ali", "ahmed@gulfstar.ae", "", "971501234567", ""],
]  # fmt: skip


# --- reading and mapping ----------------------------------------------------------------------------


def test_alibaba_headers_and_chinese_headers_are_recognised():
    assert guess_mapping(ALIBABA_HEADERS) == {
        "0": "name",
        "1": "country",
        "2": "contact_name",
        "3": "contact_emails",
        "4": "contact_phones",
        "5": "contact_phones",
        "6": "website",
    }
    chinese = [
        "客户名称",
        "国家",
        "城市",
        "联系人",
        "邮箱",
        "电话",
        "手机",
        "网址",
        "来源",
        "等级",
        "备注",
        "微信",
    ]
    assert list(guess_mapping(chinese).values()) == [
        "name", "country", "city", "contact_name", "contact_emails", "contact_phones", "contact_phones",
        "website", "source", "grade", "notes", "contact_wechat",
    ]  # fmt: skip
    assert guess_mapping(["Buyer E-mail Address", "Company Address", "Ignored"]) == {
        "0": "contact_emails",
        "1": "address",
    }


@pytest.mark.parametrize(
    ("value", "code"),
    [("DE", "DE"), ("deu", "DE"), ("Germany", "DE"), ("德国", "DE"), ("United States", "US"), ("USA", "US"),
     ("阿拉伯联合酋长国", "AE"), ("UAE", "AE"), ("Türkiye", "TR"), ("Turkey", "TR"), ("中国香港", "HK"),
     ("Atlantis", None)],
)  # fmt: skip
def test_countries_by_code_or_name_in_english_or_chinese(value, code):
    assert country_code(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("Deutschland", "DE"), ("Schweiz", "CH"), ("Suisse", "CH"), ("Svizzera", "CH"), ("Österreich", "AT"),
     ("España", "ES"), ("México", "MX"), ("Brasil", "BR"), ("Italia", "IT"), ("Nederland", "NL"),
     ("Polska", "PL"), ("Türkiye", "TR"), ("Россия", "RU"), ("中国", "CN"), ("日本", "JP"),
     ("대한민국", "KR"), ("السعودية", "SA"), ("Việt Nam", "VN"), ("ไทย", "TH"), ("Georgia", "GE"),
     ("India", "IN"), ("Niger", "NE"), ("Dominica", "DM")],
)  # fmt: skip
def test_countries_by_their_own_names(value, code):
    assert country_code(value) == code


def test_utf8_csv_imports_customers_and_contacts(rep, worker):
    job = upload_and_import(rep, csv_file(ALIBABA_ROWS), worker)
    assert job.status == ImportJob.Status.DONE and job.encoding == "utf-8-sig"
    assert (job.created, job.failed_rows, job.total_rows, job.progress) == (3, 0, 3, 100)
    mueller = Customer.objects.get(name="Müller Haushaltswaren GmbH")
    assert mueller.country == "DE" and mueller.owner == rep and mueller.zone == "Europe/Berlin"
    contact = mueller.contacts.get()
    assert contact.is_primary and contact.phones == ["+494030123456"]
    gulf = Customer.objects.get(country="AE")
    assert gulf.contacts.get().phones == ["+971501234567"]  # the "+" Excel dropped is restored
    entry = timeline_of(mueller).get()
    assert activity_text(entry.kind, entry.data) == "Imported from customers.csv" and entry.data["row"] == 2
    assert (entry.kind, entry.data["file"], entry.data["channel"]) == (
        "crm.imported",
        "customers.csv",
        "system",
    )


def test_gbk_csv_with_chinese_names(rep, worker):
    rows = [
        ["客户名称", "国家", "城市", "联系人", "邮箱", "手机", "来源", "备注"],
        ["宁波海天贸易有限公司", "中国", "宁波", "张伟", "zhang@haitian-trade.cn", "13800138000", "广交会",
         "老客户"],
        ["Société Générale Import", "法国", "巴黎", "Emile Zola", "emile@sgi.fr", "+33 1 42 68 53 00",
         "阿里巴巴", ""],
    ]  # fmt: skip
    job = upload_and_import(rep, csv_file(rows, encoding="gbk"), worker)
    assert job.encoding == "gb18030" and job.created == 2, job.errors
    haitian = Customer.objects.get(name="宁波海天贸易有限公司")
    assert (haitian.country, haitian.city, haitian.source, haitian.notes) == (
        "CN",
        "宁波",
        "trade_fair",
        "老客户",
    )
    assert haitian.contacts.get().name == "张伟"
    assert Customer.objects.get(country="FR").source == "alibaba"


def test_windows_1252_csv_with_semicolons_is_not_mistaken_for_chinese(rep, worker):
    rows = [["Company", "Country", "Contact"], ["Société Générale Import", "FR", "Émile Zola"]]
    job = upload_and_import(rep, csv_file(rows, encoding="cp1252", delimiter=";"), worker)
    assert job.encoding == "cp1252" and job.delimiter == ";"
    assert Customer.objects.get().name == "Société Générale Import"


def test_xlsx_with_a_title_row_numbers_and_a_grade(rep, worker):
    grades(rep.workspace)
    rows = [
        ["Customer list exported 2026-11-01"],
        ["Company Name", "Country/Region", "Grade", "Stage", "Tel", "Tags", "Incoterm"],
        ["Acme Trading LLC", "US", "A级", "Prospect", 12125550147, "VIP, 2026", "FOB Ningbo"],
    ]
    job = upload_and_import(rep, xlsx_file(rows), worker)
    assert job.kind == "xlsx" and job.header_row == 2 and job.created == 1, job.errors
    acme = Customer.objects.get()
    assert (acme.grade.code, acme.stage, acme.incoterm, acme.named_place) == (
        "A",
        "prospect",
        "FOB",
        "Ningbo",
    )
    assert sorted(acme.tags.values_list("name", flat=True)) == ["2026", "VIP"]
    assert acme.contacts.get().phones == ["+12125550147"]


def test_bad_rows_are_reported_by_row_and_column_and_the_others_import(rep, worker):
    grades(rep.workspace)
    rows = [
        ["Company Name", "Country/Region", "Email", "Tel", "Grade"],
        ["Good One GmbH", "DE", "a@good-one.de", "", "B"],
        ["No Domain Ltd", "GB", "bob@", "", ""],
        ["Nowhere Inc", "Atlantis", "", "", ""],
        ["Bad Phone SA", "FR", "", "12", "Z"],
        ["", "DE", "orphan@x.de", "", ""],
        ["Good Two GmbH", "DE", "", "", ""],
    ]
    job = upload_and_import(rep, csv_file(rows), worker)
    assert (job.created, job.failed_rows, job.status) == (2, 4, ImportJob.Status.DONE)
    errors = {(e["row"], e["column"]) for e in job.errors}
    assert errors == {(3, "Email"), (4, "Country/Region"), (5, "Tel"), (5, "Grade"), (6, "Company Name")}
    message = next(e["message"] for e in job.errors if e["row"] == 3)
    assert "bob@" in message and "name@domain" in message
    assert sorted(Customer.objects.values_list("name", flat=True)) == ["Good One GmbH", "Good Two GmbH"]


def test_reimporting_the_same_file_creates_nothing_new(rep, worker):
    first = upload_and_import(rep, csv_file(ALIBABA_ROWS), worker)
    assert first.created == 3
    counts = (Customer.objects.count(), Contact.objects.count(), CustomerKey.objects.count())
    again = upload_and_import(rep, csv_file(ALIBABA_ROWS), worker)
    assert import_selectors.import_same_file(again) == first
    assert (again.created, again.merged, again.repeated) == (0, 0, 3)
    assert (Customer.objects.count(), Contact.objects.count(), CustomerKey.objects.count()) == counts


def test_rows_of_one_company_become_one_customer_with_several_contacts(rep, worker):
    rows = [
        ["Company", "Country", "Contact", "Email"],
        ["Acme Trading LLC", "US", "John Smith", "john@acme-trading.com"],
        ["ACME TRADING L.L.C.", "US", "Mary Jones", "mary@acme-trading.com"],
    ]
    job = upload_and_import(rep, csv_file(rows), worker)
    assert (job.created, job.merged) == (1, 1)
    acme = Customer.objects.get()
    assert sorted(acme.contacts.values_list("name", flat=True)) == ["John Smith", "Mary Jones"]
    assert "mary@acme-trading.com" in acme.search_text


def test_a_malformed_file_gets_a_clear_message_and_nothing_is_kept(rep, worker):
    from tradewind.files.models import StoredFile

    # Told at once, by the name or the first bytes: the request reads no further.
    at_once = [
        (SimpleUploadedFile("x.csv", b""), "empty"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.7 ..."), "not a CSV or Excel"),
        (SimpleUploadedFile("x.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100), "old Excel file"),
        (SimpleUploadedFile("x.csv", b"\x00\x01\x02binary\x00" * 50), "not a CSV or Excel"),
        (SimpleUploadedFile("x.csv", b"%PDF-1.7 ..."), "not a CSV or Excel"),  # the name says CSV
        (SimpleUploadedFile("list.csv", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100), "a Windows program"),
    ]
    for upload, message in at_once:
        with pytest.raises(ValidationFailed) as caught:
            imports.import_upload(actor=rep, upload=upload)
        assert message in str(caught.value.message), upload.name
    assert ImportJob.objects.count() == 0 and StoredFile.objects.count() == 0
    # Told by the worker once it has read the file: refused, with the reason; the file is not kept.
    read_later = [
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken"), "contents cannot be listed"),
        (SimpleUploadedFile("x.csv", b"\n\n  \n"), "No header row"),
        (SimpleUploadedFile("x.csv", b"Company,Country\n"), "no customers below"),
    ]
    for upload, message in read_later:
        job = uploaded(rep, upload, worker)
        assert job.status == ImportJob.Status.REFUSED and message in job.errors[0]["message"], upload.name
        assert job.file is None
    assert StoredFile.objects.count() == 0


def test_mapping_is_validated_and_remembered_for_the_same_layout(rep, worker):
    rows = [["Firma", "Land", "Kontakt"], ["Müller GmbH", "DE", "Hans"]]
    job = uploaded(rep, csv_file(rows), worker)
    assert job.mapping == {}
    with pytest.raises(ValidationFailed, match="company name"):
        imports.import_map(actor=rep, job=job, mapping={"1": "country"})
    with pytest.raises(ValidationFailed, match="two columns"):
        imports.import_map(actor=rep, job=job, mapping={"0": "name", "1": "name"})
    with pytest.raises(ValidationFailed, match="country"):
        imports.import_map(actor=rep, job=job, mapping={"0": "name"})
    with worker():
        job = imports.import_map(
            actor=rep, job=job, mapping={"Firma": "name", "Land": "country", "2": "contact_name"}
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED  # the whole-file check ran in the worker
    assert job.summary == {
        "checked": 1,
        "done": True,
        "create": 1,
        "merge": 0,
        "skip": 0,
        "repeated": 0,
        "failed": 0,
    }
    assert ImportMapping.objects.get().mapping == {"0": "name", "1": "country", "2": "contact_name"}
    second = uploaded(rep, csv_file([*rows, ["Schmidt AG", "AT", "Eva"]]), worker)
    assert second.mapping == {"0": "name", "1": "country", "2": "contact_name"}


def test_default_country_for_a_file_without_one(rep, worker):
    rows = [["Company", "Phone"], ["Müller GmbH", "040 30123456"]]
    job = upload_and_import(rep, csv_file(rows), worker, default_country="de")
    customer = Customer.objects.get()
    assert job.created == 1 and customer.country == "DE"
    assert customer.contacts.get().phones == ["+494030123456"]


# --- duplicates -------------------------------------------------------------------------------------


def make_customer(actor, name, email, **kwargs):
    return services.customer_create(
        actor=actor,
        data={"name": name, "country": "DE", **kwargs},
        contacts=[{"name": "Existing", "emails": [email]}],
        confirm_duplicates=True,
    )


DUPLICATE_ROWS = [
    ["Company", "Country", "Contact", "Email"],
    ["Müller GmbH", "DE", "Hans Neu", "hans@mueller.de"],  # the rep's own customer: merge
    ["Schmidt AG", "DE", "Eva Neu", "eva@schmidt.de"],  # Kevin's customer: skipped
    ["Brand New KG", "DE", "Otto", "otto@brand-new.de"],  # no match: created
]


def test_duplicates_default_merge_own_skip_foreign_create_new(rep, rep2, worker):
    mueller = make_customer(rep, "Müller GmbH", "old@mueller.de")
    make_customer(rep2, "Schmidt AG", "old@schmidt.de")
    job = uploaded(rep, csv_file(DUPLICATE_ROWS), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    preview = {p.number: p for p in imports.import_preview(actor=rep, job=job)}
    assert preview[2].chosen == f"merge:{mueller.public_id}"
    assert preview[3].chosen == "skip" and not preview[3].blocked
    assert [c.owner_name for c in preview[3].candidates] == ["Kevin Zhou"]
    assert preview[4].chosen == "create" and preview[4].candidates == []
    with worker():
        job = imports.import_start(actor=rep, job=job)
    job.refresh_from_db()
    assert (job.created, job.merged, job.skipped) == (1, 1, 1)
    assert sorted(mueller.contacts.values_list("name", flat=True)) == ["Existing", "Hans Neu"]
    added = timeline_of(mueller).get(kind="crm.contact_imported")
    assert activity_text(added.kind, added.data) == "Contact Hans Neu added from customers.csv"
    assert added.actor == rep
    assert Customer.objects.filter(name="Schmidt AG").count() == 1
    skipped = next(e for e in job.errors if e["row"] == 3)
    assert skipped["kind"] == "skipped" and "Kevin Zhou" in skipped["message"]


def test_duplicate_choices_from_the_preview_win(rep, rep2, worker):
    make_customer(rep, "Müller GmbH", "old@mueller.de")
    make_customer(rep2, "Schmidt AG", "old@schmidt.de")
    job = uploaded(rep, csv_file(DUPLICATE_ROWS), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with worker():
        imports.import_start(actor=rep, job=job, choices={"2": "skip", "3": "create", "4": "skip"})
    job.refresh_from_db()
    assert (job.created, job.merged, job.skipped) == (1, 0, 2)
    assert Customer.objects.filter(name="Schmidt AG").count() == 2
    assert not Customer.objects.filter(name="Brand New KG").exists()


def test_blocked_duplicates_are_row_errors_when_the_workspace_forbids_them(rep, rep2, worker):
    settings = crm_settings(rep.workspace)
    settings.duplicate_policy = "block"
    settings.save()
    make_customer(rep2, "Schmidt AG", "old@schmidt.de")
    job = uploaded(rep, csv_file(DUPLICATE_ROWS), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    preview = {p.number: p for p in imports.import_preview(actor=rep, job=job)}
    assert preview[3].blocked and "create" not in [value for value, _a, _c in preview[3].choices]
    with worker():
        imports.import_start(actor=rep, job=job, choices={"3": "create"})
    job.refresh_from_db()
    error = next(e for e in job.errors if e["row"] == 3)
    assert error["kind"] == "error" and "already belongs to Kevin Zhou" in error["message"]
    assert Customer.objects.filter(name="Schmidt AG").count() == 1 and job.failed_rows == 1


def test_a_rep_cannot_merge_into_a_colleagues_customer(rep, rep2, worker):
    schmidt = make_customer(rep2, "Schmidt AG", "old@schmidt.de")
    job = uploaded(rep, csv_file(DUPLICATE_ROWS), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with worker():
        imports.import_start(actor=rep, job=job, choices={"3": f"merge:{schmidt.public_id}"})
    job.refresh_from_db()
    assert schmidt.contacts.count() == 1
    assert any(e["row"] == 3 and "cannot change" in e["message"] for e in job.errors)


def test_import_into_the_pool(rep, worker):
    job = upload_and_import(rep, csv_file(ALIBABA_ROWS), worker, into_pool=True)
    assert job.created == 3 and Customer.objects.filter(owner__isnull=True).count() == 3


# --- the bulk path keeps customer_create's results ---------------------------------------------------


def test_batch_import_gives_the_same_customer_keys_and_search_text_as_customer_create(rep, workspace):
    grades(workspace)
    data = {
        "name": "Müller Haushaltswaren GmbH",
        "name_latin": "Mueller Household",
        "country": "DE",
        "city": "Hamburg",
        "website": "https://www.mueller-haushalt.de/",
        "source": "trade_fair",
        "stage": "prospect",
    }
    contact = {
        "name": "Hans Müller",
        "emails": ["H.Mueller@Mueller-Haushalt.de", "hans@gmail.com"],
        "phones": ["040 30123456"],
        "whatsapp": "+49 151 23456789",
        "wechat": "hansm",
    }
    by_hand = services.customer_create(actor=rep, data=data, contacts=[contact], grade="A", tags=["VIP"])
    reader = RowReader(
        workspace=workspace,
        mapping={"0": "name", "1": "name_latin", "2": "country", "3": "city", "4": "website", "5": "source",
                 "6": "stage", "7": "grade", "8": "tags", "9": "contact_name", "10": "contact_emails",
                 "11": "contact_phones", "12": "contact_whatsapp", "13": "contact_wechat"},
    )  # fmt: skip
    row = reader.read(
        2,
        [data["name"], data["name_latin"], "DE", "Hamburg", data["website"], "trade_fair",
         "prospect", "A", "VIP", contact["name"], ", ".join(contact["emails"]), contact["phones"][0],
         contact["whatsapp"], contact["wechat"]],
    )  # fmt: skip
    outcome = customers_import_batch(actor=rep, rows=[row], choices={"2": {"action": "create"}})
    assert outcome.created == 1, outcome.errors
    imported = Customer.objects.get(pk=outcome.customer_ids[0])

    def snapshot(customer):
        fields = [
            f.name
            for f in Customer._meta.concrete_fields
            if f.name not in ("id", "public_id", "created_at", "updated_at", "owned_since")
        ]
        profile = {f: getattr(customer, f) for f in fields}
        keys = sorted(CustomerKey.objects.filter(customer=customer).values_list("kind", "value"))
        tokens = sorted(CustomerNameToken.objects.filter(customer=customer).values_list("token", flat=True))
        contacts = [
            {
                k: v
                for k, v in c.items()
                if k not in ("id", "public_id", "created_at", "updated_at", "customer_id")
            }
            for c in customer.contacts.values()
        ]
        tags = sorted(customer.tags.values_list("name", flat=True))
        return profile, keys, tokens, contacts, tags

    assert snapshot(imported) == snapshot(by_hand)
    assert imported.search_text and ("name", "mueller household") in snapshot(imported)[1]


def test_bulk_merge_indexes_the_customer_as_contact_save_does(rep, worker):
    by_hand = make_customer(rep, "Müller GmbH", "old@mueller.de")
    services.contact_save(
        actor=rep,
        customer=by_hand,
        data={"name": "Hans Neu", "emails": ["hans@mueller-neu.de"], "phones": ["040 30123456"]},
    )
    imported = make_customer(rep, "Müller GmbH", "old@mueller.de")
    rows = [
        ["Company", "Country", "Contact", "Email", "Phone"],
        ["Müller GmbH", "DE", "Hans Neu", "hans@mueller-neu.de", "040 30123456"],
    ]
    job = uploaded(rep, csv_file(rows), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with worker():
        imports.import_start(actor=rep, job=job, choices={"2": f"merge:{imported.public_id}"})
    job.refresh_from_db()
    assert job.merged == 1
    by_hand.refresh_from_db()
    imported.refresh_from_db()
    assert imported.search_text == by_hand.search_text
    assert sorted(imported.keys.values_list("kind", "value")) == sorted(
        by_hand.keys.values_list("kind", "value")
    )
    assert sorted(imported.name_tokens.values_list("token", flat=True)) == sorted(
        by_hand.name_tokens.values_list("token", flat=True)
    )


def test_a_row_the_database_refuses_fails_alone(rep, worker, monkeypatch):
    from django.db import DatabaseError

    from tradewind.crm.imports import batch

    original = batch.insert_new

    def refuse_boom(actor, new, **kwargs):
        if any(item.row.profile["name"] == "Boom Ltd" for item in new):
            raise DatabaseError("value too long")
        return original(actor, new, **kwargs)

    monkeypatch.setattr(batch, "insert_new", refuse_boom)
    rows = [["Company", "Country"], ["Alpha GmbH", "DE"], ["Boom Ltd", "GB"], ["Gamma SA", "FR"]]
    job = upload_and_import(rep, csv_file(rows), worker)
    assert (job.created, job.failed_rows) == (2, 1)
    assert [(e["row"], e["message"]) for e in job.errors] == [(3, "This row could not be saved.")]


def test_the_worker_carries_on_where_it_stopped(rep, worker):
    rows = [["Company", "Country"]] + [[f"Firma {i} GmbH", "DE"] for i in range(5)]
    job = uploaded(rep, csv_file(rows), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    # A worker imported the first two rows and died: the job is "importing", silent for ten minutes.
    first = RowReader(workspace=rep.workspace, mapping=job.mapping)
    outcome = customers_import_batch(
        actor=rep, rows=[first.read(n, r) for n, r in ((2, rows[1]), (3, rows[2]))]
    )
    assert outcome.created == 2
    ImportJob.objects.filter(pk=job.pk).update(
        status="importing",
        processed_rows=2,
        created=2,
        started_at="2020-01-01T00:00Z",
        updated_at="2020-01-01T00:00Z",
    )
    assert imports.imports_stalled() == [job.pk]
    from tradewind.crm.imports.tasks import imports_resume_stalled

    imports_resume_stalled.call_local()
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.created, job.repeated) == ("done", 5, 5, 0)
    assert Customer.objects.count() == 5
    imports.import_run(job.pk)  # a second worker on a finished job does nothing
    assert Customer.objects.count() == 5


# --- pages ------------------------------------------------------------------------------------------


def page(workspace, path=""):
    return f"/w/{workspace.slug}/customers/{path}"


def test_import_pages_upload_columns_preview_start_progress(
    workspace, rep, client_for, worker, django_capture_on_commit_callbacks
):
    client = client_for(rep)
    rows = [
        ["Company Name", "Country/Region", "Contact Name", "Email"],
        ["Müller GmbH", "Germany", "Hans", "hans@mueller.de"],
        ["Broken Mail Ltd", "UK", "Bob", "bob@"],
        ["Acme LLC", "USA", "John", "john@acme.example"],
    ]
    r = client.get(page(workspace, "imports/"))
    assert r.status_code == 200 and 'type="file"' in r.content.decode()
    with django_capture_on_commit_callbacks() as queued:  # the worker's part, held back for now
        r = client.post(page(workspace, "imports/"), {"file": xlsx_file(rows)})
    job = ImportJob.objects.get()
    assert r.status_code == 302 and r["Location"] == page(workspace, f"imports/{job.public_id}/")
    # The request only kept the file: the job's page says it is being read, and polls.
    html = client.get(r["Location"]).content.decode()
    assert 'data-status="analysing"' in html and 'hx-trigger="every 1s"' in html
    assert "Reading the file" in html and "Country/Region" not in html
    for job_for_the_worker in queued:
        job_for_the_worker()
    # Read: the next poll sends the page on to the columns.
    r = client.get(page(workspace, f"imports/{job.public_id}/"), HTTP_HX_REQUEST="true")
    assert r["HX-Redirect"] == page(workspace, f"imports/{job.public_id}/columns/")
    assert client.get(page(workspace, f"imports/{job.public_id}/"))["Location"] == r["HX-Redirect"]
    html = client.get(r["HX-Redirect"]).content.decode()
    assert "Country/Region" in html and "Germany" in html  # the header, an example value
    assert '<option value="contact_emails" selected>' in html
    with worker():
        r = client.post(
            page(workspace, f"imports/{job.public_id}/columns/"),
            {
                "column-0": "name",
                "column-1": "country",
                "column-2": "contact_name",
                "column-3": "contact_emails",
            },
        )
    assert r["Location"] == page(workspace, f"imports/{job.public_id}/preview/")
    html = client.get(r["Location"]).content.decode()
    assert 'data-row="3"' in html and "<strong>Email</strong>" in html and "name@domain" in html
    assert 'data-testid="import-summary"' in html  # the whole-file check is done (the worker ran)
    with worker():
        r = client.post(page(workspace, f"imports/{job.public_id}/preview/"))
    assert r["Location"] == page(workspace, f"imports/{job.public_id}/")
    html = client.get(r["Location"]).content.decode()
    assert 'data-status="done"' in html and 'aria-valuenow="100"' in html and "every 1s" not in html
    assert 'data-testid="import-created">2<' in html and "bob@" in html
    report = b"".join(client.get(page(workspace, f"imports/{job.public_id}/errors.csv")).streaming_content)
    lines = list(csv.reader(io.StringIO(report.decode("utf-8-sig"))))
    assert lines[0] == ["Row", "Problems", *rows[0]]
    assert lines[1][0] == "3" and lines[1][1].startswith("Email: ") and "bob@" in lines[1][1]
    assert lines[1][2:] == ["Broken Mail Ltd", "UK", "Bob", "bob@"]  # the row itself, to fix
    listing = client.get(page(workspace)).content.decode()
    assert "Müller GmbH" in listing and "Acme LLC" in listing and 'data-testid="import-customers"' in listing


def test_progress_fragment_polls_only_while_importing(workspace, rep, client_for, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    ImportJob.objects.filter(pk=job.pk).update(status="importing", total_rows=3, processed_rows=1)
    client = client_for(rep)
    fragment = client.get(
        page(workspace, f"imports/{job.public_id}/"), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert (
        'hx-trigger="every 1s"' in fragment and 'aria-valuenow="33"' in fragment and "<html" not in fragment
    )
    ImportJob.objects.filter(pk=job.pk).update(status="done", processed_rows=3)
    fragment = client.get(
        page(workspace, f"imports/{job.public_id}/"), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "every 1s" not in fragment and 'aria-valuenow="100"' in fragment


def test_an_import_is_seen_by_who_started_it_and_the_leads(
    workspace, rep, rep2, manager, client_for, member_factory, worker
):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    url = page(workspace, f"imports/{job.public_id}/columns/")
    assert client_for(rep).get(url).status_code == 200
    assert client_for(manager).get(url).status_code == 200
    assert client_for(rep2).get(url).status_code == 404
    viewer = member_factory(Role.VIEWER)
    assert (
        client_for(viewer).post(page(workspace, "imports/"), {"file": csv_file(ALIBABA_ROWS)}).status_code
        == 404
    )
    assert "New import" not in client_for(viewer).get(page(workspace, "imports/")).content.decode()


def test_an_unreadable_upload_shows_the_reason_on_the_form(workspace, rep, client_for):
    r = client_for(rep).post(
        page(workspace, "imports/"), {"file": SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0xx")}
    )
    assert r.status_code == 400 and "old Excel file" in r.content.decode() and not ImportJob.objects.exists()


# --- export -----------------------------------------------------------------------------------------


@pytest.fixture
def export_data(rep, rep2):
    grades(rep.workspace)
    mine = services.customer_create(
        actor=rep,
        data={"name": '=HYPERLINK("http://evil")', "country": "DE", "city": "Hamburg", "notes": "VIP buyer"},
        contacts=[{"name": "Hans", "emails": ["hans@mueller.de"], "phones": ["040 30123456"]}],
        grade="A",
        tags=["fair"],
    )
    theirs = services.customer_create(
        actor=rep2,
        data={"name": "Schmidt AG", "country": "DE", "city": "Berlin", "notes": "secret terms"},
        contacts=[{"name": "Eva", "emails": ["eva@schmidt.de"]}],
    )
    services.customer_create(actor=rep, data={"name": "Acme LLC", "country": "US"})
    return mine, theirs


def test_export_csv_has_the_filtered_rows_with_only_what_the_reader_may_see(
    workspace, rep, client_for, export_data
):
    # No detail filter: a colleague's private customer is listed (a country filter would not find it).
    r = client_for(rep).get(page(workspace, "export/"), {"sort": "name", "format": "csv"})
    assert r.status_code == 200 and r["Content-Disposition"].startswith('attachment; filename="customers-')
    body = b"".join(r.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    table = {row["Company name"]: row for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert set(table) == {'\'=HYPERLINK("http://evil")', "Schmidt AG", "Acme LLC"}
    mine, theirs = table['\'=HYPERLINK("http://evil")'], table["Schmidt AG"]
    assert (mine["City"], mine["Grade"], mine["E-mails"], mine["Phones"], mine["Tags"]) == (
        "Hamburg", "A", "hans@mueller.de", "'+49 40 30123456", "fair"
    )  # fmt: skip
    assert theirs["Owner"] == "Kevin Zhou"  # a colleague's customer: its name and owner, nothing more
    assert theirs["Country"] == theirs["City"] == theirs["Notes"] == theirs["E-mails"] == ""
    assert theirs["Contact name"] == ""
    assert "secret terms" not in body and "eva@schmidt.de" not in body
    entry = AuditEntry.objects.get(action=CrmAuditAction.EXPORT)
    assert entry.target == "customers" and entry.data["rows"] == 3 and entry.data["format"] == "csv"
    assert entry.data["filters"] == {"sort": "name"} and entry.actor == rep.user


def test_export_xlsx_and_the_manager_sees_every_detail(workspace, manager, client_for, export_data):
    r = client_for(manager).get(page(workspace, "export/"), {"format": "xlsx", "sort": "name"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {'=HYPERLINK("http://evil")', "Schmidt AG", "Acme LLC"}
    assert sheet.cell(row=2, column=1).data_type == "s"  # text, never a formula
    assert by_name["Schmidt AG"]["Notes"] == "secret terms"
    assert AuditEntry.objects.get(action=CrmAuditAction.EXPORT).data["format"] == "xlsx"


def test_an_exported_file_imports_again_without_creating_anything(
    workspace, rep, client_for, export_data, worker
):
    body = b"".join(client_for(rep).get(page(workspace, "export/"), {"owner": "mine"}).streaming_content)
    job = uploaded(rep, SimpleUploadedFile("customers.csv", body), worker)
    assert {"name", "country", "city", "grade", "tags", "contact_emails", "contact_phones"} <= set(
        job.mapping.values()
    )
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with worker():
        imports.import_start(actor=rep, job=job)
    job.refresh_from_db()
    assert job.status == "done" and job.created == 0 and Customer.objects.count() == 3, job.errors


def test_customer_list_offers_export_with_the_current_filters(workspace, rep, client_for, export_data):
    html = client_for(rep).get(page(workspace), {"country": "DE"}).content.decode()
    assert f"{page(workspace, 'export/')}?country=DE&amp;format=xlsx" in html


# --- API --------------------------------------------------------------------------------------------


def api_for(member):
    _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.base = f"/api/v1/workspaces/{member.workspace.slug}/customer-imports"
    return client


def test_api_upload_preview_start_and_status(rep, rep2, worker):
    make_customer(rep2, "Schmidt AG", "old@schmidt.de")
    api = api_for(rep)
    with worker():
        r = api.post(api.base, {"file": csv_file([*DUPLICATE_ROWS, ["Bad Row", "Atlantis", "", ""]])})
        assert r.status_code == 201, r.json()
        body = r.json()
        assert body["status"] == "analysing"  # the request only kept the file
        job_url = f"{api.base}/{body['id']}"
        r = api.get(f"{job_url}/preview")
        assert r.status_code == 409 and "still being read" in r.json()["message"]
    body = api.get(job_url).json()  # read by the worker
    assert body["status"] == "uploaded" and body["total_rows"] == 4 and body["mapping"] == {
        "0": "name", "1": "country", "2": "contact_name", "3": "contact_emails"
    }  # fmt: skip
    preview = {row["row"]: row for row in api.get(f"{job_url}/preview").json()}
    assert preview[3]["decision"] == "skip" and preview[3]["duplicates"][0]["owner"] == "Kevin Zhou"
    assert preview[5]["errors"][0]["column"] == "Country"
    with worker():
        r = api.post(
            f"{job_url}/start",
            {"mapping": body["mapping"], "decisions": {"3": "create"}},
            content_type="application/json",
        )
    assert r.status_code == 202, r.json()
    status = api.get(job_url).json()
    assert (status["status"], status["progress"], status["created"], status["failed_rows"]) == (
        "done",
        100,
        3,
        1,
    )
    assert status["errors"][0] == {
        "row": 5,
        "column": "Country",
        "message": status["errors"][0]["message"],
        "kind": "error",
    }
    r = api.post(f"{job_url}/start", {}, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    listing = api.get(api.base).json()
    assert [job["id"] for job in listing["items"]] == [body["id"]] and listing["next_offset"] is None
    assert api.post(f"{job_url}/discard").status_code == 409  # done: nothing to throw away
    # An upload left unstarted is discarded through the API too.
    left = api.post(api.base, {"file": csv_file(DUPLICATE_ROWS)}).json()
    assert api.post(f"{api.base}/{left['id']}/discard").status_code == 204
    assert api.get(f"{api.base}/{left['id']}").status_code == 404


def test_api_upload_with_mapping_and_errors_in_the_json_format(rep, member_factory, worker):
    api = api_for(rep)
    with worker():
        r = api.post(
            api.base,
            {
                "file": csv_file([["Firma", "Land"], ["Müller GmbH", "DE"]]),
                "mapping": '{"Firma": "name", "Land": "country"}',
            },
        )
    assert r.status_code == 201 and r.json()["status"] == "analysing"
    # Read by the worker, the columns asked for applied, then the whole-file check.
    checked = api.get(f"{api.base}/{r.json()['id']}").json()
    assert checked["status"] == "previewed" and checked["summary"]["create"] == 1
    assert checked["mapping"] == {"0": "name", "1": "country"}
    # Columns that do not fit the file: it waits, with the guessed ones and the reason.
    with worker():
        r = api.post(
            api.base,
            {"file": csv_file([["Firma", "Land"], ["Schmidt AG", "AT"]]), "mapping": '{"Nr": "name"}'},
        )
    waiting = api.get(f"{api.base}/{r.json()['id']}").json()
    assert waiting["status"] == "uploaded" and "no column “Nr”" in waiting["errors"][0]["message"]
    r = api.post(api.base, {"file": SimpleUploadedFile("x.csv", b"")})
    assert r.status_code == 422 and r.json()["code"] == "validation_error" and "file" in r.json()["fields"]
    r = api.post(api.base, {"file": csv_file(ALIBABA_ROWS), "mapping": "[1]"})
    assert r.status_code == 422 and r.json()["fields"] == {"mapping": [r.json()["message"]]}
    viewer = api_for(member_factory(Role.VIEWER))
    r = viewer.post(viewer.base, {"file": csv_file(ALIBABA_ROWS)})
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"


def test_api_outsiders_and_colleagues_get_404(rep, rep2, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    colleague = api_for(rep2)
    assert colleague.get(f"{colleague.base}/{job.public_id}").status_code == 404
    outsider = api_for(MembershipFactory(role=Role.OWNER))
    r = outsider.get(f"/api/v1/workspaces/{rep.workspace.slug}/customer-imports/{job.public_id}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


def test_a_big_file_is_read_by_a_second_process(rep, worker, monkeypatch):
    """Above PARALLEL_FROM_ROWS rows a child process reads and validates while the worker writes."""
    from tradewind.crm.imports import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_FROM_ROWS", 0)
    monkeypatch.setattr(import_run, "BATCH_SIZE", 2)
    grades(rep.workspace)
    rows = [["公司名称", "国家", "等级", "邮箱"]] + [
        [f"宁波公司{i}号", "德国", "B", f"buyer{i}@firma{i}.de"] for i in range(5)
    ]
    rows.append(["Bad Mail GmbH", "DE", "A", "nobody@"])
    job = upload_and_import(rep, csv_file(rows), worker)
    assert (job.status, job.created, job.failed_rows, job.processed_rows) == ("done", 5, 1, 6), job.errors
    assert job.errors[0]["row"] == 7 and job.errors[0]["column"] == "邮箱"
    assert Customer.objects.filter(grade__code="B").count() == 5


def test_a_file_that_breaks_mid_way_keeps_the_rows_before(rep, worker, monkeypatch):
    from tradewind.crm.imports import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_FROM_ROWS", 0)
    monkeypatch.setattr(import_run, "BATCH_SIZE", 1)
    good = "Company,Country\nAlpha GmbH,DE\nBeta GmbH,DE\nGamma GmbH,DE\n"
    broken = "Company,Country\nAlpha GmbH,DE\nBeta GmbH,DE\n" + '"Unclosed,DE\n' + "x" * 140_000 + "\n"
    # Refused when the worker reads it: the message names the row.
    refused = uploaded(rep, SimpleUploadedFile("broken.csv", broken.encode()), worker)
    assert (
        refused.status == "refused" and "Row 4 has a cell of more than 32,767" in refused.errors[0]["message"]
    )
    # Broken after the upload (storage trouble): the rows before it are imported, the job says where.
    job = uploaded(rep, SimpleUploadedFile("later.csv", good.encode()), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with default_storage.open(job.file.storage_name, "wb") as f:
        f.write(broken.encode())
    with worker():
        imports.import_start(actor=rep, job=job)
    job.refresh_from_db()
    assert job.status == "failed" and job.created == 2
    assert "Row 4 has a cell of more than" in job.errors[-1]["message"]


def test_a_failure_on_our_side_is_reported_and_the_job_resumes(rep, worker, monkeypatch):
    from tradewind.crm.imports import batch

    monkeypatch.setattr(import_run, "BATCH_SIZE", 2)
    original = batch.customers_import_batch
    calls = []

    def fail_second_batch(**kwargs):
        if not kwargs.get("dry_run"):
            calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(import_run, "customers_import_batch", fail_second_batch)
    monkeypatch.setattr(import_run, "COMMIT_SECONDS", 0)  # commit after every batch
    rows = [["Company", "Country"]] + [[f"Firma {i} GmbH", "DE"] for i in range(5)]
    job = upload_and_import(rep, csv_file(rows), worker)
    assert (job.status, job.processed_rows, job.created) == ("failed", 2, 2)
    assert "error on our side" in job.errors[-1]["message"]
    assert Customer.objects.count() == 2
    with worker():
        imports.import_start(actor=rep, job=job)  # "carry on with the rest"
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.created) == ("done", 5, 5)
    assert Customer.objects.count() == 5 and batch.customers_import_batch is original


# --- telling the person, limits, navigation ---------------------------------------------------------


def test_the_importer_is_notified_when_an_import_ends(rep, worker, monkeypatch):
    from tradewind.notifications.models import Notification

    job = upload_and_import(rep, csv_file(ALIBABA_ROWS), worker)
    note = Notification.objects.get(recipient=rep, kind="crm.import_finished")
    assert note.title == "Import of customers.csv finished: 3 new, 0 merged, 0 failed"
    assert note.url == f"/w/{rep.workspace.slug}/customers/imports/{job.public_id}/"

    monkeypatch.setattr(import_run, "BATCH_SIZE", 1)
    monkeypatch.setattr(import_run, "COMMIT_SECONDS", 0)
    monkeypatch.setattr(
        import_run, "customers_import_batch", lambda **kw: (_ for _ in ()).throw(RuntimeError)
    )
    rows = [["Company", "Country"], ["Firma Eins GmbH", "DE"]]
    failed = upload_and_import(rep, csv_file(rows, name="second.csv"), worker)
    assert failed.status == ImportJob.Status.FAILED
    note = Notification.objects.get(kind="crm.import_finished", url__contains=str(failed.public_id))
    assert note.title == "Import of second.csv stopped" and "error on our side" in note.message


def test_the_upload_limit_is_a_setting(rep, settings, workspace, client_for):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    big = csv_file([["Company", "Country"]] + [[f"Firma {i:07d} GmbH", "DE"] for i in range(60_000)])
    with pytest.raises(ValidationFailed) as caught:
        imports.import_upload(actor=rep, upload=big)
    assert "the limit is 1 MB" in str(caught.value.message)
    assert ImportJob.objects.count() == 0
    html = client_for(rep).get(page(workspace, "imports/")).content.decode()
    assert "Up to 1 MB." in html


def test_the_customer_pages_link_to_imports_for_who_may_import(workspace, rep, member_factory, client_for):
    link = f'href="/w/{workspace.slug}/customers/imports/"'
    assert link in client_for(rep).get(page(workspace, "")).content.decode()
    viewer = member_factory(role=Role.VIEWER)
    assert link not in client_for(viewer).get(page(workspace, "")).content.decode()


def test_bulk_values_keep_backslashes_tabs_and_line_breaks(rep):
    from tradewind.core.bulk import insert_values

    customer = services.customer_create(actor=rep, data={"name": "Müller GmbH", "country": "DE"})
    odd = ["back\\slash", "tab\there", "line\nbreak", "carriage\rreturn", "\\N", "宁波"]
    insert_values(
        CustomerNameToken,
        ["workspace_id", "customer_id", "token"],
        [(rep.workspace_id, customer.pk, token) for token in odd],
    )
    stored = set(CustomerNameToken.objects.filter(customer=customer).values_list("token", flat=True))
    assert set(odd) <= stored


def test_public_ids_of_imported_rows_are_version_4_uuids():
    import uuid

    from tradewind.core.bulk import uuid4_hex

    ids = {uuid4_hex() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(uuid.UUID(i).version == 4 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)


def test_the_same_file_again_says_who_imported_it_and_nothing_left_is_said(
    workspace, rep, rep2, client_for, worker
):
    rows = [["Company Name", "Country/Region"], ["Müller GmbH", "Germany"]]
    client = client_for(rep)
    with worker():
        client.post(page(workspace, "imports/"), {"file": csv_file(rows)})
    job = ImportJob.objects.get()
    with worker():
        client.post(
            page(workspace, f"imports/{job.public_id}/columns/"), {"column-0": "name", "column-1": "country"}
        )
        client.post(page(workspace, f"imports/{job.public_id}/preview/"))
    # A colleague uploads the same file: told who imported it, not "you".
    with worker():
        r = client_for(rep2).post(page(workspace, "imports/"), {"file": csv_file(rows)}, follow=True)
    assert "Amy Liu imported this file before" in r.content.decode()
    again = ImportJob.objects.exclude(pk=job.pk).get()
    with worker():
        client_for(rep2).post(
            page(workspace, f"imports/{again.public_id}/columns/"),
            {"column-0": "name", "column-1": "country"},
        )
    preview = client_for(rep2).get(page(workspace, f"imports/{again.public_id}/preview/")).content.decode()
    assert 'data-testid="nothing-to-import"' in preview
