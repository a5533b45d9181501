"""The faster indexing path (issue 15) writes exactly what Whoosh's own writer writes: every field's lexicon, each
term's postings (documents, weights, values) and statistics, the field lengths, stored fields and columns.

The reference is Whoosh's ``SegmentWriter`` with its ``PostingPool`` (the classes app.search.fastwrite replaces),
which indexes a text field through ``FieldType.index`` → ``FastFrequency.word_values`` → ``term_counts``, the
path that main used before; ours goes through ``FastFrequency.index_postings`` → ``term_bytes_counts`` into the
grouped pool and writes the pool term by term.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh import writing
from whoosh.codec import whoosh3

from app.library import Library
from app.search import analysis, bulk, fastwrite, index
from app.search.documents import build_documents
from app.search.schema import build_schema
from tests.conftest import SAMPLE

WHOOSH_POOL = fastwrite.GroupedPostingPool.__bases__[0]
WHOOSH_WRITER = fastwrite.FastSegmentWriter.__bases__[0]
WHOOSH_POSTINGS = fastwrite.FastPostingsWriter.__bases__[0]

# Documents made by hand besides the sample library's: a word more than 255 times (its count is packed otherwise),
# stop words only, mixed scripts, a term of every analyzer, an empty text, a document with no text at all.
EXTRA = [
    {"key": "x-many", "kind": "document", "lang": "ru", "title_ru": "Вода", "text_ru": "вода воды " * 300 + "реки"},
    {"key": "x-stops", "kind": "document", "lang": "ky", "title_ky": "жана менен", "text_ky": "бул ал да"},
    {"key": "x-mixed", "kind": "event", "lang": "en", "title_en": "Pasture committees — жайыт комитети",
     "text_en": "Running runners ran; Ысык-Көл, Нарын and Osh. 2024 2024 2024", "year": "2024", "sortdate": 20240101},
    {"key": "x-lesson", "kind": "lesson", "lang": "ky", "title_ky": "Сабак", "transcript_ky": "сабак\nсабактар",
     "transcript_ru": "урок уроки", "topics": "water,land", "regions": "kg,kg-c", "target_groups": "farmers"},
    {"key": "x-bare", "kind": "document", "lang": "ru", "title_ru": ""},
]
# Terms in more documents than a block of postings holds (Whoosh's 128, our 1,024), with lengths and counts that
# vary across blocks.
EXTRA += [{"key": f"x-{i:04}", "kind": "document", "lang": "ru", "title_ru": f"Вода {i}",
           "text_ru": "вода река " + "горы " * (i % 7) + "поле " * (i % 300 // 100)} for i in range(1100)]


def _documents(tmp_path: Path) -> list[dict]:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(SAMPLE)
        with lib._sessions() as session:
            docs = [index._clean(doc) for doc, _texts in build_documents(session)]
    return docs + [index._clean(doc) for doc in EXTRA]


def _build(folder: Path, docs: list[dict], *, limitmb: float = 128, procs: int = 1) -> Path:
    folder.mkdir(parents=True)
    ix = windex.create_in(str(folder), build_schema())
    writer = ix.writer(limitmb=limitmb, procs=procs, multisegment=procs > 1)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    ix.close()
    return folder


def everything(folder: Path, *, segments: bool = False) -> dict:
    """All an index holds, by item key (document numbers differ between segments of a parallel writer).

    ``segments``: a field length of 0 and none are the same (a segment that has no document with a field has no
    length column for it, and reads 0 where a segment with one reads None; Whoosh's own parallel writer too)."""
    ix = windex.open_dir(str(folder))
    with ix.searcher() as s:
        r = s.reader()
        keys = {n: f["key"] for n, f in r.iter_docs()}
        out: dict = {"stored": sorted((keys[n], sorted(f.items())) for n, f in r.iter_docs())}
        schema = ix.schema
        out["lengths"] = sorted((keys[n], name, r.doc_field_length(n, name) or (0 if segments else None))
                                for n in keys for name in schema.names() if schema[name].scorable)
        out["sortdate"] = sorted((keys[offset + n], leaf.column_reader("sortdate")[n])  # (per segment: Whoosh's
                                 for leaf, offset in r.leaf_readers() for n in range(leaf.doc_count_all()))  # reads -n)
        terms = []
        for field, term in r.all_terms():
            info = r.term_info(field, term)
            m = r.postings(field, term)
            postings = []
            while m.is_active():
                postings.append((keys[m.id()], m.weight(), m.value()))
                m.next()
            terms.append((field, term, info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                          info.max_weight(), sorted(postings)))
        out["terms"] = terms
    ix.close()
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[list[dict], dict, Path]:
    """The documents, and what Whoosh's own writer made of them: all of it, and its folder."""
    tmp = tmp_path_factory.mktemp("reference")
    docs = _documents(tmp)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(writing, "PostingPool", WHOOSH_POOL)
        mp.setattr(writing, "SegmentWriter", WHOOSH_WRITER)
        mp.setattr(whoosh3, "W3PostingsWriter", WHOOSH_POSTINGS)
        folder = _build(tmp / "whoosh", docs)
    return docs, everything(folder), folder


def test_whoosh_reference_is_whoosh_own_writer(reference) -> None:
    docs, whole, _folder = reference
    assert len(whole["stored"]) == len(docs) > 360
    counts = [int.from_bytes(value, "big") for *_, postings in whole["terms"] for *_, value in postings if value]
    assert max(counts) == 600  # вода, воды: one stem (a count above 255 is packed, not taken from a table)
    assert len(whole["terms"]) > 3000


def test_fast_writer_gives_the_same_index(reference, tmp_path: Path) -> None:
    docs, whole, _folder = reference
    assert everything(_build(tmp_path / "fast", docs)) == whole


def test_fast_writer_spilling_to_disk_gives_the_same_index(reference, tmp_path: Path, monkeypatch) -> None:
    docs, whole, _folder = reference
    runs: list[str] = []
    add_run = fastwrite.GroupedPostingPool._add_run
    monkeypatch.setattr(fastwrite.GroupedPostingPool, "_add_run", lambda self, path: runs.append(path) or add_run(
        self, path))
    monkeypatch.setattr(fastwrite, "MAX_RUNS", 4)  # more runs than that: merged into fewer first
    assert everything(_build(tmp_path / "fast", docs, limitmb=0.01)) == whole
    assert len(runs) > 8


def test_parallel_fast_writer_gives_the_same_index(reference, tmp_path: Path) -> None:
    docs, _whole, folder = reference
    built = _build(tmp_path / "fast", docs, procs=2)
    assert len(windex.open_dir(str(built)).reader().leaf_readers()) == 2  # (not closed: the test's folder goes)
    assert everything(built, segments=True) == everything(folder, segments=True)


@pytest.mark.parametrize("profile", ["ky", "ru", "en", "multi"])
def test_terms_counted_in_bytes_are_the_terms_counted(reference, profile: str, monkeypatch) -> None:
    docs, _whole, _folder = reference
    tokenizer = analysis.StemmingTokenizer(profile)
    texts = [value for doc in docs for name, value in doc.items() if name.startswith(("title_", "text_", "trans"))]
    for text in texts:
        assert tokenizer.term_bytes_counts(text) == {t.encode(): n for t, n in tokenizer.term_counts(text).items()}
    monkeypatch.setattr(analysis, "_WORD_CACHE_MAX", 50)  # the cache emptied while a text is analysed
    for text in texts[:20]:
        assert tokenizer.term_bytes_counts(text) == {t.encode(): n for t, n in tokenizer.term_counts(text).items()}


def _block_sizes(folder: Path, fieldname: str, text: str) -> list[int]:
    """How many postings each block of a term's postings holds (a one-segment index)."""
    ix = windex.open_dir(str(folder))
    with ix.reader() as r:
        m, _deleted = bulk.leaf_matcher(r, fieldname, text)
        sizes = []
        while not m._atend:
            sizes.append(m._blocklength)
            m._next_block()
    ix.close()
    return sizes


def test_postings_go_in_blocks_of_a_thousand_that_whoosh_reads(reference, tmp_path: Path) -> None:
    """Our blocks hold 1,024 postings as pickled arrays (read a block at a time in C); Whoosh's own reader reads
    them as its own (``everything`` walks its matchers): the same index as Whoosh's blocks of 128."""
    docs, whole, folder = reference
    fast = _build(tmp_path / "fast", docs)
    n = 1100 + 5  # the EXTRA items with вода, and the sample's or the hand-made ones
    ours, whooshs = _block_sizes(fast, "text_ru", "вод"), _block_sizes(folder, "text_ru", "вод")
    assert ours[0] == fastwrite.BLOCK_POSTINGS and len(ours) == 2 and sum(ours) >= n
    assert set(whooshs[:-1]) == {128} and sum(whooshs) == sum(ours)
    assert everything(fast) == whole


def test_postings_of_whoosh_own_blocks_read_whole_are_whoosh_own(reference) -> None:
    """An index written before (Whoosh's blocks of 128, pickled tuples) is read a block at a time as well."""
    _docs, _whole, folder = reference
    ix = windex.open_dir(str(folder))
    with ix.searcher() as s:
        assert set(_block_sizes(folder, "text_ru", "вод")[:-1]) == {128}
        for fieldname in ("text_ru", "title_ru", "kind"):
            for term in s.reader().lexicon(fieldname):
                expected = _whoosh_postings(s, fieldname, term.decode())
                assert bulk.postings(s, fieldname, term.decode()) == expected
                assert bulk.posting_ids(s, fieldname, term.decode()) == set(expected)
    ix.close()


def _whoosh_postings(searcher, fieldname: str, text: str) -> dict[int, float]:
    m = searcher.postings(fieldname, text)  # (Whoosh leaves the deleted documents out)
    found = {}
    while m.is_active():
        found[m.id()] = m.weight()
        m.next()
    return found


def test_postings_read_whole_are_whoosh_own_across_segments_and_deletions(reference, tmp_path: Path) -> None:
    """Two segments (a parallel writer's), then a few deleted, then many: each term's documents and weights read a
    block at a time (document numbers moved by the segment's offset in C) are those Whoosh's matchers give, and the
    field lengths read a column at a time are those Whoosh reads one by one."""
    docs, _whole, _folder = reference
    built = _build(tmp_path / "fast", docs, procs=2)
    ix = windex.open_dir(str(built))
    fields = ("text_ru", "title_ru", "text_ky", "kind")
    gone: set[str] = set()
    for deleting in ([], ["x-0004", "x-0700", "x-1097"], [f"x-{i:04}" for i in range(0, 1100, 3)]):
        gone.update(deleting)
        if deleting:
            writer = ix.writer()
            for key in deleting:
                writer.delete_by_term("key", key)
            writer.commit(merge=False)
        with ix.searcher() as s:
            leaves = s.reader().leaf_readers()
            assert len(leaves) == 2 and leaves[1][1] > 0
            assert sum(len(leaf.deleted_docs_set or ()) for leaf, _ in leaves) == len(gone)
            checked = 0
            for fieldname in fields:
                for term in s.reader().lexicon(fieldname):
                    text = term.decode()
                    expected = _whoosh_postings(s, fieldname, text)
                    assert bulk.postings(s, fieldname, text) == expected, (fieldname, text)
                    assert bulk.posting_ids(s, fieldname, text) == set(expected), (fieldname, text)
                    checked += len(expected)
            assert checked > 10_000
            for fieldname in ("text_ru", "title_ru", "text_ky", "transcript_ky", "transcript_en"):  # (en: no document)
                lengths = bulk.length_bytes(s.reader(), fieldname)
                assert [bulk.byte_length(lengths.__getitem__, d) for d in range(s.doc_count_all())] == [
                    s.doc_field_length(d, fieldname, 0) or 0 for d in range(s.doc_count_all())]
    ix.close()
