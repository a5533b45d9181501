"""The Downloads view's question for an access code.

A library updated from another PC's reading room that shares only with a code (the Update dialog asked for it,
``ui.nearbysources.AccessCodeRow``, and kept it only while the dialog was open) later downloads that PC's videos
on demand. That PC then answers "access code" (``SourceError`` ``access_code``, whose ``location`` names it), and
this box, under the list, asks for the code once for every file waiting for that PC. The Downloads view keeps the
code in memory for this session only, so that the next video from that PC is not asked for again; like the Update
dialog it never saves, shows or logs it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class AccessCodeBox(QFrame):
    """"The PC at HOST shares its library only with an access code …  Access code: [    ] [Try again]", shown
    while files wait for the code of one PC; ``retry(location, code)`` when the librarian gives one."""

    retry = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.message = QLabel(wordWrap=True)
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setMaxLength(64)
        self.label.setBuddy(self.edit)
        self.retry_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.location: str | None = None  # the PC asked for (its feed's address, never with a code)
        self.wrong = False  # the last code given for it was refused
        self.edit.returnPressed.connect(self._retry)
        self.edit.textChanged.connect(lambda text: self.retry_button.setEnabled(bool(text.strip())))
        self.retry_button.clicked.connect(self._retry)
        self.retry_button.setEnabled(False)
        self.hide()

    def retranslate(self) -> None:
        host = urlsplit(self.location).netloc if self.location else ""
        if self.wrong:
            text = self.tr("The PC at %1 did not accept that access code. Check the code with its librarian, type "
                           "it again, then click Try again.")
        else:
            text = self.tr("The PC at %1 shares its library only with an access code, so its files cannot be "
                           "downloaded without it. Type the code its librarian gives you, then click Try again.")
        self.message.setText(text.replace("%1", host))
        self.label.setText(self.tr("Access c&ode:"))
        self.edit.setPlaceholderText(self.tr("Ask that PC's librarian"))
        self.edit.setAccessibleName(self.tr("Access code of the PC the files come from"))
        self.retry_button.setText(self.tr("&Try again"))

    def ask(self, location: str, *, wrong: bool) -> None:
        """Ask for the code of the PC at ``location``; ``wrong``: the code given was refused (left to correct)."""
        if location != self.location:
            self.edit.clear()
        self.location, self.wrong = location, wrong
        self.retranslate()
        self.show()
        self.edit.setFocus()
        if wrong:
            self.edit.selectAll()

    def done(self) -> None:
        """Nothing waits for that PC's code any more: hidden, and the code typed forgotten by the field. (Only
        hidden, the box keeps it while the files it was given for are tried with it.)"""
        self.location, self.wrong = None, False
        self.edit.clear()
        self.hide()

    def _retry(self) -> None:
        code = self.edit.text().strip()
        if code and self.location:
            self.retry.emit(self.location, code)
