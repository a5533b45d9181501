"""The main window: start-up without blocking, sections, Ctrl+F, Back, bookmarks and history, errors in
plain words, the language menu."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.app import start
from ui.hosting import error_words

ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot, folder: Path, *, import_sample: bool = False, timeout: int = 20000):
    window = start(str(folder), import_sample=import_sample)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.library is not None and window.search_page.response is not None, timeout=timeout)
    return window


def kinds_listed(window) -> set[str]:
    return {r.kind for r in window.search_page.model.rows}


def test_window_shows_before_the_library_opens_then_lists_it(qtbot, sample_dir: Path) -> None:
    window = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.library is None, "the library opens in the background, after the window is painted"
    assert "Opening the library" in window.search_page.info.text()
    qtbot.waitUntil(lambda: window.search_page.response is not None, timeout=20000)
    page = window.search_page
    assert page.response.total == 57 and page.model.rowCount() == 30
    assert "57 items" in page.info.text()
    qtbot.waitUntil(lambda: "57 items in the library" in window.status_label.text(), timeout=5000)
    assert "not updated yet" in window.status_label.text()
    window.close()
    assert window.library is None, "closing the window closes the library (and frees its lock)"


def test_window_imports_sample_into_an_empty_library(qtbot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "empty", import_sample=True, timeout=60000)
    assert window.search_page.response.total == 57
    window.close()


def test_a_fresh_process_paints_then_answers_before_the_database_is_imported(sample_dir: Path) -> None:
    """The window paints before Whoosh and SQLAlchemy are imported, and an up-to-date library's first results are on
    screen before SQLAlchemy is: the whole library (ORM) is opened after them (issue 15)."""
    env = dict(os.environ, KITEPKANA_STARTUP_TRACE="quit", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "ui.app", "--data-dir", str(sample_dir), "--no-sample"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    events = {}
    for line in done.stdout.splitlines():
        if line.startswith("kitepkana-trace "):
            _, event, when, loaded = line.split()[:4]  # (then io= and rss= for the benchmark)
            events[event] = (float(when), loaded.removeprefix("loaded="))
    assert list(events) == ["first_paint", "first_results", "library_ready"]
    assert events["first_paint"][1] == "-", "SQLAlchemy/Whoosh were imported before the window was painted"
    assert "sqlalchemy" not in events["first_results"][1].split(","), "the first results waited for the ORM"
    assert events["first_paint"][0] < events["first_results"][0] <= events["library_ready"][0]


def test_a_result_opened_before_the_whole_library_opens_when_it_comes(qtbot, sample_dir: Path) -> None:
    """The first results come from the library opened only to search it (app/searchonly.py); a result clicked
    then opens once the whole library has taken over, instead of the click being lost."""
    from app.library import Library
    from app.paths import resolve
    from app.searchonly import open_for_search
    from ui.mainwindow import MainWindow
    from ui.tasks import TaskManager

    tasks = TaskManager()
    window = MainWindow(tasks)
    tasks.setParent(window)
    qtbot.addWidget(window)
    window.show()
    quick = open_for_search(resolve(sample_dir), exclusive=True)
    quick.ensure_index(warm=False)
    window._opening_library = quick
    with qtbot.waitSignal(window.search_page.results_shown, timeout=10000):
        window.search_page.set_library(quick)  # as open_library does, before the whole library
    row = window.search_page.model.rows[0]
    window.search_page.open_requested.emit(row)
    assert window.library is None and window.current_page() is window.search_page
    with qtbot.waitSignal(window.item_opened, timeout=10000) as opened:
        window.set_library(Library(quick.paths, opened=quick), searching=True)
    assert opened.args == [row.id] and window.current_page() is not window.search_page
    assert window.search_page.library is window.library
    window.close()
    assert window.library is None


def test_a_library_open_elsewhere_is_explained_in_plain_words(qtbot, sample_dir: Path) -> None:
    from app.library import Library

    other = Library.open(sample_dir, exclusive=True)
    try:
        window = start(str(sample_dir), import_sample=False)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: "already open" in window.status_label.text(), timeout=20000)
        assert window.library is None
        assert "another Kitepkana window" in window.search_page.info.text()
        window.close()
    finally:
        other.close()


def test_error_words() -> None:
    from app.errors import CancelledError, DatabaseDamagedError, NotFoundError

    assert "no longer in the library" in error_words(NotFoundError("no item with id 'x'"))
    damaged = error_words(DatabaseDamagedError("x", kept="C:\\Kitepkana\\library-damaged-1.sqlite"))
    assert "was damaged" in damaged and "library-damaged-1.sqlite" in damaged
    assert "nothing half-done" in error_words(CancelledError("cancelled"))
    assert "could not be read" in error_words(OSError(5, "Input/output error"))


def test_ctrl_f_focuses_the_search_box(qtbot, sample_dir: Path) -> None:
    window = open_window(qtbot, sample_dir)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus, timeout=5000)
    assert not window.search_page.search_box.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_page.search_box.hasFocus, timeout=5000)
    # from another section too: Ctrl+F goes back to the search page
    window.go_to_section("history")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_page.search_box.hasFocus, timeout=5000)
    assert window.current_page() is window.search_page


def test_navigation_to_practices_lists_only_practices(qtbot, sample_dir: Path) -> None:
    window = open_window(qtbot, sample_dir)
    page = window.search_page
    assert kinds_listed(window) != {"practice"}
    nav = window.nav
    row = next(i for i in range(nav.count()) if nav.item(i).data(Qt.ItemDataRole.UserRole) == "practice")
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    qtbot.waitUntil(lambda: page.response.total == 42, timeout=10000)
    assert kinds_listed(window) == {"practice"}
    assert page.filters == {"kind": "practice"}
    window.go_to_section("lesson")
    qtbot.waitUntil(lambda: page.response.total == 6, timeout=10000)
    assert kinds_listed(window) == {"lesson"}
    assert nav.current_key() == "lesson"
    # removing the kind filter on the page takes the navigation back to All
    qtbot.mouseClick(page.chip_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.response.total == 57, timeout=10000)
    assert nav.current_key() == "all"
    # Back (Alt+Left) retraces the sections
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert nav.current_key() == "lesson"
    qtbot.waitUntil(lambda: page.response.total == 6, timeout=10000)
    qtbot.keyClick(nav, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert nav.current_key() == "practice"


def test_bookmarks_and_history_pages_list_items(qtbot, sample_dir: Path) -> None:
    window = open_window(qtbot, sample_dir)
    library = window.library
    window.go_to_section("bookmarks")
    qtbot.waitUntil(lambda: window.bookmarks_page.empty.isVisible(), timeout=5000)
    library.set_bookmark("water-kochkor-ru")
    library.set_bookmark("lesson-elibrary-ky")
    window.go_to_section("all")
    with qtbot.waitSignal(window.bookmarks_page.loaded, timeout=10000):
        window.go_to_section("bookmarks")
    assert [r.id for r in window.bookmarks_page.model.rows] == ["lesson-elibrary-ky", "water-kochkor-ru"]
    assert not window.bookmarks_page.empty.isVisible()
    library.record_opened("pb-lebedinovka-ky")
    library.record_opened("lesson-quota-30-ky", position=75.0)
    with qtbot.waitSignal(window.history_page.loaded, timeout=10000):
        window.go_to_section("history")
    rows = window.history_page.model.rows
    assert [r.id for r in rows] == ["lesson-quota-30-ky", "pb-lebedinovka-ky"]
    assert "1:15" in rows[0].note and "opened" in rows[0].note
    # opening from History shows the item; Back returns to History
    with qtbot.waitSignal(window.item_opened, timeout=5000):
        window.history_page.list.open_requested.emit(rows[1])
    assert window.current_page() is not window.history_page
    window.go_back()
    assert window.current_page() is window.history_page


def test_language_menu_switches_and_remembers(qtbot, sample_dir: Path) -> None:
    pytest.importorskip("ui.i18n")
    from app.settings import Settings
    from ui.i18n import install_language

    window = open_window(qtbot, sample_dir)
    try:
        window.language_actions["ru"].trigger()
        assert window.language in ("ru", "en")  # "en" only where no translation could be built
        assert window.language_actions[window.language].isChecked()
        assert Settings(window.library.paths).get("ui_language") == "ru"
    finally:
        install_language(QApplication.instance(), "en")
    window.close()


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context><name>Sections</name>
<message><source>Practices</source><translation>Практики</translation></message></context>
<context><name>SearchPage</name>
<message><source>Best match</source><translation>Сначала лучшие</translation></message></context>
<context><name>MainWindow</name>
<message><source>&amp;Update library</source><translation>&amp;Обновить библиотеку</translation></message></context>
<context><name>Kinds</name>
<message><source>Practice</source><translation>Практика</translation></message></context>
</TS>
"""


