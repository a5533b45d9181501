"""The importer: a valid folder goes in whole, an invalid one is refused whole with clear messages."""

import shutil
from pathlib import Path

import pytest

from app.errors import AuthoringError, CancelledError
from app.library import Library
from tests.app.conftest import write


def media_files(lib: Library) -> set[str]:
    return set(lib.media.all_hashes())


def test_valid_catalog_imports_everything(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_folder(catalog)
        assert sorted(report.added) == ["intro-lesson", "water-ky", "water-ru"]
        water = lib.get_item("water-ky")
        assert water.translation_group == "water-ru"
        assert water.translations == {"ru": "water-ru", "ky": "water-ky"}
        ru = lib.get_item("water-ru")
        assert [r.id for r in ru.region_path] == ["naryn", "naryn.kochkor", "naryn.kochkor.kochkor"]
        assert ru.related == ("intro-lesson",)
        image = next(f for f in ru.files if f.role == "image")
        # the body image points into the media store, never at a path or the network
        assert f'src="media:{image.sha256}"' in ru.body_html
        lesson = lib.get_item("intro-lesson")
        assert {f.role for f in lesson.files} == {"video", "thumbnail", "subtitles"}
        assert 10 < lesson.duration < 120  # read from the MP4 itself
        assert {c.lang for c in lesson.cues} == {"ru", "ky"}
        assert all(c.end > c.start for c in lesson.cues)
        for f in lesson.files:
            assert lib.media.path(f.sha256).is_file()


def test_reimport_changes_nothing_and_edit_updates_only_edited(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        version = lib.content_version()
        before = {i.id: i.updated_at for i in lib.list_items()}
        again = lib.import_folder(catalog)
        assert again.added == () and again.updated == ()
        assert sorted(again.unchanged) == sorted(before)
        assert lib.content_version() == version

        page = catalog / "practices" / "water-ky.md"
        page.write_text(page.read_text(encoding="utf-8").replace("он жыл", "он эки жыл"), encoding="utf-8")
        edited = lib.import_folder(catalog)
        assert edited.updated == ("water-ky",)
        assert sorted(edited.unchanged) == ["intro-lesson", "water-ru"]
        assert "он эки жыл" in lib.get_item("water-ky").body_text
        assert lib.content_version() == version + 1


def test_user_data_survives_reimport(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        lib.set_bookmark("water-ru")
        lib.add_note("intro-lesson", "посмотреть с депутатами", position=12.5)
        lib.record_opened("intro-lesson", position=33.0)
        page = catalog / "practices" / "water-ru.md"
        page.write_text(page.read_text(encoding="utf-8").replace("десять", "двенадцать"), encoding="utf-8")
        lib.import_folder(catalog)
        assert lib.bookmarks() == ["water-ru"]
        assert [n.text for n in lib.notes("intro-lesson")] == ["посмотреть с депутатами"]
        assert lib.resume_position("intro-lesson") == 33.0


def attach(root: Path, name: str) -> None:
    """An item with the attachment ``name`` (a real file where the name can exist on this file system)."""
    if "\\" not in name:
        (root / name).write_bytes(b"%PDF-1.4\n")
    write(root / "x.md", f"---\nid: x\nkind: practice\nlang: ru\ntitle: T\nattachments: ['{name}']\n---\n")


BAD_CASES = {
    "missing_field": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\n---\nТекст\n"),
                      "x.md", "title", "is required"),
    "unknown_kind": (lambda r: write(r / "x.md", "---\nid: x\nkind: video\nlang: ru\ntitle: T\n---\n"),
                     "x.md", "kind", "'video' is not one of"),
    "unknown_lang": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: kz\ntitle: T\n---\n"),
                     "x.md", "lang", "'kz' is not one of"),
    "broken_yaml": (lambda r: write(r / "x.md", "---\nid: x\nkind: [practice\nlang: ru\ntitle: T\n---\n"),
                    "x.md", None, "broken YAML front matter at line"),
    "missing_media": (lambda r: write(r / "x.md", "---\nid: x\nkind: document\nlang: ru\ntitle: T\n"
                                                  "file: media/nowhere.pdf\n---\n"),
                      "x.md", "file", "does not exist"),
    "duplicate_id": (lambda r: write(r / "dup.md", "---\nid: water-ru\nkind: practice\nlang: ru\ntitle: T\n---\n"),
                     "practices/water-ru.md", "id", "already used by dup.md"),
    "escaping_path": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                                                  "attachments: [../../outside.pdf]\n---\n"),
                      "x.md", "attachments", "outside the authoring folder"),
    "absolute_path": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                                                  "attachments: [/etc/hostname]\n---\n"),
                      "x.md", "attachments", "absolute path"),
    # names of files that would become another path, a device or a disguised program on the user's PC
    "drive_letter": (lambda r: attach(r, "C:\\x.pdf"), "x.md", "attachments", "not '\\'"),
    "device_name": (lambda r: attach(r, "media/CON.pdf"), "x.md", "attachments", "reserved device name"),
    "device_superscript": (lambda r: attach(r, "media/COM¹.pdf"), "x.md", "attachments", "reserved device name"),
    "console_device": (lambda r: attach(r, "media/CONIN$.txt"), "x.md", "attachments", "reserved device name"),
    "hidden_direction": (lambda r: attach(r, "media/invoice\u202efdp.exe"), "x.md", "attachments",
                         "not allowed on Windows"),
    "long_name": (lambda r: attach(r, "media/" + "a" * 197 + ".pdf"), "x.md", "attachments",
                  "longer than 200 characters"),
    "trailing_dot": (lambda r: attach(r, "media/x.pdf."), "x.md", "attachments", "ends with a space or a dot"),
    "long_picture_address": (lambda r: (shutil.copy(r / "media" / "intro.jpg", r / "media" / f"{'a' * 190}.jpg"),
                                        write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n---\n"
                                                          f"![x](../catalog/media/{'a' * 190}.jpg)\n")),
                             "x.md", "body", "longer than 200 characters"),
    "non_utf8": (lambda r: (r / "x.md").write_bytes("---\nid: x\nkind: practice\nlang: ru\ntitle: Вода\n---\n"
                                                    .encode("cp1251")),
                 "x.md", None, "is not UTF-8 text"),
    "unknown_field": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                                                  "topcs: [waste]\n---\n"),
                      "x.md", "topcs", "did you mean 'topics'"),
    "unknown_topic": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                                                  "topics: [wastes]\n---\n"),
                      "x.md", "topics", "unknown topic 'wastes' (did you mean 'waste'?)"),
    "dangling_translation": (lambda r: write(r / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                                                         "translation_of: nope\n---\n"),
                             "x.md", "translation_of", "no item with id 'nope'"),
    "no_front_matter": (lambda r: write(r / "x.md", "# Just a heading\n"), "x.md", None, "has no front matter"),
    "bad_subtitles": (lambda r: (write(r / "media" / "bad.vtt", "not a subtitle file\n"),
                                 write(r / "x.md", "---\nid: x\nkind: lesson\nlang: ru\ntitle: T\n"
                                                   "subtitles: {ru: media/bad.vtt}\n---\n")),
                      "x.md", "subtitles", "not a valid WebVTT file"),
    "ends_before_starts": (lambda r: write(r / "x.md", "---\nid: x\nkind: event\nlang: ru\ntitle: T\n"
                                                       "starts: 2024-05-02\nends: 2024-05-01\n---\n"),
                           "x.md", "ends", "is before 'starts'"),
    "bad_taxonomy": (lambda r: write(r / "_taxonomy" / "topics.yaml", "- id: waste\n  ky: Таштанды\n"),
                     "_taxonomy/topics.yaml", "ru", "has no ru/en label"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_is_refused_whole(case: str, catalog: Path, tmp_path: Path) -> None:
    make, file, field, message = BAD_CASES[case]
    with Library.open(tmp_path / "lib") as lib:
        make(catalog)
        with pytest.raises(AuthoringError) as info:
            lib.import_folder(catalog)
        problems = info.value.problems
        assert any(p.file == file and p.field == field and message in p.message for p in problems), problems
        # one bad file stops everything: no item, no taxonomy, no media
        assert lib.is_empty()
        assert lib.stats().topics == 0
        assert media_files(lib) == set()
        assert file in str(info.value)


def test_bad_file_does_not_touch_an_existing_library(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        before = [(i.id, i.updated_at) for i in lib.list_items()]
        page = catalog / "practices" / "water-ru.md"
        page.write_text(page.read_text(encoding="utf-8").replace("десять", "девять"), encoding="utf-8")
        write(catalog / "broken.md", "---\nid: broken\nkind: practice\n---\n")
        with pytest.raises(AuthoringError):
            lib.import_folder(catalog)
        assert [(i.id, i.updated_at) for i in lib.list_items()] == before
        assert "десять" in lib.get_item("water-ru").body_text


def test_every_problem_is_reported_at_once(catalog: Path, tmp_path: Path) -> None:
    write(catalog / "a.md", "---\nid: a\nkind: nope\nlang: ru\ntitle: T\n---\n")
    write(catalog / "b.md", "---\nid: b\nkind: practice\nlang: xx\ntitle: T\n---\n")
    with Library.open(tmp_path / "lib") as lib, pytest.raises(AuthoringError) as info:
        lib.import_folder(catalog)
    assert {p.file for p in info.value.problems} == {"a.md", "b.md"}


def test_references_may_point_into_the_library(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        extra = tmp_path / "extra"
        write(extra / "water-en.md", "---\nid: water-en\nkind: practice\nlang: en\ntitle: Water in Kochkor\n"
                                     "translation_of: water-ky\ntopics: [drinking-water]\n---\nThe pipes.\n")
        lib.import_folder(extra)
        assert lib.get_item("water-en").translation_group == "water-ru"
        assert lib.get_item("water-ru").translations == {"ru": "water-ru", "ky": "water-ky", "en": "water-en"}


def test_skips_underscore_dot_and_readme(catalog: Path, tmp_path: Path) -> None:
    write(catalog / "_drafts" / "d.md", "not an item")
    write(catalog / ".hidden" / "h.md", "not an item")
    write(catalog / "README.md", "# About this folder")
    with Library.open(tmp_path / "lib") as lib:
        assert len(lib.import_folder(catalog).added) == 3


def test_cancel_leaves_library_unchanged(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        calls = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > 2

        with pytest.raises(CancelledError):
            lib.import_folder(catalog, cancelled=cancelled)
        assert lib.is_empty()


def test_copied_catalog_elsewhere_is_still_valid(catalog: Path, tmp_path: Path) -> None:
    moved = shutil.copytree(catalog, tmp_path / "moved here")
    with Library.open(tmp_path / "lib") as lib:
        assert len(lib.import_folder(moved).added) == 3
