"""The views and dialogs the main window hosts but does not own: the reader, the lesson player, the
downloads view, the update / copy-to-USB / USB kit / settings dialogs and visitor mode.

Their modules are imported on first use, inside the methods: start-up never pays for them, and a
module that is missing or fails to load leaves a plain message (or the plain item page) instead of a
crash.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.mainwindow import MainWindow

log = logging.getLogger(__name__)


def error_words(error: BaseException) -> str:
    """A core error in plain words for a librarian (the core's typed errors carry a ``code``)."""
    code = getattr(error, "code", None)
    if code == "library_locked":
        return QCoreApplication.translate("Hosting", "This library is already open in another Kitepkana window "
                                                 "on this computer. Close that window and try again.")
    if code == "settings_unreadable":
        return QCoreApplication.translate("Hosting", "Kitepkana's settings file is locked by another program (a "
                                                     "backup or a virus check). Wait a moment, close that program "
                                                     "and start Kitepkana again; your settings were not changed.")
    if code == "not_found":
        return QCoreApplication.translate("Hosting", "This item is no longer in the library.")
    if code == "cancelled":
        return QCoreApplication.translate("Hosting", "Stopped; nothing half-done was kept.")
    if code == "database_damaged":
        return QCoreApplication.translate("Hosting", "The library's database was damaged (the computer was switched "
                                                     "off while it was being set up) and no backup could replace it. "
                                                     "It was kept as %1 for the person who supports this library; "
                                                     "an empty library was started.") \
            .replace("%1", str(getattr(error, "kept", None) or "?"))
    if isinstance(error, PermissionError):
        return QCoreApplication.translate("Hosting", "The computer did not allow Kitepkana to use its folder (%1).") \
            .replace("%1", str(error.filename))
    if isinstance(error, OSError):
        return QCoreApplication.translate("Hosting", "A file could not be read or written: %1") \
            .replace("%1", error.strerror or str(error))
    return str(error) or type(error).__name__


class ViewLoader(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.reader_view: QWidget | None = None
        self.lesson_view: QWidget | None = None
        self.downloads_view: QWidget | None = None
        self.problems: dict[str, str] = {}  # view name -> why it could not be made
        self.dialogs: dict[str, QWidget] = {}
        self._last_page: QWidget | None = None

    # --- making views -----------------------------------------------------------------------------

    def _make(self, name: str, factory) -> QWidget | None:
        if name in self.problems or self.window.library is None:
            return None
        try:
            view = factory()
        except Exception as e:  # a broken or missing view must not take the app down
            log.exception("could not make the %s view", name)
            self.problems[name] = f"{type(e).__name__}: {e}"
            return None
        self.window.stack.addWidget(view)
        return view

    def reader(self) -> QWidget | None:
        if self.reader_view is None:
            def make() -> QWidget:
                from ui.reader import ReaderView

                view = ReaderView(self.window.library, self.window.tasks, self.window)
                view.open_item.connect(lambda item_id: self.window.open_item(item_id))
                view.open_lesson.connect(lambda item_id, at: self.window.open_item(item_id, at=at))
                view.bookmarks_changed.connect(self._bookmarks_changed)
                return view

            self.reader_view = self._make("reader", make)
        return self.reader_view

    def lesson(self) -> QWidget | None:
        if self.lesson_view is None:
            def make() -> QWidget:
                from ui.player import LessonView

                view = LessonView(self.window.library, self.window.tasks, self.window)
                view.open_item.connect(lambda item_id: self.window.open_item(item_id))
                view.bookmarks_changed.connect(self._bookmarks_changed)
                return view

            self.lesson_view = self._make("lesson", make)
        return self.lesson_view

    def downloads(self) -> QWidget | None:
        if self.downloads_view is None:
            def make() -> QWidget:
                from ui.downloads import DownloadsView

                view = DownloadsView(self.window.library, self.window.tasks, self.window)
                view.item_downloaded.connect(lambda _id: self.window.thumbnails.forget())
                return view

            self.downloads_view = self._make("downloads", make)
        return self.downloads_view

    # --- showing an item --------------------------------------------------------------------------

    def show(self, item_id: str, kind: str, at: float | None) -> QWidget:
        """Bring the item's page on screen and load the item into it. Returns the page."""
        stack = self.window.stack
        view = self.lesson() if kind == "lesson" else self.reader()
        reason = self.problems.get("lesson" if kind == "lesson" else "reader", "")
        if view is not None:
            stack.setCurrentWidget(view)
            try:
                if kind == "lesson":
                    view.show_lesson(item_id, at=at)
                else:
                    view.show_item(item_id)
                return view
            except Exception as e:
                log.exception("could not show %s", item_id)
                reason = f"{type(e).__name__}: {e}"
        page = self.window.fallback_page
        stack.setCurrentWidget(page)
        library, tasks = self.window.library, self.window.tasks
        tasks.run(lambda _t: library.get_item(item_id), queue=Queue.READ, key="fallback-item", name="item",
                  on_done=lambda detail: page.show_detail(detail, reason))
        visit = self.window.kiosk.visit_id if self.window.kiosk is not None else None  # visitor mode: the visit
        tasks.run(lambda _t: library.record_opened(item_id, visit_id=visit), queue=Queue.WRITE, name="history")
        return page

    def page_changed(self, page: QWidget) -> None:
        if self._last_page is self.lesson_view and page is not self.lesson_view and self.lesson_view is not None:
            try:
                self.lesson_view.stop()  # leaving the lesson: stop playing, keep the position
            except Exception:
                log.exception("stopping the lesson failed")
        self._last_page = page

    def _bookmarks_changed(self) -> None:
        if self.window.stack.currentWidget() is self.window.bookmarks_page:
            self.window.bookmarks_page.refresh()

    # --- the library arrived ------------------------------------------------------------------------

    def library_set(self, library: Library) -> None:
        try:
            from ui.welcome import install as welcome

            welcome(self.window, library)  # on a library never updated: what this is and what to do first
        except Exception:  # the window works without it
            log.exception("the welcome panel could not be made")
        try:
            from ui.kiosk import Kiosk

            kiosk = Kiosk(library, self.window, tasks=self.window.tasks)
        except Exception as e:  # noqa: BLE001 — without visitor mode the library still works
            log.warning("visitor mode is not available: %s", e)
            return
        self.window.kiosk = kiosk
        kiosk.visitor_left.connect(self.window.visitor_left)
        kiosk.locked_changed.connect(self.window.update_kiosk)
        own = kiosk.done_action  # the kiosk's own "I am done" action (with its shortcut) replaces ours
        self.window.toolbar.insertAction(self.window.done_action, own)
        self.window.addAction(own)
        self.window.done_action = own
        try:
            from ui.visitorstrip import install

            install(self.window, kiosk)  # "visitor mode is on" and a real "I'm done" button across the top
        except Exception:  # the toolbar's "I am done" still works without it
            log.exception("the visitor strip could not be made")
        self.window.update_kiosk()

    # --- dialogs ------------------------------------------------------------------------------------

    def dialog(self, name: str) -> QWidget | None:
        """Open the update, export, USB kit or settings dialog (one of each at a time)."""
        w = self.window
        shown = self.dialogs.get(name)
        if shown is not None and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return shown
        try:
            if name == "update":
                from ui.update import UpdateDialog

                dialog = UpdateDialog(w.library, w.tasks, w)
                dialog.library_changed.connect(w.library_changed)
                dialog.open_item.connect(lambda item_id: w.open_item(item_id))
                dialog.show_downloads.connect(lambda: w.go_to_section("downloads"))
            elif name in ("export", "usbkit"):  # one USB wizard: "Library only" or "Program + library"
                from ui.usbwizard import PROGRAM, UsbWizard

                shown = self.dialogs.get("usb")
                if shown is not None and shown.isVisible():
                    shown.raise_()
                    shown.activateWindow()
                    return shown
                dialog = UsbWizard(w.library, w.tasks, w, mode=PROGRAM if name == "usbkit" else "library")
                dialog.download_videos.connect(self._download_waiting_videos)
                name = "usb"
            elif name == "settings":
                from ui.settingsdialog import SettingsDialog

                dialog = SettingsDialog(w.library, w, tasks=w.tasks)
                dialog.language_changed.connect(w.language_changed)
                if w.kiosk is not None:
                    dialog.settings_saved.connect(w.kiosk.reload)
                dialog.finished.connect(w.update_kiosk)
            else:
                raise ValueError(name)
        except Exception as e:
            log.exception("could not open the %s dialog", name)
            QMessageBox.information(w, QCoreApplication.translate("Hosting", "Not available"),
                                    QCoreApplication.translate("Hosting", "This part of the program could not be "
                                                                          "loaded: %1")
                                    .replace("%1", f"{type(e).__name__}: {e}"))
            return None
        self.dialogs[name] = dialog
        if name == "settings":
            dialog.open()  # window-modal, without a nested event loop
        else:
            dialog.show()  # the library stays usable while an update or a copy runs
        return dialog

    def _download_waiting_videos(self) -> None:
        """The USB wizard's "Download them first": Downloads, every waiting video queued."""
        self.window.go_to_section("downloads")
        if self.downloads_view is not None:
            self.downloads_view.download_all(after_refresh=True)  # go_to_section has it read the list again

    def shutdown(self) -> None:
        if self.lesson_view is not None:
            try:
                self.lesson_view.stop()
            except Exception:
                log.exception("stopping the lesson failed")
        kiosk = self.window.kiosk
        if kiosk is not None:
            kiosk.shutdown()
        for dialog in self.dialogs.values():
            dialog.close()
