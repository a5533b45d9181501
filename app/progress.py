"""How long core work reports progress, and a terminal progress bar for the CLI (silent when stderr is not a
terminal).

Long work (sync, import, export, the USB kit, reindex) takes a :data:`Progress` callback ``(done, total,
message)``: ``done``/``total`` move the whole job's bar; ``message`` is a :class:`ProgressEvent` — a typed
:class:`Stage` with the stage's own counts and the item at hand — or, from older or smaller work, plain
English words. Screens choose their translated line from the stage (never from the words: rewording a message
must not change what a dialog shows); the CLI and the log print ``str(event)``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO


class Stage(StrEnum):
    """What a long job is doing now."""

    CONNECT = "connect"  # looking at the source: is there anything new?
    MANIFEST = "manifest"  # checking what the source offers (signature, feed, sequence)
    SNAPSHOT = "snapshot"  # receiving and applying the whole library (a first sync)
    SEGMENTS = "segments"  # receiving and applying changes (done/total: segments)
    FILES = "files"  # downloading files (done/total: bytes; item: the item's title)
    READ = "read"  # reading a folder to import (done/total: items)
    STORE = "store"  # writing the library's database
    INDEX = "index"  # updating the search index
    COPY = "copy"  # copying onto a drive (done/total: bytes; item: the file)
    FINISH = "finish"  # last small writes (READMEs, the manifest)
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

    def __str__(self) -> str:  # English, for the CLI's bar and the log
        counted = self.stage in (Stage.SEGMENTS, Stage.READ, Stage.INDEX)  # (bytes are for the bar only)
        counts = f" {self.done}/{self.total}" if self.total and counted else ""
        step = f" ({self.step.value})" if self.step else ""
        return f"{self.stage.value}{counts}{step}" + (f": {self.item}" if self.item else "")


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
    """Report ``stage`` at ``done`` of ``total`` of the whole job (``of``: the stage's own counts)."""
    if progress is not None:
        progress(done, total, ProgressEvent(stage, *(of if of[1] else (done, total)), item=item))


class TerminalProgress:
    def __init__(self, label: str, *, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, message: Message = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        message = str(message)
        msg = (message[:30] + "…") if len(message) > 31 else message
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {frac:4.0%} {msg:<32}")
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
