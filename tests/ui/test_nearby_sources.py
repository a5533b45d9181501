"""PCs nearby in the Update dialog, for real: another process shares its library (``kitepkana serve``, which
announces itself over multicast DNS), and the open dialog lists it as "PC nearby: NAME" with its feed's address —
without waiting for the network when it opens — and drops it when that PC stops sharing."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("zeroconf", reason="zeroconf is not installed (pip install -e .)")

from app.library import Library
from tests.conftest import ROOT
from tests.web.test_nearby import _multicast_on_loopback
from ui.tasks import TaskManager
from ui.update import UpdateDialog


def _nearby_rows(dialog: UpdateDialog, port: int) -> list[tuple[str, str]]:
    combo = dialog.source_combo
    rows = [(combo.itemText(i), combo.itemData(i) or "") for i in range(combo.count())]
    return [(text, url) for text, url in rows if text.startswith("PC nearby: ") and f":{port}/" in url]


def test_a_pc_sharing_its_library_appears_and_goes(qtbot, sample_dir: Path, tmp_path: Path) -> None:
    why = _multicast_on_loopback()
    if why:
        pytest.skip(why)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(sample_dir), "serve", "--bind",
                               "127.0.0.1", "--port", "0"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    tasks = TaskManager()
    library = Library.open(tmp_path / "here")
    try:
        line = ""
        while "Visitors type" not in line:
            line = server.stderr.readline()
            assert line, "the reading room ended before saying its address"
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
        started = time.monotonic()
        dialog = UpdateDialog(library, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        assert time.monotonic() - started < 2  # opening does not wait for the network
        qtbot.waitUntil(lambda: bool(_nearby_rows(dialog, port)), timeout=20_000)
        ((text, url),) = _nearby_rows(dialog, port)
        assert url == f"http://127.0.0.1:{port}/feed/" and f"({port})" in text
        server.send_signal(signal.SIGINT)  # "Stop sharing": the PC says goodbye
        assert server.wait(20) == 0
        qtbot.waitUntil(lambda: not _nearby_rows(dialog, port), timeout=20_000)
        dialog.close()
        qtbot.waitUntil(lambda: not tasks.busy(), timeout=10_000)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        library.close()
