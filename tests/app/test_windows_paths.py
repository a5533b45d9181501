"""Windows paths: file:// addresses keep their server, long paths and UNC shares get the right \\\\?\\ form, and a
library on a network share does without SQLite's WAL (which needs memory every process shares)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from app.db import engine as db_engine
from app.fsutil import file_url_path, long_path
from sync.sources import open_source

LONG = "a" * 250


@pytest.mark.parametrize(("url", "path"), [
    ("file://server/share/kitepkana-feed", r"\\server\share\kitepkana-feed"),
    ("file://SERVER/Библиотека/feed", r"\\SERVER\Библиотека\feed"),
    ("file:///E:/kitepkana-feed", r"E:\kitepkana-feed"),
    ("file://localhost/C:/feeds/%D0%BA%D0%B8%D1%82%D0%B5%D0%BF", r"C:\feeds\китеп"),
])
def test_a_file_address_keeps_its_server_on_windows(url: str, path: str) -> None:
    assert file_url_path(url, windows=True) == path


def test_a_file_address_on_linux_and_a_source_from_it(tmp_path: Path) -> None:
    assert file_url_path("file:///media/usb/feed", windows=False) == "/media/usb/feed"
    source = open_source(tmp_path.as_uri())
    assert Path(source.root) == tmp_path


@pytest.mark.parametrize(("path", "long"), [
    (r"C:\x", r"C:\x"),
    ("C:\\" + LONG, "\\\\?\\C:\\" + LONG),
    ("\\\\server\\share\\" + LONG, "\\\\?\\UNC\\server\\share\\" + LONG),
    ("\\\\?\\C:\\" + LONG, "\\\\?\\C:\\" + LONG),
])
def test_long_paths_and_shares(path: str, long: str) -> None:
    assert long_path(path) == long


@pytest.mark.parametrize(("path", "network"), [
    (r"\\server\share\Kitepkana\library.sqlite", True),
    (r"\\?\UNC\server\share\Kitepkana\library.sqlite", True),
    ("//server/share/Kitepkana/library.sqlite", True),
])
def test_a_share_is_recognised(path: str, network: bool) -> None:
    assert db_engine.on_network_share(Path(path)) is network


def test_a_local_library_uses_wal_one_on_a_share_a_rollback_journal(tmp_path: Path, caplog) -> None:
    assert not db_engine.on_network_share(tmp_path / "library.sqlite")
    for network, mode in ((False, "wal"), (True, "delete")):
        db = tmp_path / f"{mode}.sqlite"
        with caplog.at_level(logging.WARNING, logger="app.db.engine"):
            engine = db_engine.make_engine(db, network=network)
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == mode
            engine.dispose()
    assert "network share" in caplog.text and "WAL" in caplog.text
    with sqlite3.connect(tmp_path / "delete.sqlite") as con:  # a file any SQLite opens, no -wal beside it
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (tmp_path / "delete.sqlite-wal").exists()
