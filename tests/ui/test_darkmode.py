"""Dark mode: on a dark palette the result list, the reader and the style's line icons follow the palette's
colours (light text on a dark background), instead of hard-coded black text or a light-yellow marker."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from ui.results import match_style
from ui.tasks import TaskManager

MARKER_LIGHT = QColor("#fff1a8")  # the light theme's marker under search matches


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#7fb4ff",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp: QApplication):
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.wait()


def shades(image: QImage, *, left: float = 0.0, right: float = 1.0) -> dict[str, int]:
    """Counts of light, near-black and light-marker pixels in a band of ``image`` (every 2nd pixel)."""
    counts = {"light": 0, "black": 0, "marker": 0}
    for y in range(0, image.height(), 2):
        for x in range(int(image.width() * left), int(image.width() * right), 2):
            c = image.pixelColor(x, y)
            counts["light"] += c.lightness() > 170
            counts["black"] += c.lightness() < 12
            counts["marker"] += (abs(c.red() - MARKER_LIGHT.red()) + abs(c.green() - MARKER_LIGHT.green())
                                 + abs(c.blue() - MARKER_LIGHT.blue())) < 30
    return counts


def test_the_match_marker_follows_the_palette(dark: QPalette) -> None:
    css = match_style(dark)
    assert "#000000" not in css and dark.color(QPalette.ColorRole.Text).name() in css
    assert "#fff1a8" not in css, "a light marker under light text cannot be read"
    light = QPalette(QColor("#f0f0f0"))  # Qt derives a light palette with black text from a light button colour
    assert "#fff1a8" in match_style(light) and light.color(QPalette.ColorRole.Text).name() in match_style(light)


def test_results_are_light_on_dark(qtbot, dark: QPalette, sample_library, tasks) -> None:
    from ui.searchview import SearchPage

    page = SearchPage(tasks)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.set_library(sample_library)
    page.search_box.setText("жайыт")
    page.search_now()
    qtbot.waitUntil(lambda: page.response is not None and page.response.query == "жайыт" and bool(page.model.rows),
                    timeout=20000)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10000)
    image = page.results.viewport().grab().toImage()
    counts = shades(image, left=0.2, right=0.95)  # the text column, right of the pictures
    assert counts["light"] > 500, counts
    assert counts["black"] == 0, f"black text on the dark list: {counts}"
    assert counts["marker"] == 0, f"the light-theme marker on the dark list: {counts}"


def test_the_reader_is_light_on_dark(qtbot, dark: QPalette, sample_library, tasks) -> None:
    from ui.reader import ReaderView
    from ui.readertext import item_html

    view = ReaderView(sample_library, tasks)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.item_shown, timeout=20000):
        view.show_item("pasture-atbashy-ky")
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10000)
    # no colour of its own anywhere in the HTML: the text browser paints it with the palette
    assert not re.search(r"color\s*:", item_html(sample_library.get_item("pasture-atbashy-ky")), re.IGNORECASE)
    assert not re.search(r"color\s*:", view.browser.document().defaultStyleSheet(), re.IGNORECASE)
    counts = shades(view.browser.viewport().grab().toImage())
    assert counts["light"] > 500, counts
    assert counts["black"] == 0, f"black text in the dark reader: {counts}"


def test_grey_line_icons_are_redrawn_light_on_a_dark_palette(qapp: QApplication, dark: QPalette) -> None:
    from ui.icons import PaletteIconStyle

    style = PaletteIconStyle("Fusion")
    try:
        def mean_lightness(icon) -> float:
            image = icon.pixmap(32, 32).toImage()
            seen = [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]
            seen = [c.lightness() for c in seen if c.alpha() > 128]
            return sum(seen) / len(seen)

        plain = style.baseStyle().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        redrawn = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        assert mean_lightness(plain) < 120, "Fusion's media icons are dark grey"
        assert mean_lightness(redrawn) > 180, "on a dark palette they are redrawn in the light text colour"
        qapp.setPalette(QPalette(QColor("#f0f0f0")))
        assert mean_lightness(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)) < 120, "light: unchanged"
    finally:
        style.deleteLater()
