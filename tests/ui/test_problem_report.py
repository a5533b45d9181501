"""No silent failures: a background task that fails with nobody handling it leaves its traceback in the log and a
line in the status bar; Help → Save a problem report… writes the zip in the background and says where to send it."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import logs
from ui.app import start
from ui.tasks import Queue

TIMEOUT = 20_000


@pytest.fixture
def window(qtbot, sample_dir: Path):
    root = logging.getLogger()
    before = list(root.handlers)
    w = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(w)
    logs.setup(w.settings_paths, process="app")
    qtbot.waitUntil(lambda: w.library is not None, timeout=TIMEOUT)
    yield w
    w.shutdown()
    for handler in set(root.handlers) - set(before):
        handler.close()
        root.removeHandler(handler)


def test_an_unhandled_background_failure_is_logged_and_shown(qtbot, window) -> None:
    def boom(_task):
        return {}["no such key"]

    window.tasks.run(boom, queue=Queue.READ, name="thumbnail of nothing")
    qtbot.waitUntil(lambda: window.task_status.problem.isVisible(), timeout=TIMEOUT)
    assert "Something went wrong in the background" in window.task_status.problem.text()
    log = logs.log_file(window.settings_paths, "app").read_text(encoding="utf-8")
    assert "task 'thumbnail of nothing' failed and nothing handled it" in log
    assert "KeyError: 'no such key'" in log and "Traceback" in log
    # a failure its caller handles is logged too, without the status line
    window.task_status.problem.hide()
    seen = []
    window.tasks.run(boom, queue=Queue.READ, name="handled", on_error=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert not window.task_status.problem.isVisible()
    assert "task 'handled' failed (its caller shows it)" in logs.log_file(window.settings_paths, "app").read_text(
        encoding="utf-8")


def test_help_saves_a_problem_report(qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text: shown.append(text))
    assert window.report_action in window.help_menu.actions()
    from ui.problemreport import save_problem_report

    assert save_problem_report(window, tmp_path / "report.zip")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert str(tmp_path / "report.zip") in shown[0] and "no notes" in shown[0]
    with zipfile.ZipFile(tmp_path / "report.zip") as zf:
        versions = zf.read("versions.json").decode("utf-8")
    assert '"Qt"' in versions
