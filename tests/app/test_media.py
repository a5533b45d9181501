"""The content-addressed media store."""

import hashlib
import io
from pathlib import Path

import pytest

from app.media import MediaError, MediaStore, sha256_file


def test_put_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    data = "Айыл өкмөтү".encode() * 1000
    stored = store.put_bytes(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
    path = store.path(stored.sha256)
    assert path.read_bytes() == data and path.parent.name == stored.sha256[:2]
    mtime = path.stat().st_mtime_ns
    src = tmp_path / "same.bin"
    src.write_bytes(data)
    assert store.put_file(src) == stored
    assert path.stat().st_mtime_ns == mtime  # not rewritten
    assert list(store.all_hashes()) == [stored.sha256]


def test_wrong_expected_hash_leaves_nothing(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    with pytest.raises(MediaError):
        store.put_stream(io.BytesIO(b"abc"), expected_sha256="0" * 64)
    assert list(store.all_hashes()) == []
    assert list((tmp_path / "media").glob("*.part")) == []


def test_verify_finds_corruption_and_missing(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    good = store.put_bytes(b"good file")
    bad = store.put_bytes(b"will be damaged")
    store.path(bad.sha256).write_bytes(b"will be damagex")
    gone = store.put_bytes(b"will vanish")
    store.path(gone.sha256).unlink()
    assert store.verify(good.sha256) is None
    assert store.verify(bad.sha256).startswith("corrupted")
    assert store.verify(gone.sha256) == "missing"


def test_garbage_collection_keeps_referenced(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    keep = store.put_bytes(b"keep")
    drop = store.put_bytes(b"drop me")
    (tmp_path / "media" / "incoming-x.part").write_bytes(b"half")
    files, freed = store.collect_garbage({keep.sha256})
    assert (files, freed) == (1, 7)
    assert store.has(keep.sha256) and not store.has(drop.sha256)
    assert not (tmp_path / "media" / "incoming-x.part").exists()


def test_rejects_non_hash_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        MediaStore(tmp_path).path("../../etc/passwd")


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * (3 << 20))
    assert sha256_file(f).sha256 == hashlib.sha256(b"x" * (3 << 20)).hexdigest()


WRITER = """
import sys, time
from pathlib import Path
from app.media import MediaStore

class Slow:
    def __init__(self):
        self.sent = 0
    def read(self, n):
        if self.sent == 4:
            print("half", flush=True)
            time.sleep(60)
        self.sent += 1
        return b"x" * 65536

MediaStore(Path(sys.argv[1])).put_stream(Slow())
"""


def test_killed_writer_leaves_no_file_under_a_real_name(tmp_path: Path) -> None:
    """A power cut / kill in the middle of a write leaves only a .part, which gc clears."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    root = tmp_path / "media"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "half"
    finally:
        proc.kill()
        proc.wait()
    store = MediaStore(root)
    assert list(store.all_hashes()) == []
    assert len(list(root.glob("incoming-*.part"))) == 1
    store.collect_garbage(set())
    assert list(root.iterdir()) == []
