"""The sync client: bring the library up to date from a feed (a URL or a folder on a USB drive).

Order of work, and why it is safe to stop anywhere (a crash, a cancel, a dead link):
1. the manifest is fetched (conditionally: an unchanged portal costs one small request), its signature
   checked against the trusted keys, its feed id and sequence checked against what we know — nothing
   is written before all of that passed;
2. segments (or, for a fresh or far-behind library, the snapshot) are fetched and verified by hash,
   and applied one at a time: the small files they need first, then one database transaction, then the
   search index, then the cursor. Re-applying a segment after a crash is harmless (unchanged records
   are skipped, deleting a missing item does nothing);
3. videos by policy; every download resumes from its ``.part`` file;
4. the received manifest, signature and segments are kept, so the library can be passed on to another
   PC with the portal's signatures intact (export).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.content import ApplyResult, utcnow
from app.errors import CancelledError, KitepkanaError
from app.media import StoredFile
from app.progress import Cancelled, Progress, ProgressEvent, Stage, emit, subrange
from app.settings import Settings
from app.syncstore import MissingFile, SyncStore
from app.values import ChangedItem
from sync import feedformat, signing
from sync.changes import Delete, TaxonomyUpsert, Upsert, read_segment, read_snapshot
from sync.errors import FeedError, SourceError
from sync.files import write_atomic
from sync.httpwatch import with_access_code
from sync.keys import PublicKey
from sync.sources import Source, open_source
from sync.trust import load_trusted, verify_feed

if TYPE_CHECKING:
    from app.library import Library

log = logging.getLogger(__name__)
SMALL_ROLES = ("attachment", "thumbnail", "subtitles", "file", "image")


@dataclass(frozen=True)
class SyncOptions:
    video_policy: str = "none"  # none | topics | all
    video_topics: tuple[str, ...] = ()
    accept_new_feed: bool = False  # the user said yes to a feed id this library has not seen
    extra_keys: tuple[Path, ...] = ()  # `sync --trust FILE`: trusted for this run only
    bandwidth_limit: int | None = None  # bytes per second
    keep_full_copy: bool = False  # also fetch every segment and the snapshot the manifest names (for export)
    extra_hosts: tuple[str, ...] = ()  # servers other than the feed's own that it may redirect downloads to

    @classmethod
    def from_settings(cls, settings: Settings, **overrides) -> SyncOptions:
        limit = settings.get("bandwidth_limit")
        base = cls(video_policy=settings.get("video_policy"), video_topics=tuple(settings.get("video_topics")),
                   bandwidth_limit=limit * 1024 if limit else None,
                   extra_hosts=tuple(str(h) for h in settings.get("sync_extra_hosts")))
        return cls(**{**asdict(base), **{k: v for k, v in overrides.items() if v is not None}})


@dataclass
class SyncReport:
    location: str
    feed_id: str | None = None
    status: str = "ok"  # ok | unchanged
    from_seq: int = 0
    to_seq: int = 0
    used_snapshot: bool = False
    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    files_downloaded: int = 0
    bytes_downloaded: int = 0
    videos_waiting: int = 0  # not downloaded by policy: `kitepkana download ID` fetches them
    # changes not applied because the item belongs to another source: {"id", "owner"} (the owner's feed id)
    refused: list[dict[str, str]] = field(default_factory=list)
    feed_title: str | None = None
    manifest_created: str | None = None  # when the publisher wrote the manifest applied (UTC ISO)
    key_rotated_to: str | None = None  # the feed moved to this key (a rotation its old key signed)
    warnings: list[str] = field(default_factory=list)  # e.g. a damaged trusted key file that was skipped
    # every item in added/updated/removed, with its title and translation group (a removed one: as it was)
    items: dict[str, ChangedItem] = field(default_factory=dict)

    def title(self, item_id: str) -> str:
        """The item's title as What's new shows it (its id if the sync did not see it)."""
        found = self.items.get(item_id)
        return found.title if found else item_id

    def summary(self) -> dict:
        out = {"added": self.added, "updated": self.updated, "removed": self.removed}  # ids only: the run history
        return out | ({"refused": self.refused} if self.refused else {})

    def to_dict(self) -> dict:
        return asdict(self)


class UnknownFeedError(FeedError):
    code = "unknown_feed"

    def __init__(self, message: str, *, feed_title: str = "") -> None:
        super().__init__(message)
        self.feed_title = feed_title  # the publisher's title, for the question "Trust it?" (signature checked)


class ReplayError(FeedError):
    code = "feed_went_backwards"


def trust_key(settings: Settings, pub_file: Path) -> str:
    """Add a publisher's public key to the trusted keys. Returns its key id."""
    public = signing.load_public(pub_file)  # refuses anything that is not a valid key file
    return keep_key(settings, public, comment=f"trusted from {pub_file.name}")


