"""The main window: sections on the left, the search page and item pages in a stack, a toolbar, menus
and a status bar (the actions, menus and toolbar are made by ``ui/windowactions.py``).

It hosts the other views (reader, lesson player, downloads) and the dialogs (update, copy to USB,
settings). Those are imported when first needed, inside the methods: the window paints before their
imports (and SQLAlchemy's, Whoosh's) cost anything, and a view that cannot be loaded shows a plain
message instead of taking the app down.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui import windowactions
from ui.formats import local_time
from ui.hosting import ViewLoader, error_words
from ui.navigation import KIND_SECTIONS, ItemFallbackPage, ItemListPage, NavigationPane
from ui.results import ResultRow, ThumbnailCache, plural
from ui.searchview import SearchPage
from ui.sharing import Sharing
from ui.sidebar import SideBar
from ui.stalebanner import StaleBanner
from ui.tasks import Queue
from ui.taskstatus import TaskStatus

if TYPE_CHECKING:
    from app.library import Library
    from app.paths import Paths
    from ui.tasks import Task, TaskManager

log = logging.getLogger(__name__)
BACK_LIMIT = 50


class MainWindow(QMainWindow):
    """``MainWindow(tasks)``; the library arrives later through :meth:`set_library`."""

    library_ready = Signal(object)  # the Library, once set
    item_opened = Signal(str)  # an item page is on screen (tests and the start-up trace wait for it)
    # made by ui.windowactions.install: the actions, the menus and the toolbar
    back_action: QAction
    find_action: QAction
    update_action: QAction
    export_action: QAction
    usbkit_action: QAction
    librarian_action: QAction
    settings_action: QAction
    about_action: QAction
    report_action: QAction
    quit_action: QAction
    done_action: QAction
    language_group: QActionGroup
    language_actions: dict[str, QAction]  # language code -> its action in the Language menu
    library_menu: QMenu
    view_menu: QMenu
    language_menu: QMenu
    help_menu: QMenu
    toolbar: QToolBar

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.library = None
        self.kiosk = None
        self.settings_paths: Paths | None = None  # for saving the language before the library is open
        self.language = ""
        self._status_counts: tuple[int, dict | None] | None = None  # the status line's figures, once read
        self._closed = False
        self._opening_library = None  # set by the worker that opens it, so closing early still closes it
        self._row_waiting: ResultRow | None = None  # a result opened before the whole library was there
        self._kinds: dict[str, str] = {}  # item id -> kind, from the rows shown
        self._back: list[tuple[str, tuple[str, str] | None]] = []  # (section, (item id, kind) or None)
        self._section = "all"
        self._item: tuple[str, str] | None = None  # the item on screen

        self.thumbnails = ThumbnailCache(tasks, self)
        self.nav = NavigationPane()
        self.search_page = SearchPage(tasks, self.thumbnails)
        self.bookmarks_page = ItemListPage(tasks, "bookmarks", self.thumbnails)
        self.history_page = ItemListPage(tasks, "history", self.thumbnails)
        self.downloads_page = QWidget()
        self.downloads_notice = QLabel()
        self.downloads_notice.setWordWrap(True)
        QVBoxLayout(self.downloads_page).addWidget(self.downloads_notice, 0, Qt.AlignmentFlag.AlignTop)
        self.fallback_page = ItemFallbackPage()
        self.stack = QStackedWidget()
        for page in (self.search_page, self.bookmarks_page, self.history_page, self.downloads_page,
                     self.fallback_page):
            self.stack.addWidget(page)
        self.views = ViewLoader(self)  # the reader, the lesson player and the downloads view, made when needed
        splitter = self.sidebar = SideBar(self.nav, self.stack)  # folds away while reading (F9 brings it back)
        self.stale_banner = StaleBanner()
        self.stale_banner.update_requested.connect(self.show_update)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stale_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.resize(1100, 700)

        windowactions.install(self)  # the actions, menus and toolbar
        self.sidebar.install(self)
        self.status_label = QLabel(textFormat=Qt.PlainText)  # errors may quote a feed's text
        self.task_status = TaskStatus(tasks)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.task_status)

        self.nav.section_chosen.connect(self.go_to_section)
        self.search_page.open_requested.connect(self._open_row)
        self.search_page.kind_changed.connect(self._kind_changed_on_page)
        self.bookmarks_page.open_requested.connect(self._open_row)
        self.history_page.open_requested.connect(self._open_row)
        self.stack.currentChanged.connect(self._page_changed)
        self.sharing = Sharing(self)  # Library → Share on this network (the reading room, app/web)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kitepkana — library of local self-government practices"))
        windowactions.retranslate(self)
        if self.library is None:
            self.downloads_notice.setText(self.tr("Opening the library…"))
        else:
            self.downloads_notice.setText(self.tr("The downloads view could not be loaded: %1").replace(
                "%1", self.views.problems.get("downloads", "")))
        for act in (self.update_action, self.export_action, self.usbkit_action, self.settings_action):
            act.setEnabled(self.library is not None)  # they all work on the open library
        self._refresh_status_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the library --------------------------------------------------------------------------

    def open_library(self, data_dir: str | None, *, import_sample: bool = True) -> None:
        """Open (and on a first start fill) the library in a worker, then :meth:`set_library`.

        An up-to-date library is opened only to search it first (app/searchonly.py): the first results are on
        screen before SQLAlchemy, our models and the content code are imported (0.3–0.5 s of a start, issue 15).
        Once they are, the whole library takes over its lock and index. A library to migrate, or an empty one
        that gets the sample, is opened whole at once."""
        self.status_label.setText(self.tr("Opening the library…"))

        def searchable(task: Task):
            from app.paths import resolve
            from app.searchonly import open_for_search

            library = open_for_search(resolve(data_dir), sample=import_sample, exclusive=True)
            if library is not None:
                self._opening_library = library
                library.ensure_index(progress=task.progress, cancelled=task.cancelled, warm=False)
            return library

        def work(task: Task, opened=None):
            from app.library import Library  # SQLAlchemy: imported here, after the window is painted

            library = Library(opened.paths, opened=opened) if opened is not None else Library.open(data_dir,
                                                                                                  exclusive=True)
            self._opening_library = library
            if import_sample:
                library.import_sample_if_empty(progress=task.progress)
            library.ensure_index(progress=task.progress, cancelled=task.cancelled, warm=False)  # (ui/app.py warms)
            return library

        def failed(error: BaseException) -> None:
            if self._opening_library is not None:
                self._opening_library.close()
                self._opening_library = None
            self.show_error(self.tr("The library could not be opened. %1").replace("%1", error_words(error)))

        def first_results(opened) -> None:
            if opened is None:  # opened whole at once
                self.tasks.run(work, queue=Queue.WRITE, name="open-library", on_done=self.set_library,
                               on_error=failed)
                return
            if self._closed:
                return  # (shutdown closed it)
            page = self.search_page

            def whole() -> None:  # after the first answer, so the import does not slow it down
                page.results_shown.disconnect(whole)
                page.search_failed.disconnect(whole)
                self.tasks.run(lambda task: work(task, opened), queue=Queue.WRITE, name="open-library",
                               on_done=lambda library: self.set_library(library, searching=True), on_error=failed)

            page.results_shown.connect(whole)
            page.search_failed.connect(whole)
            page.set_library(opened)

        self.tasks.run(searchable, queue=Queue.WRITE, name="open-library", on_done=first_results, on_error=failed)

    def set_library(self, library: Library, *, searching: bool = False) -> None:
        """``searching``: the search page already searches it, through the library opened only for that."""
        self._opening_library = None
        if self._closed:  # the window closed while the library was opening
            library.close()
            return
        self.library = library
        if searching:
            self.search_page.take_over(library)
        else:
            self.search_page.set_library(library)
        self.bookmarks_page.set_library(library)
        self.history_page.set_library(library)
        self.views.library_set(library)
        self.retranslate()
        self.refresh_status()
        self.library_ready.emit(library)
        row, self._row_waiting = self._row_waiting, None
        if row is not None:
            self._open_row(row)

    def show_error(self, message: str) -> None:
        self.status_label.setText(message)
        self.search_page.show_error(message)

    def refresh_status(self) -> None:
        library = self.library
        if library is None:
            return

        def read(_task: Task) -> tuple[int, dict | None, str | None, int]:
            from app.settings import Settings
            from app.syncstore import SyncStore

            store = SyncStore(library)
            runs = store.last_runs(5)
            return (library.stats().items, next((r for r in runs if r["status"] in ("ok", "unchanged")), None),
                    store.newest_update(), Settings(library.paths).get("stale_after_days"))

        self.tasks.run(read, queue=Queue.READ, key="status", name="status", on_done=self._status_read)

    def _status_read(self, result: tuple[int, dict | None, str | None, int]) -> None:
        items, last, newest, stale_after_days = result
        self._status_counts = items, last
        age = (dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(newest)).days if newest else None
        self.stale_banner.show_age(newest, age, stale_after_days)
        self._refresh_status_text()

    def _refresh_status_text(self) -> None:
        counts = self._status_counts
        if counts is None:
            return
        items, last = counts
        text = plural(self.tr("%n item(s) in the library", "", items), items)
        if last:
            text += " · " + self.tr("last updated %1").replace("%1", local_time(last["finished_at"] or
                                                                                last["started_at"]))
        else:
            text += " · " + self.tr("not updated yet")
        self.status_label.setText(text)

    def library_changed(self, _report: object = None) -> None:
        """After an update: new items, maybe new taxonomy labels and thumbnails."""
        if self.library is None:
            return
        self.thumbnails.forget()
        self.search_page.set_library(self.library)
        self.refresh_status()
        if self.stack.currentWidget() in (self.bookmarks_page, self.history_page):
            self.stack.currentWidget().refresh()

    # --- sections, items and Back ---------------------------------------------------------------

    def _location(self) -> tuple[str, tuple[str, str] | None]:
        return self._section, self._item

    def _push(self) -> None:
        here = self._location()
        if not self._back or self._back[-1] != here:
            self._back.append(here)
            del self._back[:-BACK_LIMIT]
        self.back_action.setEnabled(True)

    def go_to_section(self, key: str, *, push: bool = True) -> None:
        """Show a section: "all", a kind ("practice"…), "bookmarks", "history" or "downloads"."""
        if push and (key, None) != self._location():
            self._push()
        self._section, self._item = key, None
        self.nav.select(key)
        if key in KIND_SECTIONS:
            self.stack.setCurrentWidget(self.search_page)
            self.search_page.set_kind(KIND_SECTIONS[key])
        elif key in ("bookmarks", "history"):
            page = self.bookmarks_page if key == "bookmarks" else self.history_page
            self.stack.setCurrentWidget(page)
            page.refresh()
        elif key == "downloads":
            view = self.views.downloads()
            if view is None:
                self.retranslate()  # the notice says why
            self.stack.setCurrentWidget(view or self.downloads_page)
            if view is not None:
                view.refresh()

    def _kind_changed_on_page(self, kind: str | None) -> None:
        key = kind or "all"
        if self.stack.currentWidget() is self.search_page and key != self._section:
            self._push()
            self._section = key
            self.nav.select(key)

    def _open_row(self, row: ResultRow) -> None:
        if self.library is None:  # the first results came before the whole library: it opens the row on arrival
            self._row_waiting = row
            return
        self._kinds[row.id] = row.kind
        self.show_item(row.id, row.kind, at=row.time)

    def open_item(self, item_id: str, *, at: float | None = None) -> None:
        """Open any item by id (a related item, a translation, an event's recording, What's new…)."""
        kind = self._kinds.get(item_id)
        if kind is not None:
            self.show_item(item_id, kind, at=at)
            return
        library = self.library
        if library is None:
            return
        self.tasks.run(lambda _t: library.get_item(item_id).kind, queue=Queue.READ, key="open-item", name="open-item",
                       on_done=lambda k: self.show_item(item_id, k, at=at),
                       on_error=lambda e: self.show_error(error_words(e)))

    def show_item(self, item_id: str, kind: str, *, at: float | None = None, push: bool = True) -> None:
        if self.library is None:
            return
        if push:
            self._push()
        self._kinds[item_id] = kind
        self._item = (item_id, kind)
        page = self.views.show(item_id, kind, at)
        self.stack.setCurrentWidget(page)
        self.item_opened.emit(item_id)

    def go_back(self) -> None:
        if not self._back:
            return
        section, item = self._back.pop()
        self.back_action.setEnabled(bool(self._back))
        if item is None:
            self.go_to_section(section, push=False)
        else:
            self._section = section
            self.nav.select(section)
            self.show_item(item[0], item[1], push=False)

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def focus_search(self) -> None:
        if self.stack.currentWidget() is not self.search_page:
            self.go_to_section(self._section if self._section in KIND_SECTIONS else "all")
        self.search_page.focus_search()

    def _page_changed(self, _index: int) -> None:
        # Ctrl+F stays ours everywhere: the PDF viewer claims it (ShortcutOverride) only while it has the focus
        self.views.page_changed(self.stack.currentWidget())

    # --- dialogs ----------------------------------------------------------------------------------

    def _unlocked(self) -> bool:
        """Visitor mode: settings, updates and copies need the librarian's PIN."""
        return self.kiosk is None or self.kiosk.unlock(self)

    def show_update(self) -> None:
        if self.library is not None and self._unlocked():
            self.views.dialog("update")

    def show_export(self) -> None:
        if self.library is not None and self._unlocked():
            self.views.dialog("export")

    def show_usbkit(self) -> None:
        if self.library is not None and self._unlocked():
            self.views.dialog("usbkit")

    def show_settings(self) -> None:
        if self.library is not None and self._unlocked():
            self.views.dialog("settings")

    def show_about(self) -> None:
        from app import __version__

        folder = str(self.library.paths.data) if self.library is not None else ""
        QMessageBox.about(self, self.tr("About Kitepkana"), self.tr(
            "Kitepkana %1\n\nAn offline library of best practices of local self-government in the Kyrgyz "
            "Republic: practices, video lessons, documents and events.\n\nThe library is kept in: %2")
            .replace("%1", __version__).replace("%2", folder))

    def set_language(self, lang: str) -> None:
        """Switch the interface language at once (and remember it for the next start)."""
        try:
            from ui.i18n import install_language
        except ImportError:
            QMessageBox.information(self, self.tr("Language"), self.tr("Other languages are not available in this "
                                                                       "version of the program."))
            return
        used = install_language(QApplication.instance(), lang)
        self.language_changed(used)
        paths = self.library.paths if self.library is not None else self.settings_paths
        if paths is not None:
            try:
                from app.settings import Settings

                Settings(paths).set("ui_language", lang)
            except OSError as e:
                log.warning("could not save the language: %s", e)

    def language_changed(self, used: str) -> None:
        """The language in use changed (here or in the settings dialog): tick it in the menu."""
        self.language = used
        for code, act in self.language_actions.items():
            act.setChecked(code == used)

    # --- visitor mode -------------------------------------------------------------------------

    def visitor_done(self) -> None:
        if self.kiosk is not None:
            self.kiosk.visitor_done()

    def visitor_left(self) -> None:
        """The visitor left: back to the start page with nothing of theirs on screen."""
        self._back.clear()
        self.back_action.setEnabled(False)
        self.search_page.reset()
        self.go_to_section("all", push=False)

    def librarian_login(self) -> None:
        if self.kiosk is not None:
            self.kiosk.unlock(self)  # locked_changed shows the librarian's actions again

    def update_kiosk(self, *_args: object) -> None:
        """Visitor mode: while locked, settings, updates and copies are hidden; "Librarian…" unlocks them."""
        enabled = bool(self.kiosk is not None and self.kiosk.enabled)
        locked = enabled and bool(self.kiosk.locked)
        self.done_action.setVisible(enabled)
        self.librarian_action.setVisible(locked)
        for act in (self.update_action, self.export_action, self.usbkit_action, self.settings_action):
            act.setVisible(not locked)

    def shutdown(self) -> None:
        """Stop playback, let running work finish (cancelled), close the library and its lock."""
        if self._closed:
            return
        self._closed = True
        self.sharing.stop()
        self.views.shutdown()
        self.tasks.cancel_all()
        self.tasks.wait()
        for library in (self.library, self._opening_library):
            if library is not None:
                library.close()
        self.library = self._opening_library = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
