"""Visitor (kiosk) mode for shared library PCs.

When it is on (settings ``kiosk_enabled`` with a PIN set):

- settings, updates and deletions need the librarian PIN: the window calls ``kiosk.unlock(self)`` (or
  ``kiosk.guarded(self, action)``) before them. A right PIN unlocks for a few minutes, or until the
  visitor leaves; three wrong tries in a row make the next try wait half a minute.
- What a visitor leaves behind (notes, reading history, bookmarks) is cleared when they leave: the
  "I am done" action (``visitor_done()``), or a quiet spell of ``kiosk_idle_minutes`` without mouse or
  keyboard input (an event filter on the QApplication notices input). ``visitor_left`` is emitted
  afterwards, so the window can go back to its start page.

The moment the current visit began is kept in the settings (``kiosk_visit_started``), so a visit cut
short by a power cut is still cleared at the next quiet spell. Everything written after that moment is
cleared — also by a librarian working on the PC while it is in visitor mode: to keep notes, turn visitor
mode off first. With visitor mode off nothing is ever cleared.

The PIN is stored as a salted PBKDF2-SHA256 hash (``hash_pin``/``check_pin``), never the PIN itself. A
forgotten PIN: remove ``kiosk_pin_hash`` from settings.json in the config folder (``kitepkana paths``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings

PIN_MIN, PIN_MAX = 4, 12
PIN_ITERATIONS = 200_000  # ~0.1–0.3 s on an old PC: slow enough to make guessing from a copied file costly
_SCHEME = "pbkdf2_sha256"
_INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.KeyPress,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
                           QEvent.Type.TabletPress})


def utcnow() -> dt.datetime:
    """Naive UTC, as the library stores times (``app.content.utcnow``, without importing SQLAlchemy)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits: easy to type on any keyboard layout."""
    return pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def hash_pin(pin: str, *, iterations: int = PIN_ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    b64 = lambda b: base64.b64encode(b).decode("ascii")
    return f"{_SCHEME}${iterations}${b64(salt)}${b64(digest)}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest)
        got = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except ValueError:  # a damaged entry never matches
        return False
    return hmac.compare_digest(got, expected)


class PinDialog(QDialog):
    """Asks the librarian PIN. It closes as accepted only when the PIN is right."""

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self.pin))
        self.prompt.setBuddy(self.pin)
        self.error = QLabel()
        self.error.setWordWrap(True)
        font = self.error.font()
        font.setBold(True)  # bold, not a colour: also seen by people who do not tell red from green
        self.error.setFont(font)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.prompt, self.pin, self.error, self.buttons):
            layout.addWidget(w)
        # wide enough for the longer Kyrgyz and Russian sentences, measured in the system font; the
        # dialog grows to fit the wrapped message (a wrapped label alone would be cut off)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Librarian PIN"))
        self.prompt.setText(self.tr("This needs the librarian. Enter the librarian &PIN:"))
        self.pin.setAccessibleName(self.tr("Librarian PIN"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()

    def submit(self) -> None:
        """Check the PIN typed in; accept when right, else say what is wrong and let them try again."""
        wait = self.kiosk.seconds_blocked()
        if wait:
            self._say(self.tr("Too many wrong tries. Wait %n second(s) and try again.", "", wait))
            return
        if self.kiosk.try_pin(self.pin.text()):
            self.accept()
            return
        self.pin.clear()
        self.pin.setFocus()
        wait = self.kiosk.seconds_blocked()
        if wait:
            self._say(self.tr("Too many wrong tries. Wait %n second(s) and try again.", "", wait))
        else:
            self._say(self.tr("That PIN is not right. Try again."))


class Kiosk(QObject):
    """Visitor mode: the librarian PIN guard and clearing what each visitor leaves behind."""

    locked_changed = Signal(bool)
    visitor_left = Signal()

    def __init__(self, library, parent: QObject | None = None, *, tasks=None,
                 idle_minutes: float | None = None, unlock_minutes: float = 5, max_tries: int = 3,
                 wait_seconds: int = 30) -> None:
        """``tasks`` (ui.tasks.TaskManager) runs the clearing off the UI thread; ``idle_minutes`` overrides
        the setting (tests use a fraction of a minute)."""
        super().__init__(parent)
        self.library = library
        self.tasks = tasks
        self.settings = Settings(library.paths)
        self.idle_minutes_override = idle_minutes
        self.max_tries, self.wait_seconds = max_tries, wait_seconds
        self.pin_dialog: PinDialog | None = None  # the open PIN dialog, if any
        self._unlocked = False
        self._wrong_tries = 0
        self._blocked_until = 0.0
        self._last_input = time.monotonic()
        # leftovers of a visit cut short (power cut, crash) are cleared at the first quiet spell
        self._input_since_clear = True
        self._filtering = False
        self._clearing = False
        self._relock = QTimer(self)
        self._relock.setSingleShot(True)
        self._relock.setInterval(int(unlock_minutes * 60_000))
        self._relock.timeout.connect(self.lock)
        self._idle_timer = QTimer(self)
        self._idle_timer.timeout.connect(self._check_idle)
        self.done_action = QAction(self)
        self.done_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.done_action.triggered.connect(self.visitor_done)
        self._was_locked = False
        self.reload()

    # --- state ---------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """Visitor mode is on (and has a PIN: without one nobody could ever unlock it)."""
        return bool(self.settings.get("kiosk_enabled") and self.settings.get("kiosk_pin_hash"))

    @property
    def locked(self) -> bool:
        return self.enabled and not self._unlocked

    def idle_minutes(self) -> float:
        if self.idle_minutes_override is not None:
            return self.idle_minutes_override
        return max(1, self.settings.get("kiosk_idle_minutes"))

    def reload(self) -> None:
        """Re-read the settings (call after the settings dialog saved them)."""
        self.settings.load()
        on = self.enabled
        if on and not self.settings.get("kiosk_visit_started"):
            # just turned on: what was written before belongs to the library, not to a visitor
            self.settings.set("kiosk_visit_started", utcnow().isoformat())
        app = QApplication.instance()
        if on and not self._filtering and app is not None:
            app.installEventFilter(self)
            self._filtering = True
        elif not on and self._filtering and app is not None:
            app.removeEventFilter(self)
            self._filtering = False
        if on:
            idle_ms = self.idle_minutes() * 60_000
            self._idle_timer.start(int(min(max(idle_ms / 4, 50), 15_000)))
        else:
            self._idle_timer.stop()
            self._unlocked = False
        self.done_action.setVisible(on)
        self.done_action.setEnabled(on)
        self.retranslate()
        self._emit_locked()

    def retranslate(self) -> None:
        self.done_action.setText(self.tr("I am &done — clear my notes"))
        self.done_action.setToolTip(self.tr("Clears the notes, bookmarks and reading history of this visit "
                                            "for the next visitor"))

    def _emit_locked(self) -> None:
        now = self.locked
        if now != self._was_locked:
            self._was_locked = now
            self.locked_changed.emit(now)

    def visit_started(self) -> dt.datetime:
        """When the current visit began (naive UTC, as the library stores times)."""
        try:
            return dt.datetime.fromisoformat(self.settings.get("kiosk_visit_started"))
        except ValueError:
            return utcnow()

    # --- the PIN -------------------------------------------------------------------------------

    def seconds_blocked(self) -> int:
        return max(0, int(self._blocked_until - time.monotonic() + 0.999))

    def try_pin(self, pin: str) -> bool:
        """Check a PIN; a right one unlocks. Counts wrong tries (a wait after ``max_tries``)."""
        if not self.enabled:
            return True
        if self.seconds_blocked():
            return False
        if check_pin(pin, self.settings.get("kiosk_pin_hash")):
            self._wrong_tries = 0
            self._unlocked = True
            self._relock.start()
            self._emit_locked()
            return True
        self._wrong_tries += 1
        if self._wrong_tries >= self.max_tries:
            self._wrong_tries = 0
            self._blocked_until = time.monotonic() + self.wait_seconds
        return False

    def unlock(self, parent_widget: QWidget | None = None) -> bool:
        """True if visitor mode is off, already unlocked, or the librarian typed the right PIN."""
        self.reload()  # the settings dialog may have changed them
        if not self.locked:
            if self._unlocked:
                self._relock.start()  # still in use: keep it open a little longer
            return True
        dialog = PinDialog(self, parent_widget)
        self.pin_dialog = dialog
        try:
            ok = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.pin_dialog = None
            dialog.deleteLater()
        return ok and not self.locked

    def guarded(self, parent_widget: QWidget | None, action: Callable[[], Any]) -> Any:
        """Run ``action`` only once the PIN is given (or visitor mode is off). None when refused."""
        return action() if self.unlock(parent_widget) else None

    def lock(self) -> None:
        self._relock.stop()
        self._unlocked = False
        self._emit_locked()

    # --- visitors ------------------------------------------------------------------------------

    def visitor_done(self) -> None:
        """The visitor leaves: clear what they wrote, lock again, then emit ``visitor_left``."""
        if not self.enabled or self._clearing:
            return  # never clear anything outside visitor mode
        if self.pin_dialog is not None:
            self.pin_dialog.reject()
        self.lock()
        since, next_start = self.visit_started(), utcnow()
        self._input_since_clear = False
        self._clearing = True

        def finished(_result: object = None) -> None:
            self._clearing = False
            self.settings.load()
            self.settings.set("kiosk_visit_started", next_start.isoformat())
            self.visitor_left.emit()

        def failed(_error: BaseException) -> None:
            # the visit start stays where it was, so the next clearing takes this visit's data too
            self._clearing = False
            self._input_since_clear = True
            self.visitor_left.emit()

        if self.tasks is None:
            try:
                self.library.clear_visitor_data(since=since)
            except Exception as e:  # noqa: BLE001 — retried at the next quiet spell
                failed(e)
            else:
                finished()
        else:
            self.tasks.run(lambda _task: self.library.clear_visitor_data(since=since), queue="write",
                           name="clear visitor data", on_done=finished, on_error=failed)

    def _check_idle(self) -> None:
        if not self._input_since_clear or self._clearing or not self.enabled:
            return
        if time.monotonic() - self._last_input >= self.idle_minutes() * 60:
            self.visitor_done()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            self._last_input = time.monotonic()
            self._input_since_clear = True
        elif kind == QEvent.Type.LanguageChange and watched is QApplication.instance():
            self.retranslate()
        return False

    def shutdown(self) -> None:
        """Stop watching input (the window calls this when closing)."""
        self._idle_timer.stop()
        self._relock.stop()
        app = QApplication.instance()
        if self._filtering and app is not None:
            app.removeEventFilter(self)
            self._filtering = False
