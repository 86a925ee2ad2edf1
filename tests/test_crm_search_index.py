"""Customer search through its index (pg_trgm on PostgreSQL, FTS5 trigram on SQLite): the same results as
the plain substring scan, the index kept in step by every way a customer's search text changes, the
planner using it, and the migration building it. Run on both databases."""

from __future__ import annotations

import importlib
import io
import itertools
import random
from types import SimpleNamespace

import pytest
from django.db import connection, transaction
from django.db.models import Q
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory
from tradewind.crm import services
from tradewind.crm.imports.batch import customers_import_batch
from tradewind.crm.imports.rows import RowReader
from tradewind.crm.models import Customer
from tradewind.crm.normalize import SEARCH_DOUBLED_RANGES, search_doubled, search_text, search_words
from tradewind.crm.search_index import FTS_TABLE, PG_INDEX, fts_query, search_index_condition
from tradewind.crm.search_index_schema import (
    TRIGGERS,
    search_index_install,
    search_index_repair,
    search_index_uninstall,
)
from tradewind.crm.selectors import CustomerFilters, customer_list
from tradewind.workspaces.choices import Role

SQLITE = connection.vendor == "sqlite"
POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


@pytest.fixture
def rep2(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Kevin Zhou"))


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER, user=UserFactory(full_name="Boss Wang"))


def make(actor, name, country="DE", contacts=(), **data):
    return services.customer_create(
        actor=actor,
        data={"name": name, "country": country, **data},
        contacts=list(contacts),
        confirm_duplicates=True,
    )


# --- the doubling: a substring exactly when doubled ---------------------------------------------------------

# Latin, a space and punctuation, CJK characters (one repeated on purpose: runs such as 哈哈哈 are where a
# match could start half-way through a doubled character).
ALPHABET = ["a", "b", " ", ".", "海", "天", "哈", "한", "カ"]


def test_a_word_is_in_a_text_exactly_when_doubled_in_the_doubled_text_every_small_case():
    texts = ["".join(t) for n in range(6) for t in itertools.product("a海天 ", repeat=n)]
    words = ["".join(w) for n in range(1, 4) for w in itertools.product("a海天 ", repeat=n)]
    checked = 0
    for text in texts:
        doubled = search_doubled(text)
        for word in words:
            assert (word in text) == (search_doubled(word) in doubled), (word, text)
            checked += 1
    assert checked == len(texts) * len(words) > 100_000


@settings(max_examples=1000, deadline=None)
@given(
    text=st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join),
    word=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=6).map("".join),
)
def test_a_word_is_in_a_text_exactly_when_doubled_in_the_doubled_text(text, word):
    assert (word in text) == (search_doubled(word) in search_doubled(text))


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=40), start=st.integers(0, 40), size=st.integers(1, 8))
def test_any_substring_of_any_text_is_found_doubled(text, start, size):
    word = text[start : start + size]
    if word:
        assert search_doubled(word) in search_doubled(text)


def test_only_cjk_characters_are_doubled():
    assert search_doubled("宁波海天 Müller 한국 カタカナ ひら 々 𠀋 +49 a.b") == (
        "宁宁波波海海天天 Müller 한한국국 カカタタカカナナ ひひらら 々々 𠀋𠀋 +49 a.b"
    )


@pytest.mark.django_db
def test_the_database_doubles_as_python_does():
    """PostgreSQL's tw_search_doubled is a regular expression written from the same ranges: the edges of
    every range, inside and outside, and mixed text give what normalize.search_doubled gives."""
    samples = [
        "",
        "宁波海天贸易有限公司 ningbo-haitian.com",
        "Müller GmbH +49401234567",
        "株式会社トヨタ 한국무역",
    ]
    for low, high in SEARCH_DOUBLED_RANGES:
        samples.append("".join(chr(c) for c in (low - 1, low, low + 1, high - 1, high, high + 1)))
    with connection.cursor() as cursor:
        for sample in samples:
            cursor.execute("SELECT tw_search_doubled(%s)", [sample])
            assert cursor.fetchone()[0] == search_doubled(sample), ascii(sample)


# --- the same results as the scan ---------------------------------------------------------------------------