def keep_key(settings: Settings, public: PublicKey, *, comment: str) -> str:
    kid = signing.key_id(public)
    folder = settings.trusted_keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / f"{kid}.pub", signing.public_key_text(public, comment=comment).encode("utf-8"))
    return kid


class SyncClient:
    def __init__(self, library: Library, source: Source, options: SyncOptions, *,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> None:
        self.lib = library
        self.store = SyncStore(library)
        self.source = source
        self.options = options
        self.progress = progress or (lambda done, total, message: None)
        self.cancelled = cancelled or (lambda: False)
        self.settings = Settings(library.paths)
        self.report = SyncReport(location=source.location)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise CancelledError("cancelled; nothing half-done was kept")

    def feed_dir(self, feed_id: str) -> Path:
        return self.lib.paths.data / "feeds" / feed_id

    # --- the whole run ------------------------------------------------------------------------------

    def run(self) -> SyncReport:
        started = utcnow()
        try:
            self._bring_up_to_date()
        except KitepkanaError as e:
            status = "cancelled" if isinstance(e, CancelledError) else "failed"
            self.store.record_run(location=self.source.location, feed_id=self.report.feed_id, started_at=started,
                                  status=status, from_seq=self.report.from_seq, to_seq=self.report.to_seq,
                                  summary=self.report.summary(), error=str(e))
            log.warning("sync from %s %s at change %s: %s (%s)", self.source.location, status, self.report.to_seq,
                        e, getattr(e, "code", ""))
            raise
        self.store.record_run(location=self.source.location, feed_id=self.report.feed_id, started_at=started,
                              status=self.report.status, from_seq=self.report.from_seq, to_seq=self.report.to_seq,
                              summary=self.report.summary())
        count = lambda bucket: sum(len(ids) for ids in bucket.values())
        log.info("sync from %s: %s, feed %s, change %s -> %s, %d new, %d changed, %d removed, %d refused, %d files",
                 self.source.location, self.report.status, self.report.feed_id, self.report.from_seq,
                 self.report.to_seq, count(self.report.added), count(self.report.updated), count(self.report.removed),
                 len(self.report.refused), self.report.files_downloaded)
        for warning in self.report.warnings:
            log.warning("sync from %s: %s", self.source.location, warning)
        return self.report

    def _bring_up_to_date(self) -> None:
        emit(self.progress, 0, 100, Stage.CONNECT)
        known_source = self.store.source(self.source.location)
        fetched = self.source.fetch_manifest(etag=known_source.etag if known_source else None,
                                             last_modified=known_source.last_modified if known_source else None,
                                             cancelled=self.cancelled)
        feeds = self.store.feeds()
        if fetched is None:  # 304: nothing changed since the last look
            self.report.status = "unchanged"
            self.report.feed_id = known_source.feed_id if known_source else None
            cursor = feeds.get(self.report.feed_id) if self.report.feed_id else None
            self.report.from_seq = self.report.to_seq = cursor.seq if cursor else 0
            self._fetch_missing_files()
            return
        emit(self.progress, 3, 100, Stage.MANIFEST)
        trusted = load_trusted(self.settings, self.options.extra_keys)
        self.report.warnings.extend(trusted.problems)
        verdict = verify_feed(fetched.manifest, fetched.signature, trusted,
                              pins={feed_id: cursor.key_id for feed_id, cursor in feeds.items()})
        manifest = verdict.manifest
        self.report.feed_id, self.report.feed_title = manifest.feed_id, manifest.title
        self.report.manifest_created = manifest.created
        cursor = feeds.get(manifest.feed_id)
        if cursor is None and not self._may_follow(manifest.feed_id):
            raise UnknownFeedError(
                f"'{manifest.title}' (feed '{manifest.feed_id}') is not a feed this library follows. If you trust "
                "it, sync again and confirm (on the command line: --accept-new-feed).", feed_title=manifest.title)
        seq = cursor.seq if cursor else 0
        self.report.from_seq = self.report.to_seq = seq
        if manifest.seq < seq:
            raise ReplayError(
                f"the feed at {self.source.location} is older than what this library already has (it is at "
                f"change {manifest.seq}, the library at {seq}); nothing was changed. It may be an old copy.")
        for kid, public in verdict.learned.items():  # the feed moved to a new key its pinned key vouched for
            keep_key(self.settings, public, comment=f"feed '{manifest.feed_id}' was handed over to this key by the "
                                                    "key it was signed with before")
            self.report.key_rotated_to = kid
        if cursor is not None:
            self.store.manifest_accepted(manifest.feed_id, key_id=verdict.key_id, title=manifest.title,
                                         manifest_created=manifest.created)
        self._apply_changes_after(manifest, seq)
        self.keep_feed_copy(manifest, fetch=self.options.keep_full_copy)
        self._keep_manifest(manifest, fetched.manifest, fetched.signature)
        self.store.set_source(self.source.location, feed_id=manifest.feed_id, etag=fetched.etag,
                              last_modified=fetched.last_modified)
        if self.report.to_seq == self.report.from_seq and not self.report.used_snapshot:
            self.report.status = "unchanged"
        self._fetch_missing_files()
        emit(self.progress, 100, 100, Stage.DONE)

    def _may_follow(self, feed_id: str) -> bool:
        return self.options.accept_new_feed or feed_id == self.settings.get("portal_feed_id")

    # --- changes ----------------------------------------------------------------------------------

    def _apply_changes_after(self, manifest: feedformat.Manifest, seq: int) -> None:
        """Apply the feed's changes after ``seq``: its segments, from its snapshot on when the library is fresh or
        too far behind for them."""
        segments = manifest.segments_after(seq)
        if segments is None and manifest.snapshot is None:
            raise FeedError("this library is too far behind the feed, and the feed has no snapshot to start again "
                            "from; ask the publisher for a full copy", code="no_snapshot")
        # a fresh library starts from the snapshot (one file instead of the whole history), and so does one
        # whose next changes were compacted away
        if manifest.snapshot is not None and (segments is None or (seq == 0 and manifest.seq > 0)):
            try:
                self._apply_snapshot(manifest)
                seq = manifest.snapshot.seq
                segments = manifest.segments_after(seq) or []
            except SourceError as e:
                if e.code != "not_found" or segments is None:
                    raise
                # an update bundle without the snapshot: the full history of segments will do
        self._apply_segments(manifest, seq, segments)

    def _apply_segments(self, manifest: feedformat.Manifest, seq: int, segments: list) -> None:
        total = len(segments)
        for n, segment in enumerate(segments):
            self._check_cancel()
            step = subrange(self.progress, 5 + 55 * n // max(total, 1), 5 + 55 * (n + 1) // max(total, 1),
                        stage=Stage.SEGMENTS, of=(n, total))
            step(0, 1)
            path = self._fetch_feed_file(manifest.feed_id, segment.path, segment.size, segment.sha256)
            changes = [c for c in read_segment(path, segment) if c.seq > seq]
            self._apply_changes(manifest, changes, step)
            seq = segment.last
            self.store.set_cursor(manifest.feed_id, seq=seq, key_id=manifest.key_id, title=manifest.title,
                                  manifest_created=manifest.created)
            self.report.to_seq = seq

    def _apply_snapshot(self, manifest: feedformat.Manifest) -> None:
        snap = manifest.snapshot
        step = subrange(self.progress, 5, 60, stage=Stage.SNAPSHOT)
        step(0, 1)
        path = self._fetch_feed_file(manifest.feed_id, snap.path, snap.size, snap.sha256)
        changes = list(read_snapshot(path, snap))
        keep = {c.record.id for c in changes if isinstance(c, Upsert)}
        gone = sorted(self.store.items_of_feed(manifest.feed_id) - keep)
        changes += [Delete(seq=snap.seq, id=i) for i in gone]
        self._apply_changes(manifest, changes, step)
        self.store.set_cursor(manifest.feed_id, seq=snap.seq, key_id=manifest.key_id, title=manifest.title,
                              manifest_created=manifest.created)
        self.report.used_snapshot = True
        self.report.to_seq = snap.seq

    def _apply_changes(self, manifest: feedformat.Manifest, changes: list, progress: Progress | None = None) -> None:
        """Apply a segment's (or the snapshot's) changes in one transaction, with the search index."""
        final: dict[str, Upsert | Delete] = {}
        taxonomy = []
        for c in changes:  # in seq order: the last word on an item wins
            if isinstance(c, TaxonomyUpsert):
                taxonomy.append((c.kind, c.entry))
            else:
                final[c.record.id if isinstance(c, Upsert) else c.id] = c
        upserts = [c.record for c in final.values() if isinstance(c, Upsert)]
        deletes = [i for i, c in final.items() if isinstance(c, Delete)]
        for record in upserts:  # what the records need to be complete: subtitles (cues), PDFs (text)…
            for f in record.files:
                if f.role in SMALL_ROLES:
                    self._fetch_blob(f.sha256, f.size)
        gone = self.store.describe(deletes)  # as they were: their titles for What's new
        result = self.store.apply(feed_id=manifest.feed_id, taxonomy=taxonomy, upserts=upserts, deletes=deletes,
                                  progress=progress)
        self.report.items.update(gone)
        self.report.items.update(self.store.describe(result.added + result.updated))
        kinds = {i: item.kind for i, item in self.report.items.items()}
        for bucket, ids in ((self.report.added, result.added), (self.report.updated, result.updated),
                            (self.report.removed, result.deleted)):
            for item_id in ids:
                bucket.setdefault(kinds.get(item_id, "item"), []).append(item_id)
        self.report.refused += [{"id": i, "owner": owner.removeprefix("feed:")} for i, owner in result.clashes]

    # --- files ------------------------------------------------------------------------------------

    def _fetch_missing_files(self) -> None:
        """Small files always; videos by policy. Anything missing from an earlier, interrupted sync too."""
        wanted = [f for f in self.store.missing_files(roles="small") if f.role in SMALL_ROLES]
        policy = self.options.video_policy
        if policy == "all":
            wanted += self.store.missing_files(roles="video")
        elif policy == "topics" and self.options.video_topics:
            wanted += self.store.missing_files(roles="video", topics=self.options.video_topics)
        self.report.videos_waiting = self.store.count_missing(role="video") - sum(f.role == "video" for f in wanted)
        self.fetch_files(wanted, progress=subrange(self.progress, 60, 100, stage=Stage.FILES))

    def fetch_files(self, files: list[MissingFile], *, progress: Progress | None = None) -> None:
        """Download these files (resumable, hash-checked) and mark each present as it arrives; ``progress`` moves
        by bytes. Also what a video on demand (:func:`download_item`) runs."""
        progress = progress or self.progress
        total = sum(f.size for f in files) or 1
        done = 0
        for f in files:
            self._check_cancel()
            progress(done, total, ProgressEvent(Stage.FILES, done, total, item=f.title or f.item_id))
            self._fetch_blob(f.sha256, f.size)
            self.store.mark_present([f.sha256])
            done += f.size

    def _fetch_blob(self, sha256: str, size: int) -> None:
        media = self.lib.media
        if media.has(sha256):
            return
        media.root.mkdir(parents=True, exist_ok=True)
        dest = media.root / f"download-{sha256}"  # its .part is resumed by the next sync (gc leaves it alone)
        self.source.fetch_file(feedformat.blob_path(sha256), dest, size=size, sha256=sha256, cancelled=self.cancelled,
                               bandwidth_limit=self.options.bandwidth_limit)
        media.adopt(dest, StoredFile(sha256, size))
        self.report.files_downloaded += 1
        self.report.bytes_downloaded += size

    def _fetch_feed_file(self, feed_id: str, rel: str, size: int, sha256: str) -> Path:
        dest = feedformat.resolve(self.feed_dir(feed_id), rel)
        if dest.is_file() and dest.stat().st_size == size and feedformat.file_digest(dest)[0] == sha256:
            return dest  # kept from an earlier sync
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.source.fetch_file(rel, dest, size=size, sha256=sha256, cancelled=self.cancelled,
                               bandwidth_limit=self.options.bandwidth_limit)
        return dest

    def keep_feed_copy(self, manifest: feedformat.Manifest, *, fetch: bool) -> None:
        """Drop kept files the manifest no longer names; with ``fetch``, also get every one it does name.

        A whole copy lets this PC pass the feed on (export): a fresh PC starts from the snapshot, one that
        is behind finds its segments. It is not fetched on every sync (a small feed gets a new snapshot
        with every publish): export asks for it when it needs it.
        """
        wanted = [(s.path, s.size, s.sha256) for s in manifest.segments]
        if manifest.snapshot is not None:
            snap = manifest.snapshot
            wanted.append((snap.path, snap.size, snap.sha256))
        for rel, size, sha in wanted if fetch else ():
            self._check_cancel()
            try:
                self._fetch_feed_file(manifest.feed_id, rel, size, sha)
            except SourceError as e:
                if e.code != "not_found":
                    raise  # an update bundle (export --since) holds only the newest segments: fine
        folder = self.feed_dir(manifest.feed_id)
        keep = {feedformat.resolve(folder, rel) for rel, _size, _sha in wanted}
        for sub in (feedformat.SEGMENTS_DIR, feedformat.SNAPSHOTS_DIR):
            for old in (folder / sub).glob("*") if (folder / sub).is_dir() else ():
                if old not in keep and not old.name.endswith(".part"):
                    old.unlink(missing_ok=True)

    def _keep_manifest(self, manifest: feedformat.Manifest, raw: bytes, signature: bytes) -> None:
        """Keep the portal's signed manifest beside the segments, for export to a USB drive."""
        from sync.files import write_atomic

        folder = self.feed_dir(manifest.feed_id)
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / feedformat.SIGNATURE_NAME, signature)
        write_atomic(folder / feedformat.MANIFEST_NAME, raw)


