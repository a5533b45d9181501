"""The "Update library" dialog: one button brings the library up to date from the portal or a USB drive, then
shows what is new.

Sources offered: the portal (Settings ``portal_url``), every plugged-in drive that carries a feed (see
``ui/drives.py``) and any folder the user chooses. The sync itself is ``sync.client.run_sync`` on the task
manager's "write" queue (it writes the database); Cancel asks it to stop, and the core keeps the library whole.
Errors arrive typed (``.code``) and are shown in plain, translated words (``ui/syncwords.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.drivejob import JobDialog
from ui.drives import feed_folder, volume_at
from ui.formats import local_time
from ui.syncwords import (  # noqa: F401 — also importable from here (ui.update.error_text)
    KIND_ORDER,
    KIND_PLURALS,
    error_text,
    is_web,
    kind_label,
)

MAX_LISTED = 200  # per kind and bucket: a first sync of a big feed must not build thousands of rows at once


@dataclass(frozen=True)
class UpdateOutcome:
    report: object  # sync.client.SyncReport
    titles: dict[str, str]  # item id -> title, for the What's new list (removed items: their title before)


def _run_update(library, location: str, accept_new_feed: bool, task) -> UpdateOutcome:
    """The worker side: run the sync and collect the titles What's new shows."""
    from app.settings import Settings
    from sync.client import SyncOptions, run_sync

    before = {i.id: i.title for i in library.list_items()}  # removed items have no title afterwards
    options = SyncOptions.from_settings(Settings(library.paths), accept_new_feed=accept_new_feed)
    report = run_sync(library, location, options, progress=task.progress, cancelled=task.cancelled)
    titles = before | {i.id: i.title for i in library.list_items()}
    return UpdateOutcome(report, titles)


