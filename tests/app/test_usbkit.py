"""The USB kit: a synced library and an installer go onto a "drive" (a folder); a fresh library then updates
from the drive alone; the READMEs are there in three languages; a drive too small is refused before anything
is written."""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py are parameters here

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.kitcheck import CHECKSUM_NAME, SIGNED_NAME, SIGNED_SIG_NAME, verify_kit
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
from sync import signing
from sync.client import SyncOptions, run_sync
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME
from sync.publisher import publish
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
    # no temporary leftovers: the first kit's files as they were
    assert sorted(p.name for p in (drive / PROGRAM_FOLDER).iterdir()) == [CHECKSUM_NAME, installer.name]


# --- the program check -----------------------------------------------------------------------------------


@pytest.fixture
def vouching(synced: Library, small_feed: Path, installer: Path, keys, tmp_path: Path) -> Library:
    """The synced library after the publisher listed ``installer`` in the signed feed (publish --program)."""
    feed = tmp_path / "portal"
    shutil.copytree(small_feed, feed)
    publish(small_feed.parent / "authoring", feed, keys.private, programs=[installer])
    assert run_sync(synced, str(feed), SyncOptions(extra_keys=(keys.public,))).status in ("ok", "unchanged")
    return synced


def readme(drive: Path, lang: str) -> str:
    return (drive / f"kitepkana-README-{lang}.txt").read_bytes().decode("utf-8-sig")


def test_a_vouched_program_carries_the_signed_list_and_verifies(vouching: Library, installer: Path, keys,
                                                                tmp_path: Path) -> None:
    trusted = [signing.load_public(keys.public)]
    drive = tmp_path / "USB"
    report = write_usb_kit(vouching, drive, installer=installer, program_keys=trusted)

    sha = hashlib.sha256(installer.read_bytes()).hexdigest()
    folder = drive / PROGRAM_FOLDER
    assert [(f.path, f.vouched) for f in report.program] == [(f"{PROGRAM_FOLDER}/{installer.name}", True)]
    assert report.signed_by == "small-feed"
    assert (folder / CHECKSUM_NAME).read_text(encoding="ascii") == f"{sha} *{installer.name}\n"
    kept = vouching.paths.data / "feeds" / "small-feed"
    assert (folder / SIGNED_NAME).read_bytes() == (kept / MANIFEST_NAME).read_bytes()  # the portal's bytes
    assert (folder / SIGNED_SIG_NAME).read_bytes() == (kept / SIGNATURE_NAME).read_bytes()
    assert "The portal's signature vouches for: " + installer.name in readme(drive, "en")
    assert "usb-kit --verify" in readme(drive, "ru") and "Не проверено" not in readme(drive, "ru")

    check = verify_kit(drive, trusted=trusted)  # the receiving PC
    assert check.ok and check.feed_id == "small-feed" and [(c.status, c.sha256) for c in check.files] == [
        ("checked", sha)]
    # the list proves nothing to a PC that does not hold the portal's key (here: the bundled one)
    assert not verify_kit(drive).ok and "not signed with the portal's key" in verify_kit(drive).problem
    assert main(["usb-kit", str(drive), "--verify"]) == 1

    copied = folder / installer.name
    copied.write_bytes(copied.read_bytes()[:-1] + b"!")  # someone swapped a byte
    check = verify_kit(drive, trusted=trusted)
    assert not check.ok and check.files[0].status == "altered"
    forged = hashlib.sha256(copied.read_bytes()).hexdigest()  # ... and wrote its hash into the signed list
    (folder / SIGNED_NAME).write_bytes((folder / SIGNED_NAME).read_bytes().replace(sha.encode(), forged.encode()))
    check = verify_kit(drive, trusted=trusted)
    assert not check.ok and "not valid" in check.problem and check.files[0].status == "not_listed"
    write_usb_kit(vouching, drive, installer=installer, program_keys=trusted)  # the kit made again: whole
    (folder / "extra-setup.exe").write_bytes(b"MZ something else")
    assert {c.path.rsplit("/", 1)[-1]: c.status for c in verify_kit(drive, trusted=trusted).files} == {
        installer.name: "checked", "extra-setup.exe": "not_listed"}
    assert not verify_kit(drive, trusted=trusted).ok


def test_an_unvouched_program_is_said_plainly_not_to_be_checked(vouching: Library, installer: Path, keys,
                                                                tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    trusted = [signing.load_public(keys.public)]
    drive = tmp_path / "USB"
    write_usb_kit(vouching, drive, installer=installer, program_keys=trusted)  # a vouched kit first
    newer = installer.with_name("kitepkana-0.2.0-setup.exe")
    newer.write_bytes(installer.read_bytes() + b"not published")
    report = write_usb_kit(vouching, drive, installer=newer, program_keys=trusted)

    folder = drive / PROGRAM_FOLDER
    assert [f.vouched for f in report.program] == [False] and report.signed_by is None
    assert sorted(p.name for p in folder.iterdir()) == [CHECKSUM_NAME, newer.name]  # no old list, no old program
    sha = hashlib.sha256(newer.read_bytes()).hexdigest()
    assert (folder / CHECKSUM_NAME).read_text(encoding="ascii") == f"{sha} *{newer.name}\n"
    for lang, words, claim in (("en", "Not checked: ", "vouches"), ("ru", "Не проверено: ", "Подпись портала подтверждает"),
                               ("ky", "Текшерилген жок: ", "чын экенин ырастайт")):
        text = readme(drive, lang)
        assert words + newer.name in text and claim not in text and "--verify" not in text
    check = verify_kit(drive, trusted=trusted)
    assert not check.ok and check.files[0].status == "not_listed" and "no list" in check.problem

    assert main(["usb-kit", str(drive), "--verify"]) == 1  # what the receiving PC's command line says
    out = capsys.readouterr().out
    assert f"{newer.name}: could not be checked" in out and sha in out
