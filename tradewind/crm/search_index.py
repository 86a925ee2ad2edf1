"""Customer search through an index: the condition that pg_trgm (PostgreSQL) or FTS5 (SQLite) answers.

The rule of search does not change: every search word (normalize.search_words) must be a substring of
`Customer.search_text`, and that plain `search_text LIKE '%word%'` stays in the query. Beside it, each word
long enough for a trigram index gets an equivalent condition the index answers, so the database reads the
customers that match instead of every customer's text (the schema: search_index_schema.py):

- PostgreSQL: `tw_search_doubled(search_text) LIKE '%<doubled word>%'`, answered by a GIN index
  (gin_trgm_ops) on that expression;
- SQLite: `id IN (SELECT rowid FROM crm_customer_search WHERE crm_customer_search MATCH …)`, a contentless
  FTS5 table (trigram tokenizer, case-sensitive) that triggers keep equal to the doubled search texts.

Why doubled. A trigram index finds nothing shorter than three characters, and Chinese names are searched
by two (宁波, 海天). normalize.search_doubled, d, writes each CJK character twice, so "海天" becomes
"海海天天", long enough. It changes no result: for any words w and texts t, w ⊑ t ⇔ d(w) ⊑ d(t) (⊑: "is a
substring of"), whichever characters d doubles, Latin and CJK mixed or not.
  ⇒  t = a·w·b gives d(t) = d(a)·d(w)·d(b).
  ⇐  Cut d(t) into blocks, one per character of t: "cc" for a doubled character c, "c" for another. A
     block's first character tells its length, so reading d(w) from a block boundary of d(t), block after
     block, meets the blocks of the characters of w one for one and ends on a boundary: w is a run of
     characters of t. If d(w) starts on the second half of a block "cc", its first character is c, which is
     doubled, so d(w) begins "cc" and the next block of d(t) starts with c, hence is "cc"; d(w)'s next block
     then starts on that block's second half again, and so on: w = c…c (k times) while t holds c k+1 times
     in a row there, so w ⊑ t again. Nothing is found that the scan would not find, and nothing is missed.
A word the index cannot serve — shorter than three characters once doubled (one CJK character, a Latin
word of one or two letters), or on PostgreSQL without three letters or digits in a row, from which pg_trgm
takes its trigrams — is left to the LIKE alone: such a search scans as before (a Latin word of three
letters or more in the same search still narrows it through the index).

A sales rep's search is an OR (their own and the pool's customers by every word, a colleague's only by
the words of its name or an exact identifier: selectors/customers.py). Each branch carries its own index
condition; search_index_any and search_ids_condition shape it so that each database can use them there.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from tradewind.core.text_index import DOUBLED_FUNCTION, TextIndex, fts_query  # noqa: F401 - re-exported
from tradewind.crm.normalize import search_doubled

CUSTOMER_INDEX = TextIndex(table="crm_customer", column="search_text", label="Customer search")
FTS_TABLE = CUSTOMER_INDEX.fts_table
PG_INDEX = CUSTOMER_INDEX.pg_index


def search_text_condition(words: list[str]) -> Q:
    """Customers whose search text contains every word: the substring rule, with the index beside it."""
    return CUSTOMER_INDEX.text_condition(words)


def search_index_condition(words: list[str]) -> Q:
    """A condition an index answers that holds for every customer whose search text contains all `words`
    (core/text_index.py)."""
    return CUSTOMER_INDEX.condition(words)


def search_index_any(word_sets: list[list[str]], *, ids: QuerySet | None = None) -> Q:
    """A condition the index answers for customers that contain all the words of one of `word_sets` or
    whose id is among `ids` (a subquery of customer ids): what a rep's search, an OR of "mine or the
    pool's by every word" and "a colleague's by the words of its name or an identifier", may find.
    SQLite's planner walks the list's name index and cannot use the indexes inside such an OR; checked
    beside it, this one look-up decides for each customer without reading its row. PostgreSQL combines
    the branches' own index scans (BitmapOr) and needs none: Q() there, as when a set has no word long
    enough (nothing to narrow by)."""
    if connection.vendor != "sqlite":
        return Q()
    served = [[d for d in map(search_doubled, words) if len(d) >= 3] for words in word_sets]
    if not served or not all(served):
        return Q()
    alternatives = " OR ".join(f"({fts_query(words)})" for words in dict.fromkeys(map(tuple, served)))
    matching = "SELECT rowid FROM crm_customer_search WHERE crm_customer_search MATCH %s"
    condition = Q(pk__in=RawSQL(matching, [alternatives]))  # noqa: S611 - bound, quoted by fts_query
    return condition | Q(pk__in=ids) if ids is not None else condition


class _Array(Subquery):
    template = "ARRAY(%(subquery)s)"


def search_ids_condition(ids: QuerySet) -> Q:
    """Customers whose id is among `ids` (a subquery of customer ids). PostgreSQL is given
    `id = ANY(ARRAY(…))`: a look-up in the primary key it can OR with the search index's scans, where
    `id IN (…)` inside an OR makes it read every customer of the workspace."""
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    return Q(
        Func(
            F("pk"),
            _Array(ids),
            arg_joiner=" = ANY(",
            template="(%(expressions)s))",
            output_field=BooleanField(),
        )
    )
