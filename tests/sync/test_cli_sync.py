"""`kitepkana trust`, `sync`, `whatsnew`, `export` and `download` as a user runs them."""

import json
from pathlib import Path

from tests.app.test_cli import kitepkana


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
