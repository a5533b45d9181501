"""The Downloads view: files of the library that are not on this PC yet (mostly videos left out by the video
policy, or downloads that were interrupted), their download queue, and the disk space the library uses.

Each download is ``sync.client.download_item`` on the task manager's "net" queue, at most two at a time. Pause
cancels the task: the partial ``.part`` file stays, so Resume continues where it stopped (HTTP ``Range``).
Cancel stops it too and takes the item off the queue (its ``.part`` stays for a later try, the core's rule).
In visitor mode (``ui/kiosk.py``) the list can be seen, but while the PC is locked managing it needs the librarian
PIN.

Files that come from another PC's reading room asking for an access code wait for it ("Needs the access code"):
the box under the list (``ui/downloadcode.py``) asks once for all of them, and the code is kept in memory for this
session only (``codes``), never saved.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.downloadcode import AccessCodeBox
from ui.drives import format_size
from ui.kiosk import librarian_allows
from ui.results import kind_label as item_kind  # one row is one item: "Video lesson", not "Video lessons"
from ui.syncwords import error_text, kind_label
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager

MAX_ACTIVE = 2  # parallel downloads: two keep a slow link busy without starving the rest of the app
STATES = {
    "missing": QT_TRANSLATE_NOOP("Downloads", "Not downloaded"),
    "queued": QT_TRANSLATE_NOOP("Downloads", "Waiting in the queue"),
    "active": QT_TRANSLATE_NOOP("Downloads", "Downloading… %p%"),
    "stopping": QT_TRANSLATE_NOOP("Downloads", "Stopping…"),
    "paused": QT_TRANSLATE_NOOP("Downloads", "Paused"),
    "done": QT_TRANSLATE_NOOP("Downloads", "Downloaded"),
    "failed": QT_TRANSLATE_NOOP("Downloads", "Failed"),
    "code": QT_TRANSLATE_NOOP("Downloads", "Needs the access code"),  # the box under the list asks for it
}
RETRY = ("missing", "failed", "paused", "code")  # states a download can be (re)started from


@dataclass
class DownloadRow:
    """One item with files to download, and where its download stands."""

    item_id: str
    title: str
    kind: str
    size: int  # bytes still missing when listed
    state: str = "missing"
    done: int = 0
    total: int = 0
    error: str = ""
    task: object = None
    after_stop: str = "missing"  # what a cancelled task leaves: "paused" (Pause) or "missing" (Cancel)
    location: str = ""  # state "code": the address of the PC that asks for its access code
    codes_sent: dict[str, str] = field(default_factory=dict, repr=False)  # the codes its running download has
    widget: QTreeWidgetItem | None = field(default=None, repr=False)
    bar: QProgressBar | None = field(default=None, repr=False)


def _scan(library: Library) -> dict:
    """Worker side of refresh(): what is missing, with titles, and the space figures."""
    from app.syncstore import SyncStore

    missing = SyncStore(library).missing_files()
    titles = {i.id: i.title for i in library.list_items()} if missing else {}
    items: dict[str, dict] = {}
    for f in missing:
        row = items.setdefault(f.item_id, {"title": titles.get(f.item_id, f.item_id), "kind": f.kind, "size": 0})
        row["size"] += f.size
    usage = shutil.disk_usage(library.paths.data)
    return {"items": items, "space": library.space_by_kind(), "free": usage.free, "total": usage.total}


class DownloadsView(QWidget):
    """Queued, running and finished downloads; emits ``item_downloaded(id)`` when an item's files are all here."""

    item_downloaded = Signal(str)

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.rows: dict[str, DownloadRow] = {}
        self.space: dict[str, int] = {}
        self.free: int | None = None
        self.total = 0
        self.codes: dict[str, str] = {}  # access codes by the address of a PC's feed: this session only, never saved
        self._build()
        self.retranslate()
        self.refresh()

    def _build(self) -> None:
        style = self.style()
        self.heading = QLabel(wordWrap=True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2):  # kind and size: as wide as their (translated) texts, never cut
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.empty_label = QLabel(wordWrap=True)
        self.code_box = AccessCodeBox()
        self.download_button = QPushButton(style.standardIcon(QStyle.SP_ArrowDown), "")
        self.all_button = QPushButton(style.standardIcon(QStyle.SP_ArrowDown), "")
        self.pause_button = QPushButton(style.standardIcon(QStyle.SP_MediaPause), "")
        self.resume_button = QPushButton(style.standardIcon(QStyle.SP_MediaPlay), "")
        self.cancel_button = QPushButton(style.standardIcon(QStyle.SP_DialogCancelButton), "")
        self.refresh_button = QPushButton(style.standardIcon(QStyle.SP_BrowserReload), "")
        self.space_label = QLabel(wordWrap=True)
        self.free_label = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for b in (self.download_button, self.all_button, self.pause_button, self.resume_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.code_box)
        layout.addLayout(buttons)
        layout.addWidget(self.space_label)
        layout.addWidget(self.free_label)

        self.download_button.clicked.connect(lambda: self._each_selected(self.enqueue))
        self.all_button.clicked.connect(self.download_all)
        self.pause_button.clicked.connect(lambda: self._each_selected(self.pause))
        self.resume_button.clicked.connect(lambda: self._each_selected(self.resume))
        self.cancel_button.clicked.connect(lambda: self._each_selected(self.cancel))
        self.refresh_button.clicked.connect(self.refresh)
        self.code_box.retry.connect(self._retry_with_code)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda item, _col: self.enqueue(item.data(0, Qt.UserRole)))
        QShortcut(QKeySequence(Qt.Key_Space), self.tree, context=Qt.WidgetShortcut).activated.connect(
            lambda: self._each_selected(self._toggle))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Files that are not on this computer yet — mostly videos, which are "
                                     "downloaded only when you ask. Select a row and press Download."))
        self.tree.setHeaderLabels([self.tr("Title"), self.tr("Kind"), self.tr("Size"), self.tr("Status")])
        self.tree.setAccessibleName(self.tr("Downloads"))
        self.empty_label.setText(self.tr("Every file of the library is on this computer."))
        for button, text, name in (
                (self.download_button, self.tr("&Download"), self.tr("Download the selected items")),
                (self.all_button, self.tr("Download &all"), self.tr("Download every item in the list")),
                (self.pause_button, self.tr("&Pause"), self.tr("Pause the selected downloads")),
                (self.resume_button, self.tr("&Resume"), self.tr("Resume the selected downloads")),
                (self.cancel_button, self.tr("&Cancel"), self.tr("Cancel the selected downloads")),
                (self.refresh_button, self.tr("Re&fresh"), self.tr("Refresh the list"))):
            button.setText(text)
            button.setAccessibleName(name)
        self.code_box.retranslate()
        for row in self.rows.values():
            self._draw(row)
        self._draw_space()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what is missing and the space figures again (in a worker)."""
        library = self.library
        self.tasks.run(lambda task: _scan(library), queue=Queue.READ, key=f"downloads-{id(self)}",
                       on_done=self._scanned)

    def _scanned(self, found: dict) -> None:
        for item_id, info in found["items"].items():
            row = self.rows.get(item_id)
            if row is None:
                row = self.rows[item_id] = DownloadRow(item_id, info["title"], info["kind"], info["size"])
                self._add_widget(row)
            elif row.state == "done":  # its files are missing again (removed, a newer version): start over
                row.state, row.size = "missing", info["size"]
            elif row.state in ("missing", "failed", "paused", "code"):
                row.size = info["size"]
            self._draw(row)
        for item_id, row in list(self.rows.items()):  # downloaded meanwhile (a sync), or the item is gone
            if item_id not in found["items"] and row.state in RETRY:
                self._remove(row)
        self.space, self.free, self.total = found["space"], found["free"], found["total"]
        self._draw_space()
        self._update_buttons()
        if getattr(self, "_all_when_read", False):  # download_all(after_refresh=True): the list is read now
            self._all_when_read = False
            self.download_all()

    def _add_widget(self, row: DownloadRow) -> None:
        row.widget = QTreeWidgetItem(self.tree, [row.title, item_kind(row.kind), format_size(row.size), ""])
        row.widget.setData(0, Qt.UserRole, row.item_id)
        row.widget.setToolTip(0, row.item_id)
        row.bar = QProgressBar()
        row.bar.setAccessibleName(self.tr("Progress of %1").replace("%1", row.title))
        self.tree.setItemWidget(row.widget, 3, row.bar)

    def _remove(self, row: DownloadRow) -> None:
        self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(row.widget))
        del self.rows[row.item_id]

    def _draw(self, row: DownloadRow) -> None:
        bar = row.bar
        text = QCoreApplication.translate("Downloads", STATES[row.state])
        if row.state == "failed" and row.error:
            text = f"{text}: {row.error}"
            bar.setToolTip(f"<p>{html.escape(row.error)}</p>")  # may quote a feed's names: never markup
        else:
            bar.setToolTip("")
        row.widget.setText(2, format_size(row.size))
        row.widget.setText(1, item_kind(row.kind))
        if row.state == "done":
            bar.setRange(0, 1)
            bar.setValue(1)
        elif row.state == "active" and row.total:
            bar.setRange(0, row.total)
            bar.setValue(min(row.done, row.total))
        elif row.state == "active":
            bar.setRange(0, 0)  # nothing measured yet: a busy bar
        else:
            bar.setRange(0, max(row.total, 1))
            bar.setValue(min(row.done, row.total) if row.state == "paused" else 0)
        bar.setFormat(text)
        bar.setTextVisible(True)
        self.empty_label.setVisible(not self.rows)

    def _draw_space(self) -> None:
        parts = [f"{kind_label(kind)} {format_size(size)}" for kind, size in self.space.items() if size]
        self.space_label.setText(self.tr("Space used by the library's files: %1").replace(
            "%1", " · ".join(parts) if parts else self.tr("none yet")))
        if self.free is None:
            self.free_label.setText("")
        else:
            self.free_label.setText(self.tr("Free on the library's disk: %1 of %2").replace(
                "%1", format_size(self.free)).replace("%2", format_size(self.total)))

    def _selected_ids(self) -> list[str]:
        return [item.data(0, Qt.UserRole) for item in self.tree.selectedItems()]

    def _each_selected(self, action) -> None:
        if not librarian_allows(self):  # asked once for all the rows
            return
        for item_id in self._selected_ids():
            action(item_id)

    def _update_buttons(self) -> None:
        states = {self.rows[i].state for i in self._selected_ids() if i in self.rows}
        self.download_button.setEnabled(bool(states & {"missing", "failed", "code"}))
        self.pause_button.setEnabled(bool(states & {"queued", "active"}))
        self.resume_button.setEnabled(bool(states & {"paused", "failed", "code"}))
        self.cancel_button.setEnabled(bool(states & {"queued", "active", "paused"}))
        self.all_button.setEnabled(any(r.state in RETRY for r in self.rows.values()))
        self._follow_code_box()

    # --- the queue --------------------------------------------------------------------------------

    def enqueue(self, item_id: str) -> None:
        """Queue an item's missing files for download (also an item not listed yet: "download this video")."""
        if not librarian_allows(self):  # visitor mode: no Downloads management while locked
            return
        row = self.rows.get(item_id)
        if row is None:
            try:
                detail = self.library.get_item(item_id)  # one row by key: cheap enough for the UI thread
            except Exception as e:
                from app.errors import NotFoundError

                if isinstance(e, NotFoundError):
                    return
                raise
            size = sum(f.size for f in detail.files if not f.present)
            row = self.rows[item_id] = DownloadRow(item_id, detail.title, detail.kind, size)
            self._add_widget(row)
        if row.state in RETRY:
            row.state, row.error = "queued", ""
            self._draw(row)
            self._pump()
        self._update_buttons()

    def download_all(self, *, after_refresh: bool = False) -> None:
        """Queue every item whose files are missing; ``after_refresh``: once the list being read is in."""
        if after_refresh:
            self._all_when_read = True
            return
        if not librarian_allows(self):
            return
        for item_id, row in list(self.rows.items()):
            if row.state in RETRY:
                self.enqueue(item_id)

    def pause(self, item_id: str) -> None:
        self._stop(item_id, then="paused")

    def resume(self, item_id: str) -> None:
        self.enqueue(item_id)

    def cancel(self, item_id: str) -> None:
        self._stop(item_id, then="missing")

    def _toggle(self, item_id: str) -> None:
        row = self.rows.get(item_id)  # (pause and enqueue ask the librarian while locked)
        if row is not None:
            (self.pause if row.state in ("queued", "active") else self.enqueue)(item_id)

    def _stop(self, item_id: str, *, then: str) -> None:
        row = self.rows.get(item_id)
        if row is None or not librarian_allows(self):  # pause and cancel: visitor mode asks the librarian
            return
        if row.state == "active":
            row.after_stop = then
            row.state = "stopping"
            row.task.cancel()  # the core stops between chunks and keeps the .part file
        elif row.state in ("queued", "paused"):
            row.state = then
        self._draw(row)
        self._update_buttons()

    def active_count(self) -> int:
        return sum(1 for r in self.rows.values() if r.state in ("active", "stopping"))

    def _pump(self) -> None:
        """Start queued downloads while fewer than MAX_ACTIVE run (in the order they were queued)."""
        from sync.client import download_item

        for row in list(self.rows.values()):
            if self.active_count() >= MAX_ACTIVE:
                break
            if row.state != "queued":
                continue
            row.state, row.done, row.total, row.after_stop = "active", 0, 0, "missing"
            library, item_id, codes = self.library, row.item_id, dict(self.codes)
            row.codes_sent = codes
            row.task = self.tasks.run(
                lambda task, library=library, item_id=item_id, codes=codes: download_item(
                    library, item_id, access_codes=codes, progress=task.progress, cancelled=task.cancelled),
                queue=Queue.NET, name=f"download {item_id}",
                on_progress=lambda done, total, _msg, row=row: self._progressed(row, done, total),
                on_done=lambda _result, row=row: self._finished(row, None),
                on_error=lambda error, row=row: self._finished(row, error))
            self._draw(row)

    def _progressed(self, row: DownloadRow, done: int, total: int) -> None:
        if row.state == "active":
            row.done, row.total = done, total
            self._draw(row)

    def _finished(self, row: DownloadRow, error: BaseException | None) -> None:
        from app.errors import CancelledError

        row.task = None
        if error is None:
            row.state, row.done, row.error = "done", row.total, ""
        elif isinstance(error, CancelledError):
            row.state = row.after_stop
        elif getattr(error, "code", None) == "access_code" and getattr(error, "location", None):
            self._ask_code(row, error.location)
        else:
            row.state, row.error = "failed", error_text(error)
        if row.item_id in self.rows:
            self._draw(row)
        self._pump()
        self._update_buttons()
        if error is None:
            self.item_downloaded.emit(row.item_id)
            self.refresh()  # the space used changed

    # --- a PC that asks for its access code -------------------------------------------------------

    def _ask_code(self, row: DownloadRow, location: str) -> None:
        """``row``'s download was refused for want of the right code of the PC at ``location``."""
        row.state, row.location, row.error = "code", location, ""
        given = row.codes_sent.get(location)
        if given is not None and self.codes.get(location) == given:
            del self.codes[location]  # refused: not tried again for the next file (a newer one typed meanwhile stays)
        self.code_box.ask(location, wrong=given is not None)

    def _retry_with_code(self, location: str, code: str) -> None:
        """The box's Try again: every file waiting for that PC is queued again, with the code."""
        if not librarian_allows(self):
            return
        self.codes[location] = code
        waiting = [r for r in self.rows.values() if r.state == "code" and r.location == location]
        self.code_box.hide()  # until they are through: a refused code comes back to the field, to be corrected
        for row in waiting:
            row.state = "queued"
            self._draw(row)
        self._pump()
        self._update_buttons()

    def _follow_code_box(self) -> None:
        """The box asks for a PC's code only while files wait for it (they may have been downloaded by a sync,
        or tried again with the Download button), then for the next PC's if another waits too; it forgets the
        code typed once the files it was given for are through."""
        box = self.code_box
        waiting = [r.location for r in self.rows.values() if r.state == "code"]
        if box.location in waiting:
            return
        if waiting:
            box.ask(waiting[0], wrong=False)
        elif box.location is not None and not any(r.location == box.location and r.state in ("queued", "active",
                                                                                            "stopping")
                                                  for r in self.rows.values()):
            box.done()

    def state_of(self, item_id: str) -> str | None:
        row = self.rows.get(item_id)
        return row.state if row else None
