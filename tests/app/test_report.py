"""The problem report (`kitepkana report FILE.zip`) and the log it carries: what a librarian sends to whoever
supports the library - versions, settings without the PIN, check, feeds, the last updates, the log - and never
notes, bookmarks or history."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from app.library import Library
from app.settings import Settings
from tests.app.test_cli import kitepkana

SECRET_NOTE = "встреча с акимом в четверг"


def test_report_holds_what_helps_and_nothing_personal(tmp_path: Path, catalog: Path) -> None:
    data = tmp_path / "lib"
    with Library.open(data) as lib:
        lib.import_folder(catalog)
        item = lib.list_items()[0].id
        lib.add_note(item, SECRET_NOTE)
        lib.set_bookmark(item, True)
        Settings(lib.paths).set("kiosk_pin_hash", "pbkdf2$secret-hash")
        Settings(lib.paths).set("portal_url", "https://portal.example.kg/feed/")
    failed = kitepkana("--data-dir", str(data), "sync", str(tmp_path / "no-such-drive"))
    assert failed.returncode == 2
    made = kitepkana("--data-dir", str(data), "report", str(tmp_path / "report"))
    assert made.returncode == 0, made.stderr
    assert "Send this file" in made.stdout
    with zipfile.ZipFile(tmp_path / "report.zip") as zf:
        names = set(zf.namelist())
        assert {"README.txt", "versions.json", "paths.json", "settings.json", "check.json", "library.json",
                "feeds.json", "sync-runs.json"} <= names
        settings = json.loads(zf.read("settings.json"))
        assert settings["portal_url"] == "https://portal.example.kg/feed/" and "kiosk_pin_hash" not in settings
        assert json.loads(zf.read("check.json"))["ok"] is True
        assert json.loads(zf.read("versions.json"))["kitepkana"]
        runs = json.loads(zf.read("sync-runs.json"))
        assert runs[0]["status"] == "failed" and "no-such-drive" in runs[0]["location"]
        log = zf.read("logs/cli.log").decode("utf-8")
        assert "sync failed" in log and "no-such-drive" in log
        everything = b"".join(zf.read(n) for n in names).decode("utf-8", errors="replace")
    assert SECRET_NOTE not in everything and "secret-hash" not in everything
    assert not list(tmp_path.glob("*.partial"))


def test_the_log_rotates_and_stays_small(tmp_path: Path) -> None:
    import logging

    from app import logs
    from app.paths import resolve

    paths = resolve(str(tmp_path / "lib")).ensure()
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        target = logs.setup(paths, process="test")
        assert target == paths.logs / "test.log" and logs.setup(paths, process="test") == target  # once
        noisy = logging.getLogger("sync.client")
        for n in range(12_000):
            noisy.info("sync from E:\\kitepkana-feed: ok, feed portal, change %d -> %d, 3 new", n, n + 1)
        logging.getLogger("markdown_it").info("never: libraries stay at WARNING")
    finally:
        for handler in set(root.handlers) - set(before):
            handler.close()
            root.removeHandler(handler)
    files = logs.files(paths)
    assert files and files[0].name == "test.log" and len(files) <= logs.BACKUPS + 1
    assert all(f.stat().st_size <= logs.MAX_BYTES + 500 for f in files)
    assert "markdown_it" not in (paths.logs / "test.log").read_text(encoding="utf-8")
