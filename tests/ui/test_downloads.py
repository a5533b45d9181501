"""The Downloads view against a real feed on loopback HTTP: it lists the videos a sync left for later, downloads
one, pauses and resumes (with HTTP Range, from the kept .part file), runs at most two at once, cancels a queued
one, and shows the space the library's files use and the free space on its disk."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, QTimer

from app.library import Library
from app.syncstore import SyncStore
from sync import feedformat
from tests.sync.httpserver import TestServer
from ui.downloads import MAX_ACTIVE, DownloadsView
from ui.tasks import TaskManager

TIMEOUT = 60_000

# portal, lib (a library synced from it, 6 videos waiting) and tasks: tests/ui/conftest.py


def open_view(qtbot, lib: Library, tasks: TaskManager) -> DownloadsView:
    view = DownloadsView(lib, tasks)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.rows) == 6 and view.free is not None, timeout=TIMEOUT)
    return view


def video_of(lib: Library, item_id: str):
    return next(f for f in lib.get_item(item_id).files if f.role == "video")


def select(view: DownloadsView, item_id: str) -> None:
    view.tree.clearSelection()
    view.tree.selectionModel().select(view.tree.indexFromItem(view.rows[item_id].widget),
                                      QItemSelectionModel.Select | QItemSelectionModel.Rows)


def test_lists_the_missing_videos_and_downloads_one(qtbot, lib: Library, tasks, portal: TestServer) -> None:
    view = open_view(qtbot, lib, tasks)
    lessons = {i.id: i.title for i in lib.list_items(kind="lesson")}
    assert set(view.rows) == set(lessons)
    for item_id, row in view.rows.items():
        assert row.title == lessons[item_id] and row.kind == "lesson" and row.state == "missing"
        assert row.size == video_of(lib, item_id).size
        assert row.widget.text(0) == lessons[item_id] and row.bar.format() == "Not downloaded"
    assert not view.empty_label.isVisible()
    space_before = dict(view.space)
    assert space_before == lib.space_by_kind() and "Documents" in view.space_label.text()
    assert view.free > 0 and "Free on the library's disk" in view.free_label.text()

    item_id = "lesson-pb-intro-ru"
    video = video_of(lib, item_id)
    select(view, item_id)
    assert view.download_button.isEnabled() and not view.pause_button.isEnabled()
    downloaded = []
    view.item_downloaded.connect(downloaded.append)
    qtbot.mouseClick(view.download_button, Qt.LeftButton)
    assert view.state_of(item_id) == "active" and view.pause_button.isEnabled()
    qtbot.waitUntil(lambda: view.state_of(item_id) == "done", timeout=TIMEOUT)

    assert downloaded == [item_id]
    row = view.rows[item_id]
    assert row.bar.format() == "Downloaded" and row.bar.value() == row.bar.maximum() > 0
    QCoreApplication.sendEvent(view, QEvent(QEvent.LanguageChange))  # redrawn from the rows' states
    assert row.bar.format() == "Downloaded" and view.rows["lesson-elibrary-ky"].bar.format() == "Not downloaded"
    assert SyncStore(lib).missing_files(item_ids=[item_id]) == []
    assert lib.media.verify(video.sha256) is None
    assert [e.status for e in portal.requests_for(feedformat.blob_path(video.sha256))] == [200]
    # the space used by video lessons grew by the video
    qtbot.waitUntil(lambda: view.space.get("lesson") == space_before["lesson"] + video.size, timeout=TIMEOUT)
    assert all(view.state_of(i) == "missing" for i in lessons if i != item_id)


def test_pause_keeps_the_partial_file_and_resume_continues_with_range(qtbot, lib: Library, tasks,
                                                                       portal: TestServer) -> None:
    item_id = "lesson-quota-30-ky"
    video = video_of(lib, item_id)
    blob = feedformat.blob_path(video.sha256)
    portal.throttle(blob, rate=60_000)  # ~5 s for the whole video: time to pause in the middle
    view = open_view(qtbot, lib, tasks)
    view.enqueue(item_id)
    partial = lambda: [p for p in lib.media.root.glob("*.part") if p.stat().st_size > 0]
    qtbot.waitUntil(lambda: bool(partial()), timeout=TIMEOUT)
    select(view, item_id)
    qtbot.mouseClick(view.pause_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.state_of(item_id) == "paused", timeout=TIMEOUT)
    assert view.rows[item_id].bar.format() == "Paused" and view.resume_button.isEnabled()
    (part,) = partial()
    kept = part.stat().st_size
    assert 0 < kept < video.size
    assert SyncStore(lib).missing_files(item_ids=[item_id])  # not here yet

    portal.clear_faults()
    downloaded = []
    view.item_downloaded.connect(downloaded.append)
    qtbot.mouseClick(view.resume_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.state_of(item_id) == "done", timeout=TIMEOUT)
    assert downloaded == [item_id] and lib.media.verify(video.sha256) is None
    first, second = portal.requests_for(blob)
    assert first.range is None and second.range == f"bytes={kept}-" and second.status == 206
    assert second.sent == video.size - kept  # only the rest travelled
    assert not list(lib.media.root.glob("*.part"))


def test_download_all_runs_two_at_a_time_and_a_cancelled_one_never_starts(qtbot, lib: Library, tasks,
                                                                          portal: TestServer) -> None:
    portal.throttle(None, rate=400_000)
    view = open_view(qtbot, lib, tasks)
    # sampled: downloads running at once. Not the net pool's thread count, nor the portal's open requests: both
    # can read 3 for a moment under load, while a finished download's thread (or the server's answer) is still
    # winding down as the next download starts
    running = []
    sampler = QTimer()
    sampler.timeout.connect(lambda: running.append(sum(view.state_of(i) == "active" for i in view.rows)))
    sampler.start(5)
    downloaded = []
    view.item_downloaded.connect(downloaded.append)
    qtbot.mouseClick(view.all_button, Qt.LeftButton)
    states = [view.state_of(i) for i in view.rows]
    assert states.count("active") == MAX_ACTIVE == 2 and states.count("queued") == 4
    last = next(i for i in reversed(list(view.rows)) if view.state_of(i) == "queued")
    select(view, last)
    qtbot.mouseClick(view.cancel_button, Qt.LeftButton)
    assert view.state_of(last) == "missing" and view.rows[last].bar.format() == "Not downloaded"
    qtbot.waitUntil(lambda: len(downloaded) == 5, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=TIMEOUT)
    sampler.stop()
    assert max(running) == 2 and running.count(2) > 10, running
    assert set(downloaded) == set(view.rows) - {last}
    assert {f.item_id for f in SyncStore(lib).missing_files()} == {last}
    assert not portal.requests_for(feedformat.blob_path(video_of(lib, last).sha256))  # never asked for
