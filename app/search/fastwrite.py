"""Faster parts for Whoosh's index writer (the same index files, far fewer Python calls per posting).

A writer collects every posting of its documents, sorts them and writes them out at commit. Profiled on a first
sync, nearly all of it was per-posting overhead in Whoosh's Python, replaced here:

- **The pool.** Whoosh's pool keeps a (field, term, docnum, weight, value) tuple per posting, sorts them all, and
  when they outgrow ``limitmb`` writes sorted runs to temporary files, one ``pickle`` call per posting each way,
  merged posting by posting at commit. :class:`GroupedPostingPool` keeps each term's postings in a list (documents
  come in docnum order, so they are in order already) and sorts the terms only; runs are written in pickled
  batches and merged term by term. A document's postings with the same count share one tuple.
- **Adding a document.** :class:`FastSegmentWriter` takes a text field's terms and counts from the field's format
  in one call (:meth:`app.search.schema.FastFrequency.index_postings`) and adds them to the pool in one call: no
  generator step, encode, weight product and pool call per term.
- **Writing the postings.** The commit writes the pool term by term and fills Whoosh's posting blocks a block at
  a time (:func:`write_groups`), with the block statistics Whoosh's own ``add_posting`` keeps.
- **Field lengths.** For each posting the commit reads the document's field length from the length column
  on disk, one small file read per posting. :class:`PreloadedLengthsReader` reads a field's column once.
- **Blocks for reading.** Not for the writer's speed but a search's: :class:`FastPostingsWriter` writes blocks of
  1,024 postings pickled as arrays, which a search reads three times as fast (issue 15).

What is written does not change, except the size and the pickling of the posting blocks
(``tests/app/test_index_equivalence.py`` compares every term, posting, statistic, length, stored field and column
with Whoosh's own writer, read by Whoosh's own reader). A first sync of 10,000 items on one core
(``tests/bench/bench_indexing.py``): adding documents 11.9 -> 6.2 s of CPU, the commit 7.5 -> 3.1 s.

Whoosh 3 creates these by module-level name (``SegmentWriter`` ignores its ``poolclass`` argument), also in the
worker processes of a parallel writer: :func:`install` points those names at these classes. ``app.search.schema``
calls it when imported — a worker process imports the schema module to read the index's schema before it makes
its writer, so the parts are in place there too (fork or spawn).

Whoosh's worker processes wait for work on a queue whose pipe they hold both ends of: if the app is killed
while they run, they would wait until the PC restarts (and on Windows keep their files locked). A worker
here ends itself when the process that started it is gone (:func:`exit_with_parent`).
"""

from __future__ import annotations

import heapq
import multiprocessing
import os
import pickle
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import connection, util

from whoosh import multiproc, writing
from whoosh.codec import whoosh3
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length, length_to_byte

BATCH = 20_000  # postings per pickled list (~4 MB in memory while a run is read back)
_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]  # a stored byte 0 reads as None in Whoosh too
# What a posting costs a GroupedPostingPool, for its limit: from add(), its (docnum, weight, value) tuple, weight and
# list slot; from add_counts(), a list slot (the tuple is shared); a term's first posting also costs its list and
# its dict entry with the term's bytes. Whoosh's estimate for a posting of its own pool is ~180 bytes.
_POSTING_BYTES = 96
_SHARED_POSTING_BYTES = 12
_TERM_BYTES = 200
MAX_RUNS = 128  # spilled runs read at once (Whoosh's default); more are first merged into fewer
BLOCK_POSTINGS = 1024  # postings per block of a term's postings (FastPostingsWriter)
_ID_CODES = (("B", 0xFF), ("H", 0xFFFF), ("I", 0xFFFFFFFF))  # array typecodes for a block's gaps, smallest first
_WHOOSH_POSTINGS_WRITER = whoosh3.W3PostingsWriter

Group = tuple[str, bytes, list]  # (field name, term bytes, [(docnum, weight, value bytes), ...] by docnum)


