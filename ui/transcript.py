"""The lesson view's panels around the video: transcript, notes, description, the offer to download a video
that is not on this PC; and the cue arithmetic the player shares with the transcript.

The player looks captions up itself from ``ItemDetail.cues`` (plain values the core already has) rather than
through QMediaPlayer's subtitle tracks: the same lookup then drives the caption, the transcript highlight and
the tests, and it works for any video, whatever subtitle streams the file carries.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.values import CueInfo, ItemDetail, NoteInfo
from ui.formats import format_time
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import Task, TaskManager

# the languages subtitles come in, in the order the choice lists them (Kyrgyz first: most users read it)
LANGUAGE_ORDER = ("ky", "ru", "en")
LANGUAGE_NAMES = {
    "ky": QT_TRANSLATE_NOOP("Languages", "Kyrgyz"),
    "ru": QT_TRANSLATE_NOOP("Languages", "Russian"),
    "en": QT_TRANSLATE_NOOP("Languages", "English"),
}


def language_name(lang: str) -> str:
    source = LANGUAGE_NAMES.get(lang)
    return QCoreApplication.translate("Languages", source) if source else lang


def subtitle_languages(cues: Iterable[CueInfo]) -> list[str]:
    langs = {c.lang for c in cues}
    return [lang for lang in LANGUAGE_ORDER if lang in langs] + sorted(langs - set(LANGUAGE_ORDER))


def cues_for(cues: Iterable[CueInfo], lang: str | None) -> list[CueInfo]:
    """The cues of one language, in time order."""
    return sorted((c for c in cues if c.lang == lang), key=lambda c: (c.start, c.end))


def cue_index_at(cues: Sequence[CueInfo], seconds: float) -> int | None:
    """Index of the cue showing at ``seconds`` (``cues`` sorted by start), or None between cues."""
    i = bisect.bisect_right([c.start for c in cues], seconds) - 1
    # overlapping cues are rare: look back a few for one still running (the latest that started wins, as on
    # screen), but not through the whole list on every frame
    for j in range(i, max(-1, i - 4), -1):
        if cues[j].start <= seconds < cues[j].end:
            return j
    return None


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _Retranslating(QWidget):
    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class TranscriptPanel(_Retranslating):
    """The cues of one language with their times. Follows playback; a click asks to seek there."""

    seek_requested = Signal(float)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cues: list[CueInfo] = []
        self.lang: str | None = None
        self.current_index: int | None = None
        self.heading = QLabel(wordWrap=True)  # the Kyrgyz/Russian heading must not set the pane's width
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.heading.setBuddy(self.list)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)  # Enter on a line: keyboard users seek too
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("&Transcript (%1)").replace("%1", language_name(self.lang)) if self.lang
                             else self.tr("&Transcript"))
        self.list.setAccessibleName(self.tr("Transcript: click a line to watch from there"))
        self.empty.setText(self.tr("This lesson has no transcript."))
        for i in range(self.list.count()):
            row = self.list.item(i)
            row.setToolTip(self.tr("Watch from %1").replace("%1", format_time(row.data(Qt.UserRole))))

    def set_cues(self, cues: Sequence[CueInfo], lang: str | None) -> None:
        self.cues, self.lang, self.current_index = list(cues), lang, None
        self.list.clear()
        for cue in self.cues:
            row = QListWidgetItem(f"{format_time(cue.start)}  {cue.text}")
            row.setData(Qt.UserRole, cue.start)
            self.list.addItem(row)
        self.list.setVisible(bool(self.cues))
        self.empty.setVisible(not self.cues)
        self.retranslate()

    def follow(self, seconds: float) -> None:
        """Highlight the cue at ``seconds`` and scroll it into view (only when it changes: cheap per frame)."""
        index = cue_index_at(self.cues, seconds)
        if index is None or index == self.current_index:
            return
        if self.current_index is not None:
            self._bold(self.current_index, False)
        self.current_index = index
        self._bold(index, True)
        self.list.setCurrentRow(index)
        self.list.scrollToItem(self.list.item(index), QAbstractItemView.PositionAtCenter)

    def _bold(self, index: int, on: bool) -> None:
        row = self.list.item(index)
        font = row.font()
        font.setBold(on)
        row.setFont(font)

    def _clicked(self, row: QListWidgetItem) -> None:
        self.seek_requested.emit(float(row.data(Qt.UserRole)))


class TimedNotesPanel(_Retranslating):
    """The viewer's notes on a lesson, each at a moment of the video; a new one is taken at the current time.
    (The reader's notes on a whole item are :class:`ui.notes.NotesPanel`.)"""

    seek_requested = Signal(float)
    note_written = Signal(str)  # the text; the view adds the position and saves it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(wordWrap=True)  # the Kyrgyz/Russian heading must not set the pane's width
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.heading.setBuddy(self.list)
        self.edit = QLineEdit()
        self.add_button = QPushButton()
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.edit.returnPressed.connect(self._write)
        self.add_button.clicked.connect(self._write)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("My n&otes (click one to watch from there)"))
        self.list.setAccessibleName(self.tr("My notes on this lesson"))
        self.edit.setPlaceholderText(self.tr("Write a note about this moment of the video…"))
        self.edit.setAccessibleName(self.tr("Note text"))
        self.add_button.setText(self.tr("Add &note"))
        self.add_button.setToolTip(self.tr("Save the note with the current time of the video"))

    def set_notes(self, notes: Iterable[NoteInfo]) -> None:
        self.list.clear()
        for note in notes:
            self.append(note)

    def append(self, note: NoteInfo) -> None:
        when = format_time(note.position) if note.position is not None else "—"
        row = QListWidgetItem(f"{when}  {note.text}")
        row.setData(Qt.UserRole, note.position)
        self.list.addItem(row)

    def _write(self) -> None:
        text = self.edit.text().strip()
        if text:
            self.edit.clear()
            self.note_written.emit(text)

    def _clicked(self, row: QListWidgetItem) -> None:
        if row.data(Qt.UserRole) is not None:
            self.seek_requested.emit(float(row.data(Qt.UserRole)))


