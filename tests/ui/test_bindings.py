"""The Qt bindings keep Python's reference counts straight.

PySide6 6.12 on Python 3.11 dropped a reference to ``None`` on every void call and to ``True`` on every
signal emit; the process aborted ("bool_dealloc") after a few thousand progress signals. pyproject.toml
keeps Python 3.11 on an earlier PySide6; this test catches a binding that brings the bug back.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    ping = Signal(int)


def test_signals_and_void_calls_keep_reference_counts(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    seen = []
    emitter.ping.connect(seen.append)
    before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(200):  # few enough that a leaking binding fails here instead of aborting the run
        label.setText(str(i))
        emitter.ping.emit(i)
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert len(seen) == 200
    assert after[0] - before[0] > -100, "every void call loses a reference to None"
    assert after[1] - before[1] > -100, "every signal emit loses a reference to True"
