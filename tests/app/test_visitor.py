"""Visitor (kiosk) mode in the core: what a visitor wrote is cleared, what was there before is kept."""

import datetime as dt
import time

from app.content import utcnow


def _some_items(lib, n: int) -> list[str]:
    return [i.id for i in lib.list_items(limit=n)]


def test_clear_visitor_data_keeps_what_was_there_before(sample_library) -> None:
    lib = sample_library
    a, b, c, d = _some_items(lib, 4)
    kept_note = lib.add_note(a, "librarian's note")
    lib.record_opened(a, position=12.0)
    lib.record_opened(b)
    lib.set_bookmark(a)
    time.sleep(0.01)
    since = utcnow()
    time.sleep(0.01)
    # the visit
    lib.add_note(b, "visitor's note")
    lib.add_note(c, "another visitor note", position=3.0)
    lib.record_opened(c, position=40.0)
    lib.record_opened(b)  # reopened: its entry now tells what the visitor read
    lib.set_bookmark(d)

    deleted = lib.clear_visitor_data(since=since)

    assert deleted == 2 + 2 + 1
    assert [n.id for n in lib.notes()] == [kept_note.id]
    assert [h[0] for h in lib.history()] == [a]
    assert lib.resume_position(a) == 12.0
    assert lib.bookmarks() == [a]
    stats = lib.stats()
    assert (stats.notes, stats.history, stats.bookmarks) == (1, 1, 1)


def test_bookmarks_can_be_kept_and_aware_times_work(sample_library) -> None:
    lib = sample_library
    a, b = _some_items(lib, 2)
    since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)  # timezone-aware: converted to stored UTC
    lib.set_bookmark(a)
    lib.add_note(b, "x")
    assert lib.clear_visitor_data(since=since, bookmarks=False) == 1
    assert lib.bookmarks() == [a] and lib.notes() == []
    # nothing written after a later moment: nothing to clear
    assert lib.clear_visitor_data(since=utcnow() + dt.timedelta(seconds=5)) == 0
    assert lib.bookmarks() == [a]
