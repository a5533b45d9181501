"""The reader on the sample library: text, local-only pictures, translations, bookmarks, notes, PDF export,
documents and attachments in the in-app PDF viewer, events with a recording, removed items."""

import dataclasses
import shutil
import textwrap
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QLocale, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument

from app.library import Library
from tests.conftest import SAMPLE
from ui.reader import ReaderView
from ui.readertext import local_resource
from ui.tasks import TaskManager

TUP_RU = "elibrary-tup-ru"
TUP_RU_TITLE = "Сельская библиотека Тюпа как центр знаний о местном самоуправлении"
TUP_KY_TITLE = "Түп айылынын китепканасы — жергиликтүү өз алдынча башкаруу боюнча билимдердин борбору"
IMAGE = QTextDocument.ResourceType.ImageResource


def make_reader(qtbot, library: Library) -> tuple[ReaderView, TaskManager]:
    tasks = TaskManager()
    view = ReaderView(library, tasks)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view, tasks


pytestmark = pytest.mark.usefixtures("english_locale")  # dates and labels in a known language


@pytest.fixture
def reader(qtbot, sample_library: Library):
    view, tasks = make_reader(qtbot, sample_library)
    yield view
    tasks.wait()  # before the library is closed


def show(qtbot, reader: ReaderView, item_id: str) -> None:
    with qtbot.waitSignal(reader.item_shown, timeout=15000, check_params_cb=lambda shown: shown == item_id):
        reader.show_item(item_id)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_practice_shows_its_title_facts_and_body(qtbot, reader: ReaderView, sample_library: Library) -> None:
    show(qtbot, reader, TUP_RU)
    text = reader.browser.toPlainText()
    assert TUP_RU_TITLE in text
    assert "Оборудовали компьютерный уголок" in text and "Как повторить" in text
    assert "Practice · 2024 · Issyk-Kul Region → Tüp District → Tüp Aiyl Aimak" in text
    assert "Topics: E-library" in text and "Librarians" in text and "Ч. Абдыкадырова" in text
    # all three languages of this practice can be chosen; the current one is checked
    shown = [lang for lang, b in reader.lang_buttons.items() if b.isVisibleTo(reader)]
    assert shown == ["ky", "ru", "en"] and reader.lang_buttons["ru"].isChecked()
    related = [reader.related_list.item(i).text() for i in range(reader.related_list.count())]
    assert any(t.startswith("Айылдык китепканада электрондук китепкананы колдонуу — Video lesson") for t in related)
    assert len(related) == 3
    assert not reader.pdf.isVisibleTo(reader) and not reader.recording_button.isVisibleTo(reader)
    reader.tasks.wait()
    assert sample_library.history()[0][0] == TUP_RU  # recorded as opened, through the write queue


def test_labels_follow_the_interface_language(qtbot, reader: ReaderView) -> None:
    show(qtbot, reader, TUP_RU)
    assert "Topics: E-library" in reader.browser.toPlainText()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))  # as the language switch does
    QCoreApplication.sendEvent(reader, QEvent(QEvent.LanguageChange))  # what installing a translator sends
    text = reader.browser.toPlainText()
    assert "Электронная библиотека" in text and "Тюпский район" in text and "Библиотекари" in text


def test_switching_to_the_kyrgyz_and_english_translation(qtbot, reader: ReaderView) -> None:
    show(qtbot, reader, TUP_RU)
    with qtbot.waitSignal(reader.open_item) as asked, qtbot.waitSignal(reader.item_shown, timeout=15000):
        qtbot.mouseClick(reader.lang_buttons["ky"], Qt.LeftButton)
    assert asked.args == ["elibrary-tup-ky"]  # the host hears of it (history), the reader went there itself
    assert reader.item.id == "elibrary-tup-ky" and reader.lang_buttons["ky"].isChecked()
    text = reader.browser.toPlainText()
    assert TUP_KY_TITLE in text and TUP_RU_TITLE not in text

    # a host that routes open_item back to show_item (as the main window does) loads it once, not twice
    loads = []
    reader.open_item.connect(reader.show_item)
    reader.item_shown.connect(loads.append)
    with qtbot.waitSignal(reader.item_shown, timeout=15000):
        reader.lang_buttons["en"].click()
    reader.tasks.wait()
    qtbot.wait(50)
    assert loads == ["elibrary-tup-en"]
    assert "The Tüp village library as a centre of knowledge" in reader.browser.toPlainText()


