"""Shared test set-up. Qt must run offscreen (without a display pytest would abort with no message)."""

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
