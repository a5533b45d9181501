"""``/feed/`` on a PC that did not keep all of its feed: what it lacks is a 404 in words, never a 500 or a
traceback, and the manifest still comes through (the receiver then knows to look elsewhere)."""

from __future__ import annotations

from sync import feedformat
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — fixture


def _entries(library):
    folder = library.paths.data / "feeds" / "small-feed"
    manifest = feedformat.read_manifest((folder / feedformat.MANIFEST_NAME).read_bytes())
    return folder, [*manifest.segments, *([manifest.snapshot] if manifest.snapshot else [])]


def test_segments_not_kept_are_404_in_words(synced, serve) -> None:  # noqa: F811
    folder, entries = _entries(synced)
    assert entries
    for entry in entries:
        feedformat.resolve(folder, entry.path).unlink(missing_ok=True)  # sync keeps only what it needed
    web = serve(synced)
    for entry in entries:
        r = web.get(f"/feed/{entry.path}", headers={"Accept-Language": "ru"})
        assert r.status_code == 404, entry.path
        assert "Traceback" not in r.text and "text/html" in r.headers["Content-Type"]
    assert web.get("/feed/feed.json").status_code == 200


def test_a_kept_folder_without_its_segments_folder_or_with_a_damaged_manifest_is_404(synced, serve) -> None:  # noqa: F811
    import shutil

    folder, entries = _entries(synced)
    for sub in {e.path.split("/")[0] for e in entries if "/" in e.path}:
        shutil.rmtree(folder / sub, ignore_errors=True)
    web = serve(synced)
    for entry in entries:
        assert web.get(f"/feed/{entry.path}").status_code == 404, entry.path
    (folder / feedformat.MANIFEST_NAME).write_bytes(b"{ not json")
    r = web.get(f"/feed/{entries[0].path}")
    assert r.status_code == 404 and "Traceback" not in r.text
