"""The USB lists on Windows, from faked drive types: removable drives first, network drives last, each named by
its label and letter; a second hard disk or a network drive is never selected for the user."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.library import Library
from ui import drivejob
from ui.drives import Volume, scan_volumes
from ui.exportdialog import ExportDialog
from ui.tasks import TaskManager

TIMEOUT = 60_000
KINDS = {"C:\\": "fixed", "D:\\": "fixed", "E:\\": "removable", "F:\\": "removable", "Z:\\": "network"}
LABELS = {"C:\\": "Windows", "D:\\": "DATA", "E:\\": "KINGSTON", "F:\\": "", "Z:\\": "Shared"}
GB = 1024**3


class FakeDrive:
    """What QStorageInfo tells about one Windows drive letter (Qt's, not our layer: faked for the drive types)."""

    def __init__(self, root: str) -> None:
        self.root = root

    def isValid(self) -> bool:
        return True

    def isReady(self) -> bool:
        return True

    def rootPath(self) -> str:
        return self.root

    def name(self) -> str:
        return LABELS[self.root]

    def fileSystemType(self) -> bytes:
        return b"NTFS"

    def bytesAvailable(self) -> int:
        return (ord(self.root[0]) - 60) * GB

    def bytesTotal(self) -> int:
        return 64 * GB

    def isReadOnly(self) -> bool:
        return False


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("SystemDrive", "C:")


def scan(letters: list[str]) -> list[Volume]:
    return scan_volumes(mounted=[FakeDrive(r) for r in letters], kind_of=lambda root: KINDS[str(root)])


def test_removable_first_network_last_named_by_label_and_letter(windows) -> None:
    found = scan(["C:\\", "D:\\", "E:\\", "F:\\", "Z:\\"])
    assert [str(v.root) for v in found] == ["E:\\", "F:\\", "D:\\", "Z:\\"]  # never the system drive
    assert [v.name for v in found] == ["KINGSTON (E:)", "F:\\", "DATA (D:)", "Shared (Z:)"]
    assert [v.kind for v in found] == ["removable", "removable", "fixed", "network"]
    assert [v.preselect for v in found] == [True, True, False, False]
    assert found[0].free == 9 * GB  # free space per drive


def _export_dialog(qtbot, library: Library, tasks: TaskManager, monkeypatch, letters: list[str]) -> ExportDialog:
    monkeypatch.setattr(drivejob, "scan_volumes", lambda extra=(): scan(letters) + list(extra))
    dialog = ExportDialog(library, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.volumes != [] and not tasks.busy(), timeout=TIMEOUT)
    return dialog


def test_a_usb_stick_is_selected_before_a_second_disk(qtbot, sample_library: Library, tasks, monkeypatch,
                                                      windows) -> None:
    dialog = _export_dialog(qtbot, sample_library, tasks, monkeypatch, ["D:\\", "Z:\\", "E:\\"])
    assert dialog.target() == Path("E:\\")
    assert dialog.target_combo.currentText().startswith("Drive KINGSTON (E:)")


def test_only_a_fixed_disk_and_a_share_select_nothing(qtbot, sample_library: Library, tasks, monkeypatch,
                                                     windows) -> None:
    dialog = _export_dialog(qtbot, sample_library, tasks, monkeypatch, ["D:\\", "Z:\\"])
    assert dialog.target() is None and not dialog.copy_button.isEnabled()
    assert dialog.target_combo.count() == 3  # "choose a drive", then the disk and the share to pick knowingly
    dialog.target_combo.setCurrentIndex(1)
    assert dialog.target() == Path("D:\\")
