"""Reading the search index: each part of a segment read into memory once, when first used, without a map.

A Whoosh segment is one compound file (``*.seg``) of parts: terms, postings, stored columns. With a map
(Whoosh's default) its reader gives every part it opens a ``BytesIO`` of the mapped bytes, and ``BytesIO``
copies them: opening the searcher read the whole index through the map (59 MB of pages at 50,000 items) and
kept the copies besides, 100 MB more resident after the first listing than here, 58 MB more once warmed
(tests/bench/bench_index_reading.py). Without a map, Whoosh reads through one shared file handle with a seek
before each small read, which made queries about 45 % slower there.

:class:`PartsInMemory` reads a part with one read the first time a reader uses it and keeps those bytes;
every reader of that part shares them (``BytesIO`` over ``bytes`` copies nothing). Queries read from memory
as with the map, the mapped pages are gone, and a part the first listing does not need (the postings, two
thirds of the index) is not read before the first results. ``install()`` makes Whoosh's segments open their compound file
this way (``whoosh.codec.base`` makes its storage by module-level name, as ``app.search.fastwrite`` explains
for the writer's parts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from io import BytesIO

from whoosh.codec import base
from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.structfile import BufferFile


class PartsInMemory(CompoundStorage):
    """A segment's compound file, never mapped: parts read whole on first use and shared by its readers."""

    def __init__(self, dbfile, use_mmap: bool = True, basepos: int = 0) -> None:
        super().__init__(dbfile, use_mmap=False, basepos=basepos)
        self._parts: dict[str, bytes] = {}
        self._reading = threading.Lock()  # one file handle: a seek and a read must stay together

    def open_file(self, name: str, *args, **kwargs) -> BufferFile:
        if self.is_closed:
            raise StorageError("Storage was closed")
        self.range(name)  # an unknown part fails now, as in Whoosh
        return _Part(lambda: self._part(name), name)

    def _part(self, name: str) -> bytes:
        with self._reading:
            data = self._parts.get(name)
            if data is None:
                if self.is_closed:
                    raise StorageError("Storage was closed")
                offset, length = self.range(name)
                self._file.seek(offset)
                data = self._parts[name] = self._file.read(length)
            return data

    def close(self) -> None:
        with self._reading:
            self._parts.clear()
            super().close()


class _Part(BufferFile):
    """A part whose bytes are read when first used (``_buf`` or ``file``), not when its reader is made."""

    def __init__(self, load: Callable[[], bytes], name: str) -> None:  # (BufferFile.__init__ would read it now)
        self._load, self._name = load, name
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def __getattr__(self, attr: str):  # called only while _buf and file are not set yet
        if attr not in ("_buf", "file"):
            raise AttributeError(attr)
        data = self._load()
        self._buf, self.file = data, BytesIO(data)
        return data if attr == "_buf" else self.file

    def close(self) -> None:
        if "file" not in self.__dict__:  # never read: close without reading it now
            self._buf, self.file = b"", BytesIO()
        super().close()

def install() -> None:
    """Make Whoosh open segments with :class:`PartsInMemory` (idempotent)."""
    base.CompoundStorage = PartsInMemory
