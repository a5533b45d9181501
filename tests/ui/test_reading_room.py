"""The room a text, a PDF and a video get on a 1366×768 screen (issue 16): the sections fold away while reading
and come back by a key or a button, full screen, the text size kept for the next start, lines of a readable
length, a PDF at the full width and the video as large as the window allows. Geometry is measured on real
widgets (offscreen, so the window's inside is the whole 1366×768)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView

from ui.app import start
from ui.lessonlayout import video_frame
from ui.readertext import LINE_CHARS

SCREEN = (1366, 768)
PRACTICE = "pb-lebedinovka-ru"


pytestmark = pytest.mark.usefixtures("english_locale")  # dates and labels in a known language


def open_window(qtbot, folder: Path):
    window = start(str(folder), import_sample=False)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    qtbot.waitUntil(lambda: window.library is not None and window.search_page.response is not None, timeout=20000)
    return window


@pytest.fixture
def window(qtbot, sample_dir: Path):
    w = open_window(qtbot, sample_dir)
    yield w
    w.shutdown()


def open_in_reader(qtbot, window, item_id: str):
    window.open_item(item_id)
    qtbot.waitUntil(lambda: window.views.reader_view is not None and window.views.reader_view.item_id == item_id
                    and window.current_page() is window.views.reader_view, timeout=15000)
    window.tasks.wait()
    qtbot.wait(50)  # the layout settles
    return window.views.reader_view


def test_the_sections_fold_away_while_reading_and_a_key_or_a_button_brings_them_back(qtbot, window) -> None:
    sidebar, nav = window.sidebar, window.nav
    assert nav.isVisible() and not sidebar.folded
    reader = open_in_reader(qtbot, window, PRACTICE)
    assert not nav.isVisible() and sidebar.folded, "the text gets the room"
    assert reader.width() > SCREEN[0] - 40
    button = window.toolbar.widgetForAction(sidebar.toggle_action)
    assert button is not None and button.isVisible() and not button.isChecked()

    qtbot.keyClick(reader.browser, Qt.Key.Key_F9)  # the key brings the sections back…
    assert nav.isVisible() and button.isChecked()
    qtbot.keyClick(reader.browser, Qt.Key.Key_F9)  # …and folds them again
    assert not nav.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # so does the visible button
    assert nav.isVisible() and nav.width() >= 150, "it comes back at its width, not squeezed"

    window.back_action.trigger()  # the search page always has its sections
    assert window.current_page() is window.search_page and nav.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    open_in_reader(qtbot, window, "pb-lebedinovka-ky")
    assert nav.isVisible(), "shown while reading because the user asked for it"
    window.back_action.trigger()
    assert not nav.isVisible(), "hidden on the search page because the user folded it there"


def test_full_screen_from_the_reading_page_and_back(qtbot, window) -> None:
    reader = open_in_reader(qtbot, window, PRACTICE)
    button = reader.full_screen_button
    assert button.isVisible() and button.text() == "Full screen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=5000)
    qtbot.waitUntil(lambda: button.text() == "Leave full screen", timeout=5000)
    assert window.sidebar.full_screen_action.isChecked()
    qtbot.keyClick(reader.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=5000)
    assert button.text() == "Full screen"


def test_the_text_size_is_kept_when_the_window_starts_again(qtbot, sample_dir: Path) -> None:
    folder = sample_dir  # this test's own copy of the sample library (and its settings file)
    window = open_window(qtbot, folder)
    reader = open_in_reader(qtbot, window, PRACTICE)
    assert reader.text_size() == 100
    for button in (reader.smaller_button, reader.larger_button, reader.full_screen_button, reader.print_button):
        assert button.isVisible() and button.height() >= 24, f"{button.text()} is easy to hit"
    normal = reader.browser.font().pointSizeF()
    column = reader.browser.column_width()
    qtbot.mouseClick(reader.larger_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(reader.larger_button, Qt.MouseButton.LeftButton)
    assert reader.text_size() == 130
    assert reader.browser.font().pointSizeF() == pytest.approx(normal * 1.3)
    assert reader.browser.column_width() > column, "larger letters, a wider column: still ~90 characters a line"
    window.tasks.wait()
    window.close()

    again = open_window(qtbot, folder)
    try:
        reader = open_in_reader(qtbot, again, PRACTICE)
        assert reader.text_size() == 130
        assert reader.browser.font().pointSizeF() == pytest.approx(normal * 1.3)
        qtbot.mouseClick(reader.smaller_button, Qt.MouseButton.LeftButton)
        assert reader.text_size() == 115
        for _ in range(10):
            reader.step_text_size(-1)
        assert reader.text_size() == 80 and not reader.smaller_button.isEnabled()
    finally:
        again.shutdown()


def test_lines_keep_a_readable_length_and_the_side_parts_are_not_empty_boxes(qtbot, window) -> None:
    reader = open_in_reader(qtbot, window, PRACTICE)
    browser = reader.browser
    text_width = browser.viewport().width() - 2 * browser.document().rootFrame().frameFormat().leftMargin()
    assert text_width <= browser.fontMetrics().averageCharWidth() * LINE_CHARS + 1
    assert browser.viewport().width() > text_width + 200, "the wide window centres a readable column"
    side = reader.side
    assert side.width() <= 360 and browser.width() >= 900
    # this practice has no attachments: no files part at all (never "Files (0)"); its related items are listed
    assert not side.files_part.isVisible() and side.related_part.isVisible()
    assert side.related_list.count() == 3 and side.related_list.height() < 200
    assert not reader.notes.list.isVisible(), "no notes yet: the heading says so, no empty list"
    assert "no notes" in reader.notes.heading.text()


def test_a_pdf_opens_at_the_full_width_on_a_1366_screen(qtbot, window) -> None:
    reader = open_in_reader(qtbot, window, "doc-pb-methodology-ru")
    viewer = reader.pdf
    qtbot.waitUntil(lambda: viewer.isVisible() and viewer.page_count() == 3, timeout=10000)
    qtbot.wait(50)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert viewer.view.width() >= 0.72 * SCREEN[0], f"the page is {viewer.view.width()} px wide"
    assert reader.side.isVisible() and reader.side.files.count() == 1  # the file list stays beside it


def test_the_lesson_video_is_as_large_as_the_window_allows(qtbot, window) -> None:
    window.open_item("lesson-pb-intro-ru", at=0.0)
    qtbot.waitUntil(lambda: window.views.lesson_view is not None, timeout=15000)
    view = window.views.lesson_view
    qtbot.waitUntil(lambda: view.item is not None and window.current_page() is view, timeout=15000)
    view.stop()
    qtbot.wait(50)
    assert window.sidebar.folded
    frame = video_frame(view.video.size())
    assert frame.width() >= 850 and frame.height() >= 480, f"the video is {frame.width()}×{frame.height()}"
    assert view.full_screen_button.isVisible()
    # the transcript, the description and the notes are tabs beside the video, not boxes under it
    assert view.side.count() == 3 and view.side.width() <= 400
    assert [view.side.widget(i) for i in range(3)] == [view.transcript, view.info, view.notes]
