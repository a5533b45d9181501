"""Visitor mode: the librarian PIN guards settings; each visitor's notes and history go when they leave; the lock
holds when the settings file is damaged; wrong PINs make the next try wait, also after a restart."""

import dataclasses
import datetime as dt
import time

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.settings import Settings
from app.visitor import VisitorLock
from ui.kiosk import Kiosk, PinDialog, check_pin, hash_pin, valid_pin
from ui.settingsdialog import SettingsDialog
from ui.tasks import TaskManager

PIN = "2468"


def turn_on(library, *, pin: str = PIN) -> None:
    """As an older version turned it on (in the settings file): the Kiosk takes it over from there."""
    settings = Settings(library.paths)
    settings.set("kiosk_pin_hash", hash_pin(pin))
    settings.set("kiosk_enabled", True)


def answer_pin(kiosk: Kiosk, pin: str, *, then_cancel: bool = False, seen: dict | None = None) -> None:
    """While unlock() waits in its dialog: type ``pin`` into its field and press OK (like a librarian)."""

    def fill() -> None:
        dialog = kiosk.pin_dialog
        assert isinstance(dialog, PinDialog) and dialog.isVisible()
        field = dialog.findChild(QLineEdit)
        field.setText(pin)
        dialog.submit()
        if seen is not None:
            seen["error"] = dialog.error.text() if not dialog.error.isHidden() else ""
            seen["field"] = field.text()
        if then_cancel and dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, fill)


@pytest.fixture
def kiosk(qtbot, sample_library):
    made = []

    def make(**options) -> Kiosk:
        k = Kiosk(sample_library, **options)
        made.append(k)
        return k

    yield make
    for k in made:
        k.shutdown()


def test_pin_hashing() -> None:
    stored = hash_pin(PIN)
    assert PIN not in stored and stored != hash_pin(PIN)  # salted
    assert check_pin(PIN, stored) and not check_pin("2469", stored)
    assert not check_pin(PIN, "") and not check_pin(PIN, "garbage$x$y$z")
    assert valid_pin("1234") and valid_pin("123456789012")
    assert not valid_pin("123") and not valid_pin("12ab") and not valid_pin("١٢٣٤")  # Arabic-Indic digits


def test_off_means_open_and_nothing_cleared(kiosk, sample_library) -> None:
    k = kiosk()
    item = sample_library.list_items(limit=1)[0].id
    sample_library.add_note(item, "mine")
    assert not k.enabled and not k.locked
    assert k.unlock(None) is True and k.pin_dialog is None
    k.visitor_done()
    assert len(sample_library.notes()) == 1
    assert not k.done_action.isVisible()


def test_wrong_pin_fails_right_pin_unlocks(qtbot, kiosk, sample_library) -> None:
    turn_on(sample_library)
    k = kiosk()
    assert k.enabled and k.locked and k.done_action.isVisible()
    seen: dict = {}
    answer_pin(k, "1111", then_cancel=True, seen=seen)
    assert k.unlock(None) is False
    assert "not right" in seen["error"] and seen["field"] == ""
    assert k.locked

    with qtbot.waitSignal(k.locked_changed) as blocker:
        answer_pin(k, PIN)
        assert k.unlock(None) is True
    assert blocker.args == [False] and not k.locked
    assert k.unlock(None) is True and k.pin_dialog is None  # still open for a while: no second question
    with qtbot.waitSignal(k.locked_changed) as blocker:
        k.lock()
    assert blocker.args == [True] and k.locked


def test_settings_are_guarded(qtbot, kiosk, sample_library) -> None:
    turn_on(sample_library)
    k = kiosk()
    opened: list = []

    def open_settings() -> SettingsDialog:
        dialog = SettingsDialog(sample_library)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        return dialog

    answer_pin(k, "0000", then_cancel=True)
    assert k.guarded(None, open_settings) is None and opened == []
    answer_pin(k, PIN)
    assert isinstance(k.guarded(None, open_settings), SettingsDialog) and len(opened) == 1


def test_too_many_wrong_tries_make_them_wait(qtbot, kiosk, sample_library) -> None:
    turn_on(sample_library)
    k = kiosk(max_tries=3, wait_seconds=60)
    assert not k.try_pin("1") and not k.try_pin("2") and k.seconds_blocked() == 0
    assert not k.try_pin("3") and k.seconds_blocked() > 50
    assert not k.try_pin(PIN)  # even the right PIN waits
    seen: dict = {}
    answer_pin(k, PIN, then_cancel=True, seen=seen)
    assert k.unlock(None) is False and "Wait" in seen["error"]


def test_visitor_done_clears_only_the_visit(qtbot, kiosk, sample_library) -> None:
    lib = sample_library
    a, b, c = (i.id for i in lib.list_items(limit=3))
    before = lib.add_note(a, "librarian's note")
    lib.record_opened(a, position=5.0)
    lib.set_bookmark(a)
    time.sleep(0.01)
    turn_on(lib)  # the visit starts when visitor mode is turned on
    tasks = TaskManager()
    k = kiosk(tasks=tasks)
    visit = k.visit_id
    assert visit
    lib.add_note(b, "visitor's note", visit_id=visit)
    lib.record_opened(c, position=30.0, visit_id=visit)
    lib.record_opened(a, position=77.0, visit_id=visit)  # the librarian's entry: left as it was
    lib.set_bookmark(c, visit_id=visit)
    answer_pin(k, PIN)
    assert k.unlock(None)
    with qtbot.waitSignal(k.visitor_left, timeout=10_000):
        k.done_action.trigger()
    tasks.wait()
    assert [n.id for n in lib.notes()] == [before.id]
    assert [h[0] for h in lib.history()] == [a] and lib.bookmarks() == [a] and lib.resume_position(a) == 5.0
    assert k.locked  # the next visitor does not inherit the librarian's unlock
    assert k.visit_id and k.visit_id != visit and VisitorLock(lib).load().uncleared == ()
    # the next visit starts afresh: the next visitor's note is theirs alone
    lib.add_note(b, "next visitor", visit_id=k.visit_id)
    with qtbot.waitSignal(k.visitor_left, timeout=10_000):
        k.visitor_done()
    tasks.wait()
    assert [n.text for n in lib.notes()] == ["librarian's note"]


