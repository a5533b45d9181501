"""The desktop app, for now a plain window listing the library (the full app is its own issue).

The window is shown first; opening the library (and importing the sample on a first start) runs in a
worker thread so the window never freezes.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStatusBar,
    QTextBrowser,
)

KIND_LABELS = {"practice": "Practice", "lesson": "Video lesson", "document": "Document", "event": "Event"}


class _Signals(QObject):
    progress = Signal(int, int, str)
    loaded = Signal(object, object)  # library, items
    failed = Signal(str)


class _OpenLibrary(QRunnable):
    def __init__(self, data_dir: str | None, import_sample: bool) -> None:
        super().__init__()
        self.data_dir, self.import_sample = data_dir, import_sample
        self.signals = _Signals()

    def run(self) -> None:
        try:
            from app.library import Library

            library = Library.open(self.data_dir, exclusive=True)
            if self.import_sample:
                library.import_sample_if_empty(progress=self.signals.progress.emit)
            library.ensure_index(progress=self.signals.progress.emit)  # checked against the database
            self.signals.loaded.emit(library, library.list_items())
        except Exception as e:  # shown to the user, never a crash
            self.signals.failed.emit(str(e))


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.library = None
        self.setWindowTitle(self.tr("Kitepkana — LSG best practices library"))
        self.resize(1000, 640)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Library items"))
        self.reader = QTextBrowser()
        self.reader.setOpenExternalLinks(False)
        self.reader.setAccessibleName(self.tr("Item text"))
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.reader)
        splitter.setSizes([360, 640])
        self.setCentralWidget(splitter)
        self.status = QStatusBar()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.status_label = QLabel(self.tr("Opening the library…"))
        self.status.addWidget(self.status_label, 1)
        self.status.addPermanentWidget(self.progress)
        self.setStatusBar(self.status)
        self.list.currentItemChanged.connect(self._show_current)

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.show()
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status_label.setText(self.tr("Preparing the library… %1").replace("%1", message))

    @Slot(object, object)
    def on_loaded(self, library, items) -> None:
        self.library = library
        self.progress.hide()
        self.list.clear()
        for it in items:
            row = QListWidgetItem(f"[{it.lang}] {it.title}")
            row.setData(Qt.UserRole, it.id)
            row.setToolTip(f"{KIND_LABELS.get(it.kind, it.kind)} · {it.year or ''}")
            self.list.addItem(row)
        self.status_label.setText(self.tr("%n item(s)", "", len(items)))
        if items:
            self.list.setCurrentRow(0)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.progress.hide()
        self.status_label.setText(self.tr("Could not open the library: %1").replace("%1", message))

    def _show_current(self, current: QListWidgetItem | None, _previous: object = None) -> None:
        if current is None or self.library is None:
            return
        item = self.library.get_item(current.data(Qt.UserRole))
        self.reader.setHtml(f"<h1>{_esc(item.title)}</h1><p><i>{_esc(item.summary)}</i></p>{item.body_html}")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start(data_dir: str | None = None, import_sample: bool = True) -> MainWindow:
    """Show the window and start opening the library in the background."""
    window = MainWindow()
    window.show()
    job = _OpenLibrary(data_dir, import_sample)
    job.signals.progress.connect(window.on_progress)
    job.signals.loaded.connect(window.on_loaded)
    job.signals.failed.connect(window.on_failed)
    window._job = job  # keep the signals object alive
    QThreadPool.globalInstance().start(job)
    return window


def run(data_dir: str | None = None, import_sample: bool = True) -> int:
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kitepkana")
    window = start(data_dir, import_sample)
    code = app.exec()
    if window.library is not None:
        window.library.close()
    return code
