"""`kitepkana` on a machine where Qt cannot load (a bare Debian/Ubuntu without Qt's system libraries): one plain
paragraph naming the library and the apt-get line, no traceback, and the commands still work.

Qt really fails to load here: the child process finds a damaged copy of the library first (LD_LIBRARY_PATH), so
the dynamic loader refuses it exactly as it refuses a missing one, and PySide6's import raises ImportError.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.qtcheck import missing_library, package_for, qt_missing_message

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the dynamic loader of Linux")


def run_app(tmp_path: Path, *args: str, hide: str) -> subprocess.CompletedProcess:
    libs = tmp_path / "libs"
    libs.mkdir(exist_ok=True)
    (libs / hide).write_bytes(b"")  # the loader takes it before the system's copy, and cannot use it
    env = {**os.environ, "LD_LIBRARY_PATH": str(libs), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), *args], check=False, env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)


@pytest.mark.parametrize(("library", "package"), [("libglib-2.0.so.0", "libglib2.0-0"), ("libEGL.so.1", "libegl1"),
                                                  ("libxkbcommon.so.0", "libxkbcommon0")])
def test_without_a_qt_library_the_app_says_which_and_how_to_install_it(tmp_path: Path, library: str,
                                                                       package: str) -> None:
    done = run_app(tmp_path, hide=library)
    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert library in done.stderr
    line = next(s.strip() for s in done.stderr.splitlines() if "apt-get install" in s)
    assert line.startswith(f"sudo apt-get install {package} ")  # the missing one first, then the rest Qt needs
    assert {"libglib2.0-0", "libegl1", "libxkbcommon0", "libgl1"} <= set(line.split()[3:])
    assert not (tmp_path / "data").exists()  # nothing was started


def test_the_commands_work_without_qt(tmp_path: Path) -> None:
    done = run_app(tmp_path, "--version", hide="libglib-2.0.so.0")
    assert done.returncode == 0, done.stderr


def test_the_library_named_in_the_loaders_words() -> None:
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    assert missing_library(error) == "libEGL.so.1" and package_for("libEGL.so.1") == "libegl1"
    nested = ImportError("/x/PySide6/QtGui.abi3.so: libxkbcommon.so.0: cannot open shared object file")
    assert missing_library(nested) == "libxkbcommon.so.0"
    unknown = qt_missing_message(ImportError("libfoo-9.so.3: cannot open shared object file"))
    assert "apt-file search libfoo-9.so" in unknown
    assert qt_missing_message(ImportError("No module named 'PySide6'")) is None  # not ours to explain
