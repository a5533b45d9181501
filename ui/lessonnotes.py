"""The lesson view's bookmark and notes: saving them through the task manager's "write" queue.

A mixin of :class:`ui.player.LessonView` (split out of ``ui/player.py``): it uses the view's ``item``,
``library``, ``tasks``, ``notes``, ``caption``, ``position()`` and ``bookmarks_changed``.
"""

from __future__ import annotations

from app.values import NoteInfo
from ui.kiosk import current_visit
from ui.tasks import Queue


class LessonUserData:
    def _bookmark_clicked(self, on: bool) -> None:
        self.retranslate()
        if self.item is None:
            return
        item_id, library, visit = self.item.id, self.library, current_visit(self)
        self.tasks.run(lambda task: library.set_bookmark(item_id, on, visit_id=visit), queue=Queue.WRITE,
                       name="bookmark", on_done=lambda _on: self.bookmarks_changed.emit(),
                       on_error=self._user_data_failed)

    def add_note(self, text: str) -> None:
        """Save a note at the current moment of the video."""
        if self.item is None or not text.strip():
            return
        position = round(self.position(), 1) if self._source is not None else None  # no video: no moment
        item_id, library, visit = self.item.id, self.library, current_visit(self)
        self.tasks.run(lambda task: library.add_note(item_id, text.strip(), position=position, visit_id=visit),
                       queue=Queue.WRITE, name="add note", on_done=self._note_added, on_error=self._user_data_failed)

    def _note_added(self, note: NoteInfo) -> None:
        if self.item is not None and note.item_id == self.item.id:
            self.notes.append(note)
        self.bookmarks_changed.emit()

    def _user_data_failed(self, error: BaseException) -> None:
        self.caption.setText(self.tr("Your bookmark or note could not be saved: %1").replace("%1", str(error)))