NAMES = [
    "宁波海天贸易有限公司", "海天", "上海海天科技", "义乌哈哈哈文具", "天海国际", "广州市白云区进出口",
    "Müller GmbH", "MULLER Haushaltswaren", "Mueller & Söhne KG", "Łódź Handel", "Yılmaz Tekstil A.Ş.",
    "株式会社トヨタ商事", "한국무역 주식회사", "Công ty Thép Việt", "ООО «Альфа»", "شركة النور",
    'The "AND" Company', "Star*Light OR Moon", "NEAR(x y) Ltd", "100% Cotton_Mills", "back\\slash Co",
    "O'Brien & Co", "Ningbo 海天 Trading", "海天-Ningbo", "abc海def", "Ａｃｍｅ Ｔｒａｄｉｎｇ",
]  # fmt: skip
QUERIES = [
    "muller", "Müller", "MÜLLER gmbh", "mueller", "lodz", "yilmaz", "handel",
    "海", "天", "哈", "海天", "天海", "哈哈", "哈哈哈", "哈哈哈哈", "海天贸易", "宁波海天贸易有限公司",
    "上海 海天", "ningbo 海天", "海天 ningbo", "c海d", "abc海", "海d", "トヨタ", "ト", "한국", "무", "việt",
    "thep", "альфа", "النور", "acme", "ａｃｍｅ",
    "+49401234567", "040 1234567", "(040) 123-4567", "0401234567", "1234", "49", "+4",
    '"', '""', '"and"', "and", "AND", "or", "OR moon", "*", "star*", "near(x", "NEAR(x y)", "-", "^abc",
    "name:müller", "%", "_", "100%", "cotton_", "\\", "back\\slash", "'", "o'brien",
    "'; drop table crm_customer; --",
    "a", "ab", "zz", "zzz", "no such customer", "ltd ltd ltd ltd ltd ltd",
]  # fmt: skip


def scan(workspace, q: str) -> list[int]:
    """The search as it was: every word a substring of the search text, nothing else."""
    words = search_words(q)[:5]
    found = Customer.objects.filter(workspace=workspace).filter(*[Q(search_text__contains=w) for w in words])
    return sorted(found.values_list("pk", flat=True))


def searched(member, q: str, **filters) -> list[int]:
    found = customer_list(membership=member, filters=CustomerFilters(q=q, **filters))
    return sorted(found.values_list("pk", flat=True))


def by_index(workspace, words: list[str]) -> list[int]:
    found = Customer.objects.filter(workspace=workspace).filter(search_index_condition(words))
    return sorted(found.values_list("pk", flat=True))


def index_serves(words: list[str]) -> bool:
    return bool(search_index_condition(words))


@pytest.fixture
def many(manager, rep, rep2):
    customers = []
    for i, name in enumerate(NAMES):
        owner = (manager, rep, rep2)[i % 3]
        contacts = [{"name": "Hans Müller", "phones": ["+49 40 1234567"]}] if i == 6 else []
        if i == 16:
            contacts = [{"name": "O'Brien", "emails": ["sales@and-co.com"], "wechat": "and_or_not"}]
        customers.append(make(owner, name, contacts=contacts, city="Ningbo" if "海天" in name else ""))
    return customers


def test_the_list_finds_what_the_scan_finds(many, manager, rep, workspace):
    served = 0
    for q in QUERIES:
        expected = scan(workspace, q)
        assert searched(manager, q) == expected, q
        words = search_words(q)[:5]
        if index_serves(words):
            served += 1
            # The index's condition alone is exact for the words it serves: not a wider net.
            served_words = [w for w in words if index_serves([w])]
            assert by_index(workspace, served_words) == scan(workspace, " ".join(served_words)), q
    assert served > len(QUERIES) / 2
    assert searched(manager, "海天") == sorted(c.pk for c in many if "海天" in c.name)
    assert len(searched(manager, "muller")) == 2  # Müller GmbH, MULLER Haushaltswaren; not Mueller
    assert searched(manager, '"and"') == [many[16].pk]


