"""The USB wizard: one place to put Kitepkana onto a USB drive for another computer.

First page: "Library only" (for a computer that has Kitepkana: it updates from the drive) or "Program +
library" (for one that has not: the installer, the library and a README), each saying what it is for; the
videos not on this computer yet, with an offer to download them first. A choice that cannot succeed is never
enabled: without an installer or portable zip on this computer "Program + library" says where to get one (and
takes a file the user has); a library never updated from the portal or a drive has no library to pass on.
Second page: the copy itself — the export or USB kit dialog (``ui/exportdialog.py``, ``ui/usbkitdialog.py``)
shown inside the wizard, drives named as people name them. Last page: what was written, and "Now click Safely
Remove".

What this PC holds is looked at once, in a worker (``_survey``); ``kit_dirs`` says where the program files are
looked for (default: ``app.usbkit.kit_dirs()``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui.drivejob import DriveJobDialog
from ui.results import plural
from ui.tasks import Queue
from ui.usbkitdialog import ask_program_file

if TYPE_CHECKING:
    from app.library import Library
    from app.usbkit import UsbKitReport
    from sync.export import ExportReport
    from ui.tasks import TaskManager

LIBRARY, PROGRAM = "library", "program"


def _survey(library: Library, kit_dirs: list[Path] | None) -> dict:
    """Worker side: the program files found, whether there is a library to pass on, the videos not here."""
    from app import usbkit
    from app.errors import KitepkanaError
    from app.syncstore import SyncStore
    from sync.export import export_size

    installer, portable = usbkit.find_program_files(kit_dirs)
    try:
        export_size(library)
        has_library = True
    except (KitepkanaError, OSError):  # never updated from a feed (nothing_to_export), or its copy is damaged
        has_library = False
    return {"installer": installer, "portable": portable, "library": has_library,
            "videos": SyncStore(library).count_missing(role="video")}


class UsbWizard(QDialog):
    """Choose what goes on the drive, write it, and be told to remove the drive safely."""

    download_videos = Signal()  # "Download them first": the window's Downloads fetches every waiting video

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None, *, mode: str = LIBRARY,
                 kit_dirs: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.kit_dirs = kit_dirs
        self.survey: dict | None = None
        self.program: Path | None = None  # a program file the user chose
        self.job: DriveJobDialog | None = None  # the copy, on the second page
        self.report = None
        self._build(mode)
        self.retranslate()
        self.refresh()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self, mode: str) -> None:
        style = self.style()
        self.pages = QStackedWidget()
        choose = QWidget()
        self.heading = QLabel(wordWrap=True)
        self.library_radio = QRadioButton()
        self.library_text = QLabel(wordWrap=True)
        self.program_radio = QRadioButton()
        self.program_text = QLabel(wordWrap=True)
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.library_radio)
        self.modes.addButton(self.program_radio)
        (self.program_radio if mode == PROGRAM else self.library_radio).setChecked(True)
        self.program_note = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.program_button = QPushButton(style.standardIcon(QStyle.SP_FileIcon), "")
        self.library_note = QLabel(wordWrap=True)
        self.videos_box = QFrame()
        self.videos_box.setFrameShape(QFrame.StyledPanel)
        self.videos_label = QLabel(wordWrap=True)
        self.videos_button = QPushButton(style.standardIcon(QStyle.SP_ArrowDown), "")
        videos_row = QHBoxLayout(self.videos_box)
        videos_row.addWidget(self.videos_label, 1)
        videos_row.addWidget(self.videos_button, 0, Qt.AlignTop)
        self.videos_box.hide()
        self.next_button = QPushButton(style.standardIcon(QStyle.SP_ArrowForward), "")
        self.next_button.setDefault(True)
        layout = QVBoxLayout(choose)
        layout.addWidget(self.heading)
        for radio, text in ((self.library_radio, self.library_text), (self.program_radio, self.program_text)):
            layout.addWidget(radio)
            text.setIndent(24)
            layout.addWidget(text)
        program_row = QHBoxLayout()
        program_row.addWidget(self.program_note, 1)
        program_row.addWidget(self.program_button, 0, Qt.AlignTop)
        layout.addLayout(program_row)
        layout.addWidget(self.library_note)
        layout.addWidget(self.videos_box)
        layout.addStretch(1)
        self.pages.addWidget(choose)

        self.write_page = QWidget()
        self.write_layout = QVBoxLayout(self.write_page)
        self.write_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.write_page)

        done = QWidget()
        self.done_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.remove_label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        font = self.remove_label.font()
        font.setBold(True)
        self.remove_label.setFont(font)
        done_layout = QVBoxLayout(done)
        done_layout.addWidget(self.done_label)
        done_layout.addWidget(self.remove_label)
        done_layout.addStretch(1)
        self.pages.addWidget(done)

        self.back_button = QPushButton(style.standardIcon(QStyle.SP_ArrowBack), "")
        self.back_button.hide()
        self.close_button = QPushButton(style.standardIcon(QStyle.SP_DialogCloseButton), "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages, 1)
        outer.addLayout(buttons)
        self.resize(640, 420)

        self.modes.buttonToggled.connect(lambda *_args: self._update_choice())
        self.program_button.clicked.connect(self._ask_program)
        self.videos_button.clicked.connect(self.download_videos)
        self.next_button.clicked.connect(self.go_on)
        self.back_button.clicked.connect(self.go_back)
        self.close_button.clicked.connect(self.reject)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.ActivationChange and self.isActiveWindow() and self.pages.currentIndex() == 0:
            self.refresh()  # back from Downloads (videos arrived) or from copying a program file here
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Put Kitepkana on a USB drive"))
        self.heading.setText(self.tr("What should go on the USB drive?"))
        self.library_radio.setText(self.tr("&Library only"))
        self.library_text.setText(self.tr("For a computer that already has Kitepkana: it brings its library up to "
                                          "date from the drive (Update library, then the USB drive). Smaller and "
                                          "quicker."))
        self.program_radio.setText(self.tr("&Program + library"))
        self.program_text.setText(self.tr("For a computer without Kitepkana: the drive carries the program to "
                                          "install, this library, and instructions in Kyrgyz, Russian and English. "
                                          "Needs more space."))
        self.program_button.setText(self.tr("I have the program &file…"))
        self.program_button.setAccessibleName(self.tr("Choose the Kitepkana installer or portable zip you have"))
        self.videos_button.setText(self.tr("&Download them first"))
        self.videos_button.setAccessibleName(self.tr("Download the waiting videos before copying"))
        self.next_button.setText(self.tr("&Next"))
        self.back_button.setText(self.tr("&Back"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close this window"))
        self._update_choice()
        if self.report is not None:
            self._show_done(self.report)

    # --- the choice -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Look again at what this PC holds (program files, the library, waiting videos), in a worker."""
        library, dirs = self.library, self.kit_dirs
        self.tasks.run(lambda task: _survey(library, dirs), queue=Queue.READ, key=f"usbwizard-{id(self)}",
                       on_done=self._surveyed)

    def _surveyed(self, survey: dict) -> None:
        self.survey = survey
        self._update_choice()

    def mode(self) -> str:
        return PROGRAM if self.program_radio.isChecked() else LIBRARY

    def has_program(self) -> bool:
        s = self.survey or {}
        return self.program is not None or s.get("installer") is not None or s.get("portable") is not None

    def can_go(self, mode: str) -> bool:
        """Can this choice succeed on this PC? (Known only once the survey is back.)"""
        if self.survey is None:
            return False
        return self.survey["library"] if mode == LIBRARY else self.has_program()

    def _update_choice(self) -> None:
        s = self.survey
        known = s is not None
        self.library_radio.setEnabled(not known or self.can_go(LIBRARY))
        self.program_radio.setEnabled(not known or self.can_go(PROGRAM))
        if known and not self.can_go(self.mode()):  # move to the choice that can succeed, if one can
            other = self.program_radio if self.mode() == LIBRARY else self.library_radio
            if other.isEnabled():
                other.setChecked(True)
        if not known or self.has_program():
            names = [p.name for p in (self.program, (s or {}).get("installer"), (s or {}).get("portable")) if p]
            self.program_note.setText(self.tr("Program: %1").replace("%1", ", ".join(dict.fromkeys(names)))
                                      if names else "")
        else:
            self.program_note.setText(self.tr(
                "“Program + library” cannot be made here: the program's installer is not on this computer. Get "
                "“kitepkana-setup.exe” (or the portable zip) from the portal's download page, or copy it from the "
                "USB drive this computer was installed from; then click “I have the program file…”."))
        self.library_note.setVisible(known and not s["library"])
        self.library_note.setText(self.tr("This library was never updated from the portal or a USB drive, so "
                                          "there is no library to pass on yet."))
        videos = s["videos"] if known else 0
        self.videos_box.setVisible(bool(videos))
        self.videos_label.setText(plural(self.tr("%n video(s) are not on this computer yet: they would not be "
                                                 "copied. Download them first (with internet), then come back.", "",
                                                 videos), videos))
        on_first = self.pages.currentIndex() == 0
        self.next_button.setVisible(on_first)
        self.next_button.setEnabled(on_first and self.can_go(self.mode()))

    def _ask_program(self) -> None:
        path = ask_program_file(self)
        if path is not None:
            self.choose_program(path)

    def choose_program(self, path: Path) -> None:
        """Use ``path`` (an installer ``.exe`` or a portable ``.zip`` the user has) for "Program + library"."""
        self.program = Path(path)
        self.program_radio.setEnabled(True)
        self.program_radio.setChecked(True)
        self._update_choice()

    # --- pages ------------------------------------------------------------------------------------

    def go_on(self) -> None:
        """To the copy: the export (library only) or the USB kit (program + library) for the drive."""
        if not self.can_go(self.mode()):
            return  # never a step that cannot succeed
        if self.job is not None:
            self.write_layout.removeWidget(self.job)
            self.job.deleteLater()
        if self.mode() == LIBRARY:
            from ui.exportdialog import ExportDialog

            job = ExportDialog(self.library, self.tasks, self.write_page)
        else:
            from ui.usbkitdialog import UsbKitDialog

            job = UsbKitDialog(self.library, self.tasks, self.write_page)
            if self.program is not None:
                job.choose_program(self.program)
        job.setWindowFlags(Qt.Widget)  # a page of the wizard, not a window of its own
        job.close_button.hide()  # the wizard's own Close
        job.written.connect(self._written)
        self.job = job
        self.write_layout.addWidget(job)
        job.show()  # added to a page already shown: shown by hand
        self.pages.setCurrentWidget(self.write_page)
        self.back_button.show()
        self._update_choice()

    def go_back(self) -> None:
        if self.job is not None and self.job.task is not None:
            return  # a copy is running: Cancel first
        self.pages.setCurrentIndex(0)
        self.back_button.hide()
        self.refresh()  # videos may have arrived meanwhile
        self._update_choice()

    def _written(self, report: ExportReport | UsbKitReport) -> None:
        self.report = report
        self._show_done(report)
        self.pages.setCurrentIndex(2)
        self.back_button.hide()

    def _show_done(self, _report: object) -> None:
        drive = self.job.target_name() if self.job is not None else ""
        self.done_label.setText(self.job.status_label.text() if self.job is not None else "")
        self.remove_label.setText(self.tr("Now click “Safely Remove Hardware” (the USB icon next to the clock), "
                                          "choose %1, and pull the drive out when Windows says it is safe.")
                                  .replace("%1", drive))

    def reject(self) -> None:
        """Closing during a copy cancels it first (the copy's own dialog closes when it has stopped)."""
        if self.job is not None and self.job.task is not None:
            self.job.rejected.connect(self.reject)
            self.job.reject()
            return
        super().reject()
