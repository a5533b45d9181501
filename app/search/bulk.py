"""Reading a searcher's data in bulk: a term's postings, the live documents, a column, the field lengths.

Whoosh's readers answer one document or one posting per Python call (``all_ids()``, ``doc_field_length()``,
``is_deleted()``); the search needs whole lists of them (:mod:`app.search.matching`). Here a whoosh3 segment's data
is read a block or a column at a time, into Python containers in C; a reader of another kind falls back to Whoosh's
own calls.

The document sets are the keys of dicts of plain ints (``Docs``): a dict whose keys and values are ints, floats or
None is one the garbage collector does not track, where it walks every element of a frozenset at each full
collection (the cached sets of a searcher held 1.5 million: a collection took 50-130 ms of a query).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from itertools import accumulate

from whoosh import columns
from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

Docs = AbstractSet[int]


def live_docs(reader) -> Docs:
    """Every live document number, from each segment's document count and deleted set (``all_doc_ids()``
    asks ``is_deleted`` of each document in Python)."""
    live: dict[int, None] = {}
    for leaf, offset in reader.leaf_readers():
        deleted = getattr(leaf, "deleted_docs_set", None)
        if deleted is None:
            return dict.fromkeys(reader.all_doc_ids()).keys()
        live.update(dict.fromkeys(range(offset, offset + leaf.doc_count_all())))
        for d in deleted:
            live.pop(d + offset, None)
    return live.keys()


def numeric_column(reader, fieldname: str) -> dict[int, int] | None:
    """document → value of a numeric column, read as one array per segment; None for another column type."""
    out: dict[int, int] = {}
    for leaf, offset in reader.leaf_readers():
        try:
            col = leaf.column_reader(fieldname, translate=False)
        except Exception:  # noqa: BLE001 — a reader without columns: the caller's slow path
            return None
        if not isinstance(col, columns.NumericColumn.Reader) or array(col._typecode).itemsize != col._fixedlen:
            return None
        values = array(col._typecode, col._dbfile.get(col._basepos, col._count * col._fixedlen))
        if sys.byteorder == "little":  # stored big-endian ("!")
            values.byteswap()
        out.update(zip(range(offset, offset + len(values)), values))
        if col._default:  # documents past the column's end have the default
            out.update(dict.fromkeys(range(offset + len(values), offset + leaf.doc_count_all()), col._default))
    return out


def whole_library_counts(reader, facets: tuple[str, ...]) -> dict[str, dict[str, int]] | None:
    """The facet counts of every document, from the terms' document frequencies; None when some document is
    deleted (the frequencies still count it)."""
    for leaf, _offset in reader.leaf_readers():
        if getattr(leaf, "deleted_docs_set", True):
            return None
    out: dict[str, dict[str, int]] = {}
    for fieldname in facets:
        counts = {}
        for term in reader.lexicon(fieldname):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            counts[text] = reader.doc_frequency(fieldname, term)
        out[fieldname] = {v: c for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c}
    return out


_LENGTH_OF_BYTE = [0] + [byte_to_length(b) for b in range(1, 256)]


def length_bytes(reader, fieldname: str) -> bytes | None:
    """Each document's length byte in a field (0: none), read as one string per segment; None for a reader
    without whoosh3 length columns."""
    parts = []
    for leaf, _offset in reader.leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        if not isinstance(perdoc, whoosh3.W3PerDocReader):
            return None
        col = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        count = leaf.doc_count_all()
        if col is None:  # (no document of the segment has the field)
            parts.append(bytes(count))
            continue
        if not isinstance(col, columns.NumericColumn.Reader) or col._fixedlen != 1:
            return None
        raw = col._dbfile.get(col._basepos, min(col._count, count))
        parts.append(raw + bytes(count - len(raw)))  # (documents past the column's end have its default, 0)
    return b"".join(parts)


def byte_length(byte_at: Callable[[int], int], docnum: int) -> int:
    return _LENGTH_OF_BYTE[byte_at(docnum)]


def field_length(searcher, fieldname: str, docnum: int) -> int:
    return searcher.doc_field_length(docnum, fieldname, 0) or 0


def postings(searcher, fieldname: str, text: str) -> dict[int, float]:
    """The live documents holding a term → the term's weight there, read a postings block at a time.

    ``Matcher.all_ids()`` makes three Python calls per posting; a whoosh3 leaf matcher's blocks hold their
    ids and weights as one sequence each, so whole blocks are taken at once, and a later segment's document
    numbers are moved by its offset in C. Any other matcher (another codec) falls back to walking it.
    """
    out: dict[int, float] = {}
    for reader, offset in searcher.reader().leaf_readers():
        if not reader.doc_frequency(fieldname, text):
            continue
        m, deleted = leaf_matcher(reader, fieldname, text)
        ids, weights = block_items(m, offset=offset)
        if not deleted:
            out.update(zip(ids, weights))  # in C
        elif len(deleted) * 4 < len(ids):
            # (few deleted: popped after; a term of a few documents in a segment of many deleted: left out)
            out.update(zip(ids, weights))
            for d in deleted:
                out.pop(d + offset, None)
        else:
            gone = {d + offset for d in deleted}
            out.update(item for item in zip(ids, weights) if item[0] not in gone)
    return out


def posting_ids(searcher, fieldname: str, text: str) -> Docs:
    """The live documents holding a term, its weights not read (a facet value's documents: the weights of a
    facet term are all 1, which Whoosh decodes with a Python call per posting)."""
    out: dict[int, None] = {}
    for reader, offset in searcher.reader().leaf_readers():
        if not reader.doc_frequency(fieldname, text):
            continue
        m, deleted = leaf_matcher(reader, fieldname, text)
        out.update(dict.fromkeys(block_items(m, weights=False, offset=offset)[0]))
        for d in deleted or ():
            out.pop(d + offset, None)
    return out.keys()


def leaf_matcher(reader, fieldname: str, text: str) -> tuple:
    """(a term's matcher in one segment, its deleted documents). A whoosh3 segment's raw matcher, whose blocks
    :func:`block_items` reads whole; any other reader's own postings (walked one by one), with its deletions
    already left out."""
    try:
        m = reader._terms.matcher(fieldname, reader._text_to_bytes(fieldname, text), reader.schema[fieldname].format,
                                  scorer=None)
        return m, reader.deleted_docs_set
    except AttributeError:  # not a whoosh3 segment reader
        return reader.postings(fieldname, text), frozenset()


def block_items(m, *, weights: bool = True, offset: int = 0) -> tuple[list[int], array | list[float] | None]:
    """The docnums (+ ``offset``) of every posting of a leaf matcher, and their weights (None without ``weights``).

    As a list of ints and an array of floats, not (docnum, weight) pairs: a tuple per posting is an allocation
    the garbage collector also tracks (its collections were a third of reading a large term)."""
    blocks = all(hasattr(m, a) for a in ("_read_data", "_read_weights", "_next_block", "_atend", "_byteids"))
    if not blocks or m._byteids:  # (a vector's postings, whose ids are terms: none in this schema)
        found = list(m.items_as("weight")) if weights else [(d, None) for d in m.all_ids()]
        return [d + offset for d, _w in found], [w for _d, w in found] if weights else None
    ids: list[int] = []
    found = array("f") if weights else None
    while not m._atend:
        if m._data is None:
            m._read_data()
        # the block's ids are delta-encoded from 0: itertools.accumulate decodes them in C, from the segment's
        # offset (whoosh's own delta_decode is a Python generator, a call per posting)
        decoded = accumulate(m._data[0], initial=offset)
        next(decoded)  # (the offset itself)
        ids.extend(decoded)
        if weights:
            m._read_weights()
            found.extend(m._weights)
        m._next_block()
    return ids, found