def with_the_scan_only(monkeypatch, member, q, **filters):
    """The same selector with the index condition taken out: the plain substring scan, visibility rules
    and filters as they are."""
    with monkeypatch.context() as patch:
        for module in ("tradewind.crm.selectors.customers", "tradewind.crm.search_index"):
            patch.setattr(f"{module}.search_index_condition", lambda words: Q())
        patch.setattr("tradewind.crm.selectors.customers.search_index_any", lambda sets, ids=None: Q())
        patch.setattr("tradewind.crm.selectors.customers.search_ids_condition", lambda ids: Q(pk__in=ids))
        return searched(member, q, **filters)


def test_what_a_rep_may_find_is_unchanged(many, rep, rep2, manager, monkeypatch):
    """A colleague's private customer is still found by its name only (and exact identifiers)."""
    for q in [*QUERIES, "bella", "handel gmbh", "sales@and-co.com", "and-co.com"]:
        for member in (rep, rep2, manager):
            assert searched(member, q) == with_the_scan_only(monkeypatch, member, q), (q, member.role)
        assert searched(rep, q, country="DE") == with_the_scan_only(monkeypatch, rep, q, country="DE"), q
    # A colleague's customer by an exact identifier: an e-mail domain, a web domain, a phone.
    casa = make(
        rep2,
        "Casa Bella S.r.l.",
        country="IT",
        website="casabella.it",
        contacts=[{"name": "Giulia", "emails": ["giulia@casabella.it"], "phones": ["+39 02 8734 1122"]}],
    )
    for q in ("giulia@casabella.it", "www.casabella.it", "+390287341122", "bella srl", "giulia", "8734"):
        assert searched(rep, q) == with_the_scan_only(monkeypatch, rep, q), q
        assert (casa.pk in searched(rep, q)) == (q not in ("giulia", "8734")), q
    # rep owns every third customer from the second; 海天-Ningbo (rep2's) is found by its name …
    assert many[23].pk in searched(rep, "海天")
    # … but not by its city, which the rep may not see.
    assert many[23].pk not in searched(rep, "ningbo", country="DE")


def test_generated_customers_and_searches_match_the_scan(manager, rep, workspace, monkeypatch):
    """Random texts from pieces of all kinds, random searches cut out of them (and some not): the list
    finds exactly what the scan finds, for the manager and for a rep."""
    rng = random.Random(20261127)
    pieces = [
        "宁波", "海天", "海", "天", "哈哈", "贸易", "有限公司", "müller", "gmbh", "lódz", "trade", "ab",
        "a", "-", ".", "@", "+86 574", "12345678", '"', "*", "and", "トヨタ", "한국", "%", "_",
    ]  # fmt: skip
    for i in range(60):
        name = "".join(rng.choice(pieces) + rng.choice(["", "", " "]) for _ in range(rng.randint(1, 6)))
        Customer.objects.create(
            workspace=workspace,
            name=name or "x",
            country="CN",
            owner=(manager, rep, None)[i % 3],
            search_text=search_text(name or "x", rng.choice(["", "ningbo", "hamburg"])),
        )
    texts = list(Customer.objects.filter(workspace=workspace).values_list("search_text", flat=True))
    queries = []
    for _ in range(150):
        text = rng.choice(texts)
        start, size = rng.randrange(len(text)), rng.randint(1, 7)
        queries.append(text[start : start + size])
    queries += ["".join(rng.choice(pieces) for _ in range(2)) for _ in range(50)]
    for q in queries:
        assert searched(manager, q) == scan(workspace, q), q
    for q in queries[::5]:
        assert searched(rep, q) == with_the_scan_only(monkeypatch, rep, q), q


def test_search_syntax_cannot_be_injected():
    assert fts_query(['"and"', "*", "near(a"]) == '"""and""" AND "*" AND "near(a"'


@pytest.mark.parametrize("q", ['"', '"and" OR "x', "AND", "*", "a*", "NEAR(", "(", ")", "^", ":", "'", "\\"])
def test_the_list_page_answers_every_search(workspace, manager, client_for, q):
    make(manager, 'The "AND" Company')
    response = client_for(manager).get(f"/w/{workspace.slug}/customers/", {"q": q})
    assert response.status_code == 200


