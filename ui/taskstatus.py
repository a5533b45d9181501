"""Background work in the main window's status bar: a short line and a bar while any task reports progress
(the task manager's tasks, ui/tasks.py), gone when the last one ends; and a red line for a while when a task
that nobody handles fails (its traceback is in the log, app/logs.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

if TYPE_CHECKING:
    from ui.tasks import Task, TaskManager

PROBLEM_SHOWN_MS = 20_000  # how long a failed background task's line stays


class TaskStatus(QWidget):
    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress: dict[int, tuple[int, int, str]] = {}  # task serial -> progress
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        row.insertWidget(0, self.problem)
        self._problem_timer = QTimer(self, singleShot=True, interval=PROBLEM_SHOWN_MS)
        self._problem_timer.timeout.connect(self.problem.hide)
        tasks.started.connect(self._started)
        tasks.unhandled_error.connect(self.show_problem)

    def show_problem(self, _task: Task, error: BaseException) -> None:
        """A line saying that work in the background failed (its details are in the log), for a while."""
        from ui.hosting import error_words

        self.problem.setText(self.tr("Something went wrong in the background: %1 (details: Help → Save a problem "
                                     "report…)").replace("%1", error_words(error)))
        self.problem.show()
        self._problem_timer.start()

    def _started(self, task: Task) -> None:
        task.progressed.connect(lambda done, total, msg, t=task: self._progressed(t, done, total, msg))
        task.finished.connect(lambda t=task: self._finished(t))

    def _progressed(self, task: Task, done: int, total: int, message: str) -> None:
        self._progress[task.serial] = (done, total, message)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)
        self.bar.show()
        if task.name == "open-library":
            self.label.setText(self.tr("Preparing the library (the first start takes a while)…"))
        else:
            self.label.setText(self.tr("Working…"))
        self.bar.setToolTip(str(message))  # the core's own words (English), for whoever is curious

    def _finished(self, task: Task) -> None:
        self._progress.pop(task.serial, None)
        if not self._progress:
            self.bar.hide()
            self.label.clear()
