"""Videos on demand from a PC that shares its library only with an access code: the library here was updated from
that PC's reading room with the code (the Update dialog keeps it only while open), so a later download from the
Downloads view is refused. The row then says it needs the code, the box under the list asks for it once for every
file waiting for that PC, a wrong code is told in plain words, the right one downloads — and the next video from
that PC needs no second asking. The code is never kept: not in the database, the settings or the log.

The other PC is a real reading room on loopback (app.web.server.ReadingRoom) sharing a library that holds the
sample feed's videos."""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py are parameters here
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.library import Library
from app.syncstore import SyncStore
from app.web.limits import Limits
from app.web.server import ReadingRoom
from sync.client import SyncOptions, run_sync
from sync.httpwatch import with_access_code
from tests.sync.conftest import keys, sample_feed_template  # noqa: F401 — fixtures
from ui.downloads import DownloadsView

CODE = "kiyiz 7710"  # (no hex digest or number in the files can hold it by chance)
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def sharing_library(tmp_path_factory: pytest.TempPathFactory, sample_feed_template: Path, keys) -> Path:
    """The other PC's library: the sample feed with every video."""
    folder = tmp_path_factory.mktemp("sharing") / "library"
    with Library.open(folder) as lib:
        run_sync(lib, str(sample_feed_template), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True,
                                                             video_policy="all"))
    return folder


@pytest.fixture
def other_pc(sharing_library: Path):
    with Library.open(sharing_library) as lib:
        room = ReadingRoom(lib, host="127.0.0.1", port=0, access_code=CODE,
                           limits=Limits(requests_per_minute=0)).start()
        yield f"http://127.0.0.1:{room.port}/feed/"
        room.stop()


@pytest.fixture
def here(other_pc: str, keys, tmp_path: Path):
    """This PC's library, updated from the other PC with its code; the videos were left for later."""
    with Library.open(tmp_path / "here") as lib:
        report = run_sync(lib, with_access_code(other_pc, CODE), SyncOptions(extra_keys=(keys.public,),
                                                                             accept_new_feed=True))
        assert report.videos_waiting == 6
        yield lib


def start_download(qtbot, view: DownloadsView, item_id: str) -> None:
    view.tree.clearSelection()
    view.tree.selectionModel().select(view.tree.indexFromItem(view.rows[item_id].widget),
                                      QItemSelectionModel.Select | QItemSelectionModel.Rows)
    qtbot.mouseClick(view.download_button, Qt.LeftButton)


def test_a_pc_asking_for_a_code_gets_it_once_from_the_downloads_view(qtbot, tasks, here: Library, other_pc: str,
                                                                      tmp_path: Path, caplog) -> None:
    caplog.set_level("DEBUG")
    view = DownloadsView(here, tasks)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitUntil(lambda: len(view.rows) == 6, timeout=TIMEOUT)
    assert not view.code_box.isVisible()
    first, second, third = sorted(view.rows)[:3]

    start_download(qtbot, view, first)  # the stored address has no code: that PC refuses
    start_download(qtbot, view, second)
    qtbot.waitUntil(lambda: view.state_of(first) == view.state_of(second) == "code", timeout=TIMEOUT)
    box = view.code_box
    assert box.isVisible() and box.location == other_pc
    assert view.rows[first].bar.format() == "Needs the access code"  # short: it fits the row's bar
    host = other_pc.split("/")[2]
    assert box.message.text().startswith(f"The PC at {host} shares its library only with an access code")
    assert "Update" not in box.message.text()  # (the Update dialog's words, which did not fit here)
    assert not box.retry_button.isEnabled()  # nothing typed yet

    qtbot.keyClicks(box.edit, "1234")  # a wrong code: both files are tried again with it, and refused
    qtbot.mouseClick(box.retry_button, Qt.LeftButton)
    assert not box.isVisible() and view.state_of(first) in ("queued", "active")
    qtbot.waitUntil(lambda: view.state_of(first) == view.state_of(second) == "code", timeout=TIMEOUT)
    assert box.isVisible() and box.message.text().startswith(f"The PC at {host} did not accept that access code")
    assert box.edit.text() == "1234" and box.edit.selectedText() == "1234"  # left to correct
    assert view.codes == {}

    box.edit.clear()
    qtbot.keyClicks(box.edit, CODE)
    qtbot.keyClick(box.edit, Qt.Key_Return)  # Enter tries again too
    qtbot.waitUntil(lambda: view.state_of(first) == view.state_of(second) == "done", timeout=TIMEOUT)
    assert not box.isVisible()
    assert SyncStore(here).missing_files(item_ids=[first, second]) == []

    start_download(qtbot, view, third)  # the same session: that PC's code is not asked for again
    qtbot.waitUntil(lambda: view.state_of(third) == "done", timeout=TIMEOUT)
    assert not box.isVisible()

    view.close()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    folder = tmp_path / "here"
    assert all(CODE.encode() not in p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.suffix != ".mp4"
               and p.stat().st_size < 50_000_000)
    assert f"code:{CODE}" not in caplog.text and CODE not in caplog.text
