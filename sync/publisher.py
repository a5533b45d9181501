"""The publisher: build or update a signed feed from an authoring folder (FEED.md, "Publishing").

One publish = validate the folder, rebuild the feed's current state from its own files, compute what
changed, and — if anything did — copy new blobs, append **one** segment, maybe write a snapshot, maybe
drop old segments, then sign and replace the manifest. Every file goes through a temporary file and
an atomic rename, and the manifest is replaced last, so a crash at any point leaves the previous feed
valid and consistent. An unchanged folder writes nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from app import fsutil
from app.authoring import Catalog, load_folder
from app.errors import CancelledError, LibraryLockedError
from app.lock import InstanceLock
from app.progress import Cancelled, Progress
from sync import signing
from sync.changes import Change, Delete, TaxonomyUpsert, Upsert, write_changes
from sync.errors import FeedError, PublishError, SignatureError
from sync.feedformat import (
    BLOBS_DIR,
    FEED_ID_RE,
    MANIFEST_NAME,
    SEGMENTS_DIR,
    SIGNATURE_NAME,
    SNAPSHOTS_DIR,
    BlobStats,
    Manifest,
    ProgramEntry,
    SegmentEntry,
    SnapshotEntry,
    blob_path,
    file_digest,
    read_manifest,
    resolve,
    segment_path,
    snapshot_path,
    utc_now_iso,
)
from sync.feedstate import FeedState
from sync.files import TMP_PREFIX, AtomicWriter, copy_atomic, remove_temp_files, write_atomic
from sync.keys import PrivateKey, PublicKey

# Snapshot rule (FEED.md): a small feed gets a fresh snapshot on every publish; a big one when the
# records a fresh install would replay after the snapshot exceed a tenth of the items.
SNAPSHOT_SMALL_FEED_ITEMS = 2000
SNAPSHOT_TAIL_FRACTION = 0.10
FAT32_MAX_FILE = 4 * 1024**3 - 1
LOCK_NAME = ".publish.lock"
FEED_ENTRIES = {MANIFEST_NAME, SIGNATURE_NAME, SEGMENTS_DIR, SNAPSHOTS_DIR, BLOBS_DIR, LOCK_NAME}


@dataclass
class PublishReport:
    feed_dir: str
    feed_id: str
    title: str
    key_id: str
    seq: int
    previous_seq: int
    new_feed: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    taxonomy: list[str] = field(default_factory=list)  # "kind:id"
    segment: SegmentEntry | None = None
    snapshot: SnapshotEntry | None = None  # written by this publish
    dropped_segments: list[str] = field(default_factory=list)
    blobs_copied: int = 0
    blob_bytes_copied: int = 0
    blobs_total: int = 0
    blob_bytes_total: int = 0
    removed_files: int = 0
    manifest_written: bool = False
    rotated_from: str | None = None  # --rotate-to: the key that handed the feed over to ``key_id``
    programs: list[ProgramEntry] = field(default_factory=list)  # the program files the manifest vouches for

    @property
    def changed(self) -> bool:
        return self.segment is not None

    def to_dict(self) -> dict:
        return {"feed_dir": self.feed_dir, "feed_id": self.feed_id, "title": self.title, "key_id": self.key_id,
                "seq": self.seq, "previous_seq": self.previous_seq, "new_feed": self.new_feed,
                "changed": self.changed, "added": self.added, "updated": self.updated, "deleted": self.deleted,
                "taxonomy": self.taxonomy, "segment": self.segment.to_dict() if self.segment else None,
                "snapshot": self.snapshot.to_dict() if self.snapshot else None,
                "dropped_segments": self.dropped_segments, "blobs_copied": self.blobs_copied,
                "blob_bytes_copied": self.blob_bytes_copied, "blobs_total": self.blobs_total,
                "blob_bytes_total": self.blob_bytes_total, "removed_files": self.removed_files,
                "manifest_written": self.manifest_written, "rotated_from": self.rotated_from,
                "programs": [p.to_dict() for p in self.programs]}


@dataclass(frozen=True)
class _Current:
    raw: bytes
    manifest: Manifest
    signature: signing.SignatureEntry  # the entry of feed.json.sig that signs ``raw``


def _check_options(feed_id: str | None, title: str | None, keep_segments: int | None) -> str | None:
    if feed_id is not None and not FEED_ID_RE.match(feed_id) or feed_id and fsutil.unsafe_name_reason(feed_id):
        raise PublishError(f"the feed id {feed_id!r} is not valid: use lowercase Latin letters, digits, '.', '-' "
                           "or '_' (at most 64, starting with a letter or digit)", code="feed_id_invalid")
    if keep_segments is not None and keep_segments < 1:
        raise PublishError("keep at least 1 segment (clients one publish behind need it)", code="bad_option")
    if title is not None:
        title = " ".join(title.split())
        if not title or len(title) > 200:
            raise PublishError("the feed title must be 1 to 200 characters", code="bad_option")
    return title


def _check_feed_dir(feed_dir: Path) -> None:
    if feed_dir.exists() and not feed_dir.is_dir():
        raise PublishError(f"{feed_dir} is a file, not a folder", code="feed_dir_invalid")
    if feed_dir.is_dir() and not (feed_dir / MANIFEST_NAME).exists():
        strangers = sorted(p.name for p in feed_dir.iterdir()
                           if p.name not in FEED_ENTRIES and not p.name.startswith(TMP_PREFIX))
        if strangers:
            shown = ", ".join(strangers[:5]) + (" …" if len(strangers) > 5 else "")
            raise PublishError(f"{feed_dir} is not empty and holds no feed (it has {shown}); publish into a new or "
                               "empty folder, or into an existing feed", code="feed_dir_invalid")


def program_entries(files: Iterable[Path]) -> tuple[ProgramEntry, ...]:
    """Name, size and SHA-256 of the official program files a manifest vouches for (``publish --program``)."""
    entries: list[ProgramEntry] = []
    for path in map(Path, files):
        if not path.is_file():
            raise PublishError(f"the program file {path} is not there", code="bad_option")
        if fsutil.unsafe_name_reason(path.name) or path.name.startswith(".") or len(path.name) > 120:
            raise PublishError(f"the program file name {path.name!r} would not survive on a USB drive; rename it",
                               code="bad_option")
        if path.name.casefold() in {e.name.casefold() for e in entries}:
            raise PublishError(f"two program files are called {path.name}", code="bad_option")
        sha, size = file_digest(path)
        if size > FAT32_MAX_FILE:
            raise PublishError(f"{path.name} is 4 GB or bigger and would not fit on a FAT32 USB drive",
                               code="file_too_big")
        entries.append(ProgramEntry(name=path.name, size=size, sha256=sha))
    return tuple(entries)


def _read_current(feed_dir: Path, key_id: str, public: PublicKey) -> _Current | None:
    manifest_file = feed_dir / MANIFEST_NAME
    if not manifest_file.is_file():
        return None
    raw = manifest_file.read_bytes()
    try:
        manifest = read_manifest(raw)
    except FeedError as e:
        raise FeedError(f"the existing feed in {feed_dir} is damaged, nothing was written: {e}", code=e.code) from None
    if manifest.key_id != key_id:
        raise PublishError(f"the feed in {feed_dir} is signed with key {manifest.key_id}, but you gave key {key_id}; "
                           "publish with the feed's own key (its readers trust only that one)",
                           code="feed_key_mismatch")
    sig_file = feed_dir / SIGNATURE_NAME
    try:
        entries = signing.decode_signature_file(sig_file.read_bytes() if sig_file.is_file() else None)
        entry = signing.matching_entry(raw, entries, [public])
    except SignatureError as e:
        raise SignatureError(f"the existing feed in {feed_dir} does not verify with your key, so it was changed "
                             f"outside Kitepkana; nothing was written ({e})", code=e.code) from None
    return _Current(raw=raw, manifest=manifest, signature=entry)


def publish(folder: Path, feed_dir: Path, key_path: Path, *, feed_id: str | None = None, title: str | None = None,
            keep_segments: int | None = None, rotate_to: Path | None = None, programs: Iterable[Path] | None = None,
            progress: Progress | None = None, cancelled: Cancelled | None = None) -> PublishReport:
    """Publish the authoring ``folder`` into the feed at ``feed_dir``, signed with the private key at ``key_path``.

    ``rotate_to``: the private key file of the key the feed moves to (FEED.md, "Feed keys"): the new manifest is
    signed by both keys and carries the old key's statement handing the feed over, so libraries pinned to the old
    key follow; later publishes use the new key.
    ``programs``: the official program files (installer, portable zip) the manifest vouches for, replacing those
    it listed; None keeps the list of the current manifest.

    Raises AuthoringError (the folder is invalid), KeyFileError, FeedError / SignatureError (the existing feed
    is damaged or not ours), PublishError; in every case the feed is left as it was.
    """
    folder, feed_dir = Path(folder), Path(feed_dir)
    title = _check_options(feed_id, title, keep_segments)
    private = signing.load_private(key_path)
    public = private.public_key()
    kid = signing.key_id(public)
    _check_feed_dir(feed_dir)
    current = _read_current(feed_dir, kid, public)
    _check_identity(current, feed_id)  # fail fast, before hashing every media file
    new_private = _rotation_key(rotate_to, kid, current)
    vouched = program_entries(programs) if programs is not None else None
    catalog = load_folder(folder, progress=progress, cancelled=cancelled)
    too_big = sorted({f"{catalog.sources.get(r.id, r.id)}: {f.name}" for r in catalog.items for f in r.files
                      if f.size > FAT32_MAX_FILE})
    if too_big:
        raise PublishError("these files are 4 GB or bigger and would not fit on a FAT32 USB drive; split or "
                           "re-encode them: " + "; ".join(too_big), code="file_too_big")
    run = _Run(catalog, feed_dir, private, kid, feed_id=feed_id, title=title, keep_segments=keep_segments,
               programs=vouched, progress=progress, cancelled=cancelled, new_private=new_private)
    current = _read_current(feed_dir, kid, public)
    _check_identity(current, feed_id)
    if not run.plan(current):
        return run.report  # nothing changed: nothing at all is written (not even the lock file)
    feed_dir.mkdir(parents=True, exist_ok=True)
    try:
        lock = InstanceLock(feed_dir / LOCK_NAME).acquire()
    except LibraryLockedError:
        raise PublishError(f"another publish is writing to {feed_dir} right now; try again when it has finished",
                           code="publish_running") from None
    try:
        latest = _read_current(feed_dir, kid, public)  # under the lock: another publish may have finished meanwhile
        if (latest.raw if latest else None) != (current.raw if current else None):
            _check_identity(latest, feed_id)
            if not run.plan(latest):
                return run.report
        return run.write()
    finally:
        lock.release()


def _rotation_key(rotate_to: Path | None, kid: str, current: _Current | None) -> PrivateKey | None:
    if rotate_to is None:
        return None
    if current is None:
        raise PublishError("a new feed has no key to hand over yet: publish it first, then rotate",
                           code="bad_option")
    new_private = signing.load_private(rotate_to)
    if signing.key_id(new_private.public_key()) == kid:
        raise PublishError("--rotate-to names the key the feed already uses", code="bad_option")
    return new_private


def _check_identity(current: _Current | None, feed_id: str | None) -> None:
    if current is not None and feed_id is not None and feed_id != current.manifest.feed_id:
        raise PublishError(f"this feed's id is '{current.manifest.feed_id}', not '{feed_id}'; a feed keeps its id "
                           "for life (its readers know it by that id)", code="feed_id_mismatch")


class _Run:
    """One publish: :meth:`plan` reads the feed and compares (writes nothing), :meth:`write` writes."""

    def __init__(self, catalog: Catalog, feed_dir: Path, private: PrivateKey, kid: str, *,
                 feed_id: str | None, title: str | None, keep_segments: int | None,
                 programs: tuple[ProgramEntry, ...] | None, progress: Progress | None,
                 cancelled: Cancelled | None, new_private: PrivateKey | None = None) -> None:
        self.catalog, self.feed_dir, self.private, self.kid = catalog, feed_dir, private, kid
        # a rotation: the new key signs (and names) the manifest, the old one signs it too and hands the feed over
        self.old_private = private if new_private is not None else None
        if new_private is not None:
            self.private, self.kid = new_private, signing.key_id(new_private.public_key())
        self.wanted_feed_id, self.wanted_title, self.wanted_programs = feed_id, title, programs
        self.keep_segments = keep_segments
        self.progress = progress or (lambda done, total, message: None)
        self.cancelled = cancelled or (lambda: False)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise CancelledError("cancelled; nothing half-done was kept")

    def plan(self, current: _Current | None) -> bool:
        """Rebuild the feed's state and compute the changes; True if there is anything to write."""
        self.current = current
        old = current.manifest if current else None
        self.feed_id = old.feed_id if old else (self.wanted_feed_id or self.kid)
        default_title = " ".join(Path(self.catalog.root).resolve().name.split())[:200] or self.feed_id
        self.title = self.wanted_title if self.wanted_title is not None else (old.title if old else default_title)
        self.programs = self.wanted_programs if self.wanted_programs is not None else (old.programs if old else ())
        try:
            self.state = FeedState.load(self.feed_dir, old) if old else FeedState()
        except FeedError as e:
            raise FeedError(f"the existing feed in {self.feed_dir} is damaged, nothing was written: {e}",
                            code=e.code) from None
        previous_seq = old.seq if old else 0
        self.report = PublishReport(feed_dir=str(self.feed_dir), feed_id=self.feed_id, title=self.title,
                                    key_id=self.kid, seq=previous_seq, previous_seq=previous_seq, new_feed=old is None,
                                    programs=list(self.programs))
        self.changes = self.state.diff(self.catalog, first_seq=previous_seq + 1)
        if not self.changes and old is None:
            raise PublishError("the folder has nothing to publish", code="bad_option")
        if self.old_private is not None:
            self.report.rotated_from = old.key_id
            return True  # a rotation writes a manifest even when the content is unchanged
        if not self.changes and self.title == old.title and self.programs == old.programs:
            self.report.blobs_total, self.report.blob_bytes_total = old.blobs.count, old.blobs.bytes
            return False
        return True

    def write(self) -> PublishReport:
        old = self.current.manifest if self.current else None
        state, changes, report = self.state, self.changes, self.report
        old_blobs = state.blob_sizes()
        old_ids = set(state.items)
        for c in changes:
            state.apply(c)
            if isinstance(c, Upsert):
                (report.updated if c.record.id in old_ids else report.added).append(c.record.id)
            elif isinstance(c, Delete):
                report.deleted.append(c.id)
            elif isinstance(c, TaxonomyUpsert):
                report.taxonomy.append(f"{c.kind}:{c.entry.id}")
        new_blobs = state.blob_sizes()
        report.blobs_total, report.blob_bytes_total = len(new_blobs), sum(new_blobs.values())
        missing = [sha for sha in sorted(new_blobs) if not self._blob_present(sha, new_blobs[sha])]
        steps = len(missing) + 4
        done = 0
        for sha in missing:
            self._check_cancel()
            source = self.catalog.media[sha]
            self.progress(done, steps, source.name)
            copy_atomic(source, resolve(self.feed_dir, blob_path(sha)), expected_sha256=sha)
            report.blobs_copied += 1
            report.blob_bytes_copied += new_blobs[sha]
            done += 1

        segments = list(old.segments) if old else []
        snapshot = old.snapshot if old else None
        if changes:
            self._check_cancel()
            self.progress(done, steps, "writing changes")
            report.segment = self._write_segment(changes)
            segments.append(report.segment)
            report.seq = report.segment.last
            if self._snapshot_due(state, snapshot, segments):
                self.progress(done + 1, steps, "writing snapshot")
                snapshot = report.snapshot = self._write_snapshot(state)
            if self.keep_segments is not None and snapshot is not None:
                covered = [s for s in segments if s.last <= snapshot.seq]
                dropped = covered[:-self.keep_segments]
                report.dropped_segments = [s.path for s in dropped]
                segments = segments[len(dropped):]
        rotations = old.key_rotations if old else ()
        if self.old_private is not None:
            rotations += (signing.rotation(self.feed_id, self.old_private, self.private.public_key()),)
        manifest = Manifest(feed_id=self.feed_id, title=self.title, key_id=self.kid, seq=report.seq,
                            created=utc_now_iso(), oldest_seq=segments[0].first, segments=tuple(segments),
                            snapshot=snapshot, blobs=BlobStats(count=len(new_blobs), bytes=sum(new_blobs.values())),
                            key_rotations=rotations, programs=self.programs)
        raw = manifest.encode()
        read_manifest(raw)  # never sign a manifest this very code would refuse to read
        self._check_cancel()
        self.progress(done + 2, steps, "signing")
        self._write_signed(raw, done=done + 3, steps=steps)
        report.manifest_written = True
        report.removed_files = self._remove_unreferenced(manifest, old, set(new_blobs) | set(old_blobs))
        self.progress(steps, steps, "done")
        return report

    def _blob_present(self, sha: str, size: int) -> bool:
        target = resolve(self.feed_dir, blob_path(sha))
        try:
            return target.stat().st_size == size  # re-used as it is; a wrong size is copied again
        except OSError:
            return False

    def _write_segment(self, changes: list[Change]) -> SegmentEntry:
        first, last = changes[0].seq, changes[-1].seq
        rel = segment_path(first, last)
        with AtomicWriter(resolve(self.feed_dir, rel)) as w:
            write_changes(w, changes)
        return SegmentEntry(first=first, last=last, path=rel, size=w.size, sha256=w.sha256, records=len(changes))

    @staticmethod
    def _snapshot_due(state: FeedState, snapshot: SnapshotEntry | None, segments: list[SegmentEntry]) -> bool:
        if snapshot is None or len(state.items) <= SNAPSHOT_SMALL_FEED_ITEMS:
            return True
        tail = sum(s.records for s in segments if s.last > snapshot.seq)
        return tail > SNAPSHOT_TAIL_FRACTION * len(state.items)

    def _write_snapshot(self, state: FeedState) -> SnapshotEntry:
        rel = snapshot_path(state.seq)
        with AtomicWriter(resolve(self.feed_dir, rel)) as w:
            n = write_changes(w, state.snapshot_changes())
        return SnapshotEntry(seq=state.seq, path=rel, size=w.size, sha256=w.sha256, records=n)

    def _write_signed(self, raw: bytes, *, done: int, steps: int) -> None:
        """Signature first, manifest second (FEED.md, "Write order").

        The new ``feed.json.sig`` signs the new manifest *and* still carries the signature of the manifest
        it replaces; so before, between and after the two renames, whatever ``feed.json`` a reader gets has
        a matching signature beside it, and a crash between them leaves the old feed valid.
        """
        entries = [signing.signature_entry(raw, self.private)]
        if self.old_private is not None:  # libraries that know only the old key can still check this manifest
            entries.append(signing.signature_entry(raw, self.old_private))
        if self.current is not None and self.current.signature.sha256 != entries[0].sha256:
            entries.append(self.current.signature)
        write_atomic(self.feed_dir / SIGNATURE_NAME, signing.encode_signature_file(entries))
        self.progress(done, steps, "writing feed.json")
        write_atomic(self.feed_dir / MANIFEST_NAME, raw)

    def _remove_unreferenced(self, manifest: Manifest, old: Manifest | None, blobs: set[str]) -> int:
        """Delete files neither the new nor the previous manifest needs, and leftovers of crashed runs.

        Files of the previous manifest stay one more publish, for readers that fetched it just before.
        """
        keep = set(manifest.files()) | (set(old.files()) if old else set())
        removed = remove_temp_files(self.feed_dir)
        for sub in (SEGMENTS_DIR, SNAPSHOTS_DIR):
            folder = self.feed_dir / sub
            if folder.is_dir():
                for p in folder.iterdir():
                    if p.is_file() and f"{sub}/{p.name}" not in keep and fsutil.unlink_quietly(p):
                        removed += 1
        blob_root = self.feed_dir / BLOBS_DIR
        if blob_root.is_dir():
            for fan in blob_root.iterdir():
                if not fan.is_dir():
                    continue
                for p in fan.iterdir():
                    if p.is_file() and p.name not in blobs and fsutil.unlink_quietly(p):
                        removed += 1
        return removed
