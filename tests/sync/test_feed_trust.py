"""A feed belongs to its key and writes only its own items; the user can see and undo trust; stale updates show.

Feeds are built by the real publisher from small authoring folders, synced into real libraries, and altered by
``tests/sync/forge.py`` where a test plays the attacker.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.library import Library
from app.settings import Settings
from app.syncstore import SyncStore
from sync import signing
from sync.client import SyncOptions, run_sync, trust_key
from sync.errors import SignatureError
from sync.publisher import publish
from sync.trust import FeedKeyChangedError
from tests.app.test_cli import kitepkana
from tests.sync.forge import deleted, edit_title, forge_at, manifest_doc, retitled, small_authoring, write_manifest

PRACTICE = "hearings-ivanovka-ru"
DOCUMENT = "doc-water-toolkit-ru"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two publishers (the portal and another, both trusted by the library) and the portal's feed."""
    root = tmp_path_factory.mktemp("trust")
    portal_key = signing.generate_keypair(root / "portal.key")
    other_key = signing.generate_keypair(root / "other.key")
    authoring = small_authoring(root / "authoring")
    publish(authoring, root / "portal-feed", portal_key.private, feed_id="portal", title="Portal")
    return {"root": root, "portal": portal_key, "other": other_key, "authoring": authoring,
            "feed": root / "portal-feed"}


@pytest.fixture
def portal(world: dict, tmp_path: Path) -> dict:
    """A fresh copy of the portal's authoring folder and feed, free to edit and publish."""
    authoring = shutil.copytree(world["authoring"], tmp_path / "authoring")
    feed = shutil.copytree(world["feed"], tmp_path / "portal-feed")
    return {"authoring": authoring, "feed": feed, "key": world["portal"], "other": world["other"]}


@pytest.fixture
def lib(portal: dict, tmp_path: Path):
    """A library that trusts both keys and follows the portal's feed."""
    with Library.open(tmp_path / "lib") as lib:
        settings = Settings(lib.paths)
        trust_key(settings, portal["key"].public)
        trust_key(settings, portal["other"].public)
        run_sync(lib, str(portal["feed"]), SyncOptions(accept_new_feed=True))
        lib.add_note(PRACTICE, "my note")
        yield lib


def titles(lib: Library) -> dict[str, str]:
    return {i.id: i.title for i in lib.list_items()}


def republish(portal: dict, *, title: str, key: Path | None = None, **kw) -> None:
    edit_title(portal["authoring"] / "practices" / f"{PRACTICE}.md", title)
    publish(portal["authoring"], portal["feed"], key or portal["key"].private, **kw)


# --- 1. a feed belongs to its key ------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["trusted", "trust-for-this-run"])
def test_another_trusted_key_cannot_rewrite_the_portal_even_with_a_huge_sequence(how: str, lib: Library,
                                                                                   portal: dict,
                                                                                   tmp_path: Path) -> None:
    before = titles(lib)
    forged = shutil.copytree(portal["feed"], tmp_path / "forged")
    forge_at(forged, portal["other"].private, seq=999_999_000,
             tail=lambda state: [retitled(state, PRACTICE, "Taken over"), deleted(DOCUMENT)])
    extra = (portal["other"].public,) if how == "trust-for-this-run" else ()
    with pytest.raises(FeedKeyChangedError) as refused:
        run_sync(lib, str(forged), SyncOptions(extra_keys=extra, accept_new_feed=True))
    assert "claims to be 'Portal'" in str(refused.value) and "signed by someone else" in str(refused.value)
    assert titles(lib) == before
    assert SyncStore(lib).feeds()["portal"].seq < 1000
    # the genuine portal still updates afterwards
    republish(portal, title="Genuine new title")
    report = run_sync(lib, str(portal["feed"]), SyncOptions())
    assert report.status == "ok" and titles(lib)[PRACTICE] == "Genuine new title"
    assert lib.check().ok and [n.text for n in lib.notes(PRACTICE)] == ["my note"]


