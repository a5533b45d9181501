"""Icons of the desktop app: the item kinds and the navigation pages (SVG files in ``resources/icons``).

A missing or unreadable SVG falls back to an icon of the Qt style, so the app never shows an empty
square. Icons are cached: the result list asks for them on every paint. :class:`PaletteIconStyle` keeps
the style's own grey line icons readable on a dark theme.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

# kind or page -> (SVG file name, the Qt style icon used when the file cannot be read)
_ICONS = {
    "practice": ("practice.svg", QStyle.StandardPixmap.SP_FileDialogDetailedView),
    "lesson": ("lesson.svg", QStyle.StandardPixmap.SP_MediaPlay),
    "document": ("document.svg", QStyle.StandardPixmap.SP_FileIcon),
    "event": ("event.svg", QStyle.StandardPixmap.SP_FileDialogInfoView),
    "all": ("all.svg", QStyle.StandardPixmap.SP_DirHomeIcon),
    "bookmarks": ("bookmark.svg", QStyle.StandardPixmap.SP_DialogApplyButton),
    "history": ("history.svg", QStyle.StandardPixmap.SP_BrowserReload),
    "downloads": ("download.svg", QStyle.StandardPixmap.SP_ArrowDown),
    "lock": ("lock.svg", QStyle.StandardPixmap.SP_DialogApplyButton),  # "Librarian…" in visitor mode
}


def icons_dir() -> Path:
    from app.paths import resources_dir  # light: no database or search imports

    return resources_dir() / "icons"


@cache
def icon(name: str) -> QIcon:
    """The icon of an item kind ("practice", "lesson", …) or a navigation page ("all", "bookmarks", …)."""
    file, fallback = _ICONS.get(name, ("", QStyle.StandardPixmap.SP_FileIcon))
    path = icons_dir() / file if file else None
    if path is not None and path.is_file():
        found = QIcon(str(path))
        if not found.isNull() and not found.pixmap(QSize(16, 16)).isNull():
            return found
    return QApplication.style().standardIcon(fallback)


def kind_icon(kind: str) -> QIcon:
    return icon(kind)


def load_thumbnail(path: Path, size: QSize) -> QImage | None:
    """Read and scale a thumbnail picture. Runs in a worker (QImage, unlike QPixmap, is thread-safe)."""
    image = QImage(str(path))
    if image.isNull():
        return None
    return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def to_pixmap(image: QImage) -> QPixmap:
    """On the UI thread: the worker's image as a pixmap for painting."""
    return QPixmap.fromImage(image)


class PaletteIconStyle(QProxyStyle):
    """The app's style, with Qt's grey line icons readable on a dark theme.

    The style's arrows and media buttons (play, pause, sound, page up/down…) are drawn in dark grey: on a
    dark palette they all but vanish. When the palette is dark, such an icon — every visible pixel grey and
    dark — is redrawn in the palette's button text colour; coloured icons (and every icon on a light
    palette) stay as the style draws them. Installed by :func:`follow_palette`.
    """

    def standardIcon(self, standard, option=None, widget=None) -> QIcon:  # Qt override
        icon = super().standardIcon(standard, option, widget)
        palette = widget.palette() if widget is not None else QApplication.palette()
        if icon.isNull() or palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return icon
        return _recoloured(icon, palette.color(QPalette.ColorRole.ButtonText))


def follow_palette(app: QApplication) -> None:
    """Wrap the application's style in :class:`PaletteIconStyle` (once)."""
    if not isinstance(app.style(), PaletteIconStyle):
        app.setStyle(PaletteIconStyle(app.style().name()))


def _recoloured(icon: QIcon, colour: QColor) -> QIcon:
    sizes = icon.availableSizes() or [QSize(16, 16), QSize(32, 32)]
    images = [icon.pixmap(size).toImage().convertToFormat(QImage.Format.Format_ARGB32) for size in sizes]
    if not all(_dark_grey(image) for image in images if not image.isNull()):
        return icon
    out = QIcon()
    for image in images:
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)  # keep the shape
        painter.fillRect(image.rect(), colour)
        painter.end()
        out.addPixmap(QPixmap.fromImage(image))
    return out


def _dark_grey(image: QImage) -> bool:
    """Are (nearly) all visible pixels grey and dark? (a line icon drawn for a light background)"""
    seen = grey = 0
    step = max(1, image.width() // 24)  # a sample is enough: these icons are small
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            if c.alpha() < 64:
                continue
            seen += 1
            grey += max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) < 24 and c.lightness() < 140
    return seen > 0 and grey >= seen * 0.9
