"""What the lesson view reads in a worker (:class:`LessonData`), and :func:`later`, the one safe way to
call the media player's slots from Python. Split out of ``ui/player.py``, which uses both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt
from PySide6.QtGui import QImage

from app.values import ItemDetail, NoteInfo

if TYPE_CHECKING:
    from app.library import Library


def later(target: QObject, slot: str, *args: tuple[str, object]) -> None:
    """Call a Qt slot of the player or its audio output from the event loop, not from Python.

    Why: with the FFmpeg backend, stopping or changing the source deletes renderer objects in their own
    threads; their destructors call back into our Python-made QAudioOutput (shiboken looks for a Python
    override, which takes the GIL) while holding a Qt lock that the player's next call waits for. Called from
    Python, that call holds the GIL: a deadlock (seen here about once in ten test runs, in ``stop()``). Queued,
    the slot runs in C++ with the GIL free. ``args`` are (C++ type name, value) pairs.
    """
    QMetaObject.invokeMethod(target, slot, Qt.QueuedConnection, *(Q_ARG(kind, value) for kind, value in args))


@dataclass(frozen=True)
class LessonData:
    """Everything the view shows for one lesson, read in a worker."""

    item: ItemDetail
    video: Path | None  # the video file, if it is on this PC
    resume: float | None
    bookmarked: bool
    notes: tuple[NoteInfo, ...]
    thumbnail: QImage | None
    related: tuple[tuple[str, str], ...]  # (id, title)
    images: dict[str, Path]  # "media:SHA" (the src in the description) -> stored file


def _read_lesson(library: Library, item_id: str) -> LessonData:
    page = library.item_page(item_id)
    item = page.item

    def stored(role: str) -> Path | None:
        f = next((f for f in item.files if f.role == role), None)
        path = library.media_path(f.sha256) if f is not None else None
        # the database may say "present" for a file someone deleted by hand: believe the disk
        return path if f is not None and f.present and path.is_file() else None

    thumb = stored("thumbnail")
    image = QImage(str(thumb)) if thumb else None  # QImage (unlike QPixmap) may be made off the UI thread
    return LessonData(item=item, video=stored("video"), resume=page.resume, bookmarked=page.bookmarked,
                      notes=page.notes, thumbnail=image if image is not None and not image.isNull() else None,
                      related=tuple((r.id, r.title) for r in page.related),
                      images={f"media:{f.sha256}": library.media_path(f.sha256) for f in item.files
                              if f.role == "image"})
