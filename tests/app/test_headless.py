"""The core runs headless: importing app and sync loads no Qt module."""

import subprocess
import sys

from tests.conftest import ROOT

CODE = """
import sys
import app, app.cli, app.library, app.authoring, app.content, app.media, app.paths, sync
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "ui")))
print(",".join(qt))
"""


def test_core_imports_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
