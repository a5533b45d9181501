"""Visitor mode: the librarian PIN guards settings; each visitor's notes and history go when they leave."""

import time

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.settings import Settings
from ui.kiosk import Kiosk, PinDialog, check_pin, hash_pin, valid_pin
from ui.settingsdialog import SettingsDialog
from ui.tasks import TaskManager

PIN = "2468"


def turn_on(library, *, pin: str = PIN) -> None:
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
    time.sleep(0.01)
    lib.add_note(b, "visitor's note")
    lib.record_opened(c, position=30.0)
    lib.set_bookmark(c)
    answer_pin(k, PIN)
    assert k.unlock(None)
    with qtbot.waitSignal(k.visitor_left, timeout=10_000):
        k.done_action.trigger()
    tasks.wait()
    assert [n.id for n in lib.notes()] == [before.id]
    assert [h[0] for h in lib.history()] == [a] and lib.bookmarks() == [a]
    assert k.locked  # the next visitor does not inherit the librarian's unlock
    # the next visit starts afresh: the next visitor's note is theirs alone
    lib.add_note(b, "next visitor")
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
    lib.add_note(item, "visitor typing")
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