class GroupedPostingPool(writing.PostingPool):
    """Whoosh's posting pool, holding the postings grouped by field and term instead of in one list of tuples.

    Whoosh's pool keeps a (field, term, docnum, weight, value) tuple per posting and sorts them all at each spill
    and at commit, then merges the spilled runs posting by posting. Documents arrive in docnum order, so a term's
    postings already are: here only the terms are sorted, and spilled runs are merged term by term (a term's
    postings of a later run follow the earlier run's). The same postings come out, in the same order; Whoosh's own
    consumers (``items()``, a spilled run read back by a parallel writer's parent) still get the tuples.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._groups: dict[str, dict[bytes, list]] = {}
        self._lastdoc = -1
        self._ordered = True  # docnums came in order (else each term's postings are sorted before they are written)

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        self.fieldnames.add(fieldname)
        terms = self._groups.get(fieldname)
        if terms is None:
            terms = self._groups[fieldname] = {}
        postings = terms.get(tbytes)
        if postings is None:
            terms[tbytes] = [(docnum, weight, vbytes)]
            self.currentsize += _TERM_BYTES
        else:
            postings.append((docnum, weight, vbytes))
            self.currentsize += _POSTING_BYTES
        if docnum < self._lastdoc:
            self._ordered = False
        self._lastdoc = docnum
        if self.currentsize > self.limit:
            self.save()

    def add_counts(self, fieldname: str, docnum: int, counts: dict[bytes, int], table: list) -> None:
        """Add one document's postings of one field: term bytes → count, and the (weight, value bytes) of each
        count (:meth:`app.search.schema.FastFrequency.index_postings`). Postings with the same count share their
        tuple (the same docnum, weight and value): a posting costs the pool a list slot."""
        if not counts:
            return
        self.fieldnames.add(fieldname)
        terms = self._groups.get(fieldname)
        if terms is None:
            terms = self._groups[fieldname] = {}
        shared = [(docnum, weight, vbytes) for weight, vbytes in table[:max(counts.values()) + 1]]
        get = terms.get
        new = 0
        for tbytes, n in counts.items():
            found = get(tbytes)
            if found is None:
                terms[tbytes] = [shared[n]]
                new += 1
            else:
                found.append(shared[n])
        if docnum < self._lastdoc:
            self._ordered = False
        self._lastdoc = docnum
        self.currentsize += (len(counts) - new) * _SHARED_POSTING_BYTES + new * _TERM_BYTES
        if self.currentsize > self.limit:
            self.save()

    def _sorted_groups(self) -> Iterator[Group]:
        groups, ordered = self._groups, self._ordered
        for fieldname in sorted(groups):
            terms = groups[fieldname]
            for tbytes in sorted(terms):
                postings = terms[tbytes]
                if not ordered:
                    postings.sort(key=_docnum)
                yield fieldname, tbytes, postings

    def save(self) -> None:
        if self._groups:
            path, f = self._new_run()
            self._write_run(f, self._sorted_groups())
            self._add_run(path)
            self._groups = {}
        self.currentsize = 0

    def _write_run(self, f, groups: Iterable[Group]) -> None:
        batch: list[Group] = []
        size = 0
        for group in groups:
            batch.append(group)
            size += len(group[2])
            if size >= BATCH:
                pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
                batch, size = [], 0
        if batch:
            pickle.dump(batch, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_groups(self, path: str) -> Iterator[Group]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    batch = pickle.load(f)
                except EOFError:
                    return
                yield from batch
        finally:
            f.close()
            self._remove_run(path)

    def _read_run(self, path: str) -> Iterator[tuple]:
        """A run's postings as Whoosh's pool gives them (a parallel writer's parent reads its workers' runs)."""
        return _flatten(self._read_groups(path))

    def _merge_runs(self, paths: Iterable[str]) -> Iterator[Group]:
        """The groups of several runs, each term's postings joined (and sorted, should a run hold earlier docs)."""
        streams = [((key, i, postings) for key, postings in
                    (((fieldname, tbytes), postings) for fieldname, tbytes, postings in self._read_groups(path)))
                   for i, path in enumerate(paths)]
        last = None
        joined: list = []
        ordered = True
        for key, _i, postings in heapq.merge(*streams):
            if key != last:
                if last is not None:
                    if not ordered:
                        joined.sort(key=_docnum)
                    yield last[0], last[1], joined
                last, joined, ordered = key, postings, True
            else:
                if postings[0][0] <= joined[-1][0]:
                    ordered = False
                joined = joined + postings
        if last is not None:
            if not ordered:
                joined.sort(key=_docnum)
            yield last[0], last[1], joined

    def groups(self, maxfiles: int | None = None) -> Iterator[Group]:
        """Every posting of the pool, grouped by field and term, in order."""
        maxfiles = maxfiles or MAX_RUNS
        if not self.runs:
            return self._sorted_groups()
        self.save()
        if maxfiles < len(self.runs):
            self.reduce_to(maxfiles, maxfiles)
        runs, self.runs = self.runs, []
        return self._merge_runs(runs)

    def items(self, maxfiles: int | None = None) -> Iterator[tuple]:
        return _flatten(self.groups(maxfiles))


