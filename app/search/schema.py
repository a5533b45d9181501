"""The Whoosh schema of the search index.

One document per library item (``doctype=item``) plus one per transcript cue (``doctype=cue``, so a
hit inside a transcript can say at which second it is). Text fields exist per language and are
analysed with that language's analyzer; an item fills the fields of its own ``lang``. Taxonomy labels
go into ``labels_ky/ru/en``, each in its own language (so a Russian stemmer never cuts a Kyrgyz label). ``spell`` holds the surface words (folded, not stemmed)
that "did you mean" draws its suggestions from.
"""

from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from app.search.analysis import english_analyzer, fold, kyrgyz_analyzer, russian_analyzer

# Bump when the schema or the analysis changes: an index with another version is rebuilt at start.
SCHEMA_VERSION = 4

LANGS = ("ky", "ru", "en")
ANALYZERS = {"ru": russian_analyzer, "ky": kyrgyz_analyzer, "en": english_analyzer}
TITLE_BOOST = 3.0
FACETS = ("kind", "lang", "topics", "regions", "target_groups", "year")
WORD_RE = r"\w+(?:[-'’]\w+)*"


class FoldFilter(Filter):
    """ё→е, ө→о, ү→у, ң→н and Latin look-alikes in Cyrillic words (module level: Whoosh pickles it)."""

    def __call__(self, tokens):  # noqa: ANN001, ANN204
        for t in tokens:
            t.text = fold(t.text)
            yield t


def spell_analyzer():  # noqa: ANN201
    return RegexTokenizer(WORD_RE) | LowercaseFilter() | FoldFilter()


def text_fields() -> list[str]:
    """The fields a user's query searches, in every language (only item documents have them)."""
    fields = []
    for lang in LANGS:
        fields += [f"title_{lang}", f"text_{lang}", f"transcript_{lang}", f"labels_{lang}"]
    return fields


def cue_fields() -> list[str]:
    """The fields of cue documents: a transcript hit is looked up again in these to find its second."""
    return [f"cue_{lang}" for lang in LANGS]


def build_schema() -> Schema:
    fields = {
        "key": ID(stored=True, unique=True),  # item id, or "<item id>#<n>" for a cue
        "owner": ID(stored=True),  # the item a document belongs to
        "doctype": ID(stored=True),
        "hash": STORED(),  # what the item looked like when indexed: repairs compare it with the database
        "kind": ID(stored=True),
        "lang": ID(stored=True),
        "topics": KEYWORD(stored=True, commas=True),
        "regions": KEYWORD(stored=True, commas=True),  # the item's region and all its ancestors
        "target_groups": KEYWORD(stored=True, commas=True),
        "year": ID(stored=True),
        "sortdate": NUMERIC(int, bits=64, stored=True, sortable=True),
        "time": STORED(),  # cue start, seconds
        "cue_lang": STORED(),
        "cue_text": STORED(),
        "spell": TEXT(analyzer=spell_analyzer(), phrase=False),
    }
    for lang in LANGS:
        analyzer = ANALYZERS[lang]()
        fields[f"title_{lang}"] = TEXT(analyzer=analyzer, field_boost=TITLE_BOOST)
        fields[f"text_{lang}"] = TEXT(analyzer=analyzer)
        fields[f"labels_{lang}"] = TEXT(analyzer=analyzer)  # topic, target group and region names
        fields[f"transcript_{lang}"] = TEXT(analyzer=analyzer)  # the whole transcript, on the item
        fields[f"cue_{lang}"] = TEXT(analyzer=analyzer)  # one cue, on its own document
    return Schema(**fields)
