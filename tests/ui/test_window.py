"""The plain desktop window: it opens without blocking and lists the library."""

from pathlib import Path

from PySide6.QtCore import Qt

from ui.app import start


def test_window_lists_the_library_and_shows_an_item(qtbot, sample_dir: Path) -> None:
    window = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(window)
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.list.count() >= 40, timeout=15000)
    titles = [window.list.item(i).text() for i in range(window.list.count())]
    assert any("Лебединовка" in t for t in titles)
    row = next(i for i, t in enumerate(titles) if "Лебединовка айыл" in t)
    window.list.setCurrentRow(row)
    assert "Лебединовка" in window.reader.toPlainText()
    assert window.list.item(row).data(Qt.UserRole).startswith("pb-lebedinovka")
    window.library.close()


def test_window_imports_sample_into_an_empty_library(qtbot, tmp_path: Path) -> None:
    window = start(str(tmp_path / "empty"), import_sample=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.list.count() >= 40, timeout=30000)
    window.library.close()
