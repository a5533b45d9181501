"""The notes panel of the reader: a user's own notes on one item (local only; sync never touches them).

Notes on an item that was removed from the library upstream stay, and say so. In visitor mode (``ui/kiosk.py``) a
new note carries the visit's id, and while the PC is locked a visitor can delete only the notes of their own
visit, never the librarian's. Writes go through the
task manager's write queue; the list is filled by whoever loaded the item (one read for everything).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.values import NoteInfo
from ui.formats import local_time
from ui.kiosk import current_visit, kiosk_of
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager


def when(iso: str) -> str:
    """A time stored by the core (ISO, UTC without an offset), in local time and the interface language."""
    return local_time(iso)


class NotesPanel(QWidget):
    """List, add and delete the notes of one item."""

    notes_changed = Signal()  # a note was added or deleted (after the write finished)
    failed = Signal(str)  # a write failed; the message is in plain words

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.tasks = library, tasks
        self.item_id: str | None = None
        self.exists = True
        self.notes: list[NoteInfo] = []

        self.heading = QLabel(textFormat=Qt.PlainText)  # also an error, which may quote text from a feed
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)  # Tab moves on to the button, as in any form
        self.editor.textChanged.connect(self._update_buttons)
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * 4 + 12)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda _checked=False: self.add_note())
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(lambda _checked=False: self._ask_delete())
        self.editor_caption = QLabel()
        self.editor_caption.setBuddy(self.editor)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.editor_caption)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        layout.addStretch()  # no notes: the list is hidden and the editor stays under the heading
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Your notes"))
        self.editor_caption.setText(self.tr("&New note:"))
        self.editor.setAccessibleName(self.tr("Text of a new note"))
        self.editor.setPlaceholderText(self.tr("Write a note for yourself. Only this PC keeps it."))
        self.add_button.setText(self.tr("Add note"))
        self.add_button.setAccessibleName(self.tr("Add note"))
        self.delete_button.setText(self.tr("Delete note"))
        self.delete_button.setAccessibleName(self.tr("Delete the chosen note"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing ------------------------------------------------------------------------------

    def set_item(self, item_id: str | None, notes: list[NoteInfo], *, exists: bool = True) -> None:
        """Show ``notes`` of ``item_id``; ``exists=False`` when the item is gone (new notes are then refused)."""
        # an unsaved draft in the editor stays: switching items must not throw away what someone typed
        self.item_id, self.notes, self.exists = item_id, list(notes), exists
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for note in self.notes:
            text = f"{when(note.created_at)}\n{note.text}"
            if note.orphaned:
                text += "\n" + self.tr("(the item this note was about has been removed from the library)")
            row = QListWidgetItem(text)
            row.setData(Qt.UserRole, note.id)
            self.list.addItem(row)
        self.list.setVisible(bool(self.notes))  # not an empty box: the heading says there are none yet
        if not self.exists:
            self.heading.setText(self.tr("This item is no longer in the library. Your notes on it are kept."))
        elif self.notes:
            self.heading.setText(self.tr("Your notes (%1):").replace("%1", str(len(self.notes))))
        else:
            self.heading.setText(self.tr("You have no notes on this item yet."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        can_add = self.item_id is not None and self.exists
        self.editor.setEnabled(can_add)
        self.add_button.setEnabled(can_add and bool(self.editor.toPlainText().strip()))
        row = self.list.currentItem()
        self.delete_button.setEnabled(row is not None and self.may_delete(row.data(Qt.UserRole)))

    def _locked_visit(self) -> str | None:
        """While visitor mode is locked: the visit whose notes may be deleted (else None: any note may)."""
        kiosk = kiosk_of(self)
        return (kiosk.visit_id or "") if kiosk is not None and kiosk.locked else None

    def may_delete(self, note_id: int) -> bool:
        """A visitor (visitor mode, locked) deletes only notes of their own visit."""
        visit = self._locked_visit()
        note = next((n for n in self.notes if n.id == note_id), None)
        return note is not None and (visit is None or (bool(visit) and note.visit_id == visit))

    def note_texts(self) -> list[str]:
        return [n.text for n in self.notes]

    # --- changing -----------------------------------------------------------------------------

    def add_note(self, text: str | None = None) -> None:
        """Save ``text`` (or what is in the editor) as a new note on the current item."""
        text = (self.editor.toPlainText() if text is None else text).strip()
        item_id = self.item_id
        if not text or item_id is None or not self.exists:
            return
        self.add_button.setEnabled(False)  # no double notes from a double click
        library, visit = self.library, current_visit(self)
        self.tasks.run(lambda task: library.add_note(item_id, text, visit_id=visit), queue=Queue.WRITE, name="add note",
                       on_done=lambda note: self._added(item_id, note), on_error=self._failed)

    def _added(self, item_id: str, note: NoteInfo) -> None:
        if item_id == self.item_id:
            self.notes.append(note)
            self.editor.clear()
            self._fill()
        self.notes_changed.emit()

    def _ask_delete(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        if not self.may_delete(row.data(Qt.UserRole)):  # the PC locked again since the button was enabled
            self.delete_note(row.data(Qt.UserRole))  # says why not
            return
        answer = QMessageBox.question(self, self.tr("Delete note"), self.tr("Delete this note? This cannot be undone."),
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self.delete_note(row.data(Qt.UserRole))

    def delete_note(self, note_id: int) -> bool:
        """Delete a note; refused (False) for a note a visitor did not write while the PC is locked."""
        if not self.may_delete(note_id):
            self._failed(PermissionError(self.tr("Only the librarian can delete this note.")))
            return False
        library, visit = self.library, self._locked_visit()
        self.tasks.run(lambda task: library.delete_note(note_id, visit_id=visit), queue=Queue.WRITE, name="delete note",
                       on_done=lambda deleted: self._deleted(note_id, deleted), on_error=self._failed)
        return True

    def _deleted(self, note_id: int, deleted: bool = True) -> None:
        if not deleted:  # the core refused too (the lock came on meanwhile)
            self._fill()
            return
        self.notes = [n for n in self.notes if n.id != note_id]
        self._fill()
        self.notes_changed.emit()

    def _failed(self, error: BaseException) -> None:
        message = self.tr("Your notes could not be changed: %1").replace("%1", str(error))
        self.heading.setText(message)
        self._update_buttons()
        self.failed.emit(message)
