"""Which documents match a query — as Python sets, computed from cached postings — and the top N.

Facet counts and the total need every matching document; the result page needs only the best twenty.
Whoosh gives the first by walking the query's matchers document by document (in Python), or by
scoring every match; both cost milliseconds per thousand matches. Here a query's match set is built
by set algebra (C speed) over the document sets of its terms, read once per searcher and cached.

Ranking is Whoosh's BM25F (same formula and parameters), computed from cached term weights and field
lengths instead of Whoosh's matcher tree, which scored every posting it walked past (measured at 10,000
items: 11 ms median / 57 ms p95 per query, most of the search time). With many matches, a shortlist by
BM25 without the field-length part (the slow lookup) comes first, and only the shortlist is scored
exactly.

What the first answer after a start needs (every live document, their dates, the facet counts of the whole
library) is read in bulk (:mod:`app.search.bulk`): the segments' document counts and deletions, the date
column's bytes as one array, the facet counts of a listing from the term statistics (issue 15: the per-document
Python calls of Whoosh's readers took most of the first second). The facet postings are loaded at the first
query that filters, or by ``warm()`` in the background; a query that only counts facets before then uses the
facet codes an earlier process kept (:mod:`app.search.facetcodes`) when there are some for these segments.
"""

from __future__ import annotations

import functools
import heapq
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path

from whoosh.query import And, Every, NullQuery, Or, Query, Term

from app.search import bulk
from app.search.bulk import Docs
from app.search.facetcodes import FacetCodes

MAX_CACHED_TERMS = 20_000
MAX_CACHED_POSTINGS = 1_500_000  # about 150 MB of cached postings at most; then the least recently used go
BM25_K1, BM25_B = 1.2, 0.75  # whoosh.scoring.BM25F's defaults, which the index's searcher uses
SHORTLIST = 200  # matches ranked exactly (BM25F); more are first cut down by the coarse score
MASKS_FROM = 10_000  # documents whose facets are counted with masks (DocSets._count_by_masks); fewer, by codes
MASK_VALUES_FROM = 1_000  # documents of a facet value that has a mask; a smaller one is intersected
_NONE: Docs = frozenset()


class _Ones:
    """The weights of a facet value's term: 1 in every document (a value is listed once per item)."""

    __slots__ = ()

    def __getitem__(self, docnum: int) -> float:
        return 1.0


_ONES = _Ones()


