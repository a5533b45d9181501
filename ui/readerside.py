"""The reader's narrow side panel: the item's files, related items and the user's notes, beside the text.

Designed for 1366×768 screens: the text gets the width, and this column only what it needs. A part with
nothing in it is not shown at all (no "Files (0)"): an item without attachments shows only its related
items and notes. Titles wrap instead of being cut. The panel only shows and reports choices; opening or
saving a file is the reader's work (``ui/reader.py``). Its words were the reader's before, and keep the
reader's translation context ("ReaderView").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.values import FileInfo, ItemDetail
from ui.drives import format_size
from ui.notes import NotesPanel
from ui.readertext import LANGUAGE_NAMES, esc, kind_label, may_open

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager

FILE_ROLES = {"file", "attachment"}  # what the files part lists (not body pictures, videos or subtitles)
PANEL_WIDTH = 300  # pixels: enough for a title in two or three lines, little enough to leave the text its room
MAX_LIST_ROWS = 6  # a longer list of files or related items scrolls
CLICK_TARGET = 28  # pixels: buttons of the reading pages at least this high (WCAG asks for 24)


def _heading(font_of: QWidget) -> QLabel:
    label = QLabel()
    font = font_of.font()
    font.setBold(True)
    label.setFont(font)
    return label


class _FittedList(QListWidget):
    """A list as tall as its rows (up to :data:`MAX_LIST_ROWS`), with wrapped titles, not a mostly empty box."""

    chosen = Signal(QListWidgetItem)  # a click, or Enter on the current row (one signal, so never twice)

    def __init__(self) -> None:
        super().__init__()
        self.itemClicked.connect(self.chosen)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def fit(self) -> None:
        # the rows' own size hints do not know the width yet when the list is filled: measure the wrapped text
        width = max(self.viewport().width() - 8, 40)
        metrics = self.fontMetrics()
        rows = [metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, self.item(i).text())
                .height() + 4 for i in range(min(self.count(), MAX_LIST_ROWS))]
        height = sum(rows) + 2 * self.frameWidth() + 2
        if height != self.height():
            self.setFixedHeight(height)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.count():
            self.fit()


class ReaderSidePanel(QWidget):
    """Files (with Open and Save a copy), related items and notes of the item in the reader."""

    file_activated = Signal(object)  # FileInfo: double-click or Enter
    open_file_requested = Signal(object)  # FileInfo
    save_file_requested = Signal(object)  # FileInfo
    related_chosen = Signal(str, str)  # item id, kind

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files_heading = _heading(self)
        self.files = _FittedList()
        self.files.itemActivated.connect(lambda row: self.file_activated.emit(row.data(Qt.UserRole)))
        self.files.currentItemChanged.connect(lambda *_rows: self.update_buttons())
        self.open_file_button = QPushButton()
        self.open_file_button.clicked.connect(lambda _checked=False: self._request(self.open_file_requested))
        self.save_file_button = QPushButton()
        self.save_file_button.clicked.connect(lambda _checked=False: self._request(self.save_file_requested))
        self.files_part = QWidget()
        files_layout = QVBoxLayout(self.files_part)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files_heading)
        files_layout.addWidget(self.files)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file_button)
        buttons.addWidget(self.save_file_button)
        buttons.addStretch(1)
        files_layout.addLayout(buttons)

        self.related_heading = _heading(self)
        self.related_list = _FittedList()
        self.related_list.chosen.connect(lambda row: self.related_chosen.emit(*row.data(Qt.UserRole)))
        self.related_part = QWidget()
        related_layout = QVBoxLayout(self.related_part)
        related_layout.setContentsMargins(0, 0, 0, 0)
        related_layout.addWidget(self.related_heading)
        related_layout.addWidget(self.related_list)

        self.notes_heading = _heading(self)
        self.notes = NotesPanel(library, tasks)
        self.notes.layout().setContentsMargins(0, 0, 0, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.files_part)
        layout.addWidget(self.related_part)
        layout.addWidget(self.notes_heading)
        layout.addWidget(self.notes, 1)
        self.setMinimumWidth(PANEL_WIDTH * 3 // 4)
        for button in (self.open_file_button, self.save_file_button, self.notes.add_button, self.notes.delete_button):
            button.setMinimumHeight(CLICK_TARGET)
        self.files_part.hide()
        self.related_part.hide()
        self.retranslate()

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(PANEL_WIDTH)
        return hint

    def retranslate(self) -> None:
        self.files.setAccessibleName(QCoreApplication.translate("ReaderView", "Files of this item"))
        self.open_file_button.setText(QCoreApplication.translate("ReaderView", "Open"))
        self.open_file_button.setAccessibleName(QCoreApplication.translate("ReaderView", "Open the chosen file"))
        self.save_file_button.setText(QCoreApplication.translate("ReaderView", "Save a copy…"))
        self.save_file_button.setAccessibleName(QCoreApplication.translate("ReaderView", "Save a copy of the chosen file"))
        self.related_list.setAccessibleName(QCoreApplication.translate("ReaderView", "Related items"))
        self.related_list.setToolTip(self.tr("Click to open"))
        self.files_heading.setText(QCoreApplication.translate("ReaderView", "Files"))
        self.related_heading.setText(QCoreApplication.translate("ReaderView", "Related"))
        self.notes_heading.setText(QCoreApplication.translate("ReaderView", "Notes"))
        self.update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing ------------------------------------------------------------------------------

    def fill(self, item: ItemDetail | None, related: tuple[tuple[str, str, str, str], ...]) -> None:
        """Show the files of ``item`` and its ``related`` (id, kind, lang, title); parts with nothing are hidden."""
        self.files.clear()
        for info in item.files if item else ():
            if info.role not in FILE_ROLES:
                continue
            text = f"{info.title or info.name} ({format_size(info.size)})"  # "38 КБ", not "37,95 KiB"
            if not info.present:
                text += " — " + QCoreApplication.translate("ReaderView", "not on this PC yet")
            row = QListWidgetItem(text)
            row.setData(Qt.UserRole, info)
            row.setToolTip(f"<p>{esc(info.name)}</p>")  # a tooltip would show a name with tags as rich text
            self.files.addItem(row)
        self.related_list.clear()
        for rid, kind, lang, title in related:
            row = QListWidgetItem(f"{title} — {kind_label(kind)} ({LANGUAGE_NAMES.get(lang, lang)})")
            row.setData(Qt.UserRole, (rid, kind))
            self.related_list.addItem(row)
        for part, rows in ((self.files_part, self.files), (self.related_part, self.related_list)):
            part.setVisible(rows.count() > 0)
            if rows.count():
                rows.fit()
        self.update_buttons()

    def current_file(self) -> FileInfo | None:
        row = self.files.currentItem() or (self.files.item(0) if self.files.count() == 1 else None)
        return row.data(Qt.UserRole) if row is not None else None

    def update_buttons(self) -> None:
        has_file = self.files.count() > 0
        info = self.current_file()
        self.open_file_button.setEnabled(info is None and has_file or info is not None and may_open(info))
        self.save_file_button.setEnabled(has_file)

    def _request(self, signal: Signal) -> None:
        info = self.current_file()
        if info is not None:
            signal.emit(info)
