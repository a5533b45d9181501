"""A problem report: one zip a librarian can send to whoever supports the library (Help → Save a problem
report…, ``kitepkana report FILE.zip``).

It holds what helps find a fault and nothing personal: versions and the operating system, the folders in use,
the settings without the librarian PIN's hash, ``check``'s findings, the library's counts, the feeds it follows,
the last sync runs and the log files. Never notes, bookmarks, history or the visitor lock's state.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__, fsutil, logs

if TYPE_CHECKING:
    from app.library import Library

SECRET_SETTINGS = ("kiosk_pin_hash",)  # never leaves the PC
MAX_LOG_BYTES = 4 * 1024 * 1024  # the newest log files up to this much
PACKAGES = ("PySide6", "PySide6-Essentials", "SQLAlchemy", "alembic", "whoosh3", "requests", "urllib3",
            "PyNaCl", "platformdirs", "pypdf")
README = """Kitepkana problem report, {when} UTC.

versions.json   the program, Python, the operating system, the main libraries
paths.json      the folders in use
settings.json   the settings (the librarian PIN is not included)
check.json      what `kitepkana check` found
library.json    counts and sizes
feeds.json      the libraries (feeds) this PC follows and how old their newest update is
sync-runs.json  the last updates, with their errors
logs/           the log files (warnings and errors)

No notes, bookmarks or reading history are in this file.
"""


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"


def versions(extra: dict[str, str] | None = None) -> dict[str, str]:
    found = {"kitepkana": __version__, "python": sys.version.split()[0], "platform": platform.platform(),
             "machine": platform.machine(), "frozen": str(getattr(sys, "frozen", False))}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found | (extra or {})


def _safe(section: Callable[[], object]) -> object:
    """A section that fails is reported as its error: a report is most needed when something is broken."""
    try:
        return section()
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {e}"}


def write_report(library: Library, target: Path, *, extra_versions: dict[str, str] | None = None) -> Path:
    """Write the problem report zip to ``target`` (through a temporary name, so a half-written zip never
    stays). Returns the path written."""
    from app.syncstore import SyncStore

    target = Path(target)
    if target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    paths = library.paths
    settings = _safe(lambda: {k: v for k, v in json.loads(paths.settings_file.read_text(encoding="utf-8")).items()
                              if k not in SECRET_SETTINGS} if paths.settings_file.is_file() else {})
    store = SyncStore(library)
    sections = {
        "README.txt": README.format(when=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")),
        "versions.json": _json(versions(extra_versions)),
        "paths.json": _json({k: str(v) for k, v in asdict(paths).items()}),
        "settings.json": _json(settings),
        "check.json": _json(_safe(lambda: library.check().to_dict())),
        "library.json": _json(_safe(lambda: asdict(library.stats()))),
        "feeds.json": _json(_safe(lambda: [f.to_dict() for f in store.feed_list()])),
        "sync-runs.json": _json(_safe(lambda: store.last_runs(30))),
    }
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in sections.items():
            zf.writestr(name, text)
        budget = MAX_LOG_BYTES
        for log in logs.files(paths):
            size = log.stat().st_size
            if size > budget:
                break
            zf.write(log, f"logs/{log.name}")
            budget -= size
    fsutil.replace(partial, target)
    return target
