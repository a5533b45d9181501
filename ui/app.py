"""Starting the desktop app: the window is painted first, then the library opens in a worker.

Order matters on old PCs: importing SQLAlchemy costs about half a second and Whoosh more, so nothing
here (or in the window's modules) imports them. Once the window has painted for the first time, the
library is opened on the task manager's "write" queue (``Library.open(exclusive=True)``, the sample
imported into an empty library, the search index checked against the database, with progress in the
status bar), and then handed to the window. An up-to-date library is first opened only to search it
(app/searchonly.py), so the first results come before SQLAlchemy is imported, and whole after them
(``MainWindow.open_library``).

``KITEPKANA_SELFTEST=play`` runs a hidden self-test (ui/selftest.py): open a lesson, play a second, exit.

``KITEPKANA_STARTUP_TRACE=1`` prints ``kitepkana-trace <event> <unix time> loaded=<heavy modules> io=<bytes
read>:<bytes from disk> rss=<resident MB>`` lines (io and rss from /proc where there is one, else ``-``) for
``first_paint``, ``first_results`` (the first search answer on screen) and ``library_ready`` (the whole library
handed to the window: before the first results when it had to be opened whole at once); with ``=quit`` the app
also quits once both have happened. ``tests/bench/bench_startup.py`` uses it.

``python -m ui.app [--data-dir DIR] [--no-sample]`` starts the app without the command line module.
"""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.mainwindow import MainWindow
from ui.tasks import Queue, TaskManager

log = logging.getLogger(__name__)
TRACE_ENV = "KITEPKANA_STARTUP_TRACE"


HEAVY_MODULES = ("sqlalchemy", "whoosh", "requests")  # what must not be imported before the first paint


def trace(event: str) -> None:
    """One start-up milestone on stdout: event, wall-clock time, which heavy modules are loaded by then."""
    if os.environ.get(TRACE_ENV):
        loaded = ",".join(m for m in HEAVY_MODULES if m in sys.modules) or "-"
        print(f"kitepkana-trace {event} {time.time():.6f} loaded={loaded} {_io_and_memory()}", flush=True)


def _io_and_memory() -> str:
    """``io=<rchar>:<read_bytes> rss=<MB>`` of this process so far (Linux /proc), for the old-PC benchmark."""
    try:
        with open("/proc/self/io", encoding="ascii") as f:
            io = dict(line.split(": ") for line in f.read().splitlines())
        with open("/proc/self/status", encoding="ascii") as f:
            rss = next(line.split()[1] for line in f if line.startswith("VmRSS:"))
        return f"io={int(io['rchar'])}:{int(io['read_bytes'])} rss={int(rss) / 1024:.1f}"
    except (OSError, KeyError, ValueError, StopIteration):
        return "io=- rss=-"


class _FirstPaint(QObject):
    """Calls ``callback`` once, right after the window's first paint (or after a second at the latest)."""

    def __init__(self, window: QWidget, callback) -> None:
        super().__init__(window)
        self.window, self.callback, self.fired = window, callback, False
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(1000, self._fire)  # a window that never paints (minimised) still gets its library

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self.fired and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self.window):
            QTimer.singleShot(0, self._fire)  # after this paint has finished
        return False

    def _fire(self) -> None:
        if self.fired:
            return
        self.fired = True
        QApplication.instance().removeEventFilter(self)
        self.callback()


def start(data_dir: str | None = None, import_sample: bool = True) -> MainWindow:
    """Show the window; the library opens in the background once the window has painted."""
    from app.paths import resolve  # light: no database

    tasks = TaskManager()
    window = MainWindow(tasks)
    tasks.setParent(window)
    window.settings_paths = resolve(data_dir)
    window.show()

    def painted() -> None:
        trace("first_paint")
        window.open_library(data_dir, import_sample=import_sample)

    window._first_paint = _FirstPaint(window, painted)

    def warm_search(*_args) -> None:  # after the first results: the first keystroke then pays for nothing
        if window.library is None or window.search_page.response is None:
            # Once both are there. The first results may come from the library opened only to search it: then the
            # whole library (the ORM's import) comes first, sooner without the warm-up fighting it for the GIL
            return
        for signal in (window.search_page.results_shown, window.library_ready):
            signal.disconnect(warm_search)
        window.tasks.run(lambda _t, lib=window.library: lib.search_index.warm(), queue=Queue.READ, name="warm")

    window.search_page.results_shown.connect(warm_search)
    window.library_ready.connect(warm_search)
    if os.environ.get("KITEPKANA_SELFTEST"):  # the frozen smoke test (build/smoke_test.py): see ui/selftest.py
        from ui.selftest import install

        window._selftest = install(window)
    if os.environ.get(TRACE_ENV):
        seen: set[str] = set()

        def traced(event: str) -> None:
            trace(event)
            seen.add(event)
            if os.environ.get(TRACE_ENV) == "quit" and seen == {"first_results", "library_ready"}:
                QTimer.singleShot(0, window.close)

        def ready(_library) -> None:
            window.library_ready.disconnect(ready)
            traced("library_ready")

        def first_results() -> None:
            window.search_page.results_shown.disconnect(first_results)
            traced("first_results")

        window.library_ready.connect(ready)
        window.search_page.results_shown.connect(first_results)
    return window


def start_language(app: QApplication, data_dir: str | None) -> str:
    """Install the language chosen in the settings (else the system's). Returns the language in use."""
    try:
        from app.paths import resolve
        from app.settings import Settings
        from ui import i18n

        paths = resolve(data_dir)
        return i18n.install_language(app, i18n.startup_language(Settings(paths)), cache_dir=paths.cache)
    except Exception:  # an English interface beats no interface
        log.warning("could not install the interface language", exc_info=True)
        return "en"


def run(data_dir: str | None = None, import_sample: bool = True) -> int:
    from app.lock import hold_app_mutex

    hold_app_mutex()  # Windows: the installer and uninstaller refuse while the app runs (AppMutex)
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kitepkana")
    from ui import icons

    icons.follow_palette(app)  # the style's grey line icons stay readable on a dark theme
    app.setWindowIcon(icons.icon("all"))
    language = start_language(app, data_dir)
    _start_log(data_dir)
    window = start(data_dir, import_sample)
    window.language_changed(language)
    code = app.exec()
    window.shutdown()
    return code


def _start_log(data_dir: str | None) -> None:
    """The window's log file (app/logs.py): warnings, errors and failed background tasks, for problem reports."""
    try:
        from app import logs
        from app.paths import resolve

        logs.setup(resolve(data_dir), process="app")
    except Exception:  # the app works without its log
        log.warning("no log file", exc_info=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="kitepkana-gui", description="Start the Kitepkana desktop app.")
    parser.add_argument("--data-dir", metavar="DIR", help="library folder to use")
    parser.add_argument("--no-sample", action="store_true", help="do not import the sample into an empty library")
    args = parser.parse_args(argv)
    return run(data_dir=args.data_dir, import_sample=not args.no_sample)


if __name__ == "__main__":
    sys.exit(main())