def test_a_quiet_spell_ends_the_visit(qtbot, kiosk, sample_library) -> None:
    lib = sample_library
    turn_on(lib)
    k = kiosk(idle_minutes=0.01)  # 0.6 s
    with qtbot.waitSignal(k.visitor_left, timeout=5000):
        pass  # leftovers of an interrupted visit: cleared at the first quiet spell
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    item = lib.list_items(limit=1)[0].id
    lib.add_note(item, "visitor typing", visit_id=k.visit_id)
    # the visitor keeps using the PC for twice the quiet spell: input resets it
    for _ in range(6):
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        QApplication.sendEvent(widget, key)
        last_input = time.monotonic()
        qtbot.wait(200)
    assert len(lib.notes()) == 1, "cleared while the visitor was still typing"
    with qtbot.waitSignal(k.visitor_left, timeout=5000):
        pass
    assert time.monotonic() - last_input >= 0.6
    assert lib.notes() == []
    # no input since: no more clearing
    with qtbot.assertNotEmitted(k.visitor_left, wait=1500):
        pass


def test_a_damaged_or_missing_settings_file_keeps_it_locked(qtbot, kiosk, sample_library) -> None:
    """Before, a settings file that failed to parse meant "no PIN": visitor mode was simply off."""
    turn_on(sample_library)
    k = kiosk()
    assert k.locked
    settings_file = sample_library.paths.settings_file
    settings_file.write_text('{"kiosk_enabled": tr', encoding="utf-8")  # cut short, as by a power cut
    k.reload()
    assert k.enabled and k.locked
    assert kiosk().locked  # the next start too
    settings_file.unlink(missing_ok=True)
    k2 = kiosk()
    assert k2.locked and not k2.try_pin("0000")
    assert k2.try_pin(PIN) and not k2.locked  # the same PIN still opens it


def test_five_wrong_pins_make_the_next_try_wait_also_after_a_restart(qtbot, kiosk, sample_library) -> None:
    turn_on(sample_library)
    k = kiosk()
    for wrong in ("1111", "2222", "3333", "4444"):
        assert not k.try_pin(wrong) and k.seconds_blocked() == 0
    assert not k.try_pin("5555") and 55 <= k.seconds_blocked() <= 60
    assert not k.try_pin(PIN)  # even the right PIN waits
    k.shutdown()
    restarted = kiosk()  # the program was closed and started again
    assert 55 <= restarted.seconds_blocked() <= 60 and not restarted.try_pin(PIN)
    seen: dict = {}
    answer_pin(restarted, PIN, then_cancel=True, seen=seen)
    assert restarted.unlock(None) is False and "Wait" in seen["error"]
    # the minute is over (the test plays the clock): one more wrong PIN doubles the wait
    store = VisitorLock(sample_library)
    store.save(dataclasses.replace(store.load(), blocked_until=time.time() - 1))
    restarted._blocked_until = 0.0  # and the in-process timer with it
    assert restarted.seconds_blocked() == 0
    assert not restarted.try_pin("6666") and 115 <= restarted.seconds_blocked() <= 120
    assert 115 <= kiosk().seconds_blocked() <= 120
    answer_pin(restarted, PIN, then_cancel=True, seen=seen)
    assert restarted.unlock(None) is False and "Wait 2 minute" in seen["error"]
    store.save(dataclasses.replace(store.load(), blocked_until=time.time() - 1))
    after = kiosk()
    assert after.try_pin(PIN) and not after.locked
    assert VisitorLock(sample_library).load().failures == 0  # a right PIN starts the count again


def test_a_clock_set_back_never_clears_the_librarians_notes(qtbot, kiosk, sample_library) -> None:
    """Before, the visit's start time decided: notes the librarian wrote while the clock was ahead (2031) were
    cleared with the visitor's, and a visit that began "in the future" cleared nothing of the visitor's."""
    lib = sample_library
    a, b = (i.id for i in lib.list_items(limit=2))
    turn_on(lib)
    settings = Settings(lib.paths)
    settings.set("kiosk_visit_started", dt.datetime(2031, 1, 1).isoformat())  # a visit begun "in the future"
    k = kiosk()
    # turned on by an older version: what the librarian wrote before has no visit id, whatever its time
    k.visitor_done()
    librarian = lib.add_note(a, "librarian's note")
    with lib._write() as s:  # the clock was ahead when she wrote it
        from sqlalchemy import update

        from app.db import models as m

        s.execute(update(m.Note).values(created_at=dt.datetime(2031, 6, 1), updated_at=dt.datetime(2031, 6, 1)))
    lib.add_note(b, "visitor's note", visit_id=k.visit_id)  # the clock now says 2026: "before" both
    with qtbot.waitSignal(k.visitor_left, timeout=10_000):
        k.visitor_done()
    assert [n.id for n in lib.notes()] == [librarian.id]