def test_bookmark_toggles_persist(qtbot, reader: ReaderView, sample_library: Library) -> None:
    show(qtbot, reader, TUP_RU)
    assert not reader.bookmark_button.isChecked()
    with qtbot.waitSignal(reader.bookmarks_changed, timeout=10000):
        qtbot.mouseClick(reader.bookmark_button, Qt.LeftButton)
    assert sample_library.bookmarks() == [TUP_RU]
    assert reader.bookmark_button.isChecked() and "Bookmarked" in reader.bookmark_button.text()

    other, other_tasks = make_reader(qtbot, sample_library)  # a fresh reader shows the stored state
    show(qtbot, other, TUP_RU)
    assert other.bookmark_button.isChecked()
    other_tasks.wait()
    other.close()

    reader.activateWindow()
    qtbot.waitUntil(reader.isActiveWindow)
    reader.browser.setFocus()
    with qtbot.waitSignal(reader.bookmarks_changed, timeout=10000):
        qtbot.keyClick(reader.browser, Qt.Key_D, Qt.ControlModifier)
    assert sample_library.bookmarks() == []
    assert not reader.bookmark_button.isChecked()


def test_adding_and_deleting_a_note(qtbot, reader: ReaderView, sample_library: Library) -> None:
    show(qtbot, reader, TUP_RU)
    notes = reader.notes
    assert notes.list.count() == 0 and not notes.add_button.isEnabled()
    notes.editor.setPlainText("Показать на сессии айылного кенеша")
    assert notes.add_button.isEnabled()
    with qtbot.waitSignal(notes.notes_changed, timeout=10000):
        qtbot.mouseClick(notes.add_button, Qt.LeftButton)
    stored = sample_library.notes(TUP_RU)
    assert [n.text for n in stored] == ["Показать на сессии айылного кенеша"]
    assert notes.list.count() == 1 and "Показать на сессии" in notes.list.item(0).text()
    assert notes.editor.toPlainText() == ""

    other, other_tasks = make_reader(qtbot, sample_library)
    show(qtbot, other, TUP_RU)
    assert other.notes.note_texts() == ["Показать на сессии айылного кенеша"]
    other_tasks.wait()

    with qtbot.waitSignal(notes.notes_changed, timeout=10000):
        notes.delete_note(stored[0].id)
    assert sample_library.notes(TUP_RU) == [] and notes.list.count() == 0


def test_a_picture_comes_from_the_media_store_only(qtbot, reader: ReaderView, sample_library: Library,
                                                   tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "_taxonomy", folder / "_taxonomy")
    picture = SAMPLE / "lessons" / "media" / "lesson-elibrary-ky.jpg"
    shutil.copy(picture, folder / "photo.jpg")
    (folder / "pic-practice-ru.md").write_text(textwrap.dedent("""\
        ---
        id: pic-practice-ru
        kind: practice
        lang: ru
        title: Практика с фотографией
        topics: [e-library]
        ---
        Компьютерный уголок библиотеки: ![Уголок](photo.jpg)
        """), encoding="utf-8")
    sample_library.import_folder(folder)
    show(qtbot, reader, "pic-practice-ru")
    sha = next(f.sha256 for f in reader.item.files if f.role == "image")
    assert f'src="media:{sha}"' in reader.item.body_html

    expected = QImage(str(picture)).size()
    shown = reader.browser.document().resource(IMAGE, QUrl(f"media:{sha}"))  # what the text really uses
    assert isinstance(shown, QImage) and shown.size() == expected
    assert QImage(reader.browser.loadResource(IMAGE, QUrl(f"media:{sha}"))).size() == expected

    # nothing but the media store: no web, no file paths, no other schemes, nothing that is not a picture (an
    # empty image or empty bytes, never None: with None Qt reads a local file itself)
    for url in ("http://127.0.0.1:9/photo.jpg", "https://example.org/photo.jpg", QUrl.fromLocalFile(str(picture)),
                "media:../../etc/passwd"):
        image = reader.browser.loadResource(IMAGE, QUrl(url))
        assert isinstance(image, QImage) and image.isNull()
    assert local_resource(sample_library, QTextDocument.ResourceType.StyleSheetResource.value,
                          QUrl(f"media:{sha}")) == QByteArray()

    exported = reader.export_pdf(tmp_path / "photo.pdf")  # the printed text has the picture too
    assert sum(len(page.images) for page in pypdf.PdfReader(str(exported)).pages) == 1


