"""The USB wizard: "Library only" or "Program + library", never a step that cannot succeed (no program file on
this computer, no library to pass on), the waiting videos offered first, the copy into a folder standing in for a
USB stick, and at the end "Safely Remove" with the drive's name — no path anywhere in the flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from app.library import Library
from tests.ui.conftest import run_job
from ui.exportdialog import ExportDialog
from ui.usbkitdialog import UsbKitDialog
from ui.usbwizard import LIBRARY, PROGRAM, UsbWizard

TIMEOUT = 60_000


def open_wizard(qtbot, library: Library, tasks, kit_dirs: list[Path], mode: str = LIBRARY) -> UsbWizard:
    wizard = UsbWizard(library, tasks, mode=mode, kit_dirs=kit_dirs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.survey is not None and not tasks.busy(), timeout=TIMEOUT)
    return wizard


@pytest.fixture
def no_kit(tmp_path: Path) -> list[Path]:
    """Where program files are looked for: an empty folder (a PC without the installer)."""
    folder = tmp_path / "kit"
    folder.mkdir()
    return [folder]


def test_without_a_program_file_only_the_library_can_go_and_it_ends_with_safely_remove(
        qtbot, lib: Library, tasks, no_kit: list[Path], tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, lib, tasks, no_kit, mode=PROGRAM)
    # "Program + library" cannot succeed: not offered, and the wizard says where to get the program
    assert not wizard.program_radio.isEnabled() and not wizard.can_go(PROGRAM)
    assert "portal's download page" in wizard.program_note.text()
    assert wizard.mode() == LIBRARY and wizard.next_button.isEnabled()
    wizard.program_radio.setChecked(True)  # even forced, the wizard falls back to the choice that can succeed
    assert wizard.mode() == LIBRARY
    # the six videos of the lessons are not here: offered first
    assert wizard.videos_box.isVisible() and "6 videos" in wizard.videos_label.text()
    with qtbot.waitSignal(wizard.download_videos, timeout=1000):
        qtbot.mouseClick(wizard.videos_button, Qt.LeftButton)

    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    job = wizard.job
    assert isinstance(job, ExportDialog) and wizard.pages.currentWidget() is wizard.write_page
    assert job.isVisible() and job.copy_button.isVisible() and not job.close_button.isVisible()
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    job.choose_folder(stick)
    qtbot.waitUntil(lambda: job.measure is not None and not tasks.busy(), timeout=TIMEOUT)
    assert str(tmp_path) not in job.target_combo.currentText()
    run_job(qtbot, job, job.copy_button, TIMEOUT)
    assert wizard.pages.currentIndex() == 2 and wizard.report is not None
    assert "Safely Remove" in wizard.remove_label.text() and "KINGSTON" in wizard.remove_label.text()
    shown = wizard.done_label.text() + wizard.remove_label.text()
    assert "another computer can now update from this drive" in shown and str(tmp_path) not in shown
    QCoreApplication.sendEvent(wizard, QEvent(QEvent.LanguageChange))
    assert wizard.done_label.text() + wizard.remove_label.text() == shown


def test_a_program_file_the_user_has_makes_program_plus_library_possible(qtbot, lib: Library, tasks,
                                                                        no_kit: list[Path], tmp_path: Path) -> None:
    installer = tmp_path / "kitepkana-0.1.0-setup.exe"
    installer.write_bytes(b"MZ" + b"\0" * 1000)
    wizard = open_wizard(qtbot, lib, tasks, no_kit, mode=PROGRAM)
    wizard.choose_program(installer)
    assert wizard.program_radio.isEnabled() and wizard.mode() == PROGRAM and wizard.next_button.isEnabled()
    assert installer.name in wizard.program_note.text()
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton)
    assert isinstance(wizard.job, UsbKitDialog) and wizard.job.program[0] == installer


def test_a_library_never_updated_and_no_program_leave_nothing_to_start(qtbot, sample_library: Library, tasks,
                                                                       no_kit: list[Path]) -> None:
    wizard = open_wizard(qtbot, sample_library, tasks, no_kit)
    assert not wizard.library_radio.isEnabled() and not wizard.program_radio.isEnabled()
    assert not wizard.next_button.isEnabled() and wizard.library_note.isVisible()
    wizard.go_on()
    assert wizard.job is None


def test_both_usb_entries_of_the_window_open_the_one_wizard(qtbot, sample_dir: Path) -> None:
    from tests.ui.test_window import open_window

    window = open_window(qtbot, sample_dir)
    wizard = window.views.dialog("usbkit")  # "Make a USB kit…": program + library first
    assert isinstance(wizard, UsbWizard) and wizard.program_radio.isChecked()
    assert window.views.dialog("export") is wizard  # "Copy library to a USB drive…": the same window, not two
    qtbot.waitUntil(lambda: wizard.survey is not None and not window.tasks.busy(), timeout=TIMEOUT)
    wizard.close()
    window.close()
