"""A small signed feed (one practice, one document with its PDF) and a library synced from it, for tests that
need a synced library but not the whole sample (tests/app/test_usbkit.py, tests/ui/test_usbkit_ui.py). Import
the fixtures into the test module (with ``keys`` from tests/sync/conftest.py)."""

import shutil
from pathlib import Path

import pytest

from app.library import Library
from sync.client import SyncOptions, run_sync
from sync.publisher import publish
from tests.conftest import SAMPLE

SMALL = ("practices/hearings-ivanovka-ru.md", "documents/doc-water-toolkit-ru.md")


@pytest.fixture(scope="module")
def small_feed(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:  # noqa: ANN001
    root = tmp_path_factory.mktemp("small")
    authoring = root / "authoring"
    shutil.copytree(SAMPLE / "_taxonomy", authoring / "_taxonomy")
    for rel in SMALL:  # without their links to items left out
        text = (SAMPLE / rel).read_text(encoding="utf-8")
        target = authoring / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(line for line in text.splitlines(keepends=True)
                                  if not line.startswith("related:")), encoding="utf-8")
    (authoring / "documents" / "media").mkdir()
    shutil.copy(SAMPLE / "documents" / "media" / "doc-water-toolkit-ru.pdf", authoring / "documents" / "media")
    publish(authoring, root / "feed", keys.private, feed_id="small-feed", title="Small")
    return root / "feed"


@pytest.fixture(scope="module")
def synced_template(tmp_path_factory: pytest.TempPathFactory, small_feed: Path, keys) -> Path:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("synced") / "library"
    with Library.open(folder) as lib:
        run_sync(lib, str(small_feed), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
    return folder


@pytest.fixture
def synced(synced_template: Path, tmp_path: Path):
    """A copy of the synced library, open."""
    shutil.copytree(synced_template, tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        yield lib