class DocSets:
    """Caches tied to one Whoosh searcher (a new searcher after an index change gets new ones)."""

    def __init__(self, searcher, facets: tuple[str, ...], *, codes_file: Path | None = None) -> None:
        """``codes_file``: where the documents' facet codes are kept between runs (:class:`FacetCodes`)."""
        self.searcher = searcher
        self._facet_names = facets
        self._codes_file = codes_file
        self._codes_read = False
        self._codes_kept: list[FacetCodes] | None = None
        # least recently used first
        self._terms: OrderedDict[tuple[str, str], dict[int, float]] = OrderedDict()
        self._cached_postings = 0
        self._lengths_of: dict[str, Callable[[int], int]] = {}
        self._all: Docs | None = None
        self._dates: dict[int, int] | None = None
        self._facets: dict[str, dict[str, Docs]] | None = None
        self._facet_fields: dict[str, dict[str, Docs]] = {}
        self._codes: list[FacetCodes] | None = None
        self._masks: tuple[int, dict[str, dict[str, int]]] | None = None
        self._lock = threading.Lock()

    # --- sets -------------------------------------------------------------------------------------

    def term(self, fieldname: str, text: str) -> Docs:
        return self._term(fieldname, text)[0]

    def _term(self, fieldname: str, text: str) -> tuple[Docs, dict[int, float] | _Ones]:
        """The documents holding a term and the term's weight (frequency × field boost) in each."""
        key = (fieldname, text)
        found = self._terms.get(key)
        if found is not None:
            with self._lock:
                if key in self._terms:
                    self._terms.move_to_end(key)
        elif fieldname in self._facet_fields:
            # a word naming a topic or region matches a facet value, whose documents are loaded (its weight is
            # 1 in each): reading its postings again was most of a query naming an oblast (7 values, 43,000 postings)
            return self._facet_fields[fieldname].get(text, _NONE), _ONES
        if found is None:
            s = self.searcher
            found = weights = bulk.postings(s, fieldname, text) if s.doc_frequency(fieldname, text) else {}
            with self._lock:
                # the least recently used terms make room, a few at a time: emptying a full cache at once freed
                # 150 MB of objects in one query (42 ms in a profile; with it the slowest queries of a benchmark run)
                while self._terms and (self._cached_postings + len(weights) > MAX_CACHED_POSTINGS
                                       or len(self._terms) >= MAX_CACHED_TERMS):
                    _key, gone = self._terms.popitem(last=False)
                    self._cached_postings -= len(gone)
                self._terms[key] = found
                self._cached_postings += len(weights)
        return found.keys(), found

    def _lengths(self, fieldname: str) -> Callable[[int], int]:
        """docnum → the document's length in a field (what ``doc_field_length`` gives), from the field's length
        column read whole (a byte per document); Whoosh's own call per document for another codec."""
        found = self._lengths_of.get(fieldname)
        if found is None:
            raw = bulk.length_bytes(self.searcher.reader(), fieldname)
            if raw is None:
                found = functools.partial(bulk.field_length, self.searcher, fieldname)
            else:
                found = functools.partial(bulk.byte_length, raw.__getitem__)
            self._lengths_of[fieldname] = found
        return found

    def all_docs(self) -> Docs:
        if self._all is None:
            self._all = bulk.live_docs(self.searcher.reader())
        return self._all

    def matching(self, query: Query) -> Docs:
        """Every live document the query matches."""
        if query is NullQuery:
            return _NONE
        if isinstance(query, Every):
            return self.all_docs()
        if isinstance(query, Term):
            text = query.text.decode("utf-8") if isinstance(query.text, bytes) else query.text
            return self.term(query.fieldname, text)
        if isinstance(query, Or):
            # one union of the sets under all the nested Ors (a prefix query's are 3-4 deep): a union per Or
            # copied each document once per level, 5x the time (2.8 against 0.55 ms a prefix query)
            parts = [self.matching(sub) for sub in _or_leaves(query)]
            return set().union(*parts) if parts else _NONE
        if isinstance(query, And):
            parts = sorted((self.matching(sub) for sub in query.subqueries), key=len)
            if not parts:
                return _NONE
            out = set(parts[0])
            for other in parts[1:]:
                if not out:
                    break
                out &= other
            return out
        return set(query.docs(self.searcher))  # phrases: Whoosh checks the positions

    # --- ranking ------------------------------------------------------------------------------------

    def top_by_score(self, query: Query, docs: Docs, n: int,
                     factors: list[tuple[Docs, float]] | None = None, *, matched: bool = False) -> list[tuple[int, float]]:
        """(docnum, score) of the best ``n`` of ``docs`` for ``query``.

        The score is the sum of Whoosh's BM25F term scores (with the query's boosts) of the query terms a
        document contains, computed per term for the candidates only — Whoosh's own matcher tree would
        score every posting of every term it walks past. ``matched``: ``docs`` is every match of ``query``.
        """
        if not docs or n <= 0:
            return []
        candidates = docs
        if len(docs) > max(SHORTLIST, 2 * n):
            candidates = self.shortlist(query, docs, max(SHORTLIST, 2 * n), inside=matched and _any_of_terms(query))
        scores = dict.fromkeys(candidates, 0.0)
        s = self.searcher
        merged: dict[tuple[str, str], float] = {}
        for fieldname, text, boost in _weighted_terms(query, 1.0):
            merged[(fieldname, text)] = merged.get((fieldname, text), 0.0) + boost
        for (fieldname, text), boost in merged.items():
            present, weights = self._term(fieldname, text)
            hits = present & candidates if len(present) < len(candidates) else candidates & present
            if not hits:
                continue
            # BM25F as Whoosh scores it (whoosh.scoring.bm25), from the cached weights and field lengths
            idf = s.idf(fieldname, text)
            avgfl = s.avg_field_length(fieldname) or 1
            k1, b = BM25_K1, BM25_B
            norm = k1 * (1 - b)
            length = self._lengths(fieldname)
            for d in hits:
                tf = weights[d]
                scores[d] += boost * idf * (tf * (k1 + 1)) / (tf + norm + k1 * b * length(d) / avgfl)
        for group, factor in factors or ():  # e.g. the documents of one language, weighed for the query
            for d in (group & candidates if len(group) < len(candidates) else candidates & group):
                scores[d] *= factor
        best = heapq.nsmallest(n, scores, key=lambda d: (-scores[d], d))
        return [(d, scores[d]) for d in best]

    def shortlist(self, query: Query, docs: Docs, k: int, *, inside: bool = False) -> set[int]:
        """The ``k`` documents of ``docs`` with the highest coarse score: BM25 without the field-length
        part (reading a document's field length is the slow part of scoring). ``inside``: every document of every
        term of the query is in ``docs`` (the matches of an Or of terms): a term's weights are taken as they are,
        without looking each document up."""
        s = self.searcher
        scores: dict[int, float] = {}
        get = scores.get
        k1 = BM25_K1
        for fieldname, text, boost in _weighted_terms(query, 1.0):
            ids, weights = self._term(fieldname, text)
            if not ids:
                continue
            factor = boost * s.idf(fieldname, text) * (k1 + 1)
            if inside and isinstance(weights, dict):
                for d, tf in weights.items():
                    scores[d] = get(d, 0.0) + factor * tf / (tf + k1)
                continue
            if weights is _ONES:  # a facet value named by a word: 1 in each document, not a call per document
                part = factor * 1.0 / (1.0 + k1)
                for d in (ids if inside else ids & docs if len(ids) < len(docs) else docs & ids):
                    scores[d] = get(d, 0.0) + part
                continue
            for d in (ids & docs if len(ids) < len(docs) else docs & ids):
                tf = weights[d]
                scores[d] = get(d, 0.0) + factor * tf / (tf + k1)
        return set(heapq.nlargest(k, scores, key=scores.__getitem__))

    def top_by_date(self, docs: Docs, n: int) -> list[tuple[int, float]]:
        """The newest ``n`` of ``docs`` (by the ``sortdate`` column; the lower docnum first on equal dates)."""
        dates = self._sortdates()
        best = heapq.nsmallest(n, docs, key=lambda d: (-dates.get(d, 0), d))
        return [(d, 0.0) for d in best]

    def _sortdates(self) -> dict[int, int]:
        if self._dates is None:
            reader = self.searcher.reader()
            dates = bulk.numeric_column(reader, "sortdate")
            if dates is None:  # not a whoosh3 numeric column: a call per document
                column = reader.column_reader("sortdate")
                dates = {d: column[d] for d in reader.all_doc_ids()}
            self._dates = dates
        return self._dates

    # --- facets --------------------------------------------------------------------------------------

    def facet_postings(self) -> dict[str, dict[str, Docs]]:
        """facet field → value → its documents (read once per searcher)."""
        if self._facets is None:
            self._facets = {fieldname: self.facet_values(fieldname) for fieldname in self._facet_names}
        return self._facets

    def facet_values(self, fieldname: str) -> dict[str, Docs]:
        """value → its documents, for one facet field (a filter or the language weights need no other)."""
        values = self._facet_fields.get(fieldname)
        if values is None:
            values = {}
            for term in self.searcher.reader().lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                values[text] = bulk.posting_ids(self.searcher, fieldname, text)
            self._facet_fields[fieldname] = values
        return values

    def facet_counts(self, docs: Docs) -> dict[str, dict[str, int]]:
        """field → value → how many of ``docs`` have it. Many documents: by the bits their mask shares with each
        value's. Fewer: by intersecting each value's documents with ``docs``, or — when ``docs`` is the larger side,
        or the values' documents are not loaded but their codes were kept — by counting the combinations of values
        the documents have (:class:`FacetCodes`)."""
        if self._facets is None and docs is self.all_docs():
            whole = bulk.whole_library_counts(self.searcher.reader(), self._facet_names)
            if whole is not None:  # the listing of everything (the first answer after a start): no postings needed
                return whole
        n = len(docs)
        counts: dict[str, dict[str, int]] = {fieldname: {} for fieldname in self._facet_names}
        codes = self._codes if self._codes is not None else self._kept_codes()
        if n and codes is not None and self._facets is None:  # (a one-shot search: no postings read for facets)
            _count_by_codes(docs, codes, counts)
        elif n >= MASKS_FROM and self._facets is not None:  # (not before the facet postings are loaded for others)
            self._count_by_masks(docs, counts)
        elif n:
            table = self.facet_postings()
            by_sets = sum(min(n, len(ids)) for values in table.values() for ids in values.values())
            # (the codes are made by warm(): a one-shot search is quicker intersecting than making them)
            if codes is not None and n * len(codes) < by_sets:
                _count_by_codes(docs, codes, counts)
            else:
                for fieldname, values in table.items():
                    counts[fieldname] = {v: len(docs & ids) for v, ids in values.items()}
        return {f: {v: c for v, c in sorted(vc.items(), key=lambda kv: (-kv[1], kv[0])) if c}
                for f, vc in counts.items()}

    def _count_by_masks(self, docs: Docs, counts: dict[str, dict[str, int]]) -> None:
        """Add the facet counts of many documents to ``counts``: ``docs`` made a mask (a byte per document, 1 for
        those in it) read as one integer, and each large value's count the bits it shares with the value's mask,
        in C; a small value's by intersecting its documents. At 50,000 items, for 24,000 documents: 3.5 ms, where
        the codes took 7.3 (a dict increment per document and group of fields)."""
        size, masks = self.facet_masks()
        mask = bytearray(size)
        for d in docs:
            mask[d] = 1
        bits = int.from_bytes(mask, "little")
        for fieldname, values in self.facet_postings().items():
            found = counts[fieldname]
            large = masks[fieldname]
            for value, ids in values.items():
                of_value = large.get(value)
                found[value] = (bits & of_value).bit_count() if of_value is not None else len(docs & ids)

    def facet_masks(self) -> tuple[int, dict[str, dict[str, int]]]:
        """(documents numbered, field → value → its mask) for the values of at least :data:`MASK_VALUES_FROM`
        documents (5.5 MB for 110 values at 50,000 items; the others are quicker intersected)."""
        if self._masks is None:
            size = max(self.all_docs(), default=-1) + 1
            masks: dict[str, dict[str, int]] = {}
            for fieldname, values in self.facet_postings().items():
                masks[fieldname] = {}
                for value, ids in values.items():
                    if len(ids) >= MASK_VALUES_FROM:
                        mask = bytearray(size)
                        for d in ids:
                            mask[d] = 1
                        masks[fieldname][value] = int.from_bytes(mask, "little")
            self._masks = (size, masks)
        return self._masks

    def warm(self) -> None:
        """Load what later queries use: every facet's postings, the documents' facet codes (kept in
        ``codes_file`` for the next process that opens these segments) and the large values' masks."""
        self.all_docs()
        self.facet_postings()
        self.facet_codes()
        self.facet_masks()

    def facet_codes(self) -> list[FacetCodes]:
        if self._codes is None:
            kept = self._kept_codes()
            if kept is not None:
                self._codes = kept
            else:
                self._codes = FacetCodes.groups(self.facet_postings(), self.all_docs())
                segments = self._segments() if self._codes_file is not None else None
                if segments is not None:
                    FacetCodes.keep(self._codes, self._codes_file, segments)
        return self._codes

    def _kept_codes(self) -> list[FacetCodes] | None:
        """The facet codes an earlier process kept for exactly these segments, or None (read once)."""
        if not self._codes_read:
            self._codes_read = True
            segments = self._segments() if self._codes_file is not None else None
            if segments is not None:
                self._codes_kept = FacetCodes.read(self._codes_file, segments)
        return self._codes_kept

    def _segments(self) -> tuple | None:
        """What the document numbers depend on: each segment's id, its documents and its deletions, in order;
        None for a reader without segments (an empty index), whose codes are not kept."""
        out = []
        for leaf, _offset in self.searcher.reader().leaf_readers():
            segment = getattr(leaf, "segment", lambda: None)()
            if segment is None:
                return None
            out.append((segment.segment_id(), leaf.doc_count_all(), segment.deleted_count()))
        return tuple(out)


