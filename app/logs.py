"""The log file: what the app, sync, search and the harvester did that someone supporting the library may need
to know — warnings and errors with their tracebacks, and a few INFO lines (a sync, an import, a migration).

It lives in the logs folder (``app/paths.py``), one file per kind of process (``app.log`` for the window,
``cli.log`` for commands: on Windows a file another process holds open cannot be rotated), and rotates at
:data:`MAX_BYTES`, keeping :data:`BACKUPS` old files. What goes in is what happened — ids, counts, codes, file
names — never what a user wrote (notes) or read: the log travels in problem reports.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app.paths import Paths

LOGGERS = ("app", "sync", "ui")  # our packages; libraries stay at WARNING (markdown-it logs every token at DEBUG)
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
_MARK = "_kitepkana_log"


def log_file(paths: Paths, process: str) -> Path:
    return paths.logs / f"{process}.log"


def setup(paths: Paths, *, process: str = "app") -> Path | None:
    """Send our loggers to the log file of ``process``; a later call for another library moves them there.
    Returns the file, or None when the logs folder cannot be written (a read-only drive): the program works on
    without a log."""
    root = logging.getLogger()
    target = log_file(paths, process)
    for handler in list(root.handlers):
        if getattr(handler, _MARK, None) == target:
            return target
        if getattr(handler, _MARK, None) is not None:
            root.removeHandler(handler)
            handler.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    setattr(handler, _MARK, target)
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    _log_uncaught()
    return target


def _log_uncaught() -> None:
    """An exception nobody caught (in the main thread or a worker thread) goes to the log too."""
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            logging.getLogger("app").critical("uncaught exception", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    if getattr(sys.excepthook, _MARK, False):
        return
    setattr(hook, _MARK, True)
    sys.excepthook = hook


def files(paths: Paths) -> list[Path]:
    """Every log file of this library, newest first (the current ones and their rotated copies)."""
    if not paths.logs.is_dir():
        return []
    found = [p for p in paths.logs.iterdir() if p.is_file() and (p.suffix == ".log" or ".log." in p.name)]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