# --- the index follows every change ------------------------------------------------------------------------


def probes(text: str) -> set[str]:
    """Words cut out of a search text, of every length the index serves and some it does not."""
    words = set()
    for size in (2, 3, 5):
        words |= {text[i : i + size].strip() for i in range(0, max(1, len(text) - size + 1), 3)}
    return {w for w in words if w and " " not in w}


def assert_in_step(workspace, *, gone: tuple[str, ...] = ()):
    """For words cut from every customer's text, the index finds what the scan finds; words of texts
    that are gone find nothing the scan does not."""
    words = set(gone)
    for text in Customer.objects.filter(workspace=workspace).values_list("search_text", flat=True):
        words |= probes(text)
    for word in sorted(words):
        if index_serves([word]):
            assert by_index(workspace, [word]) == scan(workspace, word), word
    if SQLITE:
        with connection.cursor() as cursor:  # the FTS5 structure itself
            cursor.execute("INSERT INTO crm_customer_search(crm_customer_search) VALUES ('integrity-check')")


def test_create_update_contacts_and_delete_keep_the_index(rep, workspace):
    haitian = make(rep, "宁波海天贸易有限公司", country="CN", city="Ningbo")
    muller = make(rep, "Müller GmbH", contacts=[{"name": "Hans Schmidt", "emails": ["hans@mueller.de"]}])
    assert searched(rep, "海天") == [haitian.pk] and searched(rep, "schmidt") == [muller.pk]
    assert_in_step(workspace)

    services.customer_update(actor=rep, customer=haitian, data={"name": "义乌哈哈文具有限公司"})
    assert searched(rep, "海天") == [] and searched(rep, "哈哈") == [haitian.pk]
    contact = muller.contacts.get()
    services.contact_save(actor=rep, customer=muller, contact=contact, data={"name": "Jürgen Weiß"})
    assert searched(rep, "schmidt") == [] and searched(rep, "jurgen weiss") == [muller.pk]
    services.contact_save(actor=rep, customer=muller, data={"name": "李娜", "wechat": "lina_sh"})
    assert searched(rep, "李娜") == [muller.pk]
    services.contact_delete(actor=rep, contact=muller.contacts.get(name="李娜"))
    assert searched(rep, "李娜") == []
    assert_in_step(workspace, gone=("海天", "宁波海天", "schmidt", "李娜", "lina_sh"))

    muller.delete()
    assert searched(rep, "muller") == [] and searched(rep, "jurgen") == []
    assert_in_step(workspace, gone=("muller", "jurgen", "weiss"))


def test_raw_sql_bulk_update_and_queryset_update_keep_the_index(rep, rep2, workspace):
    first = make(rep, "Alpha Trading")
    second = make(rep, "Beta Trading")
    with connection.cursor() as cursor:  # as the import writes it
        cursor.executemany(
            "UPDATE crm_customer SET name_key = %s, search_text = %s WHERE id = %s",
            [("海天", "海天 haitian", first.pk), ("宁波", "宁波 ningbo", second.pk)],
        )
    assert searched(rep, "海天") == [first.pk] and searched(rep, "alpha") == []
    Customer.objects.filter(pk=first.pk).update(search_text="gamma 伽马")
    second.search_text = "delta 德尔塔"
    Customer.objects.bulk_update([second], ["search_text"])
    assert searched(rep, "伽马") == [first.pk] and searched(rep, "德尔") == [second.pk]
    assert searched(rep, "海天") == searched(rep, "宁波") == []
    Customer.objects.bulk_create(
        [
            Customer(workspace=workspace, name=f"Bulk {i}", country="CN", owner=rep2, search_text=f"批量 {i}")
            for i in range(3)
        ]
    )
    assert len(searched(rep, "批量")) == 0  # a colleague's, and not by name …
    Customer.objects.filter(name__startswith="Bulk").update(owner=rep)  # … until they are
    assert len(searched(rep, "批量")) == 3
    Customer.objects.filter(name__startswith="Bulk").delete()
    assert searched(rep, "批量") == []
    assert_in_step(workspace, gone=("haitian", "ningbo", "alpha", "beta", "批量 1"))