def test_a_rotation_signed_by_the_pinned_key_moves_the_feed_to_the_new_key(lib: Library, portal: dict,
                                                                           tmp_path: Path) -> None:
    new = signing.generate_keypair(tmp_path / "new.key")
    behind = tmp_path / "behind"
    shutil.copytree(lib.paths.data, behind)  # a library that will miss the rotation publish
    republish(portal, title="Rotated", rotate_to=new.private)
    report = run_sync(lib, str(portal["feed"]), SyncOptions())
    assert report.key_rotated_to == new.key_id
    assert SyncStore(lib).feeds()["portal"].key_id == new.key_id
    assert (Settings(lib.paths).trusted_keys_dir() / f"{new.key_id}.pub").is_file()
    # afterwards only the new key signs; the old one alone is refused for this feed
    republish(portal, title="Signed by the new key", key=new.private)
    assert run_sync(lib, str(portal["feed"]), SyncOptions()).status == "ok"
    assert titles(lib)[PRACTICE] == "Signed by the new key"
    old_signed = tmp_path / "old-signed"
    shutil.copytree(portal["feed"], old_signed)
    forge_at(old_signed, portal["key"].private, seq=manifest_doc(portal["feed"])["seq"] + 5,
             tail=lambda state: [retitled(state, PRACTICE, "Old key after the rotation")])
    with pytest.raises(FeedKeyChangedError):
        run_sync(lib, str(old_signed), SyncOptions())
    # a library that missed the rotation publish follows the chain the manifest keeps
    with Library.open(behind) as late:
        assert SyncStore(late).feeds()["portal"].key_id == portal["key"].key_id
        assert run_sync(late, str(portal["feed"]), SyncOptions()).key_rotated_to == new.key_id
        assert titles(late)[PRACTICE] == "Signed by the new key"


def test_a_rotation_not_signed_by_the_pinned_key_is_not_followed(lib: Library, portal: dict,
                                                                   tmp_path: Path) -> None:
    attacker = signing.generate_keypair(tmp_path / "attacker.key")
    forged = shutil.copytree(portal["feed"], tmp_path / "forged")
    forge_at(forged, attacker.private, seq=50, tail=lambda state: [retitled(state, PRACTICE, "Hijacked")])
    doc = manifest_doc(forged)
    # a hand-over "from the portal's key" that the attacker signed with its own key
    fake = signing.rotation("portal", signing.load_private(attacker.private), signing.load_public(attacker.public))
    doc["key_rotations"] = [{**fake.to_dict(), "from": portal["key"].key_id}]
    write_manifest(forged, doc, attacker.private)
    with pytest.raises(FeedKeyChangedError):
        run_sync(lib, str(forged), SyncOptions(extra_keys=(attacker.public,)))
    assert titles(lib)[PRACTICE] != "Hijacked"


# --- 2. a feed writes only its own items ---------------------------------------------------------------------


def test_a_feed_or_an_import_cannot_change_or_delete_another_feeds_items(lib: Library, portal: dict,
                                                                        tmp_path: Path) -> None:
    before = titles(lib)
    # another publisher's feed carrying the portal's ids: a changed practice, and a deletion of its document
    other_authoring = small_authoring(tmp_path / "other-authoring", rels=(f"practices/{PRACTICE}.md",))
    edit_title(other_authoring / "practices" / f"{PRACTICE}.md", "Rewritten elsewhere")
    other_feed = tmp_path / "other-feed"
    publish(other_authoring, other_feed, portal["other"].private, feed_id="other", title="Other")
    forge_at(other_feed, portal["other"].private, seq=7, tail=lambda state: [deleted(DOCUMENT)])
    report = run_sync(lib, str(other_feed), SyncOptions(accept_new_feed=True))
    assert sorted((r["id"], r["owner"]) for r in report.refused) == [(DOCUMENT, "portal"), (PRACTICE, "portal")]
    assert titles(lib) == before and not report.added and not report.removed
    # a local import of a folder with the portal's id is refused for that item too
    imported = lib.import_folder(other_authoring)
    assert imported.refused == ((PRACTICE, "portal"),) and not imported.updated
    assert titles(lib) == before
    # the portal itself still changes its own items
    republish(portal, title="Still the portal's")
    assert run_sync(lib, str(portal["feed"]), SyncOptions()).updated
    assert titles(lib)[PRACTICE] == "Still the portal's"
    assert lib.check().ok


