"""Screens ask the core for what they show: ``Library.item_page`` (an item with its related items, bookmark,
notes and resume position) and ``Library.summaries`` (many items in one query, in the order asked)."""

from __future__ import annotations

import pytest

from app.errors import NotFoundError
from app.library import Library


def test_item_page_holds_what_the_reader_and_player_show(sample_library: Library) -> None:
    item = next(i for i in (sample_library.get_item(s.id) for s in sample_library.list_items()) if len(i.related) > 1)
    sample_library.set_bookmark(item.id, True)
    sample_library.add_note(item.id, "first")
    sample_library.add_note(item.id, "second", position=3.0)
    sample_library.save_position(item.id, 42.5)
    page = sample_library.item_page(item.id)
    assert page.item == sample_library.get_item(item.id)
    assert [r.id for r in page.related] == [r for r in item.related if r in {s.id for s in sample_library.list_items()}]
    assert all(r.title for r in page.related)
    assert page.bookmarked and [n.text for n in page.notes] == ["first", "second"] and page.resume == 42.5
    other = sample_library.item_page(page.related[0].id)
    assert not other.bookmarked and other.notes == () and other.resume is None
    with pytest.raises(NotFoundError):
        sample_library.item_page("no-such-item")


def test_summaries_keep_the_order_asked_and_skip_what_is_gone(sample_library: Library) -> None:
    ids = [s.id for s in sample_library.list_items()][:7]
    asked = [ids[3], "gone", ids[0], ids[3], ids[6]]
    got = sample_library.summaries(asked)
    assert [s.id for s in got] == [ids[3], ids[0], ids[6]]
    by_id = {s.id: s for s in sample_library.list_items()}
    assert got == [by_id[i] for i in (ids[3], ids[0], ids[6])]
    assert sample_library.summaries([]) == []


def test_thumbnails_name_each_items_first_thumbnail_on_this_pc(sample_library: Library) -> None:
    items = sample_library.list_items()
    expected = {}
    for summary in items:
        thumb = next((f for f in sample_library.get_item(summary.id).files if f.role == "thumbnail" and f.present),
                     None)
        if thumb is not None:
            expected[summary.id] = sample_library.media_path(thumb.sha256)
    assert len(expected) >= 6  # the lessons at least
    assert sample_library.thumbnails([*(s.id for s in items), "no-such-item"]) == expected
    assert all(path.is_file() for path in expected.values())
    assert sample_library.thumbnails([]) == {}
