"""The "Make a USB kit" dialog: put the program (installer and/or portable copy) and this library onto a USB
drive, with a short README in Kyrgyz, Russian and English, so another computer can install Kitepkana and get the
library from the drive alone.

It runs ``app.usbkit.write_usb_kit`` on the task manager's "write" queue (like the export dialog: the kit's
library part is an export, which must not race a running update). The program files are the ones found beside
the running program (``kit/``, see app/usbkit.py) unless the user chooses one.
"""

from __future__ import annotations

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

from ui.drives import format_size, scan_volumes, volume_at
from ui.syncwords import error_text, freeze_long_lived_objects


def _measure(library, target: Path, installer: Path | None, portable: Path | None, chosen: bool) -> dict:  # noqa: ANN001
    """Worker side: the program files to copy, the bytes the kit needs, the free space on the drive."""
    from app import usbkit
    from app.errors import KitepkanaError

    if not chosen:
        installer, portable = usbkit.find_program_files()
    found = {"target": target, "installer": installer, "portable": portable, "with_library": True}
    if target is None:  # no drive yet: what would go on it
        return found
    try:
        found["free"] = usbkit.disk_free(target)
        try:
            found["need"] = usbkit.kit_size(library, installer=installer, portable=portable)
        except KitepkanaError as e:
            if getattr(e, "code", "") != "nothing_to_export" or not (installer or portable):
                raise
            # a library never updated from the portal or a drive has nothing to pass on: the program still goes
            found["with_library"] = False
            found["need"] = usbkit.kit_size(None, installer=installer, portable=portable)
    except (KitepkanaError, OSError) as e:
        found["error"] = e
    return found


