"""The video lesson view: player and controls, captions, transcript, resume, bookmark and notes, download offer.

A lesson opens where the viewer left it (``Library.resume_position``) or at a given second (a search hit in a
transcript). The position is saved while playing, on pause and on stop, through the "write" queue. A lesson
whose video is not on this PC offers to download it (``sync.client.download_item`` on the "net" queue).
Every library call leaves the UI thread through the task manager (``ui/tasks.py``). The layout (the video as
large as the window allows, transcript, description and notes as tabs beside it) is ``ui/lessonlayout.py``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QStyle,
    QToolButton,
    QWidget,
)

from app.values import CueInfo, ItemDetail
from ui.formats import ui_language
from ui.kiosk import current_visit
from ui.lessondata import LessonData, _read_lesson, later
from ui.lessonlayout import lay_out, scale_font
from ui.lessonnotes import LessonUserData
from ui.tasks import Queue
from ui.transcript import (
    DownloadOffer,
    LessonInfo,
    TimedNotesPanel,
    TranscriptPanel,
    cue_index_at,
    cues_for,
    format_time,
    language_name,
    subtitle_languages,
)

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import TaskManager

SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)
SKIP_SECONDS = 10
SAVE_EVERY_MS = 10_000  # a crash or a power cut loses at most this much of the resume position
END_MARGIN = 3.0  # seconds before the end that count as "watched to the end" (credits, silence)
MIN_RESUME = 2.0  # resuming at 0:01 is pointless: start from the beginning
READY = (QMediaPlayer.LoadedMedia, QMediaPlayer.BufferingMedia, QMediaPlayer.BufferedMedia,
         QMediaPlayer.StalledMedia, QMediaPlayer.EndOfMedia)


class LessonView(LessonUserData, QWidget):
    open_item = Signal(str)  # a related item was clicked
    bookmarks_changed = Signal()  # a bookmark or a note was added
    lesson_shown = Signal(str)  # the lesson's details are on screen (its video may still be loading)

    def __init__(self, library: Library, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("reading_page", True)  # the window folds its sections away (ui/sidebar.py)
        self.library, self.tasks = library, tasks
        self.autoplay = True
        self.item: ItemDetail | None = None
        self.item_id: str | None = None  # the lesson asked for (it may still be loading)
        self.video_path: Path | None = None
        self.load_error: BaseException | None = None
        self._requested_at: float | None = None
        self._pending_seek: int | None = None  # ms, applied once the media has loaded (a seek before is lost)
        self._source: QUrl | None = None  # the video asked for (the player takes it on the next event loop turn)
        self._loading = False
        self._saved: dict[str, float] = {}  # positions saved this session (the write may still be queued)
        self._last_saved: tuple[str, float, bool] | None = None
        self._subtitle_choice: str | None = None  # the viewer's pick ("" = off), kept from lesson to lesson
        self._caption_cues: list[CueInfo] = []
        self._after_download: str | None = None
        self.setFocusPolicy(Qt.StrongFocus)  # Space and the arrow keys reach keyPressEvent

        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget()
        self.video.setMinimumSize(QSize(320, 180))
        self.player.setVideoOutput(self.video)
        self.offer = DownloadOffer(library, tasks)
        self.offer.downloaded.connect(self._downloaded)
        self.screen = QStackedWidget()
        self.screen.addWidget(self.video)
        self.screen.addWidget(self.offer)

        # the title and the captions come from the feed: plain text, never markup
        self.title = QLabel(wordWrap=True, textInteractionFlags=Qt.TextSelectableByMouse, textFormat=Qt.PlainText)
        scale_font(self.title, 1.4, bold=True)
        self.caption = QLabel(alignment=Qt.AlignCenter, wordWrap=True, autoFillBackground=True, textFormat=Qt.PlainText)
        scale_font(self.caption, 1.25)
        palette = self.caption.palette()  # light on dark, like captions on a screen
        palette.setColor(QPalette.Window, QColor(20, 20, 20))
        palette.setColor(QPalette.WindowText, QColor(250, 250, 250))
        self.caption.setPalette(palette)
        self.caption.setMinimumHeight(self.caption.fontMetrics().lineSpacing() * 2 + 8)  # no jumping layout

        style = self.style()
        self.play_button = self._tool(QStyle.SP_MediaPlay, self.toggle_play)
        self.back_button = self._tool(QStyle.SP_MediaSeekBackward, lambda: self.skip(-SKIP_SECONDS))
        self.forward_button = self._tool(QStyle.SP_MediaSeekForward, lambda: self.skip(SKIP_SECONDS))
        # not a checkable button: a pressed look next to a full volume slider read as "something is on"; the icon,
        # its words and the slider (at 0 while muted) say whether the sound is off
        self.mute_button = self._tool(QStyle.SP_MediaVolume, lambda: later(self.audio, "setMuted",
                                                                           ("bool", not self.audio.isMuted())))
        self.audio.mutedChanged.connect(self._muted_changed)
        self.seek_slider = QSlider(Qt.Horizontal)
        self.seek_slider.setSingleStep(SKIP_SECONDS * 1000)  # arrow keys on the slider skip like the buttons
        self.seek_slider.setPageStep(60_000)
        self.seek_slider.valueChanged.connect(self._slider_changed)
        self.seek_slider.sliderReleased.connect(lambda: self.seek(self.seek_slider.value() / 1000))
        self.time_label = QLabel()
        self.volume_slider = QSlider(Qt.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(self.audio.volume() * 100))
        self.volume_slider.setMaximumWidth(style.pixelMetric(QStyle.PM_SliderLength) * 6)
        self.volume_slider.valueChanged.connect(self._volume_moved)
        self.speed_label, self.speed = QLabel(), QComboBox()
        self.speed_label.setBuddy(self.speed)
        for rate in SPEEDS:
            self.speed.addItem("", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(self._set_rate)
        self.subtitles_label, self.subtitles = QLabel(), QComboBox()
        self.subtitles_label.setBuddy(self.subtitles)
        self.subtitles.currentIndexChanged.connect(self._subtitles_changed)
        for combo in (self.speed, self.subtitles):  # "1× (normal)" and language names are longer in ky/ru
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.bookmark_button = QPushButton(checkable=True)
        self.bookmark_button.setShortcut(QKeySequence("Ctrl+D"))
        self.bookmark_button.clicked.connect(self._bookmark_clicked)
        self.info = LessonInfo()
        self.info.open_item.connect(self.open_item)
        self.transcript = TranscriptPanel()
        self.transcript.seek_requested.connect(self.seek)
        self.notes = TimedNotesPanel()
        self.notes.seek_requested.connect(self.seek)
        self.notes.note_written.connect(self.add_note)
        self._layout()

        self.save_timer = QTimer(self, interval=SAVE_EVERY_MS)
        self.save_timer.timeout.connect(self.save_position)
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.mediaStatusChanged.connect(self._status_changed)
        self.player.errorOccurred.connect(self._player_error)
        self.retranslate()
        self._set_enabled(False)

    def _tool(self, icon: QStyle.StandardPixmap, slot) -> QToolButton:
        button = QToolButton(autoRaise=True)
        button.setIcon(self.style().standardIcon(icon))
        if slot is not None:
            button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        lay_out(self)

    # --- language ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        for button, name, tip in (
                (self.play_button, self.tr("Play or pause"), self.tr("Play or pause (Space)")),
                (self.back_button, self.tr("Back 10 seconds"), self.tr("Back 10 seconds (Left arrow)")),
                (self.forward_button, self.tr("Forward 10 seconds"), self.tr("Forward 10 seconds (Right arrow)")),
                (self.bookmark_button, self.tr("Bookmark this lesson"),
                 self.tr("Keep this lesson in your bookmarks (Ctrl+D)"))):
            button.setAccessibleName(name)
            button.setToolTip(tip)
        self.seek_slider.setAccessibleName(self.tr("Position in the video"))
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setToolTip(self.tr("Volume"))
        self.speed_label.setText(self.tr("&Speed:"))
        self.speed.setAccessibleName(self.tr("Playback speed"))
        locale = QLocale()
        for i, rate in enumerate(SPEEDS):
            number = locale.toString(rate)
            self.speed.setItemText(i, self.tr("%1× (normal)").replace("%1", number) if rate == 1.0 else f"{number}×")
        self.subtitles_label.setText(self.tr("S&ubtitles:"))
        self.subtitles.setAccessibleName(self.tr("Subtitles language"))
        for i in range(self.subtitles.count()):
            lang = self.subtitles.itemData(i)
            self.subtitles.setItemText(i, language_name(lang) if lang else self.tr("Off"))
        self.bookmark_button.setText(self.tr("★ In bookmarks") if self.bookmark_button.isChecked()
                                     else self.tr("☆ &Bookmark"))
        self.caption.setAccessibleName(self.tr("Subtitles"))
        self.video.setAccessibleName(self.tr("Video"))
        self._muted_changed(self.audio.isMuted())  # the mute button's words follow the sound's state
        self._show_time(self.player.position())
        if self.item is not None:
            self.info.lang = ui_language()
            self.info.retranslate()
        elif self.load_error is not None:
            self._show_load_error()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- opening a lesson ----------------------------------------------------------------------------

    def show_lesson(self, item_id: str, at: float | None = None) -> None:
        """Show a lesson; play from ``at`` seconds, or from where the viewer stopped last time."""
        if self.item is not None and self.item.id == item_id == self.item_id and self.video_path is not None:
            if self._source is None:  # stopped earlier: load it again
                self._load_video(at if at is not None else self._saved.get(item_id, 0.0))
            elif at is not None:
                self.seek(at)
            if self.autoplay:
                later(self.player, "play")
            return
        self.stop()
        self.item_id, self._requested_at, self.load_error = item_id, at, None
        self._set_enabled(False, item=False)  # until the new lesson is here: a note must not land on the last one
        library = self.library
        self.tasks.run(lambda task: _read_lesson(library, item_id), queue=Queue.READ, key=f"lesson-view-{id(self)}",
                       name="open lesson", on_done=self._loaded, on_error=partial(self._load_failed, item_id))

    def _loaded(self, data: LessonData) -> None:
        if data.item.id != self.item_id:
            return  # the viewer has moved on to another lesson meanwhile
        self.item, self.video_path = data.item, data.video
        self.title.setText(data.item.title)
        self.info.show_item(data.item, related=data.related, images=data.images, lang=ui_language())
        self.bookmark_button.setChecked(data.bookmarked)
        self.retranslate()  # the bookmark text, the time label
        self.notes.set_notes(data.notes)
        self._fill_subtitles()
        if not data.item.cues:  # no transcript to follow: the description, not a tab saying there is none
            self.side.setCurrentWidget(self.info)
        self._set_enabled(data.video is not None)
        self.seek_slider.setRange(0, int((data.item.duration or 0) * 1000))
        if data.video is not None:
            self.screen.setCurrentWidget(self.video)
            self._load_video(self._start_at(data))
        else:
            self.screen.setCurrentWidget(self.offer)
            self.offer.show_for(data.item.id, data.thumbnail, no_source=self._after_download == data.item.id)
        self._after_download = None
        library, item_id, visit = self.library, data.item.id, current_visit(self)
        self.tasks.run(lambda task: library.record_opened(item_id, visit_id=visit), queue=Queue.WRITE,
                       name="record opened")
        self.lesson_shown.emit(data.item.id)

    def _start_at(self, data: LessonData) -> float:
        if self._requested_at is not None:
            return max(0.0, self._requested_at)
        resume = self._saved.get(data.item.id, data.resume)
        duration = data.item.duration or 0.0
        if resume is None or resume < MIN_RESUME or (duration and resume >= duration - END_MARGIN):
            return 0.0  # never watched, or watched to the end: from the beginning
        return resume

    def _load_failed(self, item_id: str, error: BaseException) -> None:
        if item_id == self.item_id:
            self.item, self.video_path, self.load_error = None, None, error
            self._set_enabled(False)
            self._show_load_error()

    def _show_load_error(self) -> None:
        gone = getattr(self.load_error, "code", "") == "not_found"
        self.title.setText(self.tr("This lesson is no longer in the library.") if gone
                           else self.tr("This lesson could not be opened."))
        self.info.show_text("" if gone else str(self.load_error))

    def _fill_subtitles(self) -> None:
        langs = subtitle_languages(self.item.cues)
        self.subtitles.blockSignals(True)  # filling the list is not the viewer choosing
        self.subtitles.clear()
        for lang in ["", *langs]:
            self.subtitles.addItem(language_name(lang) if lang else self.tr("Off"), lang)
        self.subtitles.blockSignals(False)
        choice = self._subtitle_choice
        if choice is None or (choice and choice not in langs):  # the viewer's language, else the lesson's
            choice = next((x for x in (ui_language(), self.item.lang) if x in langs), langs[0] if langs else "")
        self.set_subtitles(choice, remember=False)
        self.subtitles.setEnabled(bool(langs))

    def _subtitles_changed(self, index: int) -> None:
        self.set_subtitles(self.subtitles.itemData(index) or "")

    def set_subtitles(self, lang: str, *, remember: bool = True) -> None:
        """Caption language (``""`` = off). The transcript follows it (the lesson's language when off)."""
        self.subtitles.blockSignals(True)
        self.subtitles.setCurrentIndex(max(self.subtitles.findData(lang), 0))
        self.subtitles.blockSignals(False)
        lang = self.subtitles.currentData() or ""
        if remember:
            self._subtitle_choice = lang
        cues = self.item.cues if self.item else ()
        langs = subtitle_languages(cues)
        self._caption_cues = cues_for(cues, lang) if lang else []
        shown = lang or (self.item.lang if self.item and self.item.lang in langs else (langs[0] if langs else None))
        self.transcript.set_cues(cues_for(cues, shown), shown)
        self._follow(self.player.position())

    def _set_enabled(self, playable: bool, *, item: bool = True) -> None:
        for w in (self.play_button, self.back_button, self.forward_button, self.seek_slider, self.speed):
            w.setEnabled(playable)
        for w in (self.bookmark_button, self.notes):
            w.setEnabled(item and self.item is not None)

    # --- playing ---------------------------------------------------------------------------------------

    def _load_video(self, start: float) -> None:
        self._pending_seek = int(start * 1000) if start > 0 else None
        self._last_saved = None
        self._source, self._loading = QUrl.fromLocalFile(str(self.video_path)), True
        later(self.player, "setSource", ("QUrl", self._source))
        self._set_rate()
        if self.autoplay:
            later(self.player, "play")

    def _set_rate(self) -> None:
        later(self.player, "setPlaybackRate", ("qreal", float(self.speed.currentData())))

    def toggle_play(self) -> None:
        if self.video_path is None:
            return
        if self._source is None:
            self._load_video(self._saved.get(self.item.id, 0.0))
            later(self.player, "play")
        elif self.player.playbackState() == QMediaPlayer.PlayingState:
            later(self.player, "pause")
        else:
            later(self.player, "play")

    def position(self) -> float:
        """Seconds into the video (where it will start, while it is still loading)."""
        if self._pending_seek is not None:
            return self._pending_seek / 1000
        return self.player.position() / 1000

    def seek(self, seconds: float) -> None:
        if self.video_path is None:
            return
        ms = int(max(0.0, seconds) * 1000)
        if self.player.duration() > 0:
            ms = min(ms, self.player.duration())
        if self._source is None:
            self._load_video(ms / 1000)
        elif self._loading:
            self._pending_seek = ms
        else:
            later(self.player, "setPosition", ("qint64", ms))

    def skip(self, seconds: float) -> None:
        self.seek(self.position() + seconds)

    def _muted_changed(self, muted: bool) -> None:
        """The sound was turned off or on: the button's icon and words, and the slider (0 while muted)."""
        self.mute_button.setIcon(self.style().standardIcon(QStyle.SP_MediaVolumeMuted if muted
                                                           else QStyle.SP_MediaVolume))
        name, tip = ((self.tr("Sound on"), self.tr("Sound on (M)")) if muted
                     else (self.tr("Sound off"), self.tr("Sound off (M)")))
        self.mute_button.setAccessibleName(name)
        self.mute_button.setToolTip(tip)
        self.volume_slider.blockSignals(True)  # showing the state is not moving the slider
        self.volume_slider.setValue(0 if muted else round(self.audio.volume() * 100))
        self.volume_slider.blockSignals(False)

    def _volume_moved(self, value: int) -> None:
        """The viewer moved the volume slider: that volume, with the sound on again when it was off."""
        later(self.audio, "setVolume", ("float", value / 100))
        if value and self.audio.isMuted():
            later(self.audio, "setMuted", ("bool", False))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # only keys no focused child used: a focused button keeps Space, the note field keeps letters
        key = event.key()
        if key in (Qt.Key_Space, Qt.Key_K, Qt.Key_MediaTogglePlayPause, Qt.Key_MediaPlay, Qt.Key_MediaPause):
            self.toggle_play()
        elif key in (Qt.Key_Left, Qt.Key_J):
            self.skip(-SKIP_SECONDS)
        elif key in (Qt.Key_Right, Qt.Key_L):
            self.skip(SKIP_SECONDS)
        elif key == Qt.Key_M:
            self.mute_button.click()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _status_changed(self, status: QMediaPlayer.MediaStatus) -> None:
        if self.player.source() != self._source:
            return  # the previous video stopping (its last word arrives after the new one was asked for)
        if status in READY and self._loading:
            self._loading = False
            if self._pending_seek is not None:
                ms, self._pending_seek = self._pending_seek, None
                later(self.player, "setPosition", ("qint64", ms))
        if status == QMediaPlayer.EndOfMedia:
            self.save_position(finished=True)

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlayingState
        self.play_button.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))
        if playing:
            self.save_timer.start()
        else:
            self.save_timer.stop()
            if state == QMediaPlayer.PausedState:
                self.save_position()

    def _duration_changed(self, ms: int) -> None:
        if ms > 0:
            self.seek_slider.setRange(0, ms)
        self._show_time(self.player.position())

    def _position_changed(self, ms: int) -> None:
        if not self.seek_slider.isSliderDown():
            self.seek_slider.blockSignals(True)  # moving the slider to follow playback is not a seek
            self.seek_slider.setValue(ms)
            self.seek_slider.blockSignals(False)
            self._show_time(ms)
        self._follow(ms)

    def _slider_changed(self, value: int) -> None:
        if self.seek_slider.isSliderDown():
            self._show_time(value)  # dragging: show where it would go, seek on release
        else:
            self.seek(value / 1000)  # keyboard or a click on the groove

    def _follow(self, ms: int) -> None:
        index = cue_index_at(self._caption_cues, ms / 1000)
        self.caption.setText(self._caption_cues[index].text if index is not None else "")
        self.transcript.follow(ms / 1000)

    def _show_time(self, ms: int) -> None:
        total = self.player.duration() / 1000 or (self.item.duration if self.item and self.item.duration else 0)
        self.time_label.setText(f"{format_time(ms / 1000)} / {format_time(total)}")
        self.time_label.setAccessibleName(self.tr("%1 of %2").replace("%1", format_time(ms / 1000))
                                          .replace("%2", format_time(total)))

    def _player_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.NoError:
            self.caption.setText(self.tr("This video cannot be played on this PC: %1").replace("%1", message))

    # --- remembering where the viewer is --------------------------------------------------------------

    def save_position(self, *, finished: bool = False) -> None:
        """Record the position (on the "write" queue) so the lesson resumes here; skipped if unchanged."""
        if self.item is None or self.video_path is None or self._source is None:
            return
        duration = self.player.duration() / 1000 or (self.item.duration or 0.0)
        seconds = duration if finished and duration else self.position()
        finished = finished or bool(duration and seconds >= duration - END_MARGIN)
        key = (self.item.id, round(seconds, 1), finished)
        if key == self._last_saved:
            return
        self._last_saved = key
        item_id, library, visit = self.item.id, self.library, current_visit(self)
        self._saved[item_id] = seconds
        self.tasks.run(lambda task: library.save_position(item_id, seconds, finished=finished, visit_id=visit),
                       queue=Queue.WRITE, name="save position")

    def stop(self) -> None:
        """Save the position, stop playing and let go of the video file (Windows locks open files)."""
        self.save_position()
        self.save_timer.stop()
        if self._source is not None:
            later(self.player, "stop")
            later(self.player, "setSource", ("QUrl", QUrl()))
        self._source, self._loading, self._pending_seek = None, False, None

    def hideEvent(self, event) -> None:
        # another view took the window's place, or the window closed (not minimised): pause, which saves
        if not event.spontaneous() and self.player.playbackState() == QMediaPlayer.PlayingState:
            later(self.player, "pause")
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    # --- the video was not on this PC ------------------------------------------------------------------

    def _downloaded(self, item_id: str, _result: object) -> None:
        if self.item is not None and self.item.id == item_id:
            self._after_download = item_id  # if the video is still missing, nothing could bring it
            self.item = None  # read it again: the file is there now
            self.show_lesson(item_id, at=self._requested_at)
