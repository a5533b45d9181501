"""The feed format, version :data:`FEED_FORMAT` (spec: FEED.md beside this file): layout, the manifest
(``feed.json``) and its strict validation, and file helpers.

The change records inside segments and snapshots are encoded and decoded by :mod:`sync.changes`
(re-exported here). Everything a feed says is checked before it is used; anything wrong raises a
:class:`~sync.errors.FeedError` in plain words, never a bare exception.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.fsutil import unsafe_name_reason
from app.media import sha256_file
from sync.errors import FeedError
from sync.signing import KeyRotation, rotation_from_dict

# The feed format has its own version, separate from the local database schema (STYLE 7). A reader
# refuses a feed whose format it does not know; a change old readers could not safely ignore bumps it.
FEED_FORMAT = 1

MANIFEST_NAME = "feed.json"
SIGNATURE_NAME = "feed.json.sig"
SEGMENTS_DIR = "segments"
SNAPSHOTS_DIR = "snapshots"
BLOBS_DIR = "blobs"
SEQ_DIGITS = 10
MAX_SEQ = 10**SEQ_DIGITS - 1
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_PROGRAMS = 20  # the manifest's optional "programs" list (installers and portable zips of one release)
MAX_PATH_CHARS = 200  # leaves room under Windows' 260-character limit for the folder holding the feed
MAX_KEY_ROTATIONS = 64

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
KEY_ID_RE = re.compile(r"^[0-9a-f]{16}$")
FEED_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")


# --- paths -------------------------------------------------------------------------------------------


def segment_path(first: int, last: int) -> str:
    return f"{SEGMENTS_DIR}/{first:0{SEQ_DIGITS}d}-{last:0{SEQ_DIGITS}d}.jsonl.gz"


def snapshot_path(seq: int) -> str:
    return f"{SNAPSHOTS_DIR}/{seq:0{SEQ_DIGITS}d}.jsonl.gz"


def blob_path(sha256: str) -> str:
    if not SHA256_RE.match(sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return f"{BLOBS_DIR}/{sha256[:2]}/{sha256}"


def path_problem(path: object) -> str | None:
    """Why ``path`` may not appear in a manifest, or None: it must be relative, use '/', stay inside the feed
    (no '..'), name no hidden file, and be safe on FAT32 drives and Windows."""
    if not isinstance(path, str) or not path:
        return "must be a relative path"
    if "\\" in path:
        return f"'{path}' uses '\\'; feed paths use '/'"
    if path.startswith("/") or _DRIVE_RE.match(path):
        return f"'{path}' is absolute; feed paths are relative to the feed folder"
    if len(path) > MAX_PATH_CHARS:
        return f"'{path[:40]}…' is longer than {MAX_PATH_CHARS} characters"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return f"'{path}' has an empty, '.' or '..' part; feed paths must stay inside the feed"
        if part.startswith("."):
            return f"'{path}' names a hidden file"
        reason = unsafe_name_reason(part)
        if reason:
            return f"'{path}': '{part}' {reason}"
    return None


def resolve(feed_root: Path, rel: str) -> Path:
    """The local file of a feed path (checked with :func:`path_problem` first)."""
    problem = path_problem(rel)
    if problem:
        raise FeedError(f"unsafe path in the feed: {problem}", code="manifest_invalid")
    return Path(feed_root).joinpath(*rel.split("/"))


# --- hashing -----------------------------------------------------------------------------------------


def file_digest(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size) of a file, read in chunks."""
    stored = sha256_file(Path(path))
    return stored.sha256, stored.size


def bytes_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(path: Path, *, size: int, sha256: str, name: str) -> None:
    """Raise :class:`FeedError` unless ``path`` exists with exactly this size and SHA-256."""
    try:
        actual_size = Path(path).stat().st_size
    except FileNotFoundError:
        raise FeedError(f"{name} is missing from the feed", code="file_missing") from None
    if actual_size != size:
        raise FeedError(f"{name} is {actual_size} bytes but the manifest says {size}: the file is incomplete "
                        "(an interrupted download or copy?) or was replaced", code="file_mismatch")
    actual_sha, _ = file_digest(path)
    if actual_sha != sha256:
        raise FeedError(f"{name} is damaged: its content does not match the SHA-256 in the manifest",
                        code="file_mismatch")


