"""The reader: one practice, event or document — its text, files, translations, related items and notes.

The text is shown by :class:`ReaderBrowser`, a QTextBrowser that serves only pictures from the local
media store (bodies refer to them as ``media:SHA256``, see ``app/content.py``) and never touches the
network: http(s) pictures are simply not shown, and a click on a web link first asks whether to open
the system browser (most of our PCs are offline; a librarian should know a link needs the internet
before a browser window pops up and fails). PDF files open in the in-app :class:`PdfViewer` in the text's
place, at the full width (its Close button brings the text back); a document's main PDF opens there at once. Other files open with the PC's own program only if name and
type both say document, picture or text (``fsutil.openable``); anything else is only saved as a copy.

Laid out for 1366×768 screens: the text (or the PDF) takes the width, in lines of a readable length, with
files, related items and notes in a narrow column beside it (``ui/readerside.py``); the text size (A−/A+)
is a setting, kept for the next start; a button fills the screen (``ui/sidebar.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import fsutil
from app.errors import NotFoundError, SettingsUnreadableError
from app.settings import Settings
from app.values import FileInfo, ItemDetail, NoteInfo
from ui.kiosk import current_visit, kiosk_of, librarian_allows, print_dialog_accepted
from ui.pdfviewer import PdfViewer
from ui.readerside import CLICK_TARGET, PANEL_WIDTH, ReaderSidePanel
from ui.readertext import (
    LANGUAGE_NAMES,
    TEXT_SIZES,
    LocalDocument,
    ReaderBrowser,
    copy_file,
    is_pdf,
    item_html,
    may_open,
    plain_error,
    safe_file_name,
    write_pdf,
)
from ui.sidebar import FullScreenButton
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager

READER_KINDS = {"practice", "event", "document"}


@dataclass(frozen=True)
class ReaderData:
    item_id: str
    detail: ItemDetail | None  # None: the item is no longer in the library
    related: tuple[tuple[str, str, str, str], ...]  # (id, kind, lang, title)
    bookmarked: bool
    notes: tuple[NoteInfo, ...]


def _load(library: Library, item_id: str) -> ReaderData:  # runs in a worker
    try:
        page = library.item_page(item_id)
    except NotFoundError:  # its notes are still shown
        return ReaderData(item_id, None, (), False, tuple(library.notes(item_id)))
    return ReaderData(item_id, page.item, tuple((r.id, r.kind, r.lang, r.title) for r in page.related),
                      page.bookmarked, page.notes)


class ReaderView(QWidget):
    """Shows one practice, event or document. The host routes ``open_item``/``open_lesson`` to the right view."""

    open_item = Signal(str)  # a related item or a translation was chosen
    open_lesson = Signal(str, float)  # the recording of an event (lesson id, start second)
    bookmarks_changed = Signal()
    item_shown = Signal(str)  # an item (or what is left of a removed one) is on screen

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("reading_page", True)  # the window folds its sections away (ui/sidebar.py)
        self.library, self.tasks = library, tasks
        self.item: ItemDetail | None = None
        self.item_id: str | None = None  # the item shown (also when it is no longer in the library)
        self.requested_id: str | None = None  # the item being loaded or shown
        self.related: tuple[tuple[str, str, str, str], ...] = ()
        self._last_dir = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)

        self.lang_buttons: dict[str, QToolButton] = {}
        top = QHBoxLayout()
        self.lang_caption = QLabel()
        top.addWidget(self.lang_caption)
        for lang, name in LANGUAGE_NAMES.items():
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, lang=lang: self.show_translation(lang))
            self.lang_buttons[lang] = button
            top.addWidget(button)
        top.addStretch(1)
        self.recording_button = QPushButton()
        self.recording_button.clicked.connect(lambda _checked=False: self._watch())
        self.bookmark_button = QToolButton()
        self.bookmark_button.setCheckable(True)
        self.bookmark_button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.bookmark_button.clicked.connect(lambda checked: self.set_bookmarked(checked))
        self.print_button = QToolButton()
        self.print_button.clicked.connect(lambda _checked=False: self.print_item())
        self.export_button = QToolButton()
        self.export_button.clicked.connect(lambda _checked=False: self.export_pdf_dialog())
        self.smaller_button = QToolButton()  # A− / A+: the text size, kept for the next start
        self.smaller_button.clicked.connect(lambda _checked=False: self.step_text_size(-1))
        self.larger_button = QToolButton()
        self.larger_button.clicked.connect(lambda _checked=False: self.step_text_size(1))
        self.full_screen_button = FullScreenButton()
        for w in (self.recording_button, self.bookmark_button, self.print_button, self.export_button,
                  self.smaller_button, self.larger_button, self.full_screen_button):
            top.addWidget(w)
        for w in (*self.lang_buttons.values(), self.recording_button, self.bookmark_button, self.print_button,
                  self.export_button, self.smaller_button, self.larger_button, self.full_screen_button):
            w.setMinimumHeight(CLICK_TARGET)  # easy to hit for someone new to a mouse

        self.notice = QLabel()  # plain-words messages: a file not on this PC, an export done, an error
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.notice.hide()

        self.browser = ReaderBrowser(library)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.side = ReaderSidePanel(library, tasks)
        self.side.file_activated.connect(self._activate)
        self.side.open_file_requested.connect(self.open_file)
        self.side.save_file_requested.connect(self.save_file)
        self.side.related_chosen.connect(self._go_to)
        # the names the rest of the program (and the tests) know them by
        self.files, self.related_list, self.notes = self.side.files, self.side.related_list, self.side.notes
        self.open_file_button, self.save_file_button = self.side.open_file_button, self.side.save_file_button

        self.pdf = PdfViewer()
        self.pdf.close_requested.connect(self.close_pdf)
        self.pdf.hide()
        self.body = QStackedWidget()  # the text, or a PDF in its place at the full width
        self.body.addWidget(self.browser)
        self.body.addWidget(self.pdf)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.body)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([3 * PANEL_WIDTH, PANEL_WIDTH])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

        self.print_action = self._action(QKeySequence.StandardKey.Print, self.print_item)
        self.bookmark_action = self._action(QKeySequence("Ctrl+D"), self.bookmark_button.click)
        self.export_action = self._action(QKeySequence("Ctrl+Shift+E"), self.export_pdf_dialog)
        self.smaller_action = self._action(QKeySequence("Ctrl+-"), lambda: self.step_text_size(-1))
        self.larger_action = self._action(QKeySequence("Ctrl+="), lambda: self.step_text_size(1))
        self.larger_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.set_text_size(self._saved_text_size(), save=False)
        self.retranslate()
        self._update_controls()

    def _action(self, keys, slot) -> QAction:
        action = QAction(self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)  # only while the reader is the shown view
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.lang_caption.setText(self.tr("Read in:"))
        names = {"ky": self.tr("Read in Kyrgyz"), "ru": self.tr("Read in Russian"), "en": self.tr("Read in English")}
        for lang, button in self.lang_buttons.items():
            button.setAccessibleName(names[lang])
            button.setToolTip(names[lang])
        self.recording_button.setAccessibleName(self.tr("Watch the recording"))
        self.print_button.setText(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print this text (Ctrl+P)"))
        self.print_button.setAccessibleName(self.tr("Print"))
        self.export_button.setText(self.tr("Save as PDF"))
        self.export_button.setToolTip(self.tr("Save this text as a PDF file (Ctrl+Shift+E)"))
        self.export_button.setAccessibleName(self.tr("Save as PDF"))
        self.browser.setAccessibleName(self.tr("Text"))
        self.smaller_button.setText(self.tr("A−"))
        self.smaller_button.setToolTip(self.tr("Smaller text (Ctrl+−)"))
        self.smaller_button.setAccessibleName(self.tr("Smaller text"))
        self.larger_button.setText(self.tr("A+"))
        self.larger_button.setToolTip(self.tr("Larger text (Ctrl++)"))
        self.larger_button.setAccessibleName(self.tr("Larger text"))
        self._update_controls()
        if self.item_id is not None:  # the header (kind, labels, dates) is in the UI language
            self._render()
            self._fill_lists()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ------------------------------------------------------------------------------

    def show_item(self, item_id: str) -> None:
        """Load ``item_id`` (a practice, event or document) off the UI thread and show it."""
        self.requested_id = item_id
        library = self.library
        self.tasks.run(lambda task: _load(library, item_id), queue=Queue.READ, key=f"reader-{id(self)}",
                       name="open item", on_done=self._loaded, on_error=self._load_failed)

    def _loaded(self, loaded: ReaderData) -> None:
        if loaded.item_id != self.requested_id:
            return
        self.item, self.item_id, self.related = loaded.detail, loaded.item_id, loaded.related
        self._hide_notice()
        self.close_pdf()
        self._fill_lists()
        self.notes.set_item(loaded.item_id, list(loaded.notes), exists=loaded.detail is not None)
        self._render()
        if loaded.detail is not None:
            self.bookmark_button.setChecked(loaded.bookmarked)
            if self.item.kind == "document":
                main = next((f for f in self.item.files if f.role == "file" and is_pdf(f)), None)
                if main is not None:
                    self.open_file(main)
            library, item_id, visit = self.library, loaded.item_id, current_visit(self)
            self.tasks.run(lambda task: library.record_opened(item_id, visit_id=visit), queue=Queue.WRITE,
                           name="history")
        self._update_controls()
        self.item_shown.emit(loaded.item_id)

    def _load_failed(self, error: BaseException) -> None:
        self._say(self.tr("This item could not be opened: %1").replace("%1", str(error)))

    # --- the text -----------------------------------------------------------------------------

    def _render(self) -> None:
        if self.item is not None:
            self.browser.setHtml(item_html(self.item))
        elif self.item_id is not None:
            self.browser.setPlainText(self.tr("This item is no longer in the library. It was removed when the "
                                              "library was updated."))

    def _fill_lists(self) -> None:
        self.side.fill(self.item, self.related)

    # --- text size ------------------------------------------------------------------------------

    def _saved_text_size(self) -> int:
        try:
            return Settings(self.library.paths).get("reader_text_size")
        except (OSError, ValueError, SettingsUnreadableError):  # a locked settings file: the usual size
            return 100

    def text_size(self) -> int:
        return self.browser.text_percent

    def set_text_size(self, percent: int, *, save: bool = True) -> None:
        """The text size in percent of the system font (one of TEXT_SIZES); ``save``: kept for the next start."""
        percent = min(TEXT_SIZES, key=lambda p: abs(p - percent))
        self.browser.set_text_percent(percent)
        self.smaller_button.setEnabled(percent > TEXT_SIZES[0])
        self.larger_button.setEnabled(percent < TEXT_SIZES[-1])
        if save:
            paths = self.library.paths
            self.tasks.run(lambda task: Settings(paths).set("reader_text_size", percent), queue=Queue.WRITE,
                           key="reader-text-size", name="text size")

    def step_text_size(self, steps: int) -> None:
        """A− (-1) or A+ (+1)."""
        at = TEXT_SIZES.index(self.text_size()) if self.text_size() in TEXT_SIZES else TEXT_SIZES.index(100)
        self.set_text_size(TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, at + steps))])

    def _update_controls(self) -> None:
        d = self.item
        for lang, button in self.lang_buttons.items():
            button.setVisible(d is not None and lang in d.translations and len(d.translations) > 1)
            button.setChecked(d is not None and d.lang == lang)
        self.lang_caption.setVisible(any(not b.isHidden() for b in self.lang_buttons.values()))
        watch = d is not None and (d.recording or d.kind == "lesson")
        self.recording_button.setVisible(bool(watch))
        self.recording_button.setText(self.tr("Watch the video lesson") if d is not None and d.kind == "lesson"
                                      else self.tr("Watch the recording"))
        for w in (self.bookmark_button, self.print_button, self.export_button):
            w.setEnabled(d is not None)
        for a in (self.print_action, self.bookmark_action, self.export_action):
            a.setEnabled(d is not None)
        on = self.bookmark_button.isChecked()
        self.bookmark_button.setText(self.tr("★ Bookmarked") if on else self.tr("☆ Bookmark"))
        self.bookmark_button.setToolTip(self.tr("Remove the bookmark (Ctrl+D)") if on
                                        else self.tr("Bookmark this item (Ctrl+D)"))
        self.bookmark_button.setAccessibleName(self.tr("Bookmark"))
        self.side.update_buttons()

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _hide_notice(self) -> None:
        self.notice.clear()
        self.notice.hide()

    # --- going elsewhere ----------------------------------------------------------------------

    def show_translation(self, lang: str) -> None:
        if self.item is not None and lang in self.item.translations and lang != self.item.lang:
            self._go_to(self.item.translations[lang], self.item.kind)
        self._update_controls()  # a click on the current language must not uncheck it

    def _go_to(self, item_id: str, kind: str | None = None) -> None:
        self.open_item.emit(item_id)
        # Used on its own (nobody routed the signal back to show_item), the reader goes there itself.
        if self.requested_id != item_id and (kind is None or kind in READER_KINDS):
            self.show_item(item_id)

    def _watch(self) -> None:
        if self.item is not None:
            self.open_lesson.emit(self.item.recording or self.item.id, 0.0)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("", "file") and url.hasFragment() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
        elif url.scheme() in ("http", "https", "mailto"):
            self.open_external(url)

    def open_external(self, url: QUrl) -> bool:
        """Ask, then hand a web link to the system browser. Returns True if it was opened."""
        if not librarian_allows(self):  # visitor mode: no other programs while locked
            return False
        text = self.tr("This link leads to the internet:\n\n%1\n\nOpen it in your web browser? "
                       "It works only when this PC is connected.").replace("%1", url.toDisplayString())
        box = QMessageBox(QMessageBox.Question, self.tr("Open a web link?"), text,
                          QMessageBox.Open | QMessageBox.Cancel, self)
        box.setDefaultButton(QMessageBox.Cancel)
        box.setTextFormat(Qt.PlainText)  # the address comes from the feed: shown as it is, never as markup
        box.setTextInteractionFlags(Qt.TextSelectableByMouse)  # the address can be copied instead
        if box.exec() != QMessageBox.Open:
            return False
        return QDesktopServices.openUrl(url)

    # --- files --------------------------------------------------------------------------------

    def _current_file(self) -> FileInfo | None:
        return self.side.current_file()

    def _activate(self, info: FileInfo) -> None:
        """A double-click or Enter on a file: open what may be opened, offer to save a copy of anything else."""
        if may_open(info) or not info.present:
            self.open_file(info)
        else:
            self.save_file(info)

    def open_file(self, info: FileInfo) -> bool:
        """Open an attachment: a PDF in the viewer here, a document, picture or text with the PC's own program;
        not anything else (it could be a program)."""
        main = self.item is not None and info.role == "file" and self.item.kind == "document"
        title = info.title or (self.item.title if main else info.name)
        if info.present and not is_pdf(info) and not librarian_allows(self):  # visitor mode: no other programs
            return False
        if not info.present:
            self._say(self.tr("\u201c%1\u201d is not on this PC yet. It comes with the next library update "
                              "(or from the Downloads page).").replace("%1", title))
            return False
        path = self.library.media_path(info.sha256)
        if is_pdf(info):
            self.pdf.show()
            self.body.setCurrentWidget(self.pdf)  # the page at the full width, in the text's place
            ok = self.pdf.open_file(path, title)
            if ok:
                self._hide_notice()
            return ok
        if not fsutil.openable(info.name, info.mime):
            self._say(self.tr("The file \u201c%1\u201d is not opened here: it is not a document, a picture or a "
                              "text (it could be a program). Use \u201cSave a copy\u2026\u201d to keep it.")
                      .replace("%1", info.name))
            return False
        # Media files are named by their hash; give the other program a copy under the real name (checked again).
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.TempLocation)) / "kitepkana" / info.sha256[:16]
        try:
            target = fsutil.inside(folder, info.name)
        except ValueError as e:  # checked when read; here only a link planted in the temporary folder
            return self._file_failed(e) or False
        self.tasks.run(lambda task: copy_file(path, target, reuse=True), queue=Queue.READ, name="open file",
                       on_done=lambda p: QDesktopServices.openUrl(QUrl.fromLocalFile(str(p))),
                       on_error=self._file_failed)
        return True

    def save_file(self, info: FileInfo) -> bool:
        """Ask where, then copy the file there. Refused while visitor mode is locked."""
        if not info.present:
            return self.open_file(info)  # says it is not here
        if (kiosk := kiosk_of(self)) is not None and kiosk.locked:  # no file dialogs for a visitor
            self._say(self.tr("Files cannot be saved while this PC is in visitor mode. Please ask the librarian."))
            return False
        default = Path(self._last_dir) / fsutil.safe_name(info.name, info.sha256[:16])
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), str(default))
        if not name:
            return False
        self._last_dir = str(Path(name).parent)
        source = self.library.media_path(info.sha256)
        self.tasks.run(lambda task: copy_file(source, Path(name)), queue=Queue.READ, name="save file",
                       on_done=lambda p: self._say(self.tr("Saved: %1").replace("%1", str(p))),
                       on_error=self._file_failed)
        return True

    def _file_failed(self, error: BaseException) -> None:
        self._say(self.tr("The file could not be copied: %1").replace("%1", plain_error(error)))

    def close_pdf(self) -> None:
        self.pdf.close_file()
        self.pdf.hide()
        self.body.setCurrentWidget(self.browser)

    def set_bookmarked(self, on: bool) -> None:
        """Bookmark the shown item (or remove the bookmark); the button shows the new state at once."""
        if self.item is None:
            return
        item_id, library, visit = self.item.id, self.library, current_visit(self)
        self.bookmark_button.setChecked(on)
        self._update_controls()

        def failed(error: BaseException) -> None:
            if self.item is not None and self.item.id == item_id:
                self.bookmark_button.setChecked(not on)
                self._update_controls()
            self._say(self.tr("The bookmark could not be saved: %1").replace("%1", str(error)))

        self.tasks.run(lambda task: library.set_bookmark(item_id, on, visit_id=visit), queue=Queue.WRITE,
                       name="bookmark", on_done=lambda _r: self.bookmarks_changed.emit(), on_error=failed)

    def _document(self) -> QTextDocument:
        # printed at the usual size, whatever A−/A+ chose for the screen
        return LocalDocument(self.library, item_html(self.item), title=self.item.title, font=self.browser.base_font)

    def print_item(self) -> None:
        if self.item is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.item.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        if print_dialog_accepted(self, dialog, printer):  # visitor mode, locked: on paper only
            self._document().print_(printer)

    def export_pdf(self, path: Path) -> Path:
        """Write the shown item as a PDF file at ``path`` (no dialog). Raises OSError if it cannot be written."""
        if self.item is None:
            raise ValueError("no item is shown")
        return write_pdf(self._document(), path, title=self.item.title)

    def export_pdf_dialog(self) -> None:
        if self.item is None or not librarian_allows(self):  # visitor mode: no file dialogs while locked
            return
        default = Path(self._last_dir) / safe_file_name(self.item.title, self.item.id)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), f"{default}.pdf",
                                              self.tr("PDF files (*.pdf)"))
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        self._last_dir = str(path.parent)
        try:
            self.export_pdf(path)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Save as PDF"),
                                self.tr("The PDF file could not be saved: %1").replace("%1", plain_error(e)))
            return
        self._say(self.tr("Saved as PDF: %1").replace("%1", str(path)))
