"""The video lesson view on the real sample lessons (MP4 + ky/ru WebVTT), offscreen, with the FFmpeg backend.

Playing advances the position; a transcript click, a search hit (``at=``) and the arrow keys seek; captions
follow the position and the chosen language; the position is saved and a reopened lesson resumes there; a
lesson whose video is not on this PC offers a download, which — from a library synced over loopback HTTP with
videos on demand — fetches the video (after a cancelled first try) and the player loads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer

from app.db import models as m
from app.library import Library
from sync.client import SyncOptions, run_sync
from sync.feedformat import blob_path
from tests.sync.conftest import feed_server, http_server, keys, sample_feed, sample_feed_template  # noqa: F401
from ui.player import READY, LessonView
from ui.tasks import TaskManager

LESSON = "lesson-pb-intro-ru"  # 43 s, spoken in Russian, ky and ru subtitles
WAIT = 15_000  # ms: generous, the machine is shared


def cue_text(library: Library, item_id: str, lang: str, seconds: float) -> str:
    """The cue on screen at ``seconds``, straight from the core's values (not through the view's lookup)."""
    cues = [c for c in library.get_item(item_id).cues if c.lang == lang and c.start <= seconds < c.end]
    assert len(cues) == 1, f"pick a moment inside exactly one {lang} cue"
    return cues[0].text


class Setup:
    def __init__(self, qtbot, library: Library) -> None:
        self.qtbot, self.library = qtbot, library
        self.tasks = TaskManager()
        self.views: list[LessonView] = []

    def view(self, *, autoplay: bool = True) -> LessonView:
        view = LessonView(self.library, self.tasks)
        view.autoplay = autoplay
        view.audio.setMuted(True)
        self.qtbot.addWidget(view)
        view.resize(1100, 720)
        view.show()
        self.views.append(view)
        return view

    def open(self, view: LessonView, item_id: str = LESSON, at: float | None = None) -> LessonView:
        with self.qtbot.waitSignal(view.lesson_shown, timeout=WAIT):
            view.show_lesson(item_id, at=at)
        return view

    def close(self) -> None:
        for view in self.views:
            view.stop()  # the player stops on the next turn of the event loop
        self.qtbot.waitUntil(lambda: all(v.player.source().isEmpty() for v in self.views), timeout=WAIT)
        self.tasks.wait()
        self.library.close()


@pytest.fixture
def setup(qtbot, sample_dir: Path):
    s = Setup(qtbot, Library.open(sample_dir))
    yield s
    s.close()


def playing(view: LessonView) -> bool:
    return view.player.playbackState() == QMediaPlayer.PlayingState


def test_a_lesson_plays_and_the_controls_follow(qtbot, setup: Setup) -> None:
    view = setup.open(setup.view())
    assert view.title.text() == "Что такое бюджет участия"
    assert view.info.topics.text().startswith("Topics: Participatory budgeting")  # in the UI language
    assert "Лебединов" in view.info.related.text()  # a related practice, as a link
    assert view.screen.currentWidget() is view.video
    qtbot.waitUntil(lambda: playing(view) and view.player.position() > 500, timeout=WAIT)
    qtbot.waitUntil(lambda: view.seek_slider.value() > 500, timeout=WAIT)
    assert view.time_label.text().endswith("/ 0:43")
    # Space pauses (the view has the focus, no button took the key), Right skips 10 s, Left goes back
    qtbot.keyClick(view, Qt.Key_Space)
    qtbot.waitUntil(lambda: view.player.playbackState() == QMediaPlayer.PausedState, timeout=WAIT)
    before = view.player.position()
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.waitUntil(lambda: abs(view.player.position() - (before + 10_000)) < 600, timeout=WAIT)
    qtbot.keyClick(view, Qt.Key_Left)
    qtbot.waitUntil(lambda: abs(view.player.position() - before) < 600, timeout=WAIT)
    # speed and mute reach the player
    view.speed.setCurrentIndex(view.speed.findData(1.5))
    qtbot.waitUntil(lambda: view.player.playbackRate() == 1.5, timeout=WAIT)
    assert view.volume_slider.value() == 0  # the slider shows the output's state (the test muted it)
    qtbot.mouseClick(view.mute_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not view.audio.isMuted(), timeout=WAIT)
    qtbot.mouseClick(view.play_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: playing(view), timeout=WAIT)


def test_the_mute_button_is_never_shown_pressed_and_says_what_it_does(qtbot, setup: Setup) -> None:
    view = setup.view(autoplay=False)
    view.audio.setMuted(False)
    view.audio.setVolume(1.0)
    qtbot.waitUntil(lambda: not view.audio.isMuted(), timeout=WAIT)
    # full volume, sound on: a plain button (not pressed), the slider at the top, "Sound off" offered
    assert not view.mute_button.isChecked() and not view.mute_button.isDown()
    assert view.volume_slider.value() == 100 and view.mute_button.toolTip() == "Sound off (M)"
    qtbot.mouseClick(view.mute_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.audio.isMuted(), timeout=WAIT)
    assert not view.mute_button.isChecked() and view.volume_slider.value() == 0
    assert view.mute_button.toolTip() == "Sound on (M)"
    assert view.audio.volume() == 1.0  # the volume is kept for when the sound comes back
    qtbot.keyClick(view, Qt.Key_M)
    qtbot.waitUntil(lambda: not view.audio.isMuted(), timeout=WAIT)
    assert view.volume_slider.value() == 100
    view.audio.setMuted(True)
    view.volume_slider.setValue(40)  # moving the slider while muted: that volume, and the sound on
    qtbot.waitUntil(lambda: not view.audio.isMuted() and round(view.audio.volume() * 100) == 40, timeout=WAIT)


def test_a_transcript_click_seeks_and_the_transcript_follows(qtbot, setup: Setup) -> None:
    view = setup.open(setup.view(autoplay=False))
    panel = view.transcript
    assert panel.lang == "ru" and panel.list.count() == len(panel.cues) > 4
    cue = panel.cues[4]
    row = panel.list.item(4)
    panel.list.scrollToItem(row)
    rect = panel.list.visualItemRect(row)
    qtbot.mouseClick(panel.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: abs(view.player.position() - cue.start * 1000) < 300, timeout=WAIT)
    qtbot.waitUntil(lambda: panel.current_index == 4, timeout=WAIT)
    assert panel.list.currentRow() == 4 and panel.list.item(4).font().bold()
    assert view.caption.text() == cue.text
    # playing on, the highlight moves to the next cue by itself
    view.seek(panel.cues[5].start - 0.5)
    view.toggle_play()
    qtbot.waitUntil(lambda: panel.current_index == 5, timeout=WAIT)
    assert not panel.list.item(4).font().bold() and panel.list.item(5).font().bold()


def test_opening_at_a_second_starts_there(qtbot, setup: Setup) -> None:
    """A search hit inside a transcript opens the lesson at that moment."""
    view = setup.open(setup.view(), at=20.0)
    qtbot.waitUntil(lambda: playing(view) and view.player.position() >= 20_000, timeout=WAIT)
    assert view.player.position() < 23_000
    ru_at_20 = [i for i, c in enumerate(view.transcript.cues) if c.start <= 20.2 < c.end]
    qtbot.waitUntil(lambda: view.transcript.current_index in ru_at_20 or view.transcript.current_index == (
        ru_at_20[0] + 1 if ru_at_20 else None), timeout=WAIT)
    # a second hit in the same lesson only seeks
    view.show_lesson(LESSON, at=5.0)
    qtbot.waitUntil(lambda: 5_000 <= view.player.position() < 8_000, timeout=WAIT)


def test_subtitles_show_the_cue_of_the_moment_in_the_chosen_language(qtbot, setup: Setup) -> None:
    view = setup.open(setup.view(autoplay=False), at=8.0)
    langs = [view.subtitles.itemData(i) for i in range(view.subtitles.count())]
    assert langs == ["", "ky", "ru"]
    assert view.subtitles.currentData() == "ru"  # the UI speaks neither: the lesson's own language
    ru = cue_text(setup.library, LESSON, "ru", 8.0)
    ky = cue_text(setup.library, LESSON, "ky", 8.0)
    assert ru != ky
    qtbot.waitUntil(lambda: view.player.position() == 8_000 and view.caption.text() == ru, timeout=WAIT)
    view.subtitles.setCurrentIndex(langs.index("ky"))
    assert view.caption.text() == ky
    assert view.transcript.lang == "ky" and ky in [c.text for c in view.transcript.cues]
    view.subtitles.setCurrentIndex(langs.index(""))
    assert view.caption.text() == ""
    assert view.transcript.lang == "ru"  # subtitles off: the transcript in the lesson's language
    # the choice carries over to the next lesson
    view.subtitles.setCurrentIndex(langs.index("ky"))
    setup.open(view, "lesson-water-tariffs-ru", at=8.0)
    assert view.subtitles.currentData() == "ky"
    water_ky = cue_text(setup.library, "lesson-water-tariffs-ru", "ky", 8.0)
    qtbot.waitUntil(lambda: view.caption.text() == water_ky, timeout=WAIT)


def test_the_position_is_saved_and_a_reopened_lesson_resumes_there(qtbot, setup: Setup) -> None:
    assert setup.library.resume_position(LESSON) is None
    view = setup.open(setup.view(), at=15.0)
    qtbot.waitUntil(lambda: playing(view) and view.player.position() >= 15_500, timeout=WAIT)
    view.stop()
    setup.tasks.wait()
    saved = setup.library.resume_position(LESSON)
    assert saved is not None and 15.0 <= saved < 20.0
    qtbot.waitUntil(lambda: view.player.source().isEmpty(), timeout=WAIT)  # the file is let go of
    # another view (as after a restart) opens the lesson without `at`: it continues where it stopped
    other = setup.open(setup.view())
    qtbot.waitUntil(lambda: playing(other) and other.player.position() >= saved * 1000 - 200, timeout=WAIT)
    assert other.player.position() < saved * 1000 + 3000
    # pausing saves too; watched to the end, the next opening starts from the beginning
    other.seek(41.5)
    qtbot.waitUntil(lambda: other.player.mediaStatus() == QMediaPlayer.EndOfMedia, timeout=WAIT)
    setup.tasks.wait()
    assert setup.library.resume_position(LESSON) >= 40.0
    other.stop()
    third = setup.open(setup.view(autoplay=False))
    qtbot.waitUntil(lambda: third.player.mediaStatus() in READY, timeout=WAIT)
    assert third.player.position() < 1000
    # the history counts the three openings, not every saved position (stop, pause, end)
    setup.tasks.wait()
    with setup.library._read() as s:
        entry = s.get(m.HistoryEntry, LESSON)
        assert (entry.open_count, entry.finished) == (3, True)


def test_bookmark_and_a_note_at_the_current_moment(qtbot, setup: Setup) -> None:
    view = setup.open(setup.view(autoplay=False), at=12.0)
    qtbot.waitUntil(lambda: view.player.position() == 12_000, timeout=WAIT)
    with qtbot.waitSignal(view.bookmarks_changed, timeout=WAIT):
        qtbot.mouseClick(view.bookmark_button, Qt.LeftButton)
    assert setup.library.bookmarks() == [LESSON]
    assert view.bookmark_button.isChecked()
    view.notes.edit.setText("show at the village meeting")
    with qtbot.waitSignal(view.bookmarks_changed, timeout=WAIT):
        qtbot.keyClick(view.notes.edit, Qt.Key_Return)
    [note] = setup.library.notes(LESSON)
    assert note.text == "show at the village meeting" and note.position == 12.0
    assert view.notes.list.count() == 1 and view.notes.list.item(0).text().startswith("0:12")
    # a click on the note goes back to its moment
    view.seek(30.0)
    qtbot.waitUntil(lambda: view.player.position() == 30_000, timeout=WAIT)
    row = view.notes.list.item(0)
    qtbot.mouseClick(view.notes.list.viewport(), Qt.LeftButton, pos=view.notes.list.visualItemRect(row).center())
    qtbot.waitUntil(lambda: view.player.position() == 12_000, timeout=WAIT)


def test_a_video_deleted_from_this_pc_is_offered_for_download(qtbot, setup: Setup) -> None:
    """The sample was imported from a folder, not synced: the download says where the video can come from."""
    video = next(f for f in setup.library.get_item(LESSON).files if f.role == "video")
    setup.library.media_path(video.sha256).unlink()
    view = setup.open(setup.view())
    assert view.screen.currentWidget() is view.offer
    assert view.offer.message.text() == "This video is not on this PC."
    assert view.offer.download_button.isVisible() and not view.play_button.isEnabled()
    assert view.player.source().isEmpty()
    assert view.transcript.list.count() > 0  # the transcript can still be read
    assert not view.offer.thumbnail.pixmap().isNull()
    assert view.notes.edit.isEnabled() and view.bookmark_button.isEnabled()  # notes and bookmarks still work
    qtbot.mouseClick(view.offer.download_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "USB drive" in view.offer.status.text(), timeout=WAIT)
    assert view.screen.currentWidget() is view.offer and view.offer.download_button.isVisible()


def test_a_lesson_no_longer_in_the_library_says_so(qtbot, setup: Setup) -> None:
    view = setup.view()
    view.show_lesson("lesson-that-was-removed")
    qtbot.waitUntil(lambda: view.title.text() == "This lesson is no longer in the library.", timeout=WAIT)
    assert not view.play_button.isEnabled() and not view.notes.isEnabled() and view.player.source().isEmpty()


@pytest.fixture
def synced(qtbot, tmp_path: Path, feed_server, keys):  # noqa: F811
    """A library synced over loopback HTTP with videos on demand (policy "none"): no video is on this PC."""
    library = Library.open(tmp_path / "synced")
    report = run_sync(library, feed_server.url, SyncOptions(video_policy="none", accept_new_feed=True,
                                                            extra_keys=(keys.public,)))
    assert report.videos_waiting == 6
    s = Setup(qtbot, library)
    yield s, feed_server
    s.close()


def test_download_button_fetches_the_video_and_the_player_loads_it(qtbot, synced) -> None:
    setup, server = synced
    video = next(f for f in setup.library.get_item(LESSON).files if f.role == "video")
    assert not video.present
    view = setup.open(setup.view(autoplay=False))
    offer = view.offer
    assert view.screen.currentWidget() is offer and offer.download_button.isVisible()
    # a slow link: the viewer cancels, and the part already fetched is kept for next time
    path = "/" + blob_path(video.sha256)
    server.throttle(path, rate=40_000)
    qtbot.mouseClick(offer.download_button, Qt.LeftButton)
    assert offer.progress.isVisible() and offer.cancel_button.isVisible() and not offer.download_button.isVisible()
    qtbot.waitUntil(lambda: bool(server.requests_for(path)), timeout=WAIT)
    qtbot.wait(300)
    qtbot.mouseClick(offer.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Download stopped" in offer.status.text(), timeout=WAIT)
    assert offer.download_button.isVisible() and not offer.progress.isVisible()
    assert view.screen.currentWidget() is offer
    assert list(setup.library.paths.media.rglob("*.part")), "the cancelled download keeps its part to resume"
    # the link is fine again: Download resumes, the video is verified and the player loads it
    server.clear_faults()
    qtbot.mouseClick(offer.download_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.screen.currentWidget() is view.video, timeout=WAIT)
    # (the player gets its source from the event loop, a moment after the screen switched: see ui.player.later)
    stored = str(setup.library.media_path(video.sha256))
    qtbot.waitUntil(lambda: view.player.source().toLocalFile() == stored, timeout=WAIT)
    qtbot.waitUntil(lambda: view.player.mediaStatus() in READY and view.player.duration() > 40_000, timeout=WAIT)
    assert next(f for f in setup.library.get_item(LESSON).files if f.role == "video").present
    assert server.requests_for(path)[-1].range is not None  # resumed, not fetched again from the start
    view.toggle_play()
    qtbot.waitUntil(lambda: view.player.position() > 500, timeout=WAIT)


def test_download_failure_is_said_in_plain_words(qtbot, synced) -> None:
    setup, server = synced
    video = next(f for f in setup.library.get_item(LESSON).files if f.role == "video")
    (server.root / blob_path(video.sha256)).unlink()  # the portal no longer has this video
    view = setup.open(setup.view(autoplay=False))
    qtbot.mouseClick(view.offer.download_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "no longer has this video" in view.offer.status.text(), timeout=WAIT)
    assert view.offer.download_button.isVisible() and view.screen.currentWidget() is view.offer
    assert not next(f for f in setup.library.get_item(LESSON).files if f.role == "video").present
