"""Visitor (kiosk) mode for shared library PCs.

When it is on (``app.visitor``: the lock state lives in the data folder and the database, not in the
settings, so a damaged or deleted settings file never turns it off):

- settings, updates and deletions need the librarian PIN: the window calls ``kiosk.unlock(self)`` (or
  ``kiosk.guarded(self, action)``) before them. A right PIN unlocks for a few minutes, or until the
  visitor leaves. Wrong tries are counted on disk: after five in a row the next try waits a minute, and
  each further wrong try doubles the wait (at most an hour), also across a restart of the program.
- While locked, nothing leaves the program: no file dialogs (save a copy, save as PDF, print to a file),
  no other programs started (web links, files opened with the PC's own program), no Downloads management,
  and a visitor deletes only the notes of their own visit. The views ask ``kiosk_of(self)`` (the window's
  Kiosk) and call ``librarian_allows(self)`` before such an action: it is refused unless the PIN is given.
- What a visitor leaves behind (notes, reading history, bookmarks) carries the visit's id and is cleared
  when they leave: the "I am done" action (``visitor_done()``), or a quiet spell of ``kiosk_idle_minutes``
  without mouse or keyboard input (an event filter on the QApplication notices input). ``visitor_left`` is
  emitted afterwards, so the window can go back to its start page. The views pass ``visit_id`` (or
  ``current_visit(self)``) to the Library's writes.

The current visit's id is kept on disk, so a visit cut short by a power cut is still cleared at the next
quiet spell. Everything written with it is cleared — also by a librarian working on the PC while it is in
visitor mode: to keep notes, turn visitor mode off first. With visitor mode off nothing is ever cleared.
No clock decides what is cleared: a PC clock set back cannot delete the librarian's notes.

The PIN is stored as a salted PBKDF2-SHA256 hash (``hash_pin``/``check_pin``), never the PIN itself. A
forgotten PIN: see ``app/visitor.py``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QRegularExpressionValidator
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
from app.visitor import (  # noqa: F401 — hash_pin, valid_pin, PIN_ITERATIONS: the settings dialog's and tests'
    FIRST_WAIT,
    FREE_TRIES,
    MAX_WAIT,
    PIN_ITERATIONS,
    PIN_MAX,
    PIN_MIN,
    LockState,
    VisitorLock,
    check_pin,
    hash_pin,
    new_visit_id,
    next_wait,
    utcnow,
    valid_pin,
)
from ui.tasks import Queue

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # (loaded only when printing)

    from app.library import Library
    from ui.tasks import TaskManager

log = logging.getLogger(__name__)
_INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.KeyPress,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
                           QEvent.Type.TabletPress})


def kiosk_of(widget: QWidget | None) -> Kiosk | None:
    """The Kiosk that guards ``widget``: the ``kiosk`` of the widget or of its nearest parent that has one
    (the main window's), or None (no visitor mode: a view used on its own)."""
    while widget is not None:
        kiosk = getattr(widget, "kiosk", None)
        if kiosk is not None:
            return kiosk
        widget = widget.parentWidget()
    return None


def librarian_allows(widget: QWidget | None) -> bool:
    """Before an action a visitor may not take: True when no lock applies, or the librarian gave the PIN."""
    kiosk = kiosk_of(widget)
    return kiosk is None or kiosk.unlock(widget)


# Printers that write a file (and ask where in a dialog of their own) or hand the pages to another program
FILE_PRINTERS = ("pdf", "xps", "onenote", "fax", "file")


def prints_to_file(printer: QPrinter) -> bool:
    """The printer writes a file (Qt's PDF output, "Microsoft Print to PDF", XPS…) or hands the pages to another
    program, rather than paper: while locked, visitor mode prints only on paper."""
    from PySide6.QtPrintSupport import QPrinter

    name = printer.printerName().casefold()
    return (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or bool(printer.outputFileName())
            or any(word in name for word in FILE_PRINTERS))


def print_dialog_accepted(widget: QWidget, dialog: QPrintDialog, printer: QPrinter) -> bool:
    """Show the print dialog. While locked, printing to a file (or to another program) needs the PIN, as a file
    dialog does: True when the pages may go to ``printer``."""
    kiosk = kiosk_of(widget)
    if kiosk is not None and kiosk.locked:
        dialog.setOption(dialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return not prints_to_file(printer) or librarian_allows(widget)


def current_visit(widget: QWidget | None) -> str | None:
    """The visit id the Library's writes made from ``widget`` carry (None outside visitor mode)."""
    kiosk = kiosk_of(widget)
    return kiosk.visit_id if kiosk is not None else None


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
        font.setBold(True)  # bold as well as red: also seen by people who do not tell red from green
        self.error.setFont(font)
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#c62828"))
        self.error.setPalette(palette)
        self.error.hide()
        self.forgotten = QLabel()  # what to do after a forgotten PIN (README, "Visitor mode")
        self.forgotten.setWordWrap(True)
        self.forgotten.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.prompt, self.pin, self.error, self.forgotten, self.buttons):
            layout.addWidget(w)
        # wide enough for the longer Kyrgyz and Russian sentences, measured in the system font; the
        # dialog grows to fit the wrapped message (a wrapped label alone would be cut off)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Librarian PIN"))
        self.prompt.setText(self.tr("Visitor mode is on. Settings, updates and copies to USB drives are for the "
                                    "librarian, and so are saving, printing to a file and deleting others' notes. "
                                    "Enter the librarian &PIN:"))
        self.forgotten.setText(self.tr("Forgot the PIN? Whoever looks after this computer can turn visitor mode "
                                       "off with the command “kitepkana visitor-off” (README, “Visitor mode”); "
                                       "then choose a new PIN in Settings."))
        self.pin.setAccessibleName(self.tr("Librarian PIN"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.adjustSize()

    def _wait_text(self, seconds: int) -> str:
        if seconds <= 60:
            return self.tr("Too many wrong tries. Wait %n second(s) and try again.", "", seconds)
        minutes = (seconds + 59) // 60
        return self.tr("Too many wrong tries. Wait %n minute(s) and try again.", "", minutes)

    def submit(self) -> None:
        """Check the PIN typed in; accept when right, else say what is wrong and let them try again."""
        wait = self.kiosk.seconds_blocked()
        if wait:
            self._say(self._wait_text(wait))
            return
        if self.kiosk.try_pin(self.pin.text()):
            self.accept()
            return
        self.pin.clear()
        self.pin.setFocus()
        wait = self.kiosk.seconds_blocked()
        if wait:
            self._say(self._wait_text(wait))
        else:
            self._say(self.tr("That PIN is not right. Try again."))


class Kiosk(QObject):
    """Visitor mode: the librarian PIN guard and clearing what each visitor leaves behind."""

    locked_changed = Signal(bool)
    mode_changed = Signal()  # the settings were read again: visitor mode may have been turned on or off
    visitor_left = Signal()

    def __init__(self, library: Library, parent: QObject | None = None, *, tasks: TaskManager | None = None,
                 idle_minutes: float | None = None, unlock_minutes: float = 5, max_tries: int = FREE_TRIES,
                 wait_seconds: float = FIRST_WAIT, max_wait_seconds: float = MAX_WAIT) -> None:
        """``tasks`` (ui.tasks.TaskManager) runs the clearing off the UI thread; ``idle_minutes`` overrides
        the setting (tests use a fraction of a minute). After ``max_tries`` wrong PINs in a row the next try
        waits ``wait_seconds``, doubling with each further wrong try up to ``max_wait_seconds``."""
        super().__init__(parent)
        self.library = library
        self.tasks = tasks
        self.settings = Settings(library.paths)
        self.store = VisitorLock(library)
        self.state = LockState()
        self.idle_minutes_override = idle_minutes
        self.max_tries, self.wait_seconds, self.max_wait_seconds = max_tries, wait_seconds, max_wait_seconds
        self.pin_dialog: PinDialog | None = None  # the open PIN dialog, if any
        self._unlocked = False
        self._blocked_until = 0.0  # time.monotonic(): a wait also holds while the clock is moved on
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
        """Visitor mode is on (from the lock state: a damaged or missing settings file does not turn it off)."""
        return self.state.enabled

    @property
    def locked(self) -> bool:
        return self.enabled and not self._unlocked

    @property
    def visit_id(self) -> str | None:
        """The current visit, which the Library's writes carry while visitor mode is on; None when it is off."""
        return (self.state.visit_id or None) if self.enabled else None

    def idle_minutes(self) -> float:
        if self.idle_minutes_override is not None:
            return self.idle_minutes_override
        return max(1, self.settings.get("kiosk_idle_minutes"))

    def reload(self) -> None:
        """Re-read the settings and the lock state (call after the settings dialog saved them)."""
        self.settings.load()
        self.state = self.store.load()
        on = self.enabled
        if on and not self.state.visit_id:
            self.state = self._save(dataclasses.replace(self.state, visit_id=new_visit_id(),
                                                        visit_started=utcnow().isoformat()))
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
        self.mode_changed.emit()

    def retranslate(self) -> None:
        self.done_action.setText(self.tr("I am &done — clear my notes"))
        self.done_action.setToolTip(self.tr("Clears the notes, bookmarks and reading history of this visit "
                                            "for the next visitor"))

    def _emit_locked(self) -> None:
        now = self.locked
        if now != self._was_locked:
            self._was_locked = now
            self.locked_changed.emit(now)

    def _save(self, state: LockState) -> LockState:
        """Write the lock state; when the disk refuses, the state still holds in this window (and is logged)."""
        try:
            return self.store.save(state)
        except Exception:  # a full or read-only disk must not unlock anything
            log.exception("the visitor-mode state could not be saved")
            return state

    def visit_started(self) -> dt.datetime:
        """When the current visit began (naive UTC; shown only: what is cleared goes by the visit id)."""
        try:
            return dt.datetime.fromisoformat(self.state.visit_started)
        except ValueError:
            return utcnow()

    # --- the PIN -------------------------------------------------------------------------------

    def seconds_blocked(self) -> int:
        """Seconds before the next PIN try is taken (kept on disk, so quitting the program does not end it)."""
        self.state = self.store.load()  # another window or an earlier run may have counted tries
        here = max(0, int(self._blocked_until - time.monotonic() + 0.999))
        return max(here, self.state.seconds_blocked())

    def try_pin(self, pin: str) -> bool:
        """Check a PIN; a right one unlocks. Counts wrong tries on disk (a growing wait after ``max_tries``)."""
        blocked = self.seconds_blocked()  # (reads the state from disk: another window may have counted tries)
        if not self.enabled:
            return True
        if blocked:
            return False
        if self.state.pin_hash and check_pin(pin, self.state.pin_hash):
            self.state = self._save(dataclasses.replace(self.state, failures=0, blocked_until=0.0, wait=0.0))
            self._blocked_until = 0.0
            self._unlocked = True
            self._relock.start()
            self._emit_locked()
            return True
        failures = self.state.failures + 1
        wait = next_wait(failures, free_tries=self.max_tries, first_wait=self.wait_seconds,
                         max_wait=self.max_wait_seconds)
        self.state = self._save(dataclasses.replace(self.state, failures=failures, blocked_until=time.time() + wait,
                                                    wait=wait))
        self._blocked_until = time.monotonic() + wait
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
        # The next visit starts now, before the clearing: what is written meanwhile is the next visitor's.
        # The visits to clear stay listed on disk until their clearing has finished (a power cut, a failure).
        state = self.store.load()
        visits = tuple(dict.fromkeys(v for v in (*state.uncleared, state.visit_id) if v))
        self.state = self._save(dataclasses.replace(state, visit_id=new_visit_id(), visit_started=utcnow().isoformat(),
                                                    uncleared=visits))
        self._input_since_clear = False
        self._clearing = True

        def clear() -> int:
            return sum(self.library.clear_visitor_data(visit_id=v) for v in visits)

        def finished(_result: object = None) -> None:
            self._clearing = False
            self.state = self.store.load()
            self.state = self._save(dataclasses.replace(
                self.state, uncleared=tuple(v for v in self.state.uncleared if v not in visits)))
            self.visitor_left.emit()

        def failed(_error: BaseException) -> None:
            # the visits stay listed as not cleared: the next clearing takes them too
            self._clearing = False
            self._input_since_clear = True
            self.visitor_left.emit()

        if self.tasks is None:
            try:
                clear()
            except Exception as e:  # noqa: BLE001 — retried at the next quiet spell
                failed(e)
            else:
                finished()
        else:
            self.tasks.run(lambda _task: clear(), queue=Queue.WRITE, name="clear visitor data", on_done=finished,
                           on_error=failed)

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