# --- the manifest ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentEntry:
    """One change segment: records ``first``..``last`` (inclusive), one record per sequence number."""

    first: int
    last: int
    path: str
    size: int
    sha256: str
    records: int

    def to_dict(self) -> dict:
        return {"from": self.first, "to": self.last, "path": self.path, "size": self.size, "sha256": self.sha256,
                "records": self.records}


@dataclass(frozen=True)
class SnapshotEntry:
    """The complete state of the feed at ``seq``."""

    seq: int
    path: str
    size: int
    sha256: str
    records: int

    def to_dict(self) -> dict:
        return {"seq": self.seq, "path": self.path, "size": self.size, "sha256": self.sha256,
                "records": self.records}


@dataclass(frozen=True)
class BlobStats:
    count: int
    bytes: int

    def to_dict(self) -> dict:
        return {"count": self.count, "bytes": self.bytes}


@dataclass(frozen=True)
class ProgramEntry:
    """An official program file (installer, portable zip) the feed's publisher vouches for: a USB kit carrying
    it can be checked against the signed manifest (FEED.md, "Program files")."""

    name: str
    size: int
    sha256: str

    def to_dict(self) -> dict:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Manifest:
    feed_id: str
    title: str
    key_id: str
    seq: int
    created: str  # UTC, ISO 8601 with 'Z'
    oldest_seq: int
    segments: tuple[SegmentEntry, ...]
    snapshot: SnapshotEntry | None
    blobs: BlobStats
    format: int = FEED_FORMAT
    programs: tuple[ProgramEntry, ...] = ()  # optional; written only when there are some (older feeds unchanged)
    # every hand-over of the feed from one signing key to the next, oldest first (FEED.md, "Feed keys")
    key_rotations: tuple[KeyRotation, ...] = ()

    def to_dict(self) -> dict:
        doc = {"format": self.format, "feed_id": self.feed_id, "title": self.title, "key_id": self.key_id,
               "seq": self.seq, "created": self.created, "oldest_seq": self.oldest_seq,
               "segments": [s.to_dict() for s in self.segments],
               "snapshot": self.snapshot.to_dict() if self.snapshot else None, "blobs": self.blobs.to_dict()}
        if self.programs:
            doc["programs"] = [p.to_dict() for p in self.programs]
        if self.key_rotations:  # optional: a feed that never changed key stays byte-identical to format 1's
            doc["key_rotations"] = [r.to_dict() for r in self.key_rotations]
        return doc

    def encode(self) -> bytes:
        """The exact bytes of ``feed.json`` (what the signature covers)."""
        return (json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def files(self) -> list[str]:
        """Every segment and snapshot path the manifest refers to (blobs are named by the records)."""
        return [s.path for s in self.segments] + ([self.snapshot.path] if self.snapshot else [])

    def segments_after(self, cursor: int) -> list[SegmentEntry] | None:
        """The segments a client that has applied everything up to ``cursor`` needs next, in order; ``None``
        when the segments it would need were compacted away, so it must start again from the snapshot."""
        if cursor >= self.seq:
            return []
        if cursor + 1 < self.oldest_seq:
            return None
        return [s for s in self.segments if s.last > cursor]


def utc_now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def strict_json(text: str | bytes) -> Any:
    """``json.loads`` that refuses duplicate keys and NaN/Infinity (ambiguous or non-portable JSON)."""

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for k, v in items:
            if k in out:
                raise ValueError(f"the key {k!r} appears twice")
            out[k] = v
        return out

    def constant(name: str) -> Any:
        raise ValueError(f"{name} is not a number JSON allows")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


class _Fields:
    """Typed access to one JSON object of the manifest; every problem names the field."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise self.error(where, f"must be an object, not {_what(data)}")
        self.data = data
        self.where = where

    @staticmethod
    def error(where: str, message: str) -> FeedError:
        return FeedError(f"the feed's manifest is invalid: '{where}' {message}", code="manifest_invalid")

    def _get(self, key: str) -> object:
        if key not in self.data:
            raise self.error(self._name(key), "is missing")
        return self.data[key]

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def int(self, key: str, *, minimum: int = 0, maximum: int = MAX_SEQ * 1000) -> int:
        value = self._get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(self._name(key), f"must be a whole number, not {_what(value)}")
        if not minimum <= value <= maximum:
            raise self.error(self._name(key), f"must be between {minimum} and {maximum}, not {value}")
        return value

    def str(self, key: str, *, pattern: re.Pattern[str] | None = None, max_len: int = 500) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self.error(self._name(key), f"must be text, not {_what(value)}")
        if len(value) > max_len or (pattern is not None and not pattern.match(value)):
            raise self.error(self._name(key), f"has an invalid value {value[:80]!r}")
        return value

    def path(self, key: str) -> str:
        value = self._get(key)
        problem = path_problem(value)
        if problem:
            raise self.error(self._name(key), problem)
        return value  # type: ignore[return-value]


def _what(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def read_manifest(raw: bytes) -> Manifest:
    """Parse and validate the bytes of ``feed.json``. Raises :class:`FeedError` on anything wrong."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise FeedError("the feed's manifest is far too big to be a feed.json", code="manifest_invalid")
    try:
        doc = strict_json(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FeedError("the feed's manifest (feed.json) is not UTF-8 text", code="manifest_invalid") from None
    except ValueError as e:
        raise FeedError(f"the feed's manifest (feed.json) is not valid JSON: {e}", code="manifest_invalid") from None
    top = _Fields(doc, "")
    fmt = doc.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FEED_FORMAT:
        raise FeedError(f"this feed uses format {fmt}, made by a newer version of Kitepkana (this one reads "
                        f"format {FEED_FORMAT}); update Kitepkana to read it", code="feed_too_new")
    top.int("format", minimum=FEED_FORMAT, maximum=FEED_FORMAT)
    feed_id = top.str("feed_id", pattern=FEED_ID_RE)
    if unsafe_name_reason(feed_id):
        raise _Fields.error("feed_id", f"{feed_id!r} {unsafe_name_reason(feed_id)}")
    title = top.str("title", max_len=200)
    kid = top.str("key_id", pattern=KEY_ID_RE)
    seq = top.int("seq", minimum=1, maximum=MAX_SEQ)
    created = top.str("created", max_len=40)
    try:
        when = dt.datetime.fromisoformat(created)
    except ValueError:
        when = None
    if when is None or when.utcoffset() != dt.timedelta(0):
        raise _Fields.error("created", f"must be a UTC date-time like 2025-01-31T12:00:00Z, not {created!r}")
    oldest = top.int("oldest_seq", minimum=1, maximum=seq)

    raw_segments = doc.get("segments")
    if not isinstance(raw_segments, list) or not raw_segments:
        raise _Fields.error("segments", "must be a non-empty list")
    segments: list[SegmentEntry] = []
    for i, node in enumerate(raw_segments):
        f = _Fields(node, f"segments[{i}]")
        first, last = f.int("from", minimum=1, maximum=MAX_SEQ), f.int("to", minimum=1, maximum=MAX_SEQ)
        entry = SegmentEntry(first=first, last=last, path=f.path("path"), size=f.int("size"),
                             sha256=f.str("sha256", pattern=SHA256_RE), records=f.int("records", minimum=1))
        if last < first:
            raise _Fields.error(f"segments[{i}]", f"ends ({last}) before it starts ({first})")
        if entry.records != last - first + 1:
            raise _Fields.error(f"segments[{i}].records", f"is {entry.records}, but {first}..{last} holds "
                                                          f"{last - first + 1} records (one per sequence number)")
        expected_first = oldest if i == 0 else segments[-1].last + 1
        if first != expected_first:
            what = "oldest_seq" if i == 0 else f"the end of segments[{i - 1}] + 1"
            raise _Fields.error(f"segments[{i}].from", f"is {first}, but must be {expected_first} ({what}): "
                                                       "segments must follow each other with no gap or overlap")
        segments.append(entry)
    if segments[-1].last != seq:
        raise _Fields.error("segments", f"end at {segments[-1].last}, but the feed's seq is {seq}")

    snapshot = None
    if doc.get("snapshot", "missing") == "missing":
        raise _Fields.error("snapshot", "is missing (use null for none)")
    if doc["snapshot"] is not None:
        f = _Fields(doc["snapshot"], "snapshot")
        snapshot = SnapshotEntry(seq=f.int("seq", minimum=1, maximum=seq), path=f.path("path"), size=f.int("size"),
                                 sha256=f.str("sha256", pattern=SHA256_RE), records=f.int("records"))
        if snapshot.seq + 1 < oldest:
            raise _Fields.error("snapshot.seq", f"is {snapshot.seq}, but the kept segments start at {oldest}: "
                                                "a fresh install could not get from the snapshot to the end")
    elif oldest != 1:
        raise _Fields.error("oldest_seq", f"is {oldest}, but without a snapshot the segments must start at 1")

    b = _Fields(doc.get("blobs"), "blobs")
    blobs = BlobStats(count=b.int("count"), bytes=b.int("bytes", maximum=2**62))

    programs = _read_programs(doc.get("programs", []))
    rotations = doc.get("key_rotations", [])
    if not isinstance(rotations, list) or len(rotations) > MAX_KEY_ROTATIONS:
        raise _Fields.error("key_rotations", f"must be a list of at most {MAX_KEY_ROTATIONS} key hand-overs")
    key_rotations = []
    for i, node in enumerate(rotations):
        try:
            rot = rotation_from_dict(node)
        except ValueError as e:
            raise _Fields.error(f"key_rotations[{i}]", str(e)) from None
        if rot.feed_id != feed_id:
            raise _Fields.error(f"key_rotations[{i}].feed_id", f"is {rot.feed_id!r:.70}, not this feed's id")
        key_rotations.append(rot)

    seen: dict[str, str] = {}
    for p in [s.path for s in segments] + ([snapshot.path] if snapshot else []):
        if p.casefold() in seen:  # Windows and FAT32 do not tell 'A' from 'a'
            raise _Fields.error("segments", f"the path '{p}' is used twice (letter case does not count)")
        seen[p.casefold()] = p
    return Manifest(feed_id=feed_id, title=title, key_id=kid, seq=seq, created=created, oldest_seq=oldest,
                    segments=tuple(segments), snapshot=snapshot, blobs=blobs, programs=programs,
                    key_rotations=tuple(key_rotations))


def _read_programs(node: object) -> tuple[ProgramEntry, ...]:
    """The optional ``programs`` list: file names that are one safe path part, sizes, SHA-256s; no name twice."""
    if not isinstance(node, list) or len(node) > MAX_PROGRAMS:
        raise _Fields.error("programs", f"must be a list of at most {MAX_PROGRAMS} entries")
    programs: list[ProgramEntry] = []
    for i, item in enumerate(node):
        f = _Fields(item, f"programs[{i}]")
        name = f.str("name", max_len=120)
        if not name or unsafe_name_reason(name) or "/" in name or "\\" in name or name.startswith("."):
            raise _Fields.error(f"programs[{i}].name", f"{name[:80]!r} is not a plain file name")
        if name.casefold() in {p.name.casefold() for p in programs}:
            raise _Fields.error(f"programs[{i}].name", f"{name!r} is listed twice")
        programs.append(ProgramEntry(name=name, size=f.int("size", maximum=2**62),
                                     sha256=f.str("sha256", pattern=SHA256_RE)))
    return tuple(programs)


# Change records live in their own module (which imports this one); a reader of the format finds them here too.
_CHANGE_NAMES = frozenset({"Change", "Delete", "TaxonomyUpsert", "Upsert", "decode_change", "encode_change",
                           "iter_changes", "read_segment", "read_snapshot", "write_changes"})


def __getattr__(name: str) -> Any:
    if name in _CHANGE_NAMES:
        from sync import changes

        return getattr(changes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