class UsbKitDialog(QDialog):
    """Pick a drive (or a folder), see what goes on it and the space needed, write the kit, see that it worked."""

    def __init__(self, library, tasks, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.task = None
        self.report = None  # the UsbKitReport of the last kit written
        self.measure: dict | None = None
        self.volumes: list = []
        self.chosen: list[Path] = []
        self.program: tuple[Path | None, Path | None] = (None, None)  # chosen by the user: (installer, portable)
        self._close_when_done = False
        self._last_error: BaseException | None = None
        self._build()
        self.retranslate()
        self.refresh_drives()
        self._measure()  # the program files to pass on, before any drive is chosen

    def _build(self) -> None:
        style = self.style()
        self.intro = QLabel(wordWrap=True)
        self.target_label = QLabel()
        self.target_combo = QComboBox()
        self.target_label.setBuddy(self.target_combo)
        self.choose_button = QPushButton(style.standardIcon(QStyle.SP_DirOpenIcon), "")
        self.rescan_button = QPushButton(style.standardIcon(QStyle.SP_BrowserReload), "")
        self.program_label = QLabel(wordWrap=True)
        self.program_button = QPushButton(style.standardIcon(QStyle.SP_FileIcon), "")
        self.size_label = QLabel(wordWrap=True)
        self.make_button = QPushButton(style.standardIcon(QStyle.SP_DialogSaveButton), "")
        self.make_button.setDefault(True)
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
        program_row = QHBoxLayout()
        program_row.addWidget(self.program_label, 1)
        program_row.addWidget(self.program_button, 0, Qt.AlignTop)
        action_row = QHBoxLayout()
        action_row.addWidget(self.make_button)
        action_row.addWidget(self.cancel_button)
        action_row.addStretch(1)
        action_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(target_row)
        layout.addLayout(program_row)
        layout.addWidget(self.size_label)
        layout.addLayout(action_row)
        for widget in (self.progress_bar, self.status_label, self.error_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.resize(620, 340)
        self.choose_button.clicked.connect(self._ask_folder)
        self.rescan_button.clicked.connect(self.refresh_drives)
        self.program_button.clicked.connect(self._ask_program)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._measure())
        self.make_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Make a USB kit"))
        self.intro.setText(self.tr("Put Kitepkana and this library onto a USB drive, with instructions in Kyrgyz, "
                                   "Russian and English. Another computer can then install the program and get the "
                                   "library from the drive alone, without internet."))
        self.target_label.setText(self.tr("Write &to:"))
        self.target_combo.setAccessibleName(self.tr("Drive or folder to write the kit to"))
        self.choose_button.setText(self.tr("C&hoose folder…"))
        self.choose_button.setAccessibleName(self.tr("Choose a folder to write the kit to"))
        self.rescan_button.setText(self.tr("&Look for USB drives"))
        self.rescan_button.setAccessibleName(self.tr("Look for USB drives again"))
        self.program_button.setText(self.tr("Choose &program file…"))
        self.program_button.setAccessibleName(self.tr("Choose the installer or the portable zip to put on the drive"))
        self.make_button.setText(self.tr("&Make the USB kit"))
        self.make_button.setAccessibleName(self.tr("Write the USB kit to the drive"))
        self.cancel_button.setText(self.tr("C&ancel"))
        self.cancel_button.setAccessibleName(self.tr("Stop writing the USB kit"))
        self.progress_bar.setAccessibleName(self.tr("Writing progress"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close this window"))
        self._fill_targets()
        self._show_measure()
        if self.report is not None:
            self._show_done(self.report)
        if self._last_error is not None:
            self._show_error(self._last_error)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- where to, and what -------------------------------------------------------------------------

    def refresh_drives(self) -> None:
        chosen = list(self.chosen)
        self.tasks.run(lambda task: scan_volumes(extra=chosen), queue="read", key=f"usbkit-drives-{id(self)}",
                       on_done=self._volumes_found)

    def _volumes_found(self, found: list) -> None:
        found = [v for v in found if not v.read_only]
        roots = {v.root for v in found}
        self.volumes = found + [v for v in self.volumes if v.root in self.chosen and v.root not in roots]
        self._fill_targets()

    def _fill_targets(self) -> None:
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for v in self.volumes:
            label = (self.tr("Folder %1").replace("%1", str(v.root)) if v.root in self.chosen else
                     self.tr("Drive %1 (%2 free)").replace("%1", v.name).replace("%2", format_size(v.free)))
            self.target_combo.addItem(self.style().standardIcon(QStyle.SP_DriveHDIcon), label, str(v.root))
        if not self.volumes:
            self.target_combo.addItem(self.tr("No USB drive found: plug one in, or choose a folder"), None)
        index = self.target_combo.findData(current) if current is not None else -1
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.blockSignals(False)
        self._set_running(self.task is not None)
        if self.target_combo.currentData() != current:
            self._measure()

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the drive or folder to write the kit to"))
        if folder:
            self.choose_folder(Path(folder))

    def choose_folder(self, folder: Path) -> None:
        """Write the kit into ``folder`` (a drive's root, or any folder) and select it."""
        folder = Path(folder)
        if folder not in self.chosen:
            self.chosen.append(folder)
        if all(v.root != folder for v in self.volumes):
            self.volumes.append(volume_at(folder))
        self._fill_targets()
        self.target_combo.setCurrentIndex(self.target_combo.findData(str(folder)))
        self._measure()

    def _ask_program(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the Kitepkana installer or portable zip"),
                                                    "", self.tr("Kitepkana program (*.exe *.zip)"))
        if name:
            self.choose_program(Path(name))

    def choose_program(self, path: Path) -> None:
        """Put ``path`` on the drive: an ``.exe`` as the installer, a ``.zip`` as the portable copy."""
        installer, portable = self.program
        if Path(path).suffix.lower() == ".zip":
            portable = Path(path)
        else:
            installer = Path(path)
        self.program = (installer, portable)
        self._measure()

    def target(self) -> Path | None:
        data = self.target_combo.currentData()
        return Path(data) if data else None

    def _measure(self) -> None:
        target = self.target()
        self.measure = None
        self._show_measure()
        library, (installer, portable) = self.library, self.program
        chosen = installer is not None or portable is not None
        self.tasks.run(lambda task: _measure(library, target, installer, portable, chosen), queue="read",
                       key=f"usbkit-size-{id(self)}", on_done=self._measured)

    def _measured(self, measure: dict) -> None:
        if measure.get("target") != self.target():
            return  # an older choice
        self.measure = measure
        self._show_measure()
        self._set_running(self.task is not None)

    def _show_measure(self) -> None:
        m = self.measure
        if m is None:
            self.program_label.setText("")
            self.size_label.setText(self.tr("Measuring…") if self.target() is not None else "")
            return
        files = [p for p in (m["installer"], m["portable"]) if p is not None]
        if files:
            self.program_label.setText(self.tr("Program: %1").replace("%1", ", ".join(
                f"{p.name} ({format_size(p.stat().st_size) if p.is_file() else '?'})" for p in files)))
        else:
            self.program_label.setText(self.tr("No installer or portable copy of Kitepkana was found on this "
                                               "computer: only the library will be copied. Choose a program file to "
                                               "add it."))
        if "error" in m:
            self.size_label.setText(self._error_words(m["error"]))
            return
        if "need" not in m:  # no drive chosen yet
            self.size_label.setText("")
            return
        text = (self.tr("Needed: %1. Free on the drive: %2.").replace("%1", format_size(m["need"]))
                .replace("%2", format_size(m["free"])))
        if m["need"] > m["free"]:
            text += " " + self.tr("There is not enough space on this drive: free some space or use a bigger one.")
        if not m["with_library"]:
            text += " " + self.tr("This library was not updated from the portal or a drive, so only the program "
                                  "goes on the drive.")
        self.size_label.setText(text)

    # --- writing ----------------------------------------------------------------------------------

    def start(self) -> None:
        from app.usbkit import write_usb_kit

        target, m = self.target(), self.measure
        if self.task is not None or target is None or m is None or "need" not in m:
            return
        self.report, self._last_error = None, None
        self.error_label.hide()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.setText(self.tr("Writing the USB kit to %1…").replace("%1", str(target)))
        library = self.library if m["with_library"] else None
        installer, portable = m["installer"], m["portable"]
        freeze_long_lived_objects()  # a full garbage collection in the worker would freeze the window
        self.task = self.tasks.run(
            lambda task: write_usb_kit(library, target, installer=installer, portable=portable, find=False,
                                       progress=task.progress, cancelled=task.cancelled),
            queue="write", name="usb-kit", on_done=self._show_done, on_error=self._failed,
            on_progress=self._progressed)
        self.task.finished.connect(self._finished)
        self._set_running(True)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        for widget in (self.target_combo, self.choose_button, self.rescan_button, self.program_button):
            widget.setEnabled(not running)
        m = self.measure
        ok = m is not None and "need" in m and m["need"] <= m["free"]
        self.make_button.setEnabled(not running and self.target() is not None and ok)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)

    def _progressed(self, done: int, total: int, _message: str) -> None:
        self.progress_bar.setValue(1000 * done // max(total, 1))  # per mille: byte counts pass 2**31

    def _show_done(self, report) -> None:  # noqa: ANN001 — app.usbkit.UsbKitReport
        self.report = report
        self.progress_bar.setValue(self.progress_bar.maximum())
        text = self.tr("Done: %1 written to %2 and checked. On another computer, open the drive and read the "
                       "kitepkana-README file in your language.").replace("%1", format_size(report.bytes)) \
            .replace("%2", report.drive)
        if report.feed and report.feed.get("blobs_missing"):
            text += " " + self.tr("%n file(s) (videos) were not on this computer and were not copied.", "",
                                  report.feed["blobs_missing"])
        self.status_label.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.progress_bar.hide()
        self._last_error = error
        self._show_error(error)

    def _error_words(self, error: BaseException) -> str:
        code = getattr(error, "code", None)
        if code == "nothing_to_copy":
            return self.tr("There is nothing to copy: no installer or portable copy of Kitepkana was found, and "
                           "this library was not updated from the portal or a drive.")
        if code == "source_missing":
            return self.tr("A program file is not there any more. Choose it again.")
        if code == "drive_missing":
            return self.tr("The drive %1 is not there, or cannot be written to. Plug it in and try again.") \
                .replace("%1", str(self.target() or ""))
        return error_text(error, str(self.target() or ""))

    def _show_error(self, error: BaseException) -> None:
        from app.errors import CancelledError

        if isinstance(error, CancelledError):
            self.status_label.setText(self.tr("Stopped: the USB kit on the drive is not complete. Make it again to "
                                              "finish it."))
            return
        self.status_label.setText(self.tr("The USB kit was not written."))
        self.error_label.setText(self._error_words(error))
        self.error_label.show()

    def _finished(self) -> None:
        self.task = None
        self._set_running(False)
        self._measure()
        if self._close_when_done:
            super().reject()

    def reject(self) -> None:
        """Closing while writing stops it; the window closes when the writing has stopped."""
        if self.task is not None:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
