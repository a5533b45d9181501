"""PCs nearby as update sources: while the Update dialog is open, the PCs on this network that share their
library ("Share on this network") appear in its list as "PC nearby: NAME", and go when they stop sharing.

app.web.nearby.Watcher finds them in threads of its own; this object carries each new list to the UI thread
(a queued signal) and turns it into :class:`ui.updatesources.UpdateSource` entries. A PC whose reading room
asks for an access code is listed too (``needs_code``): :class:`AccessCodeRow`, under the list, asks for the code
when such a PC is chosen. The code goes into the address only for the sync's worker
(``sync.httpwatch.with_access_code``); it is never saved, shown in the history or logged.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.updatesources import UpdateSource

if TYPE_CHECKING:
    from app.web.nearby import NearbyLibrary

log = logging.getLogger(__name__)


class NearbySources(QObject):
    changed = Signal()  # the list of PCs nearby changed (on the UI thread)
    _arrived = Signal(object)  # from the watcher's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.libraries: list[NearbyLibrary] = []  # by name
        self._watcher = None
        self._arrived.connect(self._take)  # emitted from another thread: delivered queued, on the UI thread

    def start(self) -> None:
        if self._watcher is not None:
            return
        from app.web.nearby import Watcher  # zeroconf only when the dialog opens

        self._watcher = Watcher(self._arrived.emit).start()

    def stop(self) -> None:
        watcher, self._watcher = self._watcher, None
        if watcher is not None:
            watcher.stop()

    def _take(self, libraries: list) -> None:
        if self._watcher is None:
            return  # a last answer after the dialog closed
        self.libraries = list(libraries)
        self.changed.emit()

    def sources(self) -> list[UpdateSource]:
        """The update dialog's provider: one source per PC nearby that shares its feed."""
        return [UpdateSource(pc.url, "nearby", pc.name, detail=pc.url, needs_code=pc.access_code)
                for pc in self.libraries]


class AccessCodeRow(QWidget):
    """"Access code of NAME: [    ]", shown only while the chosen source is a PC nearby that asks for one. A code
    typed is kept per PC while the dialog is open, so switching sources and back does not lose it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setMaxLength(64)
        self.label.setBuddy(self.edit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.edit, 1)
        self._source: UpdateSource | None = None
        self._codes: dict[str, str] = {}  # location -> the code typed for it
        self.edit.textEdited.connect(self._keep)
        self.hide()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("Ask that PC's librarian"))
        self.edit.setAccessibleName(self.tr("Access code of the PC nearby"))
        if self._source is not None:
            self.label.setText(self.tr("Access &code of %1:").replace("%1", self._source.name))

    def show_for(self, source: UpdateSource | None) -> None:
        """Follow the list's choice: visible, with that PC's code, only for a source that needs one."""
        self._source = source if source is not None and source.needs_code else None
        self.setVisible(self._source is not None)
        if self._source is not None:
            self.edit.setText(self._codes.get(self._source.location, ""))
            self.retranslate()

    def code(self) -> str:
        return self.edit.text().strip() if self._source is not None else ""

    def missing(self) -> bool:
        """The chosen PC asks for its code and none is typed (the field then has the focus)."""
        if self._source is None or self.code():
            return False
        self.edit.setFocus()
        return True

    def missing_text(self) -> str:
        name = self._source.name if self._source is not None else ""
        return self.tr("%1 shares its library only with an access code. Type the code its librarian gives you, "
                       "then click Update now.").replace("%1", name)

    def address(self, location: str) -> str:
        """Where the sync goes: ``location`` with the code typed for it, if it asks for one (only the worker
        sees that address)."""
        if not self.code():
            return location
        from sync.httpwatch import with_access_code  # (requests: only when an update starts)

        return with_access_code(location, self.code())

    def _keep(self, text: str) -> None:
        if self._source is not None:
            self._codes[self._source.location] = text
