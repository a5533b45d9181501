"""``kitepkana keygen`` and ``kitepkana publish`` as the content team runs them: real processes, real files."""

import json
import shutil
from pathlib import Path

from sync import signing
from tests.app.test_cli import kitepkana
from tests.conftest import SAMPLE
from tests.sync.conftest import tree


def test_keygen_then_publish_then_publish_again(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "portal.key"
    key.parent.mkdir()
    made = kitepkana("keygen", "--out", str(key), "--json")
    assert made.returncode == 0, made.stderr
    info = json.loads(made.stdout)
    assert Path(info["public"]) == signing.public_key_path(key) and len(info["key_id"]) == 16
    again = kitepkana("keygen", "--out", str(key))
    assert again.returncode == 2 and "already exists" in again.stderr

    feed = tmp_path / "feed"
    out = kitepkana("publish", str(SAMPLE), "--feed", str(feed), "--key", str(key), "--feed-id", "portal",
                    "--title", "Портал МСУ", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["feed_id"] == "portal" and report["new_feed"] and report["changed"]
    assert report["seq"] == report["segment"]["to"] and report["segment"]["records"] == report["seq"]
    assert len(report["added"]) >= 40 and report["blobs_copied"] == report["blobs_total"] > 0
    assert (feed / "feed.json").is_file() and (feed / "feed.json.sig").is_file()

    before = tree(feed)
    text = kitepkana("publish", str(SAMPLE), "--feed", str(feed), "--key", str(key))
    assert text.returncode == 0, text.stderr
    assert "Nothing changed" in text.stdout and tree(feed) == before

    setup, portable = tmp_path / "kitepkana-0.2.0-setup.exe", tmp_path / "kitepkana-0.2.0-windows-x64.zip"
    setup.write_bytes(b"MZ")
    portable.write_bytes(b"PK")
    out = kitepkana("publish", str(SAMPLE), "--feed", str(feed), "--key", str(key), "--program", str(setup),
                    "--program", str(portable))
    assert out.returncode == 0, out.stderr
    assert f"Program vouched for: {setup.name}" in out.stdout and portable.name in out.stdout
    listed = json.loads((feed / "feed.json").read_bytes())["programs"]
    assert [p["name"] for p in listed] == [setup.name, portable.name]


def test_publish_prints_what_changed_and_refuses_bad_input(tmp_path: Path) -> None:
    keys = signing.generate_keypair(tmp_path / "k")
    folder = tmp_path / "authoring"
    shutil.copytree(SAMPLE, folder)
    feed = tmp_path / "feed"
    assert kitepkana("publish", str(folder), "--feed", str(feed), "--key", str(keys.private)).returncode == 0
    (folder / "practices" / "irrigation-suzak-ky.md").unlink()
    out = kitepkana("publish", str(folder), "--feed", str(feed), "--key", str(keys.private))
    assert out.returncode == 0, out.stderr
    assert "0 added, 0 updated, 1 deleted" in out.stdout and "irrigation-suzak-ky" in out.stdout
    assert "Sequence" in out.stdout and "1 records" in out.stdout
    # a broken folder: every problem listed, exit 2, feed untouched
    before = tree(feed)
    (folder / "practices" / "broken.md").write_text("no front matter\n", encoding="utf-8")
    bad = kitepkana("publish", str(folder), "--feed", str(feed), "--key", str(keys.private))
    assert bad.returncode == 2 and "broken.md" in bad.stderr and "nothing was imported" in bad.stderr
    assert tree(feed) == before
    # the public key is not a signing key
    wrong = kitepkana("publish", str(SAMPLE), "--feed", str(feed), "--key", str(keys.public))
    assert wrong.returncode == 2 and "not a private key" in wrong.stderr
