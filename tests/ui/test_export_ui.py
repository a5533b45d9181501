"""The Copy-to-USB dialog: it shows the space needed against the free space, copies the library into a folder,
and a fresh library then updates from that folder alone (through the Update dialog, the portal's signature
checked); a library that never synced is told so in plain words; a cancelled copy leaves no feed behind."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from app.library import Library
from app.settings import Settings
from sync import feedformat
from sync.client import trust_key
from sync.export import export_size
from tests.ui.conftest import run_job
from ui.drives import format_size
from ui.exportdialog import ExportDialog
from ui.syncwords import _MESSAGES
from ui.tasks import Queue, TaskManager
from ui.update import UpdateDialog

TIMEOUT = 90_000

# lib (a library synced from the sample feed on loopback HTTP), keys and tasks: tests/ui/conftest.py


def open_export(qtbot, lib: Library, tasks: TaskManager, target: Path) -> ExportDialog:
    dialog = ExportDialog(lib, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
    assert dialog.choose_folder(target) == target  # a plain folder (not a drive's root): the copy goes there
    qtbot.waitUntil(lambda: dialog.measure is not None and not tasks.busy(), timeout=TIMEOUT)
    return dialog


def test_copy_to_a_folder_then_a_fresh_library_updates_from_it(qtbot, lib: Library, tasks, keys,
                                                              tmp_path: Path) -> None:
    stick = tmp_path / "USB stick"
    stick.mkdir()
    dialog = open_export(qtbot, lib, tasks, stick)
    need, missing = export_size(lib)
    assert dialog.measure["need"] == need and dialog.measure["missing"] == missing == 6
    text = dialog.size_label.text()
    assert f"Needed: {format_size(need)}" in text and "Free on the drive" in text and "6 file(s)" in text
    assert dialog.copy_button.isEnabled()

    values = run_job(qtbot, dialog, dialog.copy_button, TIMEOUT)
    report = dialog.report
    assert report.bytes == need  # the estimate shown before was exact
    assert "another computer can now update from this drive" in dialog.status_label.text()
    shown = (dialog.status_label.text(), dialog.size_label.text())
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.LanguageChange))
    assert (dialog.status_label.text(), dialog.size_label.text()) == shown
    assert values == sorted(values) and values[-1] == dialog.progress_bar.maximum() and len(set(values)) > 3
    assert (stick / feedformat.MANIFEST_NAME).read_bytes() == (
        lib.paths.data / "feeds" / "sample-feed" / feedformat.MANIFEST_NAME).read_bytes()

    # another PC: a fresh library, the publisher's key trusted, updates from the stick alone
    with Library.open(tmp_path / "other-pc") as other:
        trust_key(Settings(other.paths), keys.public)
        update = UpdateDialog(other, tasks)
        qtbot.addWidget(update)
        update.show()
        assert update.choose_folder(stick) and update.location() == str(stick)
        qtbot.mouseClick(update.update_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: update.trust_box.isVisible(), timeout=TIMEOUT)  # a publisher it never followed
        qtbot.mouseClick(update.trust_yes, Qt.LeftButton)
        qtbot.waitUntil(lambda: update.outcome is not None, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
        assert len(update.entries()) == len({lib.get_item(i.id).translation_group for i in lib.list_items()})
        assert [i.id for i in other.list_items()] == [i.id for i in lib.list_items()]
        assert other.check().ok


def test_a_library_that_never_synced_has_nothing_to_copy(qtbot, sample_library: Library, tasks,
                                                         tmp_path: Path) -> None:
    dialog = open_export(qtbot, sample_library, tasks, tmp_path)
    assert dialog.size_label.text() == QCoreApplication.translate("SyncErrors", _MESSAGES["nothing_to_export"])
    assert not dialog.copy_button.isEnabled()


def test_a_cancelled_copy_leaves_no_feed_on_the_drive(qtbot, lib: Library, tasks, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog = open_export(qtbot, lib, tasks, stick)
    gate = threading.Event()
    tasks.run(lambda task: gate.wait(30), queue=Queue.JOB)  # the copy waits its turn behind this
    qtbot.mouseClick(dialog.copy_button, Qt.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    assert dialog.status_label.text() == "Stopping…"
    gate.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT)
    assert dialog.report is None and "cancelled" in dialog.status_label.text()
    assert not dialog.error_label.isVisible()
    assert not (stick / feedformat.MANIFEST_NAME).exists()  # another PC finds no (half) library here
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
    # closing now works at once
    dialog.reject()
    assert not dialog.isVisible()
