"""The "Make a USB kit" dialog: put the program (installer and/or portable copy) and this library onto a USB
drive, with a short README in Kyrgyz, Russian and English, so another computer can install Kitepkana and get the
library from the drive alone.

It runs ``app.usbkit.write_usb_kit`` on the task manager's "write" queue (like the export dialog: the kit's
library part is an export, which must not race a running update). The program files are the ones found beside
the running program (``kit/``, see app/usbkit.py) unless the user chooses one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLayout, QPushButton, QStyle, QWidget

from ui.drivejob import DriveJobDialog
from ui.drives import format_size
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager


def _measure(library: Library, target: Path, installer: Path | None, portable: Path | None, chosen: bool) -> dict:
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


def ask_program_file(parent: QWidget) -> Path | None:
    """The Kitepkana installer (``.exe``) or portable ``.zip`` the user picks, or None (the USB kit dialog and the
    USB wizard both ask it)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("UsbKitDialog", "Choose the Kitepkana installer or portable zip"), "",
        QCoreApplication.translate("UsbKitDialog", "Kitepkana program (*.exe *.zip)"))
    return Path(name) if name else None


class UsbKitDialog(DriveJobDialog):
    """Pick a drive (or a folder), see what goes on it and the space needed, write the kit, see that it worked."""

    KEY = "usbkit"
    SIZE = (620, 340)

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        self.program: tuple[Path | None, Path | None] = (None, None)  # chosen by the user: (installer, portable)
        super().__init__(library, tasks, parent)
        self._measure()  # the program files to pass on, before any drive is chosen

    def _build(self) -> None:
        super()._build()
        self.make_button = self.start_button
        self.program_button.clicked.connect(self._ask_program)

    def _extra_rows(self) -> list[QLayout]:
        self.program_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)  # names of files on the drive
        self.program_button = QPushButton(self.style().standardIcon(QStyle.SP_FileIcon), "")
        program_row = QHBoxLayout()
        program_row.addWidget(self.program_label, 1)
        program_row.addWidget(self.program_button, 0, Qt.AlignTop)
        return [program_row]

    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Make a USB kit"),
            "intro": self.tr("Put Kitepkana and this library onto a USB drive, with instructions in Kyrgyz, "
                             "Russian and English. Another computer can then install the program and get the "
                             "library from the drive alone, without internet."),
            "target": self.tr("Write &to:"),
            "target_name": self.tr("Drive or folder to write the kit to"),
            "choose": self.tr("C&hoose folder…"),
            "choose_name": self.tr("Choose a folder to write the kit to"),
            "rescan": self.tr("&Look for USB drives"),
            "rescan_name": self.tr("Look for USB drives again"),
            "program": self.tr("Choose &program file…"),
            "program_name": self.tr("Choose the installer or the portable zip to put on the drive"),
            "start": self.tr("&Make the USB kit"),
            "start_name": self.tr("Write the USB kit to the drive"),
            "cancel": self.tr("C&ancel"),
            "cancel_name": self.tr("Stop writing the USB kit"),
            "progress": self.tr("Writing progress"),
            "close": self.tr("Close"),
            "close_name": self.tr("Close this window"),
            "folder": self.tr("Folder %1"),
            "drive": self.tr("Drive %1 (%2 free)"),
            "no_drive": self.tr("No USB drive found: plug one in, or choose a folder"),
            "pick_drive": self.tr("Choose a drive (no USB drive found; these are disks of this computer)"),
            "ask_folder": self.tr("Choose the drive or folder to write the kit to"),
            "measuring": self.tr("Measuring…"),
            "needed": self.tr("Needed: %1. Free on the drive: %2."),
            "no_space": self.tr("There is not enough space on this drive: free some space or use a bigger one."),
            "stopping": self.tr("Stopping…"),
            "cancelled": self.tr("Stopped: the USB kit on the drive is not complete. Make it again to finish it."),
            "failed": self.tr("The USB kit was not written."),
        }

    def retranslate(self) -> None:
        t = self.texts = self._texts()
        self.program_button.setText(t["program"])
        self.program_button.setAccessibleName(t["program_name"])
        super().retranslate()

    # --- where to, and what -------------------------------------------------------------------------

    def _ask_program(self) -> None:
        path = ask_program_file(self)
        if path is not None:
            self.choose_program(path)

    def choose_program(self, path: Path) -> None:
        """Put ``path`` on the drive: an ``.exe`` as the installer, a ``.zip`` as the portable copy."""
        installer, portable = self.program
        if Path(path).suffix.lower() == ".zip":
            portable = Path(path)
        else:
            installer = Path(path)
        self.program = (installer, portable)
        self._measure()

    def _measure(self) -> None:
        target = self.target()
        self.measure = None
        self._show_measure()
        library, (installer, portable) = self.library, self.program
        chosen = installer is not None or portable is not None
        self.tasks.run(lambda task: _measure(library, target, installer, portable, chosen), queue=Queue.READ,
                       key=f"usbkit-size-{id(self)}", on_done=self._measured)

    def _show_measure(self) -> None:
        m = self.measure
        if m is None:
            self.program_label.setText("")
            self.size_label.setText(self.texts["measuring"] if self.target() is not None else "")
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
        text = self._space_text(m)
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
        library = self.library if m["with_library"] else None
        installer, portable, data_dir = m["installer"], m["portable"], self.library.paths.data
        self._run_job(lambda task: write_usb_kit(library, target, installer=installer, portable=portable, find=False,
                                                 progress=task.progress, cancelled=task.cancelled, data_dir=data_dir),
                      "usb-kit", self.tr("Writing the USB kit to %1…").replace("%1", self.target_name()), 1000,
                      self._show_done)

    def _inputs(self) -> tuple[QWidget, ...]:
        return (*super()._inputs(), self.program_button)

    def _show_done(self, report) -> None:
        self.report = report
        self.progress_bar.setValue(self.progress_bar.maximum())
        text = self.tr("Done: %1 written to %2 and checked. On another computer, open the drive and read the "
                       "kitepkana-README file in your language.").replace("%1", format_size(report.bytes)) \
            .replace("%2", self.target_name())
        unchecked = [f.path.rsplit("/", 1)[-1] for f in report.program if not f.vouched]
        if unchecked:  # the README on the drive says the same
            text += " " + self.tr("The program could not be checked: no list signed by the portal names %1, so "
                                  "nothing proves it is the portal's program. The README on the drive says so.") \
                .replace("%1", ", ".join(unchecked))
        elif report.program:
            text += " " + self.tr("The portal's signature vouches for the program: another computer with Kitepkana "
                                  "can check it before installing (see the README).")
        if report.feed and report.feed.get("blobs_missing"):
            text += " " + self.tr("%n file(s) (videos) were not on this computer and were not copied.", "",
                                  report.feed["blobs_missing"])
        self.status_label.setText(text)

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
        return super()._error_words(error)
