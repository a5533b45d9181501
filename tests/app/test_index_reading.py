"""The search index is read into memory part by part when first used, never mapped (app/search/reading.py).

With Whoosh's map, opening the searcher read every part of every segment through the map and copied it, so
the whole index sat in memory twice before the first results.
"""

import sys
from pathlib import Path

import pytest

from app.library import Library
from app.search.reading import PartsInMemory
from app.values import SearchRequest


def ids(response) -> list[str]:
    return [h.id for h in response.hits]


def segment_storages(lib: Library) -> list[PartsInMemory]:
    reader = lib.search_index.index.searcher().reader()
    storages = [getattr(r._storage, "a", r._storage) for r in getattr(reader, "readers", [reader])]  # (OverlayStorage)
    assert storages and all(isinstance(s, PartsInMemory) for s in storages)
    return storages


def mapped_segments(folder: Path) -> list[str]:
    maps = Path("/proc/self/maps").read_text()
    return [line for line in maps.splitlines() if str(folder) in line and line.endswith(".seg")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_no_segment_file_is_mapped(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        assert "water-ru" in ids(lib.search(SearchRequest("водопровод")))
        lib.search(SearchRequest())
        assert mapped_segments(tmp_path / "lib") == []


def test_parts_are_read_when_first_used_and_shared(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        lib.search(SearchRequest())  # the first listing: no word is looked up
        storages = segment_storages(lib)
        assert not [name for s in storages for name in s._parts if name.endswith(".pst")]  # the postings
        assert "water-ru" in ids(lib.search(SearchRequest("водопровод")))
        read = {name: data for s in storages for name, data in s._parts.items()}
        assert [name for name in read if name.endswith(".pst")]
        assert "water-ru" in ids(lib.search(SearchRequest("водопровод")))  # again: the same bytes, not read a second time
        assert all(s._parts[name] is read[name] for s in storages for name in s._parts if name in read)
