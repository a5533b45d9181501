"""``Library.get_item`` and ``item_page`` read an item in one or two SQL statements (``app/itemload.py``, issue 13)
and give exactly what the ORM way gave (``tests/app/orm_item.py``, the code they replaced)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import delete, event, update

from app.content import bump_content_version
from app.db import models as m
from app.library import Library
from tests.app.orm_item import orm_get_item, orm_item_page


@contextmanager
def statements(lib: Library) -> Iterator[list[str]]:
    """The SQL statements the library's engine sends while the block runs."""
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(lib.engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(lib.engine, "before_cursor_execute", count)


def _dress(lib: Library) -> tuple[str, str]:
    """What the new reading must carry over exactly: floats that 15 digits do not hold (SQLite's JSON would round
    them), notes of the librarian and of a visit, bookmarks, a resume position, a dangling related id."""
    lesson = next(s.id for s in lib.list_items(kind="lesson"))
    practice = next(s.id for s in lib.list_items(kind="practice"))
    with lib.write_transaction() as s:
        cue = s.query(m.Cue).filter_by(item_id=lesson).order_by(m.Cue.id).first()
        cue.start, cue.end = 1 / 3, 0.1 + 0.2 + 1
        s.add(m.ItemRelation(item_id=practice, related_id="not-synced-yet", position=99))
    for item_id in (lesson, practice):
        lib.set_bookmark(item_id, True)
        lib.add_note(item_id, "whole item")
        lib.add_note(item_id, "at a point", position=0.1 + 0.2)
        lib.add_note(item_id, "a visitor's", position=7.0, visit_id="visit-1")
        lib.save_position(item_id, 2 / 3)
    return lesson, practice


def test_every_sample_item_reads_as_the_orm_read_it(sample_library: Library) -> None:
    lesson_id, practice_id = _dress(sample_library)
    items = sample_library.list_items()
    assert {s.kind for s in items} == {"practice", "lesson", "document", "event"}
    for summary in items:
        new, old = sample_library.get_item(summary.id), orm_get_item(sample_library, summary.id)
        assert new == old, summary.id
        assert list(new.translations.items()) == list(old.translations.items())  # (dicts: the order too)
        assert sample_library.item_page(summary.id) == orm_item_page(sample_library, summary.id), summary.id
    assert [s.id for s in items if sample_library.item_page(s.id).notes] in ([lesson_id, practice_id],
                                                                             [practice_id, lesson_id])
    lesson = sample_library.item_page(lesson_id)
    assert lesson.resume == 2 / 3 and 0.1 + 0.2 in [n.position for n in lesson.notes]
    assert any(c.start == 1 / 3 for c in lesson.item.cues)


def test_an_item_or_its_page_is_one_statement_and_two_with_cues_or_notes(sample_library: Library) -> None:
    by_kind = {kind: sample_library.list_items(kind=kind)[0].id for kind in ("practice", "lesson", "document", "event")}
    assert sample_library.get_item(by_kind["practice"]).cues == ()  # (the taxonomy is read once, at the first)
    for kind, item_id in by_kind.items():
        with statements(sample_library) as sent:
            sample_library.get_item(item_id)
        assert len(sent) == (2 if kind == "lesson" else 1), (kind, sent)
        with statements(sample_library) as sent:
            page = sample_library.item_page(item_id)
        assert len(sent) == (2 if kind == "lesson" else 1), (kind, sent)
        assert not page.notes
    sample_library.add_note(by_kind["lesson"], "a note beside the transcript", position=12.5)
    sample_library.add_note(by_kind["practice"], "a note")
    for item_id in (by_kind["lesson"], by_kind["practice"]):
        with statements(sample_library) as sent:
            assert sample_library.item_page(item_id).notes
        assert len(sent) == 2
    with sample_library.write_transaction() as s:  # a lesson without a transcript: no second statement
        s.execute(delete(m.Cue).where(m.Cue.item_id == by_kind["lesson"]))
    with statements(sample_library) as sent:
        assert sample_library.get_item(by_kind["lesson"]).cues == ()
    assert len(sent) == 1


def test_a_changed_taxonomy_is_read_again_once_with_the_content_version(sample_library: Library) -> None:
    item = next(d for d in map(sample_library.get_item, (s.id for s in sample_library.list_items()))
                if d.topics and len(d.region_path) == 3)
    with sample_library.write_transaction() as s:
        s.execute(update(m.Topic).where(m.Topic.id == item.topics[0].id).values(label_ky="Жаңы ат"))
        s.execute(update(m.Region).where(m.Region.id == item.region_path[0].id).values(label_ru="Новое имя"))
        bump_content_version(s)
    with statements(sample_library) as sent:
        again = sample_library.get_item(item.id)
    assert again.topics[0].ky == "Жаңы ат" and again.region_path[0].ru == "Новое имя"
    assert again == orm_get_item(sample_library, item.id)
    assert len(sent) == 2  # the item, and the taxonomy of the new version
    with statements(sample_library) as sent:
        sample_library.get_item(item.id)
    assert len(sent) == 1
