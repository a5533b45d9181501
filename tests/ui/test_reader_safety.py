"""The reader loads nothing by itself and hands no program to the PC: pictures only from the media store (never
a local file, a relative path, the web or a data: address, whatever the text says), text from a feed never shown
as markup, and a file from a feed opened only when its name and type both say document, picture or text —
anything else ("invoice.pdf.exe") only saved as a copy, and not at all while visitor mode is locked."""

# ruff: noqa: F811 — pytest fixtures imported from tests/smallfeed.py are parameters here

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app.library import Library
from app.settings import Settings
from app.values import Label
from sync.client import SyncOptions, run_sync
from tests.smallfeed import small_feed, with_file_renamed  # noqa: F401 — fixtures
from ui.kiosk import Kiosk, hash_pin
from ui.reader import ReaderView
from ui.readertext import LocalDocument, item_html
from ui.tasks import TaskManager
from ui.transcript import LessonInfo

IMAGE = QTextDocument.ResourceType.ImageResource
DOC = "doc-water-toolkit-ru"
MARKUP = '<b>x</b><img src="{src}" width="40" height="40">'


@pytest.fixture
def tasks():
    manager = TaskManager()
    yield manager
    manager.cancel_all()
    manager.wait()


def reader_for(qtbot, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> ReaderView:
    view = ReaderView(library, tasks, parent)
    qtbot.addWidget(parent or view)
    (parent or view).resize(1100, 760)
    (parent or view).show()
    return view


def show(qtbot, reader: ReaderView, item_id: str) -> None:
    with qtbot.waitSignal(reader.item_shown, timeout=15000, check_params_cb=lambda shown: shown == item_id):
        reader.show_item(item_id)


def empty(resource: object) -> bool:
    return isinstance(resource, QImage) and resource.isNull()


def test_the_text_loads_no_picture_by_itself(qtbot, sample_library: Library, tasks, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.sync.httpserver import TestServer

    picture = QImage(24, 16, QImage.Format_RGB32)
    picture.fill(Qt.red)
    (tmp_path / "web").mkdir()
    assert picture.save(str(tmp_path / "photo.png")) and picture.save(str(tmp_path / "web" / "photo.png"))
    monkeypatch.chdir(tmp_path)  # where Qt would look for a relative picture
    reader = reader_for(qtbot, sample_library, tasks)
    show(qtbot, reader, "elibrary-tup-ru")
    with TestServer(tmp_path / "web").start() as server:
        sources = [QUrl.fromLocalFile(str(tmp_path / "photo.png")).toString(), "photo.png", "./photo.png",
                   server.url_for("photo.png"), "data:image/png;base64,iVBORw0KGgo="]
        body = "".join(f'<p><img src="{src}" width="40" height="40"></p>' for src in sources)
        item = dataclasses.replace(reader.item, title=MARKUP.format(src=sources[0]), body_html=body)
        reader.browser.setHtml(item_html(item))
        reader.browser.document().size()  # lays the text out, which asks for its pictures
        printed = LocalDocument(sample_library, item_html(item))
        printed.size()
        lesson = LessonInfo()  # a lesson's description is shown the same way
        qtbot.addWidget(lesson)
        lesson.show_item(item, related=(), images={}, lang="en")
        lesson.show()
        lesson.description.document().size()
        qtbot.wait(200)
        assert server.log == []
    for src in sources:
        for document in (reader.browser.document(), printed, lesson.description.document()):
            assert empty(document.resource(IMAGE, QUrl(src))), (src, document)
        assert empty(reader.browser.loadResource(IMAGE, QUrl(src)))
    assert MARKUP.format(src=sources[0]) in reader.browser.toPlainText()  # the title shown as it was written


def test_text_from_a_feed_is_never_markup_in_labels(qtbot, sample_library: Library, tasks, small_feed: Path,
                                                   keys, tmp_path: Path) -> None:
    from sync.client import trust_key
    from sync.publisher import publish
    from ui.drives import FEED_SUBFOLDER
    from ui.update import UpdateDialog

    markup = MARKUP.format(src=QUrl.fromLocalFile(str(tmp_path / "photo.png")).toString())
    drive = tmp_path / "USB"  # a drive with a feed (signed with a trusted key) this library has not followed
    publish(small_feed.parent / "authoring", drive / FEED_SUBFOLDER, keys.private, feed_id="markup", title=markup)
    trust_key(Settings(sample_library.paths), keys.public)
    dialog = UpdateDialog(sample_library, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    assert dialog.choose_folder(drive)
    qtbot.mouseClick(dialog.update_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.trust_box.isVisible(), timeout=30_000)
    assert markup in dialog.trust_label.text() and dialog.trust_label.textFormat() == Qt.PlainText
    for label in (dialog.status_label, dialog.error_label, dialog.last_label):
        assert label.textFormat() == Qt.PlainText

    lesson = LessonInfo()
    qtbot.addWidget(lesson)
    item = dataclasses.replace(sample_library.get_item("elibrary-tup-ru"),
                               topics=(Label("t", ky=markup, ru=markup, en=markup),))
    lesson.show_item(item, related=(), images={}, lang="en")
    assert markup in lesson.topics.text() and lesson.topics.textFormat() == Qt.PlainText

    reader = reader_for(qtbot, sample_library, tasks)
    assert reader.notes.heading.textFormat() == Qt.PlainText and reader.notice.textFormat() == Qt.PlainText


def test_a_result_tooltip_shows_a_title_as_it_was_written(qtbot) -> None:
    from ui.results import ResultRow, ResultsModel

    markup = MARKUP.format(src="file:///etc/hostname")
    model = ResultsModel()
    model.append_rows([ResultRow(id="x", kind="practice", lang="ru", title=markup)])
    tip = model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tip)  # what a tooltip does with text that looks like markup
    assert shown.toPlainText() == markup


def test_a_lessons_title_and_captions_are_never_markup(qtbot, sample_library: Library, tasks) -> None:
    pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError)  # needs libpulse on Linux
    from ui.player import LessonView

    view = LessonView(sample_library, tasks)
    qtbot.addWidget(view)
    assert view.title.textFormat() == Qt.PlainText and view.caption.textFormat() == Qt.PlainText


class Opened(QObject):
    """Stands in for the PC's own programs: what QDesktopServices would have handed to them."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened():
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture(scope="module")
def disguised_template(tmp_path_factory: pytest.TempPathFactory, small_feed: Path, keys) -> Path:
    """A library synced from a feed (signed with the real key) whose document file is called invoice.pdf.exe."""
    root = tmp_path_factory.mktemp("disguised")
    feed = with_file_renamed(small_feed, root / "feed", keys.private, DOC, name="invoice.pdf.exe")
    with Library.open(root / "library") as lib:
        run_sync(lib, str(feed), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
    return root / "library"


@pytest.fixture
def disguised(disguised_template: Path, tmp_path: Path):
    shutil.copytree(disguised_template, tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        yield lib


def answer_save_dialog(target: Path | None, seen: list) -> None:
    """While a save dialog waits: choose ``target`` (or cancel), noting that a dialog was shown."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if isinstance(dialog, QFileDialog):
            if target is None:
                dialog.reject()
            else:
                dialog.selectFile(str(target))
                dialog.accept()

    QTimer.singleShot(200, answer)


def test_a_disguised_program_is_never_opened_only_saved(qtbot, disguised: Library, tasks, tmp_path: Path,
                                                        opened: Opened) -> None:
    reader = reader_for(qtbot, disguised, tasks)
    show(qtbot, reader, DOC)
    (info,) = [reader.files.item(i).data(Qt.UserRole) for i in range(reader.files.count())]
    assert info.name == "invoice.pdf.exe" and info.mime == "application/pdf" and info.present
    assert not reader.pdf.isVisible()  # not a PDF, whatever the record's type says
    reader.files.setCurrentRow(0)
    assert not reader.open_file_button.isEnabled() and reader.save_file_button.isEnabled()
    assert not reader.open_file(info)
    assert "Save a copy" in reader.notice.text() and "invoice.pdf.exe" in reader.notice.text()
    temp = Path(QStandardPaths.writableLocation(QStandardPaths.TempLocation)) / "kitepkana" / info.sha256[:16]
    tasks.wait()
    assert opened.urls == [] and not (temp / "invoice.pdf.exe").exists()

    # a double-click offers to save a copy instead, where the user chooses
    seen: list = []
    target = tmp_path / "saved" / "invoice.pdf.exe"
    target.parent.mkdir()
    answer_save_dialog(target, seen)
    reader.files.itemActivated.emit(reader.files.item(0))
    qtbot.waitUntil(lambda: target.exists() and "Saved" in reader.notice.text(), timeout=10000)
    assert isinstance(seen[0], QFileDialog)
    assert target.read_bytes() == disguised.media_path(info.sha256).read_bytes()
    assert opened.urls == []

    # the same file under a name and type that are a text: opened with the PC's program, from its own copy
    text = dataclasses.replace(info, name="notes.txt", mime="text/plain")
    assert reader.open_file(text)
    qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=10000)
    assert Path(opened.urls[0].toLocalFile()) == temp.resolve() / "notes.txt"
    # an old library may still hold a name that is a path: not opened, nothing made outside the folder
    for name in ("../escaped.txt", "CON.txt", "notes.txt.lnk"):
        assert not reader.open_file(dataclasses.replace(info, name=name, mime="text/plain"))
    tasks.wait()
    assert len(opened.urls) == 1 and not (temp.parent / "escaped.txt").exists()


def test_no_copy_is_saved_while_visitor_mode_is_locked(qtbot, disguised: Library, tasks, tmp_path: Path) -> None:
    settings = Settings(disguised.paths)
    settings.set("kiosk_pin_hash", hash_pin("2468"))
    settings.set("kiosk_enabled", True)
    host = QWidget()  # the main window: it holds the kiosk
    host.kiosk = Kiosk(disguised, host)
    try:
        assert host.kiosk.locked
        reader = reader_for(qtbot, disguised, tasks, host)
        show(qtbot, reader, DOC)
        reader.files.setCurrentRow(0)
        seen: list = []
        answer_save_dialog(None, seen)
        qtbot.mouseClick(reader.save_file_button, Qt.LeftButton)
        qtbot.wait(400)
        assert seen == [None]  # no dialog was open when the timer looked
        assert "visitor mode" in reader.notice.text()
        assert not reader.save_file(reader._current_file())
    finally:
        host.kiosk.shutdown()
