"""A PC nearby whose reading room asks for an access code, in the Update dialog: it is listed, choosing it shows
a field for the code, Update without one says what to do, a wrong code is told in plain words, the right one
updates — and the code is never kept: not in the list, the history, the database or the log.

The other PC is a real reading room on loopback (app.web.server.ReadingRoom) sharing a library synced from a
small signed feed; it reaches the dialog as the multicast watcher would hand it over (``NearbySources``)."""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py and tests/smallfeed.py are parameters here
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from app.library import Library
from app.settings import Settings
from app.syncstore import SyncStore
from app.web.limits import Limits
from app.web.nearby import NearbyLibrary
from app.web.server import ReadingRoom
from sync.client import trust_key
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture
from ui.syncwords import _MESSAGES
from ui.update import UpdateDialog

CODE = "7710"


@pytest.fixture
def other_pc(synced):
    room = ReadingRoom(synced, host="127.0.0.1", port=0, access_code=CODE,
                       limits=Limits(requests_per_minute=0)).start()
    yield f"http://127.0.0.1:{room.port}/feed/"
    room.stop()


def test_a_pc_nearby_asking_for_a_code_updates_with_it_and_the_code_is_never_kept(
        qtbot, tasks, other_pc: str, keys, synced, tmp_path: Path, caplog) -> None:
    caplog.set_level("DEBUG")
    library = Library.open(tmp_path / "here")
    trust_key(Settings(library.paths), keys.public)
    dialog = UpdateDialog(library, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    assert not dialog.code_row.isVisible()
    dialog.nearby.libraries = [NearbyLibrary(name="LIBRARY-PC", url=other_pc, host="127.0.0.1", port=0,
                                             access_code=True)]
    dialog.nearby.changed.emit()  # as the watcher reports a PC it found
    combo = dialog.source_combo
    index = combo.findData(other_pc)
    assert index >= 0 and combo.itemText(index) == "PC nearby: LIBRARY-PC"
    assert not dialog.update_button.isEnabled()  # nothing chosen yet: a PC nearby is never chosen by itself
    combo.setCurrentIndex(index)
    assert dialog.code_row.isVisible() and "LIBRARY-PC" in dialog.code_row.label.text()
    assert dialog.update_button.isEnabled()

    qtbot.mouseClick(dialog.update_button, Qt.LeftButton)  # no code yet: nothing starts, the dialog says why
    assert dialog.task is None
    assert "only with an access code" in dialog.error_label.text() and dialog.error_label.isVisible()

    def update_with(code: str) -> None:
        dialog.code_row.edit.clear()
        qtbot.keyClicks(dialog.code_row.edit, code)
        qtbot.mouseClick(dialog.update_button, Qt.LeftButton)
        assert dialog.task is not None and not dialog.code_row.isEnabled()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=90_000)
        qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)

    update_with("1234")
    assert dialog.error_label.text() == QCoreApplication.translate("SyncErrors", _MESSAGES["access_code"])
    assert library.is_empty()
    combo.setCurrentIndex(0 if index else 1)  # another choice and back: the code typed is still there
    combo.setCurrentIndex(index)
    assert dialog.code_row.edit.text() == "1234"

    update_with(CODE)  # the code is right; this library has not followed that PC's feed yet: it asks first
    assert dialog.trust_box.isVisible()
    qtbot.mouseClick(dialog.trust_yes, Qt.LeftButton)  # the update runs again, with the same code
    qtbot.waitUntil(lambda: dialog.task is None and dialog.outcome is not None, timeout=90_000)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    assert not dialog.error_label.isVisible(), dialog.error_label.text()
    assert sorted(i.id for i in library.list_items()) == sorted(i.id for i in synced.list_items())
    runs = SyncStore(library).last_runs()
    assert len(runs) == 3 and {r["location"] for r in runs} == {other_pc}
    dialog.close()
    library.close()
    database = (tmp_path / "here" / "library.sqlite").read_bytes()
    assert CODE.encode() not in database and f"code:{CODE}" not in caplog.text and CODE not in caplog.text
