"""The first window explains itself: a welcome panel on a library never updated (the sample only), with
"Update from the portal", "Update from a USB drive" and "Search"; gone once used, and still gone at the next
start. A library that follows a feed never shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.library import Library
from app.settings import Settings
from ui.app import start


def open_window(qtbot, folder: Path):
    window = start(str(folder), import_sample=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.library is not None and window.search_page.response is not None, timeout=20000)
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=10000)
    return window


def test_the_welcome_panel_shows_on_the_sample_and_goes_once_used(qtbot, sample_dir: Path) -> None:
    window = open_window(qtbot, sample_dir)
    panel = window.welcome.panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    labels = [b.text() for b in panel.buttons.values()]
    assert labels == ["Update from the portal", "Update from a USB drive", "Search"]
    assert "library" in panel.text.text() and "without the internet" in panel.text.text()
    qtbot.mouseClick(panel.buttons["search"], Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and window.search_page.search_box.hasFocus()
    assert Settings(window.library.paths).get("welcome_done")
    window.close()
    again = open_window(qtbot, sample_dir)  # remembered: not at the next start either
    assert not again.welcome.panel.isVisible()
    again.close()


def test_a_first_search_also_ends_it(qtbot, sample_dir: Path) -> None:
    window = open_window(qtbot, sample_dir)
    panel = window.welcome.panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    window.search_page.search_box.textEdited.emit("вода")  # as typing does
    assert not panel.isVisible()
    window.close()


def test_a_library_that_was_updated_shows_no_welcome(qtbot, lib: Library) -> None:
    folder = lib.paths.data
    lib.close()
    window = open_window(qtbot, folder)
    assert window.welcome is not None and not window.welcome.panel.isVisible()
    window.close()