def _count_by_codes(docs: Docs, codes: list[FacetCodes], counts: dict[str, dict[str, int]]) -> None:
    """Add the facet counts of ``docs`` to ``counts``, from the documents' codes (a lookup per document and group)."""
    for group in codes:
        group.count(docs, counts)


def _or_leaves(query: Or) -> Iterator[Query]:
    """The subqueries of an Or that are not Ors themselves, at any depth."""
    for sub in query.subqueries:
        if isinstance(sub, Or):
            yield from _or_leaves(sub)
        else:
            yield sub


def _any_of_terms(query: Query) -> bool:
    """The query is a term or an Or of terms (at any depth): its matches hold every document of each term."""
    if isinstance(query, Term):
        return True
    return isinstance(query, Or) and all(_any_of_terms(sub) for sub in query.subqueries)


def _weighted_terms(query: Query, boost: float) -> Iterator[tuple[str, str, float]]:
    """(field, term, boost) of every term of a query, with the boosts of the queries around it."""
    boost *= getattr(query, "boost", 1.0)
    if isinstance(query, Term):
        text = query.text.decode("utf-8") if isinstance(query.text, bytes) else query.text
        yield query.fieldname, text, boost
        return
    subqueries = getattr(query, "subqueries", None)
    if subqueries is not None:
        for sub in subqueries:
            yield from _weighted_terms(sub, boost)
        return
    for fieldname, text in query.iter_all_terms():  # a phrase: its words
        yield fieldname, text.decode("utf-8") if isinstance(text, bytes) else text, boost
