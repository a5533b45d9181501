"""The results' thumbnails ask the library once for a whole page of rows (Library.thumbnails), not an item's whole
detail per row: counted on the engine, a page of lessons costs one SELECT."""

from __future__ import annotations

import threading

from sqlalchemy import event

from app.library import Library
from ui.results import ResultRow, ThumbnailCache


def test_a_page_of_thumbnails_is_one_query(qtbot, sample_library: Library, tasks) -> None:
    lessons = sample_library.list_items(kind="lesson")
    assert len(lessons) == 6
    rows = [ResultRow(id=i.id, kind=i.kind, lang=i.lang, title=i.title) for i in lessons]
    rows.append(ResultRow(id="no-such-lesson", kind="lesson", lang="ru", title="Gone since the search"))
    statements: list[str] = []
    lock = threading.Lock()

    def count(_conn, _cursor, statement: str, *_args) -> None:  # on the worker's thread
        with lock:
            statements.append(statement)

    cache = ThumbnailCache(tasks)
    event.listen(sample_library.engine, "before_cursor_execute", count)
    try:
        with qtbot.waitSignal(cache.updated, timeout=10_000):
            cache.request(sample_library, rows)
        asked = len(statements)
        cache.request(sample_library, rows)  # each row is asked once
        assert len(statements) == asked and not tasks.busy()
    finally:
        event.remove(sample_library.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1, selects  # before: a get_item per row, each several SELECTs
    assert all(cache.pixmap(i.id) is not None and cache.pixmap(i.id).width() > 50 for i in lessons)
    assert cache.pixmap("no-such-lesson") is None
