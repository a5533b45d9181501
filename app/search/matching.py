"""Which documents match a query — as Python sets, computed from cached postings — and the top N.

Facet counts and the total need every matching document; the result page needs only the best twenty.
Whoosh gives the first by walking the query's matchers document by document (in Python), or by
scoring every match; both cost milliseconds per thousand matches. Here a query's match set is built
by set algebra (C speed) over the document sets of its terms, read once per searcher and cached.

Ranking is in two steps when there are many matches: a shortlist by a coarse score (the sum, over the
query terms a document contains, of the term's idf times its field and query boosts — set operations,
no postings walk), then Whoosh's BM25F on the shortlist only. Measured at 10,000 items: BM25F over
every match was 11 ms median / 57 ms p95 per query, most of the search time.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Iterator

from whoosh.query import And, Every, NullQuery, Or, Query, Term

MAX_CACHED_TERMS = 20_000
SHORTLIST = 200  # matches ranked exactly (BM25F); more are first cut down by the coarse score


class DocSets:
    """Caches tied to one Whoosh searcher (a new searcher after an index change gets new ones)."""

    def __init__(self, searcher, facets: tuple[str, ...]) -> None:  # noqa: ANN001
        self.searcher = searcher
        self._facet_names = facets
        self._terms: dict[tuple[str, str], frozenset[int]] = {}
        self._all: frozenset[int] | None = None
        self._dates: dict[int, int] | None = None
        self._facets: dict[str, dict[str, frozenset[int]]] | None = None
        self._lock = threading.Lock()

    # --- sets -------------------------------------------------------------------------------------

    def term(self, fieldname: str, text: str) -> frozenset[int]:
        key = (fieldname, text)
        found = self._terms.get(key)
        if found is None:
            s = self.searcher
            found = _posting_ids(s, fieldname, text) if s.doc_frequency(fieldname, text) else frozenset()
            with self._lock:
                if len(self._terms) >= MAX_CACHED_TERMS:
                    self._terms.clear()
                self._terms[key] = found
        return found

    def all_docs(self) -> frozenset[int]:
        if self._all is None:
            self._all = frozenset(self.searcher.reader().all_doc_ids())
        return self._all

    def matching(self, query: Query) -> frozenset[int] | set[int]:
        """Every live document the query matches."""
        if query is NullQuery:
            return frozenset()
        if isinstance(query, Every):
            return self.all_docs()
        if isinstance(query, Term):
            text = query.text.decode("utf-8") if isinstance(query.text, bytes) else query.text
            return self.term(query.fieldname, text)
        if isinstance(query, Or):
            parts = [self.matching(sub) for sub in query.subqueries]
            return frozenset().union(*parts) if parts else frozenset()
        if isinstance(query, And):
            parts = sorted((self.matching(sub) for sub in query.subqueries), key=len)
            if not parts:
                return frozenset()
            out = set(parts[0])
            for other in parts[1:]:
                if not out:
                    break
                out &= other
            return out
        return set(query.docs(self.searcher))  # phrases: Whoosh checks the positions

    # --- ranking ------------------------------------------------------------------------------------

    def top_by_score(self, query: Query, docs: frozenset[int] | set[int], n: int) -> list[tuple[int, float]]:
        """(docnum, score) of the best ``n`` of ``docs`` for ``query``.

        The score is the sum of Whoosh's BM25F term scores (with the query's boosts) of the query terms a
        document contains, computed per term for the candidates only — Whoosh's own matcher tree would
        score every posting of every term it walks past.
        """
        if not docs or n <= 0:
            return []
        candidates = docs
        if len(docs) > max(SHORTLIST, 2 * n):
            candidates = self.shortlist(query, docs, max(SHORTLIST, 2 * n))
        scores = dict.fromkeys(candidates, 0.0)
        s = self.searcher
        merged: dict[tuple[str, str], float] = {}
        for fieldname, text, boost in _weighted_terms(query, 1.0):
            merged[(fieldname, text)] = merged.get((fieldname, text), 0.0) + boost
        for (fieldname, text), boost in merged.items():
            present = self.term(fieldname, text)
            hits = present & candidates if len(present) < len(candidates) else candidates & present
            if not hits:
                continue
            m = s.postings(fieldname, text)
            for d in sorted(hits):
                if m.id() < d:
                    m.skip_to(d)
                if m.is_active() and m.id() == d:
                    scores[d] += boost * m.score()
        best = heapq.nsmallest(n, scores, key=lambda d: (-scores[d], d))
        return [(d, scores[d]) for d in best]

    def shortlist(self, query: Query, docs: frozenset[int] | set[int], k: int) -> set[int]:
        """The ``k`` documents of ``docs`` with the highest coarse score."""
        s = self.searcher
        total = s.doc_count_all() or 1
        schema = s.schema
        scores: dict[int, float] = {}
        get = scores.get
        for fieldname, text, boost in _weighted_terms(query, 1.0):
            ids = self.term(fieldname, text)
            if not ids:
                continue
            field = schema[fieldname] if fieldname in schema else None
            weight = boost * getattr(getattr(field, "format", None), "field_boost", 1.0) * \
                (math.log(total / (len(ids) + 1)) + 1.0)
            for d in (ids & docs if len(ids) < len(docs) else docs & ids):
                scores[d] = get(d, 0.0) + weight
        return set(heapq.nlargest(k, scores, key=scores.__getitem__))

    def top_by_date(self, docs: frozenset[int] | set[int], n: int) -> list[tuple[int, float]]:
        """The newest ``n`` of ``docs`` (by the ``sortdate`` column; the lower docnum first on equal dates)."""
        dates = self._sortdates()
        best = heapq.nsmallest(n, docs, key=lambda d: (-dates.get(d, 0), d))
        return [(d, 0.0) for d in best]

    def _sortdates(self) -> dict[int, int]:
        if self._dates is None:
            reader = self.searcher.reader()
            column = reader.column_reader("sortdate")
            self._dates = {d: column[d] for d in reader.all_doc_ids()}
        return self._dates

    # --- facets --------------------------------------------------------------------------------------

    def facet_postings(self) -> dict[str, dict[str, frozenset[int]]]:
        """facet field → value → its documents (read once per searcher)."""
        if self._facets is None:
            table: dict[str, dict[str, frozenset[int]]] = {}
            reader = self.searcher.reader()
            for fieldname in self._facet_names:
                values: dict[str, frozenset[int]] = {}
                for term in reader.lexicon(fieldname):
                    text = term.decode("utf-8") if isinstance(term, bytes) else term
                    values[text] = _posting_ids(self.searcher, fieldname, text)
                table[fieldname] = values
            self._facets = table
        return self._facets

    def facet_counts(self, docs: frozenset[int] | set[int]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for fieldname, values in self.facet_postings().items():
            counts = {v: len(docs & ids) for v, ids in values.items()} if docs else {}
            out[fieldname] = {v: c for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c}
        return out


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


def _posting_ids(searcher, fieldname: str, text: str) -> frozenset[int]:  # noqa: ANN001
    """The live documents holding a term, read a postings block at a time.

    ``Matcher.all_ids()`` makes three Python calls per posting; a whoosh3 leaf matcher's blocks hold their
    ids as one tuple each, so whole blocks are added at once (4-5x faster on common terms). Any other
    matcher (another codec) falls back to ``all_ids()``.
    """
    out: set[int] = set()
    for reader, offset in searcher.reader().leaf_readers():
        if not reader.doc_frequency(fieldname, text):
            continue
        try:
            m = reader._terms.matcher(fieldname, reader._text_to_bytes(fieldname, text),  # noqa: SLF001
                                      reader.schema[fieldname].format, scorer=None)
            deleted = reader.deleted_docs_set
        except AttributeError:  # not a whoosh3 segment reader
            m, deleted = reader.postings(fieldname, text), frozenset()
        ids = _block_ids(m)
        if deleted:
            ids = [i for i in ids if i not in deleted]
        out.update(ids if not offset else (i + offset for i in ids))
    return frozenset(out)


def _block_ids(m) -> list[int]:  # noqa: ANN001
    if not all(hasattr(m, a) for a in ("_read_ids", "_next_block", "_atend")):
        return list(m.all_ids())
    ids: list[int] = []
    while not m._atend:  # noqa: SLF001
        m._read_ids()  # noqa: SLF001
        ids.extend(m._ids)  # noqa: SLF001
        m._next_block()  # noqa: SLF001
    return ids
