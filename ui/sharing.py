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
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.tasks import Queue

if TYPE_CHECKING:
    from app.web.reach import Reach
    from ui.mainwindow import MainWindow

log = logging.getLogger(__name__)
MAX_CODE = 32  # characters of an access code: something visitors type on a phone


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
        # can phones reach it? (app/web/reach.py) said in one line, with the clicks that fix it
        self.reach = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check_reach)
        self.help = QLabel(wordWrap=True)
        # the access code: seen, set and cleared here (also in Settings); a running reading room takes it at once
        self.code_label = QLabel(wordWrap=True)
        self.code_edit = QLineEdit(maxLength=MAX_CODE)
        self.code_edit.returnPressed.connect(self.save_code)
        self.code_set = QPushButton()
        self.code_set.clicked.connect(self.save_code)
        self.code_clear = QPushButton()
        self.code_clear.clicked.connect(self.clear_code)
        self.code_state = QLabel(wordWrap=True)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_edit, 1)
        code_row.addWidget(self.code_set)
        code_row.addWidget(self.code_clear)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.stop_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.stop_button.clicked.connect(lambda: (self.sharing.set_on(False), self.accept()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.address, self.qr, self.visitors, self.reach, self.check_button, self.help,
                       self.code_label):
            layout.addWidget(widget)
        layout.addLayout(code_row)
        layout.addWidget(self.code_state)
        layout.addWidget(self.buttons)
        self._reach: Reach | None = None  # what the last check found
        self.timer = QTimer(self, interval=2000, timeout=self.refresh)
        self.timer.start()
        self.code_edit.setText(self.sharing.access_code())
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Share on this network"))
        self.intro.setText(self.tr("Phones and computers on the same network (the library's Wi-Fi) can read this "
                                   "library in a browser. Type this address, or scan the code with a phone camera:"))
        self.help.setText(self.tr("If nobody can open it: the phone must be on the same Wi-Fi as this computer, and "
                                  "Windows Firewall must allow Kitepkana on private networks (it asks the first time; "
                                  "answer Allow)."))
        self.stop_button.setText(self.tr("Stop sharing"))
        self.check_button.setText(self.tr("Check again"))
        self.code_label.setText(self.tr("Access code (optional): visitors type it once before they can read. "
                                        "Leave it empty to let anyone on this network read."))
        self.code_edit.setPlaceholderText(self.tr("No code"))
        self.code_set.setText(self.tr("Set code"))
        self.code_clear.setText(self.tr("Clear"))
        self.refresh()
        self._show_reach()

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
        self._show_code()

    # --- the access code ----------------------------------------------------------------------------

    def _show_code(self) -> None:
        code = self.sharing.access_code()
        self.code_clear.setEnabled(bool(code))
        if code:
            self.code_state.setText(self.tr("Visitors must type the code %1 before they can read.").replace("%1", code))
        else:
            self.code_state.setText(self.tr("No access code: anyone on this network can read."))

    def save_code(self) -> None:
        if self.sharing.set_access_code(self.code_edit.text()):
            self.code_edit.setText(self.sharing.access_code())
        self._show_code()

    def clear_code(self) -> None:
        if self.sharing.set_access_code(""):
            self.code_edit.clear()
        self._show_code()

    # --- can phones reach it? -------------------------------------------------------------------------

    def check_reach(self) -> None:
        """Run the self-check (app/web/reach.py) in a worker; its answer becomes one line here."""
        room = self.sharing.room
        if room is None:
            return
        from app.web import reach

        self.check_button.setEnabled(False)
        self.reach.setText(self.tr("Checking whether phones can reach this computer…"))
        self.sharing.window.tasks.run(lambda _task: reach.check(room), queue=Queue.NET, name="reach check",
                                      on_done=self._reach_done, on_error=lambda _e: self._reach_done(None))

    def _reach_done(self, result: Reach | None) -> None:  # None when the check failed
        self._reach = result
        self.check_button.setEnabled(True)
        self._show_reach()

    def _show_reach(self) -> None:
        result = self._reach
        if result is None:
            self.reach.clear()
            return
        problem = result.problem
        if problem == "not_answering":
            text = self.tr("This computer does not answer at its own address %1. Check that it is connected to the "
                           "library's Wi-Fi or network cable, then press \"Check again\".").replace("%1", result.url)
        elif problem == "public_network":
            text = self.tr("Phones cannot reach this computer: Windows treats this network as Public and blocks "
                           "them. Make it Private: Start → Settings → Network & Internet → Wi-Fi (or Ethernet) → "
                           "this network → Network profile: Private.")
        elif problem == "no_rule":
            text = self.tr("Windows Firewall may block phones. Allow Kitepkana: Start → type \"Allow an app through "
                           "Windows Firewall\" → Change settings → tick Kitepkana and the Private column → OK.")
        elif result.others_seen:
            text = self.tr("It works: %1 other phones or computers opened the library today.").replace(
                "%1", str(result.others_seen))
        else:
            text = self.tr("This computer answers at %1. If a phone cannot open it, check that the phone uses the "
                           "same Wi-Fi (not mobile data).").replace("%1", result.url)
        self.reach.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Sharing(QObject):
    """The menu action and the running reading room of one main window."""

    def __init__(self, window: MainWindow) -> None:
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
                               access_code=settings.get("share_access_code"), announce=True)  # PCs nearby
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

    def access_code(self) -> str:
        return self._settings().get("share_access_code") if self.window.library is not None else ""

    def set_access_code(self, code: str) -> bool:
        """Remember the reading room's access code ("" clears it) and give it to the running room at once
        (visitors who typed the old one are asked again). A locked visitor PC asks for the PIN first."""
        if self.window.library is None or (self.window.kiosk is not None and not self.window._unlocked()):
            return False
        code = " ".join(code.split())[:MAX_CODE]
        try:
            self._settings().set("share_access_code", code)
        except OSError as e:
            log.warning("could not save the access code: %s", e)
            return False
        if self.room is not None:
            self.room.access_code = code
        return True

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
        self.dialog.check_reach()

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