def test_an_import_and_a_merge_keep_the_index(rep, manager, workspace):
    reader = RowReader(
        workspace=workspace, mapping={"0": "name", "1": "country", "2": "contact_name", "3": "contact_phones"}
    )
    rows = [
        reader.read(2, ["宁波海天贸易有限公司", "CN", "王海天", "+86 574 8765 4321"]),
        reader.read(3, ["Müller Haushaltswaren GmbH", "DE", "Hans Müller", "040 30123456"]),
        reader.read(4, ["Mueller Haushalt", "DE", "Eva Klein", ""]),
    ]
    outcome = customers_import_batch(
        actor=rep, rows=rows, choices={str(r.number): {"action": "create"} for r in rows}
    )
    assert outcome.created == 3, outcome.errors
    haitian, muller, mueller = (Customer.objects.get(pk=pk) for pk in outcome.customer_ids)
    assert searched(rep, "海天") == [haitian.pk]
    assert searched(rep, "0574 87654321") == [haitian.pk]
    assert searched(rep, "muller") == [muller.pk] and searched(rep, "klein") == [mueller.pk]
    assert_in_step(workspace)

    services.customer_merge(actor=manager, survivor=muller, merged=mueller)
    assert searched(rep, "klein") == [muller.pk]  # the merged customer's contact moved over
    assert searched(manager, "mueller haushalt") == []  # the merged customer is gone
    assert_in_step(workspace, gone=("mueller haushalt", "mueller"))


# --- the planner uses it ---------------------------------------------------------------------------------


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN QUERY PLAN " if SQLITE else "EXPLAIN ") + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


@pytest.fixture
def crowd(workspace, manager):
    """Some 20,000 customers (what a busy team has after a few fairs), statistics up to date."""
    rng = random.Random(7)
    syllables = ["ning", "bo", "hai", "tian", "shang", "wen", "zhou", "yi", "wu", "dong", "guan", "shen"]
    cities = ["宁波", "上海", "深圳", "广州", "义乌", "东莞", "温州", "苏州", "杭州", "青岛"]
    Customer.objects.bulk_create(
        [
            Customer(
                workspace=workspace,
                name=f"Customer {i}",
                country="CN",
                owner=manager if i % 2 else None,
                search_text=search_text(
                    rng.choice(cities) + rng.choice(["贸易", "实业", "科技"]) + "有限公司",
                    "".join(rng.choice(syllables) for _ in range(3)) + f" trading {i}",
                    f"sales{i}@example{i % 97}.com",
                ),
            )
            for i in range(20_000)
        ],
        batch_size=2_000,
    )
    make(manager, "宁波海天贸易有限公司", country="CN")
    with connection.cursor() as cursor:
        if POSTGRES:  # as after the migration built it on these customers, not a queue of fresh inserts
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("REINDEX INDEX crm_customer_search_trgm")
        cursor.execute("ANALYZE crm_customer")


def test_the_planner_uses_the_index(crowd, manager, rep):
    """As the manager, and as a rep, whose search is an OR (their own and the pool's customers by every
    word, a colleague's by its name or an exact e-mail domain): each branch through the index."""
    for member, q in [
        (manager, "海天"), (manager, "海天贸易"), (manager, "sales1234@"), (manager, "trading 1234"),
        (rep, "海天"), (rep, "ningbo trading"), (rep, "sales1234@example70.com"),
    ]:  # fmt: skip
        plan = plan_of(customer_list(membership=member, filters=CustomerFilters(q=q))[:51])
        if POSTGRES:
            assert PG_INDEX in plan, (q, plan)
            assert "Seq Scan on crm_customer " not in plan, (q, plan)
        else:
            assert f"{FTS_TABLE} VIRTUAL TABLE INDEX" in plan, (q, plan)
    assert len(searched(manager, "海天")) == 1
    # Too short for the index even doubled (one Chinese character, two Latin letters): the scan, as before.
    for q in ("海", "bo"):
        assert not index_serves(search_words(q))
        assert "search_trgm" not in plan_of(customer_list(membership=manager, filters=CustomerFilters(q=q)))


