"""Background work in the main window's status bar: a short line and a bar while any task reports progress
(the task manager's tasks, ui/tasks.py), gone when the last one ends."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class TaskStatus(QWidget):
    def __init__(self, tasks, parent: QWidget | None = None) -> None:  # noqa: ANN001 — ui.tasks.TaskManager
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
        tasks.started.connect(self._started)

    def _started(self, task) -> None:  # noqa: ANN001 — ui.tasks.Task
        task.progressed.connect(lambda done, total, msg, t=task: self._progressed(t, done, total, msg))
        task.finished.connect(lambda t=task: self._finished(t))

    def _progressed(self, task, done: int, total: int, message: str) -> None:  # noqa: ANN001
        self._progress[task.serial] = (done, total, message)
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)
        self.bar.show()
        if task.name == "open-library":
            self.label.setText(self.tr("Preparing the library (the first start takes a while)…"))
        else:
            self.label.setText(self.tr("Working…"))
        self.bar.setToolTip(message)  # the core's own words (English), for whoever is curious

    def _finished(self, task) -> None:  # noqa: ANN001
        self._progress.pop(task.serial, None)
        if not self._progress:
            self.bar.hide()
            self.label.clear()
