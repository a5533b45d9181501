"""How the lesson view is laid out, for 1366×768 screens first: the video as large as the window allows.

The video, its captions and the controls fill a column that takes all the height; the transcript, the
lesson's description with its related items, and the viewer's notes share a narrow side panel as tabs
(:class:`LessonSidePanel`), instead of a description box squeezing the video from below. The title row has
the full-screen button (``ui/sidebar.py``); the window's sections fold away while a lesson is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ui.readerside import CLICK_TARGET
from ui.sidebar import FullScreenButton

SIDE_WIDTH = 340  # the transcript's lines stay readable; the rest of the width is the video's
VIDEO_RATIO = 16 / 9


def video_frame(size: QSize, ratio: float = VIDEO_RATIO) -> QSize:
    """The picture's size inside a video area of ``size`` (the video keeps its shape: black bars beside it)."""
    width = min(size.width(), round(size.height() * ratio))
    return QSize(width, round(width / ratio))


def scale_font(label: QLabel, factor: float, *, bold: bool = False) -> None:
    font = label.font()  # relative to the system font, never a fixed size
    if font.pointSizeF() > 0:  # -1 when the system font is given in pixels
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


class LessonSidePanel(QTabWidget):
    """Transcript, About this lesson (description, topics, related items) and Notes, as tabs."""

    def __init__(self, transcript: QWidget, info: QWidget, notes: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transcript_page, self.info_page, self.notes_page = transcript, info, notes
        for page in (transcript, info, notes):
            self.addTab(page, "")
        self.setDocumentMode(True)
        self.retranslate()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(SIDE_WIDTH)
        return hint

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("Transcript"))
        self.setTabText(1, QCoreApplication.translate("LessonInfo", "About this lesson"))  # translated there
        self.setTabText(2, QCoreApplication.translate("ReaderView", "Notes"))  # one word for notes everywhere

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def lay_out(view) -> None:
    transport = QHBoxLayout()
    for w in (view.play_button, view.back_button, view.forward_button):
        transport.addWidget(w)
    transport.addWidget(view.seek_slider, 1)
    transport.addWidget(view.time_label)
    # the sound beside the time, as in most players: the row below (longer in Kyrgyz and Russian) then fits
    transport.addWidget(view.mute_button)
    transport.addWidget(view.volume_slider)
    settings = QHBoxLayout()
    for w in (view.speed_label, view.speed, view.subtitles_label, view.subtitles):
        settings.addWidget(w)
    settings.addStretch(1)
    settings.addWidget(view.bookmark_button)
    left = QWidget()
    column = QVBoxLayout(left)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(view.screen, 1)  # every pixel of height the controls leave
    column.addWidget(view.caption)
    column.addLayout(transport)
    column.addLayout(settings)
    view.side = LessonSidePanel(view.transcript, view.info, view.notes)
    view.side.setMinimumWidth(SIDE_WIDTH * 3 // 4)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(left)
    split.addWidget(view.side)
    split.setStretchFactor(0, 1)
    split.setStretchFactor(1, 0)
    split.setChildrenCollapsible(False)
    split.setSizes([3 * SIDE_WIDTH, SIDE_WIDTH])
    view.splitter = split
    view.full_screen_button = FullScreenButton()
    view.full_screen_button.setMinimumHeight(CLICK_TARGET)
    heading = QHBoxLayout()
    heading.addWidget(view.title, 1)
    heading.addWidget(view.full_screen_button, 0, Qt.AlignmentFlag.AlignTop)
    outer = QVBoxLayout(view)
    outer.addLayout(heading)
    outer.addWidget(split, 1)
