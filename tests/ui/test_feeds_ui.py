"""Settings → Updates lists the libraries (feeds) this PC follows and forgets or restarts one; the main window
says when the library's newest update is old (a drive or network that keeps serving an old copy)."""

# ruff: noqa: F811 — pytest fixtures imported from other modules are parameters here

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.library import Library
from app.settings import Settings
from app.syncstore import SyncStore
from app.values import SearchRequest
from sync.client import SyncOptions, run_sync
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture
from tests.sync.forge import forge_at, manifest_doc, retitled
from ui.app import start
from ui.settingsdialog import SettingsDialog

TIMEOUT = 30_000


def panel_rows(dialog: SettingsDialog) -> list[str]:
    return [dialog.feeds.list.item(i).text() for i in range(dialog.feeds.list.count())]


def test_settings_list_restart_and_forget_a_followed_library(qtbot, synced: Library, tasks,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    synced.add_note("hearings-ivanovka-ru", "keep me")
    dialog = SettingsDialog(synced, tasks=tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.feeds.feed_ids() == ["small-feed"], timeout=TIMEOUT)
    (row,) = panel_rows(dialog)
    assert row.startswith("Small — 2 item") and ", newest update" in row and "0 day" in row  # plural forms: en .ts
    assert not dialog.feeds.forget_button.isEnabled()  # nothing chosen yet
    dialog.feeds.list.setCurrentRow(0)
    dialog.feeds.reset_button.click()
    qtbot.waitUntil(lambda: SyncStore(synced).feeds()["small-feed"].seq == 0, timeout=TIMEOUT)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
    dialog.feeds.list.setCurrentRow(0)
    dialog.feeds.forget_button.click()
    qtbot.waitUntil(lambda: dialog.feeds.feed_ids() == [] and not tasks.busy(), timeout=TIMEOUT)
    assert panel_rows(dialog)[0].startswith("None yet")
    assert synced.list_items() == [] and [n.text for n in synced.notes("hearings-ivanovka-ru")] == ["keep me"]
    assert synced.search(SearchRequest("water")).total == 0  # the index followed


def test_a_damaged_key_file_is_named_in_settings(qtbot, synced: Library, tasks) -> None:
    folder = Settings(synced.paths).trusted_keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.pub").write_text("not a key", encoding="utf-8")
    dialog = SettingsDialog(synced, tasks=tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.feeds.problems.isHidden(), timeout=TIMEOUT)
    assert "broken.pub" in dialog.feeds.problems.text()


def test_the_window_says_when_the_newest_update_is_old(qtbot, small_feed: Path, keys, tmp_path: Path) -> None:
    old_drive = shutil.copytree(small_feed, tmp_path / "old-drive")
    forge_at(old_drive, keys.private, seq=manifest_doc(old_drive)["seq"] + 1, created="2026-01-05T10:00:00Z",
             tail=lambda state: [retitled(state, "hearings-ivanovka-ru", "From an old drive")])
    for name, feed in (("current", small_feed), ("old", old_drive)):
        with Library.open(tmp_path / name) as lib:
            run_sync(lib, str(feed), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
        window = start(str(tmp_path / name), import_sample=False)
        qtbot.addWidget(window)
        try:
            qtbot.waitUntil(lambda w=window: w.library is not None and hasattr(w, "_status_counts"), timeout=TIMEOUT)
            if name == "current":
                assert not window.stale_banner.isVisible()
            else:
                qtbot.waitUntil(window.stale_banner.isVisible, timeout=TIMEOUT)
                assert "05.01.2026" in window.stale_banner.text.text() or "5 Jan 2026" in window.stale_banner.text.text()
        finally:
            window.shutdown()