def test_texts_switch_at_once_when_a_translation_is_installed(qtbot, sample_dir: Path, tmp_path: Path) -> None:
    i18n = pytest.importorskip("ui.i18n")
    from PySide6.QtCore import QTranslator

    ts, qm = tmp_path / "t.ts", tmp_path / "t.qm"
    ts.write_text(TS, encoding="utf-8")
    if not i18n.compile_ts(ts, qm):
        pytest.skip("lrelease is not available")
    window = open_window(qtbot, sample_dir)
    practice = next(r for r in window.search_page.model.rows if r.kind == "practice")
    assert practice.meta().startswith("Practice")
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QApplication.instance()
    app.installTranslator(translator)  # Qt sends LanguageChange to every widget
    try:
        # every widget gets its own LanguageChange event, in no promised order: wait for all of them
        qtbot.waitUntil(lambda: (window.update_action.text(), window.nav.item(1).text(),
                                 window.search_page.sort_box.itemText(0))
                        == ("&Обновить библиотеку", "Практики", "Сначала лучшие"), timeout=5000)
        assert practice.meta().startswith("Практика")
    finally:
        app.removeTranslator(translator)
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Practices", timeout=5000)
    window.close()


def test_visitor_mode_shows_done_and_a_leaving_visitor_leaves_a_clean_window(qtbot, sample_dir: Path) -> None:
    kiosk_module = pytest.importorskip("ui.kiosk")
    from app import paths as app_paths
    from app.settings import Settings

    settings = Settings(app_paths.resolve(sample_dir))
    settings.set("kiosk_pin_hash", kiosk_module.hash_pin("2468", iterations=1000))
    settings.set("kiosk_enabled", True)
    window = open_window(qtbot, sample_dir)
    qtbot.waitUntil(lambda: window.kiosk is not None, timeout=5000)
    assert window.kiosk.enabled and window.done_action.isVisible()
    assert window.visitor_strip.isVisible()  # the strip's "I'm done" button replaces the toolbar's
    # locked: settings and updates are hidden; the librarian's PIN shows them
    assert not window.settings_action.isVisible() and not window.update_action.isVisible()
    assert window.librarian_action.isVisible()
    assert not window.kiosk.try_pin("1111")
    assert not window.settings_action.isVisible()
    assert window.kiosk.try_pin("2468")
    qtbot.waitUntil(lambda: window.settings_action.isVisible(), timeout=5000)
    assert window.update_action.isVisible() and not window.librarian_action.isVisible()
    window.kiosk.lock()
    qtbot.waitUntil(lambda: not window.settings_action.isVisible(), timeout=5000)
    page = window.search_page
    page.search_box.setText("тариф")
    page.search_now()
    qtbot.waitUntil(lambda: page.response.query == "тариф", timeout=10000)
    window.go_to_section("practice")
    with qtbot.waitSignal(window.item_opened, timeout=5000):
        window.open_item("water-kochkor-ru")  # the kind is looked up first, on the read queue
    assert window.current_page() is not page
    with qtbot.waitSignal(window.kiosk.visitor_left, timeout=10000):
        window.done_action.trigger()
    qtbot.waitUntil(lambda: page.response.query == "" and page.response.total == 57, timeout=10000)
    assert window.current_page() is page and window.nav.current_key() == "all"
    assert page.search_box.text() == "" and page.filters == {}
    assert not window.back_action.isEnabled()
    window.close()
