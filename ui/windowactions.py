"""The main window's actions, menus and toolbar: made once (:func:`install`), their words set again at each
change of language (:func:`retranslate`).

The actions stay attributes of the window (``window.update_action``, ``window.view_menu``, ``window.toolbar``…):
the side bar, the visitor strip and the tests find them there. Their words keep the window's translation
context ("MainWindow"), so moving them here changed no translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from ui.i18n import LANGUAGE_NAMES
from ui.problemreport import save_problem_report

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow


def install(window: MainWindow) -> None:
    """Make the window's actions, its menu bar and its toolbar."""
    style = window.style()

    def action(slot: Callable[[], object], icon: QStyle.StandardPixmap | None = None, keys: tuple = ()) -> QAction:
        act = QAction(window)
        if icon is not None:
            act.setIcon(style.standardIcon(icon))
        if keys:
            sequences: list[QKeySequence] = []
            for k in keys:  # a key listed twice would make the shortcut ambiguous: it would never fire
                found = (QKeySequence.keyBindings(k) if isinstance(k, QKeySequence.StandardKey)
                         else [QKeySequence(k)])
                sequences += [q for q in found if not q.isEmpty() and q not in sequences]
            act.setShortcuts(sequences)
        act.triggered.connect(slot)
        window.addAction(act)  # shortcuts work even with the toolbar hidden
        return act

    sp = QStyle.StandardPixmap
    window.back_action = action(window.go_back, sp.SP_ArrowBack, ("Alt+Left", "Back"))  # not Backspace
    window.back_action.setEnabled(False)
    window.find_action = action(window.focus_search, sp.SP_FileDialogContentsView, (QKeySequence.StandardKey.Find,))
    window.update_action = action(window.show_update, sp.SP_BrowserReload, ("Ctrl+U",))
    window.export_action = action(window.show_export, sp.SP_DriveHDIcon, ("Ctrl+Shift+U",))
    window.usbkit_action = action(window.show_usbkit, sp.SP_DriveFDIcon)
    window.librarian_action = action(window.librarian_login, sp.SP_DialogApplyButton)
    window.librarian_action.setVisible(False)
    window.settings_action = action(window.show_settings, sp.SP_FileDialogDetailedView, ("Ctrl+,",))
    window.about_action = action(window.show_about, sp.SP_MessageBoxInformation, ("F1",))
    window.report_action = action(lambda: save_problem_report(window), sp.SP_DialogSaveButton)
    window.quit_action = action(window.close, None, (QKeySequence.StandardKey.Quit,))
    window.done_action = action(window.visitor_done, sp.SP_DialogOkButton)
    window.done_action.setVisible(False)
    window.language_group = QActionGroup(window)
    window.language_actions = {}
    for code, name in LANGUAGE_NAMES.items():  # each language named in itself, never translated
        act = QAction(name, window.language_group)
        act.setCheckable(True)
        act.triggered.connect(lambda _checked=False, c=code: window.set_language(c))
        window.language_actions[code] = act

    bar = window.menuBar()
    window.library_menu = bar.addMenu("")
    for act in (window.update_action, window.export_action, window.usbkit_action, window.settings_action,
                window.librarian_action):
        window.library_menu.addAction(act)
    window.library_menu.addSeparator()
    window.library_menu.addAction(window.quit_action)
    window.view_menu = bar.addMenu("")
    window.view_menu.addAction(window.back_action)
    window.view_menu.addAction(window.find_action)
    window.language_menu = bar.addMenu("")
    window.language_menu.addActions(list(window.language_actions.values()))
    window.help_menu = bar.addMenu("")
    window.help_menu.addActions([window.report_action, window.about_action])

    window.toolbar = QToolBar()
    window.toolbar.setObjectName("main-toolbar")
    window.toolbar.setMovable(False)
    window.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for act in (window.back_action, window.update_action, window.export_action, window.settings_action):
        window.toolbar.addAction(act)
    window.toolbar.addSeparator()
    window.toolbar.addAction(window.done_action)
    window.toolbar.addAction(window.librarian_action)
    window.addToolBar(window.toolbar)


def retranslate(window: MainWindow) -> None:
    """The actions', menus' and toolbar's words in the language now installed."""
    # literal QCoreApplication.translate calls, not an alias: lupdate finds only those (as in ui/drives.py)
    texts = {
        window.back_action: (QCoreApplication.translate("MainWindow", "&Back"),
                             QCoreApplication.translate("MainWindow", "Back to where you were (Alt+Left)")),
        window.find_action: (QCoreApplication.translate("MainWindow", "&Find in the library"),
                             QCoreApplication.translate("MainWindow", "Go to the search box (Ctrl+F)")),
        window.update_action: (QCoreApplication.translate("MainWindow", "&Update library"),
                               QCoreApplication.translate("MainWindow", "Get new practices, lessons and documents "
                                                                        "from the portal or a USB drive")),
        window.export_action: (QCoreApplication.translate("MainWindow", "&Copy library to a USB drive…"),
                               QCoreApplication.translate("MainWindow",
                                                          "So that another computer can update from the drive")),
        window.usbkit_action: (QCoreApplication.translate("MainWindow", "Make a USB &kit…"),
                               QCoreApplication.translate("MainWindow", "The program and this library on a USB "
                                                                        "drive, to install another computer")),
        window.settings_action: (QCoreApplication.translate("MainWindow", "&Settings…"),
                                 QCoreApplication.translate("MainWindow",
                                                            "Language, data folder, updates, visitor mode")),
        window.about_action: (QCoreApplication.translate("MainWindow", "&About Kitepkana"), ""),
        window.report_action: (QCoreApplication.translate("MainWindow", "Save a &problem report…"),
                               QCoreApplication.translate("MainWindow", "A file for whoever supports this library: "
                                                                        "versions, settings, the log")),
        window.quit_action: (QCoreApplication.translate("MainWindow", "&Quit"), ""),
        window.done_action: (QCoreApplication.translate("MainWindow", "I am &done"),
                             QCoreApplication.translate("MainWindow",
                                                        "Clear what this visitor left for the next one")),
        window.librarian_action: (QCoreApplication.translate("MainWindow", "&Librarian…"),
                                  QCoreApplication.translate("MainWindow", "Show the settings and updates (asks for "
                                                                           "the librarian's PIN)")),
    }
    for act, (text, tip) in texts.items():
        act.setText(text)
        act.setToolTip(tip or text.replace("&", ""))
    window.library_menu.setTitle(QCoreApplication.translate("MainWindow", "&Library"))
    window.view_menu.setTitle(QCoreApplication.translate("MainWindow", "&View"))
    window.language_menu.setTitle(QCoreApplication.translate("MainWindow", "L&anguage"))
    window.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
    window.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Main toolbar"))
