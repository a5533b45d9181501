"""Facet codes kept beside the index: a later process counts facets without reading the facet postings."""

from pathlib import Path

from whoosh.query import Or, Term

from app.search import bulk
from app.search.facetcodes import FACET_CODES_FILE, FacetCodes
from app.search.matching import DocSets
from app.search.schema import FACETS
from app.values import SearchRequest

WORDS = Or([Term("text_ru", "вод"), Term("text_ky", "суу"), Term("text_ru", "комитет")])


def _no_facet_postings(monkeypatch, *, but: tuple[str, ...] = ()) -> None:
    read = bulk.posting_ids

    def refused(searcher, fieldname: str, text: str):
        assert fieldname in but, f"facet postings read: {fieldname}"  # (failed before: every count read them all)
        return read(searcher, fieldname, text)
    monkeypatch.setattr(bulk, "posting_ids", refused)


def test_kept_codes_count_the_same_without_the_postings(sample_library, tmp_path: Path, monkeypatch) -> None:
    searcher = sample_library.search_index.index.searcher()
    kept = tmp_path / FACET_CODES_FILE
    first = DocSets(searcher, FACETS, codes_file=kept)
    docs = first.matching(WORDS)
    expected = first.facet_counts(docs)  # by intersecting the postings
    first.warm()
    assert kept.is_file()
    later = DocSets(searcher, FACETS, codes_file=kept)  # another process opening the same segments
    with monkeypatch.context() as m:
        _no_facet_postings(m)
        assert later.facet_counts(later.matching(WORDS)) == expected and len(docs) > 3
        assert later.facet_counts(frozenset(list(docs)[:2])) == first.facet_counts(frozenset(list(docs)[:2]))
    segments = later._segments()
    assert FacetCodes.read(kept, segments) is not None
    assert FacetCodes.read(kept, (("another", 5, 0),)) is None  # other segments: not used
    assert FacetCodes.read(kept, ((segments[0][0], segments[0][1], 1),)) is None  # a deletion since
    kept.write_bytes(kept.read_bytes()[:40])  # damaged
    assert FacetCodes.read(kept, segments) is None
    assert DocSets(searcher, FACETS, codes_file=kept).facet_counts(docs) == expected  # the postings again


def test_the_library_keeps_them_and_a_new_searcher_uses_them(sample_library, monkeypatch) -> None:
    request = SearchRequest("суу комитет")
    expected = sample_library.search(request)
    sample_library.search_index.warm()
    folder = sample_library.search_index.index.searched_folder()
    assert (folder / FACET_CODES_FILE).is_file()
    sample_library.search_index.searcher._sets = None  # as a new process: nothing loaded
    with monkeypatch.context() as m:
        _no_facet_postings(m, but=("lang",))  # (the items of each language weigh the query's words)
        answer = sample_library.search(request)
    assert answer.facets == expected.facets and answer.total == expected.total and answer.facets["kind"]