def test_a_web_picture_is_never_fetched(qtbot, reader: ReaderView, tmp_path: Path) -> None:
    from tests.sync.httpserver import TestServer

    (tmp_path / "web").mkdir()
    shutil.copy(SAMPLE / "lessons" / "media" / "lesson-elibrary-ky.jpg", tmp_path / "web" / "photo.jpg")
    with TestServer(tmp_path / "web").start() as server:
        url = server.url_for("photo.jpg")
        reader.browser.setHtml(f'<p>Фото: <img src="{url}" width="50" height="50"></p>')
        reader.browser.document().size()  # lays the text out, which loads its pictures
        qtbot.wait(300)
        assert server.log == []
        shown = reader.browser.document().resource(IMAGE, QUrl(url))
        assert isinstance(shown, QImage) and shown.isNull()


def test_export_to_pdf_writes_a_readable_pdf(qtbot, reader: ReaderView, tmp_path: Path) -> None:
    show(qtbot, reader, TUP_RU)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "Тюп.pdf"
    assert reader.export_pdf(target) == target
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["Тюп.pdf"]  # no half-written file left behind
    pdf = pypdf.PdfReader(str(target))
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert TUP_RU_TITLE in text and "Оборудовали компьютерный уголок" in text
    assert len(pdf.pages) >= 2

    with pytest.raises(OSError):  # a folder that is not there: an error to show, no crash, no stray file
        reader.export_pdf(tmp_path / "missing" / "Тюп.pdf")
    assert not (tmp_path / "missing").exists()


def test_a_document_opens_its_pdf_in_place_of_the_description(qtbot, reader: ReaderView) -> None:
    show(qtbot, reader, "doc-pb-methodology-ru")
    assert "Бюджет участия в айыльном аймаке: методика по шагам" in reader.browser.toPlainText()
    viewer = reader.pdf
    assert viewer.isVisible() and viewer.page_count() == 3 and viewer.page() == 0
    assert viewer.title_label.text() == "Бюджет участия в айыльном аймаке: методика по шагам"
    assert not reader.browser.isVisible(), "the page gets the text's width"
    qtbot.mouseClick(viewer.close_button, Qt.LeftButton)  # Close brings the description back
    assert reader.browser.isVisible() and not viewer.isVisible()
    reader.open_file(next(f for f in reader.item.files if f.role == "file"))
    viewer.next_page()
    assert viewer.page() == 1
    with qtbot.waitSignal(viewer.page_changed, timeout=10000, check_params_cb=lambda p: p == 2):
        viewer.find("закупки")

    show(qtbot, reader, TUP_RU)  # a practice without PDFs: the viewer goes away
    assert not reader.pdf.isVisible() and reader.pdf.page_count() == 0


