"""From what a user typed to a Whoosh query.

We do not hand user text to Whoosh's query language: librarians do not write ``field:value`` or
``AND``, and stray syntax must never raise. Instead the text is split into quoted phrases and words;
each word becomes "this word in any field", analysed by each field's own analyzer (so the Russian
fields stem it as Russian, the Kyrgyz ones as Kyrgyz). A word typed in Latin letters is also tried in
Cyrillic transliteration. The last word, while the user is still typing, also matches the library's
words that start with it (chosen in :mod:`app.search.service`: one per stem, those found with the rest of
the query first).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from whoosh.query import And, NullQuery, Or, Query, Term

from app.search.analysis import ENGLISH_STOP_WORDS, KYRGYZ_STOP_WORDS, RUSSIAN_STOP_WORDS, fold
from app.search.labels import LabelIndex
from app.search.schema import field_lang, text_fields
from app.search.translit import is_latin, to_cyrillic

OPERATORS = {"AND", "OR", "NOT", "И", "ИЛИ", "НЕ"}
# Words of a question as people type it ("как провести собрание жителей", "бюджетти кантип бекитет",
# "how to apply"): beyond the stop lists the index uses, never required and never ranked. Only the query
# drops them, so a title with "кантип" still has it in the index (and a query of nothing else finds it).
_QUESTION_TEXT = """
    кантип кантит кантипче эмнеге эмнени эмнеден эмнелер эмнеси неге неден кимге кимди кимдин кимдер кайсыл
    кайсынысы кайдан канчалык канчага кандайча болобу бекен керекпи керек
    почему какие каких каким какую каком каково сколько нужно кому откуда чего зачем ли можно
    could would shall might must whats hows