@pytest.mark.skipif(not POSTGRES, reason="pg_trgm is PostgreSQL's")
@pytest.mark.django_db
def test_pg_trgm_takes_trigrams_from_chinese_in_this_database():
    """pg_trgm keeps the characters the database's LC_CTYPE calls letters: with C.UTF-8 (or any UTF-8
    locale) Chinese ones; with plain "C" none, and a Chinese search would scan (correctly, slowly)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('海海天天'), show_trgm('海海')")
        doubled, one_character = cursor.fetchone()
    assert len(doubled) == 5  # "  海", " 海海", "海海天", "海天天", "天天 ": two of them inside a word
    assert len(one_character) == 3  # "  海", " 海海", "海海 ": none inside a word, so no LIKE look-up


# --- built by the migration, repaired after migrate --------------------------------------------------------


def test_the_migration_indexes_the_customers_there_are_and_goes_back(rep, workspace):
    migration = importlib.import_module("tradewind.crm.migrations.0013_customer_search_index")
    editor = SimpleNamespace(connection=connection)
    haitian = make(rep, "宁波海天贸易有限公司", country="CN")
    with transaction.atomic():
        settle()
        migration.uninstall(None, editor)
        assert not index_exists()
        Customer.objects.filter(pk=haitian.pk).update(search_text="海天 贸易 before the index")
        make(rep, "上海海天科技", country="CN")
        settle()
        migration.install(None, editor)
        assert index_exists()
        assert len(searched(rep, "海天")) == 2 and searched(rep, "before the") == [haitian.pk]
        assert_in_step(workspace)


def settle():
    """PostgreSQL builds no index on a table whose rows of this transaction still await their deferred
    foreign-key checks (a migration runs in a transaction of its own: it has none)."""
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def index_exists() -> bool:
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            return {FTS_TABLE, *TRIGGERS} <= {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [PG_INDEX])
        return cursor.fetchone()[0]


def test_a_table_remade_without_its_triggers_is_repaired_after_migrate(rep, workspace):
    customer = make(rep, "宁波海天贸易有限公司", country="CN")
    out = io.StringIO()
    with connection.cursor() as cursor:
        if SQLITE:  # what Django's table remake on SQLite does to them
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
        else:
            cursor.execute("DROP INDEX crm_customer_search_trgm")
    Customer.objects.filter(pk=customer.pk).update(search_text="义乌哈哈文具")  # unseen by the index
    settle()
    search_index_repair(connection, out=out)
    assert index_exists() and "Customer search" in out.getvalue()
    assert searched(rep, "哈哈文具") == [customer.pk] and searched(rep, "海天") == []
    assert_in_step(workspace)
    search_index_repair(connection, out=(quiet := io.StringIO()))
    assert quiet.getvalue() == ""  # nothing to repair: nothing done


@pytest.mark.skipif(not POSTGRES, reason="pg_trgm is PostgreSQL's")
def test_without_the_right_to_install_pg_trgm_search_still_works(rep, workspace):
    """A role that may not create extensions: a clear message, no index, the same results (a scan)."""
    customer = make(rep, "宁波海天贸易有限公司", country="CN")
    settle()
    with connection.cursor() as cursor:
        cursor.execute("DROP EXTENSION pg_trgm CASCADE")  # rolled back with the test
        search_index_uninstall(connection)
        cursor.execute("CREATE ROLE tw_search_no_rights NOLOGIN")
        # May create tables and functions (as a role that runs migrations), not extensions.
        cursor.execute("GRANT USAGE, CREATE ON SCHEMA public TO tw_search_no_rights")
        cursor.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO tw_search_no_rights")
        cursor.execute("SET LOCAL ROLE tw_search_no_rights")
        out = io.StringIO()
        search_index_install(connection, out=out)
        assert "CREATE EXTENSION pg_trgm" in out.getvalue()
        assert not index_exists()
        assert searched(rep, "海天") == [customer.pk] and searched(rep, "ningbo") == []
        cursor.execute("RESET ROLE")
        search_index_repair(connection, out=(later := io.StringIO()))  # the owner runs migrate again
        assert index_exists() and "index is built" in later.getvalue()
