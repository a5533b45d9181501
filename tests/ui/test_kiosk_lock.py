"""Visitor mode, locked, in real widgets: no file dialogs, no other programs, no Downloads management, no deleting
the librarian's notes — each refused while locked and allowed once the librarian gave the PIN; what a visitor
writes carries the visit's id and goes when they leave."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QDialog

from app.library import Library
from app.visitor import VisitorLock, hash_pin
from ui.kiosk import Kiosk, kiosk_of
from ui.reader import ReaderView
from ui.tasks import TaskManager

PIN = "2468"
TUP_RU = "elibrary-tup-ru"
EVENT = "event-pb-webinar-ky"  # has one attachment (a PDF)


def turn_on(library: Library) -> None:
    VisitorLock(library).update(enabled=True, pin_hash=hash_pin(PIN, iterations=1000))


class Dialogs(QObject):
    """Answers the modal dialogs that come up while it watches, the way a person would, and notes which came."""

    def __init__(self, answers: dict | None = None) -> None:
        super().__init__()
        self.answers = answers or {}
        self.seen: list[str] = []
        self._last = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._look)
        self.timer.start(20)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is self._last or not dialog.isVisible():
            return
        self._last = dialog
        name = type(dialog).__name__
        self.seen.append(name)
        self.answers.get(name, QDialog.reject)(dialog)

    def stop(self) -> list[str]:
        self.timer.stop()
        return self.seen


@pytest.fixture
def dialogs():
    made: list[Dialogs] = []

    def watch(**answers) -> Dialogs:
        d = Dialogs(answers)
        made.append(d)
        return d

    yield watch
    for d in made:
        d.stop()


class Opened(QObject):
    """Receives what would have been handed to another program (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    receiver = Opened()
    for scheme in ("file", "https", "http"):
        QDesktopServices.setUrlHandler(scheme, receiver, "open")
    yield receiver
    for scheme in ("file", "https", "http"):
        QDesktopServices.unsetUrlHandler(scheme)


@pytest.fixture
def locked_reader(qtbot, sample_library: Library):
    turn_on(sample_library)
    tasks = TaskManager()
    kiosk = Kiosk(sample_library, tasks=tasks)
    view = ReaderView(sample_library, tasks)
    view.kiosk = kiosk  # in the app the window's Kiosk is found through the parents
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    assert kiosk.locked and kiosk_of(view.notes) is kiosk
    yield view, kiosk
    kiosk.shutdown()
    tasks.wait()


def show(qtbot, reader: ReaderView, item_id: str) -> None:
    with qtbot.waitSignal(reader.item_shown, timeout=15000, check_params_cb=lambda shown: shown == item_id):
        reader.show_item(item_id)


def run(qtbot, dialogs, action, **answers) -> list[str]:
    """Do ``action`` and return the dialogs that came up (answered by ``answers``, else cancelled)."""
    watcher = dialogs(**answers)
    action()
    qtbot.wait(100)
    return watcher.stop()


def test_save_as_pdf_needs_the_librarian(qtbot, locked_reader, dialogs) -> None:
    """(Save a copy… of an attachment: tests/ui/test_reader_safety.py.)"""
    reader, kiosk = locked_reader
    show(qtbot, reader, TUP_RU)
    # locked: the PIN is asked first; cancelled, no file dialog ever opens
    assert run(qtbot, dialogs, reader.export_pdf_dialog) == ["PinDialog"]
    assert run(qtbot, dialogs, lambda: reader.export_action.trigger()) == ["PinDialog"]
    # the librarian's PIN: the file dialog comes
    assert kiosk.try_pin(PIN)
    assert run(qtbot, dialogs, reader.export_pdf_dialog) == ["QFileDialog"]
    kiosk.lock()
    assert run(qtbot, dialogs, reader.export_pdf_dialog) == ["PinDialog"]


def test_the_pin_dialog_opens_the_way_for_the_file_dialog(qtbot, locked_reader, dialogs) -> None:
    reader, kiosk = locked_reader
    show(qtbot, reader, TUP_RU)

    def give_pin(dialog) -> None:
        dialog.pin.setText(PIN)
        dialog.submit()

    assert run(qtbot, dialogs, reader.export_pdf_dialog, PinDialog=give_pin) == ["PinDialog", "QFileDialog"]
    assert not kiosk.locked


def test_no_other_program_is_started_while_locked(qtbot, locked_reader, dialogs, opened: Opened) -> None:
    reader, kiosk = locked_reader
    show(qtbot, reader, EVENT)
    info = reader.files.item(0).data(Qt.UserRole)
    other = dataclasses.replace(info, name="notes.txt", mime="text/plain")  # opened by another program
    web = QUrl("https://example.org/practices/123")
    assert run(qtbot, dialogs, lambda: reader.open_file(other)) == ["PinDialog"]
    assert run(qtbot, dialogs, lambda: reader.browser.anchorClicked.emit(web)) == ["PinDialog"]  # no question
    reader.tasks.wait()
    qtbot.wait(100)
    assert opened.urls == []
    # unlocked: the file goes to the PC's own program, and a web link asks and then opens
    assert kiosk.try_pin(PIN)
    assert run(qtbot, dialogs, lambda: reader.open_file(other)) == []
    qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=10000)
    assert opened.urls[0].toLocalFile().endswith("notes.txt")
    assert run(qtbot, dialogs, lambda: reader.browser.anchorClicked.emit(web),
               QMessageBox=lambda box: box.done(box.standardButton(box.buttons()[0]))) == ["QMessageBox"]
    qtbot.waitUntil(lambda: len(opened.urls) == 2, timeout=5000)
    assert opened.urls[1] == web


