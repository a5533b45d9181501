"""The in-app PDF viewer on the sample documents: pages, keys, zoom, find (Cyrillic, typed), damaged files."""

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdfWidgets import QPdfView

from tests.conftest import SAMPLE
from ui.pdfviewer import PdfViewer

DOCS = SAMPLE / "documents" / "media"
METHODOLOGY = DOCS / "doc-pb-methodology-ru.pdf"  # 3 pages, Russian
PASTURE = DOCS / "doc-pasture-guide-ky.pdf"  # 4 pages, Kyrgyz


@pytest.fixture
def viewer(qtbot) -> PdfViewer:
    w = PdfViewer()
    qtbot.addWidget(w)
    w.resize(700, 900)
    w.show()
    return w


def type_text(widget, text: str) -> None:
    """Per-character key events: qtbot.keyClicks aborts on non-ASCII text with this Qt (see FIELD-NOTES)."""
    for ch in text:
        widget.event(QKeyEvent(QEvent.KeyPress, Qt.Key_unknown, Qt.NoModifier, ch))
        widget.event(QKeyEvent(QEvent.KeyRelease, Qt.Key_unknown, Qt.NoModifier, ch))


def test_opens_a_pdf_and_pages_through_it(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(METHODOLOGY, "Бюджет участия: методика")
    assert viewer.page_count() == 3 and viewer.page() == 0
    assert viewer.title_label.text() == "Бюджет участия: методика"
    assert viewer.page_count_label.text() == "of 3"
    assert not viewer.prev_button.isEnabled() and viewer.next_button.isEnabled()

    viewer.next_button.click()
    assert viewer.page() == 1 and viewer.page_spin.value() == 2
    qtbot.keyClick(viewer.view, Qt.Key_PageDown)  # the key pages, it does not just scroll
    assert viewer.page() == 2 and viewer.page_spin.value() == 3
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer.view, Qt.Key_PageDown)  # already on the last page: stays
    assert viewer.page() == 2
    qtbot.keyClick(viewer.view, Qt.Key_PageUp)
    assert viewer.page() == 1

    viewer.page_spin.setValue(1)  # typing a page number
    assert viewer.page() == 0
    with qtbot.waitSignal(viewer.page_changed) as changed:
        viewer.go_to_page(99)
    assert changed.args == [2]


def test_zoom_in_out_and_fit_width(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(METHODOLOGY)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    viewer.set_zoom(1.0)
    qtbot.keyClick(viewer.view, Qt.Key_Plus, Qt.ControlModifier)
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.zoom_factor() == pytest.approx(1.25)
    qtbot.keyClick(viewer.view, Qt.Key_Minus, Qt.ControlModifier)
    qtbot.keyClick(viewer.view, Qt.Key_Minus, Qt.ControlModifier)
    assert viewer.zoom_factor() == pytest.approx(0.8)
    viewer.fit_button.click()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    for _ in range(30):  # bounded: a stuck key cannot zoom into nothing
        viewer.zoom_out()
    assert viewer.zoom_factor() == pytest.approx(0.25)


def test_find_a_russian_word_jumps_to_its_page(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(METHODOLOGY)
    # "Закупки" is only on the third page (checked with pypdf); searching ignores case
    with qtbot.waitSignal(viewer.page_changed, timeout=10000, check_params_cb=lambda p: p == 2):
        viewer.find("закупки")
    assert viewer.page() == 2
    assert viewer.hit_count() == 1 and viewer.current_hit() == 0
    assert viewer.find_label.text() == "1 of 1"


def test_find_typed_kyrgyz_word_with_ctrl_f_and_enter(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(PASTURE, "Жайыт комитеттери үчүн колдонмо")
    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key_F, Qt.ControlModifier)
    assert viewer.find_edit.hasFocus() or viewer.focusWidget() is viewer.find_edit
    type_text(viewer.find_edit, "сүйлөштүрүүгө")  # ө and ү: only on page 3
    assert viewer.find_edit.text() == "сүйлөштүрүүгө"
    with qtbot.waitSignal(viewer.page_changed, timeout=10000, check_params_cb=lambda p: p == 2):
        qtbot.keyClick(viewer.find_edit, Qt.Key_Return)  # pressed before the search has finished
    assert viewer.page() == 2 and viewer.current_hit() == 0


def test_next_and_previous_hit_wrap_around(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(PASTURE)
    viewer.find("талаш-тартыш")  # pages 1 and 3
    qtbot.waitUntil(lambda: viewer.hit_count() >= 4, timeout=10000)
    assert viewer.current_hit() == 0  # the first hit is shown by itself
    pages = [viewer.page()]
    for _ in range(viewer.hit_count() - 1):
        viewer.find_next()
        pages.append(viewer.page())
    assert set(pages) == {0, 2}
    assert viewer.current_hit() == viewer.hit_count() - 1
    viewer.find_next()
    assert viewer.current_hit() == 0 and viewer.page() == 0
    viewer.find_previous()
    assert viewer.current_hit() == viewer.hit_count() - 1 and viewer.page() == 2


def test_a_word_that_is_not_there(qtbot, viewer: PdfViewer) -> None:
    assert viewer.open_file(METHODOLOGY)
    viewer.find("пастбищный билет")
    qtbot.wait(300)
    viewer.find_next()
    assert viewer.hit_count() == 0 and viewer.page() == 0
    assert viewer.find_label.text() == "Not found"


def test_damaged_and_missing_files_are_explained(qtbot, viewer: PdfViewer, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(METHODOLOGY.read_bytes()[:200])
    assert not viewer.open_file(broken, "Методика")
    assert viewer.stack.currentWidget() is viewer.message
    assert "Методика" in viewer.message.text() and "damaged" in viewer.message.text()
    assert viewer.page_count() == 0 and not viewer.next_button.isEnabled()

    assert not viewer.open_file(tmp_path / "gone.pdf")
    assert "not on this PC" in viewer.message.text()

    assert viewer.open_file(METHODOLOGY)  # the viewer recovers
    assert viewer.stack.currentWidget() is viewer.view and viewer.page_count() == 3


def test_closing_lets_go_of_the_file_so_windows_can_replace_it(viewer: PdfViewer, tmp_path: Path) -> None:
    # QPdfDocument.close() alone keeps the file open: on Windows a sync could not replace it, nor a clean-up delete
    from tests import windowsfs

    if not windowsfs.available():
        pytest.skip("the Windows mode reads /proc/self/fd")
    shown = tmp_path / "shown.pdf"
    shown.write_bytes(next(SAMPLE.rglob("*.pdf")).read_bytes())
    with windowsfs.windows_fs(case_root=str(tmp_path)):
        assert viewer.open_file(shown)
        with pytest.raises(PermissionError):
            shown.unlink()
        viewer.close_file()
        shown.unlink()