class _Description(QTextBrowser):
    """Images come from the media store only; nothing is ever fetched from the network."""

    def __init__(self) -> None:
        super().__init__()
        self.images: dict[str, Path] = {}
        self.setOpenLinks(False)

    def loadResource(self, kind: int, url: QUrl):
        # never None: Qt would then read a local file (or a data: address) named in the text by itself
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return QByteArray()
        path = self.images.get(url.toString())
        return QImage(str(path)) if path is not None and path.is_file() else QImage()


class LessonInfo(_Retranslating):
    """Topics, related items (links) and the description of a lesson."""

    open_item = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: ItemDetail | None = None
        self.related_items: tuple[tuple[str, str], ...] = ()
        self.lang = "en"
        self.topics = QLabel()
        self.topics.setWordWrap(True)
        self.topics.setTextFormat(Qt.PlainText)  # labels from the feed are text, never markup
        self.related = QLabel()
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.RichText)
        self.related.linkActivated.connect(self.open_item.emit)
        self.description = _Description()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.topics)
        layout.addWidget(self.related)
        layout.addWidget(self.description, 1)
        self.retranslate()

    def show_item(self, item: ItemDetail, *, related: tuple[tuple[str, str], ...], images: dict[str, Path],
                  lang: str) -> None:
        self.item, self.related_items, self.lang = item, related, lang
        self.description.images = images
        summary = f"<p><i>{_esc(item.summary)}</i></p>" if item.summary else ""
        self.description.setHtml(summary + item.body_html)
        self.retranslate()

    def show_text(self, text: str) -> None:
        self.item, self.related_items = None, ()
        self.description.setPlainText(text)
        self.retranslate()

    def retranslate(self) -> None:
        self.description.setAccessibleName(self.tr("About this lesson"))
        topics = " · ".join(t.text(self.lang) for t in self.item.topics) if self.item else ""
        self.topics.setText(self.tr("Topics: %1").replace("%1", topics) if topics else "")
        self.topics.setVisible(bool(topics))
        links = " · ".join(f'<a href="{_esc(rid)}">{_esc(title)}</a>' for rid, title in self.related_items)
        self.related.setText(self.tr("Related: %1").replace("%1", links) if links else "")
        self.related.setVisible(bool(links))


# what went wrong with a download, in plain words (by the core error's code)
DOWNLOAD_ERRORS = {
    "no_feed": QT_TRANSLATE_NOOP("DownloadOffer", "This video did not come with an update this PC received, so it "
                                 "cannot be downloaded from here. It can be copied from a USB drive that holds the "
                                 "library, or it will arrive with a later update."),
    "unreachable": QT_TRANSLATE_NOOP("DownloadOffer", "The place this library updates from cannot be reached. Check "
                                     "the Internet connection (or plug in the USB drive) and try again."),
    "timeout": QT_TRANSLATE_NOOP("DownloadOffer", "The connection stopped answering. Try again later: the download "
                                 "continues where it stopped."),
    "http_error": QT_TRANSLATE_NOOP("DownloadOffer", "The server answered with an error. Try again later."),
    "not_found": QT_TRANSLATE_NOOP("DownloadOffer", "The update source no longer has this video. Update the library "
                                   "first, then try again."),
    "not_a_feed": QT_TRANSLATE_NOOP("DownloadOffer", "The place this library updates from holds no library now "
                                    "(perhaps a Wi-Fi sign-in page). Try again later."),
    "read_failed": QT_TRANSLATE_NOOP("DownloadOffer", "The USB drive or folder could not be read. Check that it is "
                                     "plugged in and try again."),
    "damaged": QT_TRANSLATE_NOOP("DownloadOffer", "The video arrived damaged and was not kept. Try again."),
    "no_space": QT_TRANSLATE_NOOP("DownloadOffer", "There is not enough free space on this PC's disk. Free some "
                                  "space and try again."),
    "write_failed": QT_TRANSLATE_NOOP("DownloadOffer", "The video could not be saved on this PC. Free some disk "
                                      "space or ask for help, then try again."),
    "cancelled": QT_TRANSLATE_NOOP("DownloadOffer", "Download stopped. Next time it continues where it stopped."),
    "other": QT_TRANSLATE_NOOP("DownloadOffer", "The video could not be downloaded."),
}


