"""The "Copy library to a USB drive" dialog: write this library as a feed onto a drive, so another PC can
update from that drive alone (the portal's signature travels with it and is still checked there).

It runs ``sync.export.export_feed`` on the task manager's "job" queue. The export only reads the database,
but it copies the feed files this PC keeps (``feeds/<id>/``), which a running update replaces and prunes; the
one-thread "job" queue, where updates run too, makes the two take turns instead of racing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ui.drivejob import DriveJobDialog
from ui.drives import export_folder, format_size
from ui.syncwords import error_text
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library


def _measure(library: Library, target: Path) -> dict:
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


class ExportDialog(DriveJobDialog):
    """Pick a drive (or a folder), see the space needed and free, copy, and see that it worked."""

    KEY = "export"
    SIZE = (600, 300)
    _target_in = staticmethod(export_folder)  # a drive's root gets a kitepkana-feed folder

    def _build(self) -> None:
        super()._build()
        self.copy_button = self.start_button

    def _texts(self) -> dict[str, str]:
        return {
            "title": self.tr("Copy library to a USB drive"),
            "intro": self.tr("Copy this library onto a USB drive. Another computer can then update its library "
                             "from the drive, without internet."),
            "target": self.tr("Copy &to:"),
            "target_name": self.tr("Drive or folder to copy to"),
            "choose": self.tr("C&hoose folder…"),
            "choose_name": self.tr("Choose a folder to copy to"),
            "rescan": self.tr("&Look for USB drives"),
            "rescan_name": self.tr("Look for USB drives again"),
            "start": self.tr("&Copy to the drive"),
            "start_name": self.tr("Copy the library to the drive"),
            "cancel": self.tr("C&ancel copying"),
            "cancel_name": self.tr("Cancel copying"),
            "progress": self.tr("Copying progress"),
            "close": self.tr("Close"),
            "close_name": self.tr("Close this window"),
            "folder": self.tr("Folder %1"),
            "drive": self.tr("Drive %1 (%2 free)"),
            "no_drive": self.tr("No USB drive found: plug one in, or choose a folder"),
            "pick_drive": self.tr("Choose a drive (no USB drive found; these are disks of this computer)"),
            "ask_folder": self.tr("Choose the drive or folder to copy to"),
            "measuring": self.tr("Measuring…"),
            "needed": self.tr("Needed: %1. Free on the drive: %2."),
            "no_space": self.tr("There is not enough space on this drive: free some space or use a bigger one."),
            "stopping": self.tr("Stopping…"),
            "cancelled": self.tr("Copying was cancelled: the drive does not hold the new copy of the library. "
                                 "Copy again to finish it."),
            "failed": self.tr("The library was not copied."),
        }

    # --- where to -----------------------------------------------------------------------------------

    def _measure(self) -> None:
        target = self.target()
        self.measure = None
        self._show_measure()
        if target is None:
            return
        library = self.library
        self.tasks.run(lambda task: _measure(library, target), queue=Queue.READ, key=f"export-size-{id(self)}",
                       on_done=self._measured)

    def _measured_for(self, measure: dict) -> bool:
        return measure.get("target") in (None, self.target())  # a failed measure names no target

    def _show_measure(self) -> None:
        m = self.measure
        if m is None:
            self.size_label.setText(self.texts["measuring"] if self.target() is not None else "")
            return
        if "error" in m:
            self.size_label.setText(error_text(m["error"]))
            return
        text = self._space_text(m)
        if m["missing"]:
            text += " " + self.tr("%n file(s) (videos) are not on this computer and will not be copied.", "",
                                  m["missing"])
        self.size_label.setText(text)

    # --- copying ----------------------------------------------------------------------------------

    def start(self) -> None:
        from sync.export import export_feed

        target = self.target()
        if self.task is not None or target is None:
            return
        self.report, self._last_error = None, None
        library = self.library
        self._run_job(lambda task: export_feed(library, target, progress=task.progress, cancelled=task.cancelled),
                      "export", self.tr("Copying to %1…").replace("%1", self.target_name()), 100, self._show_done)

    start_export = start
    cancel_export = DriveJobDialog.cancel

    def _show_done(self, report) -> None:
        self.report = report
        self.progress_bar.setValue(self.progress_bar.maximum())
        text = self.tr("Done: another computer can now update from this drive (Update library, then choose the "
                       "drive). %1 copied to %2.").replace("%1", format_size(report.bytes)) \
            .replace("%2", self.target_name())
        if report.blobs_missing:
            text += " " + self.tr("%n file(s) (videos) were not on this computer and were not copied.", "",
                                  report.blobs_missing)
        self.status_label.setText(text)
