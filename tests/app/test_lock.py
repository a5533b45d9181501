"""A second app on the same library folder is refused, in another process too; the lock dies with its owner."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import LibraryLockedError
from app.lock import InstanceLock
from tests.conftest import ROOT

HOLD = "import sys, time; from app.lock import InstanceLock; InstanceLock(__import__('pathlib').Path(sys.argv[1]))" \
       ".acquire(); print('locked', flush=True); time.sleep(60)"


def test_second_lock_is_refused_and_released(tmp_path: Path) -> None:
    path = tmp_path / "kitepkana.lock"
    with InstanceLock(path), pytest.raises(LibraryLockedError, match="already open"):
        InstanceLock(path).acquire()
    InstanceLock(path).acquire().release()


def test_lock_held_by_another_process_goes_away_when_it_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "kitepkana.lock"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(LibraryLockedError):
            InstanceLock(path).acquire()
    finally:
        proc.kill()
        proc.wait()
    InstanceLock(path).acquire().release()


def test_exclusive_library_refuses_a_second_window(tmp_path: Path) -> None:
    from app.library import Library

    with Library.open(tmp_path / "lib", exclusive=True):
        with pytest.raises(LibraryLockedError):
            Library.open(tmp_path / "lib", exclusive=True)
        with Library.open(tmp_path / "lib") as reader:  # the CLI may still read alongside
            assert reader.is_empty()
    Library.open(tmp_path / "lib", exclusive=True).close()


def test_a_start_waits_briefly_for_a_lock_its_dying_owner_still_holds(tmp_path: Path) -> None:
    # Windows releases a killed process's locks late: a start retries for a moment instead of refusing at once
    path = tmp_path / "kitepkana.lock"
    release_soon = HOLD.replace("time.sleep(60)", "time.sleep(0.4)")
    proc = subprocess.Popen([sys.executable, "-c", release_soon, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        InstanceLock(path).acquire().release()
    finally:
        proc.kill()
        proc.wait()
