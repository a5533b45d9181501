"""Shared set-up of the UI tests (tests/conftest.py runs Qt offscreen and provides the sample library).

``tasks`` is a task manager stopped after the test; ``portal``, ``portal_template`` and ``lib`` are the sample
feed on loopback HTTP (once per module) and a fresh copy of a library synced from it (6 videos left to download).
"""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py are parameters here

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt

from app.library import Library
from sync.client import SyncOptions, run_sync
from tests.sync.conftest import keys, sample_feed_template  # noqa: F401 — fixtures
from tests.sync.httpserver import TestServer
from ui.tasks import TaskManager


@pytest.fixture
def english_locale():
    """Dates and labels in a known language, whatever the machine's own locale is (a module turns it on for all its
    tests with ``pytestmark = pytest.mark.usefixtures("english_locale")``)."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.cancel_all()
    manager.wait()


@pytest.fixture(scope="module")
def portal(sample_feed_template: Path):
    """The sample feed on loopback HTTP for the whole module."""
    with TestServer(sample_feed_template) as server:
        yield server


@pytest.fixture(scope="module")
def portal_template(tmp_path_factory: pytest.TempPathFactory, portal: TestServer, keys) -> Path:
    """A library synced from ``portal`` once per module; tests get copies of it (``lib``)."""
    folder = tmp_path_factory.mktemp("synced") / "library"
    with Library.open(folder) as lib:
        report = run_sync(lib, portal.url, SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
    assert report.videos_waiting == 6
    return folder


@pytest.fixture
def lib(portal_template: Path, tmp_path: Path, portal: TestServer):
    """A copy of the library synced from ``portal`` (the portal's faults and request log cleared), open."""
    portal.clear_faults()
    portal.clear_log()
    shutil.copytree(portal_template, tmp_path / "library")
    library = Library.open(tmp_path / "library")
    yield library
    library.close()


def run_job(qtbot, dialog, button, timeout: int) -> list[int]:
    """Click ``button`` of a drive dialog (export, USB kit), check the task runs with Cancel shown, wait until it
    has finished and made a report. Returns the values the progress bar took."""
    values: list[int] = []
    dialog.progress_bar.valueChanged.connect(values.append)
    qtbot.mouseClick(button, Qt.LeftButton)
    assert dialog.task is not None and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=timeout)
    assert dialog.report is not None, dialog.error_label.text()
    return values
