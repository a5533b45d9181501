"""How long core work reports progress, and the one progress line every CLI command draws from it.

Long work (sync, import, export, the USB kit, reindex, download, harvest) takes a :data:`Progress` callback
``(done, total, message)``: ``done``/``total`` move the whole job's bar; ``message`` is a :class:`ProgressEvent` —
a typed :class:`Stage` with the stage's own counts and the item at hand — or, from older or smaller work, plain
English words. Screens choose their translated line from the stage (never from the words: rewording a message
must not change what a dialog shows); the CLI (:class:`TerminalProgress`) and the log print ``str(event)``.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Self, TextIO


class Stage(StrEnum):
    """What a long job is doing now."""

    CONNECT = "connect"  # looking at the source: is there anything new?
    MANIFEST = "manifest"  # checking what the source offers (signature, feed, sequence)
    SNAPSHOT = "snapshot"  # receiving and applying the whole library (a first sync)
    SEGMENTS = "segments"  # receiving and applying changes (done/total: segments)
    FILES = "files"  # downloading files (done/total: bytes; item: the item's title, or the file's address)
    READ = "read"  # reading a folder to import (done/total: items)
    STORE = "store"  # writing the library's database
    INDEX = "index"  # updating the search index
    COPY = "copy"  # copying files onto a drive (done/total: bytes) or into the library (files); item: the file
    FINISH = "finish"  # last small writes (READMEs, the manifest)
    DISCOVER = "discover"  # reading a web site's sitemaps: which pages there are (item: the sitemap's address)
    PAGES = "pages"  # reading a web site's pages (done/total: pages; item: the page's address)
    CONVERT = "convert"  # converting a video to MP4 (done/total: per cent; item: the video)
    DONE = "done"


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a long job: its stage, how far the stage is (``done`` of ``total``, in the stage's own unit),
    and the item it is at (an item's title, a file's name; "" if none)."""

    stage: Stage
    done: int = 0
    total: int = 0
    item: str = ""
    step: Stage | None = None  # within the stage, what it does now (a snapshot: STORE, then INDEX)

    def __str__(self) -> str:  # English, for the CLI's line and the log
        counts = ""
        if self.total and self.stage == Stage.FILES:  # (a copy's bytes, or files, are for the bar only)
            counts = f" {self.done / 1e6:.1f}/{self.total / 1e6:.1f} MB"
        elif self.total and self.stage == Stage.CONVERT:
            counts = f" {self.done}%"
        elif self.total and self.stage in _COUNTED:
            counts = f" {self.done}/{self.total}"
        step = f" ({self.step.value})" if self.step else ""
        return f"{self.stage.value}{counts}{step}" + (f": {self.item}" if self.item else "")


_COUNTED = frozenset({Stage.SEGMENTS, Stage.READ, Stage.INDEX, Stage.PAGES})

Message = str | ProgressEvent
Progress = Callable[[int, int, Message], None]  # (done, total, message) of the whole job: what long core work reports
Cancelled = Callable[[], bool]  # asked between steps: True stops the work, leaving everything whole


def subrange(progress: Progress | None, start: int, end: int, label: str = "", *, stage: Stage | None = None,
             of: tuple[int, int] = (0, 0), item: str = "") -> Progress | None:
    """The callback for one step of a longer job, mapped onto a sub-range of the job's bar: the step's own
    done/total (none to all of it) moves the job's bar from ``start`` to ``end`` (of 100).

    With ``stage``, the step reports that stage (``of``: its place in the stage, e.g. segment 3 of 7, else the
    step's own counts; ``item``, else the item of the step's own event; the stage of the step's own event becomes
    its ``step``); without, ``label`` goes before the step's own message."""
    if progress is None:
        return None

    def report(done: int, total: int, message: Message = "") -> None:
        bar = start + (end - start) * min(done, total) // max(total, 1)
        if stage is not None:
            counts = of if of[1] else (done, total)
            own = message if isinstance(message, ProgressEvent) else None
            step = (own.step or (own.stage if own.stage != stage else None)) if own else None
            progress(bar, 100, ProgressEvent(stage, *counts, item=item or (own.item if own else ""), step=step))
            return
        if isinstance(message, ProgressEvent):
            progress(bar, 100, message)
            return
        text = f"{label}: {message}" if label and message else label or message
        progress(bar, 100, text)

    return report


def emit(progress: Progress | None, done: int, total: int, stage: Stage, *, of: tuple[int, int] = (0, 0),
         item: str = "") -> None:
    """Report ``stage`` at ``done`` of ``total`` of the whole job (``of``: the stage's own counts, if it has any:
    the job's are not the stage's, and a line saying "index 93/100" would be wrong)."""
    if progress is not None:
        progress(done, total, ProgressEvent(stage, *of, item=item))


class TerminalProgress:
    """The CLI's progress, on stderr: ``label [####......]  40% segments 2/7 (store): title`` on one line redrawn
    with ``\\r`` on a terminal; plain lines elsewhere (a log, a scheduled task's output): a stage (with its step)
    gets a line when it had none in the last ``every`` seconds, and so do words. Use it as a context manager (or
    call :meth:`finish`) so the terminal's line ends before the command's own output."""

    def __init__(self, label: str, *, stream: TextIO | None = None, width: int = 30, every: float = 10.0) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width  # of the bar, on a terminal
        self.every = every
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = -float("inf")  # when the last line (or redraw) was written
        self._said: tuple[object, ...] | None = None  # on a terminal: the stage, step and item last drawn
        self._said_at: dict[tuple[object, ...] | None, float] = {}  # elsewhere: when each stage and step had a line
        self._shown = False  # a terminal line is open

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.finish()

    def __call__(self, done: int, total: int, message: Message = "") -> None:
        now = time.monotonic()
        frac = min(done, total) / total if total > 0 else 0.0
        share = f"{frac:4.0%}" if total > 0 else "    "  # nothing to count yet (a harvest's first look)
        text = str(message)
        event = message if isinstance(message, ProgressEvent) else None
        if self.terminal:
            # at most ten redraws a second, but never one that names a new stage or item left out: the line may
            # then stand for minutes (one big file)
            said = (event.stage, event.step, event.item) if event else None
            if (said is None or said == self._said) and done < total and now - self._last < 0.1:
                return
            filled = int(self.width * frac)
            line = f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {share} {text}"
            room = max(20, shutil.get_terminal_size((80, 24)).columns - 1)  # never wrap: \r only redraws one line
            line = line[:room - 1] + "…" if len(line) > room else line.ljust(room)
            self.stream.write("\r" + line)
            self._shown = True
        else:
            said = (event.stage, event.step) if event else None
            if not text or (event and event.stage == Stage.DONE):
                return  # the command's summary follows
            # a stage (and step) not seen for a while gets its line; the same one, or words (a file's name each
            # step), now and then: a harvest goes pages, files, pages… and a log wants a line per stage, not per page
            if now - self._said_at.get(said, -float("inf")) < self.every:
                return
            self._said_at[said] = now
            self.stream.write(f"{self.label}: {share} {text}\n")
        self._said = said
        self._last = now
        self.stream.flush()

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
