"""The core runs headless: importing app and sync loads no Qt module."""

import subprocess
import sys

from tests.conftest import ROOT

CODE = """
import sys
import app, app.cli, app.library, app.authoring, app.content, app.media, app.paths, sync
# and modules that import types for annotations only (under TYPE_CHECKING: never at run time)
import app.syncstore, app.visitor, app.markdown, app.usbkit, sync.client, sync.export
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "ui")))
print(",".join(qt))
"""


def test_core_imports_no_qt() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# The layers, bottom up: the core (app/ without its faces) < sync/ < the faces that use both (the CLI, the USB kit,
# the problem report, the reading room) < ui/. A module may import only from its own layer or below.
TOP_OF_APP = {"cli.py", "cli_sync.py", "cli_harvest.py", "usbkit.py", "kitcheck.py", "report.py", "__main__.py"}


def _imports(path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _is_top(path) -> bool:
    rel = path.relative_to(ROOT / "app")
    return rel.as_posix() in TOP_OF_APP or rel.parts[0] == "web"


def test_layers_import_only_downwards() -> None:
    wrong = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if "migrations" in path.parts or _is_top(path):
            continue
        wrong += [f"{path.relative_to(ROOT)} imports {m}" for m in _imports(path)
                  if m == "sync" or m.startswith(("sync.", "ui.", "PySide6"))]
    faces = {f"app.{name.removesuffix('.py')}" for name in TOP_OF_APP} | {"app.web"}
    for path in sorted((ROOT / "sync").rglob("*.py")):
        wrong += [f"{path.relative_to(ROOT)} imports {m}" for m in _imports(path)
                  if m in faces or m.startswith(("app.web.", "ui.", "PySide6"))]
    assert wrong == []
