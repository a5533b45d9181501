"""The strip at the top of the main window that says the library is out of date: its newest update was written
by the publisher longer ago than the ``stale_after_days`` setting (90 days by default). A drive or a network
that keeps serving an old copy can then no longer keep a library silently behind.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.feedspanel import age_text


class StaleBanner(QFrame):
    update_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("staleBanner")
        self.setStyleSheet("#staleBanner { background: palette(alternate-base); border: 1px solid #c98b00; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton()
        self.button.clicked.connect(self.update_requested)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._shown: tuple[str, int] | None = None
        self.hide()
        self.retranslate()

    def show_age(self, newest: str | None, age_days: int | None, stale_after_days: int) -> None:
        """``newest``: when the newest update was written (UTC ISO), ``age_days`` how long ago; None: no update."""
        stale = newest is not None and age_days is not None and age_days > stale_after_days
        self._shown = (newest, age_days) if stale else None
        self.retranslate()
        self.setVisible(stale)

    def retranslate(self) -> None:
        self.button.setText(self.tr("Update now"))
        if self._shown is not None:
            newest, days = self._shown
            self.text.setText(self.tr("This library may be out of date: its newest update was made on %1. Update "
                                      "it from the portal or from a newer USB drive.").replace("%1",
                                                                                                age_text(newest, days)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
