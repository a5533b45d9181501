"""The sync client end to end on real feeds in folders (a USB drive): trust, apply, user data, refusals."""

import shutil
from pathlib import Path

import pytest

from app.errors import CancelledError
from app.library import Library
from app.progress import Stage
from app.values import IndexOutcome, SearchRequest
from sync.client import SyncOptions, download_item, run_sync
from sync.errors import FeedError, SignatureError
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME
from sync.publisher import publish
from tests.conftest import SAMPLE


def opts(keys, **kw) -> SyncOptions:
    return SyncOptions(extra_keys=(keys.public,), **{"accept_new_feed": True, **kw})


def content(lib: Library) -> dict[str, str]:
    """id -> updated text, the comparable content of a library."""
    return {i.id: lib.get_item(i.id).body_text for i in lib.list_items()}


def test_fresh_library_syncs_the_whole_feed(sample_feed: Path, keys, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        report = run_sync(lib, str(sample_feed), opts(keys))
        assert report.used_snapshot and report.status == "ok"
        items = lib.list_items()
        assert len(items) >= 40 and sum(len(v) for v in report.added.values()) == len(items)
        assert set(report.added) == {"practice", "lesson", "document", "event"}
        # small files arrived, videos wait for their policy
        assert report.videos_waiting == 6
        check = lib.check()
        assert check.ok, check.problems
        assert len([n for n in check.notes if n.startswith("not downloaded")]) == 6
        # searchable at once, including PDF text and transcripts (subtitles arrived)
        assert lib.ensure_index() == IndexOutcome.OK
        assert any(h.time is not None for h in lib.search(SearchRequest("пастбищ")).hits)
        lesson = lib.get_item("lesson-pb-intro-ru")
        assert lesson.cues
        again = run_sync(lib, str(sample_feed), opts(keys))
        assert again.status == "unchanged" and again.added == {}


def test_a_first_sync_moves_the_bar_while_it_writes_and_indexes(sample_feed: Path, keys, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot's transaction and the index rebuild after it are most of a first sync: the bar moves."""
    from app import content
    from app.search import index, manager

    monkeypatch.setattr(manager, "PARALLEL_FROM", 10)  # the sample's 57 items count as a big first sync
    monkeypatch.setattr(index, "PARALLEL_FROM", 10)
    monkeypatch.setattr(content, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(index, "PROGRESS_EVERY", 10)
    seen: list[tuple[int, int, str]] = []
    with Library.open(tmp_path / "lib") as lib:
        run_sync(lib, str(sample_feed), opts(keys), progress=lambda done, total, message: seen.append(
            (done, total, message)))
        assert lib.search_index.index.doc_count() == 57
    values = [100 * done // total for done, total, _m in seen]
    assert values == sorted(values) and values[0] == 0 and values[-1] == 100, values
    # typed stages, not words: rewording a message changes nothing here
    applying = [(v, m) for v, (_d, _t, m) in zip(values, seen) if m.stage == Stage.SNAPSHOT]
    writing = [v for v, m in applying if m.step == Stage.STORE]
    indexing = [v for v, m in applying if m.step == Stage.INDEX]
    assert len(writing) >= 5 and len(indexing) >= 5, seen
    assert 5 <= writing[0] < writing[-1] <= 5 + 55 * 35 // 100 <= indexing[0] < indexing[-1] <= 60


def test_videos_by_policy_and_on_demand(sample_feed: Path, keys, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        report = run_sync(lib, str(sample_feed), opts(keys, video_policy="topics", video_topics=("pastures",)))
        assert report.videos_waiting == 5
        got = download_item(lib, "lesson-quota-30-ky")
        assert got["files"] == 1 and got["bytes"] > 100_000
        video = next(f for f in lib.get_item("lesson-quota-30-ky").files if f.role == "video")
        assert video.present and lib.media.verify(video.sha256) is None
        assert download_item(lib, "lesson-quota-30-ky")["files"] == 0


def test_unknown_feed_and_untrusted_key_are_refused(sample_feed: Path, keys, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(FeedError) as unknown:
            run_sync(lib, str(sample_feed), SyncOptions(extra_keys=(keys.public,)))
        assert unknown.value.code == "unknown_feed" and "--accept-new-feed" in str(unknown.value)
        with pytest.raises(SignatureError):
            run_sync(lib, str(sample_feed), SyncOptions(accept_new_feed=True))  # only the portal key is trusted
        assert lib.is_empty()


def test_tampered_manifest_is_refused_and_nothing_applied(sample_feed: Path, keys, tmp_path: Path) -> None:
    raw = (sample_feed / MANIFEST_NAME).read_bytes()
    (sample_feed / MANIFEST_NAME).write_bytes(raw.replace(b'"title": "Sample"', b'"title": "Sampl3"'))
    with Library.open(tmp_path / "lib") as lib:
        with pytest.raises(SignatureError):
            run_sync(lib, str(sample_feed), opts(keys))
        assert lib.is_empty()


def test_incremental_sync_keeps_user_data_and_refuses_a_replay(sample_feed: Path, keys, folder: Path,
                                                              tmp_path: Path) -> None:
    old = tmp_path / "old-feed"
    shutil.copytree(sample_feed, old)
    with Library.open(tmp_path / "lib") as lib:
        run_sync(lib, str(sample_feed), opts(keys))
        lib.set_bookmark("irrigation-suzak-ky")
        lib.add_note("irrigation-suzak-ky", "көрүү керек")
        lib.add_note("water-kochkor-ru", "обсудить на сессии")
        lib.record_opened("lesson-pb-intro-ru", position=21.5)

        page = folder / "practices" / "water-kochkor-ru.md"
        page.write_text(page.read_text(encoding="utf-8").replace("## ", "## Обновлено. ", 1), encoding="utf-8")
        (folder / "practices" / "irrigation-suzak-ky.md").unlink()
        shutil.copy(folder / "practices" / "solar-kulundu-en.md", folder / "practices" / "solar-copy-en.md")
        extra = folder / "practices" / "solar-copy-en.md"
        extra.write_text(extra.read_text(encoding="utf-8").replace("id: solar-kulundu-en", "id: solar-copy-en"),
                         encoding="utf-8")
        publish(folder, sample_feed, keys.private)

        report = run_sync(lib, str(sample_feed), opts(keys))
        assert not report.used_snapshot
        assert report.added == {"practice": ["solar-copy-en"]}
        assert report.updated == {"practice": ["water-kochkor-ru"]}
        assert report.removed == {"practice": ["irrigation-suzak-ky"]}
        assert "Обновлено" in lib.get_item("water-kochkor-ru").body_text
        assert "solar-copy-en" in [h.id for h in lib.search(SearchRequest("solar water heaters kindergarten")).hits]
        # user data survived, the note on the deleted practice is kept and marked as such
        assert lib.bookmarks() == ["irrigation-suzak-ky"]
        notes = {n.item_id: n for n in lib.notes()}
        assert notes["irrigation-suzak-ky"].orphaned and notes["irrigation-suzak-ky"].text == "көрүү керек"
        assert not notes["water-kochkor-ru"].orphaned
        assert lib.resume_position("lesson-pb-intro-ru") == 21.5

        before = content(lib)
        with pytest.raises(FeedError) as replay:
            run_sync(lib, str(old), opts(keys))
        assert replay.value.code == "feed_went_backwards" and "older" in str(replay.value)
        assert content(lib) == before


def test_received_feed_files_are_kept_with_their_signature(sample_feed: Path, keys, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        report = run_sync(lib, str(sample_feed), opts(keys))
        kept = lib.paths.data / "feeds" / report.feed_id
        assert (kept / MANIFEST_NAME).read_bytes() == (sample_feed / MANIFEST_NAME).read_bytes()
        assert (kept / SIGNATURE_NAME).read_bytes() == (sample_feed / SIGNATURE_NAME).read_bytes()
        assert list((kept / "snapshots").iterdir())


def test_sample_is_the_same_whether_imported_or_synced(sample_feed: Path, keys, tmp_path: Path) -> None:
    with Library.open(tmp_path / "synced") as synced, Library.open(tmp_path / "imported") as imported:
        run_sync(synced, str(sample_feed), opts(keys, video_policy="all"))
        imported.import_folder(SAMPLE)
        assert content(synced) == content(imported)
        assert synced.check().ok


def test_export_to_a_drive_then_a_third_pc_syncs_from_it(sample_feed: Path, keys, folder: Path,
                                                          tmp_path: Path) -> None:
    from sync.export import export_feed

    drive = tmp_path / "USB DRIVE" / "kitepkana-feed"
    with Library.open(tmp_path / "second") as second:
        run_sync(second, str(sample_feed), opts(keys, video_policy="all"))
        page = folder / "practices" / "quota-kokoy-ru.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nДобавлено позже.\n", encoding="utf-8")
        publish(folder, sample_feed, keys.private)
        run_sync(second, str(sample_feed), opts(keys))
        report = export_feed(second, drive)
        assert report.blobs_missing == 0
        with Library.open(tmp_path / "third") as third:
            run_sync(third, str(drive), opts(keys, video_policy="all"))
            assert content(third) == content(second)
            assert third.check().ok
            assert "Добавлено позже" in third.get_item("quota-kokoy-ru").body_text
        # a small update bundle: only what came after a cursor
        small = export_feed(second, tmp_path / "small", since=report.seq - 1)
        assert small.files < report.files


@pytest.mark.parametrize("stop_after", [1, 3, 8, 20])
def test_cancel_leaves_the_library_consistent(sample_feed: Path, keys, tmp_path: Path, stop_after: int) -> None:
    with Library.open(tmp_path / "ref") as ref:
        run_sync(ref, str(sample_feed), opts(keys, video_policy="all"))
        expected = content(ref)
    with Library.open(tmp_path / "lib") as lib:
        calls = []

        def cancelled() -> bool:
            calls.append(1)
            return len(calls) > stop_after

        with pytest.raises(CancelledError):
            run_sync(lib, str(sample_feed), opts(keys, video_policy="all"), cancelled=cancelled)
        assert lib.check().ok  # whatever was applied is whole
        lib.ensure_index()  # builds it if the cancel came before any item arrived
        assert lib.ensure_index() == IndexOutcome.OK
        assert set(lib.search_index.index.indexed_states()) == {i.id for i in lib.list_items()}
        run_sync(lib, str(sample_feed), opts(keys, video_policy="all"))
        assert content(lib) == expected and lib.check().ok
