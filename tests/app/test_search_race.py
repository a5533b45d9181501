"""Searches from several threads while a sync changes the index (the app's read queue, the reading room's
server threads): none reads another's bytes or a closed file (CorruptIndexError / EOFError before the search lock
in app/search/manager.py; seen from the reading room under load)."""

from __future__ import annotations

import dataclasses
import threading
import time

from app.authoring import load_folder
from app.library import Library
from app.syncstore import SyncStore
from app.values import SearchRequest
from tests.conftest import SAMPLE


def test_searches_while_the_index_changes(sample_library: Library) -> None:
    lib = sample_library
    records = [r for r in load_folder(SAMPLE).items if r.kind == "practice"][:4]
    errors: list[BaseException] = []
    stop = threading.Event()
    searches = 0

    def search() -> None:
        nonlocal searches
        while not stop.is_set():
            try:
                for word in ("вода", "бюджет", "суу", "жаштар", "water"):
                    lib.search_index.search(SearchRequest(text=word))
                    searches += 1
            except BaseException as e:  # noqa: BLE001 — reported below
                errors.append(e)
                return

    threads = [threading.Thread(target=search, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    store = SyncStore(lib)
    deadline, rounds = time.monotonic() + 6, 0
    while time.monotonic() < deadline and not errors:
        rounds += 1
        store.apply(feed_id="race", upserts=[dataclasses.replace(r, id=f"{r.id}-race", title=f"{r.title} {rounds}",
                                                                 translation_of=None, related=()) for r in records])
    stop.set()
    for t in threads:
        t.join(10)
    assert not errors, repr(errors[0])
    assert rounds > 3 and searches > 20
