"""A terminal progress bar for long CLI work (silent when stderr is not a terminal)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

Progress = Callable[[int, int, str], None]  # (done, total, message): what long core work reports
Cancelled = Callable[[], bool]  # asked between steps: True stops the work, leaving everything whole


def part(progress: Progress | None, start: int, end: int, label: str = "") -> Progress | None:
    """The callback for one step of a longer job: the step's done/total moves the job's bar from start to end
    (of 100); ``label`` goes before the step's own message."""
    if progress is None:
        return None

    def report(done: int, total: int, message: str = "") -> None:
        text = f"{label}: {message}" if label and message else label or message
        progress(start + (end - start) * min(done, total) // max(total, 1), 100, text)

    return report


class TerminalProgress:
    def __init__(self, label: str, *, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        msg = (message[:30] + "…") if len(message) > 31 else message
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {frac:4.0%} {msg:<32}")
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False
