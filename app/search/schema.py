"""The Whoosh schema of the search index: one document per library item.

Text fields exist per language and are analysed with that language's analyzer. An item fills
``title_<lang>`` and ``text_<lang>`` of its own ``lang`` (summary, body, organisation, authors, text
extracted from its PDFs); a lesson's transcript goes into ``transcript_<language of the subtitles>`` (its
own field: in text_ru of a Kyrgyz lesson it would rank like a page of Russian text). A Russian stemmer
never cuts a Kyrgyz word. Taxonomy labels are not indexed: a query word naming a topic, target group or
region matches the facet fields instead (:mod:`app.search.labels`). A query touches nine text fields,
most of them empty for most items.

Which transcript cue matched (the second to open the video at) and the snippets are found afterwards
in the database text of the hits on the page (:mod:`app.search.snippets`), so the index stores no text
and no per-cue documents. The surface words for "did you mean" and search-as-you-type live in a
vocabulary file beside the index (:mod:`app.search.vocabulary`), not in a field: that field alone held
half of all postings.
"""

from __future__ import annotations

from functools import cache

from whoosh import columns
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from app.search import fastwrite
from app.search.analysis import (
    StemmingTokenizer,
    english_analyzer,
    kyrgyz_analyzer,
    russian_analyzer,
)

# Every process that reads this schema (the app, and the worker processes of a parallel index writer, which
# import this module to unpickle the index's schema) writes with the faster parts of app.search.fastwrite.
fastwrite.install()

# Bump when the schema or the analysis changes: an index with another version is rebuilt at start.
SCHEMA_VERSION = 9

LANGS = ("ky", "ru", "en")
ANALYZERS = {"ru": russian_analyzer, "ky": kyrgyz_analyzer, "en": english_analyzer}
TITLE_BOOST = 3.0
FACETS = ("kind", "lang", "topics", "regions", "target_groups", "year")


_FREQ = [pack_uint(n) for n in range(256)]


class FastFrequency(Frequency):
    """Whoosh's ``Frequency`` format (no word positions; same bytes on disk), filled straight from
    :meth:`StemmingTokenizer.term_counts` — no Token object per word. Positions made the index 2.5x
    larger and reading postings 2x slower; phrases are checked on the text instead (see
    :func:`app.search.query.phrase_query`)."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, StemmingTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, n in analyzer.term_counts(value).items():
            yield term, n, n * boost, _FREQ[n] if n < 256 else pack_uint(n)

    def index_postings(self, value, analyzer, fieldboost: float) -> tuple[dict[bytes, int], list, int] | None:
        """What Whoosh's writer makes of :meth:`word_values` in one call (for
        :class:`app.search.fastwrite.FastSegmentWriter`): term bytes → count, the (weight × ``fieldboost``, value
        bytes) of each count up to the largest, and the field's length. None when ``word_values`` would not take
        its fast way. Weights and values are shared objects (the same values): the writer's pool keeps many."""
        if not isinstance(analyzer, StemmingTokenizer) or not isinstance(value, str):
            return None
        counts = analyzer.term_bytes_counts(value)
        if not counts:
            return counts, [], 0
        table = _table(self.field_boost, fieldboost)
        top = max(counts.values())
        if top >= len(table):
            table = table + [(n * self.field_boost * fieldboost, pack_uint(n)) for n in range(len(table), top + 1)]
        return counts, table, sum(counts.values())


@cache
def _table(boost: float, fieldboost: float) -> list[tuple[float, bytes]]:
    # as word_values (n * boost), then add_document (* fieldboost)
    return [(n * boost * fieldboost, _FREQ[n]) for n in range(256)]


def _text(analyzer, **kwargs) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=False, **kwargs)
    field.format = FastFrequency(field_boost=field.format.field_boost)
    return field


def text_fields() -> list[str]:
    """The fields a user's query searches."""
    return [f"{part}_{lang}" for lang in LANGS for part in ("title", "text", "transcript")]


def field_lang(fieldname: str) -> str:
    return fieldname.rsplit("_", 1)[-1]


def build_schema() -> Schema:
    fields = {
        "key": ID(stored=True, unique=True),  # the item id
        "hash": STORED(),  # what the item looked like when indexed: repairs compare it with the database
        "kind": ID(stored=True),
        "lang": ID(stored=True),
        "topics": KEYWORD(commas=True),
        "regions": KEYWORD(commas=True),  # the item's region and all its ancestors
        "target_groups": KEYWORD(commas=True),
        "year": ID(),
        # sorting only: a column, no postings (a NUMERIC field would index 16 trie terms per item)
        "sortdate": COLUMN(columns.NumericColumn("i")),
    }
    for lang in LANGS:
        analyzer = ANALYZERS[lang]()
        fields[f"title_{lang}"] = _text(analyzer, field_boost=TITLE_BOOST)
        fields[f"text_{lang}"] = _text(analyzer)
        fields[f"transcript_{lang}"] = _text(analyzer)  # a lesson's subtitles in this language
    return Schema(**fields)
