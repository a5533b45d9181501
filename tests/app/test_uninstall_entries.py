"""The uninstaller deletes only Kitepkana's own entries of a data folder the user chose (build/installer.iss
OwnEntries = app/paths.py OWN_ENTRIES), and refuses while the app holds its mutex (AppMutex = app/lock.py
APP_MUTEX). Inno Setup cannot run here: these tests keep the script and the app saying the same thing, and check
that a real library folder holds nothing the list would miss (what it misses stays behind; the folder then too)."""

# ruff: noqa: F811 — pytest fixtures imported from tests/smallfeed.py are parameters here

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from app import paths
from app.library import Library
from app.lock import APP_MUTEX, InstanceLock
from app.visitor import VisitorLock, hash_pin
from tests.conftest import ROOT
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture

SCRIPT = (ROOT / "build" / "installer.iss").read_text(encoding="utf-8-sig")


def test_the_script_deletes_the_entries_the_app_makes() -> None:
    listed = re.search(r"OwnEntries = '([^']*)';", SCRIPT).group(1)
    assert listed.split("|") == list(paths.OWN_ENTRIES)
    # never a whole folder the user chose: DelTree only on our own %LOCALAPPDATA%\Kitepkana
    deltrees = re.findall(r"^\s*DelTree\((\w+)", SCRIPT[SCRIPT.index("procedure CurUninstallStepChanged"):], re.MULTILINE)
    assert deltrees == ["LibraryFolder"]
    assert "DeleteOwnEntries(Chosen)" in SCRIPT


def test_the_installer_waits_for_the_apps_mutex() -> None:
    mutexes = re.search(r"^AppMutex=(.*)$", SCRIPT, re.MULTILINE).group(1).split(",")
    assert mutexes == [APP_MUTEX, "Global\\" + APP_MUTEX]


def test_a_used_library_folder_holds_only_listed_entries(synced: Library) -> None:
    synced.ensure_index()
    VisitorLock(synced).update(enabled=True, pin_hash=hash_pin("4321", iterations=1000))
    with InstanceLock(synced.paths.lock_file):
        names = sorted(p.name for p in synced.paths.data.iterdir())
    assert "feeds" in names and "library.sqlite" in names
    unlisted = [n for n in names if not any(fnmatch.fnmatch(n, pattern) for pattern in paths.OWN_ENTRIES)]
    assert unlisted == []


def test_a_chosen_folder_gets_a_kitepkana_folder_the_uninstaller_may_empty(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    (documents / "report.docx").parent.mkdir()
    (documents / "report.docx").write_bytes(b"the librarian's own file")
    loc = tmp_path / "config" / paths.LOCATION_FILE
    paths.write_data_location(documents, loc)
    data = paths.resolve(environ={}, portable_root=tmp_path, location_file=loc).data
    assert data == (documents / "Kitepkana").resolve()
    with Library.open(data):
        pass
    assert sorted(p.name for p in documents.iterdir()) == ["Kitepkana", "report.docx"]
