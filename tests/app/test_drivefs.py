"""Drive facts for the USB lists and the USB kit: the 4 GB limit only on FAT32, drive kinds in a useful order."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import drivefs
from app.usbkit import UsbKitError, write_usb_kit


@pytest.fixture
def big_installer(tmp_path: Path) -> Path:
    path = tmp_path / "build" / "kitepkana-setup.exe"
    path.parent.mkdir()
    with open(path, "wb") as f:
        f.truncate(4 * 1024**3 + 1)  # sparse: 4 GB + 1 byte on the file system's word, nothing written
    return path


@pytest.mark.parametrize("fs", ["FAT32", "vfat", "FAT"])
def test_a_file_over_4gb_is_refused_on_fat32(big_installer: Path, tmp_path: Path, fs: str) -> None:
    with pytest.raises(UsbKitError) as refused:
        write_usb_kit(None, tmp_path / "usb", installer=big_installer, file_system=lambda _p: fs)
    assert refused.value.code == "file_too_big"


@pytest.mark.parametrize("fs", ["exFAT", "NTFS", "ext4", ""])
def test_a_file_over_4gb_passes_the_size_check_on_exfat_and_ntfs(big_installer: Path, tmp_path: Path,
                                                                 fs: str) -> None:
    # The next check (space) refuses: proof that the 4 GB check let it through, without copying 4 GB
    with pytest.raises(UsbKitError) as refused:
        write_usb_kit(None, tmp_path / "usb", installer=big_installer, file_system=lambda _p: fs,
                      free_space=lambda _p: 1024**2)
    assert refused.value.code == "no_space"


def test_the_file_system_of_a_real_folder_is_read(tmp_path: Path) -> None:
    assert drivefs.file_system(tmp_path) != ""
    assert drivefs.drive_kind(tmp_path) in drivefs.KIND_ORDER


def test_removable_drives_come_first_and_shares_last() -> None:
    kinds = ["network", "fixed", "removable", "cdrom", "unknown"]
    assert sorted(kinds, key=drivefs.kind_rank) == ["removable", "fixed", "cdrom", "unknown", "network"]
    assert drivefs.WINDOWS_DRIVE_TYPES[2] == "removable" and drivefs.WINDOWS_DRIVE_TYPES[4] == "network"