def test_printing_goes_to_paper_only_while_locked(qtbot, locked_reader, dialogs) -> None:
    reader, kiosk = locked_reader
    show(qtbot, reader, TUP_RU)
    options = []

    def print_it(dialog: QPrintDialog) -> None:
        options.append(dialog.testOption(QPrintDialog.PrintDialogOption.PrintToFile))
        dialog.accept()

    # this machine has no printer: Qt's print dialog can only write a PDF file, so the PIN is asked
    assert run(qtbot, dialogs, reader.print_item, QPrintDialog=print_it) == ["QPrintDialog", "PinDialog"]
    assert options == [False]  # the PIN was not given: nothing printed
    # the librarian: printing to a file is offered and taken without another question
    assert kiosk.try_pin(PIN)
    assert run(qtbot, dialogs, reader.print_item, QPrintDialog=print_it) == ["QPrintDialog"]
    assert options == [False, True]


def test_a_visitor_deletes_only_their_own_notes(qtbot, locked_reader, sample_library: Library, dialogs) -> None:
    reader, kiosk = locked_reader
    librarians = sample_library.add_note(TUP_RU, "librarian's note")
    show(qtbot, reader, TUP_RU)
    panel = reader.notes
    with qtbot.waitSignal(panel.notes_changed, timeout=10000):
        panel.add_note("visitor's note")  # as typed into the panel
    visitors = next(n for n in sample_library.notes(TUP_RU) if n.text == "visitor's note")
    assert visitors.visit_id == kiosk.visit_id and visitors.visit_id
    panel.list.setCurrentRow(0)  # the librarian's
    assert not panel.delete_button.isEnabled()
    assert panel.delete_note(librarians.id) is False and "Only the librarian" in panel.heading.text()
    panel.list.setCurrentRow(1)
    assert panel.delete_button.isEnabled()
    with qtbot.waitSignal(panel.notes_changed, timeout=10000):
        assert panel.delete_note(visitors.id)
    assert [n.id for n in sample_library.notes(TUP_RU)] == [librarians.id]
    # the librarian (PIN given) deletes any note
    assert kiosk.try_pin(PIN)
    panel.list.setCurrentRow(0)
    assert panel.delete_button.isEnabled()
    kiosk.lock()  # locked again while the button was enabled: refused, without asking "Delete this note?"
    assert run(qtbot, dialogs, lambda: qtbot.mouseClick(panel.delete_button, Qt.LeftButton)) == []
    assert "Only the librarian" in panel.heading.text() and len(sample_library.notes(TUP_RU)) == 1
    assert kiosk.try_pin(PIN)
    panel.list.setCurrentRow(-1)
    panel.list.setCurrentRow(0)
    with qtbot.waitSignal(panel.notes_changed, timeout=10000):
        assert panel.delete_note(librarians.id)
    assert sample_library.notes(TUP_RU) == []


