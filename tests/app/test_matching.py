"""Match sets, ranking and facet counts computed from cached postings agree with Whoosh's own."""

import pytest
from whoosh.query import And, Or, Term

from app.search import bulk, matching
from app.search.facetcodes import FacetCodes
from app.search.matching import DocSets
from app.search.schema import FACETS
from app.values import SearchRequest


def _sets(library) -> DocSets:
    return DocSets(library.search_index.index.searcher(), FACETS)


QUERIES = [
    Term("text_ru", "пастбищн"),
    Or([Term("text_ru", "вод"), Term("title_ru", "вод", boost=0.5), Term("text_ky", "суу")]),
    And([Or([Term("text_ru", "комитет"), Term("text_ky", "комитет")]), Or([Term("text_ky", "жайыт")])]),
]


def test_match_sets_and_ranking_agree_with_whoosh(sample_library, monkeypatch) -> None:
    sets = _sets(sample_library)
    s = sets.searcher
    for query in QUERIES:
        docs = sets.matching(query)
        assert docs == set(query.docs(s)) and docs, query
        expected = [(h.docnum, round(h.score, 6)) for h in s.search(query, limit=10)]
        ours = [(d, round(score, 6)) for d, score in sets.top_by_score(query, docs, 10)]
        assert ours == expected, query
        # told that docs are all the matches (an Or of terms: each term's weights are taken whole)
        assert [(d, round(score, 6)) for d, score in sets.top_by_score(query, docs, 10, matched=True)] == expected
    # with a shortlist smaller than the matches, the best one still comes first
    monkeypatch.setattr(matching, "SHORTLIST", 3)
    query = QUERIES[1]
    best = s.search(query, limit=1)[0].docnum
    docs = sets.matching(query)
    assert sets.top_by_score(query, docs, 1)[0][0] == best == sets.top_by_score(query, docs, 1, matched=True)[0][0]
    assert sets.shortlist(query, docs, 3, inside=True) == sets.shortlist(query, docs, 3) and len(docs) > 3


def test_a_facet_value_named_by_a_word_is_not_read_again(sample_library, monkeypatch) -> None:
    """Once the facet values are loaded, a query term naming one (a topic, a region) takes its documents from
    them: the same matches and scores as reading its postings, and its postings are not read."""
    labelled = Or([Term("topics", "drinking-water"), Term("text_ru", "вод"), Term("regions", "naryn", boost=0.7)])
    cold = _sets(sample_library)
    expected = (cold.matching(labelled), cold.top_by_score(labelled, cold.matching(labelled), 10))
    warm = _sets(sample_library)
    warm.warm()
    read = bulk.postings

    def postings(searcher, fieldname: str, text: str):
        assert fieldname not in FACETS, f"{fieldname}:{text} read again"  # (failed before)
        return read(searcher, fieldname, text)

    monkeypatch.setattr(bulk, "postings", postings)
    docs = warm.matching(labelled)
    assert (docs, warm.top_by_score(labelled, docs, 10)) == expected and len(docs) > 3
    monkeypatch.setattr(matching, "SHORTLIST", 3)  # the shortlist's coarse score of the values' documents: the same
    for n in (1, 2):
        assert warm.top_by_score(labelled, docs, n, matched=True) == cold.top_by_score(labelled, docs, n, matched=True)
        assert warm.shortlist(labelled, docs, n + 1) == cold.shortlist(labelled, docs, n + 1)


def test_the_postings_cache_lets_the_least_recently_used_terms_go(sample_library, monkeypatch) -> None:
    sets = _sets(sample_library)
    terms = [("text_ru", t) for t in ("вод", "комитет", "пастбищн", "муниципалн", "совет")]
    sizes = {t: len(sets.term(*t)) for t in terms}
    assert all(sizes.values())
    cap = sizes[terms[0]] + sizes[terms[1]] + sizes[terms[2]]
    monkeypatch.setattr(matching, "MAX_CACHED_POSTINGS", cap)
    sets = _sets(sample_library)
    for t in terms[:3]:
        sets.term(*t)
    sets.term(*terms[0])  # used again: now the most recent
    sets.term(*terms[3])
    assert terms[0] in sets._terms and terms[1] not in sets._terms  # the least recently used went first
    assert sets._cached_postings == sum(len(w) for w in sets._terms.values()) <= cap
    assert all(sets.term(*t) == frozenset(bulk.postings(sets.searcher, *t)) for t in terms)


@pytest.mark.parametrize("most", [4, FacetCodes.MAX_COMBINATIONS])
def test_facet_counts_are_the_same_every_way(sample_library, monkeypatch, most: int) -> None:
    monkeypatch.setattr(FacetCodes, "MAX_COMBINATIONS", most)  # several groups of fields, or all in one
    sets = _sets(sample_library)
    everything = sorted(sets.all_docs())
    # a query's matches, all, a few, and most
    samples = (sets.matching(QUERIES[1]), sets.all_docs(), frozenset(everything[:3]), set(everything[2:-3]))
    expected = []
    for docs in samples:  # before warm(): by intersecting each value's documents
        by_sets = {f: {v: len(docs & ids) for v, ids in vals.items() if docs & ids}
                   for f, vals in sets.facet_postings().items()}
        assert sets.facet_counts(docs) == by_sets
        expected.append(by_sets)
    sets.warm()
    groups = sets.facet_codes()
    assert (len(groups) > 2) if most == 4 else (len(groups) == 1)
    for docs, by_sets in zip(samples, expected):  # after: by counting the combinations of values
        counted: dict = {f: {} for f in by_sets}
        for group in groups:
            group.count(docs, counted)
        assert {f: c for f, c in counted.items() if c} == {f: c for f, c in by_sets.items() if c}
        assert sets.facet_counts(docs) == by_sets
    # many documents: by masks of the large values, and intersecting the small ones
    monkeypatch.setattr(matching, "MASKS_FROM", 1)
    monkeypatch.setattr(matching, "MASK_VALUES_FROM", 4)
    masked = DocSets(sets.searcher, FACETS)
    size, masks = masked.facet_masks()
    assert size == len(everything) and 0 < sum(map(len, masks.values())) < sum(map(len, masked.facet_postings().values()))
    for docs, by_sets in zip(samples, expected):
        assert masked.facet_counts(docs) == by_sets


def test_label_words_name_taxonomy_entries() -> None:
    from app.search.labels import LabelIndex

    labels = LabelIndex([("regions", "naryn", ("Нарын облусу", "Нарынская область", "Naryn oblast")),
                         ("topics", "pastures", ("Жайыттар", "Пастбища", "Pastures")),
                         ("target_groups", "youth", ("Жаштар", "Молодёжь", "Youth"))])
    assert labels.matches("Нарынской") == {("regions", "naryn")}  # a Russian inflection
    assert labels.matches("жайыттарды") == {("topics", "pastures")}  # a Kyrgyz one
    assert labels.matches("молодежь") == {("target_groups", "youth")}  # ё typed as е
    assert labels.matches("pasture") == {("topics", "pastures")}
    assert labels.matches("Нарын облусу") == {("regions", "naryn")}  # a phrase within one label
    assert labels.matches("Нарын жаштар") == set()  # words of two different labels
    assert labels.matches("бюджет") == set()


def test_a_region_name_finds_the_items_filed_there(sample_library) -> None:
    region = "issyk-kul"
    filed = {h.id for h in sample_library.search(SearchRequest(region=region, limit=100)).hits}
    assert filed
    found = {h.id for h in sample_library.search(SearchRequest("Иссык-Кульская", limit=100, as_you_type=False)).hits}
    assert filed <= found
