"""`kitepkana trust`, `sync`, `whatsnew`, `export` and `download` as a user runs them."""

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.authoring import load_folder
from tests.app.test_cli import kitepkana
from tests.conftest import ROOT, SAMPLE


def test_trust_sync_whatsnew_export_download(sample_feed: Path, keys, tmp_path: Path) -> None:
    data = str(tmp_path / "lib")
    refused = kitepkana("--data-dir", data, "sync", str(sample_feed))
    assert refused.returncode == 2 and "not one of your trusted keys" in refused.stderr
    trusted = kitepkana("--data-dir", data, "trust", str(keys.public))
    assert trusted.returncode == 0 and "now trusted" in trusted.stdout
    unknown = kitepkana("--data-dir", data, "sync", str(sample_feed))
    assert unknown.returncode == 2 and "--accept-new-feed" in unknown.stderr
    synced = kitepkana("--data-dir", data, "sync", str(sample_feed), "--accept-new-feed", "--json")
    assert synced.returncode == 0, synced.stderr
    report = json.loads(synced.stdout)
    assert report["status"] == "ok" and sum(len(v) for v in report["added"].values()) >= 40
    again = kitepkana("--data-dir", data, "sync", str(sample_feed))
    assert again.returncode == 0 and "up to date" in again.stdout
    runs = json.loads(kitepkana("--data-dir", data, "whatsnew", "--json").stdout)
    assert [r["status"] for r in runs[:2]] == ["unchanged", "ok"]
    got = json.loads(kitepkana("--data-dir", data, "download", "lesson-elibrary-ky", "--json").stdout)
    assert got["files"] == 1
    drive = tmp_path / "drive"
    exported = kitepkana("--data-dir", data, "export", str(drive), "--json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["blobs_missing"] == 5  # five videos were never downloaded here
    assert (drive / "feed.json").read_bytes() == (sample_feed / "feed.json").read_bytes()


def test_sync_over_http_names_items_by_title_and_shows_its_stages(feed_server, keys, tmp_path: Path) -> None:
    """Not a terminal (a log, a scheduled task): a plain line per stage on stderr; the summary names items by their
    titles (``--json`` keeps the ids: the next test)."""
    synced = kitepkana("--data-dir", str(tmp_path / "lib"), "sync", feed_server.url, "--trust", str(keys.public),
                       "--accept-new-feed", "--videos", "all")
    assert synced.returncode == 0, synced.stderr
    lines = synced.stderr.splitlines()
    assert "\r" not in synced.stderr and all(line.startswith("Syncing: ") for line in lines), synced.stderr
    stages = [line.split("%", 1)[1].split()[0] for line in lines]
    assert stages == ["connect", "manifest", "snapshot", "snapshot", "snapshot", "files"], synced.stderr
    assert lines[3].endswith("snapshot (store)") and " MB: " in lines[5]  # its step; the file's item, in MB
    runs = json.loads(kitepkana("--data-dir", str(tmp_path / "lib"), "whatsnew", "--json").stdout)
    lessons = runs[0]["summary"]["added"]["lesson"]  # the ids, in the summary's order
    assert f"  new lesson: {len(lessons)}\n" in synced.stdout and f"… and {len(lessons) - 5} more" in synced.stdout
    sample = {item.id: item for item in load_folder(SAMPLE).items}
    for item_id in lessons[:5]:  # named by title (and language), not by id
        assert f"\n    {sample[item_id].title} ({sample[item_id].lang})\n" in synced.stdout, synced.stdout
        assert item_id not in synced.stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="a pseudo-terminal (POSIX)")
def test_on_a_terminal_the_progress_is_one_line_redrawn(feed_server, keys, tmp_path: Path) -> None:
    """On a terminal: one line, redrawn with \\r (a bar, the per cent, the stage), ended before the summary."""
    leader, follower = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "lib"), "sync", feed_server.url,
                               "--trust", str(keys.public), "--accept-new-feed", "--videos", "none", "--json"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, timeout=120, check=False,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"})
        os.close(follower)
        drawn = b""
        with contextlib.suppress(OSError):  # EIO once the terminal is drained (Linux)
            while chunk := os.read(leader, 65536):
                drawn += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0, drawn
    report = json.loads(done.stdout)  # stdout is not the terminal: --json stays clean, and keeps the ids
    assert "lesson-elibrary-ky" in report["added"]["lesson"] and report["items"]["lesson-elibrary-ky"]["title"]
    text = drawn.decode("utf-8").replace("\r\n", "\n")
    redraws = text.split("\r")[1:]
    assert len(redraws) >= 5 and text.endswith("\n") and text.count("\n") == 1, text
    assert all(line.startswith("Syncing [") and len(line.rstrip("\n")) == 99 for line in redraws), redraws
    assert "] 100% done" in redraws[-1] and any("snapshot (store)" in line for line in redraws)
