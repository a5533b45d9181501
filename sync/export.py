"""Export: write the library as a feed onto a drive, so another PC can sync from the drive alone.

The exported feed is the portal's own: the manifest and signature exactly as received, the segments and
snapshot that were received, and the media files from the local store. So the receiving PC still checks
the portal's signature, as if it had synced over the network. Every written file is read back and
hashed; names are FAT32-safe (the feed format guarantees it) and a file over 4 GB is refused, since a
FAT32 drive cannot hold it.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import CancelledError, KitepkanaError
from app.progress import Cancelled, Progress, Stage, emit
from app.syncstore import SyncStore
from sync import feedformat
from sync.files import copy_atomic

if TYPE_CHECKING:
    from app.library import Library

FAT32_MAX = 4 * 1024**3 - 1


class ExportError(KitepkanaError):
    code = "export_failed"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


@dataclass(frozen=True)
class ExportReport:
    folder: str
    feed_id: str
    seq: int
    since: int | None
    files: int
    bytes: int
    blobs_missing: int  # files this PC never downloaded (videos by policy): not on the drive

    def to_dict(self) -> dict:
        return asdict(self)


def _the_feed(library: Library, feed_id: str | None) -> str:
    """The feed to export: the one asked for, or the only one this library follows."""
    feeds = SyncStore(library).feeds()
    if not feeds:
        raise ExportError("this library has not synced from any feed yet, so there is nothing to pass on "
                          "(a library filled by importing a folder can be published with `kitepkana publish`)",
                          code="nothing_to_export")
    if feed_id is None:
        if len(feeds) > 1:
            raise ExportError(f"this library follows several feeds ({', '.join(sorted(feeds))}); choose one",
                              code="choose_feed")
        feed_id = next(iter(feeds))
    if feed_id not in feeds:
        raise ExportError(f"this library does not follow a feed '{feed_id}'", code="unknown_feed")
    return feed_id


def export_feed(library: Library, target: Path, *, feed_id: str | None = None, since: int | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> ExportReport:
    feed_id = _the_feed(library, feed_id)
    kept = library.paths.data / "feeds" / feed_id
    _complete(library, feed_id, kept, since=since, progress=progress, cancelled=cancelled)
    raw = (kept / feedformat.MANIFEST_NAME).read_bytes()
    signature = (kept / feedformat.SIGNATURE_NAME).read_bytes()
    manifest = feedformat.read_manifest(raw)

    plan: list[tuple[Path, str, int, str]] = []  # source, feed-relative path, size, sha256
    for seg in manifest.segments:
        if since is not None and seg.last <= since:
            continue
        src = feedformat.resolve(kept, seg.path)
        if src.is_file():
            plan.append((src, seg.path, seg.size, seg.sha256))
    if since is None and manifest.snapshot is not None:
        src = feedformat.resolve(kept, manifest.snapshot.path)
        if src.is_file():
            plan.append((src, manifest.snapshot.path, manifest.snapshot.size, manifest.snapshot.sha256))
    wanted: set[str] | None = None
    if since is not None:  # an update bundle carries only the files its changes need
        from sync.changes import Upsert, read_segment

        wanted = set()
        for seg in manifest.segments:
            if seg.last > since and feedformat.resolve(kept, seg.path).is_file():
                for c in read_segment(feedformat.resolve(kept, seg.path), seg):
                    if isinstance(c, Upsert):
                        wanted |= {f.sha256 for f in c.record.files}
    missing = 0
    for sha, size, present in SyncStore(library).feed_files(feed_id):
        if wanted is not None and sha not in wanted:
            continue
        if not present or not library.media.has(sha):
            missing += 1
            continue
        if size > FAT32_MAX:
            raise ExportError(f"a file of {size / 1024**3:.1f} GB cannot go on a FAT32 USB drive (4 GB at most); "
                              "format the drive as exFAT or NTFS, or leave that video out", code="file_too_big")
        plan.append((library.media.path(sha), feedformat.blob_path(sha), size, sha))

    need = sum(size for *_, size, _sha in plan) + len(raw) + len(signature)
    target.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target).free
    if need > free:
        raise ExportError(f"not enough free space on {target}: need {need / 1e6:.0f} MB, {free / 1e6:.0f} MB free",
                          code="no_space")
    done = 0
    for src, rel, size, sha in plan:
        if cancelled and cancelled():
            raise CancelledError("cancelled; nothing half-done was kept")
        emit(progress, done, need, Stage.COPY, item=rel)
        dest = feedformat.resolve(target, rel)
        if not (dest.is_file() and dest.stat().st_size == size and feedformat.file_digest(dest)[0] == sha):
            dest.parent.mkdir(parents=True, exist_ok=True)
            copy_atomic(src, dest, expected_sha256=sha)
            got, got_size = feedformat.file_digest(dest)  # read back from the drive: USB sticks lie
            if got != sha or got_size != size:
                raise ExportError(f"{rel} was damaged while writing to {target}; the drive may be failing",
                                  code="write_verify_failed")
        done += size
    # the manifest last, signature first: a reader never sees a manifest without its signature
    for name, data in ((feedformat.SIGNATURE_NAME, signature), (feedformat.MANIFEST_NAME, raw)):
        from sync.files import write_atomic

        write_atomic(target / name, data)
        if (target / name).read_bytes() != data:
            raise ExportError(f"{name} was damaged while writing to {target}", code="write_verify_failed")
    emit(progress, need, need, Stage.DONE)
    return ExportReport(folder=str(target), feed_id=feed_id, seq=manifest.seq, since=since,
                        files=len(plan) + 2, bytes=need, blobs_missing=missing)


def _complete(library: Library, feed_id: str, kept: Path, *, since: int | None, progress: Progress | None,
              cancelled: Cancelled | None) -> None:
    """Make sure the files a receiving PC needs are here: for a full export the snapshot and every
    segment the manifest names, for an update bundle the segments after ``since``. Fetched from where the
    feed came from when missing (sync does not fetch them, to keep every sync small)."""
    manifest = feedformat.read_manifest((kept / feedformat.MANIFEST_NAME).read_bytes())
    needed = [s.path for s in manifest.segments if since is None or s.last > since]
    if since is None and manifest.snapshot is not None:
        needed.append(manifest.snapshot.path)
    if all(feedformat.resolve(kept, rel).is_file() for rel in needed):
        return
    from sync.client import complete_feed_copy

    try:
        complete_feed_copy(library, feed_id, progress=progress, cancelled=cancelled)
    except KitepkanaError as e:
        if isinstance(e, CancelledError):
            raise
        raise ExportError("this PC does not hold the whole feed yet (it keeps only what it needed) and could "
                          f"not fetch the rest: {e}. Connect to the source it synced from, then export again.",
                          code="incomplete_copy") from e


def export_size(library: Library, *, feed_id: str | None = None) -> tuple[int, int]:
    """What a full export will need, before it starts (so the UI can compare it with a drive's free space):
    ``(bytes, files_missing)`` — the bytes ``export_feed`` will write (its ``ExportReport.bytes``) and the files
    this PC never downloaded. Only reads; raises the same ``ExportError`` codes as ``export_feed`` when there is
    nothing or no single feed to export."""
    feed_id = _the_feed(library, feed_id)
    kept = library.paths.data / "feeds" / feed_id
    raw = (kept / feedformat.MANIFEST_NAME).read_bytes()
    need = len(raw) + (kept / feedformat.SIGNATURE_NAME).stat().st_size
    manifest = feedformat.read_manifest(raw)
    need += sum(seg.size for seg in manifest.segments) + (manifest.snapshot.size if manifest.snapshot else 0)
    missing = 0
    for sha, size, present in SyncStore(library).feed_files(feed_id):
        if present and library.media.has(sha):
            need += size
        else:
            missing += 1
    return need, missing
