"""Visitor (kiosk) mode in the core: what a visit wrote is cleared by its id, what was there before is kept; the
lock state outlives a damaged settings file."""

import dataclasses
import datetime as dt
import json

import pytest
from sqlalchemy import update

from app.db import models as m
from app.settings import Settings
from app.visitor import LOCK_FILE, LockState, VisitorLock, check_pin, hash_pin, next_wait

VISIT = "visit-1"


def _some_items(lib, n: int) -> list[str]:
    return [i.id for i in lib.list_items(limit=n)]


def _set_times(lib, model, when: dt.datetime, columns: tuple[str, ...]) -> None:
    """Give rows other times, as a PC clock set wrong would have written them (the test plays the clock)."""
    with lib._write() as s:
        s.execute(update(model).values(dict.fromkeys(columns, when)))


def test_clear_visitor_data_deletes_the_visit_and_keeps_what_was_there_before(sample_library) -> None:
    lib = sample_library
    a, b, c, d = _some_items(lib, 4)
    kept_note = lib.add_note(a, "librarian's note")
    lib.record_opened(a, position=12.0)
    lib.record_opened(b, position=7.0)
    lib.set_bookmark(a)
    # the visit
    visitor_note = lib.add_note(b, "visitor's note", visit_id=VISIT)
    lib.add_note(c, "another visitor note", position=3.0, visit_id=VISIT)
    lib.record_opened(c, position=40.0, visit_id=VISIT)
    lib.record_opened(b, position=99.0, visit_id=VISIT)  # the librarian's row: left as it was
    lib.save_position(a, 50.0, visit_id=VISIT)
    lib.set_bookmark(d, visit_id=VISIT)
    lib.set_bookmark(a, visit_id=VISIT)  # already the librarian's: stays hers
    assert visitor_note.visit_id == VISIT and kept_note.visit_id is None
    assert lib.resume_position(b) == 7.0 and lib.resume_position(a) == 12.0

    deleted = lib.clear_visitor_data(visit_id=VISIT)

    assert deleted == 2 + 1 + 1
    assert [n.id for n in lib.notes()] == [kept_note.id]
    assert sorted(h[0] for h in lib.history()) == sorted([a, b])
    assert lib.resume_position(a) == 12.0 and lib.resume_position(b) == 7.0
    assert lib.bookmarks() == [a]
    stats = lib.stats()
    assert (stats.notes, stats.history, stats.bookmarks) == (1, 2, 1)
    assert lib.clear_visitor_data(visit_id="another-visit") == 0
    with pytest.raises(ValueError):
        lib.clear_visitor_data(visit_id="")  # never "every row without an id"


def test_a_clock_set_back_never_deletes_the_librarians_notes(sample_library) -> None:
    """Before, a visit cleared everything written after its start time: a librarian's note written while the
    clock said 2031 (or a visit that began when the clock said 2000) was deleted with the visitor's."""
    lib = sample_library
    a, b = _some_items(lib, 2)
    lib.add_note(a, "librarian's note")
    lib.record_opened(a, position=5.0)
    lib.set_bookmark(a)
    future = dt.datetime(2031, 1, 1)  # the librarian wrote while the clock was ahead (or the visit began behind)
    _set_times(lib, m.Note, future, ("created_at", "updated_at"))
    _set_times(lib, m.HistoryEntry, future, ("first_opened_at", "last_opened_at"))
    _set_times(lib, m.Bookmark, future, ("created_at",))
    theirs = lib.add_note(b, "visitor's note", visit_id=VISIT)
    lib.record_opened(b, visit_id=VISIT)
    assert theirs.created_at < lib.notes(a)[0].created_at  # the visitor's note looks older than the librarian's

    assert lib.clear_visitor_data(visit_id=VISIT) == 2
    assert [n.text for n in lib.notes()] == ["librarian's note"]
    assert [h[0] for h in lib.history()] == [a] and lib.bookmarks() == [a]


def test_a_locked_visitor_deletes_only_their_own_notes(sample_library) -> None:
    lib = sample_library
    a = _some_items(lib, 1)[0]
    mine = lib.add_note(a, "librarian's note")
    theirs = lib.add_note(a, "visitor's note", visit_id=VISIT)
    assert lib.delete_note(mine.id, visit_id=VISIT) is False
    assert lib.delete_note(theirs.id, visit_id="someone-else") is False
    assert lib.delete_note(theirs.id, visit_id=VISIT) is True
    assert [n.id for n in lib.notes()] == [mine.id]
    assert lib.delete_note(mine.id) is True  # the librarian (no visit given) deletes any note