def _docnum(posting: tuple) -> int:
    return posting[0]


def _flatten(groups: Iterable[Group]) -> Iterator[tuple]:
    for fieldname, tbytes, postings in groups:
        for docnum, weight, vbytes in postings:
            yield fieldname, tbytes, docnum, weight, vbytes


class FastSegmentWriter(writing.SegmentWriter):
    """Whoosh's segment writer, adding a document's postings a field at a time and writing them term by term.

    ``add_document`` is Whoosh's, except for the fields whose format has ``index_postings`` (the text fields,
    :class:`app.search.schema.FastFrequency`): their postings come as one list and go into the pool in one call,
    instead of a generator step, an encode and a pool call per term. The commit writes the pool's groups
    straight to the field writer (:func:`write_groups`), without Whoosh's checks per posting of their order.
    """

    def add_document(self, **fields) -> None:
        pool = self.pool
        if not isinstance(pool, GroupedPostingPool):
            return super().add_document(**fields)
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)

        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    fast = getattr(field.format, "index_postings", None)
                    made = fast(value, field.analyzer, fieldboost) if fast is not None else None
                    if made is not None:
                        counts, table, length = made
                        if not field.scorable:
                            length = 0
                        pool.add_counts(fieldname, docnum, counts, table)
                    else:
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            weight *= fieldboost
                            if scorable:
                                length += freq
                            pool.add((fieldname, tbytes, docnum, weight, vbytes))
                if field.separate_spelling() or field.vector:  # (none in our schema) as Whoosh does them
                    raise NotImplementedError("spelling and vector fields are written by Whoosh's own writer")
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise

        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        if not isinstance(self.pool, GroupedPostingPool):
            return super()._flush_segment()
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        write_groups(self.fieldwriter, self.schema, pdr, self.pool.groups())
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def write_groups(fieldwriter, schema, lengths, groups: Iterable[Group]) -> None:
    """What Whoosh's ``FieldWriter.add_postings`` does with the postings of ``groups`` (sorted, as a pool gives
    them), a term's postings a block at a time (:func:`_add_block`) instead of one call each."""
    lastfn = None
    field_length = None
    bulk = isinstance(fieldwriter, whoosh3.W3FieldWriter)
    for fieldname, tbytes, postings in groups:
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
            field_length = lengths.doc_field_length_reader(fieldname) if lengths else _no_length
        fieldwriter.start_term(tbytes)
        postwriter = fieldwriter._postwriter if bulk else None
        if isinstance(postwriter, _WHOOSH_POSTINGS_WRITER) and not postwriter._byteids:
            limit = postwriter._blocklimit
            for start in range(0, len(postings), limit):
                if start:
                    postwriter._write_block()  # a full block: add_posting writes it when the next posting comes
                _add_block(postwriter, postings[start:start + limit], field_length)
        else:
            add = fieldwriter.add
            for docnum, weight, vbytes in postings:
                add(docnum, weight, emptybytes if vbytes is None else vbytes, field_length(docnum))
        fieldwriter.finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()


def _no_length(docnum: int) -> int:
    return 0


def _add_block(postwriter, postings: list, field_length: Callable[[int], int | None]) -> None:
    """Put ``postings`` (at most a block) into the postings writer's empty block buffer, with the block statistics
    its ``add_posting`` keeps (the largest weight above 0; the shortest and longest of the lengths that are not 0)."""
    ids, weights, values = zip(*postings)
    postwriter._ids.extend(ids)
    postwriter._weights.extend(weights)
    postwriter._values.extend(v for v in values if v)
    postwriter._maxweight = max(postwriter._maxweight, max(weights))  # (the block's starts at 0)
    lengths = [n for n in map(field_length, ids) if n]
    if lengths:
        postwriter._minlength = min(lengths)
        postwriter._maxlength = max(lengths)