def download_error_key(error: BaseException) -> str:
    from sync.errors import SourceError

    code = getattr(error, "code", "")
    if isinstance(error, SourceError):
        return code if code in DOWNLOAD_ERRORS else "unreachable"
    if code == "not_found":  # app.errors.NotFoundError: the item came from no feed this PC synced from
        return "no_feed"
    if code in ("hash_mismatch", "size_mismatch"):
        return "damaged"
    return code if code in DOWNLOAD_ERRORS else "other"


class DownloadOffer(QWidget):
    """Shown instead of the video when it is not on this PC: download it, with progress and Cancel."""

    downloaded = Signal(str, object)  # item id, download_item's result

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.item_id: str | None = None
        self.running: dict[str, object] = {}  # item id -> Task (a download goes on if the viewer moves on)
        self.done_fraction: dict[str, int] = {}
        self.errors: dict[str, tuple[str, str]] = {}  # item id -> (message key, technical details)
        self.thumbnail = QLabel(alignment=Qt.AlignCenter)
        self.message = QLabel(alignment=Qt.AlignCenter, wordWrap=True)
        font = self.message.font()
        font.setBold(True)
        self.message.setFont(font)
        self.download_button = QPushButton(icon=self.style().standardIcon(QStyle.SP_ArrowDown))
        self.download_button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel(alignment=Qt.AlignCenter, wordWrap=True, textFormat=Qt.PlainText)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addStretch(1)
        for w in (self.download_button, self.progress, self.cancel_button):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (self.thumbnail, self.message):
            layout.addWidget(w)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.message.setText(self.tr("This video is not on this PC."))
        self.download_button.setText(self.tr("&Download it"))
        self.download_button.setAccessibleName(self.tr("Download the video"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Stop downloading"))
        self.progress.setAccessibleName(self.tr("Download progress"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_for(self, item_id: str, thumbnail: QImage | None, *, no_source: bool = False) -> None:
        """Offer the download of ``item_id``. ``no_source``: a download ran but could not bring the video."""
        self.item_id = item_id
        self.thumbnail.setPixmap(QPixmap.fromImage(thumbnail).scaledToWidth(
            min(thumbnail.width(), 320), Qt.SmoothTransformation) if thumbnail is not None else QPixmap())
        self.thumbnail.setVisible(thumbnail is not None)
        if no_source:
            self.errors[item_id] = ("no_feed", "")
        self._refresh()

    def _refresh(self) -> None:
        running = self.item_id in self.running
        self.download_button.setVisible(not running)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self._show_progress(self.done_fraction.get(self.item_id, 0))
        key, details = self.errors.get(self.item_id, ("", ""))
        text = QCoreApplication.translate("DownloadOffer", DOWNLOAD_ERRORS[key]) if key else ""
        if key == "other" and details:
            text += "\n" + self.tr("Details: %1").replace("%1", details)
        self.status.setText(self.tr("Downloading…") if running else text)

    def start(self) -> None:
        item_id, library = self.item_id, self.library
        if item_id is None or item_id in self.running:
            return

        def work(task: Task):
            from sync.client import download_item  # requests costs import time: only when needed

            def progress(done: int, total: int, message: str) -> None:  # bytes may exceed a Qt int: per mille
                task.progress(1000 * done // total if total else 0, 1000, message)

            return download_item(library, item_id, progress=progress, cancelled=task.cancelled)

        self.errors.pop(item_id, None)
        self.done_fraction[item_id] = 0
        self.running[item_id] = self.tasks.run(
            work, queue=Queue.NET, key=f"download-{item_id}", name="download video",
            on_done=partial(self._done, item_id), on_error=partial(self._failed, item_id),
            on_progress=partial(self._progressed, item_id))
        self._refresh()

    def cancel(self) -> None:
        task = self.running.get(self.item_id)
        if task is not None:
            task.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _progressed(self, item_id: str, done: int, total: int, _message: str) -> None:
        self.done_fraction[item_id] = done
        if item_id == self.item_id:
            self._show_progress(done)

    def _show_progress(self, done: int) -> None:
        # the core reports a video's progress when it is complete: until then a busy bar, not a stuck 0 %
        self.progress.setRange(0, 1000 if done else 0)
        self.progress.setValue(done)

    def _done(self, item_id: str, result: object) -> None:
        self.running.pop(item_id, None)
        self._refresh()
        self.downloaded.emit(item_id, result)

    def _failed(self, item_id: str, error: BaseException) -> None:
        self.running.pop(item_id, None)
        self.errors[item_id] = (download_error_key(error), str(error))
        self._refresh()
