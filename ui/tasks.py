"""The one task manager: every piece of slow work leaves the UI thread through here.

Four queues, because SQLite wants a single writer, the network wants a few parallel connections, and a
bookmark must not wait for an hour-long update:

- ``Queue.WRITE`` — short database writes (notes, bookmarks, history, positions, opening a library): one thread,
  in order;
- ``Queue.JOB`` — the long jobs that write between long waits on the network or a drive (update, USB copy, USB
  kit): one at a time, beside the write queue. Each of their writes is a short transaction under the
  library's own write lock (``Library.write_transaction``), so a bookmark waits at most for one of those,
  never for the whole job;
- ``Queue.READ`` — searches and reads (a search-as-you-type keystroke never waits behind a sync);
- ``Queue.NET`` — downloads and other network work: a small pool.

A user action is a few lines::

    tasks.run(lambda task: library.reindex(progress=task.progress, cancelled=task.cancelled),
              queue=Queue.WRITE, on_done=..., on_error=..., on_progress=...)

The function runs in a worker and receives the :class:`Task`; its ``progress`` and ``cancelled`` are
the callbacks the core takes. ``on_done``/``on_error``/``on_progress`` are called on the UI thread.
A ``key`` makes later tasks supersede earlier ones with the same key (search-as-you-type: only the
newest query's result is delivered; queued older ones never run).
"""

from __future__ import annotations

import gc
import itertools
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.progress import Message, ProgressEvent

log = logging.getLogger(__name__)


class Queue(StrEnum):
    """The queue a task runs on (see above)."""

    WRITE = "write"
    JOB = "job"
    READ = "read"
    NET = "net"


QUEUES = {Queue.WRITE: 1, Queue.JOB: 1, Queue.READ: 2, Queue.NET: 3}  # threads of each
# How long a worker running Python may keep the GIL while the UI thread waits for it (CPython's default is
# 5 ms). PySide lets go of the GIL around Qt calls, so one turn of the event loop takes it back many times:
# with a busy worker each of those waited up to 5 ms, and a sync's progress updates showed UI gaps of
# 30-60 ms alone and 130-160 ms in full test runs; at 1 ms the same sync's largest gaps were 15-22 ms and it
# took no longer. Only a thread that waits makes the holder switch, so an idle UI costs the workers nothing.
SWITCH_INTERVAL = 0.001


class Task(QObject):
    """One piece of work. Signals are emitted in the worker and delivered on the UI thread."""

    progressed = Signal(int, int, object)  # done, total, the message: app.progress.ProgressEvent or words
    done = Signal(object)
    failed = Signal(object)  # the exception
    finished = Signal()  # after done or failed (or a superseded task that never delivers)

    _progress_sig = Signal(int, int, object)
    _result_sig = Signal(bool, object)

    def __init__(self, fn: Callable[[Task], Any], *, key: str | None, serial: int, name: str = "") -> None:
        super().__init__()
        self.fn, self.key, self.serial, self.name = fn, key, serial, name
        self._cancel = threading.Event()
        self.running = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.superseded = False
        # worker -> UI thread: this object lives in the UI thread, so these connections are queued
        self._progress_sig.connect(self._on_progress)
        self._result_sig.connect(self._on_result)

    # --- called from the worker ---------------------------------------------------------------

    def progress(self, done: int, total: int, message: Message = "") -> None:
        self._progress_sig.emit(int(done), int(total), message if isinstance(message, ProgressEvent) else str(message))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- called from the UI thread ------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, object)
    def _on_progress(self, done: int, total: int, message: Message) -> None:
        if not self.superseded:
            self.progressed.emit(done, total, message)

    @Slot(bool, object)
    def _on_result(self, ok: bool, value: object) -> None:
        self.running = False
        if not self.superseded:
            if ok:
                self.result = value
                self.done.emit(value)
            else:
                self.error = value  # type: ignore[assignment]
                self.failed.emit(value)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, manager: TaskManager, task: Task) -> None:
        super().__init__()
        self.manager, self.task = manager, task
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        if task.superseded:
            task._result_sig.emit(False, None)
            return
        task.running = True
        try:
            value = task.fn(task)
        except BaseException as e:  # reported to the UI, never a crash of the worker
            if not isinstance(e, Exception):
                raise
            e.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            task._result_sig.emit(False, e)
        else:
            task._result_sig.emit(True, value)


class TaskManager(QObject):
    """Owns the worker pools; ``run`` queues work and returns its :class:`Task`."""

    started = Signal(object)  # a task was queued
    idle_changed = Signal(bool)  # True when nothing is queued or running
    # a task without an on_error failed: (task, error). Its traceback is in the log; the window says so in a line.
    unhandled_error = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self.pools: dict[Queue, QThreadPool] = {}
        for name, threads in QUEUES.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self.pools[name] = pool
        self._serial = itertools.count(1)
        self._latest: dict[str, int] = {}
        self.active: list[Task] = []

    def run(self, fn: Callable[[Task], Any], *, queue: Queue = Queue.WRITE, key: str | None = None, name: str = "",
            on_done: Callable[[Any], None] | None = None, on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int, Message], None] | None = None) -> Task:
        if queue not in self.pools:
            raise ValueError(f"unknown queue {queue!r}")
        task = Task(fn, key=key, serial=next(self._serial), name=name)
        task.setParent(self)  # kept alive until finished
        if key is not None:
            for older in self.active:
                if older.key == key:
                    older.superseded = True
                    older.cancel()
            self._latest[key] = task.serial
        if on_done is not None:
            task.done.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        task.failed.connect(lambda error, t=task, handled=on_error is not None: self._failed(t, error, handled))
        if on_progress is not None:
            task.progressed.connect(on_progress)
        task.finished.connect(lambda t=task: self._finished(t))
        # Objects alive now (widgets, the library, caches) are long-lived: moved out of the collector's
        # sight, a full collection triggered by a worker's allocations only walks what the work created,
        # instead of ~150,000 objects while holding the GIL (measured: 70-350 ms UI stalls during a sync
        # before, < 55 ms after). No traversal, so cheap; the cost is that cycles alive now are never freed.
        gc.freeze()
        was_idle = not self.active
        self.active.append(task)
        self.started.emit(task)
        if was_idle:
            self.idle_changed.emit(False)
        self.pools[queue].start(_Runner(self, task))
        return task

    def _failed(self, task: Task, error: BaseException | None, handled: bool) -> None:
        """Every failure leaves its traceback in the log; one nobody handles is also shown (``unhandled_error``)."""
        from app.errors import CancelledError

        if error is None or isinstance(error, CancelledError):
            return
        trace = getattr(error, "__traceback_text__", "") or f"{type(error).__name__}: {error}"
        if handled:
            log.warning("task %r failed (its caller shows it):\n%s", task.name, trace)
        else:
            log.error("task %r failed and nothing handled it:\n%s", task.name, trace)
            self.unhandled_error.emit(task, error)

    def _finished(self, task: Task) -> None:
        if task in self.active:
            self.active.remove(task)
        task.setParent(None)  # Python owns it now; freed when the caller lets go
        if not self.active:
            self.idle_changed.emit(True)

    def busy(self) -> bool:
        return bool(self.active)

    def cancel_all(self) -> None:
        for task in self.active:
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every pool is idle (at exit and in tests). Returns False on timeout."""
        ok = True
        for pool in self.pools.values():
            ok = pool.waitForDone(msecs) and ok
        return ok