def test_what_a_visitor_writes_in_the_reader_goes_when_they_leave(qtbot, locked_reader, sample_library) -> None:
    reader, kiosk = locked_reader
    lib = sample_library
    kept = lib.add_note(EVENT, "librarian's note")
    lib.record_opened(EVENT, position=3.0)
    show(qtbot, reader, TUP_RU)
    with qtbot.waitSignal(reader.notes.notes_changed, timeout=10000):
        reader.notes.add_note("visitor's note")
    with qtbot.waitSignal(reader.bookmarks_changed, timeout=10000):
        reader.bookmark_button.click()
    show(qtbot, reader, EVENT)  # the librarian's history entry: left as it was
    reader.tasks.wait()
    assert {h[0] for h in lib.history()} == {TUP_RU, EVENT} and lib.bookmarks() == [TUP_RU]
    with qtbot.waitSignal(kiosk.visitor_left, timeout=10000):
        kiosk.visitor_done()
    assert [n.id for n in lib.notes()] == [kept.id]
    assert [h[0] for h in lib.history()] == [EVENT] and lib.resume_position(EVENT) == 3.0
    assert lib.bookmarks() == []


def test_downloads_are_managed_by_the_librarian_only(qtbot, lib: Library, tasks, portal, dialogs) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from ui.downloads import DownloadsView

    turn_on(lib)
    kiosk = Kiosk(lib, tasks=tasks)
    view = DownloadsView(lib, tasks)
    view.kiosk = kiosk
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.rows) == 6, timeout=60_000)
    item_id = "lesson-pb-intro-ru"
    view.tree.selectionModel().select(view.tree.indexFromItem(view.rows[item_id].widget),
                                      QItemSelectionModel.Select | QItemSelectionModel.Rows)
    click = lambda button: lambda: qtbot.mouseClick(button, Qt.LeftButton)
    assert run(qtbot, dialogs, click(view.download_button)) == ["PinDialog"]
    assert run(qtbot, dialogs, click(view.all_button)) == ["PinDialog"]
    assert run(qtbot, dialogs, lambda: view.enqueue(item_id)) == ["PinDialog"]
    assert {view.state_of(i) for i in view.rows} == {"missing"} and portal.log == []  # nothing fetched
    portal.throttle(None, rate=100_000)  # slow enough to try to pause and cancel while it runs
    assert kiosk.try_pin(PIN)
    assert run(qtbot, dialogs, click(view.download_button)) == []
    assert view.state_of(item_id) == "active"
    kiosk.lock()
    for button in (view.pause_button, view.cancel_button):
        assert run(qtbot, dialogs, click(button)) == ["PinDialog"]
        assert view.state_of(item_id) == "active"
    assert kiosk.try_pin(PIN)
    assert run(qtbot, dialogs, click(view.cancel_button)) == []
    qtbot.waitUntil(lambda: view.state_of(item_id) == "missing", timeout=60_000)
    kiosk.shutdown()


def test_in_the_window_a_damaged_settings_file_leaves_everything_locked(qtbot, sample_dir: Path, dialogs) -> None:
    from app import paths as app_paths
    from ui.app import start

    with Library.open(sample_dir) as library:
        turn_on(library)
    app_paths.resolve(sample_dir).settings_file.write_text("\x00{garbage", encoding="utf-8")
    window = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.kiosk is not None and window.search_page.response is not None, timeout=20000)
    assert window.kiosk.locked and not window.settings_action.isVisible() and window.librarian_action.isVisible()
    with qtbot.waitSignal(window.item_opened, timeout=10000):
        window.open_item(TUP_RU)
    reader = window.current_page()
    assert isinstance(reader, ReaderView) and kiosk_of(reader) is window.kiosk  # found through the parents
    qtbot.waitUntil(lambda: reader.item is not None, timeout=10000)
    assert run(qtbot, dialogs, lambda: reader.export_action.trigger()) == ["PinDialog"]
    window.go_to_section("downloads")
    downloads = window.current_page()
    assert run(qtbot, dialogs, downloads.download_all) == ["PinDialog"]
    window.close()
