"""The in-app PDF viewer (QtPdf): pages, zoom and find, so a document never needs another program.

Library PCs often have no PDF reader installed, or an old one; QtPdf (PDFium) is bundled with the app.
Loading a PDF takes a few milliseconds and QPdfSearchModel searches page by page on timer events, so
nothing here blocks the UI thread for long and nothing goes through the task manager.

Keys work while the focus is anywhere inside the viewer: PgUp/PgDn (page), Ctrl++ / Ctrl+- (zoom),
Ctrl+F (find), F3 / Shift+F3 (next/previous hit). The viewer claims these keys through
``ShortcutOverride`` instead of installing QShortcuts, because a window-wide shortcut on the same key
(say the main window's Ctrl+F for the library search) would make both ambiguous and neither would fire.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0


class PdfViewer(QWidget):
    """Shows one PDF file. ``open_file`` returns False (and says why, in plain words) if it cannot."""

    page_changed = Signal(int)  # 0-based page now at the top of the view
    close_requested = Signal()  # the user pressed "Close" (the host decides whether to hide the viewer)
    search_finished = Signal(int)  # number of hits for the current search text (may grow while searching)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.title = ""
        self.error = ""  # the plain-words reason the last open_file failed
        self._pending_hit = False  # jump to the first hit as soon as the search model finds one
        self._hit = -1
        self._updating_spin = False

        self.document = QPdfDocument(self)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.document)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setSearchModel(self.search_model)
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._page_changed)
        self.search_model.countChanged.connect(self._hits_changed)

        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.PlainText)
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        style = self.style()
        self.prev_button = self._button(style.standardIcon(QStyle.SP_ArrowUp), self.previous_page)
        self.next_button = self._button(style.standardIcon(QStyle.SP_ArrowDown), self.next_page)
        for button in (self.prev_button, self.next_button):  # arrows only: with the Russian words beside them
            button.setToolButtonStyle(Qt.ToolButtonIconOnly)  # the row pushed the library sections off screen
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)  # typing "12" must not jump to page 1 first
        self.page_spin.valueChanged.connect(self._spin_changed)
        self.page_count_label = QLabel()
        self.zoom_out_button = self._button(None, self.zoom_out)
        self.zoom_in_button = self._button(None, self.zoom_in)
        self.fit_button = self._button(None, self.fit_width)
        self.close_button = self._button(style.standardIcon(QStyle.SP_DialogCloseButton), self.close_requested.emit)

        self.find_edit = QLineEdit()
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.textChanged.connect(self._find_text_changed)
        self.find_prev_button = self._button(style.standardIcon(QStyle.SP_ArrowLeft), self.find_previous)
        self.find_next_button = self._button(style.standardIcon(QStyle.SP_ArrowRight), self.find_next)
        self.find_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.close_button)
        nav = QHBoxLayout()
        for w in (self.prev_button, self.next_button, self.page_spin, self.page_count_label):
            nav.addWidget(w)
        nav.addSpacing(12)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            nav.addWidget(w)
        nav.addStretch(1)
        find = QHBoxLayout()
        self.find_caption = QLabel()
        self.find_caption.setBuddy(self.find_edit)
        for w in (self.find_caption, self.find_edit, self.find_prev_button, self.find_next_button, self.find_label):
            find.addWidget(w)
        self.find_edit.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

        self.message = QLabel()  # shown instead of the pages when the file cannot be opened
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setTextFormat(Qt.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(nav)
        layout.addLayout(find)
        layout.addWidget(self.stack, 1)
        self.view.installEventFilter(self)  # PgUp/PgDn would otherwise just scroll inside the view
        self.retranslate()
        self._update_controls()

    def _button(self, icon, slot) -> QToolButton:
        button = QToolButton()
        if icon is not None:
            button.setIcon(icon)
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.prev_button.setText(self.tr("Previous page"))
        self.prev_button.setToolTip(self.tr("Previous page (PgUp)"))
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.next_button.setText(self.tr("Next page"))
        self.next_button.setToolTip(self.tr("Next page (PgDn)"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setToolTip(self.tr("Type a page number and press Enter"))
        self.zoom_out_button.setText(self.tr("Smaller"))
        self.zoom_out_button.setToolTip(self.tr("Make the page smaller (Ctrl+-)"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_in_button.setText(self.tr("Larger"))
        self.zoom_in_button.setToolTip(self.tr("Make the page larger (Ctrl++)"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.setToolTip(self.tr("Make the page as wide as the window"))
        self.fit_button.setAccessibleName(self.tr("Fit to width"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close this file"))
        self.close_button.setAccessibleName(self.tr("Close the file"))
        self.find_caption.setText(self.tr("&Find in this file:"))
        self.find_edit.setPlaceholderText(self.tr("Word to find (Ctrl+F)"))
        self.find_edit.setAccessibleName(self.tr("Find in this file"))
        self.find_prev_button.setToolTip(self.tr("Previous place found (Shift+F3)"))
        self.find_prev_button.setAccessibleName(self.tr("Previous place found"))
        self.find_next_button.setToolTip(self.tr("Next place found (F3 or Enter)"))
        self.find_next_button.setAccessibleName(self.tr("Next place found"))
        self.view.setAccessibleName(self.tr("Pages of the file"))
        self.message.setAccessibleName(self.tr("Message"))
        self._update_controls()
        if self.error and self.path is not None:
            self._show_error(self.document.error())

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- opening ------------------------------------------------------------------------------

    def open_file(self, path: Path, title: str = "") -> bool:
        """Show ``path``; ``title`` is what the user knows the file as (media files are named by hash)."""
        self.close_file()
        self.path = Path(path)
        self.title = title or self.path.name
        self.title_label.setText(self.title)
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() <= 0:
            self._show_error(error)
            return False
        self.error = ""
        self.stack.setCurrentWidget(self.view)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.go_to_page(0)
        self._update_controls()
        return True

    def close_file(self) -> None:
        self.search_model.setSearchString("")
        self.document.close()
        # QPdfDocument.close() keeps the file it loaded open until the next load (Qt 6.11): on Windows a sync or
        # a clean-up could then neither replace nor delete that file. Loading an empty buffer lets go of it.
        if self.path is not None:
            empty = QBuffer(self.document)
            empty.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(empty)
            self.document.close()
            empty.deleteLater()
        self.path, self.title, self.error = None, "", ""
        self._hit, self._pending_hit = -1, False
        self.title_label.clear()
        self.find_label.clear()
        self.stack.setCurrentWidget(self.view)
        self._update_controls()

    def _show_error(self, error: QPdfDocument.Error) -> None:
        reasons = {
            QPdfDocument.Error.FileNotFound: self.tr("The file is not on this PC."),
            QPdfDocument.Error.InvalidFileFormat: self.tr("The file is damaged or is not a PDF file."),
            QPdfDocument.Error.IncorrectPassword: self.tr("The file is locked with a password."),
            QPdfDocument.Error.UnsupportedSecurityScheme:
                self.tr("The file is locked in a way this program cannot open."),
        }
        reason = reasons.get(error, self.tr("The file is damaged or is not a PDF file."))
        self.error = self.tr("Cannot show \u201c%1\u201d. %2").replace("%1", self.title).replace("%2", reason)
        self.message.setText(self.error)
        self.stack.setCurrentWidget(self.message)
        self._update_controls()

    def is_open(self) -> bool:
        return self.path is not None and not self.error and self.document.pageCount() > 0

    # --- pages --------------------------------------------------------------------------------

    def page(self) -> int:
        """The current page, counting from 0."""
        return self.navigator.currentPage()

    def page_count(self) -> int:
        return self.document.pageCount() if self.is_open() else 0

    def go_to_page(self, page: int, location: QPointF | None = None) -> None:
        if not self.is_open():
            return
        page = max(0, min(page, self.document.pageCount() - 1))
        self.navigator.jump(page, location if location is not None else QPointF(), self.navigator.currentZoom())
        self._page_changed(self.navigator.currentPage())

    def next_page(self) -> None:
        self.go_to_page(self.page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.page() - 1)

    def _page_changed(self, page: int) -> None:
        self._updating_spin = True
        self.page_spin.setValue(page + 1)
        self._updating_spin = False
        self._update_controls()
        self.page_changed.emit(page)

    def _spin_changed(self, value: int) -> None:
        if not self._updating_spin:
            self.go_to_page(value - 1)

    # --- zoom ---------------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))

    def _effective_zoom(self) -> float:
        """Fit-to-width keeps zoomFactor at its old value; compute what the eye sees instead."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.is_open():
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.page()).width() or 1.0
        pixels_per_point = self.logicalDpiX() / 72.0
        return max(ZOOM_MIN, self.view.viewport().width() / (points * pixels_per_point))

    def zoom_in(self) -> None:
        self.set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # --- find ---------------------------------------------------------------------------------

    def start_find(self) -> None:
        self.find_edit.setFocus(Qt.ShortcutFocusReason)
        self.find_edit.selectAll()

    def find(self, text: str) -> None:
        """Search for ``text`` (any case); the view goes to the first hit as soon as it is found."""
        if self.find_edit.text() != text:
            self.find_edit.setText(text)  # -> _find_text_changed
        else:
            self._find_text_changed(text)
        self._pending_hit = bool(text.strip())

    def hit_count(self) -> int:
        return self.search_model.count()

    def current_hit(self) -> int:
        return self._hit

    def find_next(self) -> None:
        self._step_hit(+1)

    def find_previous(self) -> None:
        self._step_hit(-1)

    def _find_text_changed(self, text: str) -> None:
        self._hit = -1
        self.view.setCurrentSearchResultIndex(-1)
        self.search_model.setSearchString(text.strip())
        self._pending_hit = False
        self._update_find_label()

    def _step_hit(self, step: int) -> None:
        count = self.search_model.count()
        if not count:
            # still searching (or nothing typed yet): go to the first hit once there is one
            self._pending_hit = bool(self.search_model.searchString())
            self._update_find_label()
            return
        self._go_to_hit(0 if self._hit < 0 else (self._hit + step) % count)

    def _go_to_hit(self, index: int) -> None:
        link = self.search_model.resultAtIndex(index)
        self._hit = index
        self.view.setCurrentSearchResultIndex(index)
        self.go_to_page(link.page(), link.location())
        self._update_find_label()

    def _hits_changed(self) -> None:
        count = self.search_model.count()
        if self._pending_hit and count > 0:
            self._pending_hit = False
            self._go_to_hit(0)
        self._update_find_label()
        self.search_finished.emit(count)

    def _update_find_label(self) -> None:
        count = self.search_model.count()
        if not self.search_model.searchString():
            self.find_label.clear()
        elif count == 0:
            self.find_label.setText(self.tr("Not found"))
        elif self._hit >= 0:
            self.find_label.setText(self.tr("%1 of %2").replace("%1", str(self._hit + 1)).replace("%2", str(count)))
        else:
            self.find_label.setText(self.tr("Found: %1").replace("%1", str(count)))
        has_hits = count > 0
        self.find_prev_button.setEnabled(has_hits)
        self.find_next_button.setEnabled(has_hits)

    # --- controls and keys --------------------------------------------------------------------

    def _update_controls(self) -> None:
        open_ = self.is_open()
        pages = self.document.pageCount() if open_ else 0
        page = self.page() if open_ else 0
        self._updating_spin = True
        self.page_spin.setRange(1, max(pages, 1))
        self.page_spin.setValue(page + 1)
        self._updating_spin = False
        self.page_count_label.setText(self.tr("of %1").replace("%1", str(pages)) if open_ else "")
        self.prev_button.setEnabled(open_ and page > 0)
        self.next_button.setEnabled(open_ and page < pages - 1)
        for w in (self.page_spin, self.zoom_in_button, self.zoom_out_button, self.fit_button, self.find_edit):
            w.setEnabled(open_)

    def _action_for(self, event: QKeyEvent):
        if event.matches(QKeySequence.StandardKey.Find):
            return self.start_find
        if event.matches(QKeySequence.StandardKey.FindNext):
            return self.find_next
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            return self.find_previous
        combo = QKeySequence(event.keyCombination())
        ctrl = Qt.KeyboardModifier.ControlModifier
        if event.matches(QKeySequence.StandardKey.ZoomIn) or combo in (QKeySequence(ctrl | Qt.Key_Equal),
                                                                       QKeySequence(ctrl | Qt.Key_Plus)):
            return self.zoom_in
        if event.matches(QKeySequence.StandardKey.ZoomOut) or combo == QKeySequence(ctrl | Qt.Key_Minus):
            return self.zoom_out
        if event.modifiers() == Qt.NoModifier and event.key() == Qt.Key_PageDown:
            return self.next_page
        if event.modifiers() == Qt.NoModifier and event.key() == Qt.Key_PageUp:
            return self.previous_page
        return None

    def event(self, event: QEvent) -> bool:
        # Claim our keys before any window-wide shortcut sees them (see the module docstring).
        if event.type() == QEvent.ShortcutOverride and self._action_for(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        action = self._action_for(event)
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self.view and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_PageUp,
                                                                                       Qt.Key_PageDown):
            action = self._action_for(event)
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)
