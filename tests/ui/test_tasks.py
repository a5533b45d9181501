"""The task manager: work runs off the UI thread, results and progress come back on it, newer supersedes older."""

import ast
import threading
import time

import pytest
from PySide6.QtCore import QThread

from tests.conftest import ROOT
from ui.tasks import Queue, TaskManager


def test_work_runs_in_a_worker_and_reports_on_the_ui_thread(qtbot) -> None:
    tasks = TaskManager()
    ui_thread = QThread.currentThread()
    seen: dict = {"progress": []}

    def work(task):
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        for i in range(3):
            task.progress(i + 1, 3, f"step {i}")
        return 42

    def on_progress(done, total, message):
        seen["progress"].append((done, total, QThread.currentThread() is ui_thread))

    with qtbot.waitSignal(tasks.idle_changed, timeout=5000):
        tasks.run(work, on_done=lambda v: seen.__setitem__("result", (v, QThread.currentThread() is ui_thread)),
                  on_progress=on_progress)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["worker"] is True
    assert seen["result"] == (42, True)
    assert [p[:2] for p in seen["progress"]] == [(1, 3), (2, 3), (3, 3)]
    assert all(p[2] for p in seen["progress"])


def test_errors_are_delivered_not_raised(qtbot) -> None:
    tasks = TaskManager()
    errors = []
    tasks.run(lambda task: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot) -> None:
    tasks = TaskManager()
    delivered = []
    gate = threading.Event()

    def slow(task):
        gate.wait(5)
        return "old"

    old = tasks.run(slow, queue=Queue.READ, key="search", on_done=delivered.append)
    new = tasks.run(lambda task: "new", queue=Queue.READ, key="search", on_done=delivered.append)
    assert old.is_cancelled and not new.is_cancelled
    gate.set()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
    assert delivered == ["new"]


def test_cancel_reaches_the_worker(qtbot) -> None:
    tasks = TaskManager()
    outcome = []

    def loop(task):
        deadline = time.monotonic() + 5
        while not task.cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        return "stopped" if task.cancelled() else "ran out"

    task = tasks.run(loop, queue=Queue.NET, on_done=outcome.append)
    qtbot.wait(50)
    task.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["stopped"]


def test_the_write_queue_runs_one_task_at_a_time_in_order(qtbot) -> None:
    tasks = TaskManager()
    order, overlap = [], []
    running = threading.Lock()

    def step(n):
        def work(task):
            if not running.acquire(blocking=False):
                overlap.append(n)
                return
            try:
                time.sleep(0.02)
                order.append(n)
            finally:
                running.release()
        return work

    for n in range(5):
        tasks.run(step(n), queue=Queue.WRITE)
    qtbot.waitUntil(lambda: len(order) + len(overlap) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4] and not overlap


def test_every_task_names_its_queue_by_the_enum() -> None:
    """A queue written as a string would still run (``Queue`` is a StrEnum), but hides from whoever looks for
    where ``Queue.NET`` work is started: every call site says ``queue=Queue.X``."""
    strings = []
    for path in sorted((ROOT / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                strings += [f"{path.name}:{node.lineno}" for k in node.keywords
                            if k.arg == "queue" and isinstance(k.value, ast.Constant)]
    assert not strings, f"queue given as a string (use ui.tasks.Queue): {strings}"


def test_an_unknown_queue_is_refused(qtbot) -> None:
    with pytest.raises(ValueError, match="unknown queue"):
        TaskManager().run(lambda task: None, queue="disk")  # type: ignore[arg-type]
