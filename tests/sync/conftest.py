"""Fixtures for feed tests: a key pair, a copy of the sample authoring folder, and a feed published from it."""

import shutil
from pathlib import Path

import pytest

from sync import signing
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME, read_manifest
from sync.feedstate import FeedState
from sync.publisher import publish
from tests.conftest import SAMPLE


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> signing.KeyPairFiles:
    return signing.generate_keypair(tmp_path_factory.mktemp("keys") / "publisher.key")


@pytest.fixture(scope="session")
def sample_feed_template(tmp_path_factory: pytest.TempPathFactory, keys: signing.KeyPairFiles) -> Path:
    feed = tmp_path_factory.mktemp("feed-template") / "feed"
    publish(SAMPLE, feed, keys.private, feed_id="sample-feed", title="Sample")
    return feed


@pytest.fixture
def sample_feed(sample_feed_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "feed"
    shutil.copytree(sample_feed_template, target)
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample authoring folder, free to edit."""
    target = tmp_path / "authoring"
    shutil.copytree(SAMPLE, target)
    return target


def verified(feed: Path, keys: signing.KeyPairFiles):
    """Read a feed as a client would: verify the signature, validate the manifest, replay it."""
    raw = (feed / MANIFEST_NAME).read_bytes()
    sig = feed / SIGNATURE_NAME
    trusted = [signing.load_public(keys.public)]
    key_id = signing.verify_detached(raw, sig.read_bytes() if sig.exists() else None, trusted)
    manifest = read_manifest(raw)
    assert manifest.key_id == key_id
    return manifest, FeedState.load(feed, manifest)


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its content."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def http_server():
    """Start a loopback HTTP server over a folder: ``server = http_server(folder)`` (see ``httpserver.py``
    for its faults and request log). Every server started stops at the end of the test."""
    from tests.sync.httpserver import TestServer

    servers: list[TestServer] = []

    def start(root: Path, **kwargs) -> TestServer:
        server = TestServer(root, **kwargs).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def feed_server(http_server, sample_feed: Path):
    """The sample feed (a fresh copy) served over loopback HTTP."""
    return http_server(sample_feed)