# --- the lock state -------------------------------------------------------------------------------------


def turn_on(lib, pin: str = "2468") -> LockState:
    return VisitorLock(lib).update(enabled=True, pin_hash=hash_pin(pin, iterations=1000))


def test_a_damaged_or_missing_settings_file_leaves_visitor_mode_on(sample_library) -> None:
    lib = sample_library
    settings_file = lib.paths.settings_file
    turn_on(lib)
    for damage in ("{ not json", "", "[]"):
        settings_file.write_text(damage, encoding="utf-8")
        assert Settings(lib.paths).get("kiosk_enabled") is False  # the settings themselves fall back
        state = VisitorLock(lib).load()
        assert state.enabled and check_pin("2468", state.pin_hash)
    settings_file.unlink(missing_ok=True)
    assert VisitorLock(lib).load().enabled


def test_a_damaged_or_deleted_lock_file_comes_back_from_the_database(sample_library) -> None:
    lib = sample_library
    on = turn_on(lib)
    store = VisitorLock(lib)
    store.file.write_text('{"enabled": fal', encoding="utf-8")
    state = store.load()
    assert state.enabled and state.pin_hash == on.pin_hash and state.visit_id
    assert store.file.with_name(LOCK_FILE + ".damaged").exists()
    assert json.loads(store.file.read_text(encoding="utf-8"))["enabled"] is True  # repaired
    store.file.unlink()
    assert store.load().enabled and store.load().pin_hash == on.pin_hash


def test_a_damaged_lock_file_with_nothing_else_stays_locked(sample_library) -> None:
    store = VisitorLock(sample_library)
    store.file.write_text("\x00\x00garbage", encoding="utf-8")
    state = store.load()
    assert state.enabled and state.pin_hash == ""  # on, and no PIN opens it: a damaged file is not "no PIN"


def test_older_settings_are_taken_over_once(sample_library) -> None:
    lib = sample_library
    settings = Settings(lib.paths)
    stored = hash_pin("2468", iterations=1000)
    settings.set("kiosk_pin_hash", stored)
    settings.set("kiosk_enabled", True)
    state = VisitorLock(lib).load()
    assert state.enabled and state.pin_hash == stored and state.visit_id
    settings.set("kiosk_enabled", False)  # the settings no longer decide
    assert VisitorLock(lib).load().enabled
    off = VisitorLock(lib).update(enabled=False)
    assert not off.enabled and off.visit_id == "" and off.pin_hash == stored  # the PIN stays for next time


def test_turning_on_starts_a_new_visit(sample_library) -> None:
    store = VisitorLock(sample_library)
    first = turn_on(sample_library)
    store.update(enabled=False)
    second = turn_on(sample_library)
    assert first.visit_id and second.visit_id and first.visit_id != second.visit_id


def test_the_wait_grows_and_a_clock_set_back_does_not_stretch_it() -> None:
    assert [next_wait(n) for n in range(1, 9)] == [0, 0, 0, 0, 60, 120, 240, 480]
    assert next_wait(40) == 3600  # at most an hour
    state = LockState(enabled=True, failures=5, blocked_until=1000.0 + 60, wait=60)
    assert state.seconds_blocked(now=1000.0) == 60
    assert state.seconds_blocked(now=1000.0 - 86400) == 60  # clock set back a day: still one minute
    assert state.seconds_blocked(now=1061.0) == 0
    assert dataclasses.replace(state, wait=0).seconds_blocked(now=1000.0) == 0


def test_a_forgotten_pin_is_reset_from_the_command_line(sample_dir) -> None:
    from app.library import Library
    from tests.app.test_cli import kitepkana

    with Library.open(sample_dir) as lib:
        turn_on(lib)
        store = VisitorLock(lib)
        store.save(dataclasses.replace(store.load(), failures=7, blocked_until=9e9, wait=3600))
    out = kitepkana("--data-dir", str(sample_dir), "visitor-off")
    assert out.returncode == 0, out.stderr
    assert "Visitor mode is off" in out.stdout
    with Library.open(sample_dir) as lib:
        state = VisitorLock(lib).load()
        assert not state.enabled and state.pin_hash == "" and state.seconds_blocked() == 0
        VisitorLock(lib).file.unlink()  # and the database copy agrees
        assert not VisitorLock(lib).load().enabled
