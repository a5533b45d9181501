"""Visitor mode is visible: a strip across the window says it is on and what "I'm done" clears, "Librarian…"
carries a lock, and the PIN dialog says what the PIN protects, shows a wrong PIN in red and what to do after a
forgotten one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from app import paths as app_paths
from app.settings import Settings
from app.visitor import VisitorLock
from ui.app import start
from ui.kiosk import PinDialog, hash_pin

PIN = "2468"


def open_in_visitor_mode(qtbot, folder: Path):
    settings = Settings(app_paths.resolve(folder))
    settings.set("kiosk_pin_hash", hash_pin(PIN, iterations=1000))
    settings.set("kiosk_enabled", True)
    window = start(str(folder), import_sample=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.kiosk is not None and window.search_page.response is not None, timeout=20000)
    return window


def test_the_strip_says_visitor_mode_is_on_and_i_am_done_clears_the_visit(qtbot, sample_dir: Path) -> None:
    window = open_in_visitor_mode(qtbot, sample_dir)
    strip = window.visitor_strip
    assert strip.isVisible() and strip.y() < window.stack.mapTo(window, window.stack.rect().topLeft()).y()
    assert "Visitor mode is on" in strip.text.text()
    words = strip.done_button.text()
    assert "done" in words and "notes" in words and "bookmarks" in words and "history" in words
    assert window.done_action not in window.toolbar.actions()  # one "I'm done", the strip's
    assert not window.librarian_action.icon().isNull() and window.librarian_action.isVisible()
    # a visitor's note and bookmark go when they press the strip's button
    visit = window.kiosk.visit_id
    window.library.set_bookmark("water-kochkor-ru", visit_id=visit)
    with qtbot.waitSignal(window.kiosk.visitor_left, timeout=10000):
        qtbot.mouseClick(strip.done_button, Qt.MouseButton.LeftButton)
    assert "water-kochkor-ru" not in window.library.bookmarks()
    # the librarian unlocked: the strip says so; visitor mode turned off: the strip goes
    assert window.kiosk.try_pin(PIN)
    qtbot.waitUntil(lambda: "unlocked" in strip.text.text(), timeout=5000)
    Settings(window.library.paths).set("kiosk_enabled", False)
    VisitorLock(window.library).update(enabled=False)  # as the settings dialog turns it off
    window.kiosk.reload()
    qtbot.waitUntil(lambda: not strip.isVisible(), timeout=5000)
    window.close()


def test_the_pin_dialog_says_what_it_protects_and_shows_errors_in_red(qtbot, sample_dir: Path) -> None:
    window = open_in_visitor_mode(qtbot, sample_dir)
    dialog = PinDialog(window.kiosk, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Settings" in dialog.prompt.text() and "updates" in dialog.prompt.text()
    assert "visitor-off" in dialog.forgotten.text()
    dialog.pin.setText("1111")
    dialog.submit()
    assert dialog.error.isVisible() and "not right" in dialog.error.text()
    red = dialog.error.palette().color(QPalette.ColorRole.WindowText)
    assert red.red() > 150 and red.green() < 90 and red.blue() < 90
    dialog.reject()
    window.close()
