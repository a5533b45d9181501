"""Running a search: filters, all-words-then-best-partial, completions, facets, snippets, transcript times,
"did you mean"."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from whoosh.collectors import FilterCollector, TopCollector
from whoosh.query import Every, NullQuery

from app.search import query as q
from app.search.analysis import fold
from app.search.index import SearchIndex
from app.search.schema import FACETS, text_fields
from app.search.snippets import Matcher, best_cue, escape, plain
from app.search.vocabulary import Vocabulary

SORTS = ("relevance", "date")


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    kind: str | None = None
    lang: str | None = None
    topic: str | None = None
    region: str | None = None  # matches the region and everything inside it
    target_group: str | None = None
    year: str | None = None
    sort: str = "relevance"
    limit: int = 20
    offset: int = 0
    snippets: bool = True
    facets: bool = True
    as_you_type: bool = True


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    lang: str
    title: str
    score: float
    snippet: str = ""
    time: float | None = None  # a hit inside a video transcript: open the lesson here (seconds)


@dataclass(frozen=True)
class SearchResponse:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean"
    corrected: bool = False  # nothing matched the query, so the suggestion's results are shown
    partial: bool = False  # no item has all the words: the best partial matches are shown

    def to_dict(self) -> dict:
        return asdict(self)


# item id -> (title, text to cut snippets from, transcript cues as (start, lang, text)); supplied by the
# library (the index stores no text)
TextSource = Callable[[list[str]], dict[str, tuple[str, str, list[tuple[float, str, str]]]]]
COMPLETIONS = 8  # library words that complete the word being typed, most used first


class _TopWithAllDocs(TopCollector):
    """The top N by score, plus the set of every matching document (for facet counts and the total)
    from the same walk: Whoosh's own top collector skips blocks and would run the query again."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False)

    def _collect(self, global_docnum, score):  # noqa: ANN001, ANN202
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)

    def results(self):  # noqa: ANN201
        results = super().results()
        results.docset = self.docset
        return results


class Searcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._facet_cache: tuple[object, dict[str, dict[str, frozenset[int]]]] | None = None

    def search(self, req: SearchRequest, texts: TextSource) -> SearchResponse:
        s = self.index.searcher()
        vocabulary = self.index.vocabulary()
        parsed = q.parse_text(req.text, as_you_type=req.as_you_type)
        if parsed.prefix and vocabulary.frequency(fold(parsed.prefix.lower())):
            # the last word is already a whole word of the library: completing it would only add noise
            parsed = dataclasses.replace(parsed, prefix=None)
        completions = self._completions(parsed, vocabulary)
        # completions count less than the typed letters as a word — unless those match nothing ("okm")
        boost = q.PREFIX_BOOST if completions and self._matches(s, parsed.prefix, parsed) else 1.0
        filt = self._filter(s, req)
        partial = corrected = False
        suggestion = None
        listing = not parsed.words and not parsed.phrases
        if listing:
            query = Every()
            results = self._run(s, query, filt, req, sort="date")
        else:
            query = q.build(s.schema, parsed, completions=completions, completion_boost=boost)
            results = self._run(s, query, filt, req)
            suggestion = self._suggest(s, vocabulary, parsed, completions)
            if results.is_empty() and suggestion:
                # as web search engines do: nothing for what was typed, but the correction has all words
                alt = q.build(s.schema, q.parse_text(suggestion, as_you_type=False))
                alt_results = self._run(s, alt, filt, req)
                if not alt_results.is_empty():
                    query, results, corrected = alt, alt_results, True
            if results.is_empty() and len(parsed.words) + len(parsed.phrases) > 1:
                query = q.build(s.schema, parsed, all_words=False, completions=completions,
                                completion_boost=boost)
                results = self._run(s, query, filt, req)
                partial = not results.is_empty()
        docs = results.docs()
        hits = self._hits(results, req, texts, {} if listing else q.terms_by_lang(query), listing=listing)
        facets = self._facets(s, docs) if req.facets else {}
        return SearchResponse(query=req.text, total=len(docs), hits=hits, facets=facets, suggestion=suggestion,
                              corrected=corrected, partial=partial)

    # --- pieces ------------------------------------------------------------------------------------

    @staticmethod
    def _completions(parsed: q.ParsedText, vocabulary: Vocabulary) -> tuple[str, ...]:
        if not parsed.prefix:
            return ()
        found: list[str] = []
        for spelling in (parsed.prefix, *parsed.variants.get(parsed.prefix, ())):
            start = fold(spelling.lower())
            if len(start) >= q.MIN_PREFIX:
                found += vocabulary.completions(start, limit=COMPLETIONS)
        ranked = sorted(dict.fromkeys(found), key=lambda w: -vocabulary.frequency(w))
        return tuple(ranked[:COMPLETIONS])

    def _filter(self, s, req: SearchRequest) -> set[int] | None:  # noqa: ANN001
        """The documents allowed by the filters, from the cached facet postings (no per-query index walk)."""
        table = self._facet_postings(s)
        chosen: list[frozenset[int]] = []
        for fieldname, value in (("kind", req.kind), ("lang", req.lang), ("topics", req.topic),
                                 ("regions", req.region), ("target_groups", req.target_group), ("year", req.year)):
            if value:
                chosen.append(table[fieldname].get(value, frozenset()))
        if not chosen:
            return None
        chosen.sort(key=len)
        allowed = set(chosen[0])
        for other in chosen[1:]:
            allowed &= other
        return allowed

    @staticmethod
    def _run(s, query, filt, req: SearchRequest, sort: str | None = None):  # noqa: ANN001, ANN205
        if query is NullQuery:
            query = Every()
        limit = req.offset + req.limit
        if (sort or req.sort) == "date":
            collector = s.collector(limit=limit, sortedby="sortdate", reverse=True)  # keeps every match's docnum
        else:
            collector = _TopWithAllDocs(limit)
        if filt is not None:
            collector = FilterCollector(collector, allow=filt)
        s.search_with_collector(query, collector)
        return collector.results()

    def _hits(self, results, req: SearchRequest, texts: TextSource, terms: dict[str, set[str]], *,  # noqa: ANN001
              listing: bool) -> tuple[SearchHit, ...]:
        page = results[req.offset:req.offset + req.limit]  # not list(results): len() re-runs the query
        ids = [h["key"] for h in page]
        sources = texts(ids) if ids else {}
        matchers = {lang: Matcher.of(found) for lang, found in terms.items()}
        none = Matcher.of(())
        out = []
        for hit in page:
            item_id, lang = hit["key"], hit["lang"]
            title, body, cues = sources.get(item_id, ("", "", []))
            matcher = matchers.get(lang, none)
            time, snippet = None, ""
            if cues and matchers:
                n, start, cue_text, cue_lang = best_cue(cues, matchers)
                if n and n >= matcher.count(body):  # the transcript matches at least as well as the page
                    time = start
                    if req.snippets:
                        snippet = matchers[cue_lang].snippet(cue_text) or escape(cue_text)
            if req.snippets and not snippet:
                snippet = matcher.snippet(body) or plain(body)
            score = 0.0 if listing else round(float(hit.score or 0.0), 4)  # a sorted listing has no relevance
            out.append(SearchHit(id=item_id, kind=hit["kind"], lang=lang, title=title or item_id,
                                 score=score, snippet=snippet, time=time))
        return tuple(out)

    def _facet_postings(self, s) -> dict[str, dict[str, frozenset[int]]]:  # noqa: ANN001
        if self._facet_cache is not None and self._facet_cache[0] is s:
            return self._facet_cache[1]
        table: dict[str, dict[str, frozenset[int]]] = {}
        reader = s.reader()
        for fieldname in FACETS:
            values: dict[str, frozenset[int]] = {}
            for term in reader.lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                values[text] = frozenset(s.postings(fieldname, text).all_ids())
            table[fieldname] = values
        self._facet_cache = (s, table)
        return table

    def _facets(self, s, docs) -> dict[str, dict[str, int]]:  # noqa: ANN001
        docset = docs if isinstance(docs, (set, frozenset)) else set(docs)
        out: dict[str, dict[str, int]] = {}
        for fieldname, values in self._facet_postings(s).items():
            counts = {v: len(docset & ids) for v, ids in values.items()}
            out[fieldname] = {v: c for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c}
        return out

    @classmethod
    def _suggest(cls, s, vocabulary: Vocabulary, parsed: q.ParsedText,  # noqa: ANN001
                 completions: tuple[str, ...]) -> str | None:
        """A respelling of the query from the library's words, or None when every word is known.

        A word is known when it occurs as written (folded) or when it matches through stemming
        ("библиотеками" is fine though only "библиотека" is written). The word still being typed is
        left alone while it is the start of some word.
        """
        changed = False
        words = []
        for w in parsed.words:
            folded = fold(w.lower())
            forms = [folded] + [fold(v) for v in parsed.variants.get(w, ())]
            if (len(folded) < 4 or folded.isdigit() or q.is_operator_or_stop(w)
                    or any(vocabulary.frequency(f) for f in forms)
                    or (w == parsed.prefix and completions)
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
    def _matches(s, word: str, parsed: q.ParsedText) -> bool:  # noqa: ANN001
        """The word finds something through stemming: each of its terms is in the index (lexicon lookups)."""
        for spelling in (word, *parsed.variants.get(word, ())):
            for fieldname in text_fields():
                positions = q.analysed_positions(s.schema, fieldname, spelling)
                if positions and all(any(s.doc_frequency(fieldname, t) for t in alts) for alts in positions):
                    return True
        return False