def test_an_event_with_recording_attachment_and_related_items(qtbot, reader: ReaderView,
                                                              sample_library: Library) -> None:
    show(qtbot, reader, "event-pb-webinar-ky")
    text = reader.browser.toPlainText()
    assert "Event · 12 Mar 2024, 14:00 – 16:00" in text  # one day, two times
    assert "Where: online, Онлайн (Zoom)" in text and "Organiser: «Китепкана» долбоору" in text
    assert reader.recording_button.isVisible()
    with qtbot.waitSignal(reader.open_lesson) as watch:
        qtbot.mouseClick(reader.recording_button, Qt.LeftButton)
    assert watch.args == ["lesson-pb-intro-ru", 0.0]

    assert reader.files.count() == 1
    row = reader.files.item(0)
    assert row.text().startswith("Катышуу бюджетинин методикасы (орус тилинде)")
    info = row.data(Qt.UserRole)
    reader.files.setCurrentRow(0)
    qtbot.mouseClick(reader.open_file_button, Qt.LeftButton)
    assert reader.pdf.isVisible() and reader.pdf.page_count() == 3
    assert reader.pdf.title_label.text() == "Катышуу бюджетинин методикасы (орус тилинде)"

    # a file that did not come to this PC yet, and one whose media file went missing
    assert not reader.open_file(dataclasses.replace(info, present=False))
    assert reader.notice.isVisible() and "is not on this PC yet" in reader.notice.text()
    reader.pdf.close_file()  # Windows: a file the viewer holds open cannot be deleted (pytest --windows-fs)
    sample_library.media_path(info.sha256).unlink()
    assert not reader.open_file(info)
    assert "not on this PC" in reader.pdf.message.text()

    related = {reader.related_list.item(i).data(Qt.UserRole)[0]: i for i in range(reader.related_list.count())}
    assert set(related) == {"pb-lebedinovka-ky", "hearings-ivanovka-ru", "doc-pb-methodology-ru"}
    with qtbot.waitSignal(reader.open_item) as asked, qtbot.waitSignal(reader.item_shown, timeout=15000):
        reader.related_list.itemClicked.emit(reader.related_list.item(related["hearings-ivanovka-ru"]))
    assert asked.args == ["hearings-ivanovka-ru"] and reader.item.id == "hearings-ivanovka-ru"


def test_notes_on_a_removed_item_are_kept_and_marked(qtbot, tmp_path: Path) -> None:
    from sync import signing
    from sync.client import SyncOptions, run_sync
    from sync.publisher import publish

    folder = tmp_path / "catalog"
    shutil.copytree(SAMPLE / "_taxonomy", folder / "_taxonomy")
    for name in ("water-kochkor-ru", "irrigation-suzak-ky"):
        shutil.copy(SAMPLE / "practices" / f"{name}.md", folder / f"{name}.md")
        page = folder / f"{name}.md"
        page.write_text("\n".join(line for line in page.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith(("related:", "translation_of:"))), encoding="utf-8")
    (tmp_path / "keys").mkdir()
    keys = signing.generate_keypair(tmp_path / "keys" / "publisher.key")
    feed = tmp_path / "feed"
    options = SyncOptions(extra_keys=(keys.public,), accept_new_feed=True)
    publish(folder, feed, keys.private, feed_id="reader-test")
    with Library.open(tmp_path / "lib") as lib:
        run_sync(lib, str(feed), options)
        lib.add_note("irrigation-suzak-ky", "көрүү керек")
        (folder / "irrigation-suzak-ky.md").unlink()
        publish(folder, feed, keys.private)
        run_sync(lib, str(feed), options)

        reader, tasks = make_reader(qtbot, lib)
        show(qtbot, reader, "irrigation-suzak-ky")
        assert reader.item is None and "no longer in the library" in reader.browser.toPlainText()
        assert reader.notes.list.count() == 1
        assert "көрүү керек" in reader.notes.list.item(0).text()
        assert "removed from the library" in reader.notes.list.item(0).text()
        assert not reader.notes.editor.isEnabled() and not reader.bookmark_button.isEnabled()
        tasks.wait()


def test_a_web_link_asks_first_and_opens_nothing_when_declined(qtbot, reader: ReaderView) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    show(qtbot, reader, "pb-lebedinovka-ru")
    seen = {}

    def decline() -> None:
        box = QApplication.activeModalWidget()
        seen["text"] = box.text() if isinstance(box, QMessageBox) else None
        box.reject()

    QTimer.singleShot(0, decline)
    reader.browser.anchorClicked.emit(QUrl("https://example.org/practices/123"))  # as a click on the link does
    assert "https://example.org/practices/123" in seen["text"] and "internet" in seen["text"]
    assert reader.item.id == "pb-lebedinovka-ru"  # the reader stayed where it was
