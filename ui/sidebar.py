"""The sections bar that folds away while reading, and full screen, so a text or a video gets the room.

Library PCs mostly have 1366×768 screens: with the sections list beside it, a practice's text got about
two thirds of the width and a video lesson 376×210 pixels. :class:`SideBar` holds the sections list and
the page stack side by side; while a reading page is shown (a widget with the ``reading_page`` property:
the reader, the lesson player) the list folds away. A "Sections" button in the toolbar, and F9, bring it
back (and fold it again); what the user chose is kept for reading pages and for the other pages apart, so
going back to the search shows the sections again. F11 (or the full-screen button of a reading page, see
:class:`FullScreenButton`) makes the window fill the screen; Esc or F11 again leaves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QStackedWidget, QStyle, QToolButton, QWidget

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow

NAV_WIDTH = 200  # the sections list when shown (its labels are short in every language)


def is_reading_page(page: QWidget | None) -> bool:
    return page is not None and bool(page.property("reading_page"))


def toggle_full_screen(widget: QWidget) -> None:
    window = widget.window()
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()


class SideBar(QSplitter):
    """The sections list beside the page stack. ``folded_changed`` says when the list went away or came back."""

    folded_changed = Signal(bool)

    def __init__(self, nav: QWidget, stack: QStackedWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.nav, self.stack = nav, stack
        self.addWidget(nav)
        self.addWidget(stack)
        self.setStretchFactor(1, 1)
        self.setSizes([NAV_WIDTH, 900])
        self._shown = {False: True, True: False}  # reading page? -> the sections list is shown
        self._reading = False
        self.toggle_action = QAction(self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setChecked(True)
        self.toggle_action.setShortcut(QKeySequence("F9"))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogListView))
        self.toggle_action.triggered.connect(lambda on: self.set_folded(not on, remember=True))
        self.full_screen_action = QAction(self)
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcuts([QKeySequence("F11")])
        self.full_screen_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.full_screen_action.triggered.connect(lambda _on: toggle_full_screen(self))
        self.leave_full_screen_action = QAction(self)  # Esc, only while the window fills the screen
        self.leave_full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_full_screen_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.leave_full_screen_action.setEnabled(False)
        self.leave_full_screen_action.triggered.connect(lambda: self.window().showNormal())
        stack.currentChanged.connect(lambda _i: self._page_changed())
        self.retranslate()

    def install(self, window: MainWindow) -> None:
        """Put the actions where a user finds them: the View menu, the toolbar's first button, the window's keys."""
        for action in (self.toggle_action, self.full_screen_action, self.leave_full_screen_action):
            window.addAction(action)
        window.view_menu.addSeparator()
        window.view_menu.addActions([self.toggle_action, self.full_screen_action])
        first = window.toolbar.actions()[0] if window.toolbar.actions() else None
        window.toolbar.insertAction(first, self.toggle_action)
        window.installEventFilter(self)

    def retranslate(self) -> None:
        self.toggle_action.setText(self.tr("&Sections"))
        self.toggle_action.setToolTip(self.tr("Show or hide the list of sections (F9)"))
        self.full_screen_action.setText(self.tr("&Full screen"))
        self.full_screen_action.setToolTip(self.tr("Use the whole screen (F11; Esc to leave)"))
        self.leave_full_screen_action.setText(self.tr("Leave full screen"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowStateChange and watched is self.window():
            full = self.window().isFullScreen()
            self.full_screen_action.setChecked(full)
            self.leave_full_screen_action.setEnabled(full)
        return False

    # --- folding ------------------------------------------------------------------------------

    @property
    def folded(self) -> bool:
        return self.nav.isHidden()

    def set_folded(self, folded: bool, *, remember: bool = False) -> None:
        """Hide or show the sections list; ``remember``: the user asked, so pages of this sort keep it so."""
        if remember:
            self._shown[self._reading] = not folded
        if folded != self.folded:
            if folded:
                self.nav.hide()
            else:
                self.nav.show()
                sizes = self.sizes()
                if sizes[0] < NAV_WIDTH // 2:  # it comes back at its width, not squeezed
                    self.setSizes([NAV_WIDTH, max(sum(sizes) - NAV_WIDTH, 1)])
            self.folded_changed.emit(folded)
        self.toggle_action.setChecked(not folded)

    def toggle(self) -> None:
        self.set_folded(not self.folded, remember=True)

    def _page_changed(self) -> None:
        self._reading = is_reading_page(self.stack.currentWidget())
        self.set_folded(not self._shown[self._reading])


class FullScreenButton(QToolButton):
    """A reading page's "Full screen" button: fills the screen with the window, and says how to come back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clicked.connect(lambda _checked=False: toggle_full_screen(self))
        self._watched: QWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        window = self.window()
        full = window is not self and window.isFullScreen()
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton if full
                                               else QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.setText(self.tr("Leave full screen") if full else self.tr("Full screen"))
        self.setToolTip(self.tr("Back to the normal window (Esc or F11)") if full
                        else self.tr("Use the whole screen for reading (F11)"))
        self.setAccessibleName(self.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QEvent) -> None:
        window = self.window()
        if window is not self and window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self.retranslate()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowStateChange and watched is self._watched:
            self.retranslate()
        return False