# --- 3. the user can see and undo trust ------------------------------------------------------------------------


def test_feeds_list_forget_and_reset_on_the_command_line(lib: Library, portal: dict) -> None:
    data = str(lib.paths.data)
    lib.close()
    listed = json.loads(kitepkana("--data-dir", data, "feeds", "--json").stdout)
    assert [(f["feed_id"], f["title"], f["key_id"], f["items"]) for f in listed] == \
        [("portal", "Portal", portal["key"].key_id, 2)]
    assert listed[0]["seq"] >= 1 and listed[0]["age_days"] == 0 and listed[0]["manifest_created"].endswith("Z")
    plain = kitepkana("--data-dir", data, "feeds")
    assert "portal  Portal" in plain.stdout and portal["key"].key_id in plain.stdout
    reset = kitepkana("--data-dir", data, "feeds", "reset", "portal")
    assert reset.returncode == 0 and "snapshot" in reset.stdout
    assert json.loads(kitepkana("--data-dir", data, "feeds", "--json").stdout)[0]["seq"] == 0
    synced = json.loads(kitepkana("--data-dir", data, "sync", str(portal["feed"]), "--json").stdout)
    assert synced["used_snapshot"] is True
    asked = kitepkana("--data-dir", data, "feeds", "forget", "portal")  # no terminal: never forgets silently
    assert asked.returncode != 0 and "--yes" in asked.stderr
    forgot = kitepkana("--data-dir", data, "feeds", "forget", "portal", "--yes")
    assert forgot.returncode == 0, forgot.stderr
    assert json.loads(kitepkana("--data-dir", data, "feeds", "--json").stdout) == []
    with Library.open(Path(data)) as again:
        assert again.list_items() == [] and [n.text for n in again.notes(PRACTICE)] == ["my note"]
        assert not (again.paths.data / "feeds" / "portal").exists()
        assert again.check().ok
    unknown = kitepkana("--data-dir", data, "sync", str(portal["feed"]))
    assert unknown.returncode == 2 and "--accept-new-feed" in unknown.stderr


def test_a_damaged_trusted_key_file_is_reported_and_skipped(lib: Library, portal: dict) -> None:
    (Settings(lib.paths).trusted_keys_dir() / "broken.pub").write_text("{not a key", encoding="utf-8")
    republish(portal, title="After a broken key file")
    report = run_sync(lib, str(portal["feed"]), SyncOptions())
    assert report.status == "ok" and titles(lib)[PRACTICE] == "After a broken key file"
    assert any("broken.pub" in w for w in report.warnings)
    lib.close()
    listed = kitepkana("--data-dir", str(lib.paths.data), "feeds")
    assert listed.returncode == 0 and "broken.pub was skipped" in listed.stdout


def test_an_untrusted_pinned_key_is_a_plain_refusal(lib: Library, portal: dict) -> None:
    for pub in Settings(lib.paths).trusted_keys_dir().glob("*.pub"):
        pub.unlink()
    with pytest.raises(SignatureError) as refused:
        run_sync(lib, str(portal["feed"]), SyncOptions())
    assert refused.value.code == "untrusted_key"


# --- 9. stale updates are visible -----------------------------------------------------------------------------


def test_the_age_of_the_newest_update_is_kept_and_shown(lib: Library, portal: dict, tmp_path: Path) -> None:
    old = tmp_path / "old-drive"
    shutil.copytree(portal["feed"], old)
    seq = manifest_doc(old)["seq"]
    forge_at(old, portal["key"].private, seq=seq + 1, created="2026-01-05T10:00:00Z",
             tail=lambda state: [retitled(state, PRACTICE, "From an old drive")])
    run_sync(lib, str(old), SyncOptions())
    info = SyncStore(lib).feed_list()[0]
    assert info.manifest_created == "2026-01-05T10:00:00Z" and info.age_days() > 300
    assert SyncStore(lib).newest_update() == "2026-01-05T10:00:00Z"
    lib.close()
    shown = kitepkana("--data-dir", str(lib.paths.data), "feeds")
    assert "2026-01-05" in shown.stdout and "over 90 days old" in shown.stdout