class UpdateDialog(JobDialog):
    """One "Update library" action; afterwards, what is new. Emits ``library_changed(report)`` on success."""

    library_changed = Signal(object)  # the SyncReport
    open_item = Signal(str)  # an entry of What's new was clicked

    def __init__(self, library, tasks, parent=None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.task = None  # the running sync
        self.outcome: UpdateOutcome | None = None
        self.chosen: list[Path] = []  # folders the user chose, offered again after a rescan
        self.volumes: list = []
        self._portal_url = ""
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
        self._build_job_widgets(QStyle.SP_ArrowDown)
        self.update_button = self.start_button
        self.intro = QLabel(wordWrap=True)
        self.last_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)  # a folder's name
        self.source_label = QLabel()
        self.source_combo = QComboBox()
        self.source_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.source_label.setBuddy(self.source_combo)
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
        self.whatsnew = QTreeWidget()
        self.whatsnew.setHeaderHidden(True)
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
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.last_label):
            layout.addWidget(widget)
        layout.addLayout(source_row)
        layout.addLayout(action_row)
        for widget in (self.progress_bar, self.status_label, self.error_label, self.trust_box, self.whatsnew_label):
            layout.addWidget(widget)
        layout.addWidget(self.whatsnew, 1)
        layout.addLayout(bottom_row)
        self.resize(640, 520)

        self.choose_button.clicked.connect(self._ask_folder)
        self.rescan_button.clicked.connect(self.refresh_sources)
        self.update_button.clicked.connect(self.start_update)
        self.cancel_button.clicked.connect(self.cancel_update)
        self.trust_yes.clicked.connect(self._trust_and_retry)
        self.trust_no.clicked.connect(self._do_not_trust)
        self.close_button.clicked.connect(self.reject)
        self.whatsnew.itemClicked.connect(self._entry_clicked)
        enter = QShortcut(QKeySequence(Qt.Key_Return), self.whatsnew, context=Qt.WidgetShortcut)
        enter.activated.connect(lambda: self._entry_clicked(self.whatsnew.currentItem()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Update library"))
        self.intro.setText(self.tr("Bring the library up to date from the portal (internet) or from a USB drive "
                                   "that carries a Kitepkana library."))
        self.source_label.setText(self.tr("Update &from:"))
        self.source_combo.setAccessibleName(self.tr("Where to update from"))
        self.choose_button.setText(self.tr("C&hoose folder…"))
        self.choose_button.setAccessibleName(self.tr("Choose a folder to update from"))
        self.rescan_button.setText(self.tr("&Look for USB drives"))
        self.rescan_button.setAccessibleName(self.tr("Look for USB drives again"))
        self.update_button.setText(self.tr("&Update library"))
        self.update_button.setAccessibleName(self.tr("Update library"))
        self.cancel_button.setText(self.tr("&Cancel update"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the update"))
        self.progress_bar.setAccessibleName(self.tr("Update progress"))
        self.trust_yes.setText(self.tr("&Yes, trust it and update"))
        self.trust_yes.setAccessibleName(self.tr("Trust this publisher and update"))
        self.trust_no.setText(self.tr("&No"))
        self.trust_no.setAccessibleName(self.tr("Do not trust this publisher"))
        self.whatsnew_label.setText(self.tr("&What's new"))
        self.whatsnew.setAccessibleName(self.tr("What's new: click an entry to open it"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close this window"))
        self._fill_sources()
        self._show_history(getattr(self, "_runs", None))
        if self.outcome is not None:
            self._show_outcome(self.outcome)
        if self._last_error is not None:
            self._show_error(self._last_error)

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

    def _fill_sources(self) -> None:
        current = self.source_combo.currentData()
        self.source_combo.clear()
        if self._portal_url:
            self.source_combo.addItem(self.style().standardIcon(QStyle.SP_DriveNetIcon),
                                      self.tr("The portal (internet): %1").replace("%1", self._portal_url),
                                      self._portal_url)
        for v in self.volumes:
            label = (self.tr("Drive %1 (%2)").replace("%1", v.name).replace("%2", str(v.feed))
                     if v.root not in self.chosen else self.tr("Folder %1").replace("%1", str(v.feed)))
            self.source_combo.addItem(self.style().standardIcon(QStyle.SP_DriveHDIcon), label, str(v.feed))
        if self.source_combo.count() == 0:
            self.source_combo.addItem(self.tr("No portal address is set and no USB drive with a library was found"),
                                      None)
        index = self.source_combo.findData(current) if current is not None else -1
        if index < 0 and not self._portal_url and self.volumes:
            # a USB stick or card, or a chosen folder; never a second hard disk or a network drive by itself
            index = next((i for i, v in enumerate(self.volumes) if v.preselect or v.root in self.chosen), -1)
            if index < 0:
                self.source_combo.insertItem(0, self.tr("Choose where to update from"), None)
                index = 0
        self.source_combo.setCurrentIndex(max(index, 0))
        self._set_running(self.task is not None)

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

    # --- running ----------------------------------------------------------------------------------

    def start_update(self) -> None:
        location = self.location()
        if self.task is not None:
            return
        if not location:
            self._show_error_text(self.tr("Choose where to update from: set the portal's address in Settings, "
                                          "plug in a USB drive, or choose a folder."))
            return
        self._location = location
        self.outcome = None
        self._last_error = None
        self.trust_box.hide()
        self.whatsnew.clear()
        accept, self._accept_new_feed = self._accept_new_feed, False
        library = self.library
        self._run_job(lambda task: _run_update(library, location, accept, task), "update",
                      self.tr("Checking for updates…"), 100, self._done)

    cancel_update = JobDialog.cancel

    def _stopping_text(self) -> str:
        return self.tr("Stopping…")

    def _inputs(self) -> tuple[QWidget, ...]:
        return self.source_combo, self.choose_button, self.rescan_button

    def _can_start(self) -> bool:
        return self.location() is not None

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))
        percent = 100 * done // max(total, 1)
        if percent >= 100:
            text = self.tr("Finishing…")
        elif percent < 5:
            text = self.tr("Checking for updates…")
        elif message.startswith("the whole"):  # (applying it ends at 60 %, where the files start)
            text = self.tr("Receiving the whole library (first update)…")
        elif percent < 60 or message.startswith("changes"):
            text = self.tr("Receiving the changes…")
        else:
            text = self.tr("Downloading files: %1").replace("%1", message.split(":")[0])
        self.status_label.setText(text)

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
        count = lambda bucket: sum(len(ids) for ids in bucket.values())
        if report.status == "unchanged" and not report.files_downloaded:
            text = self.tr("The library is already up to date.")
        else:
            text = (self.tr("The library was updated: %1 new, %2 changed, %3 removed.")
                    .replace("%1", str(count(report.added))).replace("%2", str(count(report.updated)))
                    .replace("%3", str(count(report.removed))))
        if report.videos_waiting:
            text += " " + self.tr("%n video(s) can be downloaded later, from Downloads.", "", report.videos_waiting)
        if report.refused:  # a feed tried to change items that belong to another (sync/trust.py)
            text += " " + self.tr("%n item(s) were not changed: they belong to another library, which alone may "
                                  "change them.", "", len(report.refused))
        self.status_label.setText(text)
        self.whatsnew.clear()
        for bucket, label in ((report.added, self.tr("New")), (report.updated, self.tr("Changed")),
                              (report.removed, self.tr("Removed"))):
            if not bucket:
                continue
            top = QTreeWidgetItem([f"{label} ({count(bucket)})"])
            self.whatsnew.addTopLevelItem(top)
            for kind in sorted(bucket, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)):
                ids = bucket[kind]
                group = QTreeWidgetItem(top, [f"{kind_label(kind)} ({len(ids)})"])
                for item_id in sorted(ids, key=lambda i: outcome.titles.get(i, i).lower())[:MAX_LISTED]:
                    entry = QTreeWidgetItem(group, [outcome.titles.get(item_id, item_id)])
                    entry.setToolTip(0, item_id)
                    if bucket is not report.removed:  # a removed item cannot be opened
                        entry.setData(0, Qt.UserRole, item_id)
                if len(ids) > MAX_LISTED:
                    QTreeWidgetItem(group, [self.tr("… and %1 more").replace("%1", str(len(ids) - MAX_LISTED))])
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(True)

    def _entry_clicked(self, entry: QTreeWidgetItem | None) -> None:
        item_id = entry.data(0, Qt.UserRole) if entry is not None else None
        if item_id:
            self.open_item.emit(item_id)

    def entries(self) -> list[tuple[str, str, str]]:
        """What's new as (bucket, kind label, title) rows — what the list shows, for tests and screen readers."""
        rows = []
        for t in range(self.whatsnew.topLevelItemCount()):
            top = self.whatsnew.topLevelItem(t)
            for g in range(top.childCount()):
                group = top.child(g)
                rows += [(top.text(0), group.text(0), group.child(e).text(0)) for e in range(group.childCount())]
        return rows

    # --- history ----------------------------------------------------------------------------------

    def load_history(self) -> None:
        from app.syncstore import SyncStore

        library = self.library
        self.tasks.run(lambda task: SyncStore(library).last_runs(limit=10), queue="read",
                       key=f"update-history-{id(self)}", on_done=self._show_history)

    def _show_history(self, runs: list[dict] | None) -> None:
        if runs is None:
            return
        self._runs = runs
        good = next((r for r in runs if r["status"] in ("ok", "unchanged")), None)
        if good is None:
            text = self.tr("This library has not been updated yet.")
        else:
            where = self.tr("the portal") if is_web(good["location"]) else good["location"]
            text = (self.tr("Last updated: %1, from %2.").replace("%1", local_time(good["finished_at"] or
                                                                                      good["started_at"]))
                    .replace("%2", where))
        if runs and runs[0] is not good and runs[0]["status"] == "failed":
            text += " " + self.tr("The last try (%1) did not succeed.").replace("%1", local_time(runs[0]["started_at"]))
        self.last_label.setText(text)
