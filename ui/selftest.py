"""Hidden self-tests the frozen smoke test (build/smoke_test.py) runs through the real desktop app.

``KITEPKANA_SELFTEST=play kitepkana`` starts the app as usual; once the library is ready it opens the first
lesson whose video is on this PC and waits until the player's position passes 1000 ms. Then it prints
``kitepkana-selftest play ok position=<ms> lesson=<id> lang=<interface language>`` and quits with exit code 0;
on a player error, a lesson that cannot load, or after 30 s, it prints ``kitepkana-selftest play FAILED <why>``
and quits with code 3. With ``KITEPKANA_SELFTEST_OUT=<file>`` the line also goes into that file: the windowed
``kitepkana.exe`` on Windows has no stdout to print it on. This proves the bundle carries a working media backend (QtMultimedia's FFmpeg plugin and
its libraries) and its translations.

Nothing here runs unless the variable is set; ``ui/app.py`` installs it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.mainwindow import MainWindow

ENV = "KITEPKANA_SELFTEST"
OUT_ENV = "KITEPKANA_SELFTEST_OUT"
TIMEOUT_S = 30.0
PLAYED_MS = 1000


def install(window: MainWindow) -> QObject | None:
    """Start the self-test named in ``KITEPKANA_SELFTEST`` on ``window`` (None when unset or unknown)."""
    if os.environ.get(ENV) != "play":
        return None
    return _PlayTest(window)


def _lesson_with_video(library: Library) -> str | None:
    for summary in library.list_items(kind="lesson"):
        item = library.get_item(summary.id)
        if any(f.role == "video" and f.present for f in item.files):
            return item.id
    return None


class _PlayTest(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.lesson: str | None = None
        self.started = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._poll)
        window.library_ready.connect(self._library_ready)
        QTimer.singleShot(int(TIMEOUT_S * 1000), lambda: self._finish(False, f"timeout after {TIMEOUT_S:.0f} s"))

    def _library_ready(self, library: Library) -> None:
        self.window.tasks.run(lambda _task: _lesson_with_video(library), queue=Queue.READ, name="selftest",
                              on_done=self._open, on_error=lambda e: self._finish(False, f"{type(e).__name__}: {e}"))

    def _open(self, lesson: str | None) -> None:
        if lesson is None:
            self._finish(False, "no lesson with its video in the library")
            return
        self.lesson = lesson
        self.window.open_item(lesson)
        self.timer.start()

    def _poll(self) -> None:
        view = self.window.views.lesson_view
        if view is None:
            problem = self.window.views.problems.get("lesson")
            if problem:
                self._finish(False, f"the lesson view could not be made: {problem}")
            return
        if view.load_error is not None:
            self._finish(False, f"the lesson did not load: {view.load_error}")
            return
        player = view.player
        if player.error() != player.Error.NoError:
            self._finish(False, f"player error {player.error().name}: {player.errorString()}")
        elif player.position() > PLAYED_MS:
            from ui.i18n import current_language

            self._finish(True, f"position={player.position()} lesson={self.lesson} lang={current_language()}")

    def _finish(self, ok: bool, detail: str) -> None:
        if self.timer is None:
            return
        self.timer.stop()
        self.timer = None
        line = f"kitepkana-selftest play {'ok' if ok else 'FAILED'} {detail}"
        if os.environ.get(OUT_ENV):
            try:
                with open(os.environ[OUT_ENV], "w", encoding="utf-8") as f:
                    f.write(line + "\n")
            except OSError:
                pass  # the printed line (and the exit code) still tell
        if sys.stdout is not None:  # the windowed executable on Windows has none
            print(line, flush=True)
        code = 0 if ok else 3
        # exit the event loop only: ui.app.run() then shuts the window down (a close here would quit with 0)
        QTimer.singleShot(0, lambda: QApplication.instance().exit(code))
