"""Settings → Updates → "Libraries this computer follows": each followed feed with its key, how old its newest
update is and how many items it brought; "Start again" (the next update fetches it whole) and "Forget…" (its
items go, the user's notes and bookmarks stay). The same as ``kitepkana feeds`` (app/syncstore.py,
sync/client.py ``forget_feed``); the age line is shared with the main window's out-of-date strip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.settings import Settings
from ui.formats import local_date
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from app.syncstore import FeedInfo
    from ui.tasks import TaskManager


def date_text(iso: str) -> str:
    """A UTC time stored as ISO text, as a date in the interface language (ky/ru 06.12.2026, en 6 Dec 2026)."""
    return local_date(iso)


class DaysAgo(QObject):
    """The words "3 days ago". A class of their own because lupdate records a "%n" message as a plural (English
    "1 day ago" / "3 days ago", Russian's three forms) only from a ``tr()`` call, not from
    ``QCoreApplication.translate``, and ``age_text`` is a function."""

    def text(self, days: int) -> str:
        return self.tr("%n day(s) ago", "", days).replace("%n", str(days))


def age_text(iso: str, days: int) -> str:
    """'06.12.2026, 3 days ago' in the interface language."""
    return f"{date_text(iso)}, {DaysAgo().text(days)}"


class FeedsPanel(QWidget):
    changed = Signal()  # a feed was forgotten or reset

    def __init__(self, library: Library, parent: QWidget | None = None, *, tasks: TaskManager | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.tasks = tasks
        self._feeds: list[FeedInfo] = []  # in list order
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 6)
        self.list.setWordWrap(True)  # a title and its dates, whole, at any window width
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self._ask_reset)
        self.forget_button = QPushButton()
        self.forget_button.clicked.connect(self._ask_forget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Libraries this computer follows"))
        self.reset_button.setText(self.tr("Start &again"))
        self.reset_button.setToolTip(self.tr("The next update fetches this library whole, as on a new computer"))
        self.forget_button.setText(self.tr("&Forget…"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        library = self.library

        def read(_task: object = None) -> tuple[list, tuple[str, ...]]:
            from app.syncstore import SyncStore
            from sync.trust import load_trusted

            return SyncStore(library).feed_list(), load_trusted(Settings(library.paths)).problems

        if self.tasks is None:
            self._read(read())
        else:
            self.tasks.run(read, queue=Queue.READ, key=f"feeds-{id(self)}", name="feeds", on_done=self._read)

    def _read(self, result: tuple[list, tuple[str, ...]]) -> None:
        self._feeds, problems = result
        self.problems.setVisible(bool(problems))
        self.problems.setText("\n".join(problems))  # the file names matter to whoever supports the library
        self._fill()

    def _fill(self) -> None:
        stale_days = Settings(self.library.paths).get("stale_after_days")
        self.list.clear()
        for f in self._feeds:
            age = f.age_days()
            newest = age_text(f.manifest_created, age) if age is not None else self.tr("not known")
            text = self.tr("%1 — %n item(s), newest update %3", "", f.items).replace("%1", f.title) \
                .replace("%n", str(f.items)).replace("%3", newest)
            if age is not None and age > stale_days:
                text += " — " + self.tr("out of date")
            row = QListWidgetItem(text)
            row.setToolTip(self.tr("Feed %1, signed with key %2").replace("%1", f.feed_id).replace("%2", f.key_id))
            self.list.addItem(row)
        if not self._feeds:
            self.list.addItem(QListWidgetItem(self.tr("None yet: the first update from the portal or a USB drive "
                                                      "adds it here.")))
        self._selection_changed()

    def feed_ids(self) -> list[str]:
        return [f.feed_id for f in self._feeds]

    def _chosen(self):
        row = self.list.currentRow()
        return self._feeds[row] if 0 <= row < len(self._feeds) else None

    def _selection_changed(self) -> None:
        chosen = self._chosen() is not None
        self.reset_button.setEnabled(chosen)
        self.forget_button.setEnabled(chosen)

    # --- changing ----------------------------------------------------------------------------------

    def _ask_reset(self) -> None:
        if (f := self._chosen()) is not None:
            self.reset(f.feed_id)

    def _ask_forget(self) -> None:
        f = self._chosen()
        if f is None:
            return
        answer = QMessageBox.question(self, self.tr("Forget this library"), self.tr(
            "Remove \"%1\" and the %n item(s) it brought from this computer? Your notes and bookmarks stay. "
            "Updates from it will ask again whether to follow it.", "", f.items).replace("%1", f.title)
            .replace("%n", str(f.items)))
        if answer == QMessageBox.StandardButton.Yes:
            self.forget(f.feed_id)

    def reset(self, feed_id: str) -> None:
        from app.syncstore import SyncStore

        self._run(lambda _task=None: SyncStore(self.library).reset_feed(feed_id), Queue.WRITE)

    def forget(self, feed_id: str) -> None:
        from sync.client import forget_feed

        self._run(lambda task=None: forget_feed(self.library, feed_id,
                                                progress=task.progress if task is not None else None), Queue.WRITE)

    def _run(self, work, queue: Queue) -> None:
        if self.tasks is None:
            work()
            self._done()
        else:
            self.tasks.run(work, queue=queue, name="feeds", on_done=lambda _r: self._done())

    def _done(self) -> None:
        self.changed.emit()
        self.reload()
