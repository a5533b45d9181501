"""Shared test set-up. Qt must run offscreen (without a display pytest would abort with no message).

``--windows-fs`` runs the tests with the file system acting like Windows (tests/windowsfs.py): a file or folder
still open in this process cannot be renamed or deleted, names are case-insensitive.
"""

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--windows-fs", action="store_true", default=False,
                     help="make the file system act like Windows: open files cannot be renamed or deleted "
                          "(PermissionError, winerror 32), names are case-insensitive (tests/windowsfs.py)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--windows-fs"):
        from tests import windowsfs

        windowsfs.install()


def pytest_report_header(config: pytest.Config) -> str | None:
    return "Windows file-system mode: on" if config.getoption("--windows-fs") else None


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library folder with the sample imported once per test run; tests get copies of it."""
    from app.library import Library

    folder = tmp_path_factory.mktemp("template") / "library"
    with Library.open(folder) as lib:
        lib.import_folder(SAMPLE)
    return folder


@pytest.fixture
def sample_dir(sample_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(sample_template, target)
    return target


@pytest.fixture
def sample_library(sample_dir: Path):
    from app.library import Library

    lib = Library.open(sample_dir)
    yield lib
    lib.close()
