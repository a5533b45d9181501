"""Help → Save a problem report…: the zip of ``app/report.py`` (versions, settings without the PIN, check, the
last updates, the log; no notes), written in the background to a place the librarian picks, then plain words on
where to send it. Behind the librarian PIN in visitor mode (a file dialog)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QStandardPaths, qVersion
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ui.kiosk import librarian_allows
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.mainwindow import MainWindow


def default_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / f"kitepkana-problem-report-{dt.date.today():%Y-%m-%d}.zip"


def save_problem_report(window: MainWindow, target: Path | None = None) -> bool:
    """Ask where (unless ``target`` is given), then write the report on the read queue. False if not started."""
    library, tasks = window.library, window.tasks
    if library is None or not librarian_allows(window):  # (no library: it could not be opened)
        return False
    if target is None:
        title = QCoreApplication.translate("ProblemReport", "Save a problem report")
        name, _ = QFileDialog.getSaveFileName(window, title, str(default_path()),
                                              QCoreApplication.translate("ProblemReport", "Zip files (*.zip)"))
        if not name:
            return False
        target = Path(name)
    extra = {"Qt": qVersion(), "PySide6 (running)": pyside_version}

    def saved(path: Path) -> None:
        text = QCoreApplication.translate(
            "ProblemReport", "The problem report was saved as:\n%1\n\nSend this file to the person who supports your "
            "library (by e-mail, or copied onto a USB drive), with a few words about what happened and when. It holds "
            "no notes, bookmarks or reading history.")
        QMessageBox.information(window, QCoreApplication.translate("ProblemReport", "Problem report saved"),
                                text.replace("%1", str(path)))

    def failed(error: BaseException) -> None:
        text = QCoreApplication.translate("ProblemReport", "The problem report could not be saved: %1")
        QMessageBox.warning(window, QCoreApplication.translate("ProblemReport", "Save a problem report"),
                            text.replace("%1", str(error)))

    tasks.run(lambda _task: library_report(library, target, extra), queue=Queue.READ, name="problem report",
              on_done=saved, on_error=failed)
    return True


def library_report(library: Library, target: Path, extra: dict[str, str]) -> Path:
    from app.report import write_report

    return write_report(library, target, extra_versions=extra)