def run_sync(library: Library, location: str, options: SyncOptions, *, progress: Progress | None = None,
             cancelled: Cancelled | None = None) -> SyncReport:
    source = open_source(location, extra_hosts=options.extra_hosts)
    try:
        return SyncClient(library, source, options, progress=progress, cancelled=cancelled).run()
    finally:
        source.close()


def download_item(library: Library, item_id: str, *, location: str | None = None,
                  access_codes: Mapping[str, str] | None = None, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> dict:
    """Fetch the files of one item that are not on this PC (a video on demand), from its feed's source.

    ``access_codes``: codes by address, for a feed that another PC's reading room shares only with its code
    (typed in the Downloads view and kept there for the session; never stored). Without the right one the
    download raises ``SourceError`` ``access_code`` whose ``location`` says which PC asks.
    """
    from app.errors import NotFoundError

    store = SyncStore(library)
    detail = library.get_item(item_id)  # raises NotFoundError
    missing = store.missing_files(item_ids=[item_id])
    if not missing:
        return {"id": item_id, "files": 0, "bytes": 0}
    if location is None:
        feed_id = store.feed_of(item_id)
        location = store.source_for_feed(feed_id) if feed_id else None
        if location is None:
            raise NotFoundError(f"'{detail.title}' came from no feed this PC has synced from; give a source "
                                "with --from")
    code = (access_codes or {}).get(location.strip(), "")
    if code and location.lower().startswith(("http://", "https://")):
        location = with_access_code(location, code)  # HttpSource takes it out again at once: never shown or logged
    source = open_source(location, extra_hosts=SyncOptions.from_settings(Settings(library.paths)).extra_hosts)
    try:
        client = SyncClient(library, source, SyncOptions(), progress=progress, cancelled=cancelled)
        client.fetch_files(missing)
        emit(client.progress, 1, 1, Stage.DONE)
        return {"id": item_id, "files": client.report.files_downloaded, "bytes": client.report.bytes_downloaded}
    finally:
        source.close()


def complete_feed_copy(library: Library, feed_id: str, *, progress: Progress | None = None,
                       cancelled: Cancelled | None = None) -> None:
    """Fetch the segments and snapshot of the kept manifest that this PC does not hold yet (for export)."""
    store = SyncStore(library)
    location = store.source_for_feed(feed_id)
    if location is None:
        raise FeedError(f"this PC has no source for feed '{feed_id}' to complete its copy from",
                        code="no_source")
    raw = (library.paths.data / "feeds" / feed_id / feedformat.MANIFEST_NAME).read_bytes()
    manifest = feedformat.read_manifest(raw)
    source = open_source(location, extra_hosts=SyncOptions.from_settings(Settings(library.paths)).extra_hosts)
    try:
        client = SyncClient(library, source, SyncOptions(), progress=progress, cancelled=cancelled)
        client.keep_feed_copy(manifest, fetch=True)
    finally:
        source.close()


def forget_feed(library: Library, feed_id: str, *, progress: Progress | None = None) -> ApplyResult:
    """Stop following ``feed_id``: its items, cursor, pin and kept copy go; the user's notes and bookmarks stay."""
    import shutil

    result = SyncStore(library).forget_feed(feed_id, progress=progress)
    folder = library.paths.data / "feeds" / feed_id
    if feedformat.FEED_ID_RE.match(feed_id) and folder.is_dir():  # the id names a folder: never anything but a feed id
        shutil.rmtree(folder, ignore_errors=True)
    return result
