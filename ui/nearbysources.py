"""PCs nearby as update sources: while the Update dialog is open, the PCs on this network that share their
library ("Share on this network") appear in its list as "PC nearby: NAME", and go when they stop sharing.

app.web.nearby.Watcher finds them in threads of its own; this object carries each new list to the UI thread
(a queued signal) and turns it into :class:`ui.updatesources.UpdateSource` entries. A PC whose reading room
asks for an access code is left out for now: the dialog has no place to type the code yet.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ui.updatesources import UpdateSource

log = logging.getLogger(__name__)


class NearbySources(QObject):
    changed = Signal()  # the list of PCs nearby changed (on the UI thread)
    _arrived = Signal(object)  # from the watcher's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.libraries: list = []  # app.web.nearby.NearbyLibrary, by name
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
        """The update dialog's provider: one source per PC nearby that shares its feed without a code."""
        out = []
        for pc in self.libraries:
            if pc.access_code:
                log.info("PC nearby %s asks for an access code: not offered", pc.name)
                continue
            out.append(UpdateSource(pc.url, "nearby", pc.name, detail=pc.url))
        return out
