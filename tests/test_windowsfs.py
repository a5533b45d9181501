"""The Windows file-system mode itself (tests/windowsfs.py): open files block renames and deletes, names fold case."""

import mmap
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import fsutil
from tests import windowsfs

pytestmark = pytest.mark.skipif(not windowsfs.available(), reason="the mode reads /proc/self/fd")


@pytest.fixture
def winfs(tmp_path: Path):
    with windowsfs.windows_fs(case_root=str(tmp_path)):
        yield tmp_path


def _is_sharing_violation(exc: pytest.ExceptionInfo) -> bool:
    return isinstance(exc.value, PermissionError) and exc.value.winerror == 32


def test_rename_replace_unlink_of_an_open_file_fail_like_windows(winfs: Path):
    path = winfs / "feed.json"
    path.write_text("{}")
    other = winfs / "other.json"
    other.write_text("[]")
    with open(path, encoding="utf-8"):
        for action in (lambda: os.rename(path, winfs / "moved.json"), lambda: path.replace(winfs / "moved.json"),
                       lambda: other.replace(path), path.unlink, lambda: os.remove(path)):
            with pytest.raises(PermissionError) as exc:
                action()
            assert _is_sharing_violation(exc)
    assert path.read_text() == "{}" and other.exists()


def test_closed_files_move_freely(winfs: Path):
    path = winfs / "a.txt"
    path.write_text("x")
    with open(path, encoding="utf-8") as f:
        f.read()
    path.replace(winfs / "b.txt")
    (winfs / "b.txt").unlink()
    assert not list(winfs.iterdir())


def test_os_open_fdopen_and_mmap_hold_the_file_until_closed(winfs: Path):
    path = winfs / "data.bin"
    path.write_bytes(b"0123456789")
    fd = os.open(path, os.O_RDONLY)
    with pytest.raises(PermissionError):
        path.unlink()
    os.close(fd)
    with os.fdopen(os.open(path, os.O_RDWR), "r+b") as f:
        with pytest.raises(PermissionError):
            path.rename(winfs / "x.bin")
        mapped = mmap.mmap(f.fileno(), 0)
    with pytest.raises(PermissionError):  # the file object is closed, the mapping still holds the file
        path.unlink()
    mapped.close()
    path.unlink()


def test_a_folder_with_an_open_file_cannot_be_renamed_or_removed(winfs: Path):
    folder = winfs / "index"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.seg", "b.seg"):
        (folder / "sub" / name).write_bytes(b"x")
    with open(folder / "sub" / "b.seg", "rb"):
        with pytest.raises(PermissionError) as exc:
            folder.rename(winfs / "index.old")
        assert _is_sharing_violation(exc)
        with pytest.raises(PermissionError):
            shutil.rmtree(folder)
        # Like Windows, rmtree deleted what was not open and stopped at the open file
        assert not (folder / "sub" / "a.seg").exists() and (folder / "sub" / "b.seg").exists()
    shutil.rmtree(folder)
    assert not folder.exists()


def test_fsutil_replace_retries_then_reports_the_sharing_violation(winfs: Path):
    target = winfs / "settings.json"
    target.write_text("old")
    (winfs / "new.json").write_text("new")
    with open(target, encoding="utf-8"), pytest.raises(PermissionError):
        fsutil.replace(winfs / "new.json", target, attempts=2, delay=0.001)
    fsutil.replace(winfs / "new.json", target)
    assert target.read_text() == "new"


def test_sqlite_holds_its_database_until_the_connection_closes(winfs: Path):
    db = winfs / "library.sqlite"
    con = sqlite3.connect(db)
    con.execute("create table t (x)")
    con.commit()
    with pytest.raises(PermissionError):
        db.replace(winfs / "backup.sqlite")
    con.close()
    db.replace(winfs / "backup.sqlite")


def test_a_file_another_process_of_the_run_holds_cannot_be_deleted(winfs: Path):
    # the app holding its index open while a `kitepkana reindex` swaps it, or Whoosh's workers their segments
    path = winfs / "_MAIN_1.toc"
    path.write_bytes(b"x")
    hold = "import sys, time; f = open(sys.argv[1], 'rb'); print('ready', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(PermissionError):
            path.unlink()
    finally:
        holder.kill()
        holder.wait()
    path.unlink()


def test_rename_onto_an_existing_name_fails_replace_replaces(winfs: Path):
    (winfs / "a").write_text("a")
    (winfs / "b").write_text("b")
    with pytest.raises(FileExistsError) as exc:
        os.rename(winfs / "a", winfs / "b")
    assert exc.value.winerror == 183
    os.replace(winfs / "a", winfs / "b")
    assert (winfs / "b").read_text() == "a"


def test_names_are_case_insensitive(winfs: Path):
    (winfs / "feed.json").write_text("lower")
    assert (winfs / "Feed.json").exists()
    assert (winfs / "FEED.JSON").read_text() == "lower"
    (winfs / "Feed.json").write_text("upper")  # the same file, not a second one
    assert os.listdir(winfs) == ["feed.json"]
    assert (winfs / "feed.json").read_text() == "upper"
    with pytest.raises(FileExistsError):
        (winfs / "FEED.json").touch(exist_ok=False)
    (winfs / "media").mkdir()
    with pytest.raises(FileExistsError):
        (winfs / "Media").mkdir()
    (winfs / "new.tmp").write_text("new")
    os.replace(winfs / "new.tmp", winfs / "FEED.json")
    assert set(os.listdir(winfs)) == {"FEED.json", "media"}
    os.rename(winfs / "FEED.json", winfs / "feed.json")  # only the letter case changes: allowed
    assert "feed.json" in os.listdir(winfs)


def test_the_mode_is_off_again_afterwards(tmp_path: Path):
    if windowsfs.active():
        pytest.skip("the whole run is in the Windows mode")
    path = tmp_path / "f"
    path.write_text("x")
    with open(path, encoding="utf-8"):
        path.rename(tmp_path / "g")  # Linux allows it
    assert os.rename is not windowsfs._rename
