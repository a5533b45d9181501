"""Running a search: filters, all-words-then-best-partial, completions, facets, snippets, transcript times,
"did you mean"."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable

from whoosh.query import Every, NullQuery, Or

from app.search import query as user_query
from app.search import translit
from app.search.analysis import fold
from app.search.facetcodes import FACET_CODES_FILE
from app.search.index import SearchIndex
from app.search.labels import LabelIndex
from app.search.languages import item_factors, language_weights
from app.search.matching import DocSets
from app.search.schema import FACETS, LANGS, text_fields
from app.search.snippets import SNIPPET_READ, Matcher, PhraseCheck, best_cue, plain
from app.search.vocabulary import Vocabulary, keep_fast
from app.values import SearchHit, SearchRequest, SearchResponse

# item id -> (title, text to cut snippets from, transcript cues as (start, lang, text)); supplied by the
# library (the index stores no text). Called as texts(ids) or texts(ids, most=N): the first N characters of each text
TextSource = Callable[..., dict[str, tuple[str, str, list[tuple[float, str, str]]]]]
COMPLETIONS = 8  # library words that complete the word being typed (one per stem), most useful first
CANDIDATES = 64  # the most used words starting with the typed letters, from which those are chosen
CHECKED = 16  # of those, how many are checked for items shared with the rest of the query
READINGS = 2  # other transliterations of a Latin word the library knows, searched as well
PHRASE_BATCH = 400  # candidates whose text is read at a time to check a quoted phrase


def _stem_key(schema, word: str) -> tuple:
    """What a word becomes in each language's fields: words with the same key find the same items. (Each letter
    typed asks again for the keys of the 64 commonest words it starts: ``analysed_positions`` keeps its results.)"""
    return tuple(user_query.analysed_positions(schema, f"text_{lang}", word) for lang in LANGS)


class Searcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._sets: DocSets | None = None
        self._lock = threading.Lock()

    def _docsets(self, s) -> DocSets:
        with self._lock:
            if self._sets is None or self._sets.searcher is not s:
                folder = self.index.searched_folder()
                self._sets = DocSets(s, FACETS, codes_file=folder / FACET_CODES_FILE if folder else None)
            return self._sets

    def warm(self) -> None:
        self._docsets(self.index.searcher()).warm()
        vocabulary = self.index.vocabulary()
        folder = self.index.searched_folder()
        if folder is not None:
            keep_fast(folder, vocabulary)  # (an index from before the fast copy: its next start reads it)

    def search(self, req: SearchRequest, texts: TextSource, labels: LabelIndex | None = None) -> SearchResponse:
        s = self.index.searcher()
        sets = self._docsets(s)
        parsed = user_query.parse_text(req.text, as_you_type=req.as_you_type)
        listing = not parsed.words and not parsed.phrases
        filt = self._filter(sets, req)
        partial = corrected = False
        suggestion = None
        if listing:  # (no vocabulary, language weights or labels: the first answer after a start is a listing)
            query = Every()
            docs, top = self._run(sets, query, filt, req, sort="date")
        else:
            vocabulary = self.index.vocabulary()
            parsed = self._other_readings(parsed, vocabulary)
            completions = self._completions(s, sets, parsed, vocabulary, labels)
            boost, typed_boost = self._weights(parsed, completions, vocabulary)
            factors = item_factors(sets, language_weights(s, sets, parsed, req.ui_lang))
            query = user_query.build(s.schema, parsed, completions=completions, completion_boost=boost, labels=labels,
                            typed_boost=typed_boost)
            docs, top = self._run(sets, query, filt, req, phrases=self._phrases(s, sets, parsed, texts, labels),
                                  factors=factors)
            typed = parsed if req.as_you_type else self._other_readings(
                user_query.parse_text(req.text, as_you_type=True), vocabulary)
            if not docs and typed.prefix and not parsed.prefix:
                # Enter pressed on a word cut short ("пастб"): it is completed, never corrected into another word
                more = self._completions(s, sets, typed, vocabulary, labels)
                if more:
                    boost, typed_boost = self._weights(typed, more, vocabulary)
                    alt = user_query.build(s.schema, typed, completions=more, completion_boost=boost, labels=labels,
                                  typed_boost=typed_boost)
                    alt_docs, alt_top = self._run(sets, alt, filt, req, factors=factors,
                                                  phrases=self._phrases(s, sets, typed, texts, labels))
                    if alt_docs:
                        parsed, completions, query, docs, top = typed, more, alt, alt_docs, alt_top
            suggestion = self._suggest(s, vocabulary, parsed, typed.prefix)
            if not docs and suggestion:
                # as web search engines do: nothing for what was typed, but the correction has all words
                alt_parsed = user_query.parse_text(suggestion, as_you_type=False)
                alt = user_query.build(s.schema, alt_parsed, labels=labels)
                alt_docs, alt_top = self._run(sets, alt, filt, req,
                                              phrases=self._phrases(s, sets, alt_parsed, texts, labels))
                if alt_docs:
                    query, docs, top, corrected = alt, alt_docs, alt_top, True
            if not docs and len(parsed.words) + len(parsed.phrases) > 1:
                query = user_query.build(s.schema, parsed, all_words=False, completions=completions,
                                completion_boost=boost, labels=labels, typed_boost=typed_boost)
                docs, top = self._run(sets, query, filt, req, factors=factors)
                words = len([w for w in parsed.words if not user_query.is_operator_or_stop(w)]) + len(parsed.phrases)
                if req.sort != "date" and isinstance(query, Or) and len(query.subqueries) == words > 1:
                    top = self._most_words_first(sets, query, docs, req.offset + req.limit, factors)
                partial = bool(docs)
        hits = self._hits(s, top[req.offset:], req, texts, {} if listing else user_query.terms_by_lang(query),
                          listing=listing)
        facets = sets.facet_counts(docs) if req.facets else {}
        return SearchResponse(query=req.text, total=len(docs), hits=hits, facets=facets, suggestion=suggestion,
                              corrected=corrected, partial=partial)

    # --- pieces ------------------------------------------------------------------------------------

    @staticmethod
    def _completions(s, sets: DocSets, parsed: user_query.ParsedText, vocabulary: Vocabulary,
                     labels: LabelIndex | None) -> tuple[str, ...]:
        """Library words completing the word being typed: at most :data:`COMPLETIONS`, one per stem.

        The candidates are the most used words starting with the typed letters; forms of one word (жайыт,
        жайыттар, жайыттарды) find the same items, so only the commonest of each stem is kept and the eight
        slots go to eight different words. With other words in the query, the completions found together
        with them come first ("жайыт комит" → комитет before коммуникация): the most useful, not only the
        most used.
        """
        if not parsed.prefix:
            return ()
        found: list[str] = []
        for spelling in (parsed.prefix, *parsed.variants.get(parsed.prefix, ())):
            start = fold(spelling.lower())
            if len(start) >= user_query.MIN_PREFIX:
                found += vocabulary.completions(start, limit=CANDIDATES)
        if not found:
            return ()
        groups: dict[tuple, list] = {}  # stem key -> [commonest word, items using any form]
        for word in sorted(dict.fromkeys(found), key=lambda w: -vocabulary.frequency(w)):
            key = _stem_key(s.schema, word)
            if key in groups:
                groups[key][1] += vocabulary.frequency(word)
            else:
                groups[key] = [word, vocabulary.frequency(word)]
        ranked = sorted(groups.values(), key=lambda g: -g[1])
        rest = [w for w in parsed.words[:-1] if not user_query.is_operator_or_stop(w)]
        if rest and len(ranked) > COMPLETIONS:
            without_last = user_query.ParsedText(tuple(rest), parsed.phrases, None, parsed.variants)
            others = user_query.build(s.schema, without_last, labels=labels)
            together = sets.matching(others)
            if together:
                fields = text_fields()

                def overlap(group: list) -> int:
                    one = user_query.word_query(s.schema, group[0], (), fields=fields)
                    return len(sets.matching(one) & together) if one is not None else 0

                checked = sorted(ranked[:CHECKED], key=lambda g: -overlap(g))  # stable: frequency breaks ties
                ranked = checked + ranked[CHECKED:]
        return tuple(g[0] for g in ranked[:COMPLETIONS])

    @staticmethod
    def _other_readings(parsed: user_query.ParsedText, vocabulary: Vocabulary) -> user_query.ParsedText:
        """Latin words also searched in the other Cyrillic readings of their ambiguous letters (ts: ц or тс,
        j: ж, дж or й, o': ө...) that the library uses, at most :data:`READINGS` more per word."""
        if not parsed.variants:
            return parsed

        def known(spelling: str, typing: bool) -> int:
            parts = [fold(p) for p in spelling.split("-") if p]
            if not parts or not all(vocabulary.frequency(p) for p in parts[:-1]):
                return 0
            last = parts[-1]
            return vocabulary.frequency(last) or (typing and vocabulary.starts_words(last) and 1)

        variants = dict(parsed.variants)
        for word, spellings in parsed.variants.items():
            typing = word == parsed.prefix
            found = [(n, a) for a in translit.alternatives(word) if a not in spellings and (n := known(a, typing))]
            found.sort(key=lambda x: -x[0])
            variants[word] = (*spellings, *(a for _, a in found[:READINGS]))
        return dataclasses.replace(parsed, variants=variants)

    @staticmethod
    def _weights(parsed: user_query.ParsedText, completions: tuple[str, ...],
                 vocabulary: Vocabulary) -> tuple[float, float]:
        """(weight of each completion, weight of the typed letters) for the word being typed.

        A whole word of the library ("свет", "кар") keeps its weight and its completions ("светодиодное",
        "каражат") count a tenth: they find what the word alone misses without burying what it finds. Letters
        that are no word of the library ("муни", "пастб") are there to be completed: the completions count
        whole, and what the letters match through stemming alone (муни → мун, the stem of "мунун") a little.
        """
        if not completions or not parsed.prefix:
            return user_query.PREFIX_BOOST, 1.0
        spellings = (parsed.prefix, *parsed.variants.get(parsed.prefix, ()))
        if any(vocabulary.frequency(fold(sp.lower())) for sp in spellings):
            return user_query.WHOLE_WORD_BOOST, 1.0
        return 1.0, user_query.PREFIX_BOOST

    @staticmethod
    def _filter(sets: DocSets, req: SearchRequest) -> frozenset[int] | set[int] | None:
        """The documents allowed by the filters, from the cached facet postings (no per-query index walk)."""
        chosen: list[frozenset[int]] = []
        for fieldname, value in (("kind", req.kind), ("lang", req.lang), ("topics", req.topic),
                                 ("regions", req.region), ("target_groups", req.target_group), ("year", req.year)):
            if value:
                chosen.append(sets.facet_values(fieldname).get(value, frozenset()))
        if not chosen:
            return None
        chosen.sort(key=len)
        allowed = set(chosen[0])
        for other in chosen[1:]:
            allowed &= other
        return allowed

    @staticmethod
    def _phrases(s, sets: DocSets, parsed: user_query.ParsedText, texts: TextSource,
                 labels: LabelIndex | None):
        """A check of the candidates for the quoted phrases (in order in their text, or a label that holds
        the phrase), or None without phrases."""
        if not parsed.phrases:
            return None
        checks = []
        for phrase, sequences in zip(parsed.phrases, user_query.phrase_patterns(s.schema, parsed)):
            named: set[int] = set()
            if labels is not None:
                for spelling in user_query.phrase_spellings(phrase, parsed.variants):
                    for fieldname, entry_id in labels.matches(spelling):
                        named |= sets.term(fieldname, entry_id)
            checks.append((PhraseCheck(sequences), named))

        def check(docs: frozenset[int] | set[int]) -> set[int]:
            pending = sorted(docs)
            keep = set()
            for start in range(0, len(pending), PHRASE_BATCH):
                chunk = pending[start:start + PHRASE_BATCH]
                needs_text = [d for d in chunk if any(d not in named for _, named in checks)]
                keys = {d: s.stored_fields(d)["key"] for d in needs_text}
                found = texts(list(keys.values())) if keys else {}
                for d in chunk:
                    text = None
                    if d in keys:
                        title, body, cues = found.get(keys[d], ("", "", []))
                        text = PhraseCheck.SEPARATOR.join([title, body, *(cue[2] for cue in cues)])
                    if all(d in named or phrase_check.found_in(text or "") for phrase_check, named in checks):
                        keep.add(d)
            return keep

        return check

    @staticmethod
    def _run(sets: DocSets, query, filt, req: SearchRequest, sort: str | None = None,
             phrases=None, factors=None) -> tuple[frozenset[int] | set[int], list[tuple[int, float]]]:
        """Every matching document (for facets and the total) and the ranked top of them, up to the page end."""
        if query is NullQuery:  # words that analyse to nothing (one-letter words): like an empty query
            query, sort = Every(), "date"
        docs = sets.matching(query)
        if filt is not None:
            docs = docs & filt
        if phrases is not None and docs:
            docs = phrases(docs)
        n = req.offset + req.limit
        if (sort or req.sort) == "date":
            return docs, sets.top_by_date(docs, n)
        return docs, sets.top_by_score(query, docs, n, factors, matched=filt is None and phrases is None)

    @staticmethod
    def _most_words_first(sets: DocSets, query: Or, docs: frozenset[int] | set[int], n: int,
                          factors: list[tuple[frozenset[int], float]]) -> list[tuple[int, float]]:
        """Partial matches ranked by how many of the query's words they have, then by score: for
        "как провести собрание жителей" a page about a residents' meeting before one that says "жители"
        ten times (BM25 alone lets one frequent word outweigh two others)."""
        have: dict[int, int] = {}  # document -> how many of the words (the parts of the query) it has
        for part in query.subqueries:
            for d in sets.matching(part) & docs:
                have[d] = have.get(d, 0) + 1
        ranked: list[tuple[int, float]] = []
        for level in sorted(set(have.values()), reverse=True):
            tier = {d for d, k in have.items() if k == level}
            ranked += sets.top_by_score(query, tier, n - len(ranked), factors)
            if len(ranked) >= n:
                break
        return ranked

    def _hits(self, s, page: list[tuple[int, float]], req: SearchRequest, texts: TextSource,
              terms: dict[str, set[str]], *, listing: bool) -> tuple[SearchHit, ...]:
        stored = [s.stored_fields(docnum) for docnum, _ in page]
        ids = [f["key"] for f in stored]
        sources = texts(ids, most=SNIPPET_READ) if ids else {}  # (a snippet looks no further: PDFs are long)
        # a lesson's page may be cut there, and it is compared whole with the transcript: read whole
        whole = [i for i, (_title, body, cues) in sources.items() if cues and len(body) >= SNIPPET_READ]
        if whole:
            sources.update(texts(whole))
        matchers = {lang: Matcher.of(found) for lang, found in terms.items()}
        none = Matcher.of(())
        out = []
        for fields, (_docnum, hit_score) in zip(stored, page):
            item_id, lang = fields["key"], fields["lang"]
            title, body, cues = sources.get(item_id, ("", "", []))
            matcher = matchers.get(lang, none)
            time, snippet = None, ""
            if cues and matchers:
                # the item's own transcript first; a translation's subtitles may give the time, never the snippet
                # (a Russian lesson shows Russian text, even when its Kyrgyz subtitles matched the query)
                own = [cue for cue in cues if cue[1] == lang]
                n, start, cue_text, cue_lang = best_cue(own, matchers) if own else (0, 0.0, "", "")
                if not n:
                    n, start, cue_text, cue_lang = best_cue(cues, matchers)
                if n and n >= matcher.count(body, most=n + 1):  # the transcript matches at least as well as the page
                    time = start
                    if req.snippets and cue_lang == lang:
                        snippet = matchers[cue_lang].snippet(cue_text) or plain(cue_text)
            if req.snippets and not snippet:
                snippet = matcher.snippet(body) or plain(body)
            score = 0.0 if listing else round(float(hit_score or 0.0), 4)  # a sorted listing has no relevance
            out.append(SearchHit(id=item_id, kind=fields["kind"], lang=lang, title=title or item_id,
                                 score=score, snippet=snippet, time=time))
        return tuple(out)

    @classmethod
    def _suggest(cls, s, vocabulary: Vocabulary, parsed: user_query.ParsedText,
                 open_word: str | None) -> str | None:
        """A respelling of the query from the library's words, or None when every word is known.

        A word is known when it occurs as written (folded) or when it matches through stemming
        ("библиотеками" is fine though only "библиотека" is written). The last word, when no space
        follows it (``open_word``), is left alone while it is the start of some word: it is completed,
        never corrected into another word one edit away.
        """
        changed = False
        words = []
        for w in parsed.words:
            folded = fold(w.lower())
            forms = [folded] + [fold(v) for v in parsed.variants.get(w, ())]
            if (len(folded) < 4 or folded.isdigit() or user_query.is_operator_or_stop(w)
                    or any(vocabulary.frequency(f) for f in forms)
                    or (w == open_word and any(vocabulary.starts_words(f) for f in forms))
                    or cls._matches(s, w, parsed)):
                words.append(w)
                continue
            best = None
            for form in forms:
                best = vocabulary.correction(form, maxdist=2 if len(form) >= 6 else 1)
                if best:
                    break
            if best and best != folded:
                words.append(vocabulary.spelling(best))
                changed = True
            else:
                words.append(w)
        if not changed:
            return None
        return " ".join(words + [f'"{p}"' for p in parsed.phrases])

    @staticmethod
    def _matches(s, word: str, parsed: user_query.ParsedText) -> bool:
        """The word finds something through stemming: each of its terms is in the index (lexicon lookups)."""
        for spelling in (word, *parsed.variants.get(word, ())):
            for fieldname in text_fields():
                positions = user_query.analysed_positions(s.schema, fieldname, spelling)
                if positions and all(any(s.doc_frequency(fieldname, t) for t in alts) for alts in positions):
                    return True
        return False
