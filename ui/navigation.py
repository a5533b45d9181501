"""The sections of the main window: the navigation list, the Bookmarks and History pages, and the plain
item page used when the reader or the player cannot be loaded.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from ui import icons
from ui.formats import format_time, local_time
from ui.results import ResultList, ResultRow, ResultsModel, ThumbnailCache
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from app.values import ItemDetail
    from ui.tasks import Task, TaskManager

# key -> label; the first five are the search page with that kind (None: everything)
SECTIONS = (
    ("all", QT_TRANSLATE_NOOP("Sections", "All")),
    ("practice", QT_TRANSLATE_NOOP("Sections", "Practices")),
    ("lesson", QT_TRANSLATE_NOOP("Sections", "Video lessons")),
    ("document", QT_TRANSLATE_NOOP("Sections", "Documents")),
    ("event", QT_TRANSLATE_NOOP("Sections", "Events")),
    ("bookmarks", QT_TRANSLATE_NOOP("Sections", "Bookmarks")),
    ("history", QT_TRANSLATE_NOOP("Sections", "History")),
    ("downloads", QT_TRANSLATE_NOOP("Sections", "Downloads")),
)
KIND_SECTIONS = {"all": None, "practice": "practice", "lesson": "lesson", "document": "document", "event": "event"}


class NavigationPane(QListWidget):
    """The list of sections on the left. ``section_chosen`` carries the key ("all", "bookmarks", …)."""

    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key, _label in SECTIONS:
            item = QListWidgetItem(icons.icon(key), "")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
        self.setCurrentRow(0)
        self.currentItemChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        for i, (_key, label) in enumerate(SECTIONS):
            self.item(i).setText(QCoreApplication.translate("Sections", label))
        self.setAccessibleName(self.tr("Sections of the library"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_key(self) -> str:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "all"

    def select(self, key: str) -> None:
        """Show ``key`` as the current section without announcing it (the window already went there)."""
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == key:
                self.blockSignals(True)
                self.setCurrentRow(i)
                self.blockSignals(False)
                return

    def _changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.section_chosen.emit(current.data(Qt.ItemDataRole.UserRole))


class ItemListPage(QWidget):
    """Bookmarks or History: the items, newest first, from ``Library.bookmarks()`` / ``history()``."""

    open_requested = Signal(object)  # ResultRow
    loaded = Signal()

    def __init__(self, tasks: TaskManager, mode: str, thumbnails: ThumbnailCache | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if mode not in ("bookmarks", "history"):
            raise ValueError(mode)
        self.tasks, self.mode, self.library = tasks, mode, None
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.model = ResultsModel(thumbnails or ThumbnailCache(tasks, self), self)
        self.thumbnails = self.model.thumbnails
        self.list = ResultList(self.model)
        self.list.open_requested.connect(self.open_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self._entries: list[tuple[str, str, float | None]] = []
        self.retranslate()

    def retranslate(self) -> None:
        if self.mode == "bookmarks":
            self.heading.setText(self.tr("Bookmarks"))
            self.empty.setText(self.tr("No bookmarks yet. Open a practice or a lesson and press “Bookmark” "
                                       "to keep it here."))
        else:
            self.heading.setText(self.tr("Recently opened"))
            self.empty.setText(self.tr("Nothing opened yet. What you read or watch will be listed here."))
        self.list.setAccessibleName(self.heading.text())
        self.model.refresh_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self._entries:
                self.refresh()  # the "opened …" notes are in the UI language
        super().changeEvent(event)

    def set_library(self, library: Library) -> None:
        self.library = library

    def refresh(self) -> None:
        library, mode = self.library, self.mode
        if library is None:
            return

        def load(_task: Task) -> list[tuple[object, str, float | None]]:
            from app.errors import NotFoundError

            if mode == "bookmarks":
                entries = [(i, "", None) for i in library.bookmarks()]
            else:
                entries = library.history(limit=200)
            out = []
            for item_id, when, position in entries:
                try:
                    out.append((library.get_item(item_id), when, position))
                except NotFoundError:
                    continue  # removed from the library by an update; its bookmark no longer leads anywhere
            return out

        self.tasks.run(load, queue=Queue.READ, key=f"list-{mode}", name=mode, on_done=self._loaded)

    def _loaded(self, entries: list) -> None:
        rows = []
        self._entries = [(d.id, when, pos) for d, when, pos in entries]
        for detail, when, position in entries:
            note = ""
            if when:
                note = self.tr("opened %1").replace("%1", local_time(when))
            if position and detail.kind == "lesson":
                note += ", " + self.tr("stopped at %1").replace("%1", format_time(position))
            rows.append(ResultRow(id=detail.id, kind=detail.kind, lang=detail.lang, title=detail.title,
                                  snippet=html.escape(detail.summary), note=note))
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.thumbnails.request(self.library, rows)
        self.loaded.emit()


class ItemFallbackPage(QWidget):
    """An item as plain text, when the reading or video view could not be loaded (it says so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("reading_page", True)  # the window folds its sections away (ui/sidebar.py)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)  # never the network
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.item_id: str | None = None
        self._reason = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.tr("Item text"))
        self.notice.setText(self.tr("This part of the program could not be loaded, so the item is shown as plain "
                                    "text. (%1)").replace("%1", self._reason) if self._reason else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_detail(self, detail: ItemDetail, reason: str) -> None:
        self.item_id = detail.id
        self._reason = reason
        self.title.setText(detail.title)
        body = detail.body_html or f"<p>{html.escape(detail.body_text)}</p>"
        self.text.setHtml(f"<p><i>{html.escape(detail.summary)}</i></p>{body}")
        self.retranslate()
