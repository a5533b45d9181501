"""The "Copy library to a USB drive" dialog: write this library as a feed onto a drive, so another PC can
update from that drive alone (the portal's signature travels with it and is still checked there).

It runs ``sync.export.export_feed`` on the task manager's "write" queue. The export only reads the database,
but it copies the feed files this PC keeps (``feeds/<id>/``), which a running update replaces and prunes; the
one-thread "write" queue makes the two take turns instead of racing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from ui.drives import export_folder, format_size, scan_volumes, volume_at
from ui.syncwords import error_text, freeze_long_lived_objects


def _measure(library, target: Path) -> dict:
    """Worker side: what the export needs, and the free space where it goes."""
    from app.errors import KitepkanaError
    from sync.export import export_size

    existing = next((p for p in (target, *target.parents) if p.exists()), target)
    free = shutil.disk_usage(existing).free
    try:
        need, missing = export_size(library)
    except (KitepkanaError, OSError) as e:  # OSError: the kept feed files are damaged or gone
        return {"error": e, "free": free}
    return {"need": need, "missing": missing, "free": free, "target": target}


class ExportDialog(QDialog):
    """Pick a drive (or a folder), see the space needed and free, copy, and see that it worked."""

    def __init__(self, library, tasks, parent=None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.task = None
        self.report = None  # the ExportReport of the last copy
        self.measure: dict | None = None
        self.volumes: list = []
        self.chosen: list[Path] = []
        self._close_when_done = False
        self._last_error: BaseException | None = None
        self._build()
        self.retranslate()
        self.refresh_drives()

    def _build(self) -> None:
        style = self.style()
        self.intro = QLabel(wordWrap=True)
        self.target_label = QLabel()
        self.target_combo = QComboBox()
        self.target_label.setBuddy(self.target_combo)
        self.choose_button = QPushButton(style.standardIcon(QStyle.SP_DirOpenIcon), "")
        self.rescan_button = QPushButton(style.standardIcon(QStyle.SP_BrowserReload), "")
        self.size_label = QLabel(wordWrap=True)
        self.copy_button = QPushButton(style.standardIcon(QStyle.SP_DialogSaveButton), "")
        self.copy_button.setDefault(True)
        self.cancel_button = QPushButton(style.standardIcon(QStyle.SP_DialogCancelButton), "")
        self.cancel_button.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.status_label = QLabel(wordWrap=True)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.hide()
        self.close_button = QPushButton(style.standardIcon(QStyle.SP_DialogCloseButton), "")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_combo, 1)
        target_row.addWidget(self.choose_button)
        target_row.addWidget(self.rescan_button)
        action_row = QHBoxLayout()
        action_row.addWidget(self.copy_button)
        action_row.addWidget(self.cancel_button)
        action_row.addStretch(1)
        action_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(target_row)
        layout.addWidget(self.size_label)
        layout.addLayout(action_row)
        for widget in (self.progress_bar, self.status_label, self.error_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.resize(600, 300)
        self.choose_button.clicked.connect(self._ask_folder)
        self.rescan_button.clicked.connect(self.refresh_drives)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._measure())
        self.copy_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Copy library to a USB drive"))
        self.intro.setText(self.tr("Copy this library onto a USB drive. Another computer can then update its "
                                   "library from the drive, without internet."))
        self.target_label.setText(self.tr("Copy &to:"))
        self.target_combo.setAccessibleName(self.tr("Drive or folder to copy to"))
        self.choose_button.setText(self.tr("C&hoose folder…"))
        self.choose_button.setAccessibleName(self.tr("Choose a folder to copy to"))
        self.rescan_button.setText(self.tr("&Look for USB drives"))
        self.rescan_button.setAccessibleName(self.tr("Look for USB drives again"))
        self.copy_button.setText(self.tr("&Copy to the drive"))
        self.copy_button.setAccessibleName(self.tr("Copy the library to the drive"))
        self.cancel_button.setText(self.tr("C&ancel copying"))
        self.cancel_button.setAccessibleName(self.tr("Cancel copying"))
        self.progress_bar.setAccessibleName(self.tr("Copying progress"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close this window"))
        self._fill_targets()
        self._show_measure()
        if self.report is not None:
            self._show_done(self.report)
        if self._last_error is not None:
            self._show_error(self._last_error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- where to -----------------------------------------------------------------------------------

    def refresh_drives(self) -> None:
        chosen = list(self.chosen)
        self.tasks.run(lambda task: [(v, export_folder(v.root)) for v in scan_volumes(extra=chosen)], queue="read",
                       key=f"export-drives-{id(self)}", on_done=self._volumes_found)

    def _volumes_found(self, found: list) -> None:
        found = [(v, target) for v, target in found if not v.read_only]
        roots = {v.root for v, _target in found}
        # a folder chosen while the scan ran is not in its result: keep it
        self.volumes = found + [(v, t) for v, t in self.volumes if v.root in self.chosen and v.root not in roots]
        self._fill_targets()

    def _fill_targets(self) -> None:
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for v, target in self.volumes:
            label = (self.tr("Folder %1").replace("%1", str(target)) if v.root in self.chosen else
                     self.tr("Drive %1 (%2 free)").replace("%1", v.name).replace("%2", format_size(v.free)))
            self.target_combo.addItem(self.style().standardIcon(QStyle.SP_DriveHDIcon), label, str(target))
        if not self.volumes:
            self.target_combo.addItem(self.tr("No USB drive found: plug one in, or choose a folder"), None)
        index = self.target_combo.findData(current) if current is not None else -1
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.blockSignals(False)
        self._set_running(self.task is not None)
        if self.target_combo.currentData() != current:
            self._measure()

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the drive or folder to copy to"))
        if folder:
            self.choose_folder(Path(folder))

    def choose_folder(self, folder: Path) -> Path:
        """Copy into ``folder`` — a drive's root gets a ``kitepkana-feed`` folder — and select it. Returns where
        the copy will go."""
        folder = Path(folder)
        target = export_folder(folder)  # a stat or two on a folder the user just picked
        if folder not in self.chosen:
            self.chosen.append(folder)
        if all(v.root != folder for v, _target in self.volumes):
            self.volumes.append((volume_at(folder), target))
        self._fill_targets()
        self.target_combo.setCurrentIndex(self.target_combo.findData(str(target)))
        self._measure()
        return target

    def target(self) -> Path | None:
        data = self.target_combo.currentData()
        return Path(data) if data else None

    def _measure(self) -> None:
        target = self.target()
        self.measure = None
        self._show_measure()
        if target is None:
            return
        library = self.library
        self.tasks.run(lambda task: _measure(library, target), queue="read", key=f"export-size-{id(self)}",
                       on_done=self._measured)

    def _measured(self, measure: dict) -> None:
        if measure.get("target") not in (None, self.target()):
            return  # an older choice
        self.measure = measure
        self._show_measure()
        self._set_running(self.task is not None)

    def _show_measure(self) -> None:
        m = self.measure
        if m is None:
            self.size_label.setText(self.tr("Measuring…") if self.target() is not None else "")
            return
        if "error" in m:
            self.size_label.setText(error_text(m["error"]))
            return
        text = (self.tr("Needed: %1. Free on the drive: %2.").replace("%1", format_size(m["need"]))
                .replace("%2", format_size(m["free"])))
        if m["need"] > m["free"]:
            text += " " + self.tr("There is not enough space on this drive: free some space or use a bigger one.")
        if m["missing"]:
            text += " " + self.tr("%n file(s) (videos) are not on this computer and will not be copied.", "",
                                  m["missing"])
        self.size_label.setText(text)

    # --- copying ----------------------------------------------------------------------------------

    def start_export(self) -> None:
        from sync.export import export_feed

        target = self.target()
        if self.task is not None or target is None:
            return
        self.report, self._last_error = None, None
        self.error_label.hide()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.setText(self.tr("Copying to %1…").replace("%1", str(target)))
        library = self.library
        freeze_long_lived_objects()  # a full garbage collection in the worker would freeze the window
        self.task = self.tasks.run(
            lambda task: export_feed(library, target, progress=task.progress, cancelled=task.cancelled),
            queue="write", name="export", on_done=self._show_done, on_error=self._failed, on_progress=self._progressed)
        self.task.finished.connect(self._finished)
        self._set_running(True)

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        for widget in (self.target_combo, self.choose_button, self.rescan_button):
            widget.setEnabled(not running)
        ok = self.measure is not None and "error" not in self.measure and self.measure["need"] <= self.measure["free"]
        self.copy_button.setEnabled(not running and self.target() is not None and ok)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)

    def _progressed(self, done: int, total: int, _message: str) -> None:
        # sizes in bytes can pass 2**31: show per mille
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000 * done // max(total, 1))

    def _show_done(self, report) -> None:
        self.report = report
        self.progress_bar.setValue(self.progress_bar.maximum())
        text = self.tr("Done: another computer can now update from this drive (Update library, then choose the "
                       "drive). %1 copied to %2.").replace("%1", format_size(report.bytes)).replace("%2", report.folder)
        if report.blobs_missing:
            text += " " + self.tr("%n file(s) (videos) were not on this computer and were not copied.", "",
                                  report.blobs_missing)
        self.status_label.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.progress_bar.hide()
        self._last_error = error
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        from app.errors import CancelledError

        if isinstance(error, CancelledError):
            self.status_label.setText(self.tr("Copying was cancelled: the drive does not hold the new copy of the "
                                              "library. Copy again to finish it."))
            return
        self.status_label.setText(self.tr("The library was not copied."))
        self.error_label.setText(error_text(error, str(self.target() or "")))
        self.error_label.show()

    def _finished(self) -> None:
        self.task = None
        self._set_running(False)
        self._measure()
        if self._close_when_done:
            super().reject()

    def reject(self) -> None:
        """Closing while copying cancels it; the window closes when the copy has stopped."""
        if self.task is not None:
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()
