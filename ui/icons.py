"""Icons of the desktop app: the item kinds and the navigation pages (SVG files in ``resources/icons``).

A missing or unreadable SVG falls back to an icon of the Qt style, so the app never shows an empty
square. Icons are cached: the result list asks for them on every paint.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

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
