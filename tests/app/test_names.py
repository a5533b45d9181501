"""One check for names that come from feeds and authoring folders (app.fsutil): a single safe path part, made
again where a file is created under it, and a type both name and record agree on before anything is opened."""

import os
from pathlib import Path

import pytest

from app import fsutil

UNSAFE = {
    "../x.pdf": "folder separator", "/etc/passwd": "folder separator", "C:\\x": "folder separator",
    "a/b.pdf": "folder separator", "C:x": "not allowed", "..": "not a file name", ".": "not a file name",
    "": "empty", "CON": "reserved", "con.txt": "reserved", "CON .txt": "reserved", "NUL": "reserved",
    "COM0": "reserved", "COM9.log": "reserved", "LPT0": "reserved", "COM¹": "reserved", "LPT³.pdf": "reserved",
    "CONIN$": "reserved", "conout$.txt": "reserved", "x.pdf.": "ends with", "x.pdf ": "ends with",
    "a\tb": "not allowed", "a\x7fb": "not allowed", "a\x85b": "not allowed", "in\u202efdp.exe": "not allowed",
    "x\u2066y": "not allowed", "a" * 201: "longer than 200",
}
SAFE = ("invoice.pdf.exe", "Методика.pdf", "CONSOLE.txt", "COMA.pdf", "LPT10.txt", "com.txt", ".profile",
        "a" * 200, "résumé (2).docx", "тест…doc")


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_unsafe_names_are_refused_with_a_reason(name: str) -> None:
    reason = fsutil.unsafe_name_reason(name)
    assert reason and UNSAFE[name] in reason
    made = fsutil.safe_name(name, "file")
    assert fsutil.unsafe_name_reason(made) is None
    assert "/" not in made and "\\" not in made and made not in (".", "..")


@pytest.mark.parametrize("name", SAFE)
def test_safe_names_pass_and_stay_as_they_are(name: str) -> None:
    assert fsutil.unsafe_name_reason(name) is None
    assert fsutil.safe_name(name, "file") == name


def test_a_name_is_checked_again_where_a_file_is_made(tmp_path: Path) -> None:
    folder = tmp_path / "open" / "0123456789abcdef"
    folder.mkdir(parents=True)
    assert fsutil.inside(folder, "toolkit.pdf") == folder.resolve() / "toolkit.pdf"
    for name in ("../x.pdf", "/etc/passwd", "C:\\x", "CON", ".."):
        with pytest.raises(ValueError):
            fsutil.inside(folder, name)
    if hasattr(os, "symlink"):  # a link planted in the folder must not lead the copy elsewhere
        (folder / "link.pdf").symlink_to(tmp_path / "elsewhere.pdf")
        with pytest.raises(ValueError, match="leads outside"):
            fsutil.inside(folder, "link.pdf")


@pytest.mark.parametrize(("name", "mime", "expected"), [
    ("toolkit.pdf", "application/pdf", True),
    ("Toolkit.PDF", "application/pdf", True),
    ("photo.jpg", "image/jpeg", True),
    ("notes.txt", "text/plain; charset=utf-8", True),
    ("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
    ("budget.xls", "application/vnd.ms-excel", True),
    ("invoice.pdf.exe", "application/pdf", False),  # the name says program
    ("invoice.pdf", "application/x-msdownload", False),  # the record says program
    ("setup.exe", "application/x-msdos-program", False),
    ("run.bat", "text/plain", False),
    ("page.html", "text/html", False),
    ("drawing.svg", "image/svg+xml", False),
    ("macro.docm", "application/vnd.ms-word.document.macroEnabled.12", False),
    ("shortcut.lnk", "application/octet-stream", False),
    ("CON.txt", "text/plain", False),  # a device, not a file
    ("../notes.txt", "text/plain", False),
    ("notes", "text/plain", False),
])
def test_only_documents_pictures_and_text_may_be_opened(name: str, mime: str, expected: bool) -> None:
    assert fsutil.openable(name, mime) is expected


def test_an_authoring_folder_may_carry_a_disguised_program_but_it_is_not_openable(catalog: Path,
                                                                                tmp_path: Path) -> None:
    from app.library import Library
    from tests.app.conftest import write

    (catalog / "media" / "invoice.pdf.exe").write_bytes(b"MZ\x90\x00")
    (catalog / "media" / "invoice.pdf").write_bytes(b"%PDF-1.4\n")
    write(catalog / "x.md", "---\nid: x\nkind: practice\nlang: ru\ntitle: T\n"
                            "attachments: [media/invoice.pdf.exe, media/invoice.pdf]\n---\n")
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        files = {f.name: f for f in lib.get_item("x").files}
        assert set(files) == {"invoice.pdf.exe", "invoice.pdf"}
        assert not fsutil.openable("invoice.pdf.exe", files["invoice.pdf.exe"].mime)
        assert fsutil.openable("invoice.pdf", files["invoice.pdf"].mime)


@pytest.mark.parametrize("name", ["CON", "COM0.exe", "conin$.zip", "CONOUT$", "LPT¹.zip", "lpt9", "AUX .txt",
                                  "x\u202efdp.exe", "a" * 256 + ".zip", "kit\u200e.zip", "NUL.tar.gz"])
def test_every_name_maker_gives_a_safe_name(name: str) -> None:
    # Every function that makes a file name ends in the same complete check (fsutil.unsafe_name_reason); the
    # reader's "save a copy" name is fsutil.safe_name too (ui/readertext.py)
    from app.usbkit import fat32_name

    assert fsutil.unsafe_name_reason(name) is not None
    for made in (fat32_name(name), fsutil.safe_name(name, "file")):
        assert fsutil.unsafe_name_reason(made) is None, made
