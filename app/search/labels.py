"""Taxonomy labels matched at query time: a word that names a topic, target group or region finds the
items filed under it through their facet fields.

Indexing every item's labels in three languages cost a fifth of all postings, and a relabelled topic
meant reindexing every item using it. The labels (a few hundred rows) are read from the database instead;
a query word, analysed like a label (Kyrgyz and Russian stems of Cyrillic words, English of Latin ones),
that matches a label word becomes ``Term("topics", id)`` and the like — the region field holds an item's
region and all the regions above it, so "Нарын" finds everything in Naryn oblast.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.search.analysis import multilingual_analyzer

FIELDS = ("topics", "target_groups", "regions")
_analyzer = multilingual_analyzer()


def _positions(text: str) -> list[set[str]]:
    groups: dict[int, set[str]] = {}
    for t in _analyzer(text, positions=True):
        groups.setdefault(t.pos, set()).add(t.text)
    return [groups[p] for p in sorted(groups)]


class LabelIndex:
    """label term → the (facet field, taxonomy id) pairs whose labels contain it."""

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]]) -> None:
        """``entries``: (facet field, id, its labels in every language)."""
        self._terms: dict[str, set[tuple[str, str]]] = {}
        for fieldname, entry_id, labels in entries:
            for label in labels:
                for alternatives in _positions(label or ""):
                    for term in alternatives:
                        self._terms.setdefault(term, set()).add((fieldname, entry_id))

    def __len__(self) -> int:
        return len(self._terms)

    def matches(self, text: str) -> set[tuple[str, str]]:
        """The entries whose labels hold every word of ``text`` (one word, or a quoted phrase)."""
        found: set[tuple[str, str]] | None = None
        for alternatives in _positions(text):
            here: set[tuple[str, str]] = set()
            for term in alternatives:
                here |= self._terms.get(term, set())
            found = here if found is None else found & here
            if not found:
                return set()
        return found or set()
