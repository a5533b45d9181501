"""The search page as a user meets it: typing (Russian and Kyrgyz, one key at a time), facets, "did you
mean", paging, and opening a result (also a hit inside a video transcript)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser, QWidget

from ui.app import start
from ui.results import ROW_ROLE


def type_text(widget: QWidget, text: str) -> None:
    """Per-character key events (qtbot.keyClicks aborts on non-ASCII text with this Qt, see FIELD-NOTES)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def row_ids(page) -> list[str]:
    return [r.id for r in page.model.rows]


def visible_text(widget: QWidget) -> str:
    """Everything a page shows in labels and text views (works for any item page)."""
    parts = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]
    parts += [w.toPlainText() for w in widget.findChildren(QTextBrowser) if w.isVisibleTo(widget)]
    return "\n".join(parts)


@pytest.fixture
def window(qtbot, sample_dir: Path):
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.library is not None and w.search_page.response is not None, timeout=20000)
    yield w
    w.shutdown()


def answered(page, query: str):
    return lambda: page.response is not None and page.response.query == query


def test_typing_russian_shows_highlighted_results_with_one_search(qtbot, window) -> None:
    page = window.search_page
    searches = []
    window.tasks.started.connect(lambda t: searches.append(t) if t.name == "search" else None)
    type_text(page.search_box, "тариф")
    assert page.search_box.text() == "тариф"
    assert searches == [], "each keystroke waits for the pause before searching"
    qtbot.waitUntil(answered(page, "тариф"), timeout=10000)
    assert len(searches) == 1, "five fast keystrokes made one search, not five"
    ids = row_ids(page)
    assert "water-kochkor-ru" in ids and "lesson-water-tariffs-ru" in ids
    assert "youth-papan-ru" not in ids
    assert page.info.text().startswith(str(page.response.total))
    practice = next(r for r in page.model.rows if r.id == "water-kochkor-ru")
    assert "<b>тариф</b>" in practice.snippet.lower()
    lesson = next(r for r in page.model.rows if r.id == "lesson-water-tariffs-ru")
    assert lesson.kind == "lesson"


def test_typing_kyrgyz_finds_kyrgyz_items(qtbot, window) -> None:
    page = window.search_page
    type_text(page.search_box, "жайыт комитети")
    qtbot.waitUntil(answered(page, "жайыт комитети"), timeout=10000)
    assert "pasture-atbashy-ky" in row_ids(page)[:3]
    page.search_box.clear()
    type_text(page.search_box, "Бөкөнбаевдеги")
    qtbot.waitUntil(answered(page, "Бөкөнбаевдеги"), timeout=10000)
    assert row_ids(page)[0] == "waste-bokonbaev-ky"
    # typed on a Russian keyboard, without ө/ү/ң, the Kyrgyz word is still found
    page.search_box.clear()
    type_text(page.search_box, "Боконбаевдеги")
    qtbot.waitUntil(answered(page, "Боконбаевдеги"), timeout=10000)
    assert row_ids(page)[0] == "waste-bokonbaev-ky"


def test_a_newer_query_supersedes_an_older_one(qtbot, window) -> None:
    page = window.search_page
    shown = []
    page.results_shown.connect(lambda: shown.append(page.response.query))
    page.search_box.setText("тариф")
    page.search_now()
    page.search_box.setText("жайыт")
    page.search_now()
    qtbot.waitUntil(answered(page, "жайыт"), timeout=10000)
    window.tasks.wait()
    qtbot.wait(50)
    assert shown == ["жайыт"], "the older answer was dropped, never shown"
    assert "pasture-atbashy-ky" in row_ids(page)


def facet_click(qtbot, page, flt: str, value: str | None) -> None:
    item = page.facets.item_for(flt, value)
    assert item is not None, f"{flt}={value} is offered"
    tree = page.facets.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def test_facet_click_filters_the_list_and_the_counts_change(qtbot, window) -> None:
    page, library = window.search_page, window.library
    assert page.response.total == 57
    kinds_before = page.facets.values("kind")
    assert kinds_before["practice"] == 42
    assert page.facets.item_for("topic", "drinking-water") is None, "the 10th topic waits behind “Show all”"
    facet_click(qtbot, page, "topic", None)
    facet_click(qtbot, page, "topic", "drinking-water")
    qtbot.waitUntil(lambda: page.response.total < 57, timeout=10000)
    assert page.filters == {"topic": "drinking-water"}
    assert page.response.total == 6
    for item_id in row_ids(page):
        assert "drinking-water" in [t.id for t in library.get_item(item_id).topics]
    kinds_after = page.facets.values("kind")
    assert sum(kinds_after.values()) == 6 and kinds_after != kinds_before
    # the chip says what filters the list; its ✕ removes the filter
    chips = page.chip_buttons
    assert len(chips) == 2 and "✕" in chips[0].text()
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.response.total == 57, timeout=10000)
    assert page.filters == {} and not page.chips.isVisible()