class FastPostingsWriter(whoosh3.W3PostingsWriter):
    """Whoosh's postings writer, with blocks that are quicker to read: :data:`BLOCK_POSTINGS` postings each (Whoosh's
    own hold 128), the documents' gaps and the weights pickled as arrays (protocol 4: their bytes, where Whoosh's
    protocol 2 pickles a tuple of numbers, one object each to make back).

    A search reads a term's postings whole (:func:`app.search.bulk.postings`): per posting that cost 535 ns in
    blocks of 128 and 187 ns in these (a third of it was per block: the header, ``zlib``, ``pickle``). The format is
    Whoosh's — a block header, then the pickled (ids, weights, values), compressed — and Whoosh's own reader reads it
    (``tests/app/test_index_equivalence.py``); an index written before keeps its blocks of 128 until it is rebuilt.
    At 50,000 items the index is 54 MB against 62. Term vectors (ids that are terms; none in our schema) are
    Whoosh's.
    """

    def __init__(self, postfile, blocklimit, byteids=False, compression=3, inlinelimit=1) -> None:
        if not byteids:
            blocklimit = max(blocklimit, BLOCK_POSTINGS)
        super().__init__(postfile, blocklimit, byteids, compression, inlinelimit)

    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        ids = self._ids  # (an array of "I": each block's gaps start from 0, as Whoosh's delta_encode does)
        gaps = [ids[0], *map(int.__sub__, ids[1:], ids[:-1])]
        top = max(gaps)
        return array(next(code for code, most in _ID_CODES if top <= most), gaps)

    def _mini_weights(self):
        if self._byteids:
            return super()._mini_weights()
        weights = self._weights
        first = weights[0]
        if weights.count(first) == len(weights):  # as Whoosh: None when all are 1, the one value when all are equal
            return None if first == 1.0 else first
        return weights  # (array "f": Whoosh's reader takes the weights of a block as they come)

    def _write_block(self, last: bool = False) -> None:
        """Whoosh's ``_write_block`` with the data pickled with protocol 4."""
        if self._byteids:
            return super()._write_block(last)
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 4)
        compression = self._compression if len(data) >= whoosh3.COMPRESSION_MIN_SIZE else 0
        if compression:
            data = zlib.compress(data, compression)
        ids = self._ids
        info = pickle.dumps((len(ids), ids[-1], self._maxweight, compression, length_to_byte(self._minlength),
                             length_to_byte(self._maxlength)), 2)
        size = len(info) + len(data)
        self._postfile.write_int(-size if last else size)  # (the last block's size is negative)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class PreloadedLengthsReader(whoosh3.W3PerDocReader):
    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
        """What Whoosh's gives (the same values), from the whole column read at once."""
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            return lambda docnum: default
        return [_LENGTHS[b] for b in reader].__getitem__


def install() -> None:
    """Make Whoosh's writers use these parts (idempotent)."""
    writing.PostingPool = GroupedPostingPool
    writing.SegmentWriter = FastSegmentWriter  # (whoosh.index imports it by name when it makes a writer)
    multiproc.SegmentWriter = FastSegmentWriter  # a parallel writer's workers
    whoosh3.W3PerDocReader = PreloadedLengthsReader
    whoosh3.W3PostingsWriter = FastPostingsWriter  # (W3Codec.postings_writer makes it by this name)
    util.register_after_fork(exit_with_parent, lambda _f: exit_with_parent())  # forked workers (Linux)
    exit_with_parent()  # a spawned worker (Windows) imports this module itself


_watching: list[int] = []  # the pid of the process whose watch is running


def exit_with_parent() -> None:
    """In a worker process: end it as soon as the process that started it is gone (killed, crashed)."""
    parent = multiprocessing.parent_process()
    if parent is None or os.getpid() in _watching:
        return
    _watching[:] = [os.getpid()]

    def watch() -> None:
        connection.wait([parent.sentinel])  # ready when the parent's end is closed: it has exited
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
