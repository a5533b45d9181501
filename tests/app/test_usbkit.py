"""The USB kit: a synced library and an installer go onto a "drive" (a folder); a fresh library then updates
from the drive alone; the READMEs are there in three languages; a drive too small is refused before anything
is written."""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py are parameters here

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.library import Library
from app.usbkit import (
    FEED_FOLDER,
    PROGRAM_FOLDER,
    UsbKitError,
    check_space,
    fat32_name,
    find_program_files,
    readme_text,
    write_usb_kit,
)
from sync.client import SyncOptions, run_sync
from sync.feedformat import MANIFEST_NAME
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture


@pytest.fixture
def installer(tmp_path: Path) -> Path:
    path = tmp_path / "build" / f"kitepkana-{__version__}-setup.exe"
    path.parent.mkdir()
    path.write_bytes(b"MZ" + bytes(range(256)) * 4000)  # a stand-in of ~1 MB
    return path


def test_kit_carries_program_library_and_readmes(synced: Library, installer: Path, keys, tmp_path: Path) -> None:
    drive = tmp_path / "USB"
    drive.mkdir()
    steps: list[tuple[int, int]] = []
    report = write_usb_kit(synced, drive, installer=installer, progress=lambda d, t, _m: steps.append((d, t)))

    copied = drive / PROGRAM_FOLDER / installer.name
    assert copied.read_bytes() == installer.read_bytes()
    assert [(f.path, f.sha256) for f in report.program] == [
        (f"{PROGRAM_FOLDER}/{installer.name}", hashlib.sha256(installer.read_bytes()).hexdigest())]
    assert (drive / FEED_FOLDER / MANIFEST_NAME).is_file() and report.feed["seq"] >= 1
    assert [d for d, _t in steps] == sorted(d for d, _t in steps) and steps[-1][0] == steps[-1][1]

    for lang, words in (("ky", "Китепкананы жаңыртуу"), ("ru", "Обновить библиотеку"), ("en", "Update library")):
        readme = drive / f"kitepkana-README-{lang}.txt"
        raw = readme.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Notepad on old Windows reads it right
        text = raw.decode("utf-8-sig")
        assert words in text and installer.name in text and FEED_FOLDER in text and __version__ in text
    assert report.readmes == [f"kitepkana-README-{lang}.txt" for lang in ("ky", "ru", "en")]

    # another PC: a fresh library updates from the drive alone, the publisher's signature checked
    with Library.open(tmp_path / "other-pc") as other:
        got = run_sync(other, str(drive / FEED_FOLDER), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
        assert got.status == "ok"
        assert [i.id for i in other.list_items()] == [i.id for i in synced.list_items()]
        assert other.check().ok

    # again onto the same drive: what is there and right is kept
    again = write_usb_kit(synced, drive, installer=installer)
    assert again.program == report.program


def test_a_drive_too_small_is_refused_before_writing(synced: Library, installer: Path, tmp_path: Path) -> None:
    drive = tmp_path / "tiny"
    with pytest.raises(UsbKitError) as refused:
        write_usb_kit(synced, drive, installer=installer, free_space=lambda _p: 2 * 1024**2)
    assert refused.value.code == "no_space" and refused.value.free == 2 * 1024**2
    assert refused.value.need > installer.stat().st_size and "MB" in str(refused.value)
    assert not drive.exists()  # nothing was written


def test_space_check_and_names() -> None:
    check_space(10, 10 + 2 * 1024**2, Path("E:/"))
    with pytest.raises(UsbKitError) as e:
        check_space(10 * 1024**2, 10 * 1024**2, Path("E:/"))
    assert e.value.code == "no_space"
    assert fat32_name('kitepkana: 1.0?.zip') == "kitepkana- 1.0-.zip"
    assert fat32_name("CON.exe") == "_CON.exe"


def test_program_files_are_found_in_the_kit_folder(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    assert find_program_files([kit]) == (None, None)
    (kit / "kitepkana-0.1.0-setup.exe").write_bytes(b"x")
    (kit / "kitepkana-0.1.0-windows-x64.zip").write_bytes(b"y")
    (kit / "notes.zip").write_bytes(b"z")
    assert find_program_files([tmp_path / "missing", kit]) == (kit / "kitepkana-0.1.0-setup.exe",
                                                               kit / "kitepkana-0.1.0-windows-x64.zip")


def test_readme_without_program_or_library_says_so() -> None:
    text = readme_text("ru", program=[], feed=False)
    assert "Программы на этой флешке нет" in text and "Копии библиотеки" in text


def test_cli_usb_kit(synced: Library, installer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = synced.paths.data
    synced.close()  # the CLI opens the library itself
    drive = tmp_path / "stick"
    assert main(["usb-kit", str(drive), "--installer", str(installer), "--data-dir", str(data_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["program"][0]["path"] == f"{PROGRAM_FOLDER}/{installer.name}"
    assert (drive / FEED_FOLDER / MANIFEST_NAME).is_file()


def test_nothing_to_copy_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsbKitError) as e:
        write_usb_kit(None, tmp_path / "stick", find=False)
    assert e.value.code == "nothing_to_copy"
    with pytest.raises(UsbKitError) as e:
        write_usb_kit(None, tmp_path / "stick", installer=tmp_path / "gone.exe")
    assert e.value.code == "source_missing"


def test_a_cancelled_kit_leaves_no_readme_and_no_half_file(synced: Library, installer: Path, tmp_path: Path) -> None:
    from app.errors import CancelledError

    drive = tmp_path / "stick"
    write_usb_kit(synced, drive, installer=installer)
    newer = installer.with_name("kitepkana-0.2.0-setup.exe")
    newer.write_bytes(installer.read_bytes() + b"new")
    with pytest.raises(CancelledError):
        write_usb_kit(synced, drive, installer=newer, cancelled=lambda: True)
    assert not list(drive.glob("kitepkana-README-*"))  # the drive does not look like a whole kit
    assert [p.name for p in (drive / PROGRAM_FOLDER).iterdir()] == [installer.name]  # no temporary leftovers