"""
QUESTION_WORDS = frozenset(fold(w) for w in _QUESTION_TEXT.split())
STOP_WORDS = KYRGYZ_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS | QUESTION_WORDS
TOKEN_RE = re.compile(r'"([^"]*)"?|([^\s"]+)')
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
MIN_PREFIX = 3
PREFIX_BOOST = 0.3  # a completion of a typed whole word counts less than it; the typed letters of a cut word
WHOLE_WORD_BOOST = 0.1  # a completion of a typed whole word ("свет" → светодиодное): far below the word
MAX_WORDS = 12


@dataclass(frozen=True)
class ParsedText:
    words: tuple[str, ...]
    phrases: tuple[str, ...]
    prefix: str | None  # the last word, still being typed
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> Cyrillic spellings


def parse_text(text: str, *, as_you_type: bool = True) -> ParsedText:
    words: list[str] = []
    phrases: list[str] = []
    last_is_word = False
    for m in TOKEN_RE.finditer(text):
        if m.group(1) is not None:
            phrase = " ".join(WORD_RE.findall(m.group(1)))
            if len(phrase.split()) > 1:
                phrases.append(phrase)
            elif phrase:
                words.append(phrase)
            last_is_word = False
        else:
            found = WORD_RE.findall(m.group(2))
            words += found
            last_is_word = bool(found)
    words = words[:MAX_WORDS]
    prefix = None
    if as_you_type and last_is_word and words and not text[-1:].isspace() and len(words[-1]) >= MIN_PREFIX:
        prefix = words[-1]
    variants = {}
    for w in words + [p for ph in phrases for p in ph.split()]:
        if is_latin(w):
            spellings = [to_cyrillic(w)]
            if re.search(r"sh(?!ch)", w.lower()):  # informal "sh" is also щ: pastbishe = пастбище
                spellings.append(to_cyrillic(re.sub(r"sh(?!ch)", "shch", w.lower())))
            variants[w] = tuple(c for c in dict.fromkeys(spellings) if c and c != w)
    return ParsedText(tuple(words), tuple(phrases), prefix, variants)


def is_operator_or_stop(word: str) -> bool:
    """Words that must not be required: stop words and question words of any of our languages, and typed
    AND/OR/NOT."""
    if word in OPERATORS:
        return True
    folded = fold(word.lower())
    return folded in STOP_WORDS or (is_latin(word) and folded in ENGLISH_STOP_WORDS)


# (field, text) -> result, for the analyzers in _ANALYSERS. Tuples of strings only, which the garbage collector stops
# tracking (a list per entry it walked at every full collection: 22,000 objects after a few hundred queries)
_ANALYSED: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
_ANALYSERS: dict[str, object] = {}  # field -> the analyzer the kept results of the field are from
MAX_ANALYSED = 50_000


def analysed_positions(schema, fieldname: str, text: str) -> tuple[tuple[str, ...], ...]:
    """Analysed terms grouped by position (an analyzer may give several stems for one word). Not to be changed
    by the caller: a result is kept for the next query, while the index's analyzer is the same object (one
    query analyses each word up to 27 times — 3 languages × fields × the language weights, the completions'
    grouping and the did-you-mean check — and each letter typed repeats the words before it)."""
    analyzer = schema[fieldname].analyzer
    if _ANALYSERS.get(fieldname) is not analyzer:  # (another index's schema: what was kept may differ)
        _ANALYSED.clear()
        _ANALYSERS[fieldname] = analyzer
    kept = _ANALYSED.get((fieldname, text))
    if kept is not None:
        return kept
    groups: dict[int, list[str]] = {}
    for t in analyzer(text, mode="query", positions=True):
        groups.setdefault(t.pos, [])
        if t.text not in groups[t.pos]:
            groups[t.pos].append(t.text)
    if len(_ANALYSED) >= MAX_ANALYSED:
        _ANALYSED.clear()
    result = _ANALYSED[fieldname, text] = tuple(tuple(groups[p]) for p in sorted(groups))
    return result


def _terms(schema, fieldname: str, text: str) -> list[str]:
    return [alts[0] for alts in analysed_positions(schema, fieldname, text)]


def _match(fieldname: str, positions: Sequence[Sequence[str]], boost: float = 1.0) -> Query:
    parts = [Term(fieldname, alts[0], boost=boost) if len(alts) == 1
             else Or([Term(fieldname, a, boost=boost) for a in alts]) for alts in positions]
    return parts[0] if len(parts) == 1 else And(parts)


def word_query(schema, word: str, variants: tuple[str, ...], *, fields: list[str],
               completions: tuple[str, ...] = (), completion_boost: float = PREFIX_BOOST,
               labels: LabelIndex | None = None, typed_boost: float = 1.0) -> Query | None:
    """"This word in any of ``fields``", each field analysing it with its own analyzer.

    ``completions`` are whole words of the library that start with the word being typed (from the
    vocabulary): they match too, each weighted ``completion_boost``, the typed letters ``typed_boost``. Not a
    Whoosh ``Prefix`` query, which expands to every term of every field starting with those letters
    (thousands, at three letters).
    """
    alternatives: list[Query] = []
    by_lang: dict[str, list[tuple[list[list[str]], float]]] = {}
    for fieldname in fields:
        lang = field_lang(fieldname)
        if lang not in by_lang:
            found: dict[str, tuple[list[list[str]], float]] = {}  # the same terms twice: the higher weight
            for spelling, boost in [*((w, typed_boost) for w in (word, *variants)),
                                    *((c, completion_boost) for c in completions)]:
                positions = analysed_positions(schema, fieldname, spelling)
                key = repr(positions)
                if positions and (key not in found or found[key][1] < boost):
                    found[key] = (positions, boost)
            by_lang[lang] = list(found.values())
        for positions, boost in by_lang[lang]:
            alternatives.append(_match(fieldname, positions, boost))
    if labels is not None:  # the word names a topic, target group or region
        named: dict[tuple[str, str], float] = {}
        for spelling, boost in [*((w, typed_boost) for w in (word, *variants)),
                                *((c, completion_boost) for c in completions)]:
            for entry in labels.matches(spelling):
                named[entry] = max(named.get(entry, 0.0), boost)
        alternatives += [Term(fieldname, entry_id, boost=boost) for (fieldname, entry_id), boost in sorted(named.items())]
    return Or(alternatives) if alternatives else None


def phrase_spellings(phrase: str, variants: dict[str, tuple[str, ...]]) -> list[str]:
    spellings = [phrase]
    translit = " ".join(variants.get(w, (w,))[0] for w in phrase.split())
    if translit != phrase:
        spellings.append(translit)
    return spellings


def phrase_query(schema, phrase: str, variants: dict[str, tuple[str, ...]],
                 fields: list[str], labels: LabelIndex | None = None) -> Query | None:
    """Every word of the phrase in one field. The index keeps no word positions (they made it 2.5x
    larger and every postings read 2x slower), so that the words stand in this order is checked on
    the text of the candidates afterwards (:func:`phrase_patterns`)."""
    alternatives: list[Query] = []
    for fieldname in fields:
        for spelling in phrase_spellings(phrase, variants):
            terms = _terms(schema, fieldname, spelling)
            if len(terms) > 1:
                alternatives.append(And([Term(fieldname, t) for t in terms]))
            elif terms:
                alternatives.append(Term(fieldname, terms[0]))
    if labels is not None:  # a label holding the whole phrase ("Ош облусу")
        for spelling in phrase_spellings(phrase, variants):
            alternatives += [Term(f, entry_id) for f, entry_id in sorted(labels.matches(spelling))]
    return Or(alternatives) if alternatives else None


def phrase_patterns(schema, parsed: ParsedText) -> list[list[list[str]]]:
    """Per phrase, its possible term sequences (one per language and spelling) for checking the text."""
    out = []
    for phrase in parsed.phrases:
        sequences: list[list[str]] = []
        for fieldname in (f for f in text_fields() if f.startswith("text_")):
            for spelling in phrase_spellings(phrase, parsed.variants):
                terms = _terms(schema, fieldname, spelling)
                if terms and terms not in sequences:
                    sequences.append(terms)
        out.append(sequences)
    return out


def build(schema, parsed: ParsedText, *, all_words: bool = True, fields: list[str] | None = None,
          completions: tuple[str, ...] = (), completion_boost: float = PREFIX_BOOST,
          labels: LabelIndex | None = None, typed_boost: float = 1.0) -> Query:
    """The query for ``parsed`` over ``fields`` (default: every text field); ``completions`` of the
    word being typed (``parsed.prefix``) match as well, the typed letters themselves weighted ``typed_boost``."""
    fields = fields or text_fields()
    parts: list[Query] = []
    words = [w for w in parsed.words if not is_operator_or_stop(w)] or [
        w for w in parsed.words if w not in OPERATORS]  # a query of stop words only: search them anyway
    for i, w in enumerate(words):
        typing = i == len(words) - 1 and parsed.prefix == w
        q = word_query(schema, w, parsed.variants.get(w, ()), fields=fields,
                       completions=completions if typing else (), completion_boost=completion_boost, labels=labels,
                       typed_boost=typed_boost if typing and completions else 1.0)
        if q is not None:
            parts.append(q)
    for ph in parsed.phrases:
        q = phrase_query(schema, ph, parsed.variants, fields, labels)
        if q is not None:
            parts.append(q)
    if not parts:
        return NullQuery
    if len(parts) == 1:
        return parts[0]
    return And(parts) if all_words else Or(parts)


def terms_by_lang(query: Query) -> dict[str, set[str]]:
    """The terms a query looks for, per language of the fields they are in (for snippets)."""
    out: dict[str, set[str]] = {}
    if query is NullQuery:
        return out
    for fieldname, text in query.iter_all_terms():
        if "_" in fieldname:
            out.setdefault(field_lang(fieldname), set()).add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return out
