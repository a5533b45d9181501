"""Library → Share on this network: the reading room (``app/web``) switched on and off from the window.

On/off is remembered (setting ``share_enabled``) and comes back on at the next start. While sharing, a window
shows the address in large letters and as a QR code (segno) for phones, the visitors now and today, and what
to do when nobody can connect. The server runs in its own threads, so it keeps answering while the window is
minimised; quitting asks whether to stop sharing. Visitor mode's rules apply: a locked PC asks for the
librarian's PIN before sharing is switched on or off.
"""

from __future__ import annotations

import io
import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def qr_pixmap(text: str, *, scale: int = 8) -> QPixmap:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class ShareDialog(QDialog):
    """The address in large letters, its QR code, the visitors; "Stop sharing" closes the reading room."""

    def __init__(self, sharing: Sharing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sharing = sharing
        self.intro = QLabel(wordWrap=True)
        self.address = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.address.font())
        font.setPointSize(max(font.pointSize(), 10) * 2)
        font.setBold(True)
        self.address.setFont(font)
        self.qr = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.visitors = QLabel()
        self.help = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.stop_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.stop_button.clicked.connect(lambda: (self.sharing.set_on(False), self.accept()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.address, self.qr, self.visitors, self.help, self.buttons):
            layout.addWidget(widget)
        self.timer = QTimer(self, interval=2000, timeout=self.refresh)
        self.timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Share on this network"))
        self.intro.setText(self.tr("Phones and computers on the same network (the library's Wi-Fi) can read this "
                                   "library in a browser. Type this address, or scan the code with a phone camera:"))
        self.help.setText(self.tr("If nobody can open it: the phone must be on the same Wi-Fi as this computer, and "
                                  "Windows Firewall must allow Kitepkana on private networks (it asks the first time; "
                                  "answer Allow)."))
        self.stop_button.setText(self.tr("Stop sharing"))
        self.refresh()

    def refresh(self) -> None:
        room = self.sharing.room
        if room is None:
            self.address.setText(self.tr("Not shared"))
            self.qr.clear()
            self.visitors.clear()
            return
        urls = room.urls()
        if self.address.text() != urls[0]:
            self.address.setText(urls[0])
            self.address.setToolTip("\n".join(urls))
            self.qr.setPixmap(qr_pixmap(urls[0]))
        self.visitors.setText(self.tr("Visitors now: %1 · today: %2").replace("%1", str(room.visitors.now()))
                              .replace("%2", str(room.visitors.today())))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Sharing(QObject):
    """The menu action and the running reading room of one main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.room = None
        self.dialog: ShareDialog | None = None
        self.action = QAction(window, checkable=True)
        self.action.triggered.connect(self._toggled)
        window.library_menu.insertAction(window.settings_action, self.action)
        window.library_ready.connect(self._library_ready)
        window.installEventFilter(self)
        self.confirm_quit = self._ask_stop  # tests replace it
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("Share on this &network…"))
        self.action.setToolTip(self.tr("Let phones and computers on this network read the library in a browser"))

    def _settings(self):
        from app.settings import Settings

        return Settings(self.window.library.paths)

    def _library_ready(self, _library: object) -> None:
        if self._settings().get("share_enabled"):
            self.set_on(True, show=False, remember=False)

    def _toggled(self, checked: bool) -> None:
        if self.window.library is None or (self.window.kiosk is not None and not self.window._unlocked()):
            self.action.setChecked(self.room is not None)
            return
        if checked and self.room is not None:
            self.show_dialog()
            return
        self.set_on(checked)

    def set_on(self, on: bool, *, show: bool = True, remember: bool = True) -> bool:
        """Start or stop the reading room; returns whether it runs now."""
        if on and self.room is None and self.window.library is not None:
            from app.web.server import ReadingRoom, ServeError

            settings = self._settings()
            room = ReadingRoom(self.window.library, port=settings.get("share_port"),
                               access_code=settings.get("share_access_code"))
            try:
                room.start()
            except ServeError as e:
                self._failed(e, settings.get("share_port"))
                on = False
            else:
                self.room = room
        elif not on:
            self.stop()
        if remember and self.window.library is not None:
            try:
                self._settings().set("share_enabled", self.room is not None)
            except OSError as e:
                log.warning("could not save the sharing setting: %s", e)
        self.action.setChecked(self.room is not None)
        if self.room is not None and show:
            self.show_dialog()
        elif self.dialog is not None:
            self.dialog.refresh()
        return self.room is not None

    def _failed(self, error: BaseException, port: int) -> None:
        if getattr(error, "code", "") == "port_in_use":
            text = self.tr("Another program on this computer already uses port %1, so the library cannot be shared. "
                           "Close that program, or choose another port in Settings.").replace("%1", str(port))
        else:
            text = self.tr("The library could not be shared on this network: %1").replace("%1", str(error))
        QMessageBox.warning(self.window, self.tr("Share on this network"), text)

    def show_dialog(self) -> None:
        if self.dialog is None:
            self.dialog = ShareDialog(self, self.window)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()

    def stop(self) -> None:
        room, self.room = self.room, None
        if room is not None:
            room.stop()
        self.action.setChecked(False)
        if self.dialog is not None:
            self.dialog.refresh()

    def _ask_stop(self) -> bool:
        answer = QMessageBox.question(self.window, self.tr("Share on this network"), self.tr(
            "The library is shared on this network. Quitting stops sharing: visitors' browsers will no longer "
            "reach it. Quit anyway?"))
        return answer == QMessageBox.StandardButton.Yes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close and self.room is not None:
                if not self.confirm_quit():
                    event.ignore()
                    return True
                self.stop()
        return False
