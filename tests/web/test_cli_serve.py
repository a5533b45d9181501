"""``kitepkana serve`` as a librarian runs it: a real process that prints the address, answers, stops on Ctrl+C,
and says so in words when the port is taken."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import requests

from tests.conftest import ROOT


def _serve(sample_dir: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(sample_dir), "serve", "--bind", "127.0.0.1",
                             *args], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


def test_serve_prints_the_address_answers_and_stops(sample_dir: Path) -> None:
    proc = _serve(sample_dir, "--port", "0")
    try:
        line = ""
        while "Visitors type" not in line:
            line = proc.stderr.readline()
            assert line, "the server ended before saying its address"
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(0)
        assert not url.endswith(":0/")
        r = requests.get(url + "search?q=суу", headers={"Accept-Language": "ru"}, timeout=20)
        assert r.status_code == 200 and "Найти" in r.text
        proc.send_signal(signal.SIGINT)
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_taken_port_is_said_in_words(sample_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = _serve(sample_dir, "--port", str(taken.getsockname()[1]))
        _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "already used by another program" in err


def test_the_reading_room_imports_no_qt() -> None:
    code = ("import sys\nimport app.cli_serve, app.web.server, app.web.site, app.web.pages, app.web.files\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
