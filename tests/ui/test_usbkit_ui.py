"""The USB kit dialog: it finds what goes on the drive, shows the space needed against the free space, writes
the kit into a folder with progress, and says so in plain words; a drive too small is refused before writing."""

# ruff: noqa: F811 — pytest fixtures imported from other modules are parameters here

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from app import usbkit
from app.library import Library
from sync import feedformat
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture
from tests.ui.conftest import run_job
from ui.drives import FEED_SUBFOLDER, format_size
from ui.usbkitdialog import UsbKitDialog

TIMEOUT = 60_000


@pytest.fixture
def installer(tmp_path: Path) -> Path:
    path = tmp_path / "dist" / "kitepkana-0.1.0-setup.exe"
    path.parent.mkdir()
    path.write_bytes(b"MZ" + b"\0" * 300_000)
    return path


def open_dialog(qtbot, lib: Library, tasks, target: Path, installer: Path) -> UsbKitDialog:
    dialog = UsbKitDialog(lib, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
    dialog.choose_program(installer)
    dialog.choose_folder(target)
    qtbot.waitUntil(lambda: dialog.measure is not None and not tasks.busy(), timeout=TIMEOUT)
    return dialog


def test_the_dialog_writes_a_kit_into_a_folder(qtbot, synced: Library, tasks, installer: Path,
                                               tmp_path: Path) -> None:
    assert usbkit.FEED_FOLDER == FEED_SUBFOLDER  # the kit's library is where the update dialog looks for one
    stick = tmp_path / "USB stick"
    stick.mkdir()
    dialog = open_dialog(qtbot, synced, tasks, stick, installer)
    need = usbkit.kit_size(synced, installer=installer)
    assert dialog.measure["need"] == need and dialog.measure["with_library"]
    assert installer.name in dialog.program_label.text()
    assert f"Needed: {format_size(need)}" in dialog.size_label.text()
    assert dialog.make_button.isEnabled()

    values = run_job(qtbot, dialog, dialog.make_button, TIMEOUT)
    assert (stick / usbkit.PROGRAM_FOLDER / installer.name).read_bytes() == installer.read_bytes()
    assert (stick / FEED_SUBFOLDER / feedformat.MANIFEST_NAME).is_file()
    assert all((stick / f"kitepkana-README-{lang}.txt").is_file() for lang in ("ky", "ru", "en"))
    # the drive by its name, never its path
    assert "Done:" in dialog.status_label.text() and "to USB stick and checked" in dialog.status_label.text()
    assert str(stick) not in dialog.status_label.text()
    # the feed this library follows does not list this installer: the dialog says so, as the README does
    assert f"The program could not be checked: no list signed by the portal names {installer.name}" \
        in dialog.status_label.text() and "vouches" not in dialog.status_label.text()
    assert (stick / usbkit.PROGRAM_FOLDER / "SHA256SUMS.txt").is_file()
    assert values == sorted(values) and values[-1] == dialog.progress_bar.maximum()
    shown = dialog.status_label.text()
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.LanguageChange))
    assert dialog.status_label.text() == shown


def test_a_drive_too_small_is_refused(qtbot, synced: Library, tasks, installer: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usbkit, "disk_free", lambda _path: 1000)
    dialog = open_dialog(qtbot, synced, tasks, tmp_path, installer)
    assert "not enough space" in dialog.size_label.text()
    assert not dialog.make_button.isEnabled()
