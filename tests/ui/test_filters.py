"""Filters a librarian sees as clickable (issue 16, points 8-9): check boxes with counts, labels wrapped and
never cut, rows at least 24 px high, the chosen value ticked, a hint in an empty panel, and a language filter
that says what it leaves out ("+4 in Kyrgyz — show all languages") with one click to show everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from ui.app import start
from ui.facets import MIN_ROW


@pytest.fixture
def window(qtbot, sample_dir: Path):
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.library is not None and w.search_page.response is not None, timeout=20000)
    yield w
    w.shutdown()


def search(qtbot, page, text: str) -> None:
    page.search_box.setText(text)
    page.search_now()
    qtbot.waitUntil(lambda: page.response is not None and page.response.query == text, timeout=10000)


def value_rows(facets, flt: str) -> list:
    return [facets.item_for(flt, value) for value in facets.values(flt) if facets.item_for(flt, value) is not None]


def test_a_language_filter_says_what_it_leaves_out_and_one_click_shows_all(qtbot, window) -> None:
    page = window.search_page
    search(qtbot, page, "бюджет")
    everything = page.response.total
    by_lang = dict(page.response.facets["lang"])
    assert not page.language_hint.isVisible(), "no filter, nothing left out"
    assert set(by_lang) >= {"ru", "ky"}

    page.set_filter("lang", "ru")
    qtbot.waitUntil(lambda: page.response.total == by_lang["ru"] and page.language_hint.isVisible(), timeout=10000)
    hint = page.language_hint
    assert hint.hidden_counts == {lang: n for lang, n in by_lang.items() if lang != "ru"}
    assert f"+{by_lang['ky']} in Kyrgyz" in hint.button.text()
    assert "Only in Russian" in hint.label.text()
    # the other languages stay offered in the filters, with their counts
    assert page.facets.values("lang") == by_lang
    assert page.facets.item_for("lang", "ru").checkState(0) == Qt.CheckState.Checked
    assert page.facets.item_for("lang", "ky").checkState(0) == Qt.CheckState.Unchecked

    qtbot.mouseClick(hint.button, Qt.MouseButton.LeftButton)  # one click: everything again
    qtbot.waitUntil(lambda: page.response.total == everything, timeout=10000)
    assert "lang" not in page.filters and not hint.isVisible()


def test_a_language_filter_that_hides_nothing_says_nothing(qtbot, window) -> None:
    page = window.search_page
    search(qtbot, page, "бюджет")
    page.set_filter("kind", "lesson")
    qtbot.waitUntil(lambda: page.filters.get("kind") == "lesson" and page.response.total > 0, timeout=10000)
    langs = page.response.facets["lang"]
    only = next(iter(langs)) if len(langs) == 1 else None
    page.set_filter("lang", only or "en")
    qtbot.waitUntil(lambda: page.filters.get("lang") == (only or "en") and not window.tasks.busy(), timeout=10000)
    hidden = {lang: n for lang, n in langs.items() if lang != (only or "en")}
    assert page.language_hint.isVisible() == bool(hidden)


def test_filter_values_are_check_boxes_with_counts_and_big_enough_rows(qtbot, window) -> None:
    page = window.search_page
    facets, tree = page.facets, page.facets.tree
    rows = value_rows(facets, "kind")
    assert len(rows) == 4
    for row in rows:
        value = row.data(0, Qt.ItemDataRole.UserRole)[2]
        assert row.checkState(0) == Qt.CheckState.Unchecked
        assert row.text(1) == str(facets.values("kind")[value]), "the count in its own column"
        assert row.text(0) and "(" not in row.text(0)
        assert tree.visualItemRect(row).height() >= 24, "a click target of at least 24 px"
    practice = facets.item_for("kind", "practice")
    tree.scrollToItem(practice)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(practice).center())
    qtbot.waitUntil(lambda: page.filters.get("kind") == "practice" and not window.tasks.busy(), timeout=10000)
    chosen = facets.item_for("kind", "practice")
    assert chosen.checkState(0) == Qt.CheckState.Checked and chosen.font(0).bold()
    assert chosen.background(0).color().alpha() > 0, "the chosen row is tinted"
    assert page.chip_buttons and all(chip.height() >= 24 for chip in page.chip_buttons)


def test_long_labels_wrap_instead_of_being_cut(qtbot, window) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_language

    facets = window.search_page.facets
    tree = facets.tree
    install_language(QApplication.instance(), "ky")
    try:
        qtbot.waitUntil(lambda: facets.heading.text() != "Narrow down", timeout=5000)
        facets.retranslate()
        qtbot.wait(50)
        rows = [r for flt in ("topic", "region", "target_group") for r in value_rows(facets, flt)]
        long_row = max(rows, key=lambda r: len(r.text(0)))
        label_width = tree.header().sectionSize(0) - tree.indentation() - 24
        for row in rows:
            font = row.font(0)
            metrics = QFontMetrics(font)
            needed = metrics.boundingRect(QRect(0, 0, label_width, 10_000), Qt.TextFlag.TextWordWrap, row.text(0))
            assert tree.visualItemRect(row).height() >= needed.height(), f"“{row.text(0)}” is cut"
        if QFontMetrics(long_row.font(0)).horizontalAdvance(long_row.text(0)) > label_width:
            assert tree.visualItemRect(long_row).height() > MIN_ROW, "two lines"
        assert any("ЖӨБ органдарынын кызматкерлери" == r.text(0) for r in rows)
    finally:
        install_language(QApplication.instance(), "en")


def test_an_empty_filter_panel_says_what_will_appear_there(qtbot, window) -> None:
    page, facets = window.search_page, window.search_page.facets
    assert facets.tree.isVisible() and not facets.empty_hint.isVisible()
    search(qtbot, page, "qqqzzzxxx")
    assert page.response.total == 0
    assert not facets.tree.isVisible() and facets.empty_hint.isVisible()
    assert "appear here" in facets.empty_hint.text()
