"""The search index as Windows treats it (issue 17, point 2): a rebuild must not rename the index folder while
another library on the same folder (the app, while `kitepkana reindex` runs) still reads it. Passes on Linux;
with `pytest --windows-fs` it shows what a library PC does (tests/conftest.py WINDOWS_FS_FINDINGS)."""

from __future__ import annotations

from pathlib import Path

from app.library import Library


def test_a_rebuild_while_another_library_on_the_folder_is_searching(sample_dir: Path) -> None:
    with Library.open(sample_dir) as app_window, Library.open(sample_dir) as command_line:
        app_window.ensure_index()
        before = app_window.search("бюджет").total
        assert before > 0  # the app's searcher now holds the index files open
        command_line.reindex()
        assert command_line.search("бюджет").total == before
        assert app_window.search("бюджет").total == before
