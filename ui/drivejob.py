"""What the dialogs that work with USB drives share: the Update dialog (ui/update.py) reads a library from a
drive, the Copy-to-USB (ui/exportdialog.py) and USB kit (ui/usbkitdialog.py) dialogs write one onto a drive.

``JobDialog`` is the part all three share: the drive scan in a worker on the task manager's "read" queue (a slow
USB drive must not freeze the window), one long task on the "job" queue with progress and Cancel, and closing
the window while it runs (the task is cancelled first, the window closes when it has stopped).

``DriveJobDialog`` is the whole dialog the two writers share: a target row (drive or folder, Choose folder, Look
for USB drives), the space needed against the free space, the action, Cancel, Close, a progress bar, a status
line and plain-word errors.

No text is translated here: lupdate files a ``self.tr()`` under the class that calls it, and the translations
live under each dialog's own context ("ExportDialog", "UsbKitDialog", "UpdateDialog"). So the subclasses hand
their texts over already translated (``DriveJobDialog._texts``, ``JobDialog._stopping_text``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.drives import format_size, scan_volumes, volume_at
from ui.syncwords import error_text
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager


class JobDialog(QDialog):
    """A dialog that scans drives and runs one long task with progress and Cancel.

    Subclasses set ``library``, ``tasks``, ``chosen``, ``volumes``, ``task``, ``_last_error`` and
    ``_close_when_done``, build ``start_button``, ``cancel_button``, ``progress_bar``, ``status_label`` and
    ``error_label`` (see ``_build_job_widgets``), and provide ``retranslate``, ``_inputs``, ``_can_start``,
    ``_stopping_text``, ``_show_error`` and ``_after_job``.
    """

    def _build_job_widgets(self, start_icon: QStyle.StandardPixmap) -> None:
        """The buttons, the progress bar and the status and error lines (laid out by the subclass)."""
        style = self.style()
        self.choose_button = QPushButton(style.standardIcon(QStyle.SP_DirOpenIcon), "")
        self.rescan_button = QPushButton(style.standardIcon(QStyle.SP_BrowserReload), "")
        self.start_button = QPushButton(style.standardIcon(start_icon), "")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(style.standardIcon(QStyle.SP_DialogCancelButton), "")
        self.cancel_button.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        # messages may quote a feed's or a drive's text: plain text, never markup
        self.status_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.error_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.hide()
        self.close_button = QPushButton(style.standardIcon(QStyle.SP_DialogCloseButton), "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- drives ---------------------------------------------------------------------------------------

    def _scan_drives(self, key: str, target_in: Callable[[Path], object] | None = None) -> None:
        """Look for drives (and the folders the user chose) in a worker; ``_volumes_found`` gets the volumes, or
        (volume, ``target_in(volume.root)``) pairs — ``target_in`` runs in the worker too."""
        chosen = list(self.chosen)
        if target_in is None:
            work = lambda task: scan_volumes(extra=chosen)
        else:
            work = lambda task: [(v, target_in(v.root)) for v in scan_volumes(extra=chosen)]
        self.tasks.run(work, queue=Queue.READ, key=f"{key}-{id(self)}", on_done=self._volumes_found)

    def _keep_chosen(self, found: list, root_of: Callable[[object], Path]) -> list:
        """``found`` and the folders chosen while the scan ran (they are not in its result)."""
        roots = {root_of(v) for v in found}
        return found + [v for v in self.volumes if root_of(v) in self.chosen and root_of(v) not in roots]

    # --- the task -------------------------------------------------------------------------------------

    def _run_job(self, work: Callable, name: str, status: str, maximum: int, on_done: Callable) -> None:
        """Run ``work(task)`` on the "job" queue (long: it must not hold up bookmarks and notes on the "write" queue),
        with the progress bar from 0 to ``maximum``."""
        self.error_label.hide()
        self.progress_bar.setRange(0, maximum)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.setText(status)
        self.task = self.tasks.run(work, queue=Queue.JOB, name=name, on_done=on_done, on_error=self._failed,
                                   on_progress=self._progressed)
        self.task.finished.connect(self._finished)
        self._set_running(True)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self._stopping_text())

    def _set_running(self, running: bool) -> None:
        for widget in self._inputs():
            widget.setEnabled(not running)
        self.start_button.setEnabled(not running and self._can_start())
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)

    def _failed(self, error: BaseException) -> None:
        self.progress_bar.hide()
        self._last_error = error
        self._show_error(error)

    def _finished(self) -> None:
        self.task = None
        self._set_running(False)
        self._after_job()
        if self._close_when_done:
            super().reject()

    def reject(self) -> None:
        """Closing while the task runs cancels it; the window closes when the task has stopped."""
        if self.task is not None:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()


class DriveJobDialog(JobDialog):
    """Pick a drive (or a folder) to write to, see the space needed and free, write, and see that it worked.

    A subclass names its task keys (``KEY``), gives its texts (``_texts``), measures (``_measure``,
    ``_measured_for``, ``_show_measure``), starts (``start``) and reports (``_show_done``).
    """

    KEY = "drive-job"  # task keys: f"{KEY}-drives-…"
    SIZE = (600, 300)
    written = Signal(object)  # a write finished and was checked: its report (the USB wizard's last page follows)

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.task = None
        self.report = None  # the report of the last run
        self.measure: dict | None = None
        self.volumes: list = []  # (volume, where the writing goes)
        self.chosen: list[Path] = []
        self.texts: dict[str, str] = {}
        self._close_when_done = False
        self._last_error: BaseException | None = None
        self._build()
        self.retranslate()
        self.refresh_drives()

    def _build(self) -> None:
        self.intro = QLabel(wordWrap=True)
        self.target_label = QLabel()
        self.target_combo = QComboBox()
        self.target_label.setBuddy(self.target_combo)
        self.size_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self._build_job_widgets(QStyle.SP_DialogSaveButton)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target_combo, 1)
        target_row.addWidget(self.choose_button)
        target_row.addWidget(self.rescan_button)
        action_row = QHBoxLayout()
        action_row.addWidget(self.start_button)
        action_row.addWidget(self.cancel_button)
        action_row.addStretch(1)
        action_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(target_row)
        for row in self._extra_rows():
            layout.addLayout(row)
        layout.addWidget(self.size_label)
        layout.addLayout(action_row)
        for widget in (self.progress_bar, self.status_label, self.error_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.resize(*self.SIZE)
        self.choose_button.clicked.connect(self._ask_folder)
        self.rescan_button.clicked.connect(self.refresh_drives)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._measure())
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

    def _extra_rows(self) -> list[QLayout]:
        """Rows laid out between the target row and the size line."""
        return []

    def _texts(self) -> dict[str, str]:
        """Every text of the dialog, translated by the subclass (its tr() context)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        t = self.texts = self._texts()
        self.setWindowTitle(t["title"])
        self.intro.setText(t["intro"])
        self.target_label.setText(t["target"])
        self.target_combo.setAccessibleName(t["target_name"])
        for button, key in ((self.choose_button, "choose"), (self.rescan_button, "rescan"),
                            (self.start_button, "start"), (self.cancel_button, "cancel"),
                            (self.close_button, "close")):
            button.setText(t[key])
            button.setAccessibleName(t[key + "_name"])
        self.progress_bar.setAccessibleName(t["progress"])
        self._fill_targets()
        self._show_measure()
        if self.report is not None:
            self._show_done(self.report)
        if self._last_error is not None:
            self._show_error(self._last_error)

    # --- where to -----------------------------------------------------------------------------------

    @staticmethod
    def _target_in(root: Path) -> Path:
        """Where the writing goes on the drive (or in the folder) ``root``: run in the drive scan's worker."""
        return root

    def refresh_drives(self) -> None:
        self._scan_drives(f"{self.KEY}-drives", self._target_in)

    def _volumes_found(self, found: list) -> None:
        found = [(v, target) for v, target in found if not v.read_only]
        self.volumes = self._keep_chosen(found, lambda pair: pair[0].root)
        self._fill_targets()

    def _fill_targets(self) -> None:
        t = self.texts
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for v, target in self.volumes:
            label = (t["folder"].replace("%1", v.root.name or str(v.root)) if v.root in self.chosen else
                     t["drive"].replace("%1", v.display_name).replace("%2", format_size(v.free)))
            self.target_combo.addItem(self.style().standardIcon(QStyle.SP_DriveHDIcon), label, str(target))
            self.target_combo.setItemData(self.target_combo.count() - 1, str(target), Qt.ToolTipRole)
        if not self.volumes:
            self.target_combo.addItem(t["no_drive"], None)
        index = self.target_combo.findData(current) if current is not None else -1
        if index < 0:  # only a USB stick or card, or a chosen folder, is ever picked for the user
            index = next((i for i, (v, _t) in enumerate(self.volumes) if v.preselect or v.root in self.chosen), -1)
        if index < 0 and self.volumes:  # a second hard disk or a network drive: the user picks it knowingly
            self.target_combo.insertItem(0, t["pick_drive"], None)
            index = 0
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.blockSignals(False)
        self._set_running(self.task is not None)
        if self.target_combo.currentData() != current:
            self._measure()

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.texts["ask_folder"])
        if folder:
            self.choose_folder(Path(folder))

    def choose_folder(self, folder: Path) -> Path:
        """Write into ``folder`` and select it. Returns where the writing will go."""
        folder = Path(folder)
        target = self._target_in(folder)  # a stat or two on a folder the user just picked
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

    # --- measuring ----------------------------------------------------------------------------------

    def _measure(self) -> None:
        raise NotImplementedError

    def _measured_for(self, measure: dict) -> bool:
        """Is ``measure`` the one of the target chosen now (not of an older choice)?"""
        return measure.get("target") == self.target()

    def _measured(self, measure: dict) -> None:
        if not self._measured_for(measure):
            return  # an older choice
        self.measure = measure
        self._show_measure()
        self._set_running(self.task is not None)

    def _show_measure(self) -> None:
        raise NotImplementedError

    def _space_text(self, m: dict) -> str:
        """"Needed: …. Free on the drive: …." and, if it does not fit, that it does not."""
        t = self.texts
        text = t["needed"].replace("%1", format_size(m["need"])).replace("%2", format_size(m["free"]))
        if m["need"] > m["free"]:
            text += " " + t["no_space"]
        return text

    # --- writing ----------------------------------------------------------------------------------

    def start(self) -> None:
        raise NotImplementedError

    def _inputs(self) -> tuple[QWidget, ...]:
        return self.target_combo, self.choose_button, self.rescan_button

    def _can_start(self) -> bool:
        m = self.measure
        return self.target() is not None and m is not None and "need" in m and m["need"] <= m["free"]

    def _stopping_text(self) -> str:
        return self.texts["stopping"]

    def _progressed(self, done: int, total: int, _message: str) -> None:
        # sizes in bytes can pass 2**31: show per mille
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000 * done // max(total, 1))

    def _show_done(self, report) -> None:
        raise NotImplementedError

    def _error_words(self, error: BaseException) -> str:
        return error_text(error, str(self.target() or ""))

    def _show_error(self, error: BaseException) -> None:
        from app.errors import CancelledError

        if isinstance(error, CancelledError):
            self.status_label.setText(self.texts["cancelled"])
            return
        self.status_label.setText(self.texts["failed"])
        self.error_label.setText(self._error_words(error))
        self.error_label.show()

    def _after_job(self) -> None:
        if self.report is not None and self._last_error is None:
            self.written.emit(self.report)
        self._measure()

    def target_name(self) -> str:
        """The chosen drive as a person names it ("KINGSTON (E:)"), a chosen folder by its own name: no path."""
        target = self.target()
        volume = next((v for v, t in self.volumes if target is not None and str(t) == str(target)), None)
        if volume is None:
            return target.name if target is not None else ""
        if volume.root in self.chosen:
            return volume.root.name or str(volume.root)
        return volume.display_name
