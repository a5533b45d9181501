"""Names from a feed never become paths or programs: a feed signed with the real key whose attachment is called
``../x``, ``/etc/passwd``, ``C:\\x``, ``CON`` … is refused whole, on a first sync and on an update, and nothing of
it is applied; ``invoice.pdf.exe`` is a valid name and comes in, but it is never a PDF nor opened (tests/ui)."""

# ruff: noqa: F811 — pytest fixtures imported from tests/smallfeed.py are parameters here

import shutil
from pathlib import Path

import pytest

from app import fsutil
from app.library import Library
from sync.client import SyncOptions, run_sync
from sync.errors import FeedError
from sync.publisher import publish
from tests.smallfeed import small_feed, synced, synced_template, with_file_renamed  # noqa: F401 — fixtures

DOC = "doc-water-toolkit-ru"
BAD_NAMES = {
    "parent": "../../outside.pdf",
    "parent_only": "..",
    "absolute": "/etc/passwd",
    "drive": "C:\\x.pdf",
    "drive_relative": "C:x.pdf",
    "device": "CON",
    "device_with_extension": "con.pdf",
    "device_superscript": "COM¹.pdf",
    "console": "CONOUT$",
    "printer_zero": "LPT0.txt",
    "trailing_dot": "toolkit.pdf.",
    "control": "tool\x1bkit.pdf",
    "direction_mark": "invoice\u202efdp.exe",  # shows as "invoiceexe.pdf"
    "too_long": "a" * 250 + ".pdf",
    "empty": "",
}


def options(keys) -> SyncOptions:
    return SyncOptions(extra_keys=(keys.public,), accept_new_feed=True)


@pytest.mark.parametrize("case", sorted(BAD_NAMES))
def test_a_signed_feed_with_an_unsafe_file_name_is_refused_whole(case: str, small_feed: Path, keys,
                                                                 tmp_path: Path) -> None:
    name = BAD_NAMES[case]
    feed = with_file_renamed(small_feed, tmp_path / "feed", keys.private, DOC, name=name)
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(FeedError) as e:
            run_sync(lib, str(feed), options(keys))
        assert e.value.code == "record_invalid"
        assert "record.files[0].name" in str(e.value)
        assert lib.is_empty() and not list(lib.media.all_hashes())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed", "lib"]  # nothing made beside them


def test_an_update_with_an_unsafe_file_name_changes_nothing(small_feed: Path, synced: Library, keys,
                                                            tmp_path: Path) -> None:
    """The library follows the feed; the next update (signed, a real new change) names a file ``..\\..\\x``."""
    synced.add_note(DOC, "проверить тариф")
    before = synced.get_item(DOC)
    authoring = tmp_path / "authoring"
    shutil.copytree(small_feed.parent / "authoring", authoring)
    page = authoring / "documents" / f"{DOC}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("набор инструментов", "новый набор"), encoding="utf-8")
    v2 = tmp_path / "v2"
    shutil.copytree(small_feed, v2)
    publish(authoring, v2, keys.private)
    feed = with_file_renamed(v2, tmp_path / "hostile", keys.private, DOC, name="..\\..\\x.pdf")
    with pytest.raises(FeedError) as e:
        run_sync(synced, str(feed), options(keys))
    assert e.value.code == "record_invalid" and "folder separator" in str(e.value)
    after = synced.get_item(DOC)
    assert after.title == before.title and [f.name for f in after.files] == [f.name for f in before.files]
    assert [n.text for n in synced.notes(DOC)] == ["проверить тариф"]
    report = run_sync(synced, str(v2), options(keys))  # the genuine update still comes in
    assert report.status == "ok" and "новый набор" in synced.get_item(DOC).title


def test_a_disguised_program_comes_in_under_its_name_but_is_never_openable(small_feed: Path, keys,
                                                                          tmp_path: Path) -> None:
    feed = with_file_renamed(small_feed, tmp_path / "feed", keys.private, DOC, name="invoice.pdf.exe")
    with Library.open(tmp_path / "lib") as lib:
        run_sync(lib, str(feed), options(keys))
        (info,) = lib.get_item(DOC).files
        assert info.name == "invoice.pdf.exe" and info.mime == "application/pdf" and info.present
        assert not fsutil.openable(info.name, info.mime)
        assert fsutil.openable("toolkit.pdf", info.mime)
