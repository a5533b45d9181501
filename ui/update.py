"""The "Update library" dialog: one button brings the library up to date from the portal or a USB drive, then
shows what is new.

Sources offered (``ui/updatesources.py``, named by what they are, never by a path): the internet (Settings
``portal_url``), every plugged-in drive that carries a feed (see ``ui/drives.py``), any folder the user chose
with "Other folder…", and whatever providers are added (``add_source_provider``). The progress line is chosen
from the sync's typed stage (``app.progress.Stage``), What's new from its report (``ui/whatsnew.py``). The sync
itself is ``sync.client.run_sync`` on the task manager's "write" queue (it writes the database); Cancel asks it to
stop, and the core keeps the library whole. Errors arrive typed (``.code``) and are shown in plain, translated
words (``ui/syncwords.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.progress import Message, ProgressEvent, Stage
from ui.drivejob import JobDialog
from ui.drives import feed_folder, volume_at
from ui.formats import local_time, ui_language
from ui.nearbysources import AccessCodeRow, NearbySources
from ui.syncwords import (  # noqa: F401 — also importable from here (ui.update.error_text)
    KIND_ORDER,
    KIND_PLURALS,
    error_text,
    is_web,
    kind_label,
)
from ui.tasks import Queue
from ui.updatesources import SourceProvider, UpdateSource, drive_sources, internet_sources, update_sources
from ui.whatsnew import WhatsNewTree, count_entries

if TYPE_CHECKING:
    from app.library import Library
    from sync.client import SyncReport
    from ui.tasks import Task, TaskManager


@dataclass(frozen=True)
class UpdateOutcome:
    report: SyncReport  # What's new comes from its items (titles, translation groups)


def _run_update(library: Library, location: str, accept_new_feed: bool, task: Task) -> UpdateOutcome:
    """The worker side: run the sync (its report names every item it touched)."""
    from app.settings import Settings
    from sync.client import SyncOptions, run_sync

    options = SyncOptions.from_settings(Settings(library.paths), accept_new_feed=accept_new_feed)
    return UpdateOutcome(run_sync(library, location, options, progress=task.progress, cancelled=task.cancelled))


class UpdateDialog(JobDialog):
    """One "Update library" action; afterwards, what is new. Emits ``library_changed(report)`` on success."""

    library_changed = Signal(object)  # the SyncReport
    open_item = Signal(str)  # an entry of What's new was clicked
    show_downloads = Signal()  # "Go to Downloads": videos wait to be downloaded

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.task = None  # the running sync
        self.outcome: UpdateOutcome | None = None
        self.chosen: list[Path] = []  # folders the user chose, offered again after a rescan
        self.volumes: list = []
        self._portal_url = ""
        self.sources: list[UpdateSource] = []
        self._stage: ProgressEvent | None = None  # the last progress event (the line is redrawn from it)
        self.nearby = NearbySources(self)  # PCs on this network sharing their library, while the dialog shows
        self.nearby.changed.connect(self._fill_sources)
        self.providers: list[SourceProvider] = [lambda: internet_sources(self._portal_url),
                                                lambda: drive_sources(self.volumes, self.chosen), self.nearby.sources]
        self._preferred = ""  # a source kind to select once the list has one (prefer_source)
        self._accept_new_feed = False
        self._close_when_done = False
        self._last_error: BaseException | None = None
        self._build()
        self.retranslate()
        self.refresh_sources()
        self.load_history()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        style = self.style()
        self._build_job_widgets(QStyle.SP_BrowserReload)
        self.update_button = self.start_button  # one large default button: "Update now"
        font = QFont(self.update_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.25 if font.pointSizeF() > 0 else 12)
        font.setBold(True)
        self.update_button.setFont(font)
        self.update_button.setMinimumHeight(44)
        self.update_button.setMinimumWidth(200)
        self.downloads_button = QPushButton(style.standardIcon(QStyle.SP_ArrowDown), "")
        self.downloads_button.hide()
        self.intro = QLabel(wordWrap=True)
        self.last_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)  # a folder's name
        self.source_label = QLabel()
        self.source_combo = QComboBox()
        self.source_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.source_label.setBuddy(self.source_combo)
        self.code_row = AccessCodeRow()  # a PC nearby that asks for its access code
        self.trust_box = QFrame()
        self.trust_box.setFrameShape(QFrame.StyledPanel)
        self.trust_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)  # the feed's own title: never markup
        self.trust_yes = QPushButton(style.standardIcon(QStyle.SP_DialogYesButton), "")
        self.trust_no = QPushButton(style.standardIcon(QStyle.SP_DialogNoButton), "")
        trust_row = QHBoxLayout()
        trust_row.addStretch(1)
        trust_row.addWidget(self.trust_yes)
        trust_row.addWidget(self.trust_no)
        trust_layout = QVBoxLayout(self.trust_box)
        trust_layout.addWidget(self.trust_label)
        trust_layout.addLayout(trust_row)
        self.trust_box.hide()
        self.whatsnew_label = QLabel()
        self.whatsnew = WhatsNewTree()
        self.whatsnew_label.setBuddy(self.whatsnew)

        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source_combo, 1)
        source_row.addWidget(self.choose_button)
        source_row.addWidget(self.rescan_button)
        action_row = QHBoxLayout()
        action_row.addWidget(self.update_button)
        action_row.addWidget(self.cancel_button)
        action_row.addStretch(1)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.downloads_button)
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.last_label):
            layout.addWidget(widget)
        layout.addLayout(source_row)
        layout.addWidget(self.code_row)
        layout.addLayout(action_row)
        for widget in (self.progress_bar, self.status_label, self.error_label, self.trust_box, self.whatsnew_label):
            layout.addWidget(widget)
        layout.addWidget(self.whatsnew, 1)
        layout.addLayout(bottom_row)
        self.resize(640, 520)

        self.choose_button.clicked.connect(self._ask_folder)
        self.source_combo.currentIndexChanged.connect(self._source_chosen)
        self.rescan_button.clicked.connect(self.refresh_sources)
        self.update_button.clicked.connect(self.start_update)
        self.cancel_button.clicked.connect(self.cancel_update)
        self.trust_yes.clicked.connect(self._trust_and_retry)
        self.trust_no.clicked.connect(self._do_not_trust)
        self.close_button.clicked.connect(self.reject)
        self.whatsnew.open_item.connect(self.open_item)
        self.downloads_button.clicked.connect(self.show_downloads)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Update library"))
        self.intro.setText(self.tr("Bring the library up to date from the portal (internet) or from a USB drive "
                                   "that carries a Kitepkana library."))
        self.source_label.setText(self.tr("Update &from:"))
        self.source_combo.setAccessibleName(self.tr("Where to update from"))
        self.choose_button.setText(self.tr("&Other folder…"))
        self.choose_button.setAccessibleName(self.tr("Choose another folder to update from"))
        self.rescan_button.setText(self.tr("&Look for USB drives"))
        self.rescan_button.setAccessibleName(self.tr("Look for USB drives again"))
        self.update_button.setText(self.tr("&Update now"))
        self.update_button.setAccessibleName(self.tr("Update the library now"))
        self.downloads_button.setText(self.tr("Go to &Downloads"))
        self.downloads_button.setAccessibleName(self.tr("Go to Downloads, where the videos wait"))
        self.cancel_button.setText(self.tr("&Cancel update"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the update"))
        self.progress_bar.setAccessibleName(self.tr("Update progress"))
        self.trust_yes.setText(self.tr("&Yes, trust it and update"))
        self.trust_yes.setAccessibleName(self.tr("Trust this publisher and update"))
        self.trust_no.setText(self.tr("&No"))
        self.trust_no.setAccessibleName(self.tr("Do not trust this publisher"))
        self.whatsnew_label.setText(self.tr("&What's new"))
        self.whatsnew.retranslate()
        self.code_row.retranslate()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close this window"))
        self._fill_sources()
        self._show_history(getattr(self, "_runs", None))
        if self.outcome is not None:
            self._show_outcome(self.outcome)
        if self._last_error is not None:
            self._show_error(self._last_error)
        if self.task is not None and self._stage is not None:
            self.status_label.setText(self.stage_text(self._stage))

    # --- where from ---------------------------------------------------------------------------------

    def refresh_sources(self) -> None:
        """Look for drives that carry a feed (in a worker: a slow USB drive must not freeze the window)."""
        from app.settings import Settings

        self._portal_url = Settings(self.library.paths).get("portal_url")  # one small JSON file
        self._fill_sources()
        self._scan_drives("drives")

    def _volumes_found(self, volumes: list) -> None:
        self.volumes = self._keep_chosen([v for v in volumes if v.feed is not None], lambda v: v.root)
        self._fill_sources()

    def add_source_provider(self, provider: SourceProvider) -> None:
        """Offer the sources ``provider()`` returns too (e.g. PCs nearby sharing their library), after the others."""
        self.providers.append(provider)
        self._fill_sources()

    def showEvent(self, event: QShowEvent) -> None:
        self.nearby.start()  # returns at once; PCs nearby join the list as they answer
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.nearby.stop()
        super().hideEvent(event)

    def prefer_source(self, wish: str) -> None:
        """Start on the portal (``"portal"``) or on a USB drive (``"usb"``): the welcome panel's two buttons. Drives
        are found in a worker, so the wish waits until the list has such a source, then is used once."""
        self._preferred = {"portal": "internet", "usb": "drive"}.get(wish, "")
        self._select_preferred()

    def _select_preferred(self) -> None:
        if not self._preferred or self.task is not None:
            return
        source = next((s for s in self.sources if s.kind == self._preferred
                       and (s.kind != "drive" or s.drive_kind == "removable")), None)
        if source is not None:
            self.source_combo.setCurrentIndex(self.source_combo.findData(source.location))
            self._preferred = ""

    def source_text(self, source: UpdateSource) -> str:
        """A source as a person names it: what it is, and its own name — never a path."""
        if source.kind == "internet":
            return self.tr("Internet (portal)")
        if source.kind == "nearby":
            return self.tr("PC nearby: %1").replace("%1", source.name)
        if source.kind == "folder":
            return self.tr("Folder “%1”").replace("%1", source.name)
        if source.drive_kind == "removable":
            return self.tr("USB drive %1").replace("%1", source.name)
        if source.drive_kind == "network":
            return self.tr("Network drive %1").replace("%1", source.name)
        return self.tr("Drive %1").replace("%1", source.name)

    def _fill_sources(self) -> None:
        style = self.style()
        icons = {"internet": QStyle.SP_DriveNetIcon, "drive": QStyle.SP_DriveFDIcon, "folder": QStyle.SP_DirIcon,
                 "nearby": QStyle.SP_ComputerIcon}
        current = self.source_combo.currentData()
        self.sources = update_sources(self.providers)
        self.source_combo.clear()
        for source in self.sources:
            self.source_combo.addItem(style.standardIcon(icons.get(source.kind, QStyle.SP_DriveHDIcon)),
                                      self.source_text(source), source.location)
            self.source_combo.setItemData(self.source_combo.count() - 1, source.detail, Qt.ToolTipRole)
        if self.source_combo.count() == 0:
            self.source_combo.addItem(self.tr("No portal address is set and no USB drive with a library was found"),
                                      None)
        index = self.source_combo.findData(current) if current is not None else -1
        if index < 0 and self.sources:
            # the portal, a USB stick or card, or a chosen folder; never a second hard disk or a network drive
            index = next((i for i, source in enumerate(self.sources) if source.preselect), -1)
            if index < 0:
                self.source_combo.insertItem(0, self.tr("Choose where to update from"), None)
                index = 0
        self.source_combo.setCurrentIndex(max(index, 0))
        self._select_preferred()
        self._set_running(self.task is not None)
        self._show_history(getattr(self, "_runs", None))  # it names its source as the list does

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder or drive to update from"))

        if folder:
            self.choose_folder(Path(folder))

    def choose_folder(self, folder: Path) -> bool:
        """Offer ``folder`` (or its ``kitepkana-feed`` folder) as the source and select it. False, with a plain
        message, if it carries no library."""
        folder = Path(folder)
        found = feed_folder(folder)  # one or two stat calls on a folder the user just picked
        if found is None:
            self._show_error_text(self.tr("There is no Kitepkana library in %1. Choose the drive or the folder "
                                          "that holds feed.json (or a kitepkana-feed folder).").replace("%1",
                                                                                                        str(folder)))
            return False
        if folder not in self.chosen:
            self.chosen.append(folder)
        if all(v.feed != found for v in self.volumes):
            self.volumes.append(volume_at(folder))
        self._fill_sources()
        self.source_combo.setCurrentIndex(self.source_combo.findData(str(found)))
        self.error_label.hide()
        return True

    def location(self) -> str | None:
        return self.source_combo.currentData()

    def current_source(self) -> UpdateSource | None:
        return self._source_at(self.location())

    def _source_at(self, location: str | None) -> UpdateSource | None:
        return next((source for source in self.sources if source.location == location), None)

    def _source_chosen(self) -> None:
        self.code_row.show_for(self.current_source())
        self._set_running(self.task is not None)  # "Update now" once a real source is chosen

    # --- running ----------------------------------------------------------------------------------

    def start_update(self) -> None:
        location = self.location()
        if self.task is not None:
            return
        if not location:
            self._show_error_text(self.tr("Choose where to update from: set the portal's address in Settings, "
                                          "plug in a USB drive, or choose a folder."))
            return
        if self.code_row.missing():  # a PC nearby asks for its access code, and none is typed
            self._show_error_text(self.code_row.missing_text())
            return
        self._location = location  # never with the code: it is shown in the history and in messages
        location = self.code_row.address(location)
        self.outcome = None
        self._last_error = None
        self.trust_box.hide()
        self.whatsnew.clear()
        self.downloads_button.hide()
        self._stage = None
        accept, self._accept_new_feed = self._accept_new_feed, False
        library = self.library
        self._run_job(lambda task: _run_update(library, location, accept, task), "update",
                      self.tr("Checking for updates…"), 100, self._done)

    cancel_update = JobDialog.cancel

    def _stopping_text(self) -> str:
        return self.tr("Stopping…")

    def _inputs(self) -> tuple[QWidget, ...]:
        return self.source_combo, self.choose_button, self.rescan_button, self.code_row

    def _can_start(self) -> bool:
        return self.location() is not None

    def _progressed(self, done: int, total: int, message: Message) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))
        if isinstance(message, ProgressEvent):  # words without a stage (none from a sync) leave the line as it is
            self._stage = message
            self.status_label.setText(self.stage_text(message))

    def stage_text(self, event: ProgressEvent) -> str:
        """The translated line for a stage of the sync (never the core's English words)."""
        stage = event.stage
        if stage in (Stage.CONNECT, Stage.MANIFEST):
            return self.tr("Checking for updates…")
        if stage == Stage.SNAPSHOT:
            return self.tr("Receiving the whole library (first update)…")
        if stage == Stage.SEGMENTS:
            if event.total > 1:
                return (self.tr("Receiving the changes (part %1 of %2)…").replace("%1", str(event.done + 1))
                        .replace("%2", str(event.total)))
            return self.tr("Receiving the changes…")
        if stage == Stage.INDEX:
            return self.tr("Updating the search index…")
        if stage == Stage.FILES:
            return self.tr("Downloading files: %1").replace("%1", event.item) if event.item else \
                self.tr("Downloading files…")
        return self.tr("Finishing…")

    def _done(self, outcome: UpdateOutcome) -> None:
        self.outcome = outcome
        self.progress_bar.setValue(self.progress_bar.maximum())
        self._show_outcome(outcome)
        self.library_changed.emit(outcome.report)

    def _failed(self, error: BaseException) -> None:
        from sync.client import UnknownFeedError

        if isinstance(error, UnknownFeedError):
            self.progress_bar.hide()
            self._ask_trust(getattr(error, "feed_title", ""))
            return
        super()._failed(error)

    def _after_job(self) -> None:
        self.load_history()

    # --- an unknown publisher -------------------------------------------------------------------------

    def _ask_trust(self, title: str) -> None:
        title = title or self.tr("(no name)")
        text = (self.tr("This portal carries a library from the publisher “%1”, which this computer has not "
                        "followed before. Trust it?") if is_web(self._location) else
                self.tr("This drive carries a library from the publisher “%1”, which this computer has not "
                        "followed before. Trust it?"))
        self.trust_label.setText(text.replace("%1", title))
        self.status_label.setText(self.tr("Nothing was changed yet."))
        self.trust_box.show()
        self.trust_yes.setFocus()

    def _trust_and_retry(self) -> None:
        self.trust_box.hide()
        self._accept_new_feed = True
        self.start_update()

    def _do_not_trust(self) -> None:
        self.trust_box.hide()
        self.status_label.setText(self.tr("Nothing was changed."))

    # --- results ----------------------------------------------------------------------------------

    def _show_error(self, error: BaseException) -> None:
        from app.errors import CancelledError

        if isinstance(error, CancelledError):
            self.status_label.setText(error_text(error))
            self.error_label.hide()
            return
        self.status_label.setText(self.tr("The library was not updated."))
        self._show_error_text(error_text(error, getattr(self, "_location", "")))

    def _show_error_text(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _show_outcome(self, outcome: UpdateOutcome) -> None:
        report = outcome.report
        if report.status == "unchanged" and not report.files_downloaded:
            text = self.tr("The library is already up to date.")
        else:  # items, not translations: a practice in three languages is one new practice
            text = (self.tr("The library was updated: %1 new, %2 changed, %3 removed.")
                    .replace("%1", str(count_entries(report, report.added)))
                    .replace("%2", str(count_entries(report, report.updated)))
                    .replace("%3", str(count_entries(report, report.removed))))
        if report.videos_waiting:
            text += " " + self.tr("%n video(s) can be downloaded later, from Downloads.", "", report.videos_waiting)
        if report.refused:  # a feed tried to change items that belong to another (sync/trust.py)
            text += " " + self.tr("%n item(s) were not changed: they belong to another library, which alone may "
                                  "change them.", "", len(report.refused))
        self.status_label.setText(text)
        self.downloads_button.setVisible(bool(report.videos_waiting))
        self.whatsnew.show_report(report, ui_language())

    def entries(self) -> list[tuple[str, str, str]]:
        """What's new as (bucket, kind label, row) rows — what the list shows, for tests and screen readers."""
        return self.whatsnew.entries()

    def _where(self, location: str) -> str:
        """Where an earlier update came from, as the list names it (never a path)."""
        if is_web(location):
            return self.tr("the portal")
        source = self._source_at(location)
        return self.source_text(source) if source is not None else self.tr("a USB drive or a folder")

    # --- history ----------------------------------------------------------------------------------

    def load_history(self) -> None:
        from app.syncstore import SyncStore

        library = self.library
        self.tasks.run(lambda task: SyncStore(library).last_runs(limit=10), queue=Queue.READ,
                       key=f"update-history-{id(self)}", on_done=self._show_history)

    def _show_history(self, runs: list[dict] | None) -> None:
        if runs is None:
            return
        self._runs = runs
        good = next((r for r in runs if r["status"] in ("ok", "unchanged")), None)
        if good is None:
            text = self.tr("This library has not been updated yet.")
        else:
            where = self._where(good["location"])
            text = (self.tr("Last updated: %1, from %2.").replace("%1", local_time(good["finished_at"] or
                                                                                      good["started_at"]))
                    .replace("%2", where))
        if runs and runs[0] is not good and runs[0]["status"] == "failed":
            text += " " + self.tr("The last try (%1) did not succeed.").replace("%1", local_time(runs[0]["started_at"]))
        self.last_label.setText(text)