def test_region_facet_drills_down(qtbot, window) -> None:
    page = window.search_page
    assert "naryn" in page.facets.values("region")
    assert "naryn.kochkor" not in page.facets.values("region"), "oblasts first"
    facet_click(qtbot, page, "region", "naryn")
    qtbot.waitUntil(lambda: page.filters.get("region") == "naryn" and page.response.total == 8, timeout=10000)
    assert "naryn.kochkor" in page.facets.values("region")
    facet_click(qtbot, page, "region", "naryn")  # chosen again: one level back up
    qtbot.waitUntil(lambda: page.response.total == 57, timeout=10000)


def test_did_you_mean_is_a_button_that_searches_the_suggestion(qtbot, window) -> None:
    page = window.search_page
    type_text(page.search_box, "водоправод папан")
    qtbot.waitUntil(answered(page, "водоправод папан"), timeout=10000)
    assert page.response.partial
    assert "some of them" in page.info.text()
    assert page.suggestion_button.isVisible()
    assert page.suggestion_button.text() == "водопровод папан"
    qtbot.mouseClick(page.suggestion_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(answered(page, "водопровод папан"), timeout=10000)
    assert page.search_box.text() == "водопровод папан"
    assert not page.suggestion_button.isVisible()


def test_a_misspelling_alone_is_corrected_and_said_so(qtbot, window) -> None:
    page = window.search_page
    type_text(page.search_box, "библеотека")
    qtbot.waitUntil(answered(page, "библеотека"), timeout=10000)
    assert page.response.corrected
    assert "библеотека" in page.info.text() and "библиотека" in page.info.text()
    assert "elibrary-nooken-ru" in row_ids(page)


def test_the_list_pages_in_more_results_when_scrolled_to_the_end(qtbot, window) -> None:
    page = window.search_page
    assert page.model.rowCount() == 30 and page.model.total == 57
    page.results.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 57, timeout=10000)
    assert len(set(row_ids(page))) == 57


def test_opening_a_result_shows_the_item_and_back_returns(qtbot, window) -> None:
    page = window.search_page
    type_text(page.search_box, "Лебединовка")
    qtbot.waitUntil(answered(page, "Лебединовка"), timeout=10000)
    row = next(i for i, r in enumerate(page.model.rows) if r.id == "pb-lebedinovka-ru")
    index = page.model.index(row)
    page.results.scrollTo(index)
    with qtbot.waitSignal(window.item_opened, timeout=5000):
        qtbot.mouseClick(page.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=page.results.visualRect(index).center())
    item_page = window.current_page()
    assert item_page is not page
    title = window.library.get_item("pb-lebedinovka-ru").title
    qtbot.waitUntil(lambda: title in visible_text(item_page), timeout=10000)
    if window.views.reader_view is not None:
        assert item_page is window.views.reader_view
        assert type(item_page).__name__ == "ReaderView"
    assert window.back_action.isEnabled()
    window.back_action.trigger()
    assert window.current_page() is page
    assert page.search_box.text() == "Лебединовка" and "pb-lebedinovka-ru" in row_ids(page)


def test_a_transcript_hit_opens_the_lesson_at_that_second(qtbot, window) -> None:
    page = window.search_page
    type_text(page.search_box, "малоимущих")
    qtbot.waitUntil(answered(page, "малоимущих"), timeout=10000)
    hit = next(r for r in page.model.rows if r.id == "lesson-water-tariffs-ru")
    assert hit.time == pytest.approx(28.7)
    assert "0:28" in hit.meta()
    row = page.model.rows.index(hit)
    page.results.setCurrentIndex(page.model.index(row))
    page.results.setFocus()
    with qtbot.waitSignal(window.item_opened, timeout=5000):
        qtbot.keyClick(page.results, Qt.Key.Key_Return)
    lesson_page = window.current_page()
    if window.views.lesson_view is None:  # the player could not be loaded: the plain page shows the item
        assert lesson_page is window.fallback_page
        return
    assert lesson_page is window.views.lesson_view
    title = window.library.get_item("lesson-water-tariffs-ru").title
    qtbot.waitUntil(lambda: title in visible_text(lesson_page), timeout=10000)
    player = lesson_page.player
    qtbot.waitUntil(lambda: abs(player.position() / 1000 - 28.7) < 3, timeout=15000)
    window.back_action.trigger()
    assert window.current_page() is page


def test_results_have_thumbnails_for_lessons(qtbot, window) -> None:
    page = window.search_page
    window.go_to_section("lesson")
    qtbot.waitUntil(lambda: page.response.total == 6 and page.model.rowCount() == 6, timeout=10000)
    qtbot.waitUntil(lambda: all(window.thumbnails.pixmap(i) is not None for i in row_ids(page)), timeout=10000)
    index = page.model.index(0)
    assert index.data(ROW_ROLE).kind == "lesson"
    assert window.thumbnails.pixmap(index.data(ROW_ROLE).id).width() > 50
