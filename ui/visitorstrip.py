"""The strip across the top of the main window while visitor mode is on (ui/kiosk.py).

A visitor sees at once that this is a shared PC in visitor mode and what happens to what they leave: one
sentence, and a real button, "I'm done", that says it clears their notes, bookmarks and history. While the
librarian has unlocked the settings with the PIN, the strip says so (and that they lock again by themselves).
It replaces the toolbar's "I am done" action (whose shortcut stays).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import icons

if TYPE_CHECKING:
    from ui.kiosk import Kiosk
    from ui.mainwindow import MainWindow


class VisitorStrip(QFrame):
    """``VisitorStrip(kiosk)``: shown while ``kiosk.enabled``; its button calls ``kiosk.visitor_done()``."""

    def __init__(self, kiosk: Kiosk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.setObjectName("visitor-strip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()  # a calm blue band, readable in light and dark themes alike
        palette.setColor(QPalette.ColorRole.Window, QColor("#dcebfa"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#0d2a4a"))
        self.setPalette(palette)
        self.icon = QLabel()
        self.icon.setPixmap(icons.icon("lock").pixmap(24, 24))
        self.text = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.text.setPalette(palette)
        self.done_button = QPushButton()
        self.done_button.setMinimumHeight(32)
        self.done_button.clicked.connect(kiosk.visitor_done)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.done_button)
        kiosk.locked_changed.connect(self.refresh)
        kiosk.mode_changed.connect(self.refresh)  # visitor mode turned on or off in the settings
        self.retranslate()

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("I'm done — clear my notes, bookmarks and history"))
        self.done_button.setToolTip(self.tr("For the next visitor: clears the notes, bookmarks and reading history "
                                            "of this visit and goes back to the start page (Ctrl+Shift+D)"))
        self.refresh()

    def refresh(self, *_args: object) -> None:
        kiosk = self.kiosk
        self.setVisible(bool(kiosk.enabled))
        if not kiosk.enabled:
            return
        minutes = round(kiosk.idle_minutes())
        if kiosk.locked:
            text = self.tr("Visitor mode is on. Your notes, bookmarks and history are cleared when you press "
                           "“I'm done”, or after %n minute(s) without use.", "", minutes)
        else:
            text = self.tr("Visitor mode is on; the librarian has unlocked the settings. They lock again by "
                           "themselves in a few minutes, or when a visitor presses “I'm done”.")
        self.text.setText(text.replace("%n", str(minutes)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def install(window: MainWindow, kiosk: Kiosk) -> VisitorStrip:
    """Put the strip at the top of the window, take the toolbar's "I am done" (the strip's button replaces it)
    and give "Librarian…" its lock."""
    strip = VisitorStrip(kiosk, window)
    window.centralWidget().layout().insertWidget(0, strip)
    window.toolbar.removeAction(window.done_action)  # the action stays on the window: its shortcut still works
    window.librarian_action.setIcon(icons.icon("lock"))
    window.visitor_strip = strip
    strip.refresh()
    return strip
