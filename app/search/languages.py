"""Which language a query's words belong to, from how often the library uses them in each language.

A Kyrgyz query should not have its Kyrgyz documents outranked by Russian ones that share a borrowed word
with it ("айыл өкмөтү", "бюджет"), nor the other way round. Every word is searched in every language's
fields (the right language is not known from the query), so each word is weighed per language instead:
the share of that language's items that use the word, relative to the language where the word is most
at home. "бюджетти" is used by Kyrgyz items only, so it weighs :data:`FLOOR` for Russian items;
"бюджет" is as common in both, so it weighs 1 for both. An item's score is multiplied by the mean weight
of the query's words in its language (:func:`item_factors`). Never zero: a weight ranks, it does not
filter. The interface language only breaks ties (:data:`TIE_BREAK`), it never filters either.

Measured on the sample: weighing the words in each language's fields as well as the items changed little
beyond weighing the items, and a topic's label (one term for the items of every language) is only
reached through the items.
"""

from __future__ import annotations

from app.search import query as user_query
from app.search.matching import DocSets
from app.search.schema import LANGS

FLOOR = 0.35  # the weight of a word in the fields of a language that (almost) never uses it
TIE_BREAK = 1.02  # the interface language's fields, for words equally at home in several languages
PARTS = ("title", "text", "transcript")


def _items_using(s, sets: DocSets, lang: str, spellings: tuple[str, ...]) -> int:
    """How many items use the word in ``lang``'s fields (the most of its spellings and of its field kinds).

    Counted from the term's documents, which the query reads anyway (cached in ``sets``): asking the index
    for each term's document frequency instead was 9 lexicon lookups a word, ~8 % of a query at 50,000 items."""
    best = 0
    for spelling in spellings:
        positions = user_query.analysed_positions(s.schema, f"text_{lang}", spelling)
        if not positions:
            continue
        # a word of several positions (Кара-Суу) counts as its rarest part
        found = min(max(len(sets.term(f"{part}_{lang}", alts[0])) for part in PARTS) for alts in positions)
        best = max(best, found)
    return best


def language_weights(s, sets: DocSets, parsed: user_query.ParsedText,
                     ui_lang: str | None) -> dict[str, dict[str, float]]:
    """Word → {language: weight of the word for that language's items}; a word that no item uses as typed
    (the start of a word still being typed) has none."""
    by_lang = sets.facet_values("lang")
    items = {lang: len(by_lang.get(lang, ())) for lang in LANGS}
    out: dict[str, dict[str, float]] = {}
    for word in parsed.words:
        if user_query.is_operator_or_stop(word) or word in out:
            continue
        spellings = (word, *parsed.variants.get(word, ()))
        rates = {lang: _items_using(s, sets, lang, spellings) / items[lang] for lang in LANGS if items[lang]}
        top = max(rates.values(), default=0.0)
        if top <= 0:
            continue
        weights = {lang: max(FLOOR, rate / top) for lang, rate in rates.items()}
        if ui_lang in weights:
            weights[ui_lang] *= TIE_BREAK
        out[word] = weights
    return out


def item_factors(sets: DocSets, weights: dict[str, dict[str, float]]) -> list[tuple[frozenset[int], float]]:
    """(the items of a language, their score factor): the mean weight of the query's words in that language.

    A word naming a topic ("катышуу бюджети") matches the topic's items in every language through one
    label term; the items of the query's own language still come first.
    """
    if not weights:
        return []
    by_lang = sets.facet_values("lang")
    out = []
    for lang in LANGS:
        factor = sum(w.get(lang, 1.0) for w in weights.values()) / len(weights)
        if factor != 1.0 and by_lang.get(lang):
            out.append((by_lang[lang], factor))
    return out
