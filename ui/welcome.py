"""The welcome panel: the first window explains itself.

On a library that was never updated (empty, or only the bundled sample) a panel at the top of the window says
what this program is and offers the three things to do first: update from the portal, update from a USB drive,
search. It goes once used — any of its buttons, its close button, a first search or a first item opened — and
stays gone (the ``welcome_done`` setting). In visitor mode it never shows: visitors do not update the library.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QToolButton, QVBoxLayout, QWidget

from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.mainwindow import MainWindow
    from ui.tasks import Task

log = logging.getLogger(__name__)


class WelcomePanel(QFrame):
    """What this is and three big buttons. Emits ``chosen("portal" | "usb" | "search" | "close")``."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome-panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(textFormat=Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.close_button = QToolButton(autoRaise=True)
        self.close_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self.close_button.clicked.connect(lambda: self.chosen.emit("close"))
        sp = QStyle.StandardPixmap
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, icon in (("portal", sp.SP_DriveNetIcon), ("usb", sp.SP_DriveHDIcon),
                          ("search", sp.SP_FileDialogContentsView)):
            button = QPushButton(self.style().standardIcon(icon), "")
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, k=key: self.chosen.emit(k))
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 10, 12)
        column.addLayout(head)
        column.addWidget(self.text)
        column.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Kitepkana"))
        self.text.setText(self.tr(
            "This is a library of best practices of local self-government in Kyrgyzstan: practices, video lessons, "
            "documents and events. It works without the internet. For now it holds only a small sample: bring in the "
            "whole library from the portal (with the internet) or from a USB drive someone prepared for you."))
        self.buttons["portal"].setText(self.tr("Update from the portal"))
        self.buttons["usb"].setText(self.tr("Update from a USB drive"))
        self.buttons["search"].setText(self.tr("Search"))
        self.close_button.setToolTip(self.tr("Close; this panel does not come back"))
        self.close_button.setAccessibleName(self.tr("Close the welcome panel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Welcome:
    """Decides whether the panel shows, runs its buttons and remembers that it was used."""

    def __init__(self, window: MainWindow, library: Library) -> None:
        self.window, self.library = window, library
        self.panel = WelcomePanel(window)
        self.panel.hide()
        self.panel.chosen.connect(self._chosen)
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.count() - 1, self.panel)  # above the sections and the results
        window.search_page.search_box.textEdited.connect(lambda text: self.done() if text.strip() else None)
        window.item_opened.connect(lambda _id: self.done())

    def check(self) -> None:
        """Read (in a worker) whether the library was ever updated and whether the panel was used; show it."""
        library = self.library

        def read(_task: Task) -> bool:
            from app.settings import Settings
            from app.syncstore import SyncStore

            if Settings(library.paths).get("welcome_done"):
                return False
            return SyncStore(library).newest_update() is None  # no feed followed: empty or the sample only

        self.window.tasks.run(read, queue=Queue.READ, key="welcome", name="welcome", on_done=self._show)

    def _show(self, wanted: bool) -> None:
        kiosk = self.window.kiosk
        self.panel.setVisible(bool(wanted) and not (kiosk is not None and kiosk.enabled))

    def done(self) -> None:
        """The panel was used: hide it for good."""
        if self.panel.isHidden():
            return
        self.panel.hide()
        try:
            from app.settings import Settings

            Settings(self.library.paths).set("welcome_done", True)
        except Exception:
            log.warning("could not remember the welcome panel", exc_info=True)

    def _chosen(self, key: str) -> None:
        self.done()
        window = self.window
        if key == "search":
            window.focus_search()
        elif key in ("portal", "usb"):
            window.show_update()
            dialog = window.views.dialogs.get("update")
            if dialog is not None:  # None when visitor mode kept it closed
                dialog.prefer_source(key)


def install(window: MainWindow, library: Library) -> Welcome:
    welcome = Welcome(window, library)
    window.welcome = welcome
    welcome.check()
    return welcome
